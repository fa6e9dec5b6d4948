//! Figure fit: the column widths and figure sizes of Tables B and C, chosen
//! so that every figure sits inside its cell.

use crate::report::Report;

// A figure must sit inside its cell with room to spare: its width (Times-like
// digits are ½ em, the decimal point ¼ em) plus the cell's inset on both
// sides must not exceed the column. The style's table inset is 2.5 pt, so a
// figure that fits stays 2.25 pt clear of each 0.5 pt rule.

/// The type area's width, 156 mm, in pt.
pub const TYPE_AREA_WIDTH: f64 = 156.0 * MM;
const MM: f64 = 72.0 / 25.4;
/// Horizontal inset of a table cell, both sides together (style.typ: 2.5 pt each).
pub const CELL_INSET: f64 = 5.0;
/// Figure sizes tried, largest first (pt): the style's 9 pt, then smaller.
pub const FIGURE_SIZES: [f64; 9] = [9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0];
/// Table B's figure columns: 11 mm as designed, at most 14 mm (the label
/// column keeps the rest, about 38 mm).
const B_COLUMN: (f64, f64) = (11.0 * MM, 14.0 * MM);
/// Narrowest Table C column: its two-character header lines at 9 pt.
const C_MIN_COLUMN: f64 = 24.0;

pub(super) fn mm(v: f64) -> f64 {
    v * MM
}

/// Width of a figure in pt at `size`: digits ½ em, other characters ¼ em.
pub fn figure_width(figure: &str, size: f64) -> f64 {
    figure
        .chars()
        .map(|c| if c.is_ascii_digit() { 0.5 } else { 0.25 })
        .sum::<f64>()
        * size
}

/// Table B's figure columns: their width and the figure size.
pub struct FitB {
    pub width: f64,
    pub size: f64,
    /// False when even the smallest size does not fit the widest column.
    pub fits: bool,
}

/// Size Table B's seven figure columns from its widest figure: 11 mm at 9 pt
/// when that holds it, else wider columns up to 14 mm, else a smaller size.
pub fn fit_b(r: &Report) -> FitB {
    let widest = r
        .table_b
        .rows
        .iter()
        .flatten()
        .map(|v| v.value.to_string())
        .max_by_key(String::len)
        .unwrap_or_default();
    for size in FIGURE_SIZES {
        let need = figure_width(&widest, size) + CELL_INSET;
        if need <= B_COLUMN.1 {
            return FitB {
                width: need.max(B_COLUMN.0),
                size,
                fits: true,
            };
        }
    }
    FitB {
        width: B_COLUMN.1,
        size: FIGURE_SIZES[FIGURE_SIZES.len() - 1],
        fits: false,
    }
}

/// Table C's fifteen columns and figure size.
pub struct FitC {
    pub widths: Vec<f64>,
    pub size: f64,
    pub fits: bool,
}

/// Size Table C's columns: equal while the figures fit; else each column at
/// least as wide as its widest figure, the others sharing the rest; else a
/// smaller figure size.
pub fn fit_c(r: &Report) -> FitC {
    let columns: Vec<String> = r
        .table_c
        .groups
        .iter()
        .flatten()
        .map(|v| v.value.to_string())
        .collect();
    let n = columns.len() as f64;
    for size in FIGURE_SIZES {
        let need: Vec<f64> = columns
            .iter()
            .map(|f| (figure_width(f, size) + CELL_INSET).max(C_MIN_COLUMN))
            .collect();
        let equal = TYPE_AREA_WIDTH / n;
        if need.iter().all(|&w| w <= equal) {
            return FitC {
                widths: vec![equal; columns.len()],
                size,
                fits: true,
            };
        }
        let total: f64 = need.iter().sum();
        if total <= TYPE_AREA_WIDTH {
            let spare = (TYPE_AREA_WIDTH - total) / n;
            return FitC {
                widths: need.iter().map(|w| w + spare).collect(),
                size,
                fits: true,
            };
        }
    }
    FitC {
        widths: vec![TYPE_AREA_WIDTH / n; columns.len()],
        size: FIGURE_SIZES[FIGURE_SIZES.len() - 1],
        fits: false,
    }
}
