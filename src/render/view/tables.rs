//! The three official tables as cells and spans: Table A's bands, Table B's
//! applicant columns and result groups, Table C's review and litigation columns.

use crate::format::{
    self, BPlace, A_BAND_FILL, A_FIRST_HEADER, B_APPLICANTS, B_COLUMNS, B_CORNER, B_ORGANISATIONS,
    B_RESULTS, B_TOTAL_COLUMN, C_COLUMNS, C_GROUPS, C_LITIGATION, C_REVIEW, TABLE_A,
};
use crate::report::{ACells, Report, Val};

use super::fit::{fit_b, fit_c, mm, FIGURE_SIZES, TYPE_AREA_WIDTH};
use super::height::{surely_fits, table_a_widths};
use super::{Cell, Table};

fn cell(text: impl Into<String>, colspan: usize, rowspan: usize, role: &'static str) -> Cell {
    Cell {
        text: text.into(),
        colspan,
        rowspan,
        role,
        fill: None,
    }
}

fn number(v: &Val<u64>) -> Cell {
    cell(v.value.to_string(), 1, 1, "number")
}

pub(super) fn table_a(r: &Report) -> Table {
    let mut body = Vec::new();
    let mut rows = r.table_a_rows();
    for band in &TABLE_A {
        body.push(Cell {
            fill: Some(A_BAND_FILL),
            ..cell(band.band, 4, 1, "band")
        });
        body.push(cell(A_FIRST_HEADER, 1, 1, "head"));
        let span = 3 / band.headers.len();
        body.extend(band.headers.iter().map(|h| cell(*h, span, 1, "head")));
        for _ in band.rows {
            let Some((row, cells)) = rows.next() else {
                break;
            };
            body.push(cell(row.label, 1, 1, "label"));
            match cells {
                ACells::Documents(v) => body.extend(v.iter().map(number)),
                ACells::Count(v) => body.push(Cell {
                    colspan: 3,
                    ..number(v)
                }),
                ACells::Fee(v) => body.push(cell(v.value.0.clone(), 3, 1, "number")),
            }
        }
    }
    let mut t = Table {
        columns: 4,
        header: Vec::new(),
        body,
        widths: None,
        figure_size: None,
        fits: false,
    };
    // style.typ: Table A at 10.5 pt on four equal columns.
    t.fits = surely_fits(&t, &table_a_widths(), 10.5);
    t
}

pub(super) fn table_b(r: &Report) -> Table {
    let header = vec![
        cell(B_CORNER, 3, 3, "corner"),
        cell(B_APPLICANTS, 7, 1, "head"),
        cell(B_COLUMNS[0].label, 1, 2, "head"),
        cell(B_ORGANISATIONS, 5, 1, "head"),
        cell(B_COLUMNS[B_TOTAL_COLUMN].label, 1, 2, "head"),
    ]
    .into_iter()
    .chain(
        B_COLUMNS[1..B_TOTAL_COLUMN]
            .iter()
            .map(|c| cell(c.label, 1, 1, "head")),
    )
    .collect();
    let mut body = Vec::new();
    let mut open_group: Option<&str> = None;
    let mut results_open = false;
    for (row, cells) in r.table_b_rows() {
        match row.place {
            BPlace::Top => body.push(cell(row.label, 3, 1, "label")),
            BPlace::Result | BPlace::Item(_) if !results_open => {
                results_open = true;
                body.push(cell(
                    B_RESULTS.label,
                    1,
                    format::b_group_span(B_RESULTS.label),
                    "group",
                ));
            }
            _ => {}
        }
        match row.place {
            BPlace::Top => {}
            BPlace::Result => body.push(cell(row.label, 2, 1, "label")),
            BPlace::Item(g) => {
                if open_group != Some(g.label) {
                    open_group = Some(g.label);
                    body.push(cell(g.label, 1, format::b_group_span(g.label), "group"));
                }
                body.push(cell(row.label, 1, 1, "label"));
            }
        }
        body.extend(cells.iter().map(number));
    }
    let fit = fit_b(r);
    let mut widths = vec![mm(8.0), mm(12.0)];
    widths.push(TYPE_AREA_WIDTH - widths.iter().sum::<f64>() - 7.0 * fit.width);
    widths.extend([fit.width; 7]);
    let mut t = Table {
        columns: 10,
        header,
        body,
        widths: Some(widths.clone()),
        figure_size: Some(fit.size),
        fits: false,
    };
    // style.typ: `table-b-size`, the largest figure size.
    t.fits = surely_fits(&t, &widths, FIGURE_SIZES[0]);
    t
}

pub(super) fn table_c(r: &Report) -> Table {
    let n = C_COLUMNS.len();
    let mut header = vec![
        cell(C_REVIEW, n, 1, "head"),
        cell(C_LITIGATION, 2 * n, 1, "head"),
    ];
    header.extend(C_COLUMNS.iter().map(|c| cell(c.label, 1, 2, "head")));
    header.extend(C_GROUPS[1..].iter().map(|g| cell(g.label, n, 1, "head")));
    for _ in &C_GROUPS[1..] {
        header.extend(C_COLUMNS.iter().map(|c| cell(c.label, 1, 1, "head")));
    }
    let body = r.table_c.groups.iter().flatten().map(number).collect();
    let fit = fit_c(r);
    let mut t = Table {
        columns: 3 * n,
        header,
        body,
        widths: Some(fit.widths.clone()),
        figure_size: Some(fit.size),
        fits: false,
    };
    // style.typ: `table-c-size`.
    t.fits = surely_fits(&t, &fit.widths, FIGURE_SIZES[0]);
    t
}
