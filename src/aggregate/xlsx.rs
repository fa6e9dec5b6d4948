//! The breakdown as an Excel workbook for the 公开办: one sheet per table,
//! headed like the official form (merged header cells, official labels from
//! [`crate::format`]), one row per unit and a 合计 row, figures as numbers
//! (the fee in 万元 with its decimals); then a sheet of the units' files and
//! SHA-256. Written with rust_xlsxwriter; same input, same bytes.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::breakdown::{AGENCY_COLUMN, FILE_COLUMN, TOTAL_ROW};
use super::{AFigure, Aggregate, Figures};
use crate::format::{
    AKind, BPlace, A_BAND_FILL, A_DOCUMENT_COLUMNS, B_COLUMNS, B_ORGANISATIONS, B_RESULTS,
    B_TOTAL_COLUMN, C_COLUMNS, C_GROUPS, C_LITIGATION, C_REVIEW, SECTIONS, TABLE_A, TABLE_B,
};

/// Name of the sheet listing the units.
pub const UNITS_SHEET: &str = "单位清单";
/// Columns of the units sheet.
pub const UNITS_HEADER: [&str; 5] = [FILE_COLUMN, AGENCY_COLUMN, "年度", "SHA-256", "状态"];
/// Status of a unit that went into the sum.
pub const SUMMED: &str = "已汇总";

/// A header cell: first row and column (figure columns counted from 0),
/// how many rows and columns it spans, its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub row: u32,
    pub col: u16,
    pub rows: u32,
    pub cols: u16,
    pub text: &'static str,
    pub band: bool,
}

fn head(row: u32, col: usize, rows: u32, cols: usize, text: &'static str) -> Head {
    Head {
        row,
        col: col as u16,
        rows,
        cols: cols as u16,
        text,
        band: false,
    }
}

/// One table's sheet: its name (the section heading), header rows, header
/// cells and the figures of a unit (as written in its cells).
pub struct SheetLayout {
    pub name: &'static str,
    pub header_rows: u32,
    pub heads: Vec<Head>,
    pub figures: fn(&Figures) -> Vec<Figure>,
}

/// A figure as it goes into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Count(u64),
    /// 万元 as written, e.g. "96171.60".
    Fee(String),
}

/// Table A: 第二十条 bands, then row labels, then column labels.
pub fn table_a_layout() -> SheetLayout {
    let mut heads = Vec::new();
    let mut col = 0;
    for band in &TABLE_A {
        let start = col;
        for row in band.rows {
            match row.kind {
                AKind::Documents => {
                    heads.push(head(1, col, 1, 3, row.label));
                    for (k, c) in A_DOCUMENT_COLUMNS.iter().enumerate() {
                        heads.push(head(2, col + k, 1, 1, c.label));
                    }
                    col += 3;
                }
                AKind::Count | AKind::Fee => {
                    heads.push(head(1, col, 1, 1, row.label));
                    heads.push(head(
                        2,
                        col,
                        1,
                        1,
                        band.headers.first().copied().unwrap_or(""),
                    ));
                    col += 1;
                }
            }
        }
        heads.push(Head {
            band: true,
            ..head(0, start, 1, col - start, band.band)
        });
    }
    heads.sort_by_key(|h| (h.row, h.col));
    SheetLayout {
        name: SECTIONS[1].heading,
        header_rows: 3,
        heads,
        figures: |f| {
            let mut out = Vec::new();
            for a in &f.a {
                match a {
                    AFigure::Documents(v) => out.extend(v.iter().map(|n| Figure::Count(*n))),
                    AFigure::Count(n) => out.push(Figure::Count(*n)),
                    AFigure::Fee(s) => out.push(Figure::Fee(s.clone())),
                }
            }
            out
        },
    }
}

/// Table B: the row labels (一、… / 三、（一）… / （三）1.…) over the seven
/// applicant columns of each row, 自然人 · 法人或其他组织（…）· 总计.
pub fn table_b_layout() -> SheetLayout {
    let n = B_COLUMNS.len();
    let mut heads = Vec::new();
    let results: Vec<usize> = TABLE_B
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(r.place, BPlace::Top))
        .map(|(i, _)| i)
        .collect();
    if let (Some(first), Some(last)) = (results.first(), results.last()) {
        heads.push(head(
            0,
            first * n,
            1,
            (last - first + 1) * n,
            B_RESULTS.label,
        ));
    }
    let mut i = 0;
    while i < TABLE_B.len() {
        let row = &TABLE_B[i];
        match row.place {
            BPlace::Top => heads.push(head(0, i * n, 3, n, row.label)),
            BPlace::Result => heads.push(head(1, i * n, 2, n, row.label)),
            BPlace::Item(g) => {
                let len = TABLE_B[i..]
                    .iter()
                    .take_while(|r| matches!(r.place, BPlace::Item(h) if h.label == g.label))
                    .count();
                heads.push(head(1, i * n, 1, len * n, g.label));
                for (k, item) in TABLE_B[i..i + len].iter().enumerate() {
                    heads.push(head(2, (i + k) * n, 1, n, item.label));
                }
                i += len;
                continue;
            }
        }
        i += 1;
    }
    for r in 0..TABLE_B.len() {
        let c = r * n;
        heads.push(head(3, c, 2, 1, B_COLUMNS[0].label));
        heads.push(head(3, c + 1, 1, B_TOTAL_COLUMN - 1, B_ORGANISATIONS));
        heads.push(head(
            3,
            c + B_TOTAL_COLUMN,
            2,
            1,
            B_COLUMNS[B_TOTAL_COLUMN].label,
        ));
        for (k, col) in B_COLUMNS[1..B_TOTAL_COLUMN].iter().enumerate() {
            heads.push(head(4, c + 1 + k, 1, 1, col.label));
        }
    }
    heads.sort_by_key(|h| (h.row, h.col));
    SheetLayout {
        name: SECTIONS[2].heading,
        header_rows: 5,
        heads,
        figures: |f| f.b.iter().flatten().map(|n| Figure::Count(*n)).collect(),
    }
}

/// Table C exactly as the official form heads it.
pub fn table_c_layout() -> SheetLayout {
    let n = C_COLUMNS.len();
    let mut heads = vec![
        head(0, 0, 1, n, C_REVIEW),
        head(0, n, 1, 2 * n, C_LITIGATION),
    ];
    for (k, c) in C_COLUMNS.iter().enumerate() {
        heads.push(head(1, k, 2, 1, c.label));
    }
    for (g, group) in C_GROUPS.iter().enumerate().skip(1) {
        heads.push(head(1, g * n, 1, n, group.label));
        for (k, c) in C_COLUMNS.iter().enumerate() {
            heads.push(head(2, g * n + k, 1, 1, c.label));
        }
    }
    heads.sort_by_key(|h| (h.row, h.col));
    SheetLayout {
        name: SECTIONS[3].heading,
        header_rows: 3,
        heads,
        figures: |f| f.c.iter().flatten().map(|n| Figure::Count(*n)).collect(),
    }
}

/// The three table sheets in order.
pub fn layouts() -> [SheetLayout; 3] {
    [table_a_layout(), table_b_layout(), table_c_layout()]
}

/// Number format showing exactly `decimals` places: 0, 0.0, 0.00 …
fn decimals_format(decimals: usize) -> String {
    if decimals == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(decimals))
    }
}

/// A fee as a number and the format that prints it as written; None when
/// a double cannot hold it exactly as written (then it is written as text).
pub fn fee_number(s: &str) -> Option<(f64, String)> {
    let decimals = s.split_once('.').map_or(0, |(_, d)| d.len());
    let x: f64 = s.parse().ok()?;
    (format!("{x:.decimals$}") == s).then(|| (x, decimals_format(decimals)))
}

/// The workbook's bytes; the message says what went wrong.
pub fn xlsx(agg: &Aggregate) -> Result<Vec<u8>, String> {
    build(agg).map_err(|e| format!("无法生成明细表：{e}"))
}

fn build(agg: &Aggregate) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Fixed metadata, so that the same units give the same bytes.
    let created = ExcelDateTime::from_ymd(u16::try_from(agg.year + 1).unwrap_or(2000), 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{}{}年政府信息公开工作年度报告各单位明细",
                agg.agency, agg.year
            ))
            .set_author("gxreport")
            .set_creation_datetime(&created),
    );
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    let header = border(
        Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
    );
    let band = header
        .clone()
        .set_background_color(Color::RGB(hex(A_BAND_FILL)));
    let text = border(Format::new().set_align(FormatAlign::VerticalCenter));
    let count = border(Format::new().set_num_format("0"));
    let total_text = text.clone().set_bold();
    let total_count = count.clone().set_bold();

    for layout in layouts() {
        let ws = wb.add_worksheet();
        ws.set_name(layout.name)?;
        let hr = layout.header_rows;
        ws.merge_range(0, 0, hr - 1, 0, FILE_COLUMN, &header)?;
        ws.merge_range(0, 1, hr - 1, 1, AGENCY_COLUMN, &header)?;
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 30)?;
        for h in &layout.heads {
            let f = if h.band { &band } else { &header };
            let (r0, c0) = (h.row, h.col + 2);
            let (r1, c1) = (r0 + h.rows - 1, c0 + h.cols - 1);
            if r0 == r1 && c0 == c1 {
                ws.write_string_with_format(r0, c0, h.text, f)?;
            } else {
                ws.merge_range(r0, c0, r1, c1, h.text, f)?;
            }
        }
        let width = layout
            .heads
            .iter()
            .map(|h| h.col + h.cols)
            .max()
            .unwrap_or(0);
        for c in 0..width {
            ws.set_column_width(c + 2, 11)?;
        }
        for r in 0..hr {
            ws.set_row_height(r, 48)?;
        }
        let mut row = hr;
        for u in &agg.units {
            write_row(
                ws,
                row,
                &u.file,
                &u.agency,
                &(layout.figures)(&u.figures),
                &text,
                &count,
            )?;
            row += 1;
        }
        write_row(
            ws,
            row,
            TOTAL_ROW,
            &agg.agency,
            &(layout.figures)(&agg.totals),
            &total_text,
            &total_count,
        )?;
        ws.set_freeze_panes(hr, 2)?;
    }

    let ws = wb.add_worksheet();
    ws.set_name(UNITS_SHEET)?;
    for (c, label) in UNITS_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *label, &header)?;
    }
    for (c, w) in [24, 30, 8, 68, 40].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    let mut row = 1;
    for u in &agg.units {
        ws.write_string_with_format(row, 0, &u.file, &text)?;
        ws.write_string_with_format(row, 1, &u.agency, &text)?;
        ws.write_number_with_format(row, 2, u.year, &count)?;
        ws.write_string_with_format(row, 3, &u.sha256, &text)?;
        ws.write_string_with_format(row, 4, SUMMED, &text)?;
        row += 1;
    }
    for e in &agg.excluded {
        ws.write_string_with_format(row, 0, &e.file, &text)?;
        ws.write_string_with_format(row, 1, "", &text)?;
        ws.write_string_with_format(row, 2, "", &text)?;
        ws.write_string_with_format(row, 3, e.sha256.as_deref().unwrap_or(""), &text)?;
        ws.write_string_with_format(row, 4, format!("未汇总：{}", e.reason), &text)?;
        row += 1;
    }
    ws.set_freeze_panes(1, 0)?;
    wb.save_to_buffer()
}

fn write_row(
    ws: &mut Worksheet,
    row: u32,
    file: &str,
    agency: &str,
    figures: &[Figure],
    text: &Format,
    count: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, 0, file, text)?;
    ws.write_string_with_format(row, 1, agency, text)?;
    for (k, f) in figures.iter().enumerate() {
        let col = k as u16 + 2;
        match f {
            // Counts stay below 2^53 in any real report; f64 holds them exactly.
            Figure::Count(n) => {
                ws.write_number_with_format(row, col, *n as f64, count)?;
            }
            Figure::Fee(s) => match fee_number(s) {
                Some((x, decimals)) => {
                    ws.write_number_with_format(
                        row,
                        col,
                        x,
                        &count.clone().set_num_format(decimals),
                    )?;
                }
                None => {
                    ws.write_string_with_format(row, col, s, text)?;
                }
            },
        }
    }
    Ok(())
}

/// "#C6D9F1" → 0xC6D9F1.
fn hex(color: &str) -> u32 {
    u32::from_str_radix(color.trim_start_matches('#'), 16).unwrap_or(0xFFFFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_keep_their_decimals() {
        assert_eq!(fee_number("96171.60"), Some((96171.6, "0.00".to_string())));
        assert_eq!(fee_number("3"), Some((3.0, "0".to_string())));
        assert_eq!(fee_number("12345678901234567.5"), None);
    }

    #[test]
    fn every_figure_column_has_one_leaf_header() {
        for layout in layouts() {
            let leaves = layout
                .heads
                .iter()
                .filter(|h| h.row + h.rows == layout.header_rows);
            let mut cols: Vec<u16> = leaves.flat_map(|h| h.col..h.col + h.cols).collect();
            let n = cols.len();
            cols.sort_unstable();
            cols.dedup();
            assert_eq!(cols.len(), n, "{}", layout.name);
            let figures = (layout.figures)(&Figures::zero()).len();
            assert_eq!(n, figures, "{}", layout.name);
        }
    }
}
