//! Figure references in prose: `{{ b.received.total }}` prints the figure
//! from the tables, so the text and the tables cannot drift apart.
//!
//! Names follow the YAML keys: `a.<row>` or `a.<row>.<column>` for Table A,
//! `b.<row>.<column>` (items as `b.<group>.<item>.<column>`) for Table B,
//! `c.<group>.<column>` for Table C, plus `year` and `agency`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

use super::{Prose, Report, Val};
use crate::diagnostic::{suggest, Diagnostic};

/// Every name a reference may use, with its value as printed: `year`,
/// `agency`, and the reference name of every official cell
/// ([`crate::format::cells`]).
pub fn names(r: &Report) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert("year".into(), r.year.value.to_string());
    m.insert("agency".into(), r.agency.value.clone());
    let values = super::values::Figures::of(r).cells();
    for (cell, value) in crate::format::cells::cells().into_iter().zip(values) {
        m.insert(cell.reference, value);
    }
    m
}

fn reference() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\{\{\s*([^{}]*?)\s*\}\}").unwrap_or_else(|e| unreachable!("{e}"))
    })
}

/// A reference typed with one pair of braces (`{ b.received.total }`, also
/// full-width `｛…｝`): it would print as typed. Only names of figures count,
/// so other braces in a text are left alone.
fn single_braced() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:^|[^{｛])[{｛]\s*([abc]\.[a-z_]+(?:\.[a-z_]+)*|year|agency)\s*[}｝](?:[^}｝]|$)",
        )
        .unwrap_or_else(|e| unreachable!("{e}"))
    })
}

/// The text with every reference removed (for checking hand-typed figures).
pub fn without_references(text: &str) -> String {
    reference().replace_all(text, "").into_owned()
}

/// Replace the references of one text; unknown names are reported.
fn fill(
    source: Option<&str>,
    text: &Val<String>,
    names: &BTreeMap<String, String>,
    file: &str,
    problems: &mut Vec<Diagnostic>,
) -> Val<String> {
    for cap in single_braced().captures_iter(&text.value) {
        let Some(name) = cap.get(1) else { continue };
        if !names.contains_key(name.as_str()) {
            continue;
        }
        let typed = cap
            .get(0)
            .map_or("", |m| m.as_str())
            .trim_matches(|c: char| !matches!(c, '{' | '}' | '｛' | '｝'));
        problems.push(Diagnostic {
            hint: Some(format!(
                "引用要写两层英文花括号：{{{{ {} }}}}，排版时换成表格中的数字。",
                name.as_str()
            )),
            width: Some(typed.chars().count()),
            ..Diagnostic::error(
                "E-REF",
                file,
                text.pos.map(|p| super::locate_in(source, p, typed, 0)),
                format!("文字中的“{typed}”只有一层花括号，会照原样印出来，而不是换成数字。"),
            )
        });
    }
    let mut out = String::new();
    let mut last = 0;
    for cap in reference().captures_iter(&text.value) {
        let (Some(whole), Some(name)) = (cap.get(0), cap.get(1)) else {
            continue;
        };
        out.push_str(&text.value[last..whole.start()]);
        last = whole.end();
        match names.get(name.as_str()) {
            Some(v) => out.push_str(v),
            None => {
                let hint = match suggest(name.as_str(), names.keys().map(String::as_str)) {
                    Some(best) => format!("是不是要写 {{{{ {best} }}}}？"),
                    None => "引用的写法如 {{ b.received.total }}（一、本年新收政府信息公开申请数量·总计），见 docs/references.md（README 的“手册”）。".into(),
                };
                problems.push(Diagnostic {
                    hint: Some(hint),
                    width: Some(whole.as_str().chars().count()),
                    ..Diagnostic::error(
                        "E-REF",
                        file,
                        text.pos
                            .map(|p| super::locate_in(source, p, whole.as_str(), 0)),
                        format!("文字中引用的数字“{}”不存在。", name.as_str()),
                    )
                });
            }
        }
    }
    out.push_str(&text.value[last..]);
    Val {
        value: out,
        pos: text.pos,
    }
}

/// The report with every reference in its prose replaced by the figure, and
/// an E-REF finding for each reference that names no figure (left as typed).
pub fn resolve(report: Report, file: &str) -> (Report, Vec<Diagnostic>) {
    let names = names(&report);
    let mut problems = Vec::new();
    let mut r = report;
    // The source moves out while the texts are rewritten, and back after.
    let source = r.source.take();
    // Only text that is printed as written may hold references.
    for (what, v) in [
        ("机关名称（agency）", Some(&r.agency)),
        ("成文日期（date）", r.date.as_ref()),
    ] {
        let Some(v) = v else { continue };
        if let Some(m) = reference().find(&v.value) {
            problems.push(Diagnostic {
                hint: Some("请直接写出文字。".into()),
                width: Some(m.as_str().chars().count()),
                ..Diagnostic::error(
                    "E-REF",
                    file,
                    v.pos
                        .map(|p| super::locate_in(source.as_deref(), p, m.as_str(), 0)),
                    format!("{what}中不能使用引用“{}”。", m.as_str()),
                )
            });
        }
    }
    let mut texts = |ps: &mut Vec<Val<String>>| {
        for p in ps.iter_mut() {
            *p = fill(source.as_deref(), p, &names, file, &mut problems);
        }
    };
    texts(&mut r.title);
    texts(&mut r.lead);
    texts(&mut r.closing);
    if let Some(sig) = r.signature.take() {
        let mut one = vec![sig];
        texts(&mut one);
        r.signature = one.pop();
    }
    for prose in prose_mut(&mut r) {
        texts(&mut prose.paragraphs);
        for item in &mut prose.items {
            let mut heading = vec![item.heading.clone()];
            texts(&mut heading);
            item.heading = heading.remove(0);
            texts(&mut item.paragraphs);
        }
    }
    r.source = source;
    (r, problems)
}

fn prose_mut(r: &mut Report) -> [&mut Prose; 6] {
    [
        &mut r.overview,
        &mut r.proactive_note,
        &mut r.requests_note,
        &mut r.appeals_note,
        &mut r.problems,
        &mut r.other_matters,
    ]
}

/// Every paragraph of prose in the report, in print order.
pub fn paragraphs(r: &Report) -> Vec<&Val<String>> {
    let mut out: Vec<&Val<String>> = r.lead.iter().collect();
    for prose in r.proses() {
        out.extend(&prose.paragraphs);
        for item in &prose.items {
            out.push(&item.heading);
            out.extend(&item.paragraphs);
        }
    }
    out.extend(&r.closing);
    out
}
