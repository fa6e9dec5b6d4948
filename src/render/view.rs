//! What the template sees: the report laid out as the official tables say,
//! with every label taken from [`crate::format`] and every span computed here.

use serde::Serialize;

use super::text::{self, Seg};
use crate::diagnostic::{Diagnostic, Severity};
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
        widths: None,
        figure_size: None,
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
    let fit = fit_b(r);
    let mut widths = vec![mm(8.0), mm(12.0)];
    widths.push(TYPE_AREA_WIDTH - widths.iter().sum::<f64>() - 7.0 * fit.width);
    widths.extend([fit.width; 7]);
    Table {
        columns: 10,
        header,
        body,
        widths: Some(widths),
        figure_size: Some(fit.size),
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
    let fit = fit_c(r);
    Table {
        columns: 3 * n,
        header,
        body,
        widths: Some(fit.widths),
        figure_size: Some(fit.size),
    }
}

// ------------------------------------------------------------------ figure fit
//
// A figure must sit inside its cell with room to spare: its width (Times-like
// digits are ½ em, the decimal point ¼ em) plus the cell's inset on both
// sides must not exceed the column. The style's table inset is 2.5 pt, so a
// figure that fits stays 2.25 pt clear of each 0.5 pt rule.

/// The type area's width, 156 mm, in pt.
pub const TYPE_AREA_WIDTH: f64 = 156.0 * MM;
const MM: f64 = 72.0 / 25.4;
/// Horizontal inset of a table cell, both sides together (style.typ: 2.5 pt each).
pub const CELL_INSET: f64 = 5.0;
/// Figure sizes tried, largest first (pt): the style's 9 pt, then smaller.
pub const FIGURE_SIZES: [f64; 9] = [9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0];
/// Table B's figure columns: 11 mm as designed, at most 14 mm (the label
/// column keeps the rest, about 38 mm).
const B_COLUMN: (f64, f64) = (11.0 * MM, 14.0 * MM);
/// Narrowest Table C column: its two-character header lines at 9 pt.
const C_MIN_COLUMN: f64 = 24.0;

fn mm(v: f64) -> f64 {
    v * MM
}

/// Width of a figure in pt at `size`: digits ½ em, other characters ¼ em.
pub fn figure_width(figure: &str, size: f64) -> f64 {
    figure
        .chars()
        .map(|c| if c.is_ascii_digit() { 0.5 } else { 0.25 })
        .sum::<f64>()
        * size
}

/// Table B's figure columns: their width and the figure size.
pub struct FitB {
    pub width: f64,
    pub size: f64,
    /// False when even the smallest size does not fit the widest column.
    pub fits: bool,
}

/// Size Table B's seven figure columns from its widest figure: 11 mm at 9 pt
/// when that holds it, else wider columns up to 14 mm, else a smaller size.
pub fn fit_b(r: &Report) -> FitB {
    let widest = r
        .table_b
        .rows
        .iter()
        .flatten()
        .map(|v| v.value.to_string())
        .max_by_key(String::len)
        .unwrap_or_default();
    for size in FIGURE_SIZES {
        let need = figure_width(&widest, size) + CELL_INSET;
        if need <= B_COLUMN.1 {
            return FitB {
                width: need.max(B_COLUMN.0),
                size,
                fits: true,
            };
        }
    }
    FitB {
        width: B_COLUMN.1,
        size: FIGURE_SIZES[FIGURE_SIZES.len() - 1],
        fits: false,
    }
}

/// Table C's fifteen columns and figure size.
pub struct FitC {
    pub widths: Vec<f64>,
    pub size: f64,
    pub fits: bool,
}

/// Size Table C's columns: equal while the figures fit; else each column at
/// least as wide as its widest figure, the others sharing the rest; else a
/// smaller figure size.
pub fn fit_c(r: &Report) -> FitC {
    let columns: Vec<String> = r
        .table_c
        .groups
        .iter()
        .flatten()
        .map(|v| v.value.to_string())
        .collect();
    let n = columns.len() as f64;
    for size in FIGURE_SIZES {
        let need: Vec<f64> = columns
            .iter()
            .map(|f| (figure_width(f, size) + CELL_INSET).max(C_MIN_COLUMN))
            .collect();
        let equal = TYPE_AREA_WIDTH / n;
        if need.iter().all(|&w| w <= equal) {
            return FitC {
                widths: vec![equal; columns.len()],
                size,
                fits: true,
            };
        }
        let total: f64 = need.iter().sum();
        if total <= TYPE_AREA_WIDTH {
            let spare = (TYPE_AREA_WIDTH - total) / n;
            return FitC {
                widths: need.iter().map(|w| w + spare).collect(),
                size,
                fits: true,
            };
        }
    }
    FitC {
        widths: vec![TYPE_AREA_WIDTH / n; columns.len()],
        size: FIGURE_SIZES[FIGURE_SIZES.len() - 1],
        fits: false,
    }
}

// ------------------------------------------------------------------ findings

/// What the layout changes or cannot hold, told before Typst runs:
/// W-NUMBER for an item heading whose typed number is dropped (the layout
/// numbers items itself), W-TEXT for Word line separators and no-break
/// spaces that are dropped, W-FIGURE for a figure too wide for its cell
/// even at the smallest size.
pub fn findings(r: &Report, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for prose in r.proses() {
        for (n, item) in prose.items.iter().enumerate() {
            let h = &item.heading;
            if let Some((typed, rest)) = text::typed_number(&h.value) {
                out.push(Diagnostic {
                    severity: Severity::Warning,
                    hint: Some(format!(
                        "删去“{typed}”即可：这一项印出来是“{}”。",
                        item_head(n, rest)
                    )),
                    width: Some(typed.chars().count()),
                    ..Diagnostic::error(
                        "W-NUMBER",
                        file,
                        h.pos.map(|p| r.locate(p, typed, 0)),
                        format!(
                            "小标题“{}”自带序号“{typed}”，排版时会自动编为“{}”，已去掉自带的序号，以免印成两个序号。",
                            h.value.trim(),
                            item_number(n)
                        ),
                    )
                });
            }
        }
    }
    for p in crate::report::figures::paragraphs(r) {
        if text::needs_normalising(&p.value) {
            out.push(Diagnostic {
                severity: Severity::Warning,
                hint: Some(
                    "从 Word 粘贴的文字常带这些字符；如确需分段，请另起一段（空一行）。".into(),
                ),
                ..Diagnostic::error(
                    "W-TEXT",
                    file,
                    p.pos,
                    "这段文字含有强制换行符（U+2028/U+2029）或不间断空格（U+00A0），排版时强制换行符已去掉，汉字之间的不间断空格已去掉、其余改为普通空格。".into(),
                )
            });
        }
    }
    if !fit_b(r).fits {
        let widest = r
            .table_b
            .rows
            .iter()
            .flatten()
            // The widest figure, one the clerk wrote rather than a computed total.
            .max_by_key(|v| (v.value.to_string().len(), v.pos.is_some()));
        if let Some(v) = widest {
            out.push(too_wide(
                file,
                v,
                "表三",
                FIGURE_SIZES[FIGURE_SIZES.len() - 1],
            ));
        }
    }
    if !fit_c(r).fits {
        if let Some(v) = r
            .table_c
            .groups
            .iter()
            .flatten()
            .max_by_key(|v| (v.value.to_string().len(), v.pos.is_some()))
        {
            out.push(too_wide(
                file,
                v,
                "表四",
                FIGURE_SIZES[FIGURE_SIZES.len() - 1],
            ));
        }
    }
    out
}

fn too_wide(file: &str, v: &Val<u64>, table: &str, size: f64) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        hint: Some("请核对这个数字是否多写了位数。".into()),
        ..Diagnostic::error(
            "W-FIGURE",
            file,
            v.pos,
            format!(
                "{table}中的数字 {} 位数太多，缩小到 {size} 磅字号仍放不进表格的一格，印出来会压住格线。",
                v.value
            ),
        )
    }
}
