//! The official tables as HTML tables: the cells and spans come from
//! [`crate::render::view`] (the same as the PDF); here they are placed on
//! the grid row by row, and every figure is tied to its headers.
//!
//! A figure's headers, in the order a screen reader announces them: the
//! innermost row group (e.g. （三）不予公开), the row label, then the column
//! headers from the top down, leaving out a header that spans every figure
//! column when a narrower one is there (申请人情况). So the cell reads
//! “（三）不予公开·3.危及“三安全一稳定”·自然人：1”.

use crate::render::view::{Cell, Table};

use super::writer::Html;

/// A cell placed on the table's grid.
pub struct Placed<'a> {
    pub cell: &'a Cell,
    pub row: usize,
    pub col: usize,
}

impl Placed<'_> {
    fn rows(&self) -> std::ops::Range<usize> {
        self.row..self.row + self.cell.rowspan.max(1)
    }
    fn cols(&self) -> std::ops::Range<usize> {
        self.col..self.col + self.cell.colspan.max(1)
    }
}

/// Place `cells` left to right, top to bottom in the first free slot, as a
/// grid with `columns` columns does (the PDF's `grid` places them the same way).
/// Rows are numbered from `first_row`.
pub fn place(cells: &[Cell], columns: usize, first_row: usize) -> Vec<Placed<'_>> {
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let (mut r, mut c) = (0usize, 0usize);
    let mut out = Vec::new();
    for cell in cells {
        let (w, h) = (cell.colspan.clamp(1, columns), cell.rowspan.max(1));
        loop {
            if c + w > columns {
                r += 1;
                c = 0;
                continue;
            }
            while taken.len() < r + h {
                taken.push(vec![false; columns]);
            }
            if (c..c + w).all(|k| !taken[r][k]) {
                break;
            }
            c += 1;
        }
        for row in taken.iter_mut().skip(r).take(h) {
            for slot in row.iter_mut().skip(c).take(w) {
                *slot = true;
            }
        }
        out.push(Placed {
            cell,
            row: first_row + r,
            col: c,
        });
        c += w;
    }
    out
}

fn is_figure(p: &Placed) -> bool {
    p.cell.role == "number"
}

/// The ids of the header cells of the figure `f`, in announcing order.
fn headers_of(f: &Placed, all: &[Placed], ids: &[Option<String>]) -> Vec<String> {
    let (r, c) = (f.row, f.col);
    // Table A starts its headers anew in every band.
    let band_start = all
        .iter()
        .filter(|p| p.cell.role == "band" && p.row <= r)
        .map(|p| p.row)
        .max()
        .unwrap_or(0);
    let figure_cols: Vec<usize> = {
        let mut v: Vec<usize> = all
            .iter()
            .filter(|p| is_figure(p))
            .flat_map(|p| p.cols())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let id = |i: usize| ids[i].clone();
    let mut out = Vec::new();
    let group = all
        .iter()
        .enumerate()
        .filter(|(_, p)| p.cell.role == "group" && p.rows().contains(&r) && p.col < c)
        .min_by_key(|(_, p)| p.cell.rowspan);
    out.extend(group.and_then(|(i, _)| id(i)));
    out.extend(
        all.iter()
            .enumerate()
            .filter(|(_, p)| p.cell.role == "label" && p.rows().contains(&r) && p.col < c)
            .filter_map(|(i, _)| id(i)),
    );
    let mut heads: Vec<(usize, &Placed)> = all
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.cell.role == "head"
                && p.cols().contains(&c)
                && p.row >= band_start
                && p.row + p.cell.rowspan.max(1) <= r
        })
        .collect();
    heads.sort_by_key(|(_, p)| p.row);
    if heads.len() > 1 {
        heads.retain(|(_, p)| !figure_cols.iter().all(|k| p.cols().contains(k)));
    }
    out.extend(heads.into_iter().filter_map(|(i, _)| id(i)));
    out
}

/// Write `table` as an HTML table whose element ids start with `prefix`.
/// Leading rows without figures form the `<thead>`; in Table A each band
/// (第二十条第（…）项) after the first is a `<tbody>` of its own.
pub fn write(h: &mut Html, table: &Table, prefix: &str, caption: &str) {
    let mut all = place(&table.header, table.columns, 0);
    let head_rows = all
        .iter()
        .map(|p| p.row + p.cell.rowspan.max(1))
        .max()
        .unwrap_or(0);
    all.extend(place(&table.body, table.columns, head_rows));
    let rows = all.iter().map(|p| p.row + 1).max().unwrap_or(0);

    // Header cells get ids; figures get the ids of their headers.
    let ids: Vec<Option<String>> = all
        .iter()
        .enumerate()
        .map(|(i, p)| (!is_figure(p) && p.cell.role != "corner").then(|| format!("{prefix}-h{i}")))
        .collect();

    let row_has_figure = |r: usize| all.iter().any(|p| p.row == r && is_figure(p));
    let thead_end = (0..rows).find(|&r| row_has_figure(r)).unwrap_or(rows);
    // A row group may only start where no rowspan crosses into it.
    let crossed = |r: usize| {
        all.iter()
            .any(|p| p.row < r && p.row + p.cell.rowspan.max(1) > r)
    };
    let starts_group = |r: usize| {
        r == thead_end
            || (r > thead_end
                && !crossed(r)
                && all.iter().any(|p| p.row == r && p.cell.role == "band"))
    };

    let caption_id = format!("{prefix}-caption");
    // A focusable region, so that a keyboard can scroll a table wider than a phone.
    h.raw("<section class=\"table-box\" tabindex=\"0\"")
        .attr("aria-labelledby", &caption_id)
        .raw(">\n<table")
        .attr("class", &format!("official {prefix}"))
        .raw(">\n<caption")
        .attr("id", &caption_id)
        .raw(">")
        .text(caption)
        .raw("</caption>\n");
    if thead_end > 0 {
        h.raw("<thead>\n");
    }
    for r in 0..rows {
        if starts_group(r) {
            if r == thead_end && thead_end > 0 {
                h.raw("</thead>\n");
            } else if r > thead_end {
                h.raw("</tbody>\n");
            }
            h.raw("<tbody>\n");
        }
        h.raw("<tr>");
        for (i, p) in all.iter().enumerate().filter(|(_, p)| p.row == r) {
            write_cell(h, p, i, &all, &ids, r < thead_end);
        }
        h.raw("</tr>\n");
    }
    if thead_end < rows {
        h.raw("</tbody>\n");
    } else if thead_end > 0 {
        h.raw("</thead>\n");
    }
    h.raw("</table>\n</section>\n");
}

fn write_cell(
    h: &mut Html,
    p: &Placed,
    i: usize,
    all: &[Placed],
    ids: &[Option<String>],
    in_head: bool,
) {
    let cell = p.cell;
    let tag = match cell.role {
        "number" | "corner" => "td",
        _ => "th",
    };
    h.raw(if tag == "td" { "<td" } else { "<th" });
    if let Some(id) = &ids[i] {
        h.attr("id", id);
    }
    h.attr("class", cell.role);
    if cell.colspan > 1 {
        h.attr("colspan", &cell.colspan.to_string());
    }
    if cell.rowspan > 1 {
        h.attr("rowspan", &cell.rowspan.to_string());
    }
    match cell.role {
        "number" => {
            let headers = headers_of(p, all, ids);
            h.attr("headers", &headers.join(" "));
        }
        "head" => {
            h.attr("scope", if cell.colspan > 1 { "colgroup" } else { "col" });
        }
        "band" => {
            h.attr("scope", if in_head { "colgroup" } else { "rowgroup" });
        }
        "group" => {
            h.attr("scope", "rowgroup");
        }
        "label" => {
            h.attr("scope", "row");
        }
        _ => {}
    }
    h.raw(">").text(&cell.text);
    h.raw(if tag == "td" { "</td>" } else { "</th>" });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(colspan: usize, rowspan: usize) -> Cell {
        Cell {
            text: String::new(),
            colspan,
            rowspan,
            role: "head",
            fill: None,
        }
    }

    #[test]
    fn cells_flow_around_rowspans() {
        // ┌───┬───────┐
        // │   │   b   │
        // │ a ├───┬───┤
        // │   │ c │ d │
        // └───┴───┴───┘
        let cells = [cell(1, 2), cell(2, 1), cell(1, 1), cell(1, 1)];
        let at: Vec<(usize, usize)> = place(&cells, 3, 0).iter().map(|p| (p.row, p.col)).collect();
        assert_eq!(at, [(0, 0), (0, 1), (1, 1), (1, 2)]);
    }
}
