//! The report's prose: the six section headings, the numbered items within
//! a section (separate-line or run-in headings), paragraphs a page break cut
//! in two, and a portal's page furniture left out.

use super::super::doc::{Block, Doc, Place};
use super::super::draft::Section;
use super::super::places::Key;
use super::super::text::{is_terminal, squash, tidy};
use super::front::is_date;

/// Which of the six sections a paragraph heads, if it is a heading.
pub(super) fn section_heading(text: &str) -> Option<usize> {
    let s = squash(text);
    if s.chars().count() > 30 || s.ends_with('。') {
        return None;
    }
    const NUMS: [&str; 6] = ["一、", "二、", "三、", "四、", "五、", "六、"];
    const WORDS: [&[&str]; 6] = [
        &["总体"],
        &["主动公开"],
        &["申请"],
        &["复议", "诉讼"],
        &["问题"],
        &["其他", "事项"],
    ];
    match NUMS.iter().position(|n| s.starts_with(n)) {
        // Its number and a word of the title, or a misprint of the title
        // (words dropped or changed, three fifths still in order).
        Some(i) => (WORDS[i].iter().any(|w| s.contains(w))
            || super::labels::misprint_of(&s, crate::format::SECTIONS[i].heading))
        .then_some(i),
        // A Word numbered list whose numbers did not print (“总体情况”
        // alone): only the official title itself, word for word.
        None => crate::format::SECTIONS
            .iter()
            .position(|sec| sec.heading.split_once('、').is_some_and(|(_, t)| t == s)),
    }
}

/// “（三）…” → (3, rest).
pub(super) fn item_start(text: &str) -> Option<(usize, &str)> {
    let rest = text.trim_start().strip_prefix(['（', '('])?;
    let end = rest.find(['）', ')'])?;
    let n = chinese_number(&rest[..end])?;
    let close = rest[end..].chars().next().map_or(1, char::len_utf8);
    Some((n, rest[end + close..].trim_start()))
}

pub(super) fn chinese_number(s: &str) -> Option<usize> {
    let d = |c: char| {
        "一二三四五六七八九"
            .find(c)
            .map(|i| i / '一'.len_utf8() + 1)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => d(*a),
        ['十', b] => Some(10 + d(*b)?),
        [a, '十'] => Some(d(*a)? * 10),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

/// Longest run-in heading: “（一）主动公开方面。” and the like are short.
pub(super) const MAX_HEADING: usize = 30;

/// Paragraphs of one section → text and items.
#[cfg(test)]
pub(super) fn section_prose(paras: &[String]) -> Section {
    section_parts(paras, 0).0
}

/// The same, and which input paragraph each part of section `sec` came
/// from (a run-in heading gives both the heading and the item's first paragraph).
pub(super) fn section_parts(paras: &[String], sec: usize) -> (Section, Vec<(Key, usize)>) {
    let mut out = Section::default();
    let mut from: Vec<(Key, usize)> = Vec::new();
    for (n, p) in paras.iter().enumerate() {
        let next = out.items.len() + 1;
        if let Some((_, rest)) = item_start(p).filter(|(n, _)| *n == next) {
            // Separate-line heading, or run-in heading up to the first “。”/“：”.
            let stop = rest.find(['。', '：']);
            let whole =
                rest.chars().count() <= MAX_HEADING && stop.is_none_or(|i| i + 3 >= rest.len());
            if whole {
                let heading = rest.trim_end_matches('。').to_string();
                if !heading.is_empty() {
                    from.push((Key::Heading(sec, out.items.len()), n));
                    out.items.push((heading, Vec::new()));
                    continue;
                }
            } else if let Some(i) =
                stop.filter(|i| rest[..*i].chars().count() <= MAX_HEADING && *i > 0)
            {
                let sep = &rest[i..i + '。'.len_utf8()];
                let heading = if sep == "：" {
                    rest[..i + sep.len()].to_string()
                } else {
                    rest[..i].to_string()
                };
                let text = rest[i + sep.len()..].trim().to_string();
                let k = out.items.len();
                from.push((Key::Heading(sec, k), n));
                if !text.is_empty() {
                    from.push((Key::ItemText(sec, k, 0), n));
                }
                out.items
                    .push((heading, if text.is_empty() { vec![] } else { vec![text] }));
                continue;
            }
        }
        let k = out.items.len();
        match out.items.last_mut() {
            Some((_, ps)) => {
                from.push((Key::ItemText(sec, k - 1, ps.len()), n));
                ps.push(p.clone());
            }
            None => {
                from.push((Key::Text(sec, out.paragraphs.len()), n));
                out.paragraphs.push(p.clone());
            }
        }
    }
    (out, from)
}

/// Join paragraphs a page break split: one that does not end a sentence runs
/// on into the next, unless either is a heading.
pub(super) fn join_broken(paras: Vec<(String, Place)>) -> Vec<(String, Place)> {
    let mut out: Vec<(String, Place)> = Vec::new();
    for (p, at) in paras {
        if let Some((last, _)) = out.last_mut() {
            let last_is_heading = item_start(last).is_some_and(|(_, r)| {
                r.chars().count() <= MAX_HEADING && !r.trim_end_matches('。').contains('。')
            }) || section_heading(last).is_some();
            let next_is_heading =
                item_start(&p).is_some() || section_heading(&p).is_some() || is_date(&p);
            // A short line without punctuation is a heading or a 落款, not a cut paragraph.
            let last_is_line = last.chars().count() <= MAX_HEADING
                && !last.contains(['，', '。', '、', '；', '：', ',', '.']);
            if !last_is_heading
                && !next_is_heading
                && !last_is_line
                && !last.chars().last().is_some_and(is_terminal)
            {
                last.push_str(&p);
                continue;
            }
        }
        out.push((p, at));
    }
    out
}

/// A portal's page furniture around the report: “【打印本页】【关闭窗口】”,
/// “分享到：”, “上一篇：…”.
pub(super) fn is_chrome(s: &str) -> bool {
    const WORDS: [&str; 14] = [
        "打印本页",
        "关闭窗口",
        "返回顶部",
        "分享到",
        "扫一扫",
        "【打印】",
        "【关闭】",
        "上一篇",
        "下一篇",
        "字号：",
        "字体：",
        "浏览次数",
        "访问量",
        "【字体",
    ];
    let s = squash(s);
    s.chars().count() <= 40 && WORDS.iter().any(|w| s.contains(w))
}

/// A paragraph's text, where it was found, and the section it belongs to
/// (None before 一、 and for the section headings themselves).
pub(super) type Tagged = (String, Place, Option<usize>);

/// The document's paragraphs in order, page furniture left out, each tagged
/// with its section: title and lead before 一、, then the six sections.
pub(super) fn tagged(doc: &Doc) -> Vec<Tagged> {
    let mut paras: Vec<Tagged> = Vec::new(); // text, place, section
    let mut section = None;
    for b in &doc.blocks {
        if let Block::Para(p) = b {
            let text = tidy(&p.text, doc.layout_spaces);
            if text.is_empty() || is_chrome(&text) {
                continue;
            }
            if let Some(k) = section_heading(&text) {
                if section.is_none_or(|cur| k > cur) {
                    section = Some(k);
                    paras.push((text, p.at.clone(), None));
                    continue;
                }
            }
            paras.push((text, p.at.clone(), section));
        }
    }
    paras
}

/// The paragraphs of each of the six sections, broken paragraphs joined,
/// each with where it starts.
pub(super) fn section_bodies(paras: &[Tagged]) -> Vec<Vec<(String, Place)>> {
    // Sections: paragraphs after each heading.
    let mut bodies: Vec<Vec<(String, Place)>> = vec![Vec::new(); 6];
    for (p, at, sec) in paras {
        if let Some(k) = sec {
            bodies[*k].push((p.clone(), at.clone()));
        }
    }
    bodies.into_iter().map(join_broken).collect()
}
