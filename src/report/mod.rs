//! The typed report: what one YAML file says, with the source position of
//! every value, after defaults and computed totals are filled in.
//!
//! Loading (YAML → this model) lives in [`load`], the tables' visitors in
//! `tables`; paragraph normalisation in [`prose`]. Nothing here knows about Typst or fonts.

pub mod figures;
pub mod hazards;
pub mod load;
pub mod prose;
mod tables;
pub mod unit;
pub mod values;

use crate::format::{TABLE_A, TABLE_B};

pub use crate::diagnostic::Pos;

/// A value and where it was written; `pos` is None for defaults and computed values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Val<T> {
    pub value: T,
    pub pos: Option<Pos>,
}

impl<T> Val<T> {
    pub fn at(value: T, pos: Pos) -> Self {
        Val {
            value,
            pos: Some(pos),
        }
    }
    pub fn computed(value: T) -> Self {
        Val { value, pos: None }
    }
}

/// A non-negative decimal amount in 万元, kept exactly as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fee(pub String);

/// Prose of a section: paragraphs, then run-in items “（一）标题。正文”.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    pub paragraphs: Vec<Val<String>>,
    pub items: Vec<Item>,
}

impl Prose {
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.items.is_empty()
    }
}

/// A run-in item: its heading is printed in 楷体 at the start of the first paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub heading: Val<String>,
    pub paragraphs: Vec<Val<String>>,
}

/// The figures of one Table A data row, in the order of [`crate::format::TABLE_A`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ACells {
    Documents([Val<u64>; 3]),
    Count(Val<u64>),
    Fee(Val<Fee>),
}

/// 二、主动公开政府信息情况: one entry per data row of [`TABLE_A`], flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableA {
    pub rows: Vec<ACells>,
}

/// 三、收到和处理政府信息公开申请情况: 25 rows × 7 columns in the order of [`TABLE_B`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableB {
    pub rows: Vec<[Val<u64>; 7]>,
    /// Where the table starts in the file (its first key), if it is written.
    pub pos: Option<Pos>,
}

/// 四、行政复议、行政诉讼: three groups × five columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableC {
    pub groups: [[Val<u64>; 5]; 3],
}

/// One agency's annual report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub agency: Val<String>,
    pub year: Val<u32>,
    /// Title lines, each printed on its own line.
    pub title: Vec<Val<String>>,
    /// The lead paragraph(s); empty when the author asked for none.
    pub lead: Vec<Val<String>>,
    /// 一、总体情况
    pub overview: Prose,
    pub table_a: TableA,
    /// Optional prose printed under Table A.
    pub proactive_note: Prose,
    pub table_b: TableB,
    pub requests_note: Prose,
    pub table_c: TableC,
    pub appeals_note: Prose,
    /// 五、存在的主要问题及改进情况
    pub problems: Prose,
    /// 六、其他需要报告的事项
    pub other_matters: Prose,
    /// Closing paragraphs (contact, website), after section 六.
    pub closing: Vec<Val<String>>,
    /// 落款: signing agency and date, right-aligned at the end.
    pub signature: Option<Val<String>>,
    pub date: Option<Val<String>>,
    /// Warnings from loading (e.g. the file's encoding), shown with the checks.
    pub notices: Vec<crate::diagnostic::Diagnostic>,
    /// The YAML text the positions refer to.
    pub source: Option<String>,
}

impl Report {
    /// Table A rows paired with their format entries.
    pub fn table_a_rows(&self) -> impl Iterator<Item = (&'static crate::format::ARow, &ACells)> {
        TABLE_A
            .iter()
            .flat_map(|b| b.rows.iter())
            .zip(self.table_a.rows.iter())
    }

    /// The prose of the sections and the notes under the tables, in print order.
    pub fn proses(&self) -> [&Prose; 6] {
        [
            &self.overview,
            &self.proactive_note,
            &self.requests_note,
            &self.appeals_note,
            &self.problems,
            &self.other_matters,
        ]
    }

    /// Where `needle` stands in the source, searching from `from`'s line on;
    /// the column points `offset` bytes into the needle. Falls back to `from`
    /// (a paragraph's start) when the text is not found on one line.
    pub fn locate(&self, from: Pos, needle: &str, offset: usize) -> Pos {
        locate_in(self.source.as_deref(), from, needle, offset)
    }

    /// Table B rows paired with their format entries.
    pub fn table_b_rows(
        &self,
    ) -> impl Iterator<Item = (&'static crate::format::BRow, &[Val<u64>; 7])> {
        TABLE_B.iter().zip(self.table_b.rows.iter())
    }
}

/// [`Report::locate`] in a source text given apart from its report.
pub fn locate_in(source: Option<&str>, from: Pos, needle: &str, offset: usize) -> Pos {
    let Some(source) = source else {
        return from;
    };
    let start = from.line.saturating_sub(1) as usize;
    for (n, line) in source.lines().enumerate().skip(start).take(200) {
        if let Some(i) = line.find(needle) {
            let at = line[..i + offset.min(needle.len())].chars().count();
            return Pos {
                line: n as u32 + 1,
                column: at as u32 + 1,
            };
        }
    }
    from
}
