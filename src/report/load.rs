//! YAML → [`Report`]: the one loading function and its error messages.
//!
//! serde-saphyr parses the file with deliberate budgets; the three tables are
//! read by the format-driven visitors of [`super::tables`]. Every value keeps
//! its line and column.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::{Budget, Options, Spanned};

use super::prose::{pos, text_paragraphs, val, RawProse};
use super::tables::{self, RawTableA, RawTableB, RawTableC};
use super::{Report, Val};
use crate::diagnostic::Diagnostic;
use crate::format::{DEFAULT_LEAD, DEFAULT_OTHER_MATTERS, DEFAULT_TITLE_LINE};

/// Largest input accepted: a report is a few kilobytes.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// A report file's text as decoded, with what decoding had to say.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text every finding's line and column refer to.
    pub text: String,
    /// Warnings from decoding (W-ENCODING for a GBK file).
    pub notices: Vec<Diagnostic>,
}

/// Read and decode one report file (UTF-8, or GBK/GB18030 with a warning).
///
/// Errors: E-FILE for a missing, unreadable, too large or undecodable file.
pub fn read_source(path: &Path) -> Result<SourceText, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let fail = |message: String, hint: &str| vec![Diagnostic::file_error(&file, message, hint)];
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件路径是否正确。",
        )
    })?;
    if meta.is_dir() {
        return Err(fail(
            "这是一个文件夹，不是 YAML 文件。".into(),
            "请给出报告的 .yaml 文件路径。",
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(fail(
            format!(
                "文件过大（{} 字节），一份年度报告的数据不超过 {} 字节。",
                meta.len(),
                MAX_INPUT_BYTES
            ),
            "请确认选择的是报告的 YAML 数据文件。",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件权限。",
        )
    })?;
    // Notepad's “Unicode” and “Unicode big endian”: UTF-16 with a byte order mark.
    for (bom, encoding, name) in [
        (
            &[0xFF, 0xFE][..],
            encoding_rs::UTF_16LE,
            "UTF-16 编码（记事本的“Unicode”）",
        ),
        (
            &[0xFE, 0xFF][..],
            encoding_rs::UTF_16BE,
            "UTF-16 大端编码（记事本的“Unicode big endian”）",
        ),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(fail(
                    format!("文件开头标明是{name}，但内容无法按此编码读取。"),
                    "请用编辑器“另存为”UTF-8 编码后重试。",
                ));
            }
            return Ok(SourceText {
                text: text.into_owned(),
                notices: vec![Diagnostic {
                    severity: crate::diagnostic::Severity::Warning,
                    hint: Some("建议用编辑器“另存为”UTF-8 编码。".into()),
                    ..Diagnostic::error(
                        "W-ENCODING",
                        &file,
                        None,
                        format!("文件是 {name}，已自动读取。"),
                    )
                }],
            });
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText {
            text,
            notices: Vec::new(),
        }),
        Err(e) => {
            // Windows Notepad's “ANSI” is GBK/GB18030 on Chinese systems: decode
            // it when it decodes cleanly, and say so.
            let bytes = e.into_bytes();
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
            if had_errors || !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                return Err(fail(
                    "文件不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法读取。".into(),
                    "请用编辑器“另存为”UTF-8 编码后重试。",
                ));
            }
            Ok(SourceText {
                text: text.into_owned(),
                notices: vec![Diagnostic {
                    severity: crate::diagnostic::Severity::Warning,
                    hint: Some("建议用编辑器“另存为”UTF-8 编码。".into()),
                    ..Diagnostic::error(
                        "W-ENCODING",
                        &file,
                        None,
                        "文件是 GBK/GB18030 编码（Windows 记事本的“ANSI”），已按 GB18030 读取。"
                            .into(),
                    )
                }],
            })
        }
    }
}

/// Read and load one report file.
pub fn load_file(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let source = read_source(path)?;
    load_source(&source, &path.display().to_string())
}

/// Load decoded text; the decoding's notices come first among the findings.
pub fn load_source(source: &SourceText, file: &str) -> Result<Report, Vec<Diagnostic>> {
    match load_str(&source.text, file) {
        Ok(mut report) => {
            report.notices.splice(0..0, source.notices.iter().cloned());
            Ok(report)
        }
        Err(mut problems) => {
            problems.extend(source.notices.iter().cloned());
            Err(problems)
        }
    }
}

/// Load a report from YAML text; `file` names it in messages.
pub fn load_str(text: &str, file: &str) -> Result<Report, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(vec![Diagnostic::file_error(
            file,
            "文件是空的，没有任何报告数据。".into(),
            "至少需要填写 agency（机关名称）和 year（年度）。",
        )]);
    }
    tables::take_deferred();
    let parsed = serde_saphyr::from_str_with_options::<RawReport>(text, options());
    // Problems with single values were collected on the way: report them all.
    let mut problems: Vec<Diagnostic> = tables::take_deferred()
        .into_iter()
        .map(|d| Diagnostic {
            hint: d.hint,
            ..Diagnostic::error(d.code, file, Some(d.pos), d.message)
        })
        .collect();
    match parsed {
        Ok(raw) if problems.is_empty() => Ok(raw.into_report(text)),
        Ok(_) => Err(problems),
        Err(e) => {
            problems.push(Diagnostic::from_yaml(file, text, &e));
            problems.sort_by_key(|d| d.pos.map(|p| (p.line, p.column)));
            Err(problems)
        }
    }
}

fn options() -> Options {
    // A report has a few hundred nodes: these limits stop alias bombs and
    // absurd nesting long before they cost memory or time.
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_depth = 32;
    budget.max_nodes = 100_000;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = MAX_INPUT_BYTES as usize;
    let mut options = Options::default();
    options.budget = Some(budget);
    options
}

// ------------------------------------------------------------ raw document

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    agency: Spanned<String>,
    year: Spanned<u32>,
    #[serde(default)]
    title: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    lead: Option<Spanned<String>>,
    overview: Spanned<RawProse>,
    #[serde(default)]
    proactive: Option<RawTableA>,
    #[serde(default)]
    requests: Option<RawTableB>,
    #[serde(default)]
    appeals: Option<RawTableC>,
    #[serde(default)]
    problems: Option<Spanned<RawProse>>,
    #[serde(default)]
    other_matters: Option<Spanned<RawProse>>,
    #[serde(default)]
    closing: Option<Spanned<String>>,
    #[serde(default)]
    signature: Option<Spanned<String>>,
    #[serde(default)]
    date: Option<Spanned<String>>,
}

impl RawReport {
    fn into_report(self, source: &str) -> Report {
        let year = self.year.value;
        let title = match &self.title {
            Some(lines) if !lines.is_empty() => lines.iter().map(val).collect(),
            _ => vec![
                val(&self.agency),
                Val::computed(DEFAULT_TITLE_LINE.replace("{year}", &year.to_string())),
            ],
        };
        let lead = match &self.lead {
            Some(text) => text_paragraphs(&text.value, pos(text), source),
            None => vec![Val::computed(
                DEFAULT_LEAD.replace("{year}", &year.to_string()),
            )],
        };
        let prose = |p: &Option<Spanned<RawProse>>| {
            p.as_ref()
                .map(|p| p.value.to_prose(pos(p), source))
                .unwrap_or_default()
        };
        let mut other_matters = prose(&self.other_matters);
        if other_matters.is_empty() {
            other_matters
                .paragraphs
                .push(Val::computed(DEFAULT_OTHER_MATTERS.to_string()));
        }
        let a = self.proactive.unwrap_or_default();
        let b = self.requests.unwrap_or_default();
        let c = self.appeals.unwrap_or_default();
        Report {
            agency: val(&self.agency),
            year: val(&self.year),
            title,
            lead,
            overview: self.overview.value.to_prose(pos(&self.overview), source),
            table_a: a.to_table(),
            proactive_note: prose(&a.note),
            table_b: b.to_table(),
            requests_note: prose(&b.note),
            table_c: c.to_table(),
            appeals_note: prose(&c.note),
            problems: prose(&self.problems),
            other_matters,
            closing: self
                .closing
                .as_ref()
                .map(|t| text_paragraphs(&t.value, pos(t), source))
                .unwrap_or_default(),
            signature: self.signature.as_ref().map(val),
            date: self.date.as_ref().map(val),
            notices: Vec::new(),
            source: Some(source.to_string()),
        }
    }
}
