//! What the recogniser read, as a report to write: the sections' prose, the
//! figures as printed and a remark per row (blank cells, old rows), turned
//! into the [`Draft`] of the one YAML writer ([`crate::drafting::yaml`]).

use crate::drafting::yaml::{self, Draft};
use crate::report::values::Figures;
use crate::report::{Item, Prose, Val};

/// A remark per table row, by the row's YAML path (see [`Draft::remarks`]).
pub type Remarks = std::collections::BTreeMap<String, String>;

/// Prose of one section: paragraphs, then run-in items (heading without its
/// closing “。”, paragraphs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub paragraphs: Vec<String>,
    pub items: Vec<(String, Vec<String>)>,
}

/// A whole report as read from a published document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Comment lines written at the top (without “# ”).
    pub header: Vec<String>,
    pub agency: String,
    pub year: u32,
    pub title: Vec<String>,
    /// Empty: the report has no lead paragraph.
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

fn prose(s: &Section) -> Prose {
    let vals = |ps: &[String]| ps.iter().map(|p| Val::computed(p.clone())).collect();
    Prose {
        paragraphs: vals(&s.paragraphs),
        items: s
            .items
            .iter()
            .map(|(h, ps)| Item {
                heading: Val::computed(h.clone()),
                paragraphs: vals(ps),
            })
            .collect(),
    }
}

/// The report file's text.
pub fn to_yaml(doc: &Document) -> String {
    let mut d = Draft::new(&doc.agency, doc.year);
    d.schema = Some(crate::drafting::skeleton::SCHEMA_FILE.to_string());
    d.header = doc.header.clone();
    d.title = Some(doc.title.clone());
    d.lead = Some(doc.lead.clone());
    d.overview = prose(&doc.overview);
    d.figures = doc.figures.clone();
    d.remarks = doc.remarks.clone();
    d.notes = doc.table_notes.clone().map(|n| {
        Some(Prose {
            paragraphs: n.into_iter().map(Val::computed).collect(),
            items: Vec::new(),
        })
    });
    d.problems = prose(&doc.problems);
    d.other_matters = prose(&doc.other_matters);
    d.signature = doc.signature.clone();
    d.date = doc.date.clone();
    yaml::write(&d)
}
