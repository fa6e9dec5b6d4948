//! The office's roster (名单) and scoring sheet: a CSV (any encoding
//! `check` reads) or an Excel workbook's first sheet. The roster's columns
//! are found by their headings (单位/机关, 级别/层级, 期限/截止日期); the scoring
//! sheet is `编号,扣分` rows with an optional `满分` row.

use std::path::Path;

use crate::report::load::parse_date;

/// One unit on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub level: Option<String>,
    pub deadline: Option<Deadline>,
    /// The row in the sheet (1-based, the heading is row 1).
    pub row: usize,
}

/// A deadline as the roster writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Date(time::Date),
    /// “1月31日”: in the year after the report's.
    MonthDay(time::Month, u8),
}

impl Deadline {
    /// The date for a report of `year`.
    pub fn for_year(self, year: u32) -> Option<time::Date> {
        match self {
            Deadline::Date(d) => Some(d),
            Deadline::MonthDay(m, d) => time::Date::from_calendar_date(year as i32 + 1, m, d).ok(),
        }
    }
}

/// The default deadline of 《条例》第四十九条: a 人民政府's own report by 31
/// March, a department's by 31 January, of the next year.
pub fn default_deadline(agency: &str, year: u32) -> Option<time::Date> {
    let month = if agency.trim().ends_with("人民政府") {
        time::Month::March
    } else {
        time::Month::January
    };
    time::Date::from_calendar_date(year as i32 + 1, month, month.length(year as i32 + 1)).ok()
}

/// The rows of a CSV or .xlsx file as text cells.
pub fn rows(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let shown = path.display();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "xlsx" || ext == "xls" || ext == "xlsm" {
        use calamine::{open_workbook_auto, Data, Reader};
        let mut wb = open_workbook_auto(path).map_err(|e| format!("无法读取“{shown}”：{e}"))?;
        let range = wb
            .worksheet_range_at(0)
            .ok_or_else(|| format!("“{shown}”中没有工作表。"))?
            .map_err(|e| format!("无法读取“{shown}”：{e}"))?;
        return Ok(range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                        Data::DateTime(d) => excel_date(d.as_f64()),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect());
    }
    let source = crate::report::load::read_source(path).map_err(|findings| {
        findings
            .first()
            .map(|d| format!("无法读取“{shown}”：{}", d.message))
            .unwrap_or_else(|| format!("无法读取“{shown}”。"))
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.text.trim_start_matches('\u{feff}').as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("“{shown}”第 {} 行不是 CSV：{e}", i + 1))?;
        out.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(out)
}

/// An Excel date serial (days since 1899-12-30) as “2026-01-31”.
fn excel_date(serial: f64) -> String {
    let base = time::Date::from_calendar_date(1899, time::Month::December, 30);
    base.ok()
        .and_then(|b| b.checked_add(time::Duration::days(serial.floor() as i64)))
        .map(|d| format!("{}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_default()
}

/// Read the roster: a heading row naming the unit column (单位, 机关 or
/// 名称), optionally the level (级别, 层级, 类别) and the deadline (期限, 截止).
pub fn read(path: &Path) -> Result<Vec<Entry>, String> {
    let rows = rows(path)?;
    let shown = path.display();
    let Some(head) = rows.first() else {
        return Err(format!("名单“{shown}”是空的。"));
    };
    let find = |words: &[&str]| {
        head.iter()
            .position(|h| words.iter().any(|w| h.contains(w)))
    };
    let unit = find(&["单位", "机关", "名称"]).ok_or_else(|| {
        format!("名单“{shown}”第一行应为表头，其中要有“单位”（或“机关”“名称”）一栏；可另有“级别”“期限”两栏。")
    })?;
    let level = find(&["级别", "层级", "类别"]);
    let deadline = find(&["期限", "截止"]);
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(1) {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let Some(name) = cell(Some(unit)) else {
            continue;
        };
        let deadline = match cell(deadline) {
            None => None,
            Some(text) => Some(parse_deadline(&text).ok_or_else(|| {
                format!("名单“{shown}”第 {} 行的期限“{text}”不是日期：写成“2026-01-31”“2026年1月31日”或“1月31日”。", i + 1)
            })?),
        };
        out.push(Entry {
            name,
            level: cell(level),
            deadline,
            row: i + 1,
        });
    }
    Ok(out)
}

/// “2026-01-31”, “2026年1月31日”…, or “1月31日” / “01-31” without the year.
pub fn parse_deadline(text: &str) -> Option<Deadline> {
    if let Ok(d) = parse_date(text) {
        return Some(Deadline::Date(d));
    }
    let parts: Vec<&str> = text
        .split(['月', '日', '-', '/', '.'])
        .filter(|p| !p.trim().is_empty())
        .collect();
    let [m, d] = parts.as_slice() else {
        return None;
    };
    let month = time::Month::try_from(m.trim().parse::<u8>().ok()?).ok()?;
    let day: u8 = d.trim().parse().ok()?;
    // 29 February is accepted: it exists in some years.
    (1..=month.length(2024))
        .contains(&day)
        .then_some(Deadline::MonthDay(month, day))
}

/// The scoring sheet: deduction per code, and full marks if given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scores {
    pub full: Option<f64>,
    pub deductions: Vec<(String, f64)>,
}

/// Read `编号,扣分` rows (a heading row and a `满分,10` row are allowed);
/// a code gxreport does not report is refused, so no rule is silently idle.
pub fn read_scores(path: &Path) -> Result<Scores, String> {
    let shown = path.display();
    let mut out = Scores::default();
    for (i, row) in rows(path)?.iter().enumerate() {
        let (Some(code), Some(value)) = (row.first(), row.get(1)) else {
            continue;
        };
        let Ok(points) = value.trim().parse::<f64>() else {
            if i == 0 {
                continue; // the heading
            }
            return Err(format!(
                "评分表“{shown}”第 {} 行的分值“{value}”不是数字。",
                i + 1
            ));
        };
        if !points.is_finite() || points < 0.0 {
            return Err(format!(
                "评分表“{shown}”第 {} 行的分值“{value}”应为不小于 0 的数字。",
                i + 1
            ));
        }
        let code = code.trim();
        if code == "满分" {
            out.full = Some(points);
        } else if crate::diagnostic::codes::lookup(code).is_some() {
            out.deductions.push((code.to_string(), points));
        } else {
            return Err(format!("评分表“{shown}”第 {} 行的编号“{code}”不是 gxreport 报告的编号（见 README 的检查规则和 docs/review.md）。", i + 1));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_as_rosters_write_them() {
        let jan31 = time::Date::from_calendar_date(2026, time::Month::January, 31).unwrap();
        assert_eq!(parse_deadline("2026-01-31"), Some(Deadline::Date(jan31)));
        assert_eq!(parse_deadline("2026年1月31日"), Some(Deadline::Date(jan31)));
        assert_eq!(
            parse_deadline("1月31日").and_then(|d| d.for_year(2025)),
            Some(jan31)
        );
        assert_eq!(
            parse_deadline("01-31").and_then(|d| d.for_year(2025)),
            Some(jan31)
        );
        assert_eq!(parse_deadline("2月30日"), None);
        assert_eq!(parse_deadline("月底"), None);
        let mar31 = time::Date::from_calendar_date(2026, time::Month::March, 31).unwrap();
        assert_eq!(default_deadline("某某县人民政府", 2025), Some(mar31));
        assert_eq!(default_deadline("某某县人民政府办公室", 2025), Some(jan31));
    }

    #[test]
    fn a_roster_in_excel_reads_like_one_in_csv() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("名单.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["序号", "单位名称", "级别", "公开期限"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_number(1, 0, 1).unwrap();
        ws.write_string(1, 1, "某某县财政局").unwrap();
        ws.write_string(1, 2, "部门").unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 2, 28).unwrap();
        let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        ws.write_datetime_with_format(1, 3, &date, &fmt).unwrap();
        ws.write_number(2, 0, 2).unwrap();
        ws.write_string(2, 1, "某某镇人民政府").unwrap();
        wb.save(&path).unwrap();
        let feb28 = time::Date::from_calendar_date(2026, time::Month::February, 28).unwrap();
        assert_eq!(
            read(&path).unwrap(),
            vec![
                Entry {
                    name: "某某县财政局".into(),
                    level: Some("部门".into()),
                    deadline: Some(Deadline::Date(feb28)),
                    row: 2
                },
                Entry {
                    name: "某某镇人民政府".into(),
                    level: None,
                    deadline: None,
                    row: 3
                },
            ]
        );
        // A roster without a unit column is refused, saying what it needs.
        let csv = dir.path().join("名单.csv");
        std::fs::write(&csv, "序号,期限\n1,1月31日\n").unwrap();
        assert!(read(&csv).unwrap_err().contains("要有“单位”"));
        // A scoring sheet with a code gxreport never reports is refused.
        let sheet = dir.path().join("评分.csv");
        std::fs::write(&sheet, "编号,扣分\n满分,10\nV-COPY,5\nV-COPIED,5\n").unwrap();
        assert!(read_scores(&sheet)
            .unwrap_err()
            .contains("第 4 行的编号“V-COPIED”"));
    }
}
