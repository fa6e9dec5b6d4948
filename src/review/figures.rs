//! The review's arithmetic across reports: a 汇总 against the sum of its
//! units in the folder, cell by cell (V-SUM, with [`crate::aggregate`]'s
//! addition), and the outcome ratios shown as information (never a finding,
//! no rate on fewer than [`MIN_CASES`] cases).

use super::finding::{Figure, Finding};
use super::unit::Unit;
use crate::aggregate::add;
use crate::format::cells::cells;
use crate::format::{BPlace, TABLE_B};
use crate::report::values::Figures;

/// Fewer cases than this give no rate: one case more or less would move it
/// by several points.
pub const MIN_CASES: u64 = 30;

/// Whether a report is a 汇总: the roster says so, `gxreport aggregate` wrote
/// it, or its agency or title says 汇总.
pub fn is_combined(unit: &Unit, level: Option<&str>) -> bool {
    level.is_some_and(|l| l.contains("汇总"))
        || unit.aggregate_mark
        || unit.agency.as_deref().is_some_and(|a| a.contains("汇总"))
        || unit.title.as_ref().is_some_and(|(t, _)| t.contains("汇总"))
}

/// Two decimals equal as numbers (“0” and “0.00”).
fn same_decimal(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim();
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.')
        } else {
            s
        };
        let s = s.trim_start_matches('0');
        if s.is_empty() || s.starts_with('.') {
            format!("0{s}")
        } else {
            s.to_string()
        }
    };
    norm(a) == norm(b)
}

/// A 汇总 against the sum of `units` (the other reports of its year that
/// loaded); `missing` names units it should hold that the folder lacks.
pub fn sum(combined: &Unit, units: &[&Unit], missing: &[String], out: &mut Vec<Finding>) {
    let Some(reported) = &combined.figures else {
        return;
    };
    let mut total = Figures::zero();
    for u in units {
        if let Some(f) = &u.figures {
            if add(&mut total, f).is_err() {
                return; // a fee that is not a number: check said so
            }
        }
    }
    let mut diffs = Vec::new();
    for ((cell, r), s) in cells().iter().zip(reported.cells()).zip(total.cells()) {
        if !same_decimal(&r, &s) {
            diffs.push(Figure {
                cell: cell.label.clone(),
                reported: r,
                expected: s,
            });
        }
    }
    if diffs.is_empty() {
        return;
    }
    let mut message = format!(
        "本报告是汇总报告，与文件夹中 {} 个单位报告之和有 {} 格不一致（逐格列在下面：报告的数、各单位之和）。",
        units.len(),
        diffs.len()
    );
    if !missing.is_empty() {
        message.push_str(&format!("这些单位的数字不在和中：{}。", missing.join("、")));
    }
    let mut f = Finding::new("V-SUM", message, Some(combined.file.clone()));
    f.figures = diffs;
    out.push(f);
}

/// X1 and X2 of `check` on a unit and its report of last year (matched by
/// name, so `check --previous` was never given): the same rules and words.
pub fn across_years(this: &Unit, last: &Unit, out: &mut Vec<Finding>) {
    use crate::format::{A_DOCUMENT_COLUMNS as D, B_CARRIED_FORWARD, B_CARRIED_OVER, B_COLUMNS};
    use crate::report::values::AFigure;
    let (Some(now), Some(then)) = (&this.figures, &last.figures) else {
        return;
    };
    let (carried, forward) = (B_CARRIED_OVER, B_CARRIED_FORWARD);
    for (c, col) in B_COLUMNS.iter().enumerate() {
        let (n, t) = (now.b[carried][c], then.b[forward][c]);
        if n != t {
            let mut f = Finding::new(
                "X1",
                format!(
                    "{}·{} 为 {n}，但上年报告（{}）的{}·{} 为 {t}。",
                    TABLE_B[carried].label, col.label, last.file, TABLE_B[forward].label, col.label
                ),
                Some(this.carried_place.clone()),
            );
            f.figures.push(Figure {
                cell: format!("{}·{}", TABLE_B[carried].label, col.label),
                reported: n.to_string(),
                expected: t.to_string(),
            });
            out.push(f);
            break; // one column says it; the 总计 follows from it
        }
    }
    let rows = crate::format::TABLE_A.iter().flat_map(|b| b.rows.iter());
    for (i, (spec, (a, b))) in rows.zip(now.a.iter().zip(&then.a)).enumerate() {
        let (AFigure::Documents(a), AFigure::Documents(b)) = (a, b) else {
            continue;
        };
        let expected = b[2].saturating_add(a[0]).saturating_sub(a[1]);
        if a[2] != expected {
            let mut f = Finding::new(
                "X2",
                format!(
                    "{}·{} 为 {}，按上年（{}）{} 加{} {}、减{} {} 应为 {expected}。",
                    spec.label,
                    D[2].label,
                    a[2],
                    last.file,
                    b[2],
                    D[0].label,
                    a[0],
                    D[1].label,
                    a[1],
                ),
                this.in_force_places.get(i).cloned(),
            );
            f.figures.push(Figure {
                cell: format!("{}·{}", spec.label, D[2].label),
                reported: a[2].to_string(),
                expected: expected.to_string(),
            });
            out.push(f);
        }
    }
}

/// The outcome ratios of one report.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Ratios {
    /// 三（七）总计: applications answered.
    pub answered: u64,
    /// Shares of （三）不予公开, （四）无法提供, （六）其他处理 in （七）总计.
    pub refused: Option<f64>,
    pub unavailable: Option<f64>,
    pub other_handling: Option<f64>,
    /// 表四 concluded cases (总计 − 尚未审结) and the share 结果纠正.
    pub concluded: u64,
    pub corrected: Option<f64>,
}

/// The ratios, each only on [`MIN_CASES`] cases or more.
pub fn ratios(figures: &Figures) -> Ratios {
    let col = 6;
    let group = |label: &str| -> u64 {
        TABLE_B
            .iter()
            .zip(&figures.b)
            .filter(|(r, _)| matches!(r.place, BPlace::Item(g) if g.label == label))
            .fold(0u64, |n, (_, v)| n.saturating_add(v[col]))
    };
    let answered = TABLE_B
        .iter()
        .position(|r| r.key == crate::format::B_TOTAL_ROW)
        .and_then(|i| figures.b.get(i))
        .map_or(0, |r| r[col]);
    let rate = |n: u64, of: u64| (of >= MIN_CASES).then(|| n as f64 / of as f64);
    // Saturating: a hostile file's figures near u64::MAX give no panic.
    let add = |f: fn(&[u64; 5]) -> u64| figures.c.iter().fold(0u64, |n, g| n.saturating_add(f(g)));
    let concluded = add(|g| g[0].saturating_add(g[1]).saturating_add(g[2]));
    let corrected = add(|g| g[1]);
    Ratios {
        answered,
        refused: rate(group("（三）不予公开"), answered),
        unavailable: rate(group("（四）无法提供"), answered),
        other_handling: rate(group("（六）其他处理"), answered),
        concluded,
        corrected: rate(corrected, concluded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_compare_as_numbers() {
        assert!(same_decimal("0", "0.00"));
        assert!(same_decimal("1.50", "1.5"));
        assert!(!same_decimal("1.5", "15"));
        assert!(same_decimal("0.5", ".50") || !same_decimal("0.5", "5"));
    }

    #[test]
    fn figures_a_hostile_file_may_hold_give_no_panic() {
        use crate::report::values::AFigure;
        let mut f = Figures::zero();
        f.c = [[u64::MAX; 5]; 3];
        for row in &mut f.b {
            *row = [u64::MAX; 7];
        }
        f.a[0] = AFigure::Documents([u64::MAX; 3]);
        let r = ratios(&f);
        assert_eq!((r.concluded, r.answered), (u64::MAX, u64::MAX));
        let unit = |figures: Figures| Unit {
            figures: Some(figures),
            ..Unit::default()
        };
        let mut out = Vec::new();
        across_years(&unit(f.clone()), &unit(Figures::zero()), &mut out);
        sum(
            &unit(Figures::zero()),
            &[&unit(f.clone()), &unit(f)],
            &[],
            &mut out,
        );
        assert_eq!(out.iter().filter(|f| f.code == "X2").count(), 1, "{out:?}");
        // The sum that cannot be held is not compared (aggregate says so).
        assert!(!out.iter().any(|f| f.code == "V-SUM"));
    }

    #[test]
    fn no_rate_under_thirty_cases() {
        let mut f = Figures::zero();
        f.c[0] = [10, 5, 0, 2, 17];
        assert_eq!(ratios(&f).corrected, None);
        assert_eq!(ratios(&f).concluded, 15);
        f.c[1] = [10, 5, 0, 0, 15];
        assert_eq!(ratios(&f).corrected, Some(10.0 / 30.0));
    }
}
