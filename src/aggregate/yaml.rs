//! Writing the aggregated report as YAML, in the style of
//! `examples/panzhihua-2024.yaml`: flow lists of figures with the official
//! labels in comments. Keys and labels come from [`crate::format`]; strings
//! are written double-quoted with YAML escapes, prose as literal blocks of
//! one-line paragraphs, comments on one line.

use std::fmt::Write as _;

use super::{one_line, prose, AFigure, Aggregate, Figures};
use crate::format::{
    AKind, BPlace, A_DOCUMENT_COLUMNS, B_COLUMNS, B_RESULTS, C_COLUMNS, C_GROUPS, C_LITIGATION,
    C_REVIEW, SECTIONS, TABLE_A, TABLE_B,
};

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

/// One `key: value  # comment` line of a block; `value` None for a mapping
/// whose entries follow on the next lines.
struct Line {
    indent: usize,
    key: String,
    value: Option<String>,
    comment: String,
}

impl Line {
    fn new(indent: usize, key: &str, value: Option<String>, comment: String) -> Self {
        Line {
            indent,
            key: key.to_string(),
            value,
            comment: one_line(&comment),
        }
    }
}

/// Write lines with their values and comments in aligned columns.
fn block(out: &mut String, lines: &[Line]) {
    let key_width = lines
        .iter()
        .filter(|l| !l.key.is_empty())
        .map(|l| l.indent + l.key.len() + 1)
        .max()
        .unwrap_or(0);
    let value_width = lines
        .iter()
        .filter_map(|l| l.value.as_ref().map(|v| v.chars().count()))
        .max()
        .unwrap_or(0);
    for l in lines {
        if l.key.is_empty() {
            let _ = writeln!(out, "{}# {}", " ".repeat(l.indent), l.comment);
            continue;
        }
        let head = format!("{}{}:", " ".repeat(l.indent), l.key);
        let value = l.value.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "{head:<kw$} {value:<vw$}   # {}",
            l.comment,
            kw = key_width,
            vw = value_width
        );
    }
}

/// `[1, 0, 2]`
fn list(values: &[u64]) -> String {
    let items: Vec<String> = values.iter().map(u64::to_string).collect();
    format!("[{}]", items.join(", "))
}

/// A literal block scalar of paragraphs (each made one line), at `indent`.
fn literal(out: &mut String, indent: usize, paragraphs: &[String]) {
    out.push_str("|\n");
    let pad = " ".repeat(indent);
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{pad}{}", one_line(p));
    }
}

/// The manifest as a comment block: units summed and units left out.
fn manifest(out: &mut String, agg: &Aggregate, json_name: &str) {
    let _ = writeln!(
        out,
        "# 由 gxreport aggregate 将下列 {} 个单位的报告数据逐格相加生成；表格中的数字请勿手改，",
        agg.units.len()
    );
    out.push_str("# 单位数据有改动时请重新汇总。文字中的 {{ … }} 自动取自表格。\n");
    let _ = writeln!(
        out,
        "# 单位清单（文件名、机关名称、文件内容的 SHA-256），另见 {}：",
        one_line(json_name)
    );
    for (i, u) in agg.units.iter().enumerate() {
        let _ = writeln!(
            out,
            "#   {:>3}. {}  {}  sha256:{}",
            i + 1,
            one_line(&u.file),
            one_line(&u.agency),
            u.sha256
        );
    }
    if !agg.excluded.is_empty() {
        out.push_str("# 已排除的单位（--skip-invalid）：\n");
        for e in &agg.excluded {
            let _ = writeln!(
                out,
                "#        {}  {}  sha256:{}",
                one_line(&e.file),
                one_line(&e.reason),
                e.sha256.as_deref().unwrap_or("-")
            );
        }
    }
}

/// The aggregated report as YAML; `json_name` names the manifest file.
pub fn write(agg: &Aggregate, json_name: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}{}年政府信息公开工作年度报告（汇总）",
        one_line(&agg.agency),
        agg.year
    );
    manifest(&mut out, agg, json_name);
    out.push('\n');

    let _ = writeln!(out, "agency: {}   # 机关名称", quoted(&agg.agency));
    let _ = writeln!(out, "year: {}   # 报告年度", agg.year);
    out.push('\n');

    // 一、总体情况
    let _ = writeln!(
        out,
        "# {}：前两段由程序生成（{{{{ … }}}} 处取自表格），括号中的内容请作者补写",
        SECTIONS[0].heading
    );
    out.push_str("overview:\n  text: ");
    literal(&mut out, 4, &prose::overview(agg));
    out.push('\n');

    let none = Remarks::new();
    tables(&mut out, &agg.totals, &none);

    // 五、六: for the author.
    let _ = writeln!(out, "# {}（请作者填写）", SECTIONS[4].heading);
    out.push_str("problems:\n  items:\n");
    for (heading, text) in prose::PROBLEMS_PLACEHOLDER {
        let _ = writeln!(out, "    - heading: {}", quoted(heading));
        out.push_str("      text: ");
        literal(&mut out, 8, &[text.to_string()]);
    }
    out.push('\n');
    let _ = writeln!(out, "# {}（请作者填写）", SECTIONS[5].heading);
    out.push_str("other_matters: ");
    literal(&mut out, 2, &[prose::OTHER_MATTERS_PLACEHOLDER.to_string()]);
    out
}

/// Extra words for a row's comment, keyed by the row's YAML path
/// (`proactive.rules`, `requests.refused.state_secret`, `appeals.review`).
pub type Remarks = std::collections::BTreeMap<String, String>;

/// A row's comment: its official label, then any remark.
fn remarked(label: String, remarks: &Remarks, path: &str) -> String {
    match remarks.get(path) {
        Some(r) => format!("{label}；{r}"),
        None => label,
    }
}

/// Tables A, B and C with their section comments, each followed by a blank line.
fn tables(out: &mut String, figures: &Figures, remarks: &Remarks) {
    tables_with_notes(out, figures, remarks, [&[], &[], &[]]);
}

/// The same with prose printed under each table (`note:`), as paragraphs.
fn tables_with_notes(
    out: &mut String,
    figures: &Figures,
    remarks: &Remarks,
    notes: [&[String]; 3],
) {
    // 二、主动公开政府信息情况
    let _ = writeln!(out, "# {}", SECTIONS[1].heading);
    out.push_str("proactive:\n");
    let mut lines = Vec::new();
    let rows = TABLE_A
        .iter()
        .flat_map(|band| band.rows.iter().map(move |row| (band, row)));
    for ((band, row), figure) in rows.zip(&figures.a) {
        let header = band.headers.first().copied().unwrap_or_default();
        let (value, comment) = match (row.kind, figure) {
            (AKind::Documents, AFigure::Documents(v)) => {
                let cells: Vec<String> = A_DOCUMENT_COLUMNS
                    .iter()
                    .zip(v)
                    .map(|(c, n)| format!("{}: {n}", c.key))
                    .collect();
                let labels: Vec<&str> = A_DOCUMENT_COLUMNS.iter().map(|c| c.label).collect();
                (
                    format!("{{{}}}", cells.join(", ")),
                    format!("{}：{}", row.label, labels.join("、")),
                )
            }
            (_, AFigure::Count(n)) => (n.to_string(), format!("{}：{header}", row.label)),
            (_, AFigure::Fee(f)) => (f.clone(), format!("{}：{header}", row.label)),
            _ => continue,
        };
        let comment = remarked(comment, remarks, &format!("proactive.{}", row.key));
        lines.push(Line::new(2, row.key, Some(value), comment));
    }
    block(out, &lines);
    note(out, notes[0]);
    out.push('\n');

    // 三、收到和处理政府信息公开申请情况
    let _ = writeln!(out, "# {}", SECTIONS[2].heading);
    let columns: Vec<&str> = B_COLUMNS.iter().map(|c| c.label).collect();
    let _ = writeln!(out, "# 每行依次为：[{}]", columns.join(", "));
    out.push_str("requests:\n");
    let mut lines = Vec::new();
    let mut group = None;
    let mut results = false;
    for (row, cells) in TABLE_B.iter().zip(&figures.b) {
        if !results && !matches!(row.place, BPlace::Top) {
            results = true;
            lines.push(Line::new(2, "", None, B_RESULTS.label.into()));
        }
        let mut indent = 2;
        if let BPlace::Item(g) = row.place {
            indent = 4;
            if group != Some(g.label) {
                group = Some(g.label);
                if let Some(key) = g.key {
                    lines.push(Line::new(2, key, None, g.label.into()));
                }
            }
        }
        let comment = remarked(
            row.label.into(),
            remarks,
            &format!("requests.{}", row.path()),
        );
        lines.push(Line::new(indent, row.key, Some(list(cells)), comment));
    }
    block(out, &lines);
    note(out, notes[1]);
    out.push('\n');

    // 四、政府信息公开行政复议、行政诉讼情况
    let _ = writeln!(out, "# {}", SECTIONS[3].heading);
    let columns: Vec<&str> = C_COLUMNS.iter().map(|c| c.label).collect();
    let _ = writeln!(out, "# 每组依次为：[{}]", columns.join(", "));
    out.push_str("appeals:\n");
    let lines: Vec<Line> = C_GROUPS
        .iter()
        .zip(&figures.c)
        .map(|(g, cells)| {
            let label = if g.label == C_REVIEW {
                g.label.to_string()
            } else {
                format!("{C_LITIGATION}·{}", g.label)
            };
            let label = remarked(label, remarks, &format!("appeals.{}", g.key));
            Line::new(2, g.key, Some(list(cells)), label)
        })
        .collect();
    block(out, &lines);
    note(out, notes[2]);
    out.push('\n');
}

/// `  note: |` with the paragraphs printed under a table, if any.
fn note(out: &mut String, paragraphs: &[String]) {
    if !paragraphs.is_empty() {
        let _ = write!(out, "  {}: ", crate::report::NOTE_KEY);
        literal(out, 4, paragraphs);
    }
}

/// Prose of one section for [`write_report`]: paragraphs, then run-in items
/// (heading without its closing “。”, paragraphs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub paragraphs: Vec<String>,
    pub items: Vec<(String, Vec<String>)>,
}

/// A whole report to write as YAML: what was read from a published report.
#[derive(Debug, Clone)]
pub struct Document {
    /// Comment lines written at the top (without “# ”).
    pub header: Vec<String>,
    pub agency: String,
    pub year: u32,
    pub title: Vec<String>,
    /// Empty: no lead paragraph (written as `lead: ""`).
    pub lead: Vec<String>,
    pub overview: Section,
    pub figures: Figures,
    pub remarks: Remarks,
    /// Prose under Tables A, B and C.
    pub table_notes: [Vec<String>; 3],
    pub problems: Section,
    pub other_matters: Section,
    pub signature: Option<String>,
    pub date: Option<String>,
}

/// Section prose under `key`: a literal block, or `text` plus `items`.
fn section(out: &mut String, key: &str, s: &Section) {
    if s.items.is_empty() {
        let _ = write!(out, "{key}: ");
        literal(out, 2, &s.paragraphs);
        return;
    }
    let _ = writeln!(out, "{key}:");
    if !s.paragraphs.is_empty() {
        out.push_str("  text: ");
        literal(out, 4, &s.paragraphs);
    }
    out.push_str("  items:\n");
    for (heading, paragraphs) in &s.items {
        let _ = writeln!(out, "    - heading: {}", quoted(heading));
        if !paragraphs.is_empty() {
            out.push_str("      text: ");
            literal(out, 8, paragraphs);
        }
    }
}

/// A report as YAML in the style of the examples: the schema line, header
/// comments, every figure with its official label, prose as literal blocks.
pub fn write_report(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# yaml-language-server: $schema={}",
        crate::report::skeleton::SCHEMA_FILE
    );
    for h in &doc.header {
        let _ = writeln!(out, "# {}", one_line(h));
    }
    out.push('\n');
    let _ = writeln!(out, "agency: {}   # 机关名称", quoted(&doc.agency));
    let _ = writeln!(out, "year: {}   # 报告年度", doc.year);
    out.push_str("title:   # 标题各行\n");
    for line in &doc.title {
        let _ = writeln!(out, "  - {}", quoted(line));
    }
    if doc.lead.is_empty() {
        out.push_str("lead: \"\"   # 导语：原报告没有导语\n");
    } else {
        out.push_str("lead: ");
        literal(&mut out, 2, &doc.lead);
    }
    out.push('\n');
    let _ = writeln!(out, "# {}", SECTIONS[0].heading);
    section(&mut out, "overview", &doc.overview);
    out.push('\n');
    let notes = [
        doc.table_notes[0].as_slice(),
        doc.table_notes[1].as_slice(),
        doc.table_notes[2].as_slice(),
    ];
    tables_with_notes(&mut out, &doc.figures, &doc.remarks, notes);
    let _ = writeln!(out, "# {}", SECTIONS[4].heading);
    section(&mut out, "problems", &doc.problems);
    out.push('\n');
    let _ = writeln!(out, "# {}", SECTIONS[5].heading);
    section(&mut out, "other_matters", &doc.other_matters);
    if let Some(s) = &doc.signature {
        let _ = writeln!(out, "signature: {}   # 落款", quoted(s));
    }
    if let Some(d) = &doc.date {
        let _ = writeln!(out, "date: {}   # 成文日期", quoted(d));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_every_character() {
        for s in [
            "某某局: #1 'a' \"b\"",
            "a\\b\nc\td\u{1}\u{2028}",
            "- [x]: {y}",
            "",
        ] {
            let yaml = format!("v: {}\n", quoted(s));
            let back: std::collections::BTreeMap<String, String> =
                serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(back["v"], s, "{yaml}");
        }
    }
}
