//! The audit of a folder of reports (`gxreport check 各单位/`): one row per
//! report — file, agency, year, errors and warnings counted by rule, whether
//! it may be built — printed as a table, given as the last JSON line, or
//! written as a CSV a 公开办 opens in Excel (UTF-8 with a byte-order mark).

use std::collections::BTreeMap;

use gxreport::diagnostic::Severity;
use gxreport::Prepared;

/// One report's row.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<u32>,
    pub errors: usize,
    pub warnings: usize,
    /// How many findings of each code, e.g. {"R1": 2, "X3": 1}.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Whether `build` would build it.
    pub buildable: bool,
}

impl Row {
    pub fn of(p: &Prepared) -> Row {
        let mut by_rule = BTreeMap::new();
        for d in &p.findings {
            *by_rule.entry(d.code).or_insert(0) += 1;
        }
        // A file with errors that stop loading (an unknown key, a bad
        // value) still names its agency and year in the table when its
        // top-level lines say them plainly.
        let plain = |key: &str| {
            p.source.as_deref().and_then(|text| {
                text.lines().find_map(|l| {
                    let v = l.strip_prefix(key)?.strip_prefix(':')?;
                    let v = v
                        .split(" #")
                        .next()
                        .unwrap_or(v)
                        .trim()
                        .trim_matches(['"', '\'']);
                    (!v.is_empty()).then(|| v.to_string())
                })
            })
        };
        Row {
            file: p.file.clone(),
            agency: p
                .report
                .as_ref()
                .map(|r| r.agency.value.clone())
                .or_else(|| plain("agency")),
            year: p
                .report
                .as_ref()
                .map(|r| r.year.value)
                .or_else(|| plain("year").and_then(|y| y.parse().ok())),
            errors: p
                .findings
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            warnings: p
                .findings
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
            by_rule,
            buildable: !p.blocked,
        }
    }

    fn rules(&self) -> String {
        self.by_rule
            .iter()
            .map(|(code, n)| format!("{code}×{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const HEADER: [&str; 7] = [
    "文件",
    "机关名称",
    "年度",
    "错误",
    "警告",
    "按规则",
    "能否生成",
];

fn cells(r: &Row) -> [String; 7] {
    [
        r.file.clone(),
        r.agency.clone().unwrap_or_else(|| "（无法读取）".into()),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
        r.errors.to_string(),
        r.warnings.to_string(),
        r.rules(),
        if r.buildable { "能" } else { "不能" }.into(),
    ]
}

/// The table for the terminal, one line a report, columns aligned by
/// display width (a hanzi takes two columns of a terminal).
pub fn table(rows: &[Row]) -> String {
    use unicode_width::UnicodeWidthStr;
    let lines: Vec<[String; 7]> = std::iter::once(HEADER.map(String::from))
        .chain(rows.iter().map(cells))
        .collect();
    let mut widths = [0usize; 7];
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = format!("共 {} 份报告：\n", rows.len());
    for line in &lines {
        let mut text = String::new();
        for (i, (cell, w)) in line.iter().zip(widths).enumerate() {
            text.push_str(cell);
            if i + 1 < line.len() {
                text.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// The same as CSV bytes.
pub fn csv(rows: &[Row]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let fail = |e: csv::Error| format!("无法生成汇总表：{e}");
    w.write_record(HEADER).map_err(fail)?;
    for r in rows {
        w.write_record(cells(r)).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| format!("无法生成汇总表：{}", e.error()))
}
