//! Turning the author's text into paragraphs, and reading section prose
//! (a plain string, or `text` plus run-in `items`) from YAML.
//!
//! Paragraphs are separated by blank lines. Line breaks inside a paragraph are
//! joined: with nothing between two CJK characters (Typst 0.15 would print a
//! space for a newline between two Hanzi), with one space between Latin words.

mod meant;

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};

use super::{Item, Pos, Prose, Val};

pub(super) use meant::Ctx;

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
        // Private use: where GBK's 造字 (self-made characters of rare names)
        // land. They are hanzi to the reader, so a Latin face never sets them.
        || is_private_use(c)
}

/// A private-use code point (U+E000–U+F8FF, planes 15 and 16).
pub fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFD)
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
