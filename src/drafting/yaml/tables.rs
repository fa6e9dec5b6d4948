//! Tables A, B and C as YAML: every row, its figures and its official label.

use super::text::{flow, Out};
use super::{prose, Draft};
use crate::format::document::{NOTE_KEY, NOTE_LABEL};
use crate::format::{
    AKind, BPlace, A_DOCUMENT_COLUMNS, A_FIRST_HEADER, B_APPLICANTS, B_COLUMNS, B_CORNER,
    B_ORGANISATIONS, B_RESULTS, B_TOTAL_COLUMN, C_COLUMNS, C_GROUPS, C_LITIGATION, C_REVIEW,
    C_TOTAL_COLUMN, SECTIONS, TABLE_A, TABLE_B,
};
use crate::report::values::AFigure;
use crate::report::Prose;

/// A row's comment: its label, then any remark on the row at `path`.
fn remarked(d: &Draft, label: String, path: String) -> String {
    match d.remarks.get(&path) {
        Some(r) => format!("{label}；{r}"),
        None => label,
    }
}

/// The optional prose under a table: as given, or a commented example.
fn note(out: &mut Out, kept: Option<&Prose>) {
    match kept.filter(|p| !p.is_empty()) {
        Some(p) => prose(out, 1, NOTE_KEY, NOTE_LABEL, p),
        None => out.commented(
            1,
            &format!("{NOTE_KEY}: ……"),
            &format!("可选：{NOTE_LABEL}"),
        ),
    }
}

pub(super) fn table_a(out: &mut Out, d: &Draft) {
    out.line(0, "proactive:", SECTIONS[1].heading);
    let mut figures = d.figures.a.iter();
    for band in &TABLE_A {
        out.comment(
            1,
            &format!(
                "{} —— {}：{}",
                band.band,
                A_FIRST_HEADER,
                band.headers.join("、")
            ),
        );
        for row in band.rows {
            let figure = figures.next();
            let headers = band.headers.join("、");
            match (row.kind, figure) {
                (AKind::Documents, Some(AFigure::Documents(v))) => {
                    let cells: Vec<String> = A_DOCUMENT_COLUMNS
                        .iter()
                        .zip(v)
                        .map(|(c, n)| format!("{}: {n}", c.key))
                        .collect();
                    let labels: Vec<&str> = A_DOCUMENT_COLUMNS.iter().map(|c| c.label).collect();
                    out.line(
                        1,
                        &format!("{}: {{{}}}", row.key, cells.join(", ")),
                        &remarked(
                            d,
                            format!("{}：{}", row.label, labels.join("、")),
                            format!("proactive.{}", row.key),
                        ),
                    );
                }
                (AKind::Count, Some(AFigure::Count(n))) => out.line(
                    1,
                    &format!("{}: {n}", row.key),
                    &remarked(
                        d,
                        format!("{}：{headers}", row.label),
                        format!("proactive.{}", row.key),
                    ),
                ),
                (AKind::Fee, Some(AFigure::Fee(f))) => out.line(
                    1,
                    &format!("{}: {f}", row.key),
                    &remarked(
                        d,
                        format!("{}：{headers}，小数位照写照印", row.label),
                        format!("proactive.{}", row.key),
                    ),
                ),
                // Figures built from the format always match it.
                _ => out.comment(1, &format!("{}：（缺）", row.label)),
            }
        }
    }
    note(out, d.notes[0].as_ref());
}

/// A row's figures: the six columns, and 总计 only where it is not their sum.
fn b_values(row: &[u64; 7]) -> Vec<u64> {
    let sum: u64 = row[..B_TOTAL_COLUMN]
        .iter()
        .fold(0, |a, b| a.saturating_add(*b));
    if row[B_TOTAL_COLUMN] == sum {
        row[..B_TOTAL_COLUMN].to_vec()
    } else {
        row.to_vec()
    }
}

pub(super) fn table_b(out: &mut Out, d: &Draft) {
    out.line(0, "requests:", SECTIONS[2].heading);
    out.comment(1, B_CORNER);
    let applicants: Vec<&str> = B_COLUMNS[..B_TOTAL_COLUMN]
        .iter()
        .map(|c| c.label)
        .collect();
    out.comment(
        1,
        &format!(
            "{B_APPLICANTS} —— 每行依次为：{}，{}（{}），{}。",
            applicants[0],
            B_ORGANISATIONS,
            applicants[1..].join("、"),
            B_COLUMNS[B_TOTAL_COLUMN].label
        ),
    );
    let keys: Vec<String> = B_COLUMNS
        .iter()
        .map(|c| format!("{}（{}）", c.key, c.label))
        .collect();
    out.comment(
        1,
        &format!(
            "总计可以不写，由前六列相加。也可以按列名写，未写的列为 0，如 {{{}: 1}}；列名：{}。",
            B_COLUMNS[0].key,
            keys.join("、")
        ),
    );
    let rows = &d.figures.b;
    // （七）总计 as the sum of the leaf rows, column by column.
    let leaf_sum: [u64; 7] = std::array::from_fn(|c| crate::format::sum_of_leaves(rows, |v| v[c]));
    let mut group: Option<&str> = None;
    for (i, (row, values)) in TABLE_B.iter().zip(rows).enumerate() {
        let indent = match row.place {
            BPlace::Top => {
                group = None;
                1
            }
            BPlace::Result => {
                if group.is_none() {
                    out.comment(1, B_RESULTS.label);
                    group = Some(B_RESULTS.label);
                }
                1
            }
            BPlace::Item(g) => {
                if group != Some(g.label) {
                    out.line(1, &format!("{}:", g.key.unwrap_or_default()), g.label);
                    group = Some(g.label);
                }
                2
            }
        };
        if i == crate::format::B_TOTAL && *values == leaf_sum {
            // A written total must agree with the rows (R2): leave it computed.
            out.commented(
                indent,
                &format!("{}: {}", row.key, flow(&values[..B_TOTAL_COLUMN])),
                &format!("{}：不写则由（一）至（六）各行相加", row.label),
            );
            continue;
        }
        let comment = if i == crate::format::B_CARRIED_FORWARD && d.carried_forward_provisional {
            format!(
                "{}（暂与上年结转相同，使勾稽关系成立；请按实际填写）",
                row.label
            )
        } else {
            row.label.to_string()
        };
        let comment = remarked(d, comment, format!("requests.{}", row.path()));
        out.line(
            indent,
            &format!("{}: {}", row.key, flow(&b_values(values))),
            &comment,
        );
    }
    note(out, d.notes[1].as_ref());
}

pub(super) fn table_c(out: &mut Out, d: &Draft) {
    out.line(0, "appeals:", SECTIONS[3].heading);
    let columns: Vec<&str> = C_COLUMNS.iter().map(|c| c.label).collect();
    out.comment(
        1,
        &format!(
            "每组依次为：{}；{}可以不写，由前四项相加。",
            columns.join("、"),
            C_COLUMNS[C_TOTAL_COLUMN].label
        ),
    );
    for (g, values) in C_GROUPS.iter().zip(&d.figures.c) {
        let label = if g.label == C_REVIEW {
            C_REVIEW.to_string()
        } else {
            format!("{C_LITIGATION}·{}", g.label)
        };
        let sum: u64 = values[..C_TOTAL_COLUMN]
            .iter()
            .fold(0, |a, b| a.saturating_add(*b));
        let written = if values[C_TOTAL_COLUMN] == sum {
            &values[..C_TOTAL_COLUMN]
        } else {
            &values[..]
        };
        let label = remarked(d, label, format!("appeals.{}", g.key));
        out.line(1, &format!("{}: {}", g.key, flow(written)), &label);
    }
    note(out, d.notes[2].as_ref());
}
