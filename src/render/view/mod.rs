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
use crate::diagnostic::Pos;
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
    /// The title as a gazette's contents entry prints it: broken at word
    /// boundaries into lines of at most [`CONTENTS_CHARS`], so no word and
    /// no page number is left alone on a line.
    pub contents_title: Vec<String>,
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
    /// The 落款's lines: the agency broken at word boundaries when longer
    /// than [`SIGNATURE_CHARS`].
    pub signature: Option<Vec<String>>,
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
        contents_title: text::break_title(&document_title, CONTENTS_CHARS),
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
        signature: r
            .signature
            .as_ref()
            .map(|s| text::break_title(&s.value, SIGNATURE_CHARS)),
        date: r.date.as_ref().map(|s| s.value.clone()),
    }
}

/// Characters of a 22pt title line on the 156 mm type area (442 pt / 22 pt).
pub const TITLE_CHARS: usize = 20;

/// Characters of a title line in a gazette's contents: the 28 of the grid
/// less the page number's column and a few cells of leader dots.
pub const CONTENTS_CHARS: usize = 24;

/// Characters of a 落款 line: the 28 of the grid less the two cells of space
/// GB/T 9704 7.3.5.2 keeps on its right.
pub const SIGNATURE_CHARS: usize = 26;

/// One text of the report as the layout prints it, and where the clerk
/// wrote it: what [`crate::pipeline`] looks for in the laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Printed {
    /// The part of the report, as a clerk names it (“一、总体情况第2段”).
    pub what: String,
    pub pos: Option<Pos>,
    /// The characters printed, in order (spaces aside).
    pub text: String,
}

/// Every text of the report the layout prints, in print order, each as the
/// view gives it to the template: title lines, lead, the six headings and
/// their paragraphs (item heads included), closing, 落款 and date. The
/// tables are laid out from the official labels and checked on their own.
pub fn printed(r: &Report) -> Vec<Printed> {
    let mut out = Vec::new();
    let mut push = |what: String, pos: Option<Pos>, text: String| {
        if !text.trim().is_empty() {
            out.push(Printed { what, pos, text });
        }
    };
    for (i, line) in r.title.iter().enumerate() {
        let text = text::break_title(&line.value, TITLE_CHARS).concat();
        push(format!("标题第{}行", i + 1), line.pos, text);
    }
    for (i, p) in r.lead.iter().enumerate() {
        push(format!("导语第{}段", i + 1), p.pos, printed_text(&p.value));
    }
    for (section, prose) in SECTIONS.iter().zip(r.proses()) {
        let heading = section.heading;
        push(format!("“{heading}”这个标题"), None, heading.to_string());
        // Paragraphs in print order: the loose ones, then each item's, the
        // first of an item after its run-in head.
        let mut paragraphs: Vec<(Option<String>, &str, Option<Pos>)> = prose
            .paragraphs
            .iter()
            .map(|p| (None, p.value.as_str(), p.pos))
            .collect();
        for (k, item) in prose.items.iter().enumerate() {
            let head = Some(item_head(k, &item.heading.value));
            match item.paragraphs.split_first() {
                Some((first, rest)) => {
                    paragraphs.push((head, first.value.as_str(), first.pos));
                    paragraphs.extend(rest.iter().map(|p| (None, p.value.as_str(), p.pos)));
                }
                None => paragraphs.push((head, "", item.heading.pos)),
            }
        }
        for (n, (head, body, pos)) in paragraphs.into_iter().enumerate() {
            let mut t = head.as_deref().map(printed_text).unwrap_or_default();
            t.push_str(&printed_text(body));
            push(format!("“{heading}”第{}段", n + 1), pos, t);
        }
    }
    for (i, p) in r.closing.iter().enumerate() {
        push(
            format!("结束语第{}段", i + 1),
            p.pos,
            printed_text(&p.value),
        );
    }
    if let Some(s) = &r.signature {
        push("落款（signature）".into(), s.pos, s.value.clone());
    }
    if let Some(d) = &r.date {
        push("成文日期（date）".into(), d.pos, d.value.clone());
    }
    out
}

/// A paragraph's characters as printed: [`text::prepare`]d, then plain.
fn printed_text(s: &str) -> String {
    text::plain(&text::prepare(s))
}

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
