//! The one writer of report YAML, used by `init` (a skeleton, or next year's
//! from last year's), `aggregate` (the 汇总 report) and the importer: a
//! [`Draft`] in, the text of a report file out. Every key and label comes from
//! [`crate::format`]; every official label is a comment after its figures;
//! totals are written only where they differ from the sum of their parts (so
//! the file reproduces the figures exactly and the R rules can see a printed
//! total that does not add up); strings are plain where that reads back the
//! same, double-quoted with YAML escapes otherwise.

mod tables;
mod text;

use crate::format::{DEFAULT_TITLE_LINE, SECTIONS};
use crate::report::values::Figures;
use crate::report::Prose;
use tables::{table_a, table_b, table_c};
use text::Out;
pub use text::{quoted, scalar};

/// A report file to write.
#[derive(Debug, Clone)]
pub struct Draft {
    /// `# yaml-language-server: $schema=…` on the first line, if any.
    pub schema: Option<String>,
    /// Comment lines at the top (without the leading “# ”).
    pub header: Vec<String>,
    pub agency: String,
    pub year: u32,
    /// Title lines as written; None: the default, shown as a commented block.
    pub title: Option<Vec<String>>,
    /// Lead paragraphs as written; None: the standard lead (commented);
    /// Some of none: the report has no lead (`lead: ""`).
    pub lead: Option<Vec<String>>,
    /// A comment line above a section (by section index 0–5), e.g. who wrote it.
    pub section_comments: [Option<String>; 6],
    pub overview: Prose,
    pub figures: Figures,
    /// A remark added to a table row's comment, by the row's YAML path
    /// (`proactive.licensing`, `requests.refused.state_secret`, `appeals.review`).
    pub remarks: std::collections::BTreeMap<String, String>,
    /// Note that 四、结转下年度 was set equal to 二、上年结转 (next year's skeleton).
    pub carried_forward_provisional: bool,
    /// Prose under Tables A, B and C; None: a commented example.
    pub notes: [Option<Prose>; 3],
    pub problems: Prose,
    pub other_matters: Prose,
    pub closing: Option<Vec<String>>,
    pub signature: Option<String>,
    /// The date as written; None: a commented example (1月20日 of the next year).
    pub date: Option<String>,
}

impl Draft {
    /// A draft with zero figures and empty prose.
    pub fn new(agency: &str, year: u32) -> Draft {
        Draft {
            schema: None,
            header: Vec::new(),
            agency: agency.to_string(),
            year,
            title: None,
            lead: None,
            section_comments: Default::default(),
            overview: Prose::default(),
            figures: Figures::zero(),
            remarks: Default::default(),
            carried_forward_provisional: false,
            notes: [None, None, None],
            problems: Prose::default(),
            other_matters: Prose::default(),
            closing: None,
            signature: None,
            date: None,
        }
    }
}

fn texts(prose: &[crate::report::Val<String>]) -> Vec<String> {
    prose.iter().map(|v| v.value.clone()).collect()
}

/// Section prose under `key`: a literal block, or `text` plus `items`.
fn prose(out: &mut Out, indent: usize, key: &str, label: &str, p: &Prose) {
    if p.items.is_empty() {
        out.line(indent, &format!("{key}: |"), label);
        out.block(indent + 1, &texts(&p.paragraphs));
        return;
    }
    out.line(indent, &format!("{key}:"), label);
    if !p.paragraphs.is_empty() {
        out.line(indent + 1, "text: |", "总述；空一行分段");
        out.block(indent + 2, &texts(&p.paragraphs));
    }
    out.line(
        indent + 1,
        "items:",
        "各方面，自动编号（一）（二）……，小标题与正文同一行",
    );
    for item in &p.items {
        out.line(
            indent + 2,
            &format!("- heading: {}", scalar(&item.heading.value)),
            "",
        );
        if !item.paragraphs.is_empty() {
            out.line(indent + 3, "text: |", "");
            out.block(indent + 4, &texts(&item.paragraphs));
        }
    }
}

/// The text of a report file.
pub fn write(d: &Draft) -> String {
    let mut out = Out(String::new());
    if let Some(schema) = &d.schema {
        out.0
            .push_str(&format!("# yaml-language-server: $schema={schema}\n"));
    }
    for line in &d.header {
        out.comment(0, line);
    }
    if d.schema.is_some() || !d.header.is_empty() {
        out.blank();
    }
    let year = d.year;
    out.line(
        0,
        &format!("agency: {}", scalar(&d.agency)),
        "机关名称（必填）",
    );
    out.line(0, &format!("year: {year}"), "报告年度（必填）");
    match &d.title {
        Some(lines) => {
            out.line(0, "title:", "标题各行");
            for l in lines {
                out.line(1, &format!("- {}", scalar(l)), "");
            }
        }
        None => {
            out.commented(0, "title:", "可选：标题各行（不写则为下面两行）");
            out.commented(1, &format!("- {}", scalar(&d.agency)), "");
            out.commented(
                1,
                &format!(
                    "- {}",
                    DEFAULT_TITLE_LINE.replace("{year}", &year.to_string())
                ),
                "",
            );
        }
    }
    match &d.lead {
        Some(paras) if paras.is_empty() => out.line(0, "lead: \"\"", "导语：原报告没有导语"),
        Some(paras) => {
            out.line(0, "lead: |", "导语");
            out.block(1, paras);
        }
        None => out.commented(
            0,
            "lead: ……",
            "可选：导语（不写则为标准导语：引用国令第711号、国办公开办函〔2021〕30号并写明统计期限）",
        ),
    }
    out.blank();
    section(&mut out, d, 0);
    prose(&mut out, 0, "overview", SECTIONS[0].heading, &d.overview);
    out.blank();
    section(&mut out, d, 1);
    table_a(&mut out, d);
    out.blank();
    section(&mut out, d, 2);
    table_b(&mut out, d);
    out.blank();
    section(&mut out, d, 3);
    table_c(&mut out, d);
    out.blank();
    section(&mut out, d, 4);
    prose(&mut out, 0, "problems", SECTIONS[4].heading, &d.problems);
    out.blank();
    section(&mut out, d, 5);
    prose(
        &mut out,
        0,
        "other_matters",
        SECTIONS[5].heading,
        &d.other_matters,
    );
    out.blank();
    match &d.closing {
        Some(paras) => {
            out.line(0, "closing: |", "结尾段落（联系方式等）");
            out.block(1, paras);
        }
        None => out.commented(
            0,
            "closing: 联系地址：……",
            "可选：结尾段落（联系地址、邮编、电话、电子邮箱、网址）",
        ),
    }
    match &d.signature {
        Some(s) => out.line(0, &format!("signature: {}", scalar(s)), "落款"),
        None => out.commented(0, "signature: ……", "可选：落款（机关名称）"),
    }
    match &d.date {
        Some(date) => out.line(0, &format!("date: {}", scalar(date)), "成文日期"),
        None => out.commented(
            0,
            &format!("date: {}年1月20日", year.saturating_add(1)),
            "可选：成文日期（也写入 PDF 的创建日期）",
        ),
    }
    out.0
}

fn section(out: &mut Out, d: &Draft, i: usize) {
    if let Some(c) = &d.section_comments[i] {
        out.comment(0, c);
    }
}
