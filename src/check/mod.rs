//! The 勾稽关系 of the 2021 format and the checks across years and prose.
//!
//! Errors R1–R4 compare the tables with themselves (R5, bad numbers, is found
//! while loading); warnings X1–X2 compare with last year's report, X3 the
//! figures typed in the prose with the tables. Never touches Typst or fonts.

mod content;
mod plausible;
mod prose;
mod tables;

pub use plausible::source_date_epoch;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::{Pos, Report, Val};

/// Every rule's finding for one report, errors first, then in file order.
/// Figure references (E-REF) and glyphs (E-GLYPH) are the pipeline's, which
/// resolves and checks them once for both `check` and `build`.
pub fn check(report: &Report, file: &str, previous: Option<&Report>) -> Vec<Diagnostic> {
    let mut out = report.notices.clone();
    plausible::year(report, file, &mut out);
    plausible::years_in_text(report, file, &mut out);
    plausible::date(report, file, &mut out);
    plausible::fee(report, previous, file, &mut out);
    plausible::short_rows(report, file, &mut out);
    content::required(report, file, &mut out);
    content::placeholders(report, file, &mut out);
    tables::rules(report, file, &mut out);
    if let Some(prev) = previous {
        tables::across_years(report, prev, file, &mut out);
    }
    prose::quoted_figures(report, file, &mut out);
    sort(&mut out);
    out
}

/// Errors before warnings, then by position.
pub fn sort(findings: &mut [Diagnostic]) {
    findings.sort_by_key(|d| (d.severity, d.pos.map(|p| (p.line, p.column)), d.code));
}

/// The exit code of `check`: 0 clean, 1 warnings only, 2 errors.
pub fn exit_code(findings: &[Diagnostic]) -> u8 {
    if findings.iter().any(|d| d.severity == Severity::Error) {
        2
    } else if findings.is_empty() {
        0
    } else {
        1
    }
}

/// A finding that compares a written value with what a rule expects;
/// the X rules warn, the R rules are errors.
fn finding(
    code: &'static str,
    file: &str,
    pos: Option<Pos>,
    message: String,
    expected: u64,
    found: u64,
    hint: &str,
) -> Diagnostic {
    Diagnostic {
        severity: crate::diagnostic::codes::severity(code),
        expected: Some(expected.to_string()),
        found: Some(found.to_string()),
        hint: Some(hint.to_string()),
        ..Diagnostic::error(code, file, pos, message)
    }
}

/// The first written position among `vals`, for pointing at a computed sum.
fn first_written(vals: &[&Val<u64>]) -> Option<Pos> {
    vals.iter().find_map(|v| v.pos)
}
