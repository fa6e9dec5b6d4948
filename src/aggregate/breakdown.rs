//! The breakdown sheet a 公开办 files and checks by eye: one row per unit,
//! one column per table cell (headed by its official labels), and the total.
//!
//! Written as CSV in UTF-8 with a byte-order mark, so that Excel on a Chinese
//! Windows opens it as UTF-8 rather than GBK.

use super::Aggregate;

/// Heading of the file column.
pub const FILE_COLUMN: &str = "文件";
/// Heading of the agency column.
pub const AGENCY_COLUMN: &str = "机关名称";
/// First cell of the total row.
pub const TOTAL_ROW: &str = "合计";
/// How a unit left out of the sum is marked.
pub const EXCLUDED: &str = "已排除";
/// UTF-8 byte-order mark written first.
pub const BOM: &str = "\u{feff}";

/// The breakdown as CSV bytes; the message says what went wrong.
pub fn csv(agg: &Aggregate) -> Result<Vec<u8>, String> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(BOM.as_bytes().to_vec());
    let fail = |e: csv::Error| format!("无法生成明细表：{e}");
    let mut header = vec![FILE_COLUMN.to_string(), AGENCY_COLUMN.to_string()];
    header.extend(crate::format::cells::cells().into_iter().map(|c| c.label));
    w.write_record(&header).map_err(fail)?;
    for u in &agg.units {
        let mut row = vec![u.file.clone(), u.agency.clone()];
        row.extend(u.figures.cells());
        w.write_record(&row).map_err(fail)?;
    }
    // Units left out are listed too, so the sheet accounts for every file.
    for e in &agg.excluded {
        w.write_record([e.file.clone(), format!("{EXCLUDED}：{}", e.reason)])
            .map_err(fail)?;
    }
    let mut total = vec![TOTAL_ROW.to_string(), agg.agency.clone()];
    total.extend(agg.totals.cells());
    w.write_record(&total).map_err(fail)?;
    w.into_inner()
        .map_err(|e| format!("无法生成明细表：{}", e.error()))
}
