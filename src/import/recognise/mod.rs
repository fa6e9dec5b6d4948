//! The one recogniser: maps the intermediate form ([`Doc`]) onto the official
//! format of [`crate::format`]. Tables are found by what they contain, every
//! figure by its official row label and column label (header cells above it),
//! prose by the six section headings.
//!
//! `labels` matches printed labels, `cells` reads figures out of cells,
//! `tables` finds the tables and hands each to `table_a`, `table_b` or
//! `table_c`; `prose` and `front` read the sections, title, lead and
//! 落款. [`recognise`] puts it together and checks every figure was read.

mod blanks;
mod cells;
mod front;
mod labels;
mod mend;
mod printed;
mod prose;
mod published;
mod table_a;
mod table_b;
mod table_c;
mod tables;
#[cfg(test)]
mod tests;

use super::doc::Doc;
use super::draft::{Document, Remarks};
use super::places::{Key, Places, Printed};
use super::Reading;
use crate::diagnostic::{Diagnostic, Severity};
use crate::format::{
    AKind, BPlace, B_COLUMNS, B_ITEM_GROUPS, C_COLUMNS, C_GROUPS, SECTIONS, TABLE_A, TABLE_B,
};
use crate::report::values::{AFigure, Figures};
use front::{closing, front_matter, year_in};
use prose::{section_bodies, section_heading, tagged};

/// What the recogniser read: the report to write and how many figures it saw.
pub struct Recognised {
    pub document: Document,
    pub notes: Vec<Diagnostic>,
    /// Figures printed in the tables (of the 200 of the format).
    pub read: usize,
    /// Cells printed blank, written as 0.
    pub blank: usize,
    /// Where each value was printed.
    pub places: Places,
}

/// Number of figures in Tables A, B and C of the 2021 format.
pub fn figure_count() -> usize {
    let a: usize = TABLE_A
        .iter()
        .flat_map(|b| b.rows.iter())
        .map(|r| if r.kind == AKind::Documents { 3 } else { 1 })
        .sum();
    a + TABLE_B.len() * B_COLUMNS.len() + C_GROUPS.len() * C_COLUMNS.len()
}

/// Everything the recogniser learns, then turns into YAML or errors.
struct State<'a> {
    file: &'a str,
    errors: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
    a: Vec<Option<AFigure>>,
    b: Vec<[Option<u64>; 7]>,
    c: [[Option<u64>; 5]; 3],
    /// Comments for the YAML rows: cells printed blank, the old （六） row.
    remarks: Remarks,
    read: usize,
    blank: usize,
    /// Rows whose blank cells were written as 0: (place, row label, column labels).
    blanks: Vec<(String, String, Vec<&'static str>)>,
    /// The blank cells, by path in [`crate::format::cells`], in table order.
    empty: Vec<String>,
    /// Whether a blank cell is a printed 0 or a cell not yet filled in.
    reading: Reading,
    /// Where each value was printed.
    places: Places,
    cells: Vec<crate::format::cells::Cell>,
}

impl State<'_> {
    /// A warning placed where it was printed.
    fn warn_at(&mut self, code: &'static str, message: String, at: String, hint: &str) {
        self.notes.push(Diagnostic {
            severity: Severity::Warning,
            printed_at: Some(at),
            hint: Some(hint.to_string()),
            ..Diagnostic::error(code, self.file, None, message)
        });
    }
    fn error(&mut self, message: String, hint: &str) {
        self.errors.push(Diagnostic {
            hint: Some(hint.to_string()),
            ..Diagnostic::error("E-IMPORT", self.file, None, message)
        });
    }
    /// The figure at `path` (of [`crate::format::cells`]) was printed in the
    /// table row `place`: named by its official row and column labels.
    fn printed(&mut self, path: String, place: &str) {
        use crate::format::cells::{Table, LABEL_SEPARATOR};
        let Some(cell) = self.cells.iter().find(|c| c.path == path) else {
            return;
        };
        let (row, column) = cell
            .label
            .rsplit_once(LABEL_SEPARATOR)
            .unwrap_or((cell.label.as_str(), ""));
        let (what, column) = match cell.table {
            Table::A => (format!("表二“{row}”行"), format!("“{column}”列")),
            Table::B => (format!("表三“{row}”行"), format!("“{column}”列")),
            Table::C => (format!("表四“{row}”"), format!("“{column}”栏")),
        };
        self.places.insert(
            Key::Cell(path),
            Printed {
                at: place.to_string(),
                what,
                column: Some(column),
            },
        );
    }
    fn warn(&mut self, code: &'static str, message: String) {
        self.notes.push(Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, self.file, None, message)
        });
    }
}

/// Map the document onto the 2021 format; `reading` says what an empty
/// figure cell means.
pub fn recognise(doc: &Doc, file: &str, reading: Reading) -> Result<Recognised, Vec<Diagnostic>> {
    let mut s = State {
        file,
        errors: Vec::new(),
        notes: Vec::new(),
        a: vec![None; TABLE_A.iter().map(|b| b.rows.len()).sum()],
        b: vec![[None; 7]; TABLE_B.len()],
        c: [[None; 5]; 3],
        remarks: Remarks::new(),
        read: 0,
        blank: 0,
        blanks: Vec::new(),
        empty: Vec::new(),
        reading,
        places: Places::new(),
        cells: crate::format::cells::cells(),
    };
    // What the reader left out as unseen, told first.
    for note in &doc.unseen {
        s.warn("W-IMPORT", note.clone());
    }

    tables::read_tables(&mut s, doc)?;

    // Prose: title and lead before 一、, then the six sections.
    let paras = tagged(doc);
    let headings: Vec<usize> = paras
        .iter()
        .enumerate()
        .filter(|(_, (t, _, _))| section_heading(t).is_some())
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = headings.first() else {
        s.error(
            format!(
                "找不到“{}”等六个部分的标题，这似乎不是政府信息公开工作年度报告。",
                SECTIONS[0].heading
            ),
            "请确认文件是按 2021 年格式发布的政府信息公开工作年度报告。",
        );
        return Err(s.errors);
    };
    let has_tables = s.a.iter().any(Option::is_some) || s.b.iter().flatten().any(Option::is_some);
    if !has_tables && s.errors.is_empty() {
        s.error(
            "找不到表二、表三、表四（没有印出“第二十条第（一）项”“申请人情况”“行政复议”等栏目的表格）。".into(),
            "请确认文件中的表格是文字而不是图片；图片中的表格需先做文字识别。",
        );
    }

    let front = front_matter(&paras[..first]);
    let (title, mut agency) = (front.title.clone(), front.agency.clone());
    let lead: Vec<String> = front.lead.iter().map(|(p, _)| p.clone()).collect();

    let mut bodies = section_bodies(&paras[first..]);
    let (signature, date) = closing(&mut bodies[5]);
    let agency_in_signature = agency.is_empty();
    if agency_in_signature {
        agency = signature
            .as_ref()
            .map(|(p, _)| p.clone())
            .unwrap_or_default();
    }
    let in_title = title.iter().find_map(|t| year_in(t));
    // The lead paragraph that gave the year, when the title did not.
    let year_in_lead = in_title
        .is_none()
        .then(|| lead.iter().position(|p| year_in(p).is_some()))
        .flatten();
    let year = in_title.or_else(|| year_in_lead.and_then(|i| year_in(&lead[i])));
    // No figure, and no agency (or still the placeholder of gxreport's own
    // template) or year: the template, not yet filled in.
    let no_agency = agency.is_empty() || crate::format::placeholders::is_placeholder(&agency);
    // Or a title typed, but no section written beyond the template's text.
    let untouched = bodies
        .iter()
        .flatten()
        .all(|(p, _)| crate::format::placeholders::is_placeholder(p));
    if s.read == 0 && (no_agency || year.is_none() || untouched) {
        return Err(vec![blanks::blank_template(
            file,
            no_agency,
            year.is_none(),
            &bodies,
        )]);
    }
    // The official template's title, “政府信息公开工作年度报告格式模板”,
    // names neither: the fix is to retype it, not to edit YAML.
    let template_title = title.iter().any(|t| t.contains("模板"));
    let title_hint = "请把标题改为本机关的标题，如“××局2025年政府信息公开工作年度报告”。";
    if agency.is_empty() {
        s.error(
            "找不到机关名称：标题和落款中都没有。".into(),
            if template_title {
                title_hint
            } else {
                "导入后请在 agency: 一行填写机关名称。"
            },
        );
    }
    let Some(year) = year else {
        s.error(
            "找不到报告年度：标题和导语中都没有“××××年”。".into(),
            if template_title {
                title_hint
            } else {
                "请确认文件的标题是否完整。"
            },
        );
        return Err(s.errors);
    };
    if year < 2021 {
        return Err(vec![Diagnostic {
            hint: Some("gxreport 只读写 2021 年格式（2021 年度及以后的报告）。".into()),
            ..Diagnostic::error(
                "E-IMPORT",
                file,
                None,
                format!("这是 {year} 年度的报告，按 2019 年格式（国办公开办函〔2019〕60号）编制，不能导入。"),
            )
        }]);
    }

    // Every figure must have been read.
    let mut missing: Vec<String> = Vec::new();
    let a_rows: Vec<_> = TABLE_A.iter().flat_map(|b| b.rows.iter()).collect();
    for (row, fig) in a_rows.iter().zip(&s.a) {
        if fig.is_none() {
            missing.push(format!("表二“{}”", row.label));
        }
    }
    let old_single = s.remarks.contains_key("requests.other_handling.other");
    for (row, cells) in TABLE_B.iter().zip(&s.b) {
        let absent = cells.iter().all(Option::is_none);
        let old_item =
            old_single && matches!(row.place, BPlace::Item(g) if g.label == B_ITEM_GROUPS[3].label);
        if absent && !old_item {
            missing.push(format!("表三“{}”", row.label));
        }
    }
    for (g, cells) in C_GROUPS.iter().zip(&s.c) {
        if cells.iter().all(Option::is_none) {
            missing.push(format!("表四“{}”", g.label));
        }
    }
    if !missing.is_empty() && has_tables {
        let n = missing.len();
        let shown: Vec<String> = missing.into_iter().take(8).collect();
        s.error(
            format!(
                "有 {n} 行数字没有找到：{}{}。",
                shown.join("、"),
                if n > 8 { " 等" } else { "" }
            ),
            "请核对原文是否印有这些行；找不到的数字不会被猜测填入。",
        );
    }
    if !s.errors.is_empty() {
        return Err(s.errors);
    }

    match s.reading {
        Reading::Published => blanks::blank_as_zero(&mut s),
        Reading::Draft => blanks::unfilled(&mut s),
    }

    let figures = Figures {
        a: s.a
            .iter()
            .map(|f| f.clone().unwrap_or(AFigure::Count(0)))
            .collect(),
        b: s.b.iter().map(|r| r.map(|c| c.unwrap_or(0))).collect(),
        c: s.c.map(|g| g.map(|c| c.unwrap_or(0))),
    };
    printed::front(
        &mut s.places,
        &front,
        agency_in_signature,
        signature.as_ref().map(|(_, at)| at),
        date.as_ref().map(|(_, at)| at),
        year_in_lead,
    );
    if let Some((date, at)) = published::date(doc) {
        let what = date;
        s.places.insert(
            Key::Published,
            Printed {
                at,
                what,
                column: None,
            },
        );
    }
    let mut sections = printed::sections(&mut s.places, &bodies).into_iter();
    let mut next = || sections.next().unwrap_or_default();
    let overview = next();
    let notes = [next().paragraphs, next().paragraphs, next().paragraphs];
    let document = Document {
        header: Vec::new(),
        agency,
        year,
        title,
        lead,
        overview,
        figures,
        remarks: s.remarks,
        table_notes: notes,
        problems: next(),
        other_matters: next(),
        signature: signature.map(|(p, _)| p),
        date: date.map(|(p, _)| p),
    };
    Ok(Recognised {
        document,
        notes: s.notes,
        read: s.read,
        blank: s.blank,
        places: s.places,
    })
}
