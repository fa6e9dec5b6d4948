//! Whether a table surely fits on one page, told to `style.typ` so that it
//! need not measure it. The style keeps a table whole when it fits on a page
//! (GB/T 9704's 225 mm type area); measuring lays the whole table out a
//! second time, about a sixth of a build. When this bound cannot promise a
//! fit, the style measures as before, so the page is the same either way
//! (a test builds every fixture both ways and compares the bytes).
//!
//! The bound is an upper bound of the grid's height: every character counted
//! one em wide (CJK is; digits and Latin are narrower), lines broken first-fit
//! with the line-start and line-end rules, each line one em tall (the style
//! sets cap-height to baseline, less than an em in every face), and each
//! row-spanning cell's shortfall added in full, as Typst grows the rows it
//! spans.

use super::fit::{CELL_INSET, TYPE_AREA_WIDTH};
use super::Table;

/// The type area's height (style.typ: 225 mm), in pt.
const PAGE_HEIGHT: f64 = 225.0 * 72.0 / 25.4;
/// Vertical inset of a cell, top and bottom together (style.typ: 4 pt each),
/// and the rule between rows (0.5 pt).
const ROW_EXTRA: f64 = 8.0 + 0.5;
/// Line spacing inside a cell (style.typ: `leading: 0.45em`).
const LEADING: f64 = 0.45;

/// True when the table's height at `size` pt (its text) with `widths` (pt,
/// one per column) is surely within one page. Figure cells use
/// `t.figure_size` when set.
pub(super) fn surely_fits(t: &Table, widths: &[f64], size: f64) -> bool {
    if widths.len() != t.columns || t.columns == 0 {
        return false;
    }
    // Place the cells on the grid as Typst does: each takes the next free
    // slot of its row; a rowspan covers the slots below it.
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut row_height: Vec<f64> = Vec::new();
    let mut spans: Vec<(usize, usize, f64)> = Vec::new();
    let (mut r, mut c) = (0usize, 0usize);
    for cell in t.header.iter().chain(&t.body) {
        loop {
            grow(&mut taken, &mut row_height, r, t.columns);
            if c >= t.columns {
                r += 1;
                c = 0;
            } else if taken[r][c] {
                c += 1;
            } else {
                break;
            }
        }
        let colspan = cell.colspan.clamp(1, t.columns - c);
        let rowspan = cell.rowspan.max(1);
        grow(&mut taken, &mut row_height, r + rowspan - 1, t.columns);
        for row in taken.iter_mut().skip(r).take(rowspan) {
            for slot in row.iter_mut().skip(c).take(colspan) {
                *slot = true;
            }
        }
        let width = widths[c..c + colspan].iter().sum::<f64>() - CELL_INSET;
        let cell_size = match (cell.role, t.figure_size) {
            ("number", Some(f)) => f,
            _ => size,
        };
        let Some(h) = cell_height(&cell.text, cell.role, width, cell_size) else {
            return false;
        };
        if rowspan == 1 {
            row_height[r] = row_height[r].max(h);
        } else {
            spans.push((r, rowspan, h));
        }
        c += colspan;
    }
    let rows: f64 = row_height.iter().sum();
    let shortfall: f64 = spans
        .iter()
        .map(|&(r, n, h)| (h - row_height[r..r + n].iter().sum::<f64>()).max(0.0))
        .sum();
    rows + shortfall + 0.5 <= PAGE_HEIGHT
}

fn grow(taken: &mut Vec<Vec<bool>>, heights: &mut Vec<f64>, row: usize, columns: usize) {
    while taken.len() <= row {
        taken.push(vec![false; columns]);
        heights.push(0.0);
    }
}

/// Upper bound of a cell's height in pt; none when a character is wider
/// than the cell (nothing is promised then).
fn cell_height(text: &str, role: &str, width: f64, size: f64) -> Option<f64> {
    let per_line = (width / size).floor() as usize;
    if per_line == 0 {
        return None;
    }
    let count = if role == "group" {
        // Stacked one character per line after a leading “（三）” or “三、”.
        let head = group_head(text);
        let rest = text[head.len()..].chars().count();
        (if head.is_empty() {
            0
        } else {
            lines(head, per_line)
        }) + rest
    } else {
        text.split('\n').map(|l| lines(l, per_line)).sum()
    };
    let count = count.max(1) as f64;
    Some(count * size + (count - 1.0) * LEADING * size + ROW_EXTRA)
}

/// Lines of `text` at `per_line` one-em characters a line, broken as the
/// line rules demand: a line neither starts with a closing mark nor ends
/// with an opening one (the character moves down with it).
fn lines(text: &str, per_line: usize) -> usize {
    // Wider than Typst's own rules, never narrower: a wrong guess can only
    // add a line to the bound.
    const NO_START: &str = "，。、；：？！）》〉」』】〕〗］｝”’…—·％%,.;:?!)]}";
    const NO_END: &str = "（《〈「『【〔〖［｛“‘([{";
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut n) = (0, 0);
    while i < chars.len() {
        n += 1;
        let mut end = (i + per_line).min(chars.len());
        while end < chars.len()
            && end > i + 1
            && (NO_START.contains(chars[end]) || NO_END.contains(chars[end - 1]))
        {
            end -= 1;
        }
        i = end;
    }
    n.max(1)
}

/// The “（三）” or “三、” a group label starts with (style.typ `stacked`).
fn group_head(s: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十";
    if let Some(rest) = s.strip_prefix('（') {
        let n: usize = rest
            .chars()
            .take_while(|c| NUMERALS.contains(*c))
            .map(char::len_utf8)
            .sum();
        if n > 0 && rest[n..].starts_with('）') {
            return &s[..'（'.len_utf8() + n + '）'.len_utf8()];
        }
        return "";
    }
    let n: usize = s
        .chars()
        .take_while(|c| NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum();
    if n > 0 && s[n..].starts_with('、') {
        &s[..n + '、'.len_utf8()]
    } else {
        ""
    }
}

/// Table A's columns as the style sets them: four equal shares of the type area.
pub(super) fn table_a_widths() -> Vec<f64> {
    vec![TYPE_AREA_WIDTH / 4.0; 4]
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Table};
    use super::*;

    fn label(text: &str, rowspan: usize) -> Cell {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan,
            role: if rowspan > 1 { "group" } else { "label" },
            fill: None,
        }
    }

    fn table(rows: usize, text: &str) -> Table {
        Table {
            columns: 2,
            header: Vec::new(),
            body: (0..rows)
                .flat_map(|_| [label(text, 1), label("1", 1)])
                .collect(),
            widths: None,
            figure_size: None,
            fits: false,
        }
    }

    #[test]
    fn a_table_is_promised_a_page_only_when_its_bound_is_under_225_mm() {
        let widths = [60.0, 60.0];
        // One line of 10 pt text: 10 + 8 + 0.5 = 18.5 pt a row; 34 rows = 629 pt.
        assert!(surely_fits(&table(34, "甲乙"), &widths, 10.0));
        assert!(!surely_fits(&table(35, "甲乙"), &widths, 10.0));
        // Six characters at five a line: two lines, and three when a closing
        // mark may not start the second.
        assert_eq!(lines(&"字".repeat(6), 5), 2);
        assert_eq!(lines("字字字字字，", 5), 2);
        assert_eq!(lines("字字字字字，字字字字", 5), 3);
        assert_eq!(lines("字字字字（字", 5), 2);
        // A cell narrower than one character promises nothing.
        assert!(!surely_fits(&table(1, "甲"), &[4.0, 60.0], 10.0));
    }

    #[test]
    fn a_tall_group_label_adds_what_its_rows_lack() {
        // A group of 20 stacked characters over two one-line rows: 20 lines
        // (20 × 10 + 19 × 4.5 + 8.5 = 294 pt) where the rows give 37 pt.
        let rows = |n: usize| {
            let mut body = vec![label(&"字".repeat(20), 2), label("甲", 1), label("1", 1)];
            body.extend([label("乙", 1), label("1", 1)]);
            body.extend((2..n).flat_map(|_| [label("丙", 1), label("丁", 1), label("1", 1)]));
            Table {
                columns: 3,
                header: Vec::new(),
                body,
                widths: None,
                figure_size: None,
                fits: false,
            }
        };
        let widths = [30.0, 60.0, 60.0];
        // n rows of 18.5 pt plus the 257 pt the group lacks: 19 rows = 608.5, 20 = 627, 21 = 645.5.
        assert!(surely_fits(&rows(20), &widths, 10.0));
        assert!(!surely_fits(&rows(21), &widths, 10.0));
        assert_eq!(group_head("（三）不予公开"), "（三）");
        assert_eq!(group_head("三、本年度办理结果"), "三、");
        assert_eq!(group_head("（一）"), "（一）");
        assert_eq!(group_head("不予公开"), "");
    }
}
