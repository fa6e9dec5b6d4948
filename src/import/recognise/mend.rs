//! Rows split by a page break, put back together. Word and WPS let a table
//! row break over a page: the figures and the label's first characters at
//! the foot of one page (“2.没有” 0 0 0 …), the label's rest above empty
//! cells at the top of the next (“现成信息需要另行制作”); a header row the
//! same way (“结果维” above, “持” below). Read apart, the first names no row
//! and its figures would be lost, and the second looks like the official
//! row printed blank. A row with no figure in which some cell, appended to
//! the cell above, makes an official label the cell above does not make
//! alone, is joined to the row above.

use std::borrow::Cow;

use super::super::doc::Table;
use super::cells::{value, Value};
use super::labels::matches_label;
use crate::format::{
    B_APPLICANTS, B_COLUMNS, B_ITEM_GROUPS, B_ORGANISATIONS, B_RESULTS, C_COLUMNS, C_GROUPS,
    C_LITIGATION, C_REVIEW, TABLE_A, TABLE_B,
};

/// Every official row and column label of the three tables.
fn labels() -> impl Iterator<Item = &'static str> {
    TABLE_A
        .iter()
        .flat_map(|band| {
            band.rows
                .iter()
                .map(|r| r.label)
                .chain(band.headers.iter().copied())
        })
        .chain(TABLE_B.iter().map(|r| r.label))
        .chain(B_ITEM_GROUPS.iter().map(|g| g.label))
        .chain([
            B_RESULTS.label,
            B_APPLICANTS,
            B_ORGANISATIONS,
            C_REVIEW,
            C_LITIGATION,
        ])
        .chain(B_COLUMNS.iter().map(|c| c.label))
        .chain(C_COLUMNS.iter().map(|c| c.label))
        .chain(C_GROUPS.iter().map(|g| g.label))
}

fn official(text: &str) -> bool {
    labels().any(|l| matches_label(text, l))
}

/// The cells that begin in row `r` (not spans from the row above).
fn own(t: &Table, r: usize) -> Vec<usize> {
    t.row_cells(r)
        .into_iter()
        .map(|(id, _)| id)
        .filter(|&id| r == 0 || !t.rows[r - 1].contains(&Some(id)))
        .collect()
}

fn has_figures(t: &Table, cells: &[usize]) -> bool {
    cells
        .iter()
        .any(|&id| matches!(value(&t.cells[id].text), Value::Number(_)))
}

/// The table with each split row joined to the row above it.
pub(super) fn mend_split_rows(t: &Table) -> Cow<'_, Table> {
    let mut out: Option<Table> = None;
    let mut r = 1;
    loop {
        let cur = out.as_ref().unwrap_or(t);
        if r >= cur.rows.len() {
            break;
        }
        let (above, below) = (own(cur, r - 1), own(cur, r));
        let split = !has_figures(cur, &below)
            && (0..cur.width()).any(|c| {
                let (Some(a), Some(b)) = (cur.at(r - 1, c), cur.at(r, c)) else {
                    return false;
                };
                let (ta, tb) = (cur.cells[a].text.trim(), cur.cells[b].text.trim());
                a != b
                    && above.contains(&a)
                    && below.contains(&b)
                    && value(ta) == Value::Text
                    && value(tb) == Value::Text
                    && !official(ta)
                    && official(&format!("{ta}{tb}"))
            });
        if !split {
            r += 1;
            continue;
        }
        let t = out.get_or_insert_with(|| t.clone());
        for c in 0..t.width() {
            let (Some(a), Some(b)) = (t.at(r - 1, c), t.at(r, c)) else {
                continue;
            };
            if a != b && t.rows[r - 1][c] == Some(a) {
                let text = std::mem::take(&mut t.cells[b].text);
                if !text.trim().is_empty() {
                    let joined = format!("{}{}", t.cells[a].text.trim_end(), text.trim());
                    t.cells[a].text = joined;
                }
            }
        }
        t.rows.remove(r);
        if r < t.row_at.len() {
            t.row_at.remove(r);
        }
    }
    out.map_or(Cow::Borrowed(t), Cow::Owned)
}

#[cfg(test)]
mod tests {
    use super::super::super::doc::{SpanCell, Table};
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table::from_spans(
            rows.iter()
                .map(|r| {
                    r.iter()
                        .map(|t| SpanCell {
                            text: t.to_string(),
                            rowspan: 1,
                            colspan: 1,
                        })
                        .collect()
                })
                .collect(),
            None,
        )
    }

    fn labels(t: &Table) -> Vec<String> {
        (0..t.rows.len())
            .map(|r| {
                t.at(r, 0)
                    .map_or(String::new(), |id| t.cells[id].text.clone())
            })
            .collect()
    }

    #[test]
    fn a_row_cut_by_a_page_break_is_joined_by_its_official_label() {
        let t = table(&[
            &["3.危及“三安全一稳定”", "0", "1"],
            &["4.保护第三方", "2", "0"],
            &["合法权益", "", ""],
            &["5.属于三类内部事务信息", "0", "0"],
        ]);
        let mended = mend_split_rows(&t);
        assert_eq!(
            labels(&mended),
            [
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息"
            ]
        );
        assert_eq!(mended.cells[mended.at(1, 1).unwrap()].text, "2");
    }

    #[test]
    fn a_blank_official_row_below_another_stays_a_row() {
        // “（二）部分公开” printed blank is a row of its own, not the rest of
        // “（一）予以公开”: the two do not make one label.
        let t = table(&[&["（一）予以公开", "3"], &["（二）部分公开", ""]]);
        assert!(matches!(mend_split_rows(&t), Cow::Borrowed(_)));
    }

    #[test]
    fn a_header_cut_by_a_page_break_is_joined() {
        let t = table(&[
            &["结果维", "结果纠", "总计"],
            &["持", "正", ""],
            &["0", "1", "1"],
        ]);
        let mended = mend_split_rows(&t);
        assert_eq!(mended.rows.len(), 2);
        assert_eq!(mended.cells[mended.at(0, 0).unwrap()].text, "结果维持");
        assert_eq!(mended.cells[mended.at(0, 1).unwrap()].text, "结果纠正");
    }
}
