//! Text hazards: characters a clerk cannot see or cannot tell apart from the
//! intended ones (pasted from Word, web pages or PDFs). One table, applied to
//! the whole YAML text before it is parsed, so keys, numbers and every text
//! field are treated alike: each hazard is normalised and named in a warning
//! (line, column, code point), never left for the typesetter to trip on.
//!
//! The table itself is in `table`, the warnings in `findings`, and the map
//! back to the file as written, used while parsing, in `current`.

mod current;
mod findings;
mod table;

use std::collections::BTreeMap;

use crate::diagnostic::Pos;
use crate::report::prose::is_wide;

pub(super) use current::{clear, list_follows, original, quoted, set_current};
pub use findings::{code_point, findings};
pub use table::{classify, Fix, CODE};

/// One hazard as found: 1-based line and column (characters) in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hazard {
    pub line: u32,
    pub column: u32,
    pub ch: char,
    pub fix: Fix,
    /// What was put in its place ("" when deleted).
    pub became: String,
    /// Inside a YAML comment line: fixed without a word.
    pub in_comment: bool,
}

/// The text after the table was applied, and what was changed where.
#[derive(Debug, Clone, Default)]
pub struct Normalised {
    pub text: String,
    pub hazards: Vec<Hazard>,
    /// Per line, the original columns of characters that were deleted.
    removed: BTreeMap<u32, Vec<u32>>,
}

impl Normalised {
    /// The column in the original text of a column in the normalised one.
    pub fn original_column(&self, line: u32, column: u32) -> u32 {
        let mut o = column;
        if let Some(cols) = self.removed.get(&line) {
            for &c in cols {
                if c <= o {
                    o += 1;
                }
            }
        }
        o
    }

    /// A position in the normalised text as a position in the original.
    pub fn original(&self, p: Pos) -> Pos {
        Pos {
            line: p.line,
            column: self.original_column(p.line, p.column),
        }
    }
}

/// Apply the table to a whole text (a YAML file or one value).
pub fn normalise(src: &str) -> Normalised {
    let mut out = Normalised::default();
    if !src.chars().any(|c| classify(c).is_some()) {
        out.text = src.to_string();
        return out;
    }
    let mut text = String::with_capacity(src.len());
    for (n, line) in src.split_inclusive('\n').enumerate() {
        let line_no = n as u32 + 1;
        let in_comment = line.trim_start().starts_with('#');
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let indentation = chars[..i].iter().all(|c| c.is_whitespace());
            let Some((fix, _)) = classify(c).filter(|_| !(c == '\t' && indentation)) else {
                text.push(c);
                continue;
            };
            let became = match fix {
                Fix::Remove => String::new(),
                Fix::Replace(to) => to.to_string(),
                Fix::Keep => c.to_string(),
                Fix::Space => {
                    let before = text.chars().last();
                    let after = chars[i + 1..]
                        .iter()
                        .copied()
                        .find(|c| classify(*c).is_none());
                    let inside = before
                        .is_some_and(|b| !b.is_whitespace() && !":-[{,#".contains(b))
                        && after.is_some_and(|a| !a.is_whitespace());
                    if inside && (before.is_some_and(is_wide) || after.is_some_and(is_wide)) {
                        String::new()
                    } else {
                        " ".into()
                    }
                }
                Fix::Join => {
                    let before = text.chars().last().filter(|c| *c != '\n');
                    let after = chars[i + 1..]
                        .iter()
                        .copied()
                        .find(|c| classify(*c).is_none());
                    let wide = before.is_some_and(is_wide) || after.is_some_and(is_wide);
                    let edge = before.is_none_or(char::is_whitespace)
                        || after.is_none_or(char::is_whitespace);
                    if wide || edge {
                        String::new()
                    } else {
                        " ".into()
                    }
                }
            };
            if became.is_empty() {
                out.removed.entry(line_no).or_default().push(i as u32 + 1);
            }
            text.push_str(&became);
            out.hazards.push(Hazard {
                line: line_no,
                column: i as u32 + 1,
                ch: c,
                fix,
                became,
                in_comment,
            });
        }
    }
    out.text = text;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_go_and_columns_map_back() {
        let n = normalise("a: 甲\u{200B}乙\u{2060}丙 x\n");
        assert_eq!(n.text, "a: 甲乙丙 x\n");
        assert_eq!(n.original_column(1, 7), 9);
        assert_eq!(n.original_column(1, 4), 4);
        assert_eq!(n.hazards.len(), 2);
    }

    #[test]
    fn line_separators_join_like_a_paragraph() {
        assert_eq!(normalise("甲\u{2028}乙").text, "甲乙");
        assert_eq!(normalise("ab\u{000B}cd").text, "ab cd");
        assert_eq!(normalise("a:\u{00A0}1").text, "a: 1");
        assert_eq!(normalise("信息\u{00A0}120条").text, "信息120条");
        assert_eq!(normalise("GB/T\u{00A0}9704").text, "GB/T 9704");
        // A tab inside a value, not one that indents.
        assert_eq!(
            normalise("a: 发布前\t保密\n\tb: 1").text,
            "a: 发布前保密\n\tb: 1"
        );
    }
}
