//! The report file's shape beyond the tables: its top-level fields with
//! their labels and whether a report must have them, and the Table B rows
//! that rules and writers name (found in [`TABLE_B`] by key at compile time,
//! so a renamed key fails the build instead of a rule).

use super::{BRow, SECTIONS, TABLE_B};

/// One top-level key of the report YAML.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    /// What the field is, as a clerk calls it.
    pub label: &'static str,
    /// Whether a report without it is refused.
    pub required: bool,
}

const fn field(key: &'static str, label: &'static str, required: bool) -> Field {
    Field {
        key,
        label,
        required,
    }
}

/// The top-level keys in the order a report is written.
pub const FIELDS: [Field; 13] = [
    field("agency", "机关名称", true),
    field("year", "报告年度", true),
    field("title", "标题", false),
    field("lead", "导语", false),
    field("overview", SECTIONS[0].heading, true),
    field("proactive", SECTIONS[1].heading, false),
    field("requests", SECTIONS[2].heading, false),
    field("appeals", SECTIONS[3].heading, false),
    field("problems", SECTIONS[4].heading, true),
    field("other_matters", SECTIONS[5].heading, false),
    field("closing", "结尾段落（联系方式等）", false),
    field("signature", "落款", false),
    field("date", "成文日期", false),
];

/// Key and label of the optional prose under each table.
pub const NOTE_KEY: &str = "note";
pub const NOTE_LABEL: &str = "表后说明";

/// The field with this key.
pub fn field_of(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Index of the Table B row with this key; a missing key stops the build.
pub const fn b_row(key: &str) -> usize {
    let mut i = 0;
    while i < TABLE_B.len() {
        if same(TABLE_B[i].key, key) {
            return i;
        }
        i += 1;
    }
    panic!("no Table B row has this key")
}

/// 一、本年新收政府信息公开申请数量
pub const B_RECEIVED: usize = b_row("received");
/// 二、上年结转政府信息公开申请数量
pub const B_CARRIED_OVER: usize = b_row("carried_over");
/// （七）总计
pub const B_TOTAL: usize = b_row(super::B_TOTAL_ROW);
/// 四、结转下年度继续办理
pub const B_CARRIED_FORWARD: usize = b_row("carried_forward");

/// The Table B row at a named index.
pub fn b(index: usize) -> &'static BRow {
    &TABLE_B[index]
}
