//! All problems in one run: when single values of a file cannot be read (a
//! cell that is not a number, a misspelt row key), the rest of the file is
//! still checked. The loader hands over the report with those values at 0;
//! the rules that read them are left out and the clerk is told which, so a
//! finding is never made from a value that was not read. Nothing is built.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;

/// The findings of the rules that do not depend on the values in error,
/// and a note naming the rules left out. `source` is the YAML text the
/// positions refer to.
pub fn findings(
    report: &Report,
    problems: &[Diagnostic],
    source: &str,
    file: &str,
) -> Vec<Diagnostic> {
    let bad: BTreeSet<u32> = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.pos.map(|p| p.line))
        .collect();
    // A table is broken when a problem sits in its part of the file (a bad
    // cell, or a misspelt row key whose row is then missing).
    let broken = |key: &str| {
        section_lines(source, key).is_some_and(|(lo, hi)| bad.iter().any(|l| (lo..=hi).contains(l)))
    };
    let (a, b, c) = (broken("proactive"), broken("requests"), broken("appeals"));
    let keep = |d: &Diagnostic| -> bool {
        let on_bad_line = d.pos.is_some_and(|p| bad.contains(&p.line));
        !match d.code {
            // Sums down the columns of 表三: any unread cell may be in them.
            "R1" | "R2" | "W-ROW" => b,
            // A row's total: only that row is unread.
            "R3" => on_bad_line,
            "R4" => c,
            // Prose against the tables.
            "X3" => a || b || c,
            _ => false,
        }
    };
    let mut out: Vec<Diagnostic> = crate::check::check(report, file, None)
        .into_iter()
        .filter(|d| !problems.iter().any(|p| p.code == d.code && p.pos == d.pos))
        .filter(keep)
        .collect();
    let mut tables = Vec::new();
    let mut rules = Vec::new();
    if a {
        tables.push("表二");
    }
    if b {
        tables.push("表三");
        rules.push("表三按列相加的 R1、R2 和所在行的 R3");
    }
    if c {
        tables.push("表四");
        rules.push("表四的 R4");
    }
    if !tables.is_empty() {
        rules.push("文字与表格的核对 X3");
        out.push(Diagnostic {
            severity: Severity::Warning,
            hint: Some("改正上面的错误后请再检查一次，这些核对才会进行。".into()),
            ..Diagnostic::error(
                "W-UNCHECKED",
                file,
                None,
                format!(
                    "{}有读不出或不合要求的数字、键，这次没有检查依赖它们的规则：{}；其余各项已照常检查。",
                    tables.join("、"),
                    rules.join("，")
                ),
            )
        });
    }
    out
}

/// The lines (1-based, inclusive) of a top-level key's part of the file:
/// from its line to the line before the next top-level key.
fn section_lines(source: &str, key: &str) -> Option<(u32, u32)> {
    let lines: Vec<&str> = source.lines().collect();
    let top = |l: &str| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':');
    let start = lines
        .iter()
        .position(|l| top(l) && l.split(':').next().is_some_and(|k| k.trim() == key))?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| top(l))
        .map_or(lines.len(), |n| start + 1 + n);
    Some((start as u32 + 1, end as u32))
}
