//! The tables of a report: each found by what it contains (Table A by its
//! 第二十条 rows, Table B by its applicant labels, Table C by its appeal
//! groups) and read by its own module; a report in the 2019 format, or a
//! file holding more than one report, is refused here.

use super::super::doc::{Block, Doc, Table};
use super::super::text::squash;
use super::cells::any_cell;
use super::labels::matches_label;
use super::mend::mend_split_rows;
use super::table_a::table_a;
use super::table_b::table_b;
use super::table_c::table_c;
use super::State;
use crate::diagnostic::Diagnostic;
use crate::format::{BPlace, B_APPLICANTS, C_GROUPS, TABLE_B};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    A,
    B,
    C,
}

fn classify(t: &Table) -> Option<Kind> {
    if any_cell(t, |s| s.starts_with("第二十条第")) {
        return Some(Kind::A);
    }
    if any_cell(t, |s| {
        s == C_GROUPS[1].label || s == C_GROUPS[2].label || s == "结果维持"
    }) {
        return Some(Kind::C);
    }
    let b_labels = |s: &str| {
        s == B_APPLICANTS
            || TABLE_B
                .iter()
                .any(|r| !matches!(r.place, BPlace::Result) && matches_label(s, r.label))
    };
    if any_cell(t, b_labels) {
        return Some(Kind::B);
    }
    None
}

/// Text of the 2019 format's Table A (国办公开办函〔2019〕60号).
const OLD_FORMAT_LABELS: [&str; 5] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "政府集中采购",
];

/// Read every table of the document into `s`; a 2019-format report or a
/// file with more than one report is refused as a whole.
pub(super) fn read_tables(s: &mut State, doc: &Doc) -> Result<(), Vec<Diagnostic>> {
    let file = s.file;
    // The 2019 format is refused as a whole.
    // Only table cells: prose may well mention 政府集中采购.
    let all_text = doc.blocks.iter().flat_map(|b| match b {
        Block::Para(_) => Vec::new(),
        Block::Table(t) => t.texts().collect(),
    });
    for text in all_text {
        let sq = squash(text);
        if let Some(old) = OLD_FORMAT_LABELS.iter().find(|l| sq.contains(*l)) {
            return Err(vec![Diagnostic {
                hint: Some("gxreport 只读写 2021 年格式（国办公开办函〔2021〕30号，2021 年度及以后的报告）；2019、2020 年度的报告请手工录入。".into()),
                ..Diagnostic::error(
                    "E-IMPORT",
                    file,
                    None,
                    format!("这是 2019 年格式（国办公开办函〔2019〕60号）的报告：表中印有“{old}”，不能导入。"),
                )
            }]);
        }
    }

    // Tables by what they contain; Table B may continue on the next page.
    let tables: Vec<std::borrow::Cow<Table>> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(mend_split_rows(t)),
            Block::Para(_) => None,
        })
        .collect();
    let kinds: Vec<Option<Kind>> = tables.iter().map(|t| classify(t)).collect();
    let count = |k: Kind| kinds.iter().filter(|x| **x == Some(k)).count();
    let firsts = tables
        .iter()
        .filter(|t| any_cell(t, |x| x.contains("第二十条第（一）项")))
        .count();
    if firsts > 1 || count(Kind::C) > 1 {
        return Err(vec![Diagnostic {
            hint: Some("请把每份报告分别保存为一个文件，再逐一导入。".into()),
            ..Diagnostic::error(
                "E-IMPORT",
                file,
                None,
                format!(
                    "文件中有不止一份报告（表二出现 {} 次，表四出现 {} 次）。",
                    count(Kind::A),
                    count(Kind::C)
                ),
            )
        }]);
    }
    let mut inherited = None;
    for (t, k) in tables.iter().zip(&kinds) {
        match k {
            Some(Kind::A) => table_a(s, t),
            Some(Kind::B) => table_b(s, t, &mut inherited),
            Some(Kind::C) => table_c(s, t),
            None => {}
        }
    }
    Ok(())
}
