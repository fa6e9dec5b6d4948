//! What the template sees: the report laid out as the official tables say,
//! with every label taken from [`crate::format`] and every span computed here.
//!
//! Here the view itself and its paragraphs; the document's metadata in
//! `meta.rs`, the tables' cells in `tables.rs`, their column widths and
//! figure sizes in `fit.rs`, the layout's warnings in `findings.rs`.

mod findings;
mod fit;
mod height;
mod meta;
mod tables;

use serde::Serialize;

use super::text::{self, Seg};
use crate::format::SECTIONS;
use crate::report::prose::{item_number, run_in_heading};
use crate::report::{Prose, Report, Val};

pub use findings::findings;
pub use fit::{figure_width, fit_b, fit_c, FitB, FitC, CELL_INSET, FIGURE_SIZES, TYPE_AREA_WIDTH};
pub use meta::{document_date, meta, Meta, Options};
use tables::{table_a, table_b, table_c};

/// One report laid out as the official format says.
#[derive(Serialize)]
pub struct View {
    /// Title lines, and all of them joined for the PDF metadata and contents.
    pub title: Vec<String>,
    pub document_title: String,
    pub lead: Vec<Paragraph>,
    /// The six section headings, in order.
    pub headings: Vec<&'static str>,
    pub overview: Vec<Paragraph>,
    pub table_a: Table,
    pub proactive_note: Vec<Paragraph>,
    pub table_b: Table,
    pub requests_note: Vec<Paragraph>,
    pub table_c: Table,
    pub appeals_note: Vec<Paragraph>,
    pub problems: Vec<Paragraph>,
    pub other_matters: Vec<Paragraph>,
    pub closing: Vec<Paragraph>,
    pub signature: Option<String>,
    pub date: Option<String>,
}

/// A body paragraph; `head` is a run-in heading printed in 楷体 before the
/// text. `head_segs` and `segs` are the same texts prepared for the grid
/// ([`text::prepare`]); `head` and `text` stay plain strings for a
/// `--template-dir` style written before them.
#[derive(Serialize)]
pub struct Paragraph {
    pub head: Option<String>,
    pub text: String,
    pub head_segs: Option<Vec<Seg>>,
    pub segs: Vec<Seg>,
}

impl Paragraph {
    fn new(head: Option<String>, text: &str) -> Self {
        Paragraph {
            head_segs: head.as_deref().map(text::prepare),
            head,
            text: text.to_string(),
            segs: text::prepare(text),
        }
    }
}

/// A table: column count, header rows (repeated when the table splits), body.
/// `widths` (pt, one per column) and `figure_size` (pt) are set where the
/// figures decide them (Tables B and C), else none (the style's defaults).
#[derive(Serialize)]
pub struct Table {
    pub columns: usize,
    pub header: Vec<Cell>,
    pub body: Vec<Cell>,
    pub widths: Option<Vec<f64>>,
    pub figure_size: Option<f64>,
    /// Surely within one page ([`height::surely_fits`]): the style need not
    /// measure it to keep it whole.
    pub fits: bool,
}

/// One cell. `role` tells the style how to set it: band, head, corner,
/// group (tall label set one character per line), label, number.
#[derive(Serialize)]
pub struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub role: &'static str,
    pub fill: Option<&'static str>,
}

pub fn build(r: &Report) -> View {
    let document_title: String = r.title.iter().map(|l| l.value.as_str()).collect();
    let title = r
        .title
        .iter()
        .flat_map(|l| text::break_title(&l.value, TITLE_CHARS))
        .collect();
    View {
        document_title,
        title,
        lead: plain(&r.lead),
        headings: SECTIONS.iter().map(|s| s.heading).collect(),
        overview: prose(&r.overview),
        table_a: table_a(r),
        proactive_note: prose(&r.proactive_note),
        table_b: table_b(r),
        requests_note: prose(&r.requests_note),
        table_c: table_c(r),
        appeals_note: prose(&r.appeals_note),
        problems: prose(&r.problems),
        other_matters: prose(&r.other_matters),
        closing: plain(&r.closing),
        signature: r.signature.as_ref().map(|s| s.value.clone()),
        date: r.date.as_ref().map(|s| s.value.clone()),
    }
}

/// Characters of a 22pt title line on the 156 mm type area (442 pt / 22 pt).
pub const TITLE_CHARS: usize = 20;

fn plain(ps: &[Val<String>]) -> Vec<Paragraph> {
    ps.iter().map(|p| Paragraph::new(None, &p.value)).collect()
}

/// The run-in heading of item `n`: its number, then the heading without a
/// number the clerk typed (warned about by [`text::typed_number`]'s caller).
pub fn item_head(n: usize, heading: &str) -> String {
    let heading = text::typed_number(heading).map_or(heading, |(_, rest)| rest);
    format!("{}{}", item_number(n), run_in_heading(heading))
}

fn prose(p: &Prose) -> Vec<Paragraph> {
    let mut out = plain(&p.paragraphs);
    for (n, item) in p.items.iter().enumerate() {
        let head = item_head(n, &item.heading.value);
        let mut texts = item.paragraphs.iter().map(|t| t.value.as_str());
        out.push(Paragraph::new(Some(head), texts.next().unwrap_or_default()));
        out.extend(texts.map(|t| Paragraph::new(None, t)));
    }
    out
}
