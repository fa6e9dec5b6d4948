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

use crate::diagnostic::Diagnostic;
pub use crate::report::values::{AFigure, Figures};

/// Agency of the aggregated report when `--agency` is not given: a
/// placeholder the author replaces, visible in the printed title.
pub const DEFAULT_AGENCY: &str = "（请填写机关名称）";

/// Where the manifest goes: `全县汇总.yaml` → `全县汇总.units.json`.
pub fn manifest_path(output: &Path) -> PathBuf {
    output.with_extension("units.json")
}

/// Add `other` into `sum` cell by cell; fails (in Chinese) on a sum too
/// large for a count or a fee that is not a number.
pub fn add(sum: &mut Figures, other: &Figures) -> Result<(), String> {
    let too_large = || "汇总后的件数过大，超出了可以表示的范围。".to_string();
    let add = |x: &mut u64, y: u64| -> Result<(), String> {
        *x = x.checked_add(y).ok_or_else(too_large)?;
        Ok(())
    };
    for (mine, theirs) in sum.a.iter_mut().zip(&other.a) {
        match (mine, theirs) {
            (AFigure::Documents(x), AFigure::Documents(y)) => {
                for (x, y) in x.iter_mut().zip(y) {
                    add(x, *y)?;
                }
            }
            (AFigure::Count(x), AFigure::Count(y)) => add(x, *y)?,
            (AFigure::Fee(x), AFigure::Fee(y)) => {
                *x = decimal::add(x, y).ok_or_else(|| format!("收费金额“{x}”或“{y}”不是数字。"))?;
            }
            _ => return Err("表格结构不一致（程序错误）。".into()),
        }
    }
    for (x, y) in sum.b.iter_mut().flatten().zip(other.b.iter().flatten()) {
        add(x, *y)?;
    }
    for (x, y) in sum.c.iter_mut().flatten().zip(other.c.iter().flatten()) {
        add(x, *y)?;
    }
    Ok(())
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
    /// SHA-256 of its decoded text: the same report saved in GBK and in
    /// UTF-8 has one.
    pub text_sha256: String,
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

/// The unit files of a folder: `*.yaml` and `*.yml`, and published reports
/// without a YAML beside them; hidden files and `exclude` (the output itself)
/// left out, sorted by file name.
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
        let yaml = matches!(ext.as_str(), "yaml" | "yml");
        if name.starts_with('.') || !path.is_file() {
            continue;
        }
        // A published report (PDF, Word, web page, text) counts when no YAML
        // of the same name sits beside it: `build` writes 县教育局.pdf next to
        // 县教育局.yaml, and that unit must not be summed twice.
        let alone = crate::pipeline::is_published(&path)
            && !["yaml", "yml"]
                .iter()
                .any(|e| path.with_extension(e).is_file());
        if !(yaml || alone) {
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

/// The first comment of every 汇总 file gxreport writes: a file that has it
/// is an earlier run's output, never a unit.
pub const AGGREGATE_MARK: &str = "gxreport aggregate 生成的汇总数据，不能作为单位再次汇总";

/// Whether a unit file is an aggregate written by gxreport (by its mark in
/// the opening comments).
pub fn is_aggregate_output(path: &Path) -> bool {
    crate::report::load::read_source(path).is_ok_and(|s| {
        s.text
            .lines()
            .take_while(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
            .any(|l| l.contains(AGGREGATE_MARK))
    })
}

/// Units that are the same report twice: the same decoded text, or the
/// same agency (under any spelling of it, [`crate::report::unit`]) and year. Each pair is (kept, duplicate): the file with the
/// shorter name is kept (“甲.yaml” over “甲 - 副本.yaml”), else the first.
pub fn duplicates(units: &[Unit]) -> Vec<(usize, usize, &'static str)> {
    let mut out: Vec<(usize, usize, &'static str)> = Vec::new();
    let dropped = |out: &Vec<(usize, usize, &'static str)>, i: usize| out.iter().any(|d| d.1 == i);
    for j in 0..units.len() {
        for i in 0..j {
            if dropped(&out, i) || dropped(&out, j) {
                continue;
            }
            let (a, b) = (&units[i], &units[j]);
            let why = if a.text_sha256 == b.text_sha256 {
                "内容相同"
            } else if a.agency == b.agency && a.year == b.year {
                "机关名称和年度相同"
            } else if a.year == b.year && crate::report::unit::same_unit(&a.agency, &b.agency) {
                // “某局（某中心）” and “某局(某中心)”, a space, the city in front.
                "机关名称只是写法不同、年度相同"
            } else {
                continue;
            };
            let shorter_j = b.file.chars().count() < a.file.chars().count();
            out.push(if shorter_j { (j, i, why) } else { (i, j, why) });
        }
    }
    out
}

/// Load and check one unit through the pipeline; the prepared report (with
/// its findings and source) if it does not load or has errors.
pub fn read_unit(
    path: &Path,
    pipeline: &crate::pipeline::Pipeline,
) -> Result<Unit, Box<crate::pipeline::Prepared>> {
    let prepared = pipeline.prepare(path);
    let report = match &prepared.report {
        Some(report) if prepared.errors() == 0 => report,
        _ => return Err(Box::new(prepared)),
    };
    let sha256 = prepared.input_sha256.clone();
    let findings = prepared.findings.clone();
    Ok(Unit {
        file: file_name(path),
        path: path.to_path_buf(),
        agency: report.agency.value.clone(),
        year: report.year.value,
        sha256: sha256.unwrap_or_default(),
        text_sha256: crate::pipeline::sha256(prepared.source.as_deref().unwrap_or("").as_bytes()),
        figures: Figures::of(report),
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
            add(&mut totals, &u.figures).map_err(|e| format!("汇总“{}”时出错：{e}", u.file))?;
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
            /// Marks the file as an aggregate's, never a unit's.
            generated_by: &'static str,
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
            generated_by: AGGREGATE_MARK,
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
