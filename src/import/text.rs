//! Plain text copied from a page (and markdown-like tables pulled out of a
//! PDF) into the intermediate form, and the text helpers all extractors share.

use super::doc::{Block, Doc, Para, Place, Table};
use crate::report::prose::is_wide;

/// Text with every kind of white space removed and the half-width forms of
/// the format's punctuation made full-width: the form labels are compared in.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}' | '\u{feff}'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '．' => '.',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Running text as printed: white space runs made one space, ends trimmed;
/// with `layout_spaces`, spaces next to a Chinese character dropped (text
/// copied out of a PDF viewer has “2024 年” where the page has “2024年”).
pub fn tidy(s: &str, layout_spaces: bool) -> String {
    let chars: Vec<char> = s
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            let start = i;
            while i < chars.len() && chars[i] == ' ' {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let keep = match (before, after) {
                (Some(a), Some(b)) => !layout_spaces || (!is_wide(a) && !is_wide(b)),
                _ => false,
            };
            if keep {
                out.push(' ');
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Canonical equivalents composed (NFC), and Kangxi radicals and CJK
/// compatibility ideographs as the ideographs they print as: many PDF fonts' ToUnicode maps give “⾏政” for 行政, “⼀” for 一.
pub fn unradical(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Canonical equivalents first: U+2329 “〈” is U+3008 “〈”.
    let s: &str = &s.nfc().collect::<String>();
    if !s.chars().any(is_radical) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(&(_, to)) = SUPPLEMENT.iter().find(|(from, _)| *from == c) {
            out.push(to);
        } else if is_radical(c) {
            out.extend(std::iter::once(c).nfkc());
        } else {
            out.push(c);
        }
    }
    out
}

/// Radicals of the CJK Radicals Supplement that stand for whole characters
/// (Unicode gives them no decomposition): the ones seen in report text.
const SUPPLEMENT: [(char, char); 30] = [
    ('⺠', '民'),
    ('⺟', '母'),
    ('⺼', '月'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻋', '车'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
    ('⻣', '骨'),
    ('⻍', '辶'),
];

fn is_radical(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// Characters that end a sentence (or a paragraph): a paragraph that ends
/// otherwise was cut by a page break.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '”' | '…' | '.' | '!' | '?' | '）' | ')' | '》'
    )
}

/// Whether the text was copied out of a PDF viewer, which puts a space
/// between a figure and the Chinese around it (“2024 年”, “第 711 号”):
/// then such spaces are layout, not the author's. Text copied from a web
/// page has them only where the author typed them.
fn layout_spaces(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let spaced = chars
        .windows(3)
        .filter(|w| {
            w[1] == ' '
                && ((w[0].is_ascii_digit() && is_wide(w[2]))
                    || (is_wide(w[0]) && w[2].is_ascii_digit()))
        })
        .count();
    spaced >= 3
}

/// A markdown table row `| a | b |`; None for other lines and `|---|` rules.
fn pipe_row(line: &str) -> Option<Option<Vec<String>>> {
    let t = line.trim();
    if !(t.starts_with('|') && t.ends_with('|') && t.len() >= 2) {
        return None;
    }
    let inner = &t[1..t.len() - 1];
    let cells: Vec<String> = inner.split('|').map(|c| c.trim().to_string()).collect();
    let rule = cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        || cells
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
    Some(if rule { None } else { Some(cells) })
}

/// A row copied from a web page's table: cells separated by tabs.
fn tab_row(line: &str) -> Option<Vec<String>> {
    line.contains('\t')
        .then(|| line.split('\t').map(|c| c.trim().to_string()).collect())
}

/// Plain text → blocks: each non-empty line a paragraph (the recogniser
/// joins lines a page break or a hard wrap cut), runs of `|…|` or tabbed
/// lines a table.
pub fn extract(text: &str) -> Doc {
    let text = &unradical(text);
    let mut doc = Doc {
        layout_spaces: layout_spaces(text),
        ..Doc::default()
    };
    // Each row with its line: a clerk finds a row in a text file by its line.
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut table_start = 0;
    let mut tables = 0;
    let flush =
        |rows: &mut Vec<(usize, Vec<String>)>, doc: &mut Doc, start: usize, tables: &mut usize| {
            if !rows.is_empty() {
                *tables += 1;
                let (lines, cells): (Vec<usize>, Vec<Vec<String>>) =
                    std::mem::take(rows).into_iter().unzip();
                doc.blocks.push(Block::Table(Table {
                    row_at: lines
                        .into_iter()
                        .map(|n| Place(format!("第{}行", n + 1)))
                        .collect(),
                    ..Table::from_rows(
                        cells,
                        Some(Place(format!("第{}行起的表格", start + 1))),
                        false,
                    )
                }));
            }
        };
    let all: Vec<&str> = text.lines().collect();
    let is_row = |l: &str| pipe_row(l).is_some() || tab_row(l).is_some();
    for (n, &line) in all.iter().enumerate() {
        // Table A's one-cell band rows (第二十条第（五）项) copy without a tab:
        // between two table rows such a line is a row too.
        // (Looked for only then: looking after every line of a file of
        // blank lines took time with the square of their number.)
        if !rows.is_empty()
            && squash(line).starts_with("第二十条第")
            && all[n + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| is_row(l))
        {
            rows.push((n, vec![line.trim().to_string()]));
            continue;
        }
        if let Some(row) = pipe_row(line) {
            if rows.is_empty() {
                table_start = n;
            }
            if let Some(cells) = row {
                rows.push((n, cells));
            }
            continue;
        }
        if let Some(cells) = tab_row(line) {
            if rows.is_empty() {
                table_start = n;
            }
            rows.push((n, cells));
            continue;
        }
        if line.trim().is_empty() {
            // A blank line ends a table only when the next line is not a row.
            continue;
        }
        flush(&mut rows, &mut doc, table_start, &mut tables);
        doc.blocks.push(Block::Para(Para {
            text: line.trim().to_string(),
            at: Place(format!("第{}行", n + 1)),
        }));
    }
    flush(&mut rows, &mut doc, table_start, &mut tables);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_drops_layout_spaces_only() {
        assert_eq!(tidy("国令第 711 号", true), "国令第711号");
        assert_eq!(tidy("2024 年 1 月", true), "2024年1月");
        assert_eq!(
            tidy("“中国攀枝花” APP and more", true),
            "“中国攀枝花”APP and more"
        );
        assert_eq!(tidy(" APP 和\u{a0} WeChat ", false), "APP 和 WeChat");
    }

    #[test]
    fn radicals_read_as_the_characters_printed() {
        assert_eq!(
            unradical("⾏政⼀⽆（⼆）人⺠局⻓"),
            "行政一无（二）人民局长"
        );
    }

    #[test]
    fn squash_makes_labels_comparable() {
        assert_eq!(squash("(一) 予以公开"), "（一）予以公开");
        assert_eq!(squash("结果\n维持"), "结果维持");
    }
}
