//! The review as an Excel workbook: one sheet per kind — every finding
//! (units × findings), the units, the roll-call against the roster, the copy
//! measure, the ratios and the 汇总 check — each with a filter on its heading
//! row and numbers as numbers. Written with rust_xlsxwriter; fixed metadata,
//! so the same review gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::finding::Level;
use super::unit::SECTION_NAMES;
use super::Review;

/// The sheets, in order.
pub const SHEETS: [&str; 6] = ["发现", "各单位", "点名", "雷同", "比率", "汇总核对"];

/// The workbook's bytes; the message says what went wrong.
pub fn xlsx(r: &Review) -> Result<Vec<u8>, String> {
    build(r).map_err(|e| format!("无法生成审查结果工作簿：{e}"))
}

/// One cell: text, a count, a fraction shown as a percentage, or empty.
enum V {
    T(String),
    N(f64),
    P(f64),
    E,
}

fn opt(x: Option<f64>, pct: bool) -> V {
    match x {
        Some(v) if pct => V::P(v),
        Some(v) => V::N(v),
        None => V::E,
    }
}

fn sheet(wb: &mut Workbook, name: &str, head: &[&str], rows: Vec<Vec<V>>) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0%");
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(name)?;
    for (c, label) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *label, &bold)?;
        ws.set_column_width(c as u16, if c == 0 { 28 } else { 14 })?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                V::T(s) => ws.write_string(r, c, s)?,
                V::N(x) => ws.write_number(r, c, *x)?,
                V::P(x) => ws.write_number_with_format(r, c, *x, &pct)?,
                V::E => continue,
            };
        }
    }
    ws.set_freeze_panes(1, 1)?;
    if !head.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, head.len() as u16 - 1)?;
    }
    Ok(())
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

fn build(r: &Review) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let year = r.year.unwrap_or(2000);
    let created = ExcelDateTime::from_ymd(u16::try_from(year + 1).unwrap_or(2001), 2, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{year}年政府信息公开工作年度报告审查结果"))
            .set_author("gxreport")
            .set_creation_datetime(&created),
    );
    let mut rows = Vec::new();
    for u in &r.units {
        for f in &u.findings {
            rows.push(vec![
                t(&u.name),
                t(u.file.clone().unwrap_or_default()),
                t(f.code),
                t(f.level.zh()),
                t(&f.message),
                t(f.place.clone().unwrap_or_default()),
            ]);
        }
    }
    sheet(
        &mut wb,
        SHEETS[0],
        &["单位", "文件", "编号", "级别", "内容", "位置"],
        rows,
    )?;

    let rows = r
        .units
        .iter()
        .map(|u| {
            vec![
                t(&u.name),
                t(u.file.clone().unwrap_or_default()),
                t(u.date.clone().unwrap_or_default()),
                t(u.deadline.clone().unwrap_or_default()),
                V::N(u.count(Level::Problem) as f64),
                V::N(u.count(Level::Note) as f64),
                opt(u.copy.as_ref().map(|c| c.whole), true),
                opt(u.deducted, false),
                opt(u.score, false),
            ]
        })
        .collect();
    sheet(
        &mut wb,
        SHEETS[1],
        &[
            "单位",
            "文件",
            "成文日期",
            "期限",
            "问题",
            "提醒",
            "与上年相同",
            "扣分",
            "得分",
        ],
        rows,
    )?;

    let rows = r
        .units
        .iter()
        .filter(|_| r.roster_units.is_some())
        .map(|u| {
            let has = |code: &str| u.findings.iter().any(|f| f.code == code);
            let status = if has("V-MISSING") {
                "没有报告"
            } else if has("V-EXTRA") {
                "不在名单上"
            } else if has("V-LATE") {
                "逾期"
            } else {
                "按时"
            };
            vec![
                t(&u.name),
                opt(u.roster_row.map(|n| n as f64), false),
                t(u.level.clone().unwrap_or_default()),
                t(u.deadline.clone().unwrap_or_default()),
                t(u.file.clone().unwrap_or_default()),
                t(u.date.clone().unwrap_or_default()),
                t(status),
            ]
        })
        .collect();
    sheet(
        &mut wb,
        SHEETS[2],
        &["单位", "名单行", "级别", "期限", "文件", "成文日期", "状态"],
        rows,
    )?;

    let mut head = vec!["单位", "上年文件", "全文"];
    head.extend(SECTION_NAMES);
    let rows = r
        .units
        .iter()
        .filter_map(|u| {
            let c = u.copy.as_ref()?;
            let mut row = vec![t(&u.name), t(&c.previous), V::P(c.whole)];
            row.extend((0..6).map(|i| opt(c.of(i).map(|s| s.share), true)));
            Some(row)
        })
        .collect();
    sheet(&mut wb, SHEETS[3], &head, rows)?;

    let rows = r
        .units
        .iter()
        .filter_map(|u| {
            let x = u.ratios.as_ref()?;
            Some(vec![
                t(&u.name),
                V::N(x.answered as f64),
                opt(x.refused, true),
                opt(x.unavailable, true),
                opt(x.other_handling, true),
                V::N(x.concluded as f64),
                opt(x.corrected, true),
            ])
        })
        .collect();
    sheet(
        &mut wb,
        SHEETS[4],
        &[
            "单位",
            "申请（七）总计",
            "不予公开",
            "无法提供",
            "其他处理",
            "复议诉讼审结",
            "纠错率",
        ],
        rows,
    )?;

    let mut rows = Vec::new();
    for u in &r.units {
        for f in u.findings.iter().filter(|f| f.code == "V-SUM") {
            for x in &f.figures {
                let num = |s: &str| s.parse::<f64>().map_or_else(|_| t(s), V::N);
                rows.push(vec![
                    t(&u.name),
                    t(&x.cell),
                    num(&x.reported),
                    num(&x.expected),
                ]);
            }
        }
    }
    sheet(
        &mut wb,
        SHEETS[5],
        &["汇总报告", "栏目", "报告的数", "各单位之和"],
        rows,
    )?;
    wb.save_to_buffer()
}
