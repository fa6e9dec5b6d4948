//! The warnings for the hazards found in a file: one per line and kind of
//! character, naming each code point and what was done.

use std::collections::BTreeMap;

use super::{classify, Fix, Hazard, Normalised, CODE};
use crate::diagnostic::{Diagnostic, Pos, Severity};

/// The warnings for the hazards of one file: one per line and kind of
/// character, naming each code point.
pub fn findings(n: &Normalised, file: &str) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(u32, &'static str), Vec<&Hazard>> = BTreeMap::new();
    for h in n.hazards.iter().filter(|h| !h.in_comment) {
        let name = classify(h.ch).map(|(_, n)| n).unwrap_or_default();
        groups.entry((h.line, name)).or_default().push(h);
    }
    let mut out: Vec<Diagnostic> = groups
        .into_iter()
        .map(|((_, name), hs)| finding(&hs, name, file))
        .collect();
    out.sort_by_key(|d| d.pos.map(|p| (p.line, p.column)));
    out
}

/// “U+200B”
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn finding(hs: &[&Hazard], name: &str, file: &str) -> Diagnostic {
    let first = hs[0];
    let mut chars: Vec<char> = Vec::new();
    for h in hs {
        if !chars.contains(&h.ch) {
            chars.push(h.ch);
        }
    }
    let points = chars
        .iter()
        .map(|c| code_point(*c))
        .collect::<Vec<_>>()
        .join("、");
    let count = if hs.len() > 1 {
        format!("（共 {} 处）", hs.len())
    } else {
        String::new()
    };
    let (message, hint) = match first.fix {
        Fix::Remove => (
            format!("这一行有看不见的字符 {points}（{name}）{count}，印出来会出错或多出空隙，已删除。"),
            "这类字符多来自从 Word、网页或 PDF 复制的文字，已自动处理；在编辑器中删除后此警告消失。",
        ),
        Fix::Space => {
            let removed = hs.iter().filter(|h| h.became.is_empty()).count();
            let done = if removed == hs.len() {
                "紧挨着汉字，印出来会多出空隙，已删除"
            } else if removed == 0 {
                "已换成普通空格"
            } else {
                "紧挨着汉字的已删除，其余已换成普通空格"
            };
            (
                format!("这一行有 {points}（{name}）{count}，{done}。"),
                "这类空格多来自从 Word 或网页复制的文字；中文之间不空格，需要空格处请用普通空格。",
            )
        }
        Fix::Replace(_) => {
            let each = chars
                .iter()
                .map(|c| match classify(*c) {
                    Some((Fix::Replace(to), _)) => {
                        format!("“{c}”（{}）→“{to}”", code_point(*c))
                    }
                    _ => format!("“{c}”（{}）", code_point(*c)),
                })
                .collect::<Vec<_>>()
                .join("、");
            (
                format!("这一行有{name}{count}：{each}。它们看起来像汉字，但 PDF 中的文字和检索会是部首符号，已改为对应的汉字。"),
                "这类字符多来自从 PDF 复制的文字；请在编辑器中改为正常的汉字，此警告即消失。",
            )
        }
        Fix::Join => (
            format!("这一行有 {points}（{name}）{count}，已按段内换行处理（接在一起）。"),
            "段落之间请空一行；同一段内的换行会自动接上。",
        ),
        Fix::Keep => (
            format!(
                "这一行有{name}{count}：{}。它们是部首符号而不是汉字，PDF 中的文字和检索会与所见不同。",
                chars
                    .iter()
                    .map(|c| format!("“{c}”（{}）", code_point(*c)))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            "请改为对应的汉字。",
        ),
    };
    Diagnostic {
        severity: Severity::Warning,
        hint: Some(hint.into()),
        width: Some(1),
        ..Diagnostic::error(
            CODE,
            file,
            Some(Pos {
                line: first.line,
                column: first.column,
            }),
            message,
        )
    }
}
