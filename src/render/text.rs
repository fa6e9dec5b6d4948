//! Text preparation before Typst: what keeps the body on the GB/T 9704 grid
//! (28 full cells a line) and inside its box.
//!
//! Typst 0.15 compresses full-width punctuation (at a line start, at a line
//! end, between neighbours, and when it shrinks a justified line), and has no
//! switch to turn that off. So every full-width mark reaches the template as
//! a [`Seg::Mark`], which the style prints in a box exactly one cell wide: a
//! box is never compressed or hung. The 禁则 (no closing mark at a line start,
//! no opening mark at a line end, —— and …… never split) are kept by putting
//! a mark and the character it must stay with in one unbreakable
//! [`Seg::Group`]; long Latin tokens get [`Seg::Break`] opportunities. Both
//! print nothing and add nothing to the PDF's text (a U+2060 word joiner or
//! U+200B would: Typst maps them into the copied text).
//!
//! Also here: the automatic title broken at word boundaries, and the number
//! a clerk typed in front of an item heading (the layout numbers items).

use serde::Serialize;

/// A piece of a prepared paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Seg {
    /// Plain text.
    Text(String),
    /// One full-width mark in a cell of its own (`align`: where its ink sits).
    Mark { p: String, align: &'static str },
    /// Pieces that no line break may separate.
    Group { group: Vec<Seg> },
    /// A line break opportunity that prints nothing.
    Break { brk: bool },
}

/// Marks that may not start a line (GB/T 15834 and common 禁则): closing
/// brackets and quotes, sentence and pause marks, the interpunct.
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '·' | '、'
            | '。'
            | '，'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '〉'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '．'
            | '%'
            | '‰'
    )
}

/// Opening brackets and quotes, which may not end a line.
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '「' | '『' | '【' | '〔' | '〖' | '〈' | '［' | '｛' | '“' | '‘'
    )
}

/// Where a full-width mark's ink sits in its cell, or None when `c` is set
/// as ordinary text. Opening marks sit right, closing ones left (as in
/// 仿宋_GB2312), the interpunct, dashes and ellipses centred.
pub fn mark_align(c: char) -> Option<&'static str> {
    if no_line_end(c) {
        return Some("right");
    }
    match c {
        '、' | '。' | '，' | '；' | '：' | '？' | '！' | '）' | '》' | '」' | '』' | '】'
        | '〕' | '〗' | '〉' | '］' | '｝' | '”' | '’' | '．' => Some("left"),
        '·' | '—' | '…' => Some("center"),
        _ => None,
    }
}

/// Characters of a Latin token (e-mail, URL, file name, code, number).
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._-@/:?=&%+~#\\".contains(c)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Char(char),
    Brk,
}

/// Prepare one paragraph: full-width marks in cells, each kept with the
/// neighbour the 禁则 bind it to; long Latin tokens breakable; stray line
/// separators and no-break spaces between Chinese characters dropped (see
/// [`normalise`]).
pub fn prepare(s: &str) -> Vec<Seg> {
    let units = breakable_tokens(&normalise(s));
    let n = units.len();
    // glue[i]: no break between units[i] and units[i + 1].
    let mut glue = vec![false; n.saturating_sub(1)];
    for i in 0..n.saturating_sub(1) {
        if let (Unit::Char(a), Unit::Char(b)) = (units[i], units[i + 1]) {
            glue[i] = no_line_start(b) || no_line_end(a) || (matches!(a, '—' | '…') && a == b);
        }
    }
    // A glued Latin character pulls in its whole token (up to a break point):
    // a break before the group would otherwise part “gov.c|n，”.
    let latin = |i: usize| matches!(units[i], Unit::Char(c) if is_token_char(c));
    for i in 0..glue.len() {
        if glue[i] {
            let mut j = i;
            while j > 0 && latin(j) && latin(j - 1) {
                glue[j - 1] = true;
                j -= 1;
            }
            let mut k = i + 1;
            while k + 1 < n && latin(k) && latin(k + 1) {
                glue[k] = true;
                k += 1;
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let start = i;
        while i + 1 < n && glue[i] {
            i += 1;
        }
        let piece = segs(&units[start..=i]);
        let has_mark = piece.iter().any(|s| matches!(s, Seg::Mark { .. }));
        if i > start && has_mark && piece.len() > 1 {
            out.push(Seg::Group { group: piece });
        } else {
            out.extend(piece);
        }
        i += 1;
    }
    merge_text(out)
}

/// Units as segments: runs of characters as text, marks as cells.
fn segs(units: &[Unit]) -> Vec<Seg> {
    let mut out = Vec::new();
    for u in units {
        match *u {
            Unit::Brk => out.push(Seg::Break { brk: true }),
            Unit::Char(c) => match mark_align(c) {
                Some(align) => out.push(Seg::Mark {
                    p: c.to_string(),
                    align,
                }),
                None => match out.last_mut() {
                    Some(Seg::Text(t)) => t.push(c),
                    _ => out.push(Seg::Text(c.to_string())),
                },
            },
        }
    }
    out
}

/// Adjacent text segments joined.
fn merge_text(segs: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs {
        match (out.last_mut(), s) {
            (Some(Seg::Text(a)), Seg::Text(b)) => a.push_str(&b),
            (_, s) => out.push(s),
        }
    }
    out
}

/// Characters pasted from Word that change the layout without meaning to:
/// U+2028/U+2029 (a forced line break inside a paragraph) are dropped; a
/// no-break space between two Chinese characters is dropped, elsewhere it
/// becomes an ordinary space.
pub fn normalise(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\u{2028}' | '\u{2029}' => {}
            '\u{00A0}' | '\u{202F}' | '\u{2007}' => {
                let wide = |c: Option<&char>| c.is_some_and(|&c| crate::report::prose::is_wide(c));
                let (before, after) = (
                    i.checked_sub(1).and_then(|j| chars.get(j)),
                    chars.get(i + 1),
                );
                if !(wide(before) || wide(after)) {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether `s` holds a character [`normalise`] changes.
pub fn needs_normalising(s: &str) -> bool {
    s.contains(['\u{2028}', '\u{2029}', '\u{00A0}', '\u{202F}', '\u{2007}'])
}

/// Break opportunities in long Latin tokens: after . @ / - _ (not a decimal
/// point between digits), and every 12 characters of a run that has none.
fn breakable_tokens(s: &str) -> Vec<Unit> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_token_char(chars[i]) {
            out.push(Unit::Char(chars[i]));
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_token_char(chars[i]) {
            i += 1;
        }
        let token = &chars[start..i];
        if token.len() < 10 {
            out.extend(token.iter().map(|&c| Unit::Char(c)));
            continue;
        }
        let mut run = 0;
        for (k, &c) in token.iter().enumerate() {
            out.push(Unit::Char(c));
            run += 1;
            let Some(&next) = token.get(k + 1) else {
                break;
            };
            let decimal =
                c == '.' && k > 0 && token[k - 1].is_ascii_digit() && next.is_ascii_digit();
            let after_mark = "./@-_".contains(c) && !decimal;
            if after_mark || (run >= 12 && !"./@-_".contains(next)) {
                out.push(Unit::Brk);
                run = 0;
            }
        }
    }
    out
}

/// The text of prepared segments, as printed.
pub fn plain(segs: &[Seg]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Text(t) => t.clone(),
            Seg::Mark { p, .. } => p.clone(),
            Seg::Group { group } => plain(group),
            Seg::Break { .. } => String::new(),
        })
        .collect()
}

/// A number a clerk typed in front of an item heading that the layout numbers
/// itself: “（二）”, “(二)”, “二、”, “2.”, “2、”, “２．”. Returns the number
/// and the heading without it, or None.
pub fn typed_number(heading: &str) -> Option<(&str, &str)> {
    let h = heading.trim_start();
    let numeral = |c: char| "一二三四五六七八九十〇零".contains(c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let end = if let Some(rest) = h.strip_prefix(['（', '(']) {
        let n = rest.chars().take_while(|&c| numeral(c) || digit(c)).count();
        let mut it = rest.chars().skip(n);
        if n == 0 || !matches!(it.next(), Some('）' | ')')) {
            return None;
        }
        let open = h.chars().next()?.len_utf8();
        let body: usize = rest.chars().take(n).map(char::len_utf8).sum();
        open + body + rest.chars().nth(n)?.len_utf8()
    } else {
        let n: Vec<char> = h.chars().take_while(|&c| numeral(c) || digit(c)).collect();
        if n.is_empty() {
            return None;
        }
        let body: usize = n.iter().map(|c| c.len_utf8()).sum();
        let sep = h[body..].chars().next()?;
        let ok = match sep {
            '、' => true,
            '.' | '．' => n.iter().all(|&c| digit(c)),
            _ => false,
        };
        if !ok {
            return None;
        }
        body + sep.len_utf8()
    };
    let rest = h[end..].trim_start();
    (!rest.is_empty()).then(|| (&h[..end], rest))
}

/// Where the automatic title may break: after these words (longest first).
const TITLE_BREAK_AFTER: [&str; 22] = [
    "人民代表大会常务委员会",
    "管理委员会",
    "人民政府",
    "委员会",
    "办公室",
    "办公厅",
    "工作年度报告",
    "年度报告",
    "开发区",
    "新区",
    "自治州",
    "自治县",
    "自治区",
    "中心",
    "分局",
    "省",
    "市",
    "县",
    "区",
    "局",
    "厅",
    "委",
];

/// Words never split by a title break although they hold a word of
/// [`TITLE_BREAK_AFTER`].
const NO_BREAK_INSIDE: [&str; 8] = [
    "市场", "市政", "城市", "区域", "社区", "县域", "局长", "委托",
];

/// Break a title line that is longer than `max` characters (22pt on the
/// 156 mm type area: 20) into lines of at most `max`, at word boundaries:
/// after an administrative word of [`TITLE_BREAK_AFTER`] (never inside one,
/// so never 开发区分/局), choosing the most even split; without any, the most
/// even split that does not part two Latin letters or digits.
pub fn break_title(line: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= max || max == 0 {
        return vec![line.to_string()];
    }
    let n = chars.len();
    let lines_needed = n.div_ceil(max);
    let target = n.div_ceil(lines_needed);
    // A break after chars[k-1] must end a word of TITLE_BREAK_AFTER and
    // fall inside no word of it or of NO_BREAK_INSIDE.
    let spans = |k: usize| {
        TITLE_BREAK_AFTER
            .iter()
            .chain(NO_BREAK_INSIDE.iter())
            .any(|w| {
                let w: Vec<char> = w.chars().collect();
                (k.saturating_sub(w.len() - 1)..k)
                    .any(|s| s + w.len() > k && chars[s..].starts_with(&w))
            })
    };
    let word_ends: Vec<usize> = (1..n)
        .filter(|&k| {
            TITLE_BREAK_AFTER
                .iter()
                .any(|w| chars[..k].iter().collect::<String>().ends_with(w))
                && !spans(k)
        })
        .collect();
    let first_len = |k: usize| k <= max && n - k <= max * (lines_needed - 1);
    let pick = word_ends
        .iter()
        .copied()
        .filter(|&k| first_len(k))
        .min_by_key(|&k| (k as isize - target as isize).unsigned_abs())
        .or_else(|| {
            (1..n)
                .filter(|&k| first_len(k))
                .filter(|&k| {
                    !(chars[k - 1].is_ascii_alphanumeric() && chars[k].is_ascii_alphanumeric())
                })
                .min_by_key(|&k| (k as isize - target as isize).unsigned_abs())
        })
        .unwrap_or(max.min(n - 1));
    let mut out = vec![chars[..pick].iter().collect::<String>()];
    out.extend(break_title(&chars[pick..].iter().collect::<String>(), max));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(p: &str, align: &'static str) -> Seg {
        Seg::Mark { p: p.into(), align }
    }
    fn text(t: &str) -> Seg {
        Seg::Text(t.into())
    }
    fn group(g: Vec<Seg>) -> Seg {
        Seg::Group { group: g }
    }

    #[test]
    fn marks_become_cells_kept_with_their_neighbours() {
        let s = prepare("本机关（一）收到，办结。");
        assert_eq!(
            s,
            [
                text("本机关"),
                group(vec![mark("（", "right"), text("一"), mark("）", "left")]),
                text("收"),
                group(vec![text("到"), mark("，", "left")]),
                text("办"),
                group(vec![text("结"), mark("。", "left")]),
            ]
        );
        assert_eq!(plain(&s), "本机关（一）收到，办结。");
    }

    #[test]
    fn interpunct_and_double_marks_do_not_split() {
        let s = prepare("阿依古丽·买买提——好……");
        assert_eq!(
            s,
            [
                text("阿依古"),
                group(vec![text("丽"), mark("·", "center")]),
                text("买买提"),
                group(vec![mark("—", "center"), mark("—", "center")]),
                text("好"),
                group(vec![mark("…", "center"), mark("…", "center")]),
            ]
        );
        // A Latin token glued to a mark comes along whole.
        let s = prepare("达到99.9%以上，网址gov.cn。");
        assert_eq!(
            s.last(),
            Some(&group(vec![text("gov.cn"), mark("。", "left")]))
        );
    }

    #[test]
    fn long_latin_tokens_get_break_points() {
        let s = prepare("电子邮箱：zhengfuxinxigongkailingdaoxiaozubangongshi@mouxian.gov.cn");
        let pieces: Vec<String> = s
            .split(|s| matches!(s, Seg::Break { .. }))
            .map(plain)
            .collect();
        assert_eq!(
            pieces,
            [
                "电子邮箱：zhengfuxinxi",
                "gongkailingd",
                "aoxiaozubang",
                "ongshi@",
                "mouxian.",
                "gov.",
                "cn"
            ]
        );
        let d = prepare("共计1234567.89万元，电话0812-3322110");
        let pieces: Vec<String> = d
            .split(|s| matches!(s, Seg::Break { .. }))
            .map(plain)
            .collect();
        assert_eq!(pieces, ["共计1234567.89万元，电话0812-", "3322110"]);
    }

    #[test]
    fn word_paste_characters_are_normalised() {
        assert_eq!(normalise("联系\u{2028}电话"), "联系电话");
        assert_eq!(normalise("联系\u{a0}电话 Tel.\u{a0}1"), "联系电话 Tel. 1");
    }

    #[test]
    fn typed_item_numbers_are_found() {
        assert_eq!(
            typed_number("二、依申请公开方面"),
            Some(("二、", "依申请公开方面"))
        );
        assert_eq!(
            typed_number("（二）依申请公开"),
            Some(("（二）", "依申请公开"))
        );
        assert_eq!(typed_number("(3)平台建设"), Some(("(3)", "平台建设")));
        assert_eq!(typed_number("2.平台建设"), Some(("2.", "平台建设")));
        assert_eq!(typed_number("二是加强"), None);
        assert_eq!(typed_number("2024年工作"), None);
        assert_eq!(typed_number("十、"), None);
    }

    #[test]
    fn titles_break_at_word_boundaries() {
        assert_eq!(
            break_title("某某市经济技术开发区管理委员会规划建设分局", 20),
            ["某某市经济技术开发区", "管理委员会规划建设分局"]
        );
        assert_eq!(
            break_title("某某省某某市某某县经济开发区分局", 12),
            ["某某省某某市某某县", "经济开发区分局"]
        );
        assert_eq!(
            break_title("西安市鄠邑区人民政府办公室", 20),
            ["西安市鄠邑区人民政府办公室"]
        );
        // No word to break after: the most even split, every line within 20.
        let lines = break_title("一二三四五六七八九十一二三四五六七八九十一二三四五", 20);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
    }
}
