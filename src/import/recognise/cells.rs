//! Reading cells: a cell's text as a figure, the cells a column covers in a
//! row, numbers left over, and the header rows that name the columns.

use super::super::doc::Table;
use super::super::text::squash;

/// A cell's content as a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    Blank,
    Number(String),
    Text,
}

pub(super) fn value(text: &str) -> Value {
    let s = squash(text);
    if s.is_empty() || matches!(s.as_str(), "-" | "—" | "－" | "——" | "/" | "／" | "无") {
        return Value::Blank;
    }
    // Units printed in the cell: 件 for counts, 万元 for the fee; squash
    // made a thousands comma full-width.
    let s = s.replace('，', ",");
    let s = s
        .strip_suffix("万元")
        .or_else(|| s.strip_suffix('件'))
        .unwrap_or(&s)
        .to_string();
    let digits = s.replace(',', "");
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|c| *c == '.').count() <= 1
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && !digits.ends_with('.')
        && (s.len() == digits.len() || thousands(&s));
    if ok {
        Value::Number(digits)
    } else {
        Value::Text
    }
}

/// “1,234”: commas only as thousands separators.
pub(super) fn thousands(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or(s);
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// Where a table row was found, for messages.
pub(super) fn row_place(t: &Table, r: usize) -> String {
    if let Some(p) = t.row_at.get(r) {
        return p.to_string();
    }
    match &t.at {
        Some(p) => format!("{p}第{}行", r + 1),
        None => format!("表格第{}行", r + 1),
    }
}

/// A figure from the cells a column covers in a row: one printed value, or blank.
pub(super) fn figure(t: &Table, ids: &[usize]) -> Result<Option<String>, String> {
    let mut found: Option<String> = None;
    for &id in ids {
        match value(&t.cells[id].text) {
            Value::Blank => {}
            Value::Number(n) => match &found {
                Some(f) if *f != n => {
                    return Err(format!("一栏中印有两个数字“{f}”和“{n}”"));
                }
                _ => found = Some(n),
            },
            Value::Text => return Err(format!("“{}”不是数字", t.cells[id].text.trim())),
        }
    }
    Ok(found)
}

/// A count from printed digits.
pub(super) fn count(n: &str) -> Result<u64, String> {
    if n.contains('.') {
        return Err(format!("件数“{n}”不是整数"));
    }
    n.parse::<u64>().map_err(|_| format!("数字“{n}”过大"))
}

/// The distinct cells in row `r` over grid columns `cols`, leaving out `skip`.
pub(super) fn cells_over(t: &Table, r: usize, cols: &[usize], skip: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &c in cols {
        if let Some(id) = t.at(r, c) {
            if !skip.contains(&id) && !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

/// Numbers printed in row `r` outside the cells read: figures that cannot
/// be placed under any official column.
pub(super) fn stray(t: &Table, r: usize, picks: &[Vec<usize>]) -> Vec<String> {
    t.row_cells(r)
        .iter()
        .filter(|(id, _)| !picks.iter().flatten().any(|p| p == id))
        .filter_map(|(id, _)| match value(&t.cells[*id].text) {
            Value::Number(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// Cells to the right of cell `label` in row `r`, in order.
pub(super) fn after(t: &Table, r: usize, label: usize) -> Vec<usize> {
    let cells = t.row_cells(r);
    let Some(i) = cells.iter().position(|(id, _)| *id == label) else {
        return Vec::new();
    };
    cells[i + 1..].iter().map(|(id, _)| *id).collect()
}

/// Read `n` figures from the cells after the row's label, in the order of
/// the column labels (for text tables that lost their column geometry).
/// Trailing cells must be blank.
pub(super) fn in_label_order(t: &Table, r: usize, label: usize, n: usize) -> Option<Vec<usize>> {
    let rest = after(t, r, label);
    if rest.len() < n
        || rest[n..]
            .iter()
            .any(|id| value(&t.cells[*id].text) != Value::Blank)
        || rest[..n]
            .iter()
            .any(|id| value(&t.cells[*id].text) == Value::Text)
    {
        return None;
    }
    Some(rest[..n].to_vec())
}

pub(super) fn any_cell(t: &Table, f: impl Fn(&str) -> bool) -> bool {
    t.texts().any(|s| f(&squash(s)))
}

pub(super) fn blank_remark(cols: &[&str]) -> String {
    format!("原表{}印为空白，按 0 填写", cols.join("、"))
}

/// Grid column → format column, from the header cells above the body.
pub(super) fn column_map<F: Fn(&str) -> Option<usize>>(
    t: &Table,
    header_rows: usize,
    f: F,
) -> Vec<Vec<usize>> {
    let mut map: Vec<Vec<usize>> = Vec::new();
    for c in 0..t.width() {
        let mut ids: Vec<usize> = Vec::new();
        for r in 0..header_rows {
            if let Some(id) = t.at(r, c) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let found: Vec<usize> = ids.iter().filter_map(|id| f(&t.cells[*id].text)).collect();
        map.push(found);
    }
    map
}

/// Rows before the first row that prints a number.
pub(super) fn header_rows(t: &Table) -> usize {
    (0..t.rows.len())
        .find(|&r| {
            let values: Vec<Value> = t
                .row_cells(r)
                .iter()
                .map(|(id, _)| value(&t.cells[*id].text))
                .collect();
            // A row of figures, or (a table left empty) a row of blank cells
            // below the header: no header row is wholly blank.
            values.iter().any(|v| matches!(v, Value::Number(_)))
                || (r > 0 && !values.is_empty() && values.iter().all(|v| *v == Value::Blank))
        })
        .unwrap_or(t.rows.len())
}

/// A figure whose cell is picked for more than one column (a cell merged
/// across official columns): its text and how many columns it spans.
pub(super) fn merged_figure(t: &Table, picks: &[Vec<usize>]) -> Option<(String, usize)> {
    let mut ids: Vec<usize> = picks.iter().flatten().copied().collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().find_map(|id| {
        let k = picks.iter().filter(|p| p.contains(&id)).count();
        match value(&t.cells[id].text) {
            Value::Number(n) if k > 1 => Some((n, k)),
            _ => None,
        }
    })
}
