//! The one recogniser: maps the intermediate form ([`Doc`]) onto the official
//! format of [`crate::format`]. Tables are found by what they contain, every
//! figure by its official row label and column label (header cells above it),
//! prose by the six section headings.

use std::collections::BTreeMap;

use super::doc::{Block, Doc, Place, Table};
use super::draft::{Document, Remarks, Section};
use super::text::{is_terminal, squash, tidy};
use crate::diagnostic::{Diagnostic, Severity};
use crate::format::{
    AKind, BPlace, A_DOCUMENT_COLUMNS, A_FIRST_HEADER, B_APPLICANTS, B_COLUMNS, B_ITEM_GROUPS,
    B_RESULTS, C_COLUMNS, C_GROUPS, SECTIONS, TABLE_A, TABLE_B,
};
use crate::report::values::{AFigure, Figures};

/// What the recogniser read: the report to write and how many figures it saw.
pub struct Recognised {
    pub document: Document,
    pub notes: Vec<Diagnostic>,
    /// Figures printed in the tables (of the 200 of the format).
    pub read: usize,
    /// Cells printed blank, written as 0.
    pub blank: usize,
}

/// Number of figures in Tables A, B and C of the 2021 format.
pub fn figure_count() -> usize {
    let a: usize = TABLE_A
        .iter()
        .flat_map(|b| b.rows.iter())
        .map(|r| if r.kind == AKind::Documents { 3 } else { 1 })
        .sum();
    a + TABLE_B.len() * B_COLUMNS.len() + C_GROUPS.len() * C_COLUMNS.len()
}

// ------------------------------------------------------------ labels

/// A label's key for matching: squashed, leading numbering and punctuation removed.
fn key(s: &str) -> String {
    let s = squash(s);
    let s = strip_number(&s);
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '“' | '”'
                    | '"'
                    | '\''
                    | '‘'
                    | '’'
                    | '「'
                    | '」'
                    | '、'
                    | '，'
                    | '。'
                    | '.'
                    | '：'
                    | '；'
                    | '·'
                    | '*'
                    | '＊'
            )
        })
        .collect()
}

/// The text without its leading “（一）”, “一、”, “1.” numbering.
fn strip_number(s: &str) -> &str {
    let chinese = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(rest) = s.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            if !rest[..end].is_empty() && rest[..end].chars().all(chinese) {
                return &rest[end + '）'.len_utf8()..];
            }
        }
    }
    let n = s.chars().take_while(|c| chinese(*c)).count();
    if n > 0 {
        let after: String = s.chars().skip(n).take(1).collect();
        if after == "、" {
            return &s[s.char_indices().nth(n).map_or(s.len(), |(i, _)| i) + '、'.len_utf8()..];
        }
    }
    if let Some(rest) = s.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            if (1..3).contains(&end) && rest[..end].chars().all(|c| c.is_ascii_digit()) {
                return &rest[end + '）'.len_utf8()..];
            }
        }
    }
    let d = s.chars().take_while(char::is_ascii_digit).count();
    if d > 0 && d < 3 {
        let rest = &s[d..];
        for sep in ['.', '、', '．'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
        return rest;
    }
    s
}

/// The key up to its first parenthesis: “部分公开（区分处理的…）” → “部分公开”.
fn short(k: &str) -> &str {
    k.split('（').next().unwrap_or(k)
}

/// Whether printed cell text stands for an official label.
fn matches_label(cell: &str, label: &str) -> bool {
    let (c, l) = (key(cell), key(label));
    if c.is_empty() {
        return false;
    }
    if c == l {
        return true;
    }
    // A label printed without its parenthetical note, or with a short form
    // (规范性文件 for 行政规范性文件).
    let (cs, ls) = (short(&c), short(&l));
    (cs == ls && cs.chars().count() >= 2 && l.contains('（'))
        || (l.ends_with(&c) && c.chars().count() >= 5)
}

/// Column labels printed differently in real reports (本年度止件数 for 本年废止件数).
fn matches_column(cell: &str, label: &str) -> bool {
    if matches_label(cell, label) {
        return true;
    }
    let c = key(cell);
    match label {
        "本年废止件数" => c.contains("废止") || c == "本年度止件数",
        "本年制发件数" => c.contains("制发"),
        "现行有效件数" => c.contains("现行有效"),
        _ => false,
    }
}

// ------------------------------------------------------------ cells

/// A cell's content as a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Blank,
    Number(String),
    Text,
}

fn value(text: &str) -> Value {
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
fn thousands(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or(s);
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// Everything the recogniser learns, then turns into YAML or errors.
struct State<'a> {
    file: &'a str,
    errors: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
    a: Vec<Option<AFigure>>,
    b: Vec<[Option<u64>; 7]>,
    c: [[Option<u64>; 5]; 3],
    /// Comments for the YAML rows: cells printed blank, the old （六） row.
    remarks: Remarks,
    read: usize,
    blank: usize,
    /// Rows whose blank cells were written as 0: (place, row label, column labels).
    blanks: Vec<(String, String, Vec<&'static str>)>,
}

impl State<'_> {
    fn error(&mut self, message: String, hint: &str) {
        self.errors.push(Diagnostic {
            hint: Some(hint.to_string()),
            ..Diagnostic::error("E-IMPORT", self.file, None, message)
        });
    }
    fn warn(&mut self, code: &'static str, message: String) {
        self.notes.push(Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, self.file, None, message)
        });
    }
}

/// Where a table row was found, for messages.
fn row_place(t: &Table, r: usize) -> String {
    match &t.at {
        Some(p) => format!("{p}第{}行", r + 1),
        None => format!("表格第{}行", r + 1),
    }
}

/// A figure from the cells a column covers in a row: one printed value, or blank.
fn figure(t: &Table, ids: &[usize]) -> Result<Option<String>, String> {
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
fn count(n: &str) -> Result<u64, String> {
    if n.contains('.') {
        return Err(format!("件数“{n}”不是整数"));
    }
    n.parse::<u64>().map_err(|_| format!("数字“{n}”过大"))
}

/// The distinct cells in row `r` over grid columns `cols`, leaving out `skip`.
fn cells_over(t: &Table, r: usize, cols: &[usize], skip: &[usize]) -> Vec<usize> {
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
fn stray(t: &Table, r: usize, picks: &[Vec<usize>]) -> Vec<String> {
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
fn after(t: &Table, r: usize, label: usize) -> Vec<usize> {
    let cells = t.row_cells(r);
    let Some(i) = cells.iter().position(|(id, _)| *id == label) else {
        return Vec::new();
    };
    cells[i + 1..].iter().map(|(id, _)| *id).collect()
}

/// Read `n` figures from the cells after the row's label, in the order of
/// the column labels (for text tables that lost their column geometry).
/// Trailing cells must be blank.
fn in_label_order(t: &Table, r: usize, label: usize, n: usize) -> Option<Vec<usize>> {
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

// ------------------------------------------------------------ tables

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    A,
    B,
    C,
}

fn any_cell(t: &Table, f: impl Fn(&str) -> bool) -> bool {
    t.texts().any(|s| f(&squash(s)))
}

fn classify(t: &Table) -> Option<Kind> {
    if any_cell(t, |s| s.starts_with("第二十条第")) {
        return Some(Kind::A);
    }
    if any_cell(t, |s| {
        s == C_GROUPS[1].label || s == C_GROUPS[2].label || s == "结果维持"
    }) {
        return Some(Kind::C);
    }
    let b_labels = |s: &str| {
        s == B_APPLICANTS
            || TABLE_B
                .iter()
                .any(|r| !matches!(r.place, BPlace::Result) && matches_label(s, r.label))
    };
    if any_cell(t, b_labels) {
        return Some(Kind::B);
    }
    None
}

/// Text of the 2019 format's Table A (国办公开办函〔2019〕60号).
const OLD_FORMAT_LABELS: [&str; 5] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "政府集中采购",
];

fn table_a(s: &mut State, t: &Table) {
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
        for (ids, label) in picks.iter().zip(&columns) {
            match figure(t, ids) {
                Ok(Some(n)) => {
                    s.read += 1;
                    got.push(n);
                }
                Ok(None) => {
                    s.blank += 1;
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
        if !blank_cols.is_empty() {
            let path = format!("proactive.{}", row.key);
            s.remarks.insert(path, blank_remark(&blank_cols));
            s.blanks.push((place, row.label.to_string(), blank_cols));
        }
    }
}

fn blank_remark(cols: &[&str]) -> String {
    format!("原表{}印为空白，按 0 填写", cols.join("、"))
}

/// Grid column → format column, from the header cells above the body.
fn column_map<F: Fn(&str) -> Option<usize>>(
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
fn header_rows(t: &Table) -> usize {
    (0..t.rows.len())
        .find(|&r| {
            t.row_cells(r)
                .iter()
                .any(|(id, _)| matches!(value(&t.cells[*id].text), Value::Number(_)))
        })
        .unwrap_or(t.rows.len())
}

/// Table B's columns: grid columns of each of the seven, or None when the
/// header does not say (a continuation fragment, or a text table).
fn b_columns(t: &Table, header: usize) -> Option<Vec<Vec<usize>>> {
    let map = column_map(t, header, |s| {
        B_COLUMNS.iter().position(|c| key(s) == key(c.label))
    });
    let cols: Vec<Vec<usize>> = (0..B_COLUMNS.len())
        .map(|k| {
            (0..map.len())
                .filter(|c| map[*c].len() == 1 && map[*c][0] == k)
                .collect()
        })
        .collect();
    cols.iter().all(|c| !c.is_empty()).then_some(cols)
}

fn table_b(s: &mut State, t: &Table, inherited: &mut Option<Vec<Vec<usize>>>) {
    let header = header_rows(t);
    let mut cols = b_columns(t, header);
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
        if !blank_cols.is_empty() {
            s.remarks.insert(
                format!("requests.{}", brow.path()),
                blank_remark(&blank_cols),
            );
            s.blanks.push((place, brow.label.to_string(), blank_cols));
        }
    }
}

fn table_c(s: &mut State, t: &Table) {
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
    let Some(&r) = data.first() else {
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
    for (n, ids) in picks.iter().enumerate() {
        let (g, k) = (n / 5, n % 5);
        match figure(t, ids).and_then(|f| f.map(|n| count(&n)).transpose()) {
            Ok(Some(v)) => {
                s.read += 1;
                s.c[g][k] = Some(v);
            }
            Ok(None) => {
                s.blank += 1;
                s.c[g][k] = Some(0);
                let path = format!("appeals.{}", C_GROUPS[g].key);
                let entry = s.remarks.entry(path).or_default();
                if entry.is_empty() {
                    *entry = "原表".to_string();
                } else {
                    entry.truncate(entry.len() - "印为空白，按 0 填写".len());
                    entry.push('、');
                }
                entry.push_str(C_COLUMNS[k].label);
                entry.push_str("印为空白，按 0 填写");
                s.blanks.push((
                    place.clone(),
                    C_GROUPS[g].label.to_string(),
                    vec![C_COLUMNS[k].label],
                ));
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
}

// ------------------------------------------------------------ prose

/// Which of the six sections a paragraph heads, if it is a heading.
fn section_heading(text: &str) -> Option<usize> {
    let s = squash(text);
    if s.chars().count() > 30 || s.ends_with('。') {
        return None;
    }
    const NUMS: [&str; 6] = ["一、", "二、", "三、", "四、", "五、", "六、"];
    const WORDS: [&[&str]; 6] = [
        &["总体"],
        &["主动公开"],
        &["申请"],
        &["复议", "诉讼"],
        &["问题"],
        &["其他", "事项"],
    ];
    let i = NUMS.iter().position(|n| s.starts_with(n))?;
    WORDS[i].iter().any(|w| s.contains(w)).then_some(i)
}

/// “（三）…” → (3, rest).
fn item_start(text: &str) -> Option<(usize, &str)> {
    let rest = text.trim_start().strip_prefix(['（', '('])?;
    let end = rest.find(['）', ')'])?;
    let n = chinese_number(&rest[..end])?;
    let close = rest[end..].chars().next().map_or(1, char::len_utf8);
    Some((n, rest[end + close..].trim_start()))
}

fn chinese_number(s: &str) -> Option<usize> {
    let d = |c: char| {
        "一二三四五六七八九"
            .find(c)
            .map(|i| i / '一'.len_utf8() + 1)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => d(*a),
        ['十', b] => Some(10 + d(*b)?),
        [a, '十'] => Some(d(*a)? * 10),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

/// Longest run-in heading: “（一）主动公开方面。” and the like are short.
const MAX_HEADING: usize = 30;

/// Paragraphs of one section → text and items.
fn section_prose(paras: &[String]) -> Section {
    let mut out = Section::default();
    for p in paras {
        let next = out.items.len() + 1;
        if let Some((_, rest)) = item_start(p).filter(|(n, _)| *n == next) {
            // Separate-line heading, or run-in heading up to the first “。”/“：”.
            let stop = rest.find(['。', '：']);
            let whole =
                rest.chars().count() <= MAX_HEADING && stop.is_none_or(|i| i + 3 >= rest.len());
            if whole {
                let heading = rest.trim_end_matches('。').to_string();
                if !heading.is_empty() {
                    out.items.push((heading, Vec::new()));
                    continue;
                }
            } else if let Some(i) =
                stop.filter(|i| rest[..*i].chars().count() <= MAX_HEADING && *i > 0)
            {
                let sep = &rest[i..i + '。'.len_utf8()];
                let heading = if sep == "：" {
                    rest[..i + sep.len()].to_string()
                } else {
                    rest[..i].to_string()
                };
                let text = rest[i + sep.len()..].trim().to_string();
                out.items
                    .push((heading, if text.is_empty() { vec![] } else { vec![text] }));
                continue;
            }
        }
        match out.items.last_mut() {
            Some((_, ps)) => ps.push(p.clone()),
            None => out.paragraphs.push(p.clone()),
        }
    }
    out
}

/// Join paragraphs a page break split: one that does not end a sentence runs
/// on into the next, unless either is a heading.
fn join_broken(paras: Vec<(String, Place)>) -> Vec<(String, Place)> {
    let mut out: Vec<(String, Place)> = Vec::new();
    for (p, at) in paras {
        if let Some((last, _)) = out.last_mut() {
            let last_is_heading = item_start(last).is_some_and(|(_, r)| {
                r.chars().count() <= MAX_HEADING && !r.trim_end_matches('。').contains('。')
            }) || section_heading(last).is_some();
            let next_is_heading =
                item_start(&p).is_some() || section_heading(&p).is_some() || is_date(&p);
            // A short line without punctuation is a heading or a 落款, not a cut paragraph.
            let last_is_line = last.chars().count() <= MAX_HEADING
                && !last.contains(['，', '。', '、', '；', '：', ',', '.']);
            if !last_is_heading
                && !next_is_heading
                && !last_is_line
                && !last.chars().last().is_some_and(is_terminal)
            {
                last.push_str(&p);
                continue;
            }
        }
        out.push((p, at));
    }
    out
}

/// A portal's page furniture around the report: “【打印本页】【关闭窗口】”,
/// “分享到：”, “上一篇：…”.
fn is_chrome(s: &str) -> bool {
    const WORDS: [&str; 14] = [
        "打印本页",
        "关闭窗口",
        "返回顶部",
        "分享到",
        "扫一扫",
        "【打印】",
        "【关闭】",
        "上一篇",
        "下一篇",
        "字号：",
        "字体：",
        "浏览次数",
        "访问量",
        "【字体",
    ];
    let s = squash(s);
    s.chars().count() <= 40 && WORDS.iter().any(|w| s.contains(w))
}

fn is_title(s: &str) -> bool {
    let s = squash(s);
    // “标题：…” is a portal's field, not the report's title.
    !s.contains(['：', ':'])
        && s.contains("报告")
        && (s.contains("政府信息公开") || s.contains("政务公开"))
        && s.chars().count() <= 60
        && !s.ends_with('。')
}

/// “2024年1月20日” (digits or 〇一二…).
fn is_date(s: &str) -> bool {
    let s = squash(s);
    let re = regex::Regex::new(r"^[0-9〇零○一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$")
        .unwrap_or_else(|e| unreachable!("{e}"));
    re.is_match(&s)
}

/// The year of “2024年” or “二〇二四年”.
fn year_in(s: &str) -> Option<u32> {
    let re = regex::Regex::new(r"((?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{3})\s*年")
        .unwrap_or_else(|e| unreachable!("{e}"));
    let found = re.captures(s)?;
    let digits: String = found[1]
        .chars()
        .map(|c| match c {
            '〇' | '零' | '○' => '0',
            c => "一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .and_then(|i| char::from_digit(i as u32 + 1, 10))
                .unwrap_or(c),
        })
        .collect();
    digits.parse().ok()
}

// ------------------------------------------------------------ the whole

/// Map the document onto the 2021 format.
pub fn recognise(doc: &Doc, file: &str) -> Result<Recognised, Vec<Diagnostic>> {
    let mut s = State {
        file,
        errors: Vec::new(),
        notes: Vec::new(),
        a: vec![None; TABLE_A.iter().map(|b| b.rows.len()).sum()],
        b: vec![[None; 7]; TABLE_B.len()],
        c: [[None; 5]; 3],
        remarks: Remarks::new(),
        read: 0,
        blank: 0,
        blanks: Vec::new(),
    };

    // The 2019 format is refused as a whole.
    // Only table cells: prose may well mention 政府集中采购.
    let all_text = doc.blocks.iter().flat_map(|b| match b {
        Block::Para(_) => Vec::new(),
        Block::Table(t) => t.texts().collect(),
    });
    for text in all_text {
        let sq = squash(text);
        if let Some(old) = OLD_FORMAT_LABELS.iter().find(|l| sq.contains(*l)) {
            return Err(vec![Diagnostic {
                hint: Some("gxreport 只读写 2021 年格式（国办公开办函〔2021〕30号，2021 年度及以后的报告）；2019、2020 年度的报告请手工录入。".into()),
                ..Diagnostic::error(
                    "E-IMPORT",
                    file,
                    None,
                    format!("这是 2019 年格式（国办公开办函〔2019〕60号）的报告：表中印有“{old}”，不能导入。"),
                )
            }]);
        }
    }

    // Tables by what they contain; Table B may continue on the next page.
    let tables: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Para(_) => None,
        })
        .collect();
    let kinds: Vec<Option<Kind>> = tables.iter().map(|t| classify(t)).collect();
    let count = |k: Kind| kinds.iter().filter(|x| **x == Some(k)).count();
    let firsts = tables
        .iter()
        .filter(|t| any_cell(t, |x| x.contains("第二十条第（一）项")))
        .count();
    if firsts > 1 || count(Kind::C) > 1 {
        return Err(vec![Diagnostic {
            hint: Some("请把每份报告分别保存为一个文件，再逐一导入。".into()),
            ..Diagnostic::error(
                "E-IMPORT",
                file,
                None,
                format!(
                    "文件中有不止一份报告（表二出现 {} 次，表四出现 {} 次）。",
                    count(Kind::A),
                    count(Kind::C)
                ),
            )
        }]);
    }
    let mut inherited = None;
    for (t, k) in tables.iter().zip(&kinds) {
        match k {
            Some(Kind::A) => table_a(&mut s, t),
            Some(Kind::B) => table_b(&mut s, t, &mut inherited),
            Some(Kind::C) => table_c(&mut s, t),
            None => {}
        }
    }

    // Prose: title and lead before 一、, then the six sections.
    let mut paras: Vec<(String, Place, Option<usize>)> = Vec::new(); // text, place, section
    let mut section = None;
    for b in &doc.blocks {
        if let Block::Para(p) = b {
            let text = tidy(&p.text, doc.layout_spaces);
            if text.is_empty() || is_chrome(&text) {
                continue;
            }
            if let Some(k) = section_heading(&text) {
                if section.is_none_or(|cur| k > cur) {
                    section = Some(k);
                    paras.push((text, p.at.clone(), None));
                    continue;
                }
            }
            paras.push((text, p.at.clone(), section));
        }
    }
    let headings: Vec<usize> = paras
        .iter()
        .enumerate()
        .filter(|(_, (t, _, _))| section_heading(t).is_some())
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = headings.first() else {
        s.error(
            format!(
                "找不到“{}”等六个部分的标题，这似乎不是政府信息公开工作年度报告。",
                SECTIONS[0].heading
            ),
            "请确认文件是按 2021 年格式发布的政府信息公开工作年度报告。",
        );
        return Err(s.errors);
    };
    let has_tables = s.a.iter().any(Option::is_some) || s.b.iter().flatten().any(Option::is_some);
    if !has_tables && s.errors.is_empty() {
        s.error(
            "找不到表二、表三、表四（没有印出“第二十条第（一）项”“申请人情况”“行政复议”等栏目的表格）。".into(),
            "请确认文件中的表格是文字而不是图片；图片中的表格需先做文字识别。",
        );
    }

    // Title: the last title-like paragraph before 一、; a line starting with
    // the year follows the agency's own line.
    // A long title may wrap (“…年度” / “报告”): two short lines joined.
    let mut before: Vec<(String, Place, Option<usize>)> = paras[..first].to_vec();
    let line_like = |s: &str| s.chars().count() <= 40 && !s.contains(['。', '，', '：', ':']);
    for k in (1..before.len()).rev() {
        let joined = format!("{}{}", before[k - 1].0, before[k].0);
        if !is_title(&before[k].0)
            && !is_title(&before[k - 1].0)
            && line_like(&before[k - 1].0)
            && line_like(&before[k].0)
            && is_title(&joined)
        {
            before[k - 1].0 = joined;
            before.remove(k);
            break;
        }
    }
    let t = before.iter().rposition(|(p, _, _)| is_title(p));
    let mut title: Vec<String> = Vec::new();
    let mut agency = String::new();
    let lead_from = match t {
        Some(t) => {
            let line = squash(&before[t].0);
            let starts_with_year =
                regex::Regex::new(r"^(?:(?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{3})年")
                    .is_ok_and(|re| re.is_match(&line));
            if starts_with_year && t > 0 && line_like(&before[t - 1].0) {
                agency = before[t - 1].0.clone();
                title.push(before[t - 1].0.clone());
            } else if let Some(y) =
                regex::Regex::new(r"(?:19|20)\d\d\s*年|[一二][〇零○一二三四五六七八九]{3}年")
                    .ok()
                    .and_then(|re| re.find(&before[t].0))
            {
                let name = before[t].0[..y.start()].trim();
                agency = name.strip_suffix("关于").unwrap_or(name).trim().to_string();
                // One printed line “机关2023年…报告” is written as the usual two
                // title lines (agency, then the year's line): the same words,
                // and a long title then never breaks inside a word.
                if name == agency && !agency.is_empty() {
                    title.push(agency.clone());
                    before[t].0 = before[t].0[y.start()..].trim().to_string();
                }
            }
            title.push(before[t].0.clone());
            t + 1
        }
        None => 0,
    };
    let lead: Vec<(String, Place)> = before[lead_from..]
        .iter()
        .map(|(p, at, _)| (p.clone(), at.clone()))
        .collect();
    let lead: Vec<String> = join_broken(lead).into_iter().map(|(p, _)| p).collect();

    // Sections: paragraphs after each heading.
    let mut bodies: Vec<Vec<(String, Place)>> = vec![Vec::new(); 6];
    for (p, at, sec) in &paras[first..] {
        if let Some(k) = sec {
            bodies[*k].push((p.clone(), at.clone()));
        }
    }
    let mut bodies: Vec<Vec<String>> = bodies
        .into_iter()
        .map(|b| join_broken(b).into_iter().map(|(p, _)| p).collect())
        .collect();

    // 落款 and date at the end of 六; anything after the date is not the report's.
    let mut signature = None;
    let mut date = None;
    if let Some(i) = bodies[5].iter().rposition(|p| is_date(p)) {
        date = Some(bodies[5][i].clone());
        bodies[5].truncate(i);
        if let Some(last) = bodies[5].last() {
            if last.chars().count() <= 30
                && !last.contains(['。', '，', '：', '；'])
                && item_start(last).is_none()
            {
                signature = bodies[5].pop();
            }
        }
    }
    if agency.is_empty() {
        agency = signature.clone().unwrap_or_default();
    }
    let year = title
        .iter()
        .find_map(|t| year_in(t))
        .or_else(|| lead.iter().find_map(|p| year_in(p)));
    if agency.is_empty() {
        s.error(
            "找不到机关名称：标题和落款中都没有。".into(),
            "导入后请在 agency: 一行填写机关名称。",
        );
    }
    let Some(year) = year else {
        s.error(
            "找不到报告年度：标题和导语中都没有“××××年”。".into(),
            "请确认文件的标题是否完整。",
        );
        return Err(s.errors);
    };
    if year < 2021 {
        return Err(vec![Diagnostic {
            hint: Some("gxreport 只读写 2021 年格式（2021 年度及以后的报告）。".into()),
            ..Diagnostic::error(
                "E-IMPORT",
                file,
                None,
                format!("这是 {year} 年度的报告，按 2019 年格式（国办公开办函〔2019〕60号）编制，不能导入。"),
            )
        }]);
    }

    // Every figure must have been read.
    let mut missing: Vec<String> = Vec::new();
    let a_rows: Vec<_> = TABLE_A.iter().flat_map(|b| b.rows.iter()).collect();
    for (row, fig) in a_rows.iter().zip(&s.a) {
        if fig.is_none() {
            missing.push(format!("表二“{}”", row.label));
        }
    }
    let old_single = s.remarks.contains_key("requests.other_handling.other");
    for (row, cells) in TABLE_B.iter().zip(&s.b) {
        let absent = cells.iter().all(Option::is_none);
        let old_item =
            old_single && matches!(row.place, BPlace::Item(g) if g.label == B_ITEM_GROUPS[3].label);
        if absent && !old_item {
            missing.push(format!("表三“{}”", row.label));
        }
    }
    for (g, cells) in C_GROUPS.iter().zip(&s.c) {
        if cells.iter().all(Option::is_none) {
            missing.push(format!("表四“{}”", g.label));
        }
    }
    if !missing.is_empty() && has_tables {
        let n = missing.len();
        let shown: Vec<String> = missing.into_iter().take(8).collect();
        s.error(
            format!(
                "有 {n} 行数字没有找到：{}{}。",
                shown.join("、"),
                if n > 8 { " 等" } else { "" }
            ),
            "请核对原文是否印有这些行；找不到的数字不会被猜测填入。",
        );
    }
    if !s.errors.is_empty() {
        return Err(s.errors);
    }

    // One warning per set of columns printed blank.
    let mut by_cols: BTreeMap<Vec<&'static str>, Vec<(String, String)>> = BTreeMap::new();
    for (place, row, cols) in std::mem::take(&mut s.blanks) {
        by_cols.entry(cols).or_default().push((place, row));
    }
    for (cols, rows) in by_cols {
        let first = &rows[0];
        let what = if rows.len() == 1 {
            format!("“{}”（{}）", first.1, first.0)
        } else {
            format!("“{}”（{}）等 {} 行", first.1, first.0, rows.len())
        };
        s.warn(
            "W-BLANK",
            format!("{what}的“{}”栏印为空白，已按 0 填写。", cols.join("、")),
        );
    }

    let figures = Figures {
        a: s.a
            .iter()
            .map(|f| f.clone().unwrap_or(AFigure::Count(0)))
            .collect(),
        b: s.b.iter().map(|r| r.map(|c| c.unwrap_or(0))).collect(),
        c: s.c.map(|g| g.map(|c| c.unwrap_or(0))),
    };
    let document = Document {
        header: Vec::new(),
        agency,
        year,
        title,
        lead,
        overview: section_prose(&bodies[0]),
        figures,
        remarks: s.remarks,
        table_notes: [bodies[1].clone(), bodies[2].clone(), bodies[3].clone()],
        problems: section_prose(&bodies[4]),
        other_matters: section_prose(&bodies[5]),
        signature,
        date,
    };
    Ok(Recognised {
        document,
        notes: s.notes,
        read: s.read,
        blank: s.blank,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_their_printed_variants() {
        assert!(matches_label("规范性文件", "行政规范性文件"));
        assert!(matches_label("(三) 不予公开", "（三）不予公开"));
        assert!(matches_label(
            "3. 危及\"三安全一稳定\"",
            "3.危及“三安全一稳定”"
        ));
        assert!(matches_label(
            "（二）部分公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ));
        assert!(!matches_label("其他", "法人或其他组织"));
        assert!(matches_column("本年度止件数", "本年废止件数"));
        assert!(matches_label("（1）属于国家秘密", "1.属于国家秘密"));
        assert!(matches_label("1、属于国家秘密", "1.属于国家秘密"));
        assert_eq!(value("12件"), Value::Number("12".into()));
        assert_eq!(value("0.5万元"), Value::Number("0.5".into()));
        assert_eq!(value("1,234"), Value::Number("1234".into()));
        assert_eq!(value("—"), Value::Blank);
        assert_eq!(value("12元"), Value::Text);
    }

    #[test]
    fn years_in_digits_and_in_chinese() {
        assert_eq!(year_in("2024 年政府信息公开工作年度报告"), Some(2024));
        assert_eq!(
            year_in("某局二〇二三年度政府信息公开工作年度报告"),
            Some(2023)
        );
        assert_eq!(year_in("没有年份"), None);
    }

    #[test]
    fn the_format_has_200_figures() {
        assert_eq!(figure_count(), 200);
    }

    #[test]
    fn run_in_and_separate_headings() {
        let s = section_prose(&[
            "总述。".into(),
            "（一）主动公开方面。围绕中心工作。".into(),
            "（二）依申请公开".into(),
            "全年收到申请。".into(),
        ]);
        assert_eq!(s.paragraphs, vec!["总述。".to_string()]);
        assert_eq!(
            s.items[0],
            ("主动公开方面".into(), vec!["围绕中心工作。".into()])
        );
        assert_eq!(
            s.items[1],
            ("依申请公开".into(), vec!["全年收到申请。".into()])
        );
    }
}
