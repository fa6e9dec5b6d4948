//! YAML → [`Report`]: the one loading function and its error messages.
//!
//! serde-saphyr parses the file with deliberate budgets; the three tables are
//! read by the format-driven visitors of [`super::tables`]. Every value keeps
//! its line and column.
//!
//! Decoding the file's bytes is in `decode`, the raw document and its
//! turning into a [`Report`] in `raw`, the 成文日期 in `dates`.

mod dates;
mod decode;
mod raw;

use std::path::Path;

use serde_saphyr::{Budget, Options};

use super::hazards;
use super::prose::{pos, Ctx};
use super::tables;
use super::Report;
use crate::diagnostic::{Diagnostic, Pos, Severity};
use raw::RawReport;

pub use dates::{date_zh, parse_date};
pub use decode::{line_ends, read_source, SourceText, MAX_INPUT_BYTES};

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
    load_partial(text, file).map_err(|(problems, _)| problems)
}

/// [`load_source`], keeping what could be read when only single values
/// could not (a cell that is not a number, a misspelt key): the problems,
/// and the report with those values left at 0, for the rules that do not
/// depend on them (“all problems in one run”). Nothing is built from it.
pub fn load_source_partial(
    source: &SourceText,
    file: &str,
) -> Result<Report, (Vec<Diagnostic>, Option<Box<Report>>)> {
    match load_partial(&source.text, file) {
        Ok(mut report) => {
            report.notices.splice(0..0, source.notices.iter().cloned());
            Ok(report)
        }
        Err((mut problems, partial)) => {
            problems.extend(source.notices.iter().cloned());
            Err((problems, partial))
        }
    }
}

fn load_partial(text: &str, file: &str) -> Result<Report, (Vec<Diagnostic>, Option<Box<Report>>)> {
    let text = line_ends(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err((
            vec![Diagnostic::file_error(
                file,
                "文件是空的，没有任何报告数据。".into(),
                "至少需要填写 agency（机关名称）和 year（年度）。",
            )],
            None,
        ));
    }
    // The one table of text hazards, applied before parsing so that keys,
    // numbers and every text field are read alike.
    let norm = hazards::normalise(text);
    hazards::set_current(&norm);
    tables::take_deferred();
    // Every line indented with a tab, at once: the parser stops at the first.
    let tabs = tab_indents(&norm.text, file);
    if !tabs.is_empty() {
        hazards::clear();
        return Err((
            tabs.into_iter()
                .map(|mut d| {
                    d.pos = d.pos.map(|p| norm.original(p));
                    d
                })
                .collect(),
            None,
        ));
    }
    let parsed = serde_saphyr::from_str_with_options::<RawReport>(&norm.text, options());
    // Problems with single values were collected on the way: report them all.
    let mut problems: Vec<Diagnostic> = tables::take_deferred()
        .into_iter()
        .map(|d| Diagnostic {
            severity: d.severity,
            hint: d.hint,
            ..Diagnostic::error(d.code, file, Some(d.pos), d.message)
        })
        .collect();
    if let Ok(raw) = &parsed {
        // The schema wants a number; so does the loader.
        if hazards::quoted(&raw.year.referenced) {
            problems.push(Diagnostic {
                hint: Some(format!("请去掉引号：year: {}", raw.year.value)),
                ..Diagnostic::error(
                    "E-TYPE",
                    file,
                    Some(pos(&raw.year)),
                    "报告年度（year）加了引号，会被当作文字而不是数字。".into(),
                )
            });
        }
    }
    let blocked = problems.iter().any(|d| d.severity == Severity::Error);
    let mut partial = None;
    let result = match parsed {
        Ok(raw) => {
            let ctx = Ctx {
                original: text,
                normalised: &norm.text,
                file,
                notes: Default::default(),
            };
            let mut report = raw.into_report(&ctx);
            if blocked {
                // The values in error are left at 0: the report is only for
                // the rules that do not read them.
                partial = Some(Box::new(report));
                Err(problems)
            } else {
                report.notices.append(&mut problems);
                report.notices.extend(hazards::findings(&norm, file));
                report.notices.extend(ctx.notes.into_inner());
                Ok(report)
            }
        }
        Err(e) => {
            let mut d = Diagnostic::from_yaml(file, &norm.text, &e);
            d.pos = d.pos.map(|p| norm.original(p));
            // One missing key reported means the others too, in one run.
            let others = if d.code == "E-MISSING" {
                other_missing(&norm.text, &d)
            } else {
                Vec::new()
            };
            // A missing top-level key has no place in the file: the parser's
            // (the end of the file) would point at an unrelated line.
            if d.code == "E-MISSING" && is_top_level(&d) {
                d.pos = None;
            }
            problems.push(d);
            problems.extend(others);
            problems.sort_by_key(|d| d.pos.map(|p| (p.line, p.column)));
            Err(problems)
        }
    };
    hazards::clear();
    result.map_err(|mut problems| {
        problems.extend(hazards::findings(&norm, file));
        (problems, partial)
    })
}

/// E-YAML for each line whose indentation holds a tab before a key or a
/// list item (a tab inside a block of text is the text's own).
fn tab_indents(text: &str, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let rest = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - rest.len()];
        let keyish = rest.starts_with("- ")
            || rest.split_once(':').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if indent.contains('\t') && keyish {
            out.push(Diagnostic {
                hint: Some("YAML 只能用空格缩进，请把 Tab 换成空格。".into()),
                ..Diagnostic::error(
                    "E-YAML",
                    file,
                    Some(Pos {
                        line: n as u32 + 1,
                        column: indent.chars().count() as u32 + 1,
                    }),
                    "YAML 格式错误：缩进用了 Tab 键。".into(),
                )
            });
        }
    }
    out
}

/// Whether an E-MISSING names a top-level key of the report.
fn is_top_level(d: &Diagnostic) -> bool {
    crate::format::document::FIELDS
        .iter()
        .any(|f| d.message.contains(&format!("“{}”", f.key)))
}

/// E-MISSING for the required top-level keys other than the one the parser
/// named in `first` (itself a top-level key), at the same place.
fn other_missing(text: &str, first: &Diagnostic) -> Vec<Diagnostic> {
    if !is_top_level(first) {
        return Vec::new();
    }
    let present: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
        .collect();
    crate::format::document::FIELDS
        .iter()
        .filter(|f| f.required && !present.contains(&f.key))
        .filter(|f| !first.message.contains(&format!("“{}”", f.key)))
        .map(|f| Diagnostic {
            hint: Some(format!("请补上“{}: …”这一行。", f.key)),
            ..Diagnostic::error(
                "E-MISSING",
                &first.file,
                None,
                format!("缺少必填项“{}”（{}）。", f.key, f.label),
            )
        })
        .collect()
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
