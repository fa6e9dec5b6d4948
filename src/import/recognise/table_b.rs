//! Table B (表三, 依申请公开): the seven applicant columns, carried over
//! a page break, and the rows by their labels (with the 2019 format's
//! single （六） row read as its 2021 equivalent).

use super::super::doc::Table;
use super::super::text::squash;
use super::cells::{
    blank_remark, cells_over, column_map, count, figure, header_rows, in_label_order,
    merged_figure, row_place, stray, value, Value,
};
use super::labels::{key, matches_label, misprint_of};
use super::State;
use crate::format::{B_COLUMNS, B_ITEM_GROUPS, B_RESULTS, TABLE_B};

/// Grid columns of each official column.
type Columns = Vec<Vec<usize>>;
/// A label as printed and the official label it was read as.
type Misprint = (String, &'static str);

/// Table B's columns: grid columns of each of the seven, or None when the
/// header does not say (a continuation fragment, or a text table); with a
/// column header read from a misprint (printed text, official label).
fn b_columns(t: &Table, header: usize) -> (Option<Columns>, Option<Misprint>) {
    let map = column_map(t, header, |s| {
        B_COLUMNS.iter().position(|c| key(s) == key(c.label))
    });
    let mut cols: Vec<Vec<usize>> = (0..B_COLUMNS.len())
        .map(|k| {
            (0..map.len())
                .filter(|c| map[*c].len() == 1 && map[*c][0] == k)
                .collect()
        })
        .collect();
    let misprint = misprinted_column(t, header, &map, &mut cols);
    (cols.iter().all(|c| !c.is_empty()).then_some(cols), misprint)
}

/// The one column no header names, read from a misprint as a clerk reads
/// it: a header cell that names nothing, printed between the neighbours of
/// the missing column, with most of its words ([`misprint_of`]).
fn misprinted_column(
    t: &Table,
    header: usize,
    map: &[Vec<usize>],
    cols: &mut [Vec<usize>],
) -> Option<Misprint> {
    let missing: Vec<usize> = (0..cols.len()).filter(|k| cols[*k].is_empty()).collect();
    let [k] = missing[..] else {
        return None;
    };
    let from = match k {
        0 => 0,
        _ => cols[k - 1].iter().max()? + 1,
    };
    let to = match cols.get(k + 1) {
        Some(next) => *next.iter().min()?,
        None => t.width(),
    };
    let label = B_COLUMNS[k].label;
    let printed = (from..to)
        .filter(|&c| map[c].is_empty())
        .flat_map(|c| (0..header).filter_map(move |r| t.at(r, c)))
        .map(|id| t.cells[id].text.trim().to_string())
        .find(|text| misprint_of(text, label))?;
    cols[k] = (from..to)
        .filter(|&c| map[c].is_empty())
        .filter(|&c| {
            (0..header).any(|r| {
                t.at(r, c)
                    .is_some_and(|id| t.cells[id].text.trim() == printed)
            })
        })
        .collect();
    Some((squash(&printed), label))
}

pub(super) fn table_b(s: &mut State, t: &Table, inherited: &mut Option<Vec<Vec<usize>>>) {
    // The header ends at the first row of figures, or (a table left empty)
    // at the first row that names an official row.
    let named = (0..t.rows.len()).find(|&r| {
        t.row_cells(r)
            .iter()
            .map(|(id, _)| t.cells[*id].text.as_str())
            // “总计” heads a column as well as ending “（七）总计”.
            .filter(|text| !B_COLUMNS.iter().any(|c| key(text) == key(c.label)))
            .any(|text| TABLE_B.iter().any(|b| matches_label(text, b.label)))
    });
    let header = header_rows(t).min(named.unwrap_or(usize::MAX));
    let (mut cols, misprint) = b_columns(t, header);
    if let (Some(_), Some((printed, label))) = (&cols, misprint) {
        s.warn(
            "W-IMPORT",
            format!(
                "表三（{}）：栏目名称原文印作“{printed}”，按“{label}”读入。",
                t.at.as_ref().map_or("表格", |p| p.0.as_str())
            ),
        );
    }
    let mut inherited_here = false;
    if cols.is_none() && header == 0 {
        cols = inherited
            .clone()
            .filter(|c| c.iter().flatten().all(|&x| x < t.width()));
        inherited_here = cols.is_some();
    }
    if cols.is_some() {
        inherited.clone_from(&cols);
    }
    let mut old_row_warned = false;
    let mut order_warned = false;
    let mut last_read: Option<(usize, Vec<Vec<usize>>)> = None;
    for r in header..t.rows.len() {
        let cells = t.row_cells(r);
        let texts: Vec<usize> = cells
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| value(&t.cells[*id].text) == Value::Text)
            .collect();
        let place = row_place(t, r);
        // The official row this one is: the most specific label printed in it.
        let mut row = None;
        let mut group = None;
        // Label cells that name neither a row nor a group.
        let mut unnamed = 0;
        for &id in &texts {
            let text = &t.cells[id].text;
            if let Some(i) = TABLE_B.iter().position(|b| matches_label(text, b.label)) {
                row = Some((i, id));
            } else if let Some(g) = B_ITEM_GROUPS
                .iter()
                .chain([&B_RESULTS])
                .find(|g| matches_label(text, g.label))
            {
                if g.label != B_RESULTS.label {
                    group = Some((g.label, id));
                }
            } else {
                unnamed += 1;
            }
        }
        let numbers = cells
            .iter()
            .any(|(id, _)| matches!(value(&t.cells[*id].text), Value::Number(_)));
        // A label that names no row where the next official row is expected
        // (after the last row read, in its group), with that row's number
        // and most of its words: a misprint, read as a clerk reads it.
        if row.is_none() && numbers && unnamed == 1 {
            let expected =
                s.b.iter()
                    .rposition(|v| v.iter().any(Option::is_some))
                    .map_or(0, |k| k + 1);
            let printed = texts.iter().copied().find(|&id| {
                let text = &t.cells[id].text;
                !TABLE_B.iter().any(|b| matches_label(text, b.label))
                    && !B_ITEM_GROUPS
                        .iter()
                        .chain([&B_RESULTS])
                        .any(|g| matches_label(text, g.label))
            });
            if let (Some(brow), Some(id)) = (TABLE_B.get(expected), printed) {
                if misprint_of(&t.cells[id].text, brow.label) {
                    s.warn(
                        "W-IMPORT",
                        format!(
                            "表三（{place}）：原文印作“{}”，按“{}”读入。",
                            squash(&t.cells[id].text),
                            brow.label
                        ),
                    );
                    row = Some((expected, id));
                }
            }
        }
        let (i, label_id) = match (row, group) {
            (Some(x), _) => x,
            (None, Some((g, id))) if g == B_ITEM_GROUPS[3].label && numbers && unnamed == 0 => {
                // The 2019 format's single （六）其他处理 row, still printed by some.
                let i = TABLE_B
                    .iter()
                    .position(|b| b.path() == "other_handling.other")
                    .unwrap_or(TABLE_B.len() - 3);
                if !old_row_warned {
                    old_row_warned = true;
                    s.warn(
                        "W-IMPORT",
                        format!(
                            "表三（{place}）印的是旧格式的单独一行“（六）其他处理”，已按“3.其他”读入；“1.”“2.”两行按 0 填写。"
                        ),
                    );
                    s.remarks.insert(
                        "requests.other_handling.other".into(),
                        "原表为旧格式的单独一行“（六）其他处理”".into(),
                    );
                }
                (i, id)
            }
            (None, Some((g, _))) if numbers => {
                s.warn(
                    "W-IMPORT",
                    format!("表三（{place}）印有“{g}”的小计行，官方格式没有这一行，未读入。"),
                );
                continue;
            }
            _ => {
                if numbers {
                    let name = texts
                        .first()
                        .map(|id| t.cells[*id].text.trim().to_string())
                        .unwrap_or_default();
                    s.error(
                        format!(
                            "表三（{place}）：这一行印有数字，但认不出是哪一行（行名“{name}”）。"
                        ),
                        "请核对行名是否为官方格式中的名称；无法确定的数字不会被猜测填入。",
                    );
                }
                continue;
            }
        };
        let brow = &TABLE_B[i];
        let label_cols: Vec<usize> = (0..t.width())
            .filter(|&c| t.at(r, c) == Some(label_id))
            .collect();
        let mut picks: Option<Vec<Vec<usize>>> = cols
            .as_ref()
            .map(|cols| cols.iter().map(|cs| cells_over(t, r, cs, &[])).collect());
        let intrudes = cols
            .as_ref()
            .is_some_and(|cols| cols.iter().flatten().any(|c| label_cols.contains(c)))
            || picks.as_ref().is_some_and(|p| {
                p.iter()
                    .flatten()
                    .any(|id| value(&t.cells[*id].text) == Value::Text)
            });
        // Columns inherited from the page before may not line up with this
        // page's grid, and a text table may have lost its alignment: when a
        // label stands where a figure should, read the row in label order.
        let in_order = if picks.is_none() || intrudes {
            in_label_order(t, r, label_id, B_COLUMNS.len())
                .map(|ids| ids.into_iter().map(|id| vec![id]).collect::<Vec<_>>())
        } else {
            None
        };
        if intrudes && in_order.is_none() {
            picks = None;
        }
        if let Some(ordered) = in_order {
            let mapped_here = cols.is_some() && !inherited_here;
            picks = Some(ordered);
            if !mapped_here && !order_warned {
                order_warned = true;
                s.warn(
                    "W-IMPORT",
                    format!(
                        "表三（{place}起）：这部分表格上方没有印出各栏名称（表格跨页或表头不全），各行的 7 个数字按官方栏目顺序（{}）读入。",
                        B_COLUMNS.iter().map(|c| c.label).collect::<Vec<_>>().join("、")
                    ),
                );
            }
        }
        let Some(picks) = picks else {
            s.error(
                format!(
                    "表三“{}”（{place}）：找不到{}各栏，无法确定数字属于哪一栏。",
                    brow.label,
                    B_COLUMNS
                        .iter()
                        .map(|c| c.label)
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                "请核对表头是否印有官方栏目名称。",
            );
            continue;
        };
        // One figure printed across several official columns (a merged
        // cell): which column it belongs to cannot be known, so it is not
        // copied into each of them.
        if let Some((n, k)) = merged_figure(t, &picks) {
            s.error(
                format!(
                    "表三“{}”（{place}）：数字“{n}”印在一个横跨 {k} 栏的合并单元格里，无法确定属于哪一栏。",
                    brow.label
                ),
                "无法确定的数字不会被猜测填入；请核对原文的表三，把数字填在各自的栏中。",
            );
            continue;
        }
        let extra = stray(t, r, &picks);
        if !extra.is_empty() {
            s.error(
                format!(
                    "表三“{}”（{place}）：还印有数字“{}”，不在官方格式的任何一栏中。",
                    brow.label,
                    extra.join("”“")
                ),
                "无法确定的数字不会被猜测填入；请核对原文的表三。",
            );
            continue;
        }
        // A row the grid cut in two (a page break, a stray rule) is the same
        // cells twice: read it once.
        let seen = (label_id, picks.clone());
        if last_read.as_ref() == Some(&seen) {
            continue;
        }
        last_read = Some(seen);
        let mut v = [None; 7];
        let mut blank_cols = Vec::new();
        for (k, ids) in picks.iter().enumerate() {
            match figure(t, ids).and_then(|f| f.map(|n| count(&n)).transpose()) {
                Ok(Some(n)) => {
                    s.read += 1;
                    v[k] = Some(n);
                }
                Ok(None) => {
                    s.blank += 1;
                    s.empty.push(format!("requests.{}[{k}]", brow.path()));
                    blank_cols.push(B_COLUMNS[k].label);
                    v[k] = Some(0);
                }
                Err(why) => s.error(
                    format!(
                        "表三“{}·{}”（{place}）：{why}。",
                        brow.label, B_COLUMNS[k].label
                    ),
                    "数字按原样读取；请核对原文。",
                ),
            }
        }
        if s.b[i].iter().any(Option::is_some) {
            s.error(
                format!(
                    "表三“{}”出现了两次（{place}）：文件中似乎有两份报告。",
                    brow.label
                ),
                "请一次只导入一份报告。",
            );
        }
        s.b[i] = v;
        for k in 0..B_COLUMNS.len() {
            s.printed(format!("requests.{}[{k}]", brow.path()), &place);
        }
        if !blank_cols.is_empty() {
            s.remarks.insert(
                format!("requests.{}", brow.path()),
                blank_remark(&blank_cols),
            );
            s.blanks.push((place, brow.label.to_string(), blank_cols));
        }
    }
}
