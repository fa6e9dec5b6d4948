//! What the template sees: the report laid out as the official tables say,
//! with every label taken from [`crate::format`] and every span computed here.

use serde::Serialize;

use crate::format::{
    self, BPlace, A_BAND_FILL, A_FIRST_HEADER, B_APPLICANTS, B_COLUMNS, B_CORNER, B_ORGANISATIONS,
    B_RESULTS, B_TOTAL_COLUMN, C_COLUMNS, C_GROUPS, C_LITIGATION, C_REVIEW, SECTIONS, TABLE_A,
};
use crate::report::prose::{item_number, run_in_heading};
use crate::report::{ACells, Prose, Report, Val};

/// The document's metadata and marks, passed to `report.with(..meta)`.
#[derive(Serialize)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// (year, month, day, hour, minute, second), or none: never the clock.
    pub date: Option<[i64; 6]>,
    /// Watermark text of a draft (征求意见稿), or none.
    pub draft: Option<String>,
}

/// How a document is made beyond the report's own data.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Mark every page as a draft with this text.
    pub draft: Option<String>,
    /// SHA-256 of the input YAML, recorded in the PDF's keywords.
    pub source_sha256: Option<String>,
    /// Creation time from `SOURCE_DATE_EPOCH` (UTC), instead of the report's date.
    pub epoch: Option<i64>,
}

/// The metadata of one report's PDF.
pub fn meta(r: &Report, view: &View, options: &Options) -> Meta {
    let mut title = view.document_title.clone();
    if let Some(draft) = &options.draft {
        title.push_str(&format!("（{draft}）"));
    }
    let mut keywords = vec![
        "政府信息公开".into(),
        "年度报告".into(),
        r.year.value.to_string(),
    ];
    if let Some(sha) = &options.source_sha256 {
        keywords.push(format!("sha256:{sha}"));
    }
    Meta {
        title,
        author: r.agency.value.clone(),
        subject: format!("{}年政府信息公开工作年度报告", r.year.value),
        keywords,
        date: document_date(r, options),
        draft: options.draft.clone(),
    }
}

/// The PDF's creation time: `SOURCE_DATE_EPOCH` if given (UTC).
pub fn document_date(r: &Report, options: &Options) -> Option<[i64; 6]> {
    if let Some(epoch) = options.epoch {
        let t = time::OffsetDateTime::from_unix_timestamp(epoch).ok()?;
        return Some([
            i64::from(t.year()),
            i64::from(u8::from(t.month())),
            i64::from(t.day()),
            i64::from(t.hour()),
            i64::from(t.minute()),
            i64::from(t.second()),
        ]);
    }
    // Else the report's own date, else 1 January after the report year (the
    // earliest day the report can have been made): from the data, never the clock.
    let (y, m, d) = r
        .date
        .as_ref()
        .and_then(|d| parse_date(&d.value))
        .unwrap_or((r.year.value as i32 + 1, 1, 1));
    Some([i64::from(y), i64::from(m), i64::from(d), 0, 0, 0])
}

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

/// A body paragraph; `head` is a run-in heading printed in 楷体 before the text.
#[derive(Serialize)]
pub struct Paragraph {
    pub head: Option<String>,
    pub text: String,
}

/// A table: column count, header rows (repeated when the table splits), body.
#[derive(Serialize)]
pub struct Table {
    pub columns: usize,
    pub header: Vec<Cell>,
    pub body: Vec<Cell>,
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

fn cell(text: impl Into<String>, colspan: usize, rowspan: usize, role: &'static str) -> Cell {
    Cell {
        text: text.into(),
        colspan,
        rowspan,
        role,
        fill: None,
    }
}

fn number(v: &Val<u64>) -> Cell {
    cell(v.value.to_string(), 1, 1, "number")
}

pub fn build(r: &Report) -> View {
    let title: Vec<String> = r.title.iter().map(|l| l.value.clone()).collect();
    View {
        document_title: title.concat(),
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

fn plain(ps: &[Val<String>]) -> Vec<Paragraph> {
    ps.iter()
        .map(|p| Paragraph {
            head: None,
            text: p.value.clone(),
        })
        .collect()
}

fn prose(p: &Prose) -> Vec<Paragraph> {
    let mut out = plain(&p.paragraphs);
    for (n, item) in p.items.iter().enumerate() {
        let head = format!("{}{}", item_number(n), run_in_heading(&item.heading.value));
        let mut texts = item.paragraphs.iter().map(|t| t.value.clone());
        out.push(Paragraph {
            head: Some(head),
            text: texts.next().unwrap_or_default(),
        });
        out.extend(texts.map(|text| Paragraph { head: None, text }));
    }
    out
}

/// “2025年1月20日” or “2025-01-20”.
fn parse_date(s: &str) -> Option<(i32, u8, u8)> {
    let nums: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .collect();
    match nums.as_slice() {
        [y, m, d] => {
            let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            ((1900..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
                .then_some((y, m, d))
        }
        _ => None,
    }
}

fn table_a(r: &Report) -> Table {
    let mut body = Vec::new();
    let mut rows = r.table_a_rows();
    for band in &TABLE_A {
        body.push(Cell {
            fill: Some(A_BAND_FILL),
            ..cell(band.band, 4, 1, "band")
        });
        body.push(cell(A_FIRST_HEADER, 1, 1, "head"));
        let span = 3 / band.headers.len();
        body.extend(band.headers.iter().map(|h| cell(*h, span, 1, "head")));
        for _ in band.rows {
            let Some((row, cells)) = rows.next() else {
                break;
            };
            body.push(cell(row.label, 1, 1, "label"));
            match cells {
                ACells::Documents(v) => body.extend(v.iter().map(number)),
                ACells::Count(v) => body.push(Cell {
                    colspan: 3,
                    ..number(v)
                }),
                ACells::Fee(v) => body.push(cell(v.value.0.clone(), 3, 1, "number")),
            }
        }
    }
    Table {
        columns: 4,
        header: Vec::new(),
        body,
    }
}

fn table_b(r: &Report) -> Table {
    let header = vec![
        cell(B_CORNER, 3, 3, "corner"),
        cell(B_APPLICANTS, 7, 1, "head"),
        cell(B_COLUMNS[0].label, 1, 2, "head"),
        cell(B_ORGANISATIONS, 5, 1, "head"),
        cell(B_COLUMNS[B_TOTAL_COLUMN].label, 1, 2, "head"),
    ]
    .into_iter()
    .chain(
        B_COLUMNS[1..B_TOTAL_COLUMN]
            .iter()
            .map(|c| cell(c.label, 1, 1, "head")),
    )
    .collect();
    let mut body = Vec::new();
    let mut open_group: Option<&str> = None;
    let mut results_open = false;
    for (row, cells) in r.table_b_rows() {
        match row.place {
            BPlace::Top => body.push(cell(row.label, 3, 1, "label")),
            BPlace::Result | BPlace::Item(_) if !results_open => {
                results_open = true;
                body.push(cell(
                    B_RESULTS.label,
                    1,
                    format::b_group_span(B_RESULTS.label),
                    "group",
                ));
            }
            _ => {}
        }
        match row.place {
            BPlace::Top => {}
            BPlace::Result => body.push(cell(row.label, 2, 1, "label")),
            BPlace::Item(g) => {
                if open_group != Some(g.label) {
                    open_group = Some(g.label);
                    body.push(cell(g.label, 1, format::b_group_span(g.label), "group"));
                }
                body.push(cell(row.label, 1, 1, "label"));
            }
        }
        body.extend(cells.iter().map(number));
    }
    Table {
        columns: 10,
        header,
        body,
    }
}

fn table_c(r: &Report) -> Table {
    let n = C_COLUMNS.len();
    let mut header = vec![
        cell(C_REVIEW, n, 1, "head"),
        cell(C_LITIGATION, 2 * n, 1, "head"),
    ];
    header.extend(C_COLUMNS.iter().map(|c| cell(c.label, 1, 2, "head")));
    header.extend(C_GROUPS[1..].iter().map(|g| cell(g.label, n, 1, "head")));
    for _ in &C_GROUPS[1..] {
        header.extend(C_COLUMNS.iter().map(|c| cell(c.label, 1, 1, "head")));
    }
    let body = r.table_c.groups.iter().flatten().map(number).collect();
    Table {
        columns: 3 * n,
        header,
        body,
    }
}
