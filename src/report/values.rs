//! The figures of Tables A, B and C as plain values, without positions:
//! what the writers of report YAML (`init`, `aggregate`, `import`) fill in
//! and what the aggregate adds up.

use super::{ACells, Report};
use crate::format::{AKind, TABLE_A, TABLE_B};

/// One Table A data row's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AFigure {
    /// 本年制发件数, 本年废止件数, 现行有效件数
    Documents([u64; 3]),
    Count(u64),
    /// 万元, exactly as written (e.g. "96171.60").
    Fee(String),
}

/// All figures of a report, in the order of [`TABLE_A`] rows, [`TABLE_B`]
/// rows × 7 columns and Table C groups × 5 columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub a: Vec<AFigure>,
    pub b: Vec<[u64; 7]>,
    pub c: [[u64; 5]; 3],
}

impl Figures {
    /// Every cell zero (the fee "0").
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

    /// The figures of a loaded report (computed totals included).
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

    /// Every cell as printed, in the order of [`crate::format::cells::cells`].
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
}
