//! The breakdown as an Excel workbook for the 公开办: one sheet per table,
//! headed like the official form (merged header cells, official labels from
//! [`crate::format`]), one row per unit and a 合计 row, figures as numbers
//! (the fee in 万元 with its decimals); then a sheet of the units' files and
//! SHA-256. Written with rust_xlsxwriter; same input, same bytes.
//!
//! The sheets' headers and columns are laid out in `layout.rs`; here the
//! workbook is written.

mod layout;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::breakdown::{AGENCY_COLUMN, FILE_COLUMN, TOTAL_ROW};
use super::Aggregate;
use crate::format::A_BAND_FILL;

pub use layout::{
    layouts, table_a_layout, table_b_layout, table_c_layout, Figure, Head, SheetLayout,
};

/// Name of the sheet listing the units.
pub const UNITS_SHEET: &str = "单位清单";
/// Columns of the units sheet.
pub const UNITS_HEADER: [&str; 5] = [FILE_COLUMN, AGENCY_COLUMN, "年度", "SHA-256", "状态"];
/// Status of a unit that went into the sum.
pub const SUMMED: &str = "已汇总";

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
}
