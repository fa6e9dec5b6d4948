//! A table that runs over a page break, put back together. Word and WPS
//! (and LibreOffice) print one table as pieces on consecutive pages: the
//! next piece may repeat the header rows, or have none (Table C's figures
//! alone under a page break), and a tall merged cell (三、本年度办理结果)
//! goes on as an empty cell at the top. Each piece alone is not the table
//! the format prints, so the pieces are joined first. (A row split by the
//! break, its label's last characters at the top of the next page, is
//! mended by the recogniser, which knows the labels.)

use super::super::doc::{Place, Table};

/// Join `next`, the first block of page `page`, to `prev`, the last block of
/// the page before, when it continues it: the same grid columns. False (and
/// nothing changed) when it does not.
pub(super) fn join_continued(prev: &mut Table, next: &Table, page: usize) -> bool {
    if prev.rows.is_empty() || next.rows.is_empty() {
        return false;
    }
    // The same outer edges: then both on the union of their column rules (a
    // piece whose label columns are merged throughout has fewer rules).
    let mut next = next.clone();
    if let Some(union) = union_columns(&prev.xs, &next.xs) {
        regrid(prev, &union);
        regrid(&mut next, &union);
    }
    let next = &next;
    let width = prev.width();
    if width == 0 || next.width() != width {
        return false;
    }
    // Each row keeps the page it was printed on.
    if prev.row_at.len() != prev.rows.len() {
        let at = prev.at.clone().map_or_else(|| "表格".to_string(), |p| p.0);
        prev.row_at = (0..prev.rows.len())
            .map(|r| Place(format!("{at}第{}行", r + 1)))
            .collect();
    }
    // Header rows printed again at the top of the next page are dropped.
    let repeated = (0..next.rows.len().min(prev.rows.len()))
        .take_while(|&r| {
            row_texts(next, r) == row_texts(prev, r)
                && row_texts(next, r).iter().any(|t| !t.is_empty())
        })
        .count();
    let start = repeated;
    let last = prev.rows.len() - 1;
    // A merged text cell cut by the break goes on as the empty cell below it:
    // a cell spanning rows already, or a label of a row with figures (not a
    // header, under which an empty cell is a figure printed blank).
    let digits = |t: &Table, r: usize| {
        t.row_cells(r)
            .iter()
            .any(|&(id, _)| t.cells[id].text.chars().any(|ch| ch.is_ascii_digit()))
    };
    let figures_above = digits(prev, last);
    let mut map: Vec<Option<usize>> = vec![None; next.cells.len()];
    if start < next.rows.len() {
        for c in 0..width {
            let (Some(below), Some(above)) = (next.at(start, c), prev.at(last, c)) else {
                continue;
            };
            let text_above = &prev.cells[above].text;
            let spans = last > 0 && prev.at(last - 1, c) == Some(above);
            if map[below].is_none()
                && (spans || figures_above)
                && next.cells[below].text.trim().is_empty()
                && !text_above.trim().is_empty()
                && !text_above
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ch.is_whitespace())
            {
                map[below] = Some(above);
            }
        }
    }
    for r in start..next.rows.len() {
        let row = prev.rows.len();
        let mut slots = Vec::with_capacity(width);
        for c in 0..width {
            let slot = next.at(r, c).map(|id| match map[id] {
                Some(to) => to,
                None => {
                    let to = prev.cells.len();
                    let mut cell = next.cells[id].clone();
                    cell.row = row;
                    prev.cells.push(cell);
                    map[id] = Some(to);
                    to
                }
            });
            slots.push(slot);
        }
        prev.rows.push(slots);
        prev.row_at
            .push(Place(format!("第{page}页表格第{}行", r + 1)));
    }
    true
}

/// The texts of a row's slots, left to right.
fn row_texts(t: &Table, r: usize) -> Vec<String> {
    (0..t.width())
        .map(|c| {
            t.at(r, c)
                .map_or(String::new(), |id| t.cells[id].text.trim().to_string())
        })
        .collect()
}

/// Column rules within this distance (pt) are one.
const TOL: f64 = 2.0;

/// The column boundaries of both pieces together, when their outer edges
/// agree (the same table); none otherwise.
fn union_columns(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let (Some(&a0), Some(&a1), Some(&b0), Some(&b1)) = (a.first(), a.last(), b.first(), b.last())
    else {
        return None;
    };
    if (a0 - b0).abs() > TOL || (a1 - b1).abs() > TOL {
        return None;
    }
    let mut all: Vec<f64> = a.iter().chain(b).copied().collect();
    all.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in all {
        if out.last().is_none_or(|l| x - l > TOL) {
            out.push(x);
        }
    }
    Some(out)
}

/// Lay a table's slots out on finer columns: a slot between two of its
/// rules covers every column of `union` between them.
fn regrid(t: &mut Table, union: &[f64]) {
    if t.xs.len() != t.width() + 1 || union.len() == t.xs.len() {
        return;
    }
    let cols: Vec<Vec<usize>> =
        t.xs.windows(2)
            .map(|w| {
                (0..union.len() - 1)
                    .filter(|&k| union[k] >= w[0] - TOL && union[k + 1] <= w[1] + TOL)
                    .collect()
            })
            .collect();
    for row in t.rows.iter_mut() {
        let mut wide = vec![None; union.len() - 1];
        for (c, slot) in row.iter().enumerate() {
            for &k in &cols[c] {
                wide[k] = *slot;
            }
        }
        *row = wide;
    }
    for cell in t.cells.iter_mut() {
        cell.col = cols
            .get(cell.col)
            .and_then(|k| k.first().copied())
            .unwrap_or(cell.col);
    }
    t.xs = union.to_vec();
}

#[cfg(test)]
mod tests {
    use super::super::super::doc::{SpanCell, Table};
    use super::*;

    fn table(rows: &[&[(&str, usize, usize)]], xs: &[f64], page: usize) -> Table {
        let spans = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|&(text, rowspan, colspan)| SpanCell {
                        text: text.into(),
                        rowspan,
                        colspan,
                    })
                    .collect()
            })
            .collect();
        let mut t = Table::from_spans(spans, Some(Place(format!("第{page}页表格"))));
        t.xs = xs.to_vec();
        t
    }

    fn texts(t: &Table) -> Vec<Vec<String>> {
        (0..t.rows.len()).map(|r| row_texts(t, r)).collect()
    }

    #[test]
    fn pieces_with_differently_ruled_label_columns_join_on_all_rules() {
        // Page 1: the label spans both label columns (no rule between them).
        let mut prev = table(
            &[
                &[("行名", 1, 2), ("数", 1, 1)],
                &[("一、本年新收", 1, 2), ("5", 1, 1)],
            ],
            &[0.0, 100.0, 150.0],
            1,
        );
        // Page 2: a merged group cell beside its rows, the rule at x = 40.
        let next = table(
            &[
                &[("三、", 2, 1), ("（一）予以公开", 1, 1), ("3", 1, 1)],
                &[("（二）部分公开", 1, 1), ("0", 1, 1)],
            ],
            &[0.0, 40.5, 100.0, 150.0],
            2,
        );
        assert!(join_continued(&mut prev, &next, 2));
        assert_eq!(prev.width(), 3);
        assert_eq!(
            texts(&prev),
            [
                ["行名", "行名", "数"],
                ["一、本年新收", "一、本年新收", "5"],
                ["三、", "（一）予以公开", "3"],
                ["三、", "（二）部分公开", "0"],
            ]
        );
        // Each row keeps the page it was printed on.
        assert_eq!(prev.row_at[1].0, "第1页表格第2行");
        assert_eq!(prev.row_at[3].0, "第2页表格第2行");
    }

    #[test]
    fn repeated_headers_go_and_a_cut_merged_cell_goes_on() {
        let mut prev = table(
            &[
                &[("栏", 1, 1), ("数", 1, 1)],
                &[("三、本年度", 2, 1), ("1", 1, 1)],
                &[("2", 1, 1)],
            ],
            &[0.0, 50.0, 100.0],
            1,
        );
        let next = table(
            &[&[("栏", 1, 1), ("数", 1, 1)], &[("", 1, 1), ("3", 1, 1)]],
            &[0.0, 50.0, 100.0],
            2,
        );
        assert!(join_continued(&mut prev, &next, 2));
        assert_eq!(prev.rows.len(), 4, "the repeated header row is dropped");
        // The empty cell under the cut group cell is that cell again.
        assert_eq!(prev.at(3, 0), prev.at(1, 0));
        assert_eq!(row_texts(&prev, 3), ["三、本年度", "3"]);
    }

    #[test]
    fn a_piece_of_another_table_is_not_joined() {
        let mut prev = table(&[&[("甲", 1, 1), ("1", 1, 1)]], &[0.0, 50.0, 100.0], 1);
        let other = table(&[&[("乙", 1, 1)]], &[200.0, 300.0], 2);
        assert!(!join_continued(&mut prev, &other, 2));
        assert_eq!(prev.rows.len(), 1);
    }
}
