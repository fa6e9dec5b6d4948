//! Table A (表二, 主动公开): rows by their labels, figures under the header
//! band above them (or in label order when the header does not line up).

use std::collections::BTreeMap;

use super::super::doc::Table;
use super::super::text::squash;
use super::cells::{
    blank_remark, cells_over, count, figure, in_label_order, row_place, stray, value, Value,
};
use super::labels::{matches_column, matches_label};
use super::State;
use crate::format::{AKind, A_DOCUMENT_COLUMNS, A_FIRST_HEADER, SECTIONS, TABLE_A};
use crate::report::values::AFigure;

pub(super) fn table_a(s: &mut State, t: &Table) {
    let rows: Vec<_> = TABLE_A
        .iter()
        .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
        .collect();
    // Grid column → header label of the current band.
    let mut header: BTreeMap<usize, String> = BTreeMap::new();
    let mut last_read: Option<(usize, Vec<Vec<usize>>)> = None;
    for r in 0..t.rows.len() {
        let cells = t.row_cells(r);
        let Some(&(first, _)) = cells.first() else {
            continue;
        };
        let first_text = squash(&t.cells[first].text);
        if first_text.starts_with("第二十条") {
            header.clear();
            continue;
        }
        if matches_label(&first_text, A_FIRST_HEADER) {
            header.clear();
            for &(id, _) in &cells[1..] {
                for c in 0..t.width() {
                    if t.at(r, c) == Some(id) {
                        header.insert(c, t.cells[id].text.clone());
                    }
                }
            }
            continue;
        }
        // A data row: the first cell that names a Table A row.
        let label = cells.iter().find_map(|&(id, _)| {
            rows.iter()
                .position(|(_, row)| matches_label(&t.cells[id].text, row.label))
                .map(|i| (id, i))
        });
        let Some((label_id, i)) = label else {
            let numbers = cells
                .iter()
                .any(|(id, _)| matches!(value(&t.cells[*id].text), Value::Number(_)));
            if numbers {
                s.error(
                    format!(
                        "表二（{}）{}：这一行印有数字，但认不出是哪一栏（行名“{}”）。",
                        SECTIONS[1].heading,
                        row_place(t, r),
                        t.cells[first].text.trim()
                    ),
                    "请核对行名是否为官方格式中的名称；无法确定的数字不会被猜测填入。",
                );
            }
            continue;
        };
        let (band, row) = rows[i];
        let place = row_place(t, r);
        let label_cols: Vec<usize> = (0..t.width())
            .filter(|&c| t.at(r, c) == Some(label_id))
            .collect();
        let columns: Vec<&str> = match row.kind {
            AKind::Documents => A_DOCUMENT_COLUMNS.iter().map(|c| c.label).collect(),
            _ => band.headers.to_vec(),
        };
        // Grid columns of each figure by its header label.
        let mut picks: Vec<Vec<usize>> = columns
            .iter()
            .map(|label| {
                let cols: Vec<usize> = header
                    .iter()
                    .filter(|(_, h)| match row.kind {
                        AKind::Documents => matches_column(h, label),
                        _ => !squash(h).is_empty(),
                    })
                    .map(|(c, _)| *c)
                    .collect();
                cells_over(t, r, &cols, &[label_id])
            })
            .collect();
        let aligned =
            picks.iter().all(|p| !p.is_empty()) && !header.keys().any(|c| label_cols.contains(c));
        if !aligned {
            match in_label_order(t, r, label_id, columns.len()) {
                Some(ids) => picks = ids.into_iter().map(|id| vec![id]).collect(),
                None => {
                    s.error(
                        format!(
                            "表二“{}”（{place}）：找不到“{}”栏，无法确定数字属于哪一栏。",
                            row.label,
                            columns.join("、")
                        ),
                        "请核对表头是否印有官方栏目名称。",
                    );
                    continue;
                }
            }
        }
        let extra = stray(t, r, &picks);
        if !extra.is_empty() {
            s.error(
                format!(
                    "表二“{}”（{place}）：还印有数字“{}”，不在官方格式的任何一栏中。",
                    row.label,
                    extra.join("”“")
                ),
                "无法确定的数字不会被猜测填入；请核对原文的表二。",
            );
            continue;
        }
        // A row the grid cut in two is the same cells twice: read it once.
        let seen = (label_id, picks.clone());
        if last_read.as_ref() == Some(&seen) {
            continue;
        }
        last_read = Some(seen);
        let mut got = Vec::new();
        let mut blank_cols = Vec::new();
        for (k, (ids, label)) in picks.iter().zip(&columns).enumerate() {
            match figure(t, ids) {
                Ok(Some(n)) => {
                    s.read += 1;
                    got.push(n);
                }
                Ok(None) => {
                    s.blank += 1;
                    s.empty.push(match row.kind {
                        AKind::Documents => {
                            format!("proactive.{}.{}", row.key, A_DOCUMENT_COLUMNS[k].key)
                        }
                        _ => format!("proactive.{}", row.key),
                    });
                    blank_cols.push(*label);
                    got.push("0".into());
                }
                Err(why) => {
                    s.error(
                        format!("表二“{}·{label}”（{place}）：{why}。", row.label),
                        "数字按原样读取；请核对原文。",
                    );
                    got.push("0".into());
                }
            }
        }
        let fig = match row.kind {
            AKind::Documents => {
                let mut v = [0u64; 3];
                for (k, n) in got.iter().enumerate().take(3) {
                    match count(n) {
                        Ok(x) => v[k] = x,
                        Err(why) => s.error(
                            format!("表二“{}”（{place}）：{why}。", row.label),
                            "件数应为整数。",
                        ),
                    }
                }
                AFigure::Documents(v)
            }
            AKind::Count => match got.first().map(|n| count(n)) {
                Some(Ok(x)) => AFigure::Count(x),
                Some(Err(why)) => {
                    s.error(
                        format!("表二“{}”（{place}）：{why}。", row.label),
                        "件数应为整数。",
                    );
                    AFigure::Count(0)
                }
                None => AFigure::Count(0),
            },
            AKind::Fee => AFigure::Fee(got.first().cloned().unwrap_or_else(|| "0".into())),
        };
        if s.a[i].is_some() {
            s.error(
                format!(
                    "表二“{}”出现了两次（{place}）：文件中似乎有两份报告。",
                    row.label
                ),
                "请一次只导入一份报告。",
            );
        }
        s.a[i] = Some(fig);
        let paths: Vec<String> = match row.kind {
            AKind::Documents => A_DOCUMENT_COLUMNS
                .iter()
                .map(|c| format!("proactive.{}.{}", row.key, c.key))
                .collect(),
            _ => vec![format!("proactive.{}", row.key)],
        };
        for path in paths {
            s.printed(path, &place);
        }
        if !blank_cols.is_empty() {
            let path = format!("proactive.{}", row.key);
            s.remarks.insert(path, blank_remark(&blank_cols));
            s.blanks.push((place, row.label.to_string(), blank_cols));
        }
    }
}
