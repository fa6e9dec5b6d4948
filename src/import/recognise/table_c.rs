//! Table C (表四, 行政复议与行政诉讼): one row of fifteen figures under
//! three groups of five columns.

use super::super::doc::Table;
use super::cells::{
    any_cell, blank_remark, cells_over, column_map, count, figure, header_rows, row_place, stray,
    value, Value,
};
use super::labels::key;
use super::State;
use crate::format::{C_COLUMNS, C_GROUPS, SECTIONS};

pub(super) fn table_c(s: &mut State, t: &Table) {
    let header = header_rows(t);
    let group_of = |text: &str| C_GROUPS.iter().position(|g| key(text) == key(g.label));
    let leaf_of = |text: &str| C_COLUMNS.iter().position(|c| key(text) == key(c.label));
    let groups = column_map(t, header, group_of);
    let leaves = column_map(t, header, leaf_of);
    let mut cols: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); 5]; 3];
    for c in 0..t.width() {
        if let (Some(g), Some(k)) = (groups[c].first(), leaves[c].first()) {
            cols[*g][*k].push(c);
        }
    }
    let mapped = cols.iter().flatten().all(|c| !c.is_empty());
    let data: Vec<usize> = (header..t.rows.len())
        .filter(|&r| {
            t.row_cells(r)
                .iter()
                .any(|(id, _)| matches!(value(&t.cells[*id].text), Value::Number(_)))
        })
        .collect();
    // No figure at all: the row under the header with every cell empty is
    // the row, printed blank (a draft, or a report printing 0 as blank).
    let blank_row = || {
        (header..t.rows.len()).find(|&r| {
            cols.iter().flatten().all(|cs| {
                let ids = cells_over(t, r, cs, &[]);
                !ids.is_empty()
                    && ids
                        .iter()
                        .all(|id| value(&t.cells[*id].text) == Value::Blank)
            })
        })
    };
    let Some(r) = data
        .first()
        .copied()
        .or_else(|| mapped.then(blank_row).flatten())
    else {
        s.error(
            format!("表四（{}）中没有印出数字。", SECTIONS[3].heading),
            "请核对原文的表四。",
        );
        return;
    };
    if data.len() > 1 {
        s.error(
            format!(
                "表四（{}）有 {} 行数字，官方格式只有一行。",
                row_place(t, data[1]),
                data.len()
            ),
            "文件中可能有两份报告，或表四不是官方格式。",
        );
        return;
    }
    let place = row_place(t, r);
    let picks: Vec<Vec<usize>> = if mapped {
        cols.iter()
            .flatten()
            .map(|cs| cells_over(t, r, cs, &[]))
            .collect()
    } else {
        let cells: Vec<usize> = t.row_cells(r).iter().map(|(id, _)| *id).collect();
        let labels_present = C_GROUPS
            .iter()
            .all(|g| any_cell(t, |x| key(x) == key(g.label)))
            && C_COLUMNS
                .iter()
                .all(|c| any_cell(t, |x| key(x) == key(c.label)));
        if cells.len() == 15 && labels_present {
            s.warn(
                "W-IMPORT",
                format!("表四（{place}）：表头没有印出各栏的位置，按官方栏目顺序读入。"),
            );
            cells.into_iter().map(|id| vec![id]).collect()
        } else {
            s.error(
                format!("表四（{place}）：找不到行政复议、未经复议直接起诉、复议后起诉各栏，无法确定数字属于哪一栏。"),
                "请核对表头是否印有官方栏目名称。",
            );
            return;
        }
    };
    let extra = stray(t, r, &picks);
    if !extra.is_empty() {
        s.error(
            format!(
                "表四（{place}）：还印有数字“{}”，不在官方格式的任何一栏中。",
                extra.join("”“")
            ),
            "无法确定的数字不会被猜测填入；请核对原文的表四。",
        );
        return;
    }
    let mut blank_cols: [Vec<&'static str>; 3] = Default::default();
    for (n, ids) in picks.iter().enumerate() {
        let (g, k) = (n / 5, n % 5);
        s.printed(format!("appeals.{}[{k}]", C_GROUPS[g].key), &place);
        match figure(t, ids).and_then(|f| f.map(|n| count(&n)).transpose()) {
            Ok(Some(v)) => {
                s.read += 1;
                s.c[g][k] = Some(v);
            }
            Ok(None) => {
                s.blank += 1;
                s.empty.push(format!("appeals.{}[{k}]", C_GROUPS[g].key));
                s.c[g][k] = Some(0);
                blank_cols[g].push(C_COLUMNS[k].label);
            }
            Err(why) => s.error(
                format!(
                    "表四“{}·{}”（{place}）：{why}。",
                    C_GROUPS[g].label, C_COLUMNS[k].label
                ),
                "数字按原样读取；请核对原文。",
            ),
        }
    }
    for (g, cols) in blank_cols.into_iter().enumerate() {
        if !cols.is_empty() {
            let path = format!("appeals.{}", C_GROUPS[g].key);
            s.remarks.insert(path, blank_remark(&cols));
            s.blanks
                .push((place.clone(), C_GROUPS[g].label.to_string(), cols));
        }
    }
}
