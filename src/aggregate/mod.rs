//! 汇总: the report of a county, city or system as the cell-by-cell sum of its
//! units' reports, with the manifest of the units that went into it.
//!
//! Reading and checking the units is here; [`yaml`] writes the aggregated
//! report, [`prose`] its generated text, [`breakdown`] the per-unit sheet (CSV;
//! [`xlsx`] the workbook) and
//! [`decimal`] adds the fees exactly. Every key and label comes from
//! [`crate::format`].

pub mod breakdown;
pub mod decimal;
pub mod prose;
pub mod xlsx;
pub mod yaml;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Severity};
use crate::format::{
    AKind, BPlace, A_DOCUMENT_COLUMNS, B_COLUMNS, C_COLUMNS, C_GROUPS, C_LITIGATION, C_REVIEW,
    TABLE_A, TABLE_B,
};
use crate::report::{ACells, Report};

/// Agency of the aggregated report when `--agency` is not given: a
/// placeholder the author replaces, visible in the printed title.
pub const DEFAULT_AGENCY: &str = "（请填写机关名称）";

/// Where the manifest goes: `全县汇总.yaml` → `全县汇总.units.json`.
pub fn manifest_path(output: &Path) -> PathBuf {
    output.with_extension("units.json")
}

/// Separator between the parts of a cell's official name, e.g.
/// “一、本年新收政府信息公开申请数量·自然人”.
pub const LABEL_SEPARATOR: &str = "·";

/// The figures of one Table A data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AFigure {
    /// 本年制发件数 · 本年废止件数 · 现行有效件数
    Documents([u64; 3]),
    Count(u64),
    /// 万元, exactly as written or summed.
    Fee(String),
}

/// Every figure of Tables A, B and C, in the order of [`crate::format`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// One entry per data row of [`TABLE_A`], flattened.
    pub a: Vec<AFigure>,
    /// 25 rows × 7 columns in the order of [`TABLE_B`].
    pub b: Vec<[u64; 7]>,
    /// Three groups × five columns in the order of [`C_GROUPS`].
    pub c: [[u64; 5]; 3],
}

impl Figures {
    /// All figures zero.
    pub fn zero() -> Self {
        let a = TABLE_A
            .iter()
            .flat_map(|band| band.rows.iter())
            .map(|row| match row.kind {
                AKind::Documents => AFigure::Documents([0; 3]),
                AKind::Count => AFigure::Count(0),
                AKind::Fee => AFigure::Fee("0".into()),
            })
            .collect();
        Figures {
            a,
            b: vec![[0; 7]; TABLE_B.len()],
            c: [[0; 5]; 3],
        }
    }

    /// The figures of a loaded report (with its computed totals).
    pub fn of(r: &Report) -> Self {
        let a = r
            .table_a
            .rows
            .iter()
            .map(|cells| match cells {
                ACells::Documents(v) => AFigure::Documents(v.clone().map(|c| c.value)),
                ACells::Count(c) => AFigure::Count(c.value),
                ACells::Fee(f) => AFigure::Fee(f.value.0.clone()),
            })
            .collect();
        let b = r
            .table_b
            .rows
            .iter()
            .map(|row| row.clone().map(|c| c.value))
            .collect();
        let c = r.table_c.groups.clone().map(|g| g.map(|c| c.value));
        Figures { a, b, c }
    }

    /// Add `other` cell by cell; fails (in Chinese) on a sum too large for a count.
    pub fn add(&mut self, other: &Figures) -> Result<(), String> {
        let too_large = || "汇总后的件数过大，超出了可以表示的范围。".to_string();
        let add = |x: &mut u64, y: u64| -> Result<(), String> {
            *x = x.checked_add(y).ok_or_else(too_large)?;
            Ok(())
        };
        for (mine, theirs) in self.a.iter_mut().zip(&other.a) {
            match (mine, theirs) {
                (AFigure::Documents(x), AFigure::Documents(y)) => {
                    for (x, y) in x.iter_mut().zip(y) {
                        add(x, *y)?;
                    }
                }
                (AFigure::Count(x), AFigure::Count(y)) => add(x, *y)?,
                (AFigure::Fee(x), AFigure::Fee(y)) => {
                    *x = decimal::add(x, y)
                        .ok_or_else(|| format!("收费金额“{x}”或“{y}”不是数字。"))?;
                }
                _ => return Err("表格结构不一致（程序错误）。".into()),
            }
        }
        for (x, y) in self.b.iter_mut().flatten().zip(other.b.iter().flatten()) {
            add(x, *y)?;
        }
        for (x, y) in self.c.iter_mut().flatten().zip(other.c.iter().flatten()) {
            add(x, *y)?;
        }
        Ok(())
    }

    /// Every cell as printed, in the order of [`cell_labels`].
    pub fn cells(&self) -> Vec<String> {
        let mut out = Vec::new();
        for figure in &self.a {
            match figure {
                AFigure::Documents(v) => out.extend(v.iter().map(u64::to_string)),
                AFigure::Count(n) => out.push(n.to_string()),
                AFigure::Fee(f) => out.push(f.clone()),
            }
        }
        out.extend(self.b.iter().flatten().map(u64::to_string));
        out.extend(self.c.iter().flatten().map(u64::to_string));
        out
    }

    /// The Table B figure of row `key` (a key of [`TABLE_B`]) in column `col`.
    pub fn b(&self, key: &str, col: usize) -> u64 {
        TABLE_B
            .iter()
            .position(|r| r.key == key)
            .map_or(0, |i| self.b[i][col])
    }
}

/// The official name of every cell, parts joined by [`LABEL_SEPARATOR`], e.g.
/// “规章·本年制发件数”, “（三）不予公开·1.属于国家秘密·自然人”,
/// “行政诉讼·未经复议直接起诉·总计”.
pub fn cell_labels() -> Vec<String> {
    let join = |parts: &[&str]| parts.join(LABEL_SEPARATOR);
    let mut out = Vec::new();
    for band in &TABLE_A {
        for row in band.rows {
            match row.kind {
                AKind::Documents => out.extend(
                    A_DOCUMENT_COLUMNS
                        .iter()
                        .map(|c| join(&[row.label, c.label])),
                ),
                AKind::Count | AKind::Fee => out.push(join(&[
                    row.label,
                    band.headers.first().copied().unwrap_or(""),
                ])),
            }
        }
    }
    for row in &TABLE_B {
        for col in &B_COLUMNS {
            out.push(match row.place {
                BPlace::Item(g) => join(&[g.label, row.label, col.label]),
                _ => join(&[row.label, col.label]),
            });
        }
    }
    for g in &C_GROUPS {
        for col in &C_COLUMNS {
            out.push(if g.label == C_REVIEW {
                join(&[g.label, col.label])
            } else {
                join(&[C_LITIGATION, g.label, col.label])
            });
        }
    }
    out
}

// ------------------------------------------------------------ units

/// One unit's report that passed `check`.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The file's name within the folder, e.g. `县教育局.yaml`.
    pub file: String,
    pub path: PathBuf,
    pub agency: String,
    pub year: u32,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    pub figures: Figures,
    /// Warnings found by `check` (they do not stop the aggregation).
    pub warnings: Vec<Diagnostic>,
}

/// A unit left out of the sum (only with `--skip-invalid`), and why.
#[derive(Debug, Clone)]
pub struct Excluded {
    pub file: String,
    pub sha256: Option<String>,
    pub reason: String,
}

/// The unit files of a folder: `*.yaml` and `*.yml`, hidden files and
/// `exclude` (the output itself) left out, sorted by file name.
pub fn unit_files(dir: &Path, exclude: &Path) -> Result<Vec<PathBuf>, String> {
    let shown = dir.display();
    if !dir.is_dir() {
        return Err(format!(
            "“{shown}”不是文件夹：请给出存放各单位报告数据（.yaml 文件）的文件夹。"
        ));
    }
    let reason = |e: std::io::Error| {
        format!(
            "无法读取文件夹“{shown}”：{}",
            crate::diagnostic::io_reason(&e)
        )
    };
    let exclude = exclude.canonicalize().ok();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(reason)? {
        let path = entry.map_err(reason)?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.starts_with('.') || !matches!(ext.as_str(), "yaml" | "yml") || !path.is_file() {
            continue;
        }
        if exclude.is_some() && path.canonicalize().ok() == exclude {
            continue;
        }
        files.push(path);
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// The file's name for messages and the manifest.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// SHA-256 of a file's bytes, lower-case hex; None if it cannot be read.
pub fn sha256_of(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(format!("{:x}", Sha256::digest(&bytes)))
}

/// Load and check one unit; its findings if it has errors.
pub fn read_unit(path: &Path) -> Result<Unit, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let sha256 = sha256_of(path);
    let report = crate::report::load::load_file(path)?;
    let findings = crate::check::check(&report, &file, None);
    if findings.iter().any(|d| d.severity == Severity::Error) {
        return Err(findings);
    }
    Ok(Unit {
        file: file_name(path),
        path: path.to_path_buf(),
        agency: report.agency.value.clone(),
        year: report.year.value,
        sha256: sha256.unwrap_or_default(),
        figures: Figures::of(&report),
        warnings: findings,
    })
}

/// The aggregated report: who, which year, the units and their sum.
#[derive(Debug, Clone)]
pub struct Aggregate {
    pub agency: String,
    pub year: u32,
    pub units: Vec<Unit>,
    pub excluded: Vec<Excluded>,
    pub totals: Figures,
}

impl Aggregate {
    /// Sum the units' figures.
    pub fn new(
        agency: String,
        year: u32,
        units: Vec<Unit>,
        excluded: Vec<Excluded>,
    ) -> Result<Self, String> {
        let mut totals = Figures::zero();
        for u in &units {
            totals
                .add(&u.figures)
                .map_err(|e| format!("汇总“{}”时出错：{e}", u.file))?;
        }
        Ok(Aggregate {
            agency,
            year,
            units,
            excluded,
            totals,
        })
    }

    /// The manifest as JSON: the units summed (file, agency, SHA-256) and
    /// those excluded; `output` names the aggregated YAML.
    pub fn manifest_json(&self, output: &str) -> String {
        #[derive(serde::Serialize)]
        struct Manifest<'a> {
            aggregate: &'a str,
            agency: &'a str,
            year: u32,
            units: Vec<UnitEntry<'a>>,
            excluded: Vec<ExcludedEntry<'a>>,
        }
        #[derive(serde::Serialize)]
        struct UnitEntry<'a> {
            file: &'a str,
            agency: &'a str,
            year: u32,
            sha256: &'a str,
        }
        #[derive(serde::Serialize)]
        struct ExcludedEntry<'a> {
            file: &'a str,
            sha256: Option<&'a str>,
            reason: &'a str,
        }
        let manifest = Manifest {
            aggregate: output,
            agency: &self.agency,
            year: self.year,
            units: self
                .units
                .iter()
                .map(|u| UnitEntry {
                    file: &u.file,
                    agency: &u.agency,
                    year: u.year,
                    sha256: &u.sha256,
                })
                .collect(),
            excluded: self
                .excluded
                .iter()
                .map(|e| ExcludedEntry {
                    file: &e.file,
                    sha256: e.sha256.as_deref(),
                    reason: &e.reason,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Text for a one-line context (a comment, a sentence): line breaks and
/// other control characters become spaces.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_label_per_cell() {
        let labels = cell_labels();
        assert_eq!(labels.len(), Figures::zero().cells().len());
        assert_eq!(labels.len(), 2 * 3 + 4 + 25 * 7 + 3 * 5);
        let mut unique = labels.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), labels.len());
        assert!(labels.contains(&"一、本年新收政府信息公开申请数量·自然人".to_string()));
        assert!(labels.contains(&"行政诉讼·复议后起诉·总计".to_string()));
    }
}
