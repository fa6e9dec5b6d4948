//! Figure cells left empty, told as the reading of the document says
//! ([`crate::import::Reading`]): printed blank in a published report (read as 0), not yet
//! filled in in a draft; and the official template not filled in at all.

use std::collections::BTreeMap;

use super::super::doc::Place;
use super::super::places::{Key, Printed};
use super::State;
use crate::diagnostic::Diagnostic;

/// A published report: one warning per set of columns printed blank, each
/// read as 0.
pub(super) fn blank_as_zero(s: &mut State) {
    let mut by_cols: BTreeMap<Vec<&'static str>, Vec<(String, String)>> = BTreeMap::new();
    for (place, row, cols) in std::mem::take(&mut s.blanks) {
        by_cols.entry(cols).or_default().push((place, row));
    }
    for (cols, rows) in by_cols {
        let first = &rows[0];
        let what = if rows.len() == 1 {
            format!("“{}”（{}）", first.1, first.0)
        } else if rows.iter().all(|r| r.0 == first.0) {
            // Table 四's three groups share one printed row.
            format!("“{}”等 {} 项（{}）", first.1, rows.len(), first.0)
        } else {
            format!("“{}”（{}）等 {} 行", first.1, first.0, rows.len())
        };
        s.warn_at(
            "W-BLANK",
            format!("{what}的“{}”栏印为空白，已按 0 填写。", cols.join("、")),
            first.0.clone(),
            "已发布的报告中空白的格子按 0 读入；如果原文漏印了数字，请核对原文。",
        );
    }
}

/// A draft (a Word document being written): every empty cell is named as
/// not yet filled in, a row's cells together, with its table, row and
/// columns. They are read as 0 only so that the rest can be checked.
pub(super) fn unfilled(s: &mut State) {
    use crate::format::cells::{Table, LABEL_SEPARATOR};
    // (table, row label, place) → column labels, in table order.
    let mut rows: Vec<((Table, String, String), Vec<String>)> = Vec::new();
    for path in std::mem::take(&mut s.empty) {
        let Some(cell) = s.cells.iter().find(|c| c.path == path) else {
            continue;
        };
        let (row, column) = cell
            .label
            .rsplit_once(LABEL_SEPARATOR)
            .unwrap_or((cell.label.as_str(), ""));
        // The row as printed: “第2个表格第5行，表三“（一）予以公开”行”.
        let at = s
            .places
            .get(&Key::Cell(path.clone()))
            .map(Printed::row)
            .unwrap_or_default();
        let key = (cell.table, row.to_string(), at);
        match rows.iter_mut().find(|(k, _)| *k == key) {
            Some((_, cols)) => cols.push(column.to_string()),
            None => rows.push((key, vec![column.to_string()])),
        }
    }
    for ((table, row, place), cols) in rows {
        let cols = cols.join("”“");
        let what = match table {
            Table::A => format!("表二“{row}”行的“{cols}”列"),
            Table::B => format!("表三“{row}”行的“{cols}”列"),
            Table::C => format!("表四“{row}”的“{cols}”栏"),
        };
        s.warn_at(
            "W-UNFILLED",
            format!("{what}没有填写数字。"),
            place,
            "请在这些格子中填写数字，是 0 的请填 0。如果文件中空白的格子都表示 0，检查和生成时加 --blank-is-zero。",
        );
    }
}

/// The official template not yet filled in: one finding saying so, instead
/// of a missing agency, year and every figure.
pub(super) fn blank_template(
    file: &str,
    no_agency: bool,
    no_year: bool,
    bodies: &[Vec<(String, Place)>],
) -> Diagnostic {
    let mut parts: Vec<String> = match (no_agency, no_year) {
        (true, true) => vec!["标题没有机关名称和年度".into()],
        (true, false) => vec!["标题没有机关名称".into()],
        (false, true) => vec!["标题没有年度".into()],
        (false, false) => Vec::new(),
    };
    parts.push("表格中没有数字".into());
    let left: Vec<&str> = bodies
        .iter()
        .flatten()
        .map(|(p, _)| p.as_str())
        .filter(|p| crate::format::placeholders::from_template(p))
        .collect();
    if let Some(first) = left.first() {
        parts.push(format!("正文仍是“{}”", first.trim()));
    }
    Diagnostic {
        hint: Some(format!(
            "请在模板中填写{}各部分文字和表格数字后再检查；也可以用 gxreport init 生成 YAML 文件起草。",
            if no_agency || no_year {
                "标题（如“××局2025年政府信息公开工作年度报告”）、"
            } else {
                ""
            }
        )),
        ..Diagnostic::error(
            "E-IMPORT",
            file,
            None,
            format!("这是没有填写的年度报告格式模板：{}。", parts.join("，")),
        )
    }
}
