//! A Word table laid out as Word draws it: cells merged across
//! (`w:gridSpan`) and down (`w:vMerge`), skipped grid columns
//! (`w:gridBefore`), rows deleted with tracked changes left out.

use roxmltree::Node;

use super::super::doc::{Place, SpanCell, Table};
use super::text::{cell_text, deleted_row, Unseen};
use super::{attr, is};

/// One grid slot of a row before merging down.
pub(super) struct Raw {
    text: String,
    col: usize,
    span: usize,
    /// Some(true): starts a vertical merge; Some(false): continues one.
    vmerge: Option<bool>,
}

pub(super) fn table(tbl: Node, at: Place, unseen: &mut Unseen) -> Table {
    let mut rows: Vec<Vec<Raw>> = Vec::new();
    for tr in tbl.children().filter(|n| is(*n, "tr")) {
        if deleted_row(tr) {
            unseen.revisions = true;
            continue;
        }
        let mut col = tr
            .children()
            .find(|n| is(*n, "trPr"))
            .and_then(|pr| pr.children().find(|n| is(*n, "gridBefore")))
            .and_then(|g| attr(g, "val"))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
            .min(64);
        let mut row = Vec::new();
        for tc in tr.descendants().filter(|n| is(*n, "tc")) {
            // Only this table's cells, not a nested table's.
            if tc.ancestors().find(|a| is(*a, "tbl")) != Some(tbl) {
                continue;
            }
            let pr = tc.children().find(|n| is(*n, "tcPr"));
            let span = pr
                .and_then(|pr| pr.children().find(|n| is(*n, "gridSpan")))
                .and_then(|g| attr(g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            let vmerge = pr
                .and_then(|pr| pr.children().find(|n| is(*n, "vMerge")))
                .map(|v| attr(v, "val") == Some("restart"));
            row.push(Raw {
                text: cell_text(tc, unseen),
                col,
                span,
                vmerge,
            });
            col += span;
        }
        rows.push(row);
    }
    // A restart cell spans down over the continuing cells in its column.
    let mut spans: Vec<Vec<SpanCell>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut out = Vec::new();
        for cell in row {
            if cell.vmerge == Some(false) {
                continue;
            }
            let mut rowspan = 1;
            if cell.vmerge == Some(true) {
                while rows.get(r + rowspan).is_some_and(|below| {
                    below
                        .iter()
                        .any(|b| b.col == cell.col && b.vmerge == Some(false))
                }) {
                    rowspan += 1;
                }
            }
            out.push(SpanCell {
                text: cell.text.clone(),
                rowspan,
                colspan: cell.span,
            });
        }
        spans.push(out);
    }
    // gridBefore leaves slots empty: the span layout fills from the left, so
    // rows with skipped columns get an empty cell in front.
    for (row, raw) in spans.iter_mut().zip(&rows) {
        if let Some(first) = raw.first() {
            if first.col > 0 && first.vmerge != Some(false) {
                row.insert(
                    0,
                    SpanCell {
                        text: String::new(),
                        rowspan: 1,
                        colspan: first.col,
                    },
                );
            }
        }
    }
    Table::from_spans(spans, Some(at))
}
