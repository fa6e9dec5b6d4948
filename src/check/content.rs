//! Required content and placeholders: a report must name its agency and say
//! something in 一、总体情况, in every run-in item and in 五; the
//! “（请……）” instructions that `init` and `aggregate` write must be
//! replaced before the report is printed.

use crate::diagnostic::{Diagnostic, Severity};
use crate::format::placeholders::{from_template, is_placeholder};
use crate::format::SECTIONS;
use crate::report::figures::paragraphs;
use crate::report::{Prose, Report, Val};

fn empty(v: &Val<String>) -> bool {
    v.value.trim().is_empty()
}

fn error(
    code: &'static str,
    file: &str,
    v: Option<&Val<String>>,
    message: String,
    hint: &str,
) -> Diagnostic {
    Diagnostic {
        hint: Some(hint.into()),
        ..Diagnostic::error(code, file, v.and_then(|v| v.pos), message)
    }
}

/// Where a top-level key is written (for a section that is empty).
fn key_line(r: &Report, key: &str) -> Option<Val<String>> {
    let source = r.source.as_deref()?;
    source.lines().enumerate().find_map(|(n, l)| {
        let rest = l.strip_prefix(key)?.trim_start();
        rest.starts_with(':').then(|| {
            Val::at(
                String::new(),
                crate::report::Pos {
                    line: n as u32 + 1,
                    column: 1,
                },
            )
        })
    })
}

/// Whether a section says nothing: no paragraph with text and no item.
fn says_nothing(p: &Prose) -> bool {
    p.paragraphs.iter().all(empty) && p.items.is_empty()
}

pub(super) fn required(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    if empty(&r.agency) {
        out.push(error(
            "E-EMPTY",
            file,
            Some(&r.agency),
            "机关名称（agency）是空的。".into(),
            "请填写机关的全称，如“某某县人民政府办公室”。",
        ));
    }
    if says_nothing(&r.overview) {
        out.push(error(
            "E-EMPTY",
            file,
            key_line(r, "overview").as_ref(),
            format!("{}（overview）没有内容。", SECTIONS[0].heading),
            "请写明本年度政府信息公开工作的总体情况。",
        ));
    }
    if says_nothing(&r.problems) {
        out.push(error(
            "E-EMPTY",
            file,
            key_line(r, "problems").as_ref(),
            format!(
                "{}（problems）没有内容，印出来只有一个标题。",
                SECTIONS[4].heading
            ),
            "请在文件中写上“problems:”一节，如实写明存在的主要问题和改进情况（写法同 overview）。",
        ));
    }
    for prose in r.proses() {
        for item in &prose.items {
            if item.paragraphs.iter().all(empty) {
                out.push(error(
                    "E-EMPTY",
                    file,
                    Some(&item.heading),
                    format!("小标题“{}”下没有正文（text）。", item.heading.value.trim()),
                    "请在这一项下写“text: ……”；不需要这一项就整项删去。",
                ));
            }
        }
    }
}

pub(super) fn placeholders(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    let mut texts: Vec<&Val<String>> = vec![&r.agency];
    texts.extend(&r.title);
    texts.extend(paragraphs(r));
    texts.extend(r.signature.iter());
    // The default title repeats the agency: name each place once.
    texts.dedup_by_key(|t| t.pos);
    for t in texts {
        if t.pos.is_some() && is_placeholder(&t.value) {
            let (what, whose) = if from_template(&t.value) {
                ("模板提示文字", "官方格式模板中的提示文字")
            } else {
                ("填写说明", " init 或 aggregate 写入的填写说明")
            };
            out.push(Diagnostic {
                severity: Severity::Warning,
                hint: Some(format!(
                    "这是{whose}，请改写为本机关的实际情况。生成征求意见稿时可加 --draft。"
                )),
                ..Diagnostic::error(
                    "W-PLACEHOLDER",
                    file,
                    t.pos,
                    format!("还没有改写的{what}：“{}”。", shorten(&t.value)),
                )
            });
        }
    }
}

/// The first 24 characters of a long text, for a message.
fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= 24 {
        s.to_string()
    } else {
        format!("{}……", s.chars().take(24).collect::<String>())
    }
}
