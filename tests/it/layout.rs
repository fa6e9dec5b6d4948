//! The reference report laid out: labels, figures in their cells, spans.

use crate::common::{lines, load_example, pdf, pdf_text, runs, typeset, Run};
use gxreport::format::{self, labels_in_print_order, B_COLUMNS, C_COLUMNS, TABLE_B};

/// Every official label of the 2021 format appears verbatim in the text a
/// reader copies out of the PDF, in order: the sections in sequence, each
/// table's labels inside its own section, and Table B's rows top to bottom.
#[test]
fn every_official_label_is_printed_in_order() {
    let text = pdf_text(&pdf(&load_example("panzhihua-2024.yaml")));
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let at = |label: &str, from: usize| text[from..].find(&squeeze(label)).map(|i| from + i);
    // Sections in order.
    let mut starts = Vec::new();
    for s in &format::SECTIONS {
        let from = starts.last().copied().unwrap_or(0);
        starts.push(
            at(s.heading, from)
                .unwrap_or_else(|| panic!("heading {} missing or out of order", s.heading)),
        );
    }
    starts.push(text.len());
    // Each label inside its section (tables are read cell by cell, so a
    // table's own order is checked by position in the tests below).
    let mut section = 0;
    for label in labels_in_print_order() {
        if let Some(i) = format::SECTIONS.iter().position(|s| s.heading == label) {
            section = i;
            continue;
        }
        let found = at(label, starts[section]).unwrap_or_else(|| panic!("label {label:?} missing"));
        assert!(
            found < starts[section + 1],
            "label {label:?} outside its section {}",
            format::SECTIONS[section].heading
        );
    }
    // Table B's row labels top to bottom.
    let mut from = starts[2];
    for row in &TABLE_B {
        from = at(row.label, from).unwrap_or_else(|| panic!("row {} out of order", row.label));
    }
    assert!(text.contains("本年废止件数") && !text.contains("本年度止件数"));
}

/// Numbers of a table region as a grid: rows by baseline, columns by the
/// centre of the header labels above them.
fn number_rows(runs: &[Run], page: usize, top: f64, bottom: f64) -> Vec<(f64, Vec<(f64, String)>)> {
    let mut rows: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
    let mut numbers: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == page && r.y > top && r.y < bottom && is_figure(&r.text))
        .collect();
    numbers.sort_by(|a, b| (a.y, a.x).partial_cmp(&(b.y, b.x)).unwrap());
    for r in numbers {
        match rows.last_mut() {
            Some((y, cells)) if (r.y - *y).abs() < 0.5 => {
                cells.push((r.center_x(), r.text.clone()))
            }
            _ => rows.push((r.y, vec![(r.center_x(), r.text.clone())])),
        }
    }
    rows
}

/// A table figure: digits with at most one inner decimal point (not an item number like “1.”).
fn is_figure(t: &str) -> bool {
    !t.is_empty()
        && !t.ends_with('.')
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1
}

fn find<'a>(runs: &'a [Run], text: &str) -> &'a Run {
    runs.iter()
        .find(|r| r.text == text)
        .unwrap_or_else(|| panic!("{text:?} not laid out"))
}

/// Table B: each of the 25 rows has its 7 figures under 自然人 … 总计, on the
/// row's own line (the label's baseline band), in the right column.
#[test]
fn table_b_figures_sit_in_their_cells() {
    let report = load_example("panzhihua-2024.yaml");
    let doc = typeset(&report);
    let runs = runs(&doc);
    let corner = runs
        .iter()
        .find(|r| r.text.starts_with("（本列数据"))
        .expect("Table B corner");
    let page = corner.page;
    // Column heads may wrap (自然 / 人): find each by its first two characters.
    let columns: Vec<f64> = B_COLUMNS
        .iter()
        .map(|c| {
            let head: String = c.label.chars().take(2).collect();
            runs.iter()
                .find(|r| {
                    r.page == page
                        && r.text.starts_with(&head)
                        && r.y > corner.y - 20.0
                        && r.y < corner.y + 20.0
                })
                .unwrap_or_else(|| panic!("head {}", c.label))
                .center_x()
        })
        .collect();
    assert!(
        columns.windows(2).all(|w| w[0] < w[1]),
        "columns out of order: {columns:?}"
    );
    let last_label = runs
        .iter()
        .find(|r| r.page == page && r.text.starts_with("四、结转"))
        .unwrap();
    let rows = number_rows(&runs, page, corner.y, last_label.y + 3.0);
    assert_eq!(rows.len(), TABLE_B.len(), "one line of figures per row");
    let expected = report
        .table_b
        .rows
        .iter()
        .map(|r| r.iter().map(|v| v.value.to_string()).collect::<Vec<_>>());
    for ((y, cells), (want, row)) in rows.iter().zip(expected.zip(TABLE_B.iter())) {
        assert_eq!(cells.len(), 7, "row {} at {y:.1} mm", row.label);
        for (c, ((x, got), want)) in cells.iter().zip(want.iter()).enumerate() {
            assert_eq!(got, want, "row {} column {}", row.label, B_COLUMNS[c].label);
            assert!(
                (x - columns[c]).abs() < 2.0,
                "row {} column {}: x {x:.1} vs {:.1}",
                row.label,
                B_COLUMNS[c].label,
                columns[c]
            );
        }
        // The figures sit on the same line as the first line of the row's label… or
        // centred on a multi-line label: in either case within the label's row band.
        // Item labels are laid out as “1.” + text: match the text's start.
        let label_start: String = row
            .label
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .chars()
            .take(3)
            .collect();
        let label = runs
            .iter()
            .filter(|r| r.page == page && r.text.starts_with(&label_start))
            .min_by(|a, b| (a.y - y).abs().partial_cmp(&(b.y - y).abs()).unwrap())
            .unwrap();
        assert!(
            (label.y - y).abs() < 6.0,
            "row {}: label at {:.1}, figures at {y:.1}",
            row.label,
            label.y
        );
    }
    // The reference figures themselves.
    assert_eq!(
        rows[0].1.iter().map(|c| c.1.as_str()).collect::<Vec<_>>(),
        ["21", "0", "0", "0", "0", "0", "21"]
    );
    assert_eq!(
        rows[12].1[0].1, "17",
        "（四）1.本机关不掌握相关政府信息·自然人"
    );
    assert_eq!(rows[6].1[6].1, "1", "（三）3.危及“三安全一稳定”·总计");
}

/// Table A: the figures of 规章 and 行政规范性文件 under their three headers.
#[test]
fn table_a_figures_sit_in_their_cells() {
    let doc = typeset(&load_example("panzhihua-2024.yaml"));
    let runs = runs(&doc);
    // The labels in the table (10.5 pt), not the same words in the prose.
    let in_table = |text: &str| {
        runs.iter()
            .find(|r| r.text == text && r.size < 16.0)
            .unwrap_or_else(|| panic!("{text:?} not in Table A"))
    };
    let rules = in_table("规章");
    let docs = in_table("行政规范性文件");
    let header: Vec<f64> = ["本年制发件数", "本年废止件数", "现行有效件数"]
        .iter()
        .map(|h| find(&runs, h).center_x())
        .collect();
    for (label, want) in [(rules, ["0", "1", "3"]), (docs, ["5", "12", "36"])] {
        let rows = number_rows(&runs, label.page, label.y - 1.0, label.y + 1.0);
        assert_eq!(rows.len(), 1);
        let got: Vec<&str> = rows[0].1.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(got, want, "row {}", label.text);
        for ((x, _), hx) in rows[0].1.iter().zip(&header) {
            assert!((x - hx).abs() < 2.0);
        }
    }
    // A one-figure row is centred under the three merged columns.
    let licensing = find(&runs, "行政许可");
    let rows = number_rows(&runs, licensing.page, licensing.y - 1.0, licensing.y + 1.0);
    assert!(
        (rows[0].1[0].0 - header[1]).abs() < 2.0,
        "行政许可 spans three columns"
    );
}

/// Table C: one row of 15 figures under 15 column heads.
#[test]
fn table_c_has_fifteen_figures_under_its_heads() {
    let doc = typeset(&load_example("panzhihua-2024.yaml"));
    let runs = runs(&doc);
    let review = find(&runs, format::C_REVIEW);
    let heads: Vec<&Run> = runs
        .iter()
        .filter(|r| r.page == review.page && r.text == "总计" && r.y > review.y)
        .collect();
    assert_eq!(heads.len(), 3, "three 总计 heads in Table C");
    let rows = number_rows(&runs, review.page, review.y, review.y + 40.0);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1.len(), 15);
    // 总计 of each group is the 5th, 10th, 15th figure.
    for (k, head) in heads.iter().enumerate() {
        let x = rows[0].1[k * C_COLUMNS.len() + 4].0;
        assert!((x - head.center_x()).abs() < 2.0, "group {k} 总计 column");
    }
}

/// Spans: the tall group labels cover exactly their rows, 行政诉讼 covers ten columns.
#[test]
fn spans_match_the_official_format() {
    let doc = typeset(&load_example("panzhihua-2024.yaml"));
    let runs = runs(&doc);
    let corner = runs
        .iter()
        .find(|r| r.text.starts_with("（本列数据"))
        .unwrap();
    let page = corner.page;
    let end = runs
        .iter()
        .find(|r| r.page == page && r.text.starts_with("四、结转"))
        .unwrap();
    let rows = number_rows(&runs, page, corner.y, end.y + 3.0);
    let row_y = |key: &str| rows[TABLE_B.iter().position(|r| r.path() == key).unwrap()].0;
    // A vertically stacked label is centred on the rows it spans: its first
    // and last characters are equally far from the first and last row.
    let check = |first: &str, last_char: &str, from: &str, to: &str| {
        let top = runs
            .iter()
            .find(|r| r.page == page && r.text == first)
            .unwrap_or_else(|| panic!("{first}"));
        let bottom = runs
            .iter()
            .filter(|r| {
                r.page == page
                    && r.text == last_char
                    && (r.center_x() - top.center_x()).abs() < 3.0
                    && r.y > top.y
            })
            .min_by(|a, b| a.y.partial_cmp(&b.y).unwrap())
            .unwrap();
        let label_mid = (top.y + bottom.y) / 2.0;
        let rows_mid = (row_y(from) + row_y(to)) / 2.0;
        assert!(
            (label_mid - rows_mid).abs() < 1.5,
            "{first}…: label centre {label_mid:.1} vs rows {rows_mid:.1}"
        );
    };
    assert_eq!(format::b_group_span("三、本年度办理结果"), 22);
    check("三、", "果", "granted", "total");
    assert_eq!(format::b_group_span("（三）不予公开"), 8);
    check(
        "（三）",
        "开",
        "refused.state_secret",
        "refused.query_matters",
    );
    check(
        "（五）",
        "理",
        "not_processed.petitions",
        "not_processed.confirmation",
    );
    // 行政诉讼 is centred over ten of the fifteen columns.
    let review = find(&runs, "行政复议");
    let litigation = find(&runs, "行政诉讼");
    let figures = number_rows(&runs, review.page, review.y, review.y + 40.0);
    let xs: Vec<f64> = figures[0].1.iter().map(|c| c.0).collect();
    assert!(
        (litigation.center_x() - (xs[5] + xs[14]) / 2.0).abs() < 2.0,
        "行政诉讼 spans columns 6–15"
    );
    assert!(
        (review.center_x() - (xs[0] + xs[4]) / 2.0).abs() < 2.0,
        "行政复议 spans columns 1–5"
    );
}

#[test]
fn text_runs_are_in_reading_lines() {
    // Sanity of the helpers: the title's two lines come first.
    let doc = typeset(&load_example("panzhihua-2024.yaml"));
    let l = lines(&runs(&doc));
    assert_eq!(l[0].2, "攀枝花市人民政府办公室");
    assert_eq!(l[1].2, "2024年政府信息公开工作年度报告");
}

/// When Table B must split (here: a style with 14 pt table text and taller
/// rows; the figures keep the size gxreport fits to their columns), its three
/// header rows repeat on the next page; Table C still never splits.
#[test]
fn a_split_table_b_repeats_its_header_rows() {
    let mut templates = gxreport::render::Templates::embedded();
    templates.style = templates
        .style
        .replace("#let table-b-size = 9pt", "#let table-b-size = 14pt")
        .replace("inset: (x: 2.5pt, y: 4pt)", "inset: (x: 2.5pt, y: 6pt)");
    assert!(templates.style.contains("table-b-size = 14pt") && templates.style.contains("y: 6pt"));
    let report = load_example("panzhihua-2024.yaml");
    let mut pipeline = crate::common::pipeline();
    pipeline.templates = templates;
    let doc = pipeline
        .layout(&pipeline.prepare_report(report, "r.yaml", None))
        .unwrap();
    let runs = runs(&doc);
    let pages = |text: &str| {
        let mut p: Vec<usize> = runs
            .iter()
            .filter(|r| r.text == text)
            .map(|r| r.page)
            .collect();
        p.dedup();
        p
    };
    let header_pages = pages(format::B_APPLICANTS);
    assert_eq!(
        header_pages.len(),
        2,
        "申请人情况 on pages {header_pages:?}"
    );
    let corner: Vec<usize> = runs
        .iter()
        .filter(|r| r.text.starts_with("（本列"))
        .map(|r| r.page)
        .collect();
    assert_eq!(corner, header_pages, "the 勾稽关系 corner repeats too");
    // The rows continue on the second page, under the repeated header.
    let last = runs
        .iter()
        .find(|r| r.text.starts_with("四、结转"))
        .unwrap();
    assert_eq!(last.page, header_pages[1]);
    let review = pages(format::C_REVIEW);
    let c_total: Vec<usize> = runs
        .iter()
        .filter(|r| r.text == "尚未")
        .map(|r| r.page)
        .collect();
    assert!(
        !review.is_empty() && !c_total.is_empty(),
        "Table C is printed"
    );
    assert!(
        c_total.iter().all(|p| *p == review[0]),
        "Table C on one page"
    );
}

/// gxreport tells the style which tables surely fit on a page, so it need not
/// lay them out a second time to measure them: the PDF is byte for byte the
/// one of a style that measures every table (any style but the built-in one
/// does), for the examples, the stress report, the good fixtures and a
/// Table B with nine-digit figures (its label column at its narrowest).
#[test]
fn tables_said_to_fit_print_as_when_measured() {
    let root = crate::common::root();
    let mut reports: Vec<(String, gxreport::report::Report)> = Vec::new();
    for dir in ["examples", "tests/good"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let report = gxreport::report::load::load_file(&path).unwrap();
                reports.push((path.display().to_string(), report));
            }
        }
    }
    let stress = root.join("tests/fixtures/stress.yaml");
    reports.push((
        "stress".into(),
        gxreport::report::load::load_file(&stress).unwrap(),
    ));
    let mut wide = load_example("panzhihua-2024.yaml");
    for row in wide.table_b.rows.iter_mut() {
        for v in row.iter_mut() {
            v.value = 987_654_321;
        }
    }
    reports.push(("nine-digit Table B".into(), wide));
    assert!(reports.len() >= 6, "{}", reports.len());

    let hinted = crate::common::pipeline();
    let mut measuring = crate::common::pipeline();
    // The same style with one comment more: not the built-in text, so no hints.
    measuring
        .templates
        .style
        .push_str("\n// measure every table\n");
    let mut fitted = 0;
    for (name, report) in reports {
        let prepared = hinted.prepare_report(report.clone(), "r.yaml", None);
        let source = hinted.typst_source(&prepared).unwrap();
        let said = source.matches("\"fits\": true").count();
        if name.ends_with("panzhihua-2024.yaml") {
            assert_eq!(said, 3, "{name}: all three tables surely fit");
        }
        fitted += said;
        assert!(!measuring
            .typst_source(&prepared)
            .unwrap()
            .contains("\"fits\": true"));
        let a =
            gxreport::batch::with_big_stack(|| hinted.produce(&prepared, gxreport::Export::Pdf))
                .unwrap();
        let b =
            gxreport::batch::with_big_stack(|| measuring.produce(&prepared, gxreport::Export::Pdf))
                .unwrap();
        assert!(a.files == b.files, "{name}: the hinted PDF differs");
    }
    assert!(fitted >= 3 * 6, "only {fitted} tables were said to fit");
}
