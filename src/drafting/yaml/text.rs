//! Lines, comments and scalars of the report YAML.

use std::fmt::Write as _;

/// Column at which comments after a value start (in display columns).
const COMMENT_COLUMN: usize = 40;

pub(super) struct Out(pub String);

impl Out {
    /// A line at `indent` levels (two spaces each), with an aligned comment.
    pub fn line(&mut self, indent: usize, content: &str, comment: &str) {
        let text = format!("{}{content}", "  ".repeat(indent));
        self.0.push_str(&text);
        if !comment.is_empty() {
            let pad = COMMENT_COLUMN.saturating_sub(width(&text)).max(1);
            self.0.push_str(&" ".repeat(pad));
            self.0.push_str("# ");
            self.0.push_str(&one_line(comment));
        }
        self.0.push('\n');
    }
    /// A line commented out (an optional key), with an aligned comment.
    pub fn commented(&mut self, indent: usize, content: &str, comment: &str) {
        self.line(indent, &format!("# {content}"), comment);
    }
    /// A comment line at `indent` levels.
    pub fn comment(&mut self, indent: usize, comment: &str) {
        self.0.push_str(&"  ".repeat(indent));
        self.0.push_str("# ");
        self.0.push_str(&one_line(comment));
        self.0.push('\n');
    }
    pub fn blank(&mut self) {
        self.0.push('\n');
    }
    /// A literal block (`|`) of paragraphs separated by blank lines.
    pub fn block(&mut self, indent: usize, paragraphs: &[String]) {
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.0.push('\n');
            }
            self.0.push_str(&"  ".repeat(indent));
            self.0.push_str(&one_line(p));
            self.0.push('\n');
        }
    }
}

/// Display width: wide characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if crate::report::prose::is_wide(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Text on one line (a comment or a block line must not break).
pub(super) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A YAML double-quoted scalar holding exactly `s`.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML scalar for `s`: plain when that reads back as the same string,
/// double-quoted otherwise.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', '~',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains("{{")
        && !s.chars().any(|c| {
            c.is_control() || matches!(c, '\u{a0}' | '\u{feff}' | '\u{2028}' | '\u{2029}')
        })
        && !s.ends_with(':')
        && !s
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "~"
        );
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

pub(super) fn flow(values: &[u64]) -> String {
    let list: Vec<String> = values.iter().map(u64::to_string).collect();
    format!("[{}]", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back() {
        assert_eq!(scalar("某某市人民政府办公室"), "某某市人民政府办公室");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("2025年"), "\"2025年\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        for s in [
            "某某局: #1 'a' \"b\"",
            "a\\b\nc\td\u{1}\u{2028}\u{a0}",
            "- [x]: {y}",
            "",
            "{{ year }}年",
        ] {
            for written in [scalar(s), quoted(s)] {
                let yaml = format!("v: {written}\n");
                let back: std::collections::BTreeMap<String, String> =
                    serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
                assert_eq!(back["v"], s, "{yaml}");
            }
        }
    }
}
