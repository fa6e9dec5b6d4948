//! The table sheets' layouts: each sheet's name, its header cells as the
//! official form heads it (merged across rows and columns), and which of a
//! unit's figures go into its columns.

use crate::aggregate::{AFigure, Figures};
use crate::format::{
    AKind, BPlace, A_DOCUMENT_COLUMNS, B_COLUMNS, B_ORGANISATIONS, B_RESULTS, B_TOTAL_COLUMN,
    C_COLUMNS, C_GROUPS, C_LITIGATION, C_REVIEW, SECTIONS, TABLE_A, TABLE_B,
};

/// A header cell: first row and column (figure columns counted from 0),
/// how many rows and columns it spans, its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub row: u32,
    pub col: u16,
    pub rows: u32,
    pub cols: u16,
    pub text: &'static str,
    pub band: bool,
}

fn head(row: u32, col: usize, rows: u32, cols: usize, text: &'static str) -> Head {
    Head {
        row,
        col: col as u16,
        rows,
        cols: cols as u16,
        text,
        band: false,
    }
}

/// One table's sheet: its name (the section heading), header rows, header
/// cells and the figures of a unit (as written in its cells).
pub struct SheetLayout {
    pub name: &'static str,
    pub header_rows: u32,
    pub heads: Vec<Head>,
    pub figures: fn(&Figures) -> Vec<Figure>,
}

/// A figure as it goes into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Count(u64),
    /// 万元 as written, e.g. "96171.60".
    Fee(String),
}

/// Table A: 第二十条 bands, then row labels, then column labels.
pub fn table_a_layout() -> SheetLayout {
    let mut heads = Vec::new();
    let mut col = 0;
    for band in &TABLE_A {
        let start = col;
        for row in band.rows {
            match row.kind {
                AKind::Documents => {
                    heads.push(head(1, col, 1, 3, row.label));
                    for (k, c) in A_DOCUMENT_COLUMNS.iter().enumerate() {
                        heads.push(head(2, col + k, 1, 1, c.label));
                    }
                    col += 3;
                }
                AKind::Count | AKind::Fee => {
                    heads.push(head(1, col, 1, 1, row.label));
                    heads.push(head(
                        2,
                        col,
                        1,
                        1,
                        band.headers.first().copied().unwrap_or(""),
                    ));
                    col += 1;
                }
            }
        }
        heads.push(Head {
            band: true,
            ..head(0, start, 1, col - start, band.band)
        });
    }
    heads.sort_by_key(|h| (h.row, h.col));
    SheetLayout {
        name: SECTIONS[1].heading,
        header_rows: 3,
        heads,
        figures: |f| {
            let mut out = Vec::new();
            for a in &f.a {
                match a {
                    AFigure::Documents(v) => out.extend(v.iter().map(|n| Figure::Count(*n))),
                    AFigure::Count(n) => out.push(Figure::Count(*n)),
                    AFigure::Fee(s) => out.push(Figure::Fee(s.clone())),
                }
            }
            out
        },
    }
}

/// Table B: the row labels (一、… / 三、（一）… / （三）1.…) over the seven
/// applicant columns of each row, 自然人 · 法人或其他组织（…）· 总计.
pub fn table_b_layout() -> SheetLayout {
    let n = B_COLUMNS.len();
    let mut heads = Vec::new();
    let results: Vec<usize> = TABLE_B
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(r.place, BPlace::Top))
        .map(|(i, _)| i)
        .collect();
    if let (Some(first), Some(last)) = (results.first(), results.last()) {
        heads.push(head(
            0,
            first * n,
            1,
            (last - first + 1) * n,
            B_RESULTS.label,
        ));
    }
    let mut i = 0;
    while i < TABLE_B.len() {
        let row = &TABLE_B[i];
        match row.place {
            BPlace::Top => heads.push(head(0, i * n, 3, n, row.label)),
            BPlace::Result => heads.push(head(1, i * n, 2, n, row.label)),
            BPlace::Item(g) => {
                let len = TABLE_B[i..]
                    .iter()
                    .take_while(|r| matches!(r.place, BPlace::Item(h) if h.label == g.label))
                    .count();
                heads.push(head(1, i * n, 1, len * n, g.label));
                for (k, item) in TABLE_B[i..i + len].iter().enumerate() {
                    heads.push(head(2, (i + k) * n, 1, n, item.label));
                }
                i += len;
                continue;
            }
        }
        i += 1;
    }
    for r in 0..TABLE_B.len() {
        let c = r * n;
        heads.push(head(3, c, 2, 1, B_COLUMNS[0].label));
        heads.push(head(3, c + 1, 1, B_TOTAL_COLUMN - 1, B_ORGANISATIONS));
        heads.push(head(
            3,
            c + B_TOTAL_COLUMN,
            2,
            1,
            B_COLUMNS[B_TOTAL_COLUMN].label,
        ));
        for (k, col) in B_COLUMNS[1..B_TOTAL_COLUMN].iter().enumerate() {
            heads.push(head(4, c + 1 + k, 1, 1, col.label));
        }
    }
    heads.sort_by_key(|h| (h.row, h.col));
    SheetLayout {
        name: SECTIONS[2].heading,
        header_rows: 5,
        heads,
        figures: |f| f.b.iter().flatten().map(|n| Figure::Count(*n)).collect(),
    }
}

/// Table C exactly as the official form heads it.
pub fn table_c_layout() -> SheetLayout {
    let n = C_COLUMNS.len();
    let mut heads = vec![
        head(0, 0, 1, n, C_REVIEW),
        head(0, n, 1, 2 * n, C_LITIGATION),
    ];
    for (k, c) in C_COLUMNS.iter().enumerate() {
        heads.push(head(1, k, 2, 1, c.label));
    }
    for (g, group) in C_GROUPS.iter().enumerate().skip(1) {
        heads.push(head(1, g * n, 1, n, group.label));
        for (k, c) in C_COLUMNS.iter().enumerate() {
            heads.push(head(2, g * n + k, 1, 1, c.label));
        }
    }
    heads.sort_by_key(|h| (h.row, h.col));
    SheetLayout {
        name: SECTIONS[3].heading,
        header_rows: 3,
        heads,
        figures: |f| f.c.iter().flatten().map(|n| Figure::Count(*n)).collect(),
    }
}

/// The three table sheets in order.
pub fn layouts() -> [SheetLayout; 3] {
    [table_a_layout(), table_b_layout(), table_c_layout()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_column_has_one_leaf_header() {
        for layout in layouts() {
            let leaves = layout
                .heads
                .iter()
                .filter(|h| h.row + h.rows == layout.header_rows);
            let mut cols: Vec<u16> = leaves.flat_map(|h| h.col..h.col + h.cols).collect();
            let n = cols.len();
            cols.sort_unstable();
            cols.dedup();
            assert_eq!(cols.len(), n, "{}", layout.name);
            let figures = (layout.figures)(&Figures::zero()).len();
            assert_eq!(n, figures, "{}", layout.name);
        }
    }
}
