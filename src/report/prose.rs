//! Turning the author's text into paragraphs, and reading section prose
//! (a plain string, or `text` plus run-in `items`) from YAML.
//!
//! Paragraphs are separated by blank lines. Line breaks inside a paragraph are
//! joined: with nothing between two CJK characters (Typst 0.15 would print a
//! space for a newline between two Hanzi), with one space between Latin words.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use super::{Item, Pos, Prose, Val};

/// Split text into normalised paragraphs, with the 0-based line offset of each
/// paragraph's first line within `text`.
pub fn paragraphs(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        match &mut current {
            None => current = Some((n, line.to_string())),
            Some((_, para)) => {
                if needs_space(para.chars().last(), line.chars().next()) {
                    para.push(' ');
                }
                para.push_str(line);
            }
        }
    }
    out.extend(current);
    out
}

/// Whether joining two lines needs a space: only between two non-CJK characters.
fn needs_space(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => !is_wide(a) && !is_wide(b),
        _ => false,
    }
}

/// CJK ideographs, kana, hangul and full-width punctuation: no spaces around them.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF
        | 0x2018..=0x201D | 0x2026 | 0x2014 | 0x00B7)
}

/// A run-in heading ends in full-width punctuation; add “。” when it does not.
pub fn run_in_heading(heading: &str) -> String {
    let heading = heading.trim();
    match heading.chars().last() {
        Some('。' | '：' | '；' | '！' | '？' | '，') | None => heading.to_string(),
        Some(_) => format!("{heading}。"),
    }
}

/// The generated number of the n-th (0-based) run-in item: （一）（二）…
pub fn item_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let k = n + 1;
    let number = match k {
        1..=9 => DIGITS[k].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[k - 10]),
        20..=99 => format!("{}十{}", DIGITS[k / 10], DIGITS[k % 10]),
        _ => k.to_string(),
    };
    format!("（{number}）")
}

/// The position serde-saphyr recorded for a value, in the file as written
/// (before [`super::hazards`] removed invisible characters).
pub(super) fn pos<T>(s: &Spanned<T>) -> Pos {
    loc_pos(&s.referenced)
}

pub(super) fn loc_pos(l: &Location) -> Pos {
    super::hazards::original(Pos {
        line: l.line() as u32,
        column: l.column() as u32,
    })
}

pub(super) fn val<T: Clone>(s: &Spanned<T>) -> Val<T> {
    Val::at(s.value.clone(), pos(s))
}

/// Paragraphs of a scalar starting at `start`, each positioned at its own source line.
pub(super) fn text_paragraphs(text: &str, start: Pos, source: &str) -> Vec<Val<String>> {
    // A block scalar (`|` or `>`) starts its content on the next line.
    let indicator = source
        .lines()
        .nth(start.line.saturating_sub(1) as usize)
        .and_then(|l| l.chars().nth(start.column.saturating_sub(1) as usize));
    let first = start.line + u32::from(matches!(indicator, Some('|' | '>')));
    paragraphs(text)
        .into_iter()
        .map(|(offset, p)| {
            let line = first + offset as u32;
            let column = if line == start.line { start.column } else { 1 };
            Val::at(p, Pos { line, column })
        })
        .collect()
}

// ------------------------------------------------------------ prose

/// Section prose: a plain string, or `text` plus run-in `items`.
#[derive(Default)]
pub(super) struct RawProse {
    text: Option<Spanned<String>>,
    items: Vec<RawItem>,
    /// Set when the whole section is one plain string.
    plain: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    heading: Spanned<String>,
    #[serde(default)]
    text: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProseMap {
    #[serde(default)]
    text: Option<Spanned<String>>,
    #[serde(default)]
    items: Vec<RawItem>,
}

impl RawProse {
    /// The prose as meant; `at` is where the section's value starts.
    pub(super) fn to_prose(&self, at: &Location, ctx: &Ctx) -> Prose {
        let paragraphs = match (&self.plain, &self.text) {
            (Some(s), _) => ctx.paragraphs(s, at),
            (None, Some(t)) => ctx.paragraphs(&t.value, &t.referenced),
            (None, None) => Vec::new(),
        };
        let items = self
            .items
            .iter()
            .map(|i| Item {
                heading: ctx.line(&i.heading),
                paragraphs: i
                    .text
                    .as_ref()
                    .map(|t| ctx.paragraphs(&t.value, &t.referenced))
                    .unwrap_or_default(),
            })
            .collect();
        Prose { paragraphs, items }
    }
}

// ------------------------------------------------------------ text as meant

/// How a scalar was written in the YAML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Literal,
    Folded,
    Quoted,
    Plain,
}

/// Reading text values against their source: YAML folds the lines of a
/// plain or `>` scalar with spaces (and merges paragraphs) and drops
/// everything after “ #”; the clerk meant neither. Findings go to `notes`.
pub(super) struct Ctx<'a> {
    /// The file as written (positions refer to it).
    pub original: &'a str,
    /// The text the parser read (after [`super::hazards`]).
    pub normalised: &'a str,
    pub file: &'a str,
    pub notes: std::cell::RefCell<Vec<crate::diagnostic::Diagnostic>>,
}

impl Ctx<'_> {
    /// The source text of a scalar, its style, and its byte range.
    fn raw(&self, at: &Location) -> Option<(&str, Style, usize)> {
        let span = at.span();
        let (start, len) = match (span.byte_offset(), span.byte_len()) {
            (Some(o), Some(l)) => (o as usize, l as usize),
            _ => {
                let mut it = self.normalised.char_indices().map(|(i, _)| i);
                let o = it.nth(span.offset() as usize)?;
                let end = self
                    .normalised
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([self.normalised.len()])
                    .nth((span.offset() + span.len()) as usize)?;
                (o, end - o)
            }
        };
        let raw = self.normalised.get(start..start.checked_add(len)?)?;
        // A block scalar's span starts at its content, on a new line; its
        // header (“|”, “>-”…) ends the last non-blank line before it.
        let before = self.normalised[..start].trim_end_matches([' ', '\t']);
        let header = (before.is_empty() || before.ends_with('\n'))
            .then(|| before.trim_end().lines().last())
            .flatten()
            .map(|l| l.split(" #").next().unwrap_or(l).trim_end())
            .and_then(|l| {
                let ind = l.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
                let first = ind.chars().last()?;
                let rest = &ind[..ind.len() - first.len_utf8()];
                (matches!(first, '|' | '>') && (rest.is_empty() || rest.ends_with([' ', ':', '-'])))
                    .then_some(first)
            });
        let style = match (header, raw.chars().next()) {
            (Some('|'), _) | (None, Some('|')) => Style::Literal,
            (Some('>'), _) | (None, Some('>')) => Style::Folded,
            (_, Some('"' | '\'')) => Style::Quoted,
            _ => Style::Plain,
        };
        Some((raw, style, start))
    }

    /// Record a finding once (a value read twice, like the agency that is
    /// also the default title, is reported once).
    fn note(&self, d: crate::diagnostic::Diagnostic) {
        let mut notes = self.notes.borrow_mut();
        if !notes.iter().any(|n| n.code == d.code && n.pos == d.pos) {
            notes.push(d);
        }
    }

    /// Paragraphs of a text value as the clerk meant them.
    pub(super) fn paragraphs(&self, value: &str, at: &Location) -> Vec<Val<String>> {
        let start = loc_pos(at);
        let meant = self.meant(value, at);
        text_paragraphs(meant.as_deref().unwrap_or(value), start, self.original)
    }

    /// A one-line value (agency, heading, title line, signature, date) as meant.
    pub(super) fn line(&self, s: &Spanned<String>) -> Val<String> {
        let meant = self.meant(&s.value, &s.referenced);
        let text = match meant {
            Some(m) => paragraphs(&m)
                .into_iter()
                .map(|(_, p)| p)
                .collect::<Vec<_>>()
                .join(""),
            None => s.value.clone(),
        };
        Val::at(text, pos(s))
    }

    /// The text as meant when YAML read it otherwise; reports what it found.
    fn meant(&self, value: &str, at: &Location) -> Option<String> {
        let (raw, style, start) = self.raw(at)?;
        if style == Style::Plain {
            self.trailing_comment(value, raw, start, at);
        }
        let meant = match style {
            Style::Plain if raw.contains('\n') => {
                raw.lines().map(str::trim).collect::<Vec<_>>().join("\n")
            }
            Style::Folded => raw
                .lines()
                .skip(usize::from(raw.starts_with('>')))
                .collect::<Vec<_>>()
                .join("\n"),
            // Quoted lines are folded the same way; escapes are left to YAML.
            Style::Quoted if raw.contains('\n') && !raw.contains('\\') => {
                let quote = raw.chars().next()?;
                let inner = raw.strip_prefix(quote)?.strip_suffix(quote)?;
                let inner = if quote == '\'' {
                    inner.replace("''", "'")
                } else {
                    inner.to_string()
                };
                inner.lines().map(str::trim).collect::<Vec<_>>().join("\n")
            }
            _ => return None,
        };
        if paragraphs(&meant) == paragraphs(value) {
            return None;
        }
        let (message, hint) = if style == Style::Quoted {
            (
                "这段引号中的文字写了多行：YAML 会把各行用空格接起来，空一行分开的两段也会并成一段。已按“|”写法读取：段内换行直接接上，空行分段。",
                "多行文字请用“|”写法（冒号后写“|”，文字从下一行起缩进书写，不加引号），此警告即消失。",
            )
        } else if style == Style::Folded {
            (
                "这段文字用了“>”（折叠）写法：YAML 会把各行用空格接起来，空一行分开的两段也会并成一段。已按“|”写法读取：段内换行直接接上，空行分段。",
                "请把“>”改为“|”，此警告即消失。",
            )
        } else {
            (
                "这段文字没有用“|”却写了多行：YAML 会把各行用空格接起来，空一行分开的两段也会并成一段。已按“|”写法读取：段内换行直接接上，空行分段。",
                "请在冒号后写“|”，文字从下一行起缩进书写，此警告即消失。",
            )
        };
        // A folded block is pointed at by its “>”, the character to change.
        let at_pos = match style {
            Style::Folded => self.indicator(start).unwrap_or_else(|| loc_pos(at)),
            _ => loc_pos(at),
        };
        self.note(crate::diagnostic::Diagnostic {
            severity: crate::diagnostic::Severity::Warning,
            hint: Some(hint.into()),
            width: Some(1),
            ..crate::diagnostic::Diagnostic::error(
                "W-FOLDED",
                self.file,
                Some(at_pos),
                message.into(),
            )
        });
        Some(meant)
    }

    /// Where the “>” of the block whose content starts at byte `start` is.
    fn indicator(&self, start: usize) -> Option<Pos> {
        let before = self.normalised[..start].trim_end();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &before[line_start..];
        let code = line.split(" #").next().unwrap_or(line);
        let i = code.rfind('>')?;
        Some(super::hazards::original(Pos {
            line: before.matches('\n').count() as u32 + 1,
            column: line[..i].chars().count() as u32 + 1,
        }))
    }

    /// “text: 甲 #乙” — YAML drops “#乙” as a comment. A comment set off by
    /// two spaces and starting “# ” (as `init` writes them) is left alone.
    fn trailing_comment(&self, value: &str, raw: &str, start: usize, at: &Location) {
        let end = start + raw.len();
        let rest = self.normalised[end..].split('\n').next().unwrap_or("");
        let rest = rest.trim_end_matches('\r');
        let gap = rest.len() - rest.trim_start().len();
        let Some(comment) = rest.trim_start().strip_prefix('#') else {
            return;
        };
        let hashtag = comment.chars().next().is_some_and(|c| !c.is_whitespace());
        if gap != 1 && !hashtag {
            return;
        }
        let comment = format!("#{comment}");
        // Where the comment starts, in the file as written.
        let line_start = self.normalised[..end].rfind('\n').map_or(0, |i| i + 1);
        let line_no = self.normalised[..end].matches('\n').count() as u32 + 1;
        let col = self.normalised[line_start..end].chars().count() as u32 + gap as u32 + 1;
        let at_line = &self.normalised[line_start..end];
        let value_line = raw.lines().last().unwrap_or(raw);
        let key = &at_line[..at_line.len() - value_line.len()];
        let whole = format!("{} {}", value.trim_end(), comment.trim_end());
        let quoted = format!("\"{}\"", whole.replace('\\', "\\\\").replace('"', "\\\""));
        let fix = if raw.contains('\n') {
            "请改用“|”写法（冒号后写“|”，文字从下一行起缩进书写），“#”在“|”块中原样印出。"
                .to_string()
        } else {
            format!("如果“#”是正文的一部分，请把整个值用引号括起来：{}{quoted}；如果确是注释，请在“#”前空两格并在“#”后加空格。", key.trim_start())
        };
        let _ = at;
        self.note(crate::diagnostic::Diagnostic {
            severity: crate::diagnostic::Severity::Warning,
            hint: Some(fix),
            width: Some(comment.trim_end().chars().count()),
            ..crate::diagnostic::Diagnostic::error(
                "W-COMMENT",
                self.file,
                Some(super::hazards::original(Pos {
                    line: line_no,
                    column: col,
                })),
                format!("“{}”被 YAML 当作注释，不会印出。", comment.trim_end()),
            )
        });
    }
}

impl<'de> Deserialize<'de> for RawProse {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawProse;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("一段文字，或含 text 和 items 的内容")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawProse, E> {
                Ok(RawProse {
                    plain: Some(v.to_string()),
                    ..RawProse::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawProse, A::Error> {
                let m = RawProseMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawProse {
                    text: m.text,
                    items: m.items,
                    plain: None,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_lines_without_spaces_between_hanzi() {
        let p = paragraphs("全年共收到\n申请21件。\n\n第二段 English\nwords here");
        assert_eq!(
            p,
            vec![
                (0, "全年共收到申请21件。".into()),
                (3, "第二段 English words here".into())
            ]
        );
    }

    #[test]
    fn numbers_run_in_items() {
        assert_eq!(item_number(0), "（一）");
        assert_eq!(item_number(9), "（十）");
        assert_eq!(item_number(11), "（十二）");
        assert_eq!(item_number(20), "（二十一）");
    }

    #[test]
    fn run_in_heading_gets_a_full_stop() {
        assert_eq!(run_in_heading("主动公开方面"), "主动公开方面。");
        assert_eq!(run_in_heading("主动公开方面。"), "主动公开方面。");
    }
}
