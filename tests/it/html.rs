//! The portal page (`build -o 报告.html`), the batch index and the .xlsx
//! breakdown, read back as a user and an auditor would: the HTML parsed and
//! every figure compared with the YAML through its announced headers; the
//! page rendered in headless Chromium at 1280 and 390 px, checked by axe-core
//! (WCAG 2.0 A/AA) and html-validate; the workbook opened with calamine.
//!
//! The npm checkers live in tests/js (`npm ci --prefix tests/js`). Without
//! node the checker tests say so loudly and skip; with node but without the
//! installed packages they fail.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{example, load_example};
use gxreport::aggregate::Figures;
use gxreport::format::{
    BPlace, A_DOCUMENT_COLUMNS, B_COLUMNS, B_ORGANISATIONS, B_RESULTS, B_TOTAL_COLUMN, C_COLUMNS,
    C_GROUPS, C_LITIGATION, C_REVIEW, TABLE_A, TABLE_B,
};
use gxreport::html::{self, Options};
use gxreport::report::{ACells, Item, Report, Val};
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Every `examples/*.yaml`, by name.
fn examples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo("examples"))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.ends_with(".yaml").then_some(name)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 2, "examples/ has {names:?}");
    names
}

/// A model through the pipeline (references resolved once), as a page.
fn page(r: &Report) -> String {
    render(r, &Options::default())
}

fn render(r: &Report, options: &Options) -> String {
    let prepared = crate::common::prepare(r);
    let report = prepared.report.as_ref().expect("the report loads");
    html::render(report, options)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

fn text(e: ElementRef) -> String {
    e.text().collect()
}

// ------------------------------------------------------------ the figures

/// “header·header·…：figure” for every figure of the report, in table order,
/// from the official format and the model the YAML loads into. Written here
/// independently of the HTML code, from the format's labels.
fn expected_announcements(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for ((row, cells), band) in r
        .table_a_rows()
        .zip(TABLE_A.iter().flat_map(|b| b.rows.iter().map(move |_| b)))
    {
        match cells {
            ACells::Documents(v) => {
                for (c, val) in A_DOCUMENT_COLUMNS.iter().zip(v) {
                    out.push(format!("{}·{}：{}", row.label, c.label, val.value));
                }
            }
            ACells::Count(v) => out.push(format!("{}·{}：{}", row.label, band.headers[0], v.value)),
            ACells::Fee(v) => out.push(format!("{}·{}：{}", row.label, band.headers[0], v.value.0)),
        }
    }
    for (row, cells) in r.table_b_rows() {
        let group = match row.place {
            BPlace::Top => String::new(),
            BPlace::Result => format!("{}·", B_RESULTS.label),
            BPlace::Item(g) => format!("{}·", g.label),
        };
        for (k, (col, val)) in B_COLUMNS.iter().zip(cells).enumerate() {
            let column = if k == 0 || k == B_TOTAL_COLUMN {
                col.label.to_string()
            } else {
                format!("{B_ORGANISATIONS}·{}", col.label)
            };
            out.push(format!("{group}{}·{column}：{}", row.label, val.value));
        }
    }
    for (g, cells) in C_GROUPS.iter().zip(&r.table_c.groups) {
        for (col, val) in C_COLUMNS.iter().zip(cells) {
            let head = if g.label == C_REVIEW {
                C_REVIEW.to_string()
            } else {
                format!("{C_LITIGATION}·{}", g.label)
            };
            out.push(format!("{head}·{}：{}", col.label, val.value));
        }
    }
    out
}

/// What a screen reader announces for every figure cell of the page: the
/// texts of the cells its `headers` name, then the figure.
fn announcements(doc: &Html) -> Vec<String> {
    let ids: HashMap<String, String> = doc
        .select(&sel("[id]"))
        .map(|e| (e.value().attr("id").unwrap().to_string(), text(e)))
        .collect();
    doc.select(&sel("table.official td.number"))
        .map(|td| {
            let headers = td
                .value()
                .attr("headers")
                .unwrap_or_else(|| panic!("a figure without headers: {}", td.html()));
            let names: Vec<&str> = headers
                .split_whitespace()
                .map(|id| {
                    ids.get(id)
                        .unwrap_or_else(|| panic!("headers names a missing id {id}"))
                        .as_str()
                })
                .collect();
            format!("{}：{}", names.join("·"), text(td))
        })
        .collect()
}

#[test]
fn every_figure_reads_back_with_its_official_headers() {
    for name in examples() {
        let r = load_example(&name);
        let doc = Html::parse_document(&page(&r));
        let got = announcements(&doc);
        let want = expected_announcements(&r);
        assert_eq!(got.len(), 10 + 25 * 7 + 15, "{name}: number of figures");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g, w, "{name}");
        }
    }
}

/// A figure as the YAML text writes it: `None` where the author left it to
/// be computed (a total), 0 where the format says an unwritten figure is 0.
fn yaml_figure(v: Option<&serde_json::Value>, i: usize, key: &str, computed: bool) -> Option<f64> {
    let cell = match v {
        None => None,
        Some(serde_json::Value::Array(a)) => a.get(i),
        Some(m) => m.get(key),
    };
    match cell {
        Some(x) => Some(x.as_f64().unwrap_or_else(|| panic!("not a number: {x}"))),
        None if computed => None,
        None => Some(0.0),
    }
}

#[test]
fn every_figure_matches_the_yaml_text() {
    for name in examples() {
        let text_of = std::fs::read_to_string(example(&name)).unwrap();
        let y: serde_json::Value = serde_saphyr::from_str(&text_of).unwrap();
        let r = load_example(&name);
        let doc = Html::parse_document(&page(&r));
        let cells: Vec<String> = doc
            .select(&sel("table.official td.number"))
            .map(text)
            .collect();
        let mut want: Vec<Option<f64>> = Vec::new();
        let a = y.get("proactive");
        for row in TABLE_A.iter().flat_map(|b| b.rows.iter()) {
            let v = a.and_then(|a| a.get(row.key));
            match row.kind {
                gxreport::format::AKind::Documents => {
                    for (i, c) in A_DOCUMENT_COLUMNS.iter().enumerate() {
                        want.push(yaml_figure(v, i, c.key, false));
                    }
                }
                _ => want.push(Some(v.map_or(0.0, |x| x.as_f64().unwrap()))),
            }
        }
        let b = y.get("requests");
        for row in &TABLE_B {
            let v = match row.place {
                BPlace::Item(g) => b.and_then(|b| b.get(g.key?)).and_then(|g| g.get(row.key)),
                _ => b.and_then(|b| b.get(row.key)),
            };
            for (i, c) in B_COLUMNS.iter().enumerate() {
                let computed = i == B_TOTAL_COLUMN || (row.key == "total" && v.is_none());
                want.push(yaml_figure(v, i, c.key, computed));
            }
        }
        let c = y.get("appeals");
        for g in &C_GROUPS {
            let v = c.and_then(|c| c.get(g.key));
            for (i, col) in C_COLUMNS.iter().enumerate() {
                want.push(yaml_figure(v, i, col.key, i == C_COLUMNS.len() - 1));
            }
        }
        assert_eq!(cells.len(), want.len(), "{name}");
        let mut compared = 0;
        for (k, (got, w)) in cells.iter().zip(&want).enumerate() {
            if let Some(w) = w {
                let g: f64 = got
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}: cell {k} is {got:?}"));
                assert_eq!(g, *w, "{name}: figure {k}");
                compared += 1;
            }
        }
        // Every figure the example writes (panzhihua writes its totals too).
        if name.starts_with("panzhihua") {
            assert_eq!(compared, want.len(), "{name}");
        }
    }
}

#[test]
fn the_screen_reader_example_of_the_issue() {
    let r = load_example("panzhihua-2024.yaml");
    let got = announcements(&Html::parse_document(&page(&r)));
    // examples/panzhihua-2024.yaml: three_safeties: [1, 0, 0, 0, 0, 0, 1]
    assert!(
        got.contains(&"（三）不予公开·3.危及“三安全一稳定”·自然人：1".to_string()),
        "{got:#?}"
    );
}

/// The grid of one parsed table: every row exactly `columns` wide, no overlap.
fn grid(table: ElementRef) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<Option<String>>> = Vec::new();
    for (r, tr) in table.select(&sel("tr")).enumerate() {
        let mut c = 0;
        for cell in tr.select(&sel("th, td")) {
            let span = |a: &str| {
                cell.value()
                    .attr(a)
                    .map_or(1, |v| v.parse::<usize>().unwrap())
            };
            let (w, h) = (span("colspan"), span("rowspan"));
            while rows.len() < r + h {
                rows.push(Vec::new());
            }
            while rows[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            for row in rows.iter_mut().skip(r).take(h) {
                if row.len() < c + w {
                    row.resize(c + w, None);
                }
                for slot in &mut row[c..c + w] {
                    assert!(slot.is_none(), "overlapping cells at {}", cell.html());
                    *slot = Some(text(cell));
                }
            }
            c += w;
        }
    }
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .map(|s| s.expect("a hole in the table"))
                .collect()
        })
        .collect()
}

#[test]
fn tables_have_the_official_spans() {
    let r = load_example("panzhihua-2024.yaml");
    let doc = Html::parse_document(&page(&r));
    let tables: Vec<ElementRef> = doc.select(&sel("table.official")).collect();
    assert_eq!(tables.len(), 3);
    for (table, (columns, rows)) in tables.iter().zip([(4, 4 * 2 + 6), (10, 3 + 25), (15, 4)]) {
        let g = grid(*table);
        assert_eq!(g.len(), rows, "{}", table.html());
        assert!(g.iter().all(|row| row.len() == columns));
        assert!(table.select(&sel("caption")).next().is_some());
        assert!(table.select(&sel("thead th")).next().is_some());
    }
    // Table B as printed: 三、 spans 22 rows, （三）不予公开 8, the corner 3×3.
    let b = grid(tables[1]);
    let spans = |label: &str| {
        let th = tables[1]
            .select(&sel("th, td"))
            .find(|c| text(*c) == label)
            .unwrap_or_else(|| panic!("no cell {label}"));
        let n = |a| {
            th.value()
                .attr(a)
                .map_or(1, |v: &str| v.parse::<usize>().unwrap())
        };
        (n("rowspan"), n("colspan"))
    };
    assert_eq!(spans(B_RESULTS.label), (22, 1));
    assert_eq!(spans("（三）不予公开"), (8, 1));
    assert_eq!(spans(gxreport::format::B_CORNER), (3, 3));
    assert_eq!(spans(gxreport::format::B_APPLICANTS), (1, 7));
    assert_eq!(b[3][0], TABLE_B[0].label);
    assert_eq!(b[3][2], TABLE_B[0].label);
    // Table C: 行政复议 over five columns, its column labels over two rows.
    assert_eq!(spans_in(tables[2], C_REVIEW), (1, 5));
    assert_eq!(spans_in(tables[2], C_LITIGATION), (1, 10));
    // Table A: a band row over all four columns, repeated per band.
    let a = grid(tables[0]);
    assert_eq!(a[0], vec![TABLE_A[0].band; 4]);
    assert_eq!(a[1][1], A_DOCUMENT_COLUMNS[0].label);
}

fn spans_in(table: ElementRef, label: &str) -> (usize, usize) {
    let th = table
        .select(&sel("th"))
        .find(|c| text(*c) == label)
        .unwrap_or_else(|| panic!("no cell {label}"));
    let n = |a| {
        th.value()
            .attr(a)
            .map_or(1, |v: &str| v.parse::<usize>().unwrap())
    };
    (n("rowspan"), n("colspan"))
}

#[test]
fn the_page_has_the_report_structure() {
    let mut r = load_example("panzhihua-2024.yaml");
    r.signature = Some(Val::computed("攀枝花市人民政府办公室".into()));
    r.date = Some(Val::computed("2025年1月20日".into()));
    let source = page(&r);
    let doc = Html::parse_document(&source);
    assert_eq!(
        doc.select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang"),
        Some("zh-CN")
    );
    let h1: Vec<String> = doc.select(&sel("h1")).map(text).collect();
    assert_eq!(
        h1,
        vec![r.title.iter().map(|t| t.value.clone()).collect::<String>()]
    );
    let h2: Vec<String> = doc.select(&sel("h2")).map(text).collect();
    let sections: Vec<String> = gxreport::format::SECTIONS
        .iter()
        .map(|s| s.heading.to_string())
        .collect();
    assert_eq!(h2, sections);
    // Run-in item headings, numbered as in the PDF.
    let h3: Vec<String> = doc.select(&sel(".item > h3")).map(text).collect();
    assert!(h3.len() >= 5 && h3[0].starts_with("（一）"), "{h3:?}");
    let lead = text(doc.select(&sel("article > p")).next().unwrap());
    assert_eq!(lead, r.lead[0].value);
    let signature = text(doc.select(&sel(".signature")).next().unwrap());
    assert!(signature.contains(&r.signature.as_ref().unwrap().value));
    assert!(signature.contains(&r.date.as_ref().unwrap().value));
    // Self-contained: no script, no external resource, no request.
    for banned in [
        "<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http:", "https:",
    ] {
        assert!(!source.contains(banned), "the page contains {banned}");
    }
    // Figure references are filled in, as in the PDF.
    assert!(!source.contains("{{"));
}

// ------------------------------------------------------------ escaping

/// HTML's special characters and markup-looking fragments, Latin, Hanzi.
fn nasty() -> impl Strategy<Value = String> {
    let tokens: Vec<&str> = vec![
        "<",
        ">",
        "&",
        "\"",
        "'",
        "/",
        "=",
        ";",
        "#",
        "<script>",
        "</p>",
        "<!--",
        "-->",
        "&amp;",
        "&lt;",
        "&#60;",
        "<![CDATA[",
        "]]>",
        "</h1>",
        "<b>",
        "`",
        "{",
        "}",
        "a",
        "Z",
        "0",
        "9",
        " ",
        "政",
        "府",
        "信",
        "息",
        "，",
        "。",
        "“",
        "”",
        "（",
        "）",
        "《",
        "》",
        "—",
    ];
    proptest::collection::vec(proptest::sample::select(tokens), 1..30)
        .prop_map(|ts| ts.concat())
        .prop_filter("not blank", |s| !s.trim().is_empty())
        // `{{ … }}` is a figure reference, not text.
        .prop_filter("no reference", |s| !s.contains("{{"))
}

fn with_texts(mut r: Report, t: &[String; 8]) -> Report {
    let v = |s: &String| Val::computed(s.clone());
    r.agency = v(&t[0]);
    r.title = vec![v(&t[0]), v(&t[1])];
    r.lead = vec![v(&t[2])];
    r.overview.paragraphs = vec![v(&t[3])];
    r.overview.items = vec![Item {
        // Not led by a number, which the layout drops (W-NUMBER).
        heading: v(&format!("要点{}", t[4])),
        paragraphs: vec![v(&t[5])],
    }];
    r.problems.paragraphs = vec![v(&t[6])];
    r.other_matters.paragraphs = vec![v(&t[7])];
    r.closing = vec![v(&t[1])];
    r.signature = Some(v(&t[0]));
    // A date must be one (E-DATE): it is checked, not printed as typed.
    r.date = Some(v(&DATE.to_string()));
    r
}

const DATE: &str = "2025年1月20日";

fn element_count(doc: &Html) -> usize {
    doc.select(&sel("*")).count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_text_comes_back_verbatim_from_the_parsed_page(t in proptest::array::uniform8(nasty())) {
        let base = load_example("panzhihua-2024.yaml");
        let r = with_texts(base.clone(), &t);
        let doc = Html::parse_document(&page(&r));
        // Nothing became markup: the same elements as with plain text.
        let plain = with_texts(base, &std::array::from_fn(|_| "甲".to_string()));
        prop_assert_eq!(element_count(&doc), element_count(&Html::parse_document(&page(&plain))));
        let spans: Vec<String> = doc.select(&sel("h1 span")).map(text).collect();
        prop_assert_eq!(&spans, &vec![t[0].clone(), t[1].clone()]);
        let title = text(doc.select(&sel("title")).next().unwrap());
        prop_assert_eq!(title, format!("{}{}", t[0], t[1]));
        let paras: Vec<String> = doc.select(&sel("article p")).map(text).collect();
        for s in [&t[2], &t[3], &t[5], &t[6], &t[7], &t[1]] {
            prop_assert!(paras.contains(s), "{:?} not among {:?}", s, paras);
        }
        let h3 = text(doc.select(&sel(".item > h3")).next().unwrap());
        prop_assert_eq!(h3, format!("（一）{}", gxreport::report::prose::run_in_heading(&format!("要点{}", t[4]))));
        let sig: Vec<String> = doc.select(&sel(".signature span")).map(text).collect();
        prop_assert_eq!(sig, vec![t[0].clone(), DATE.to_string()]);
        let author = doc.select(&sel("meta[name=author]")).next().unwrap();
        prop_assert_eq!(author.value().attr("content"), Some(t[0].as_str()));
    }
}

#[test]
fn links_and_draft_marks_are_escaped_too() {
    let r = load_example("minimal.yaml");
    let out = render(
        &r,
        &Options {
            pdf: Some("a\"b <c>&d #e?.pdf".into()),
            draft: Some("<b>草稿</b>".into()),
        },
    );
    let doc = Html::parse_document(&out);
    let a = doc.select(&sel("footer a")).next().unwrap();
    assert_eq!(
        a.value().attr("href"),
        Some("a%22b%20%3Cc%3E%26d%20%23e%3F.pdf")
    );
    assert_eq!(
        text(doc.select(&sel(".draft")).next().unwrap()),
        "<b>草稿</b>"
    );
    assert!(doc.select(&sel("b")).next().is_none());
}

// ------------------------------------------------------------ CLI and batch

fn gxreport() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gxreport"))
}

fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{cmd:?} failed:\n{stderr}");
    stderr
}

#[test]
fn build_writes_the_page_and_its_pdf_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("报告.html");
    run_ok(
        gxreport()
            .arg("build")
            .arg(example("minimal.yaml"))
            .arg("-o")
            .arg(&out),
    );
    let doc = Html::parse_document(&std::fs::read_to_string(&out).unwrap());
    let a = doc.select(&sel("footer a")).next().unwrap();
    assert_eq!(a.value().attr("href"), Some("报告.pdf"));
    assert!(std::fs::read(dir.path().join("报告.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
}

#[test]
fn a_batch_writes_an_index_in_manifest_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("输出");
    run_ok(
        gxreport()
            .arg("build")
            .arg(example("panzhihua-2024.yaml"))
            .arg(example("minimal.yaml"))
            .arg("-o")
            .arg(&out)
            .args(["--format", "html", "--jobs", "1"]),
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let inputs: Vec<String> = manifest["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["input"].as_str().unwrap().to_string())
        .collect();
    let agencies: Vec<String> = inputs
        .iter()
        .map(|i| {
            gxreport::report::load::load_file(Path::new(i))
                .unwrap()
                .agency
                .value
        })
        .collect();
    let index = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let rows: Vec<ElementRef> = index.select(&sel("tbody tr")).collect();
    assert_eq!(rows.len(), 2);
    for (row, agency) in rows.iter().zip(&agencies) {
        assert_eq!(text(row.select(&sel("th")).next().unwrap()), *agency);
        let links: Vec<&str> = row
            .select(&sel("a"))
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        assert_eq!(links.len(), 2);
        assert!(links[0].ends_with(".html") && links[1].ends_with(".pdf"));
        for link in links {
            assert!(out.join(link).is_file(), "{link} does not exist");
        }
    }
    assert_eq!(text(rows[0].select(&sel("td")).next().unwrap()), "2024年");
}

// ------------------------------------------------------------ xlsx

fn write_unit(dir: &Path, name: &str, agency: &str, fee: &str) {
    let yaml = std::fs::read_to_string(example("panzhihua-2024.yaml")).unwrap();
    let yaml = yaml
        .replacen(
            "agency: 攀枝花市人民政府办公室",
            &format!("agency: {agency}"),
            1,
        )
        .replacen("fees: 0 ", &format!("fees: {fee} "), 1);
    assert!(yaml.contains(agency) && yaml.contains(&format!("fees: {fee} ")));
    std::fs::write(dir.join(name), yaml).unwrap();
}

#[test]
fn the_breakdown_workbook_holds_every_figure_under_merged_headers() {
    use calamine::{open_workbook, Data, Reader, Xlsx};

    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("各单位");
    std::fs::create_dir(&units).unwrap();
    write_unit(&units, "a.yaml", "某某县教育局", "96171.60");
    write_unit(&units, "b.yaml", "某某县<财政>局 & “统计”", "1.5");
    let xlsx = dir.path().join("明细.xlsx");
    run_ok(
        gxreport()
            .arg("aggregate")
            .arg(&units)
            .arg("-o")
            .arg(dir.path().join("汇总.yaml"))
            .args(["--agency", "某某县人民政府", "--breakdown"])
            .arg(&xlsx),
    );
    let reports: Vec<Report> = ["a.yaml", "b.yaml"]
        .iter()
        .map(|f| gxreport::report::load::load_file(&units.join(f)).unwrap())
        .collect();
    let figures: Vec<Figures> = reports.iter().map(Figures::of).collect();
    let mut total = Figures::zero();
    for f in &figures {
        gxreport::aggregate::add(&mut total, f).unwrap();
    }

    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names();
    let layouts = gxreport::aggregate::xlsx::layouts();
    let mut expected_names: Vec<&str> = layouts.iter().map(|l| l.name).collect();
    expected_names.push(gxreport::aggregate::xlsx::UNITS_SHEET);
    assert_eq!(names, expected_names);
    for layout in &layouts {
        let range = wb.worksheet_range(layout.name).unwrap();
        let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        let merged: Vec<(u32, u32, u32, u32)> = wb
            .merge_cells_by_sheet_name(layout.name)
            .unwrap()
            .iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect();
        // Every header cell with its official label, merged as the form is.
        for h in &layout.heads {
            let (r0, c0) = (h.row, u32::from(h.col) + 2);
            assert_eq!(
                cell(r0, c0),
                Data::String(h.text.to_string()),
                "{}",
                layout.name
            );
            let (r1, c1) = (r0 + h.rows - 1, c0 + u32::from(h.cols) - 1);
            if (r0, c0) != (r1, c1) {
                assert!(
                    merged.contains(&(r0, c0, r1, c1)),
                    "{} {} not merged",
                    layout.name,
                    h.text
                );
            }
        }
        let hr = layout.header_rows;
        assert!(merged.contains(&(0, 0, hr - 1, 0)) && merged.contains(&(0, 1, hr - 1, 1)));
        // A row per unit, then 合计; every figure a number.
        let rows: Vec<(String, String, &Figures)> = reports
            .iter()
            .zip(&figures)
            .zip(["a.yaml", "b.yaml"])
            .map(|((r, f), file)| (file.to_string(), r.agency.value.clone(), f))
            .chain([("合计".to_string(), "某某县人民政府".to_string(), &total)])
            .collect();
        for (k, (file, agency, f)) in rows.iter().enumerate() {
            let row = hr + k as u32;
            assert_eq!(cell(row, 0), Data::String(file.clone()));
            assert_eq!(cell(row, 1), Data::String(agency.clone()));
            let want = f.cells();
            let offset = match layout.name {
                n if n == layouts[0].name => 0,
                n if n == layouts[1].name => 10,
                _ => 10 + 25 * 7,
            };
            let n = (layout.figures)(f).len();
            for i in 0..n {
                let got = cell(row, 2 + i as u32);
                let Data::Float(x) = got else {
                    panic!("{} row {row} col {i}: {got:?} is not a number", layout.name)
                };
                let w: f64 = want[offset + i].parse().unwrap();
                assert_eq!(x, w, "{} row {row} col {i}", layout.name);
            }
            assert_eq!(cell(row, 2 + n as u32), Data::Empty);
        }
        assert_eq!(cell(hr + rows.len() as u32, 0), Data::Empty);
    }
    // The exact fee sum, 96171.60 + 1.5 = 96173.10.
    let a = wb.worksheet_range(layouts[0].name).unwrap();
    assert_eq!(a.get_value((3 + 2, 2 + 9)), Some(&Data::Float(96173.1)));

    let list = wb
        .worksheet_range(gxreport::aggregate::xlsx::UNITS_SHEET)
        .unwrap();
    for (k, file) in ["a.yaml", "b.yaml"].iter().enumerate() {
        let sha = gxreport::pipeline::sha256(&std::fs::read(units.join(file)).unwrap());
        let row = 1 + k as u32;
        assert_eq!(
            list.get_value((row, 0)),
            Some(&Data::String(file.to_string()))
        );
        assert_eq!(list.get_value((row, 3)), Some(&Data::String(sha)));
    }
}

// ------------------------------------------------------------ in a browser

pub(crate) fn shots_dir() -> PathBuf {
    let dir = std::env::var_os("GXREPORT_SHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo("target/html-shots"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run headless Chromium with `args` on `url`; its stdout (the DOM with
/// `--dump-dom`). Fails after 120 s.
pub(crate) fn chromium(args: &[String], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut fonts_conf = crate::common::chromium();
    let mut child = fonts_conf
        .0
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Debian's chromium is needed (.ci/run installs it)");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

pub(crate) fn file_url(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// The `data-result` that a measuring script wrote into the dumped DOM.
pub(crate) fn result_of(dom: &str) -> String {
    let doc = Html::parse_document(dom);
    let pre = doc
        .select(&sel("#gx-result"))
        .next()
        .unwrap_or_else(|| panic!("the measuring script wrote no result:\n{dom:.2000}"));
    text(pre)
}

/// Write `page` for the browser, plus a wrapper (a COPY, with a script: the
/// page itself has none) that shows it in a 390 px iframe and measures.
pub(crate) fn phone_measure(page: &str, dir: &Path) -> serde_json::Value {
    let escaped = html::writer::escape(page);
    let wrapper = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>measure</title></head>
<body style="margin:0"><iframe id="f" style="border:0;width:390px;height:844px" srcdoc="{escaped}"></iframe>
<pre id="gx-result"></pre>
<script>
document.getElementById("f").addEventListener("load", function () {{
  var d = this.contentDocument, root = d.documentElement, small = [];
  var walker = d.createTreeWalker(d.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {{
    var n = walker.currentNode;
    if (!n.textContent.trim()) continue;
    var px = parseFloat(d.defaultView.getComputedStyle(n.parentElement).fontSize);
    if (px < 16 && !n.parentElement.closest("caption")) small.push(n.textContent.slice(0, 20) + " " + px);
  }}
  var boxes = Array.prototype.map.call(d.querySelectorAll(".table-box"), function (b) {{
    return [b.scrollWidth, b.clientWidth];
  }});
  document.getElementById("gx-result").textContent = JSON.stringify({{
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, small: small, boxes: boxes
  }});
}});
</script></body></html>"#
    );
    let path = dir.join("measure.html");
    std::fs::write(&path, wrapper).unwrap();
    let dom = chromium(
        &["--virtual-time-budget=10000".into(), "--dump-dom".into()],
        &file_url(&path),
    );
    serde_json::from_str(&result_of(&dom)).unwrap()
}

#[test]
fn pages_read_right_at_desktop_and_phone_widths() {
    let shots = shots_dir();
    for name in examples() {
        let stem = name.trim_end_matches(".yaml");
        let dir = tempfile::tempdir().unwrap();
        let source = page(&load_example(&name));
        let path = dir.path().join(format!("{stem}.html"));
        std::fs::write(&path, &source).unwrap();
        for (width, height) in [(1280, 4400), (390, 9000)] {
            let shot = shots.join(format!("{stem}-{width}.png"));
            let _ = std::fs::remove_file(&shot);
            chromium(
                &[
                    format!("--window-size={width},{height}"),
                    format!("--screenshot={}", shot.display()),
                ],
                &file_url(&path),
            );
            let png =
                std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot {shot:?}: {e}"));
            let decoder = png::Decoder::new(std::io::Cursor::new(png));
            let info = decoder.read_info().unwrap();
            assert_eq!(info.info().width, width);
        }
        let m = phone_measure(&source, dir.path());
        assert_eq!(m["clientWidth"], 390, "{name}: {m}");
        assert!(
            m["scrollWidth"].as_u64() <= m["clientWidth"].as_u64(),
            "{name}: the page scrolls sideways at 390 px: {m}"
        );
        assert_eq!(
            m["small"],
            serde_json::json!([]),
            "{name}: text below 16 px: {m}"
        );
        // Tables B and C are wider than a phone: they scroll inside their box.
        let boxes = m["boxes"].as_array().unwrap();
        assert_eq!(boxes.len(), 3);
        for b in &boxes[1..] {
            assert!(b[0].as_u64() > b[1].as_u64(), "{name}: {m}");
        }
    }
}

/// The npm checkers: None (after a loud message) when node is missing.
fn node_modules() -> Option<PathBuf> {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!(
            "\n!!!!! SKIPPED: node is not installed, so axe-core and html-validate did not run. !!!!!\n"
        );
        return None;
    }
    let dir = repo("tests/js/node_modules");
    assert!(
        dir.join("axe-core/axe.min.js").is_file()
            && dir.join("html-validate/bin/html-validate.mjs").is_file(),
        "the checkers are not installed: run `npm ci --prefix tests/js`"
    );
    Some(dir)
}

/// Pages to check: every example, and a batch index.
fn pages_to_check() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = examples()
        .into_iter()
        .map(|name| {
            let r = load_example(&name);
            let options = Options {
                pdf: Some(name.replace(".yaml", ".pdf")),
                draft: None,
            };
            (name, render(&r, &options))
        })
        .collect();
    let entries: Vec<html::IndexEntry> = examples()
        .iter()
        .map(|name| {
            let r = load_example(name);
            html::IndexEntry {
                agency: r.agency.value,
                year: r.year.value,
                html: name.replace(".yaml", ".html"),
                pdf: Some(name.replace(".yaml", ".pdf")),
            }
        })
        .collect();
    out.push((
        "index".into(),
        html::index(&entries, "政府信息公开工作年度报告"),
    ));
    // The page of `gxreport review`: a report copied from last year's, with
    // its passages side by side, its tables and its charts.
    let p = gxreport::Pipeline::embedded();
    let this = gxreport::review::unit::read(&p, &repo("examples/panzhihua-2024.yaml"));
    let mut last = this.clone();
    last.year = this.year.map(|y| y - 1);
    let inputs = gxreport::review::Inputs {
        previous: Some(std::slice::from_ref(&last)),
        ..Default::default()
    };
    let review = gxreport::review::review(&[this], &inputs);
    out.push(("review".into(), gxreport::review::html::page(&review)));
    out
}

#[test]
fn axe_finds_no_wcag_2_0_a_or_aa_violation() {
    let Some(modules) = node_modules() else {
        return;
    };
    let axe = std::fs::read_to_string(modules.join("axe-core/axe.min.js")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, source) in pages_to_check() {
        // A copy of the page with axe and a runner; the page itself has no
        // script. The runner writes into the parent document when framed.
        let runner = r#"<pre id="gx-result"></pre><script>
function gxOut(s) {
  var d = window.parent !== window ? window.parent.document : document;
  d.getElementById("gx-result").textContent = s;
}
axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] }, resultTypes: ["violations"] })
  .then(function (r) {
    gxOut(JSON.stringify({
      width: document.documentElement.clientWidth,
      violations: r.violations.map(function (v) {
        return { id: v.id, help: v.help, nodes: v.nodes.map(function (n) { return n.html.slice(0, 200); }) };
      }),
      passes: r.passes.length
    }));
  }, function (e) { gxOut(JSON.stringify({ error: String(e) })); });
</script>"#;
        let copy = source.replace("</body>", &format!("<script>{axe}</script>{runner}</body>"));
        for width in [1280, 390] {
            // Headless Chromium keeps its window at least 500 px wide, so the
            // phone width is a 390 px iframe holding the copy.
            let page_file = if width == 390 {
                format!(
                    r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>axe</title></head>
<body style="margin:0"><iframe title="page" style="border:0;width:390px;height:844px" srcdoc="{}"></iframe>
<pre id="gx-result"></pre></body></html>"#,
                    html::writer::escape(&copy)
                )
            } else {
                copy.clone()
            };
            let path = dir.path().join("axe.html");
            std::fs::write(&path, page_file).unwrap();
            let dom = chromium(
                &[
                    "--window-size=1280,1000".into(),
                    "--virtual-time-budget=30000".into(),
                    "--dump-dom".into(),
                ],
                &file_url(&path),
            );
            let result: serde_json::Value = serde_json::from_str(&result_of(&dom)).unwrap();
            assert!(
                result.get("error").is_none(),
                "{name}: axe failed: {result}"
            );
            assert!(
                result["passes"].as_u64().unwrap() > 10,
                "{name}: axe checked nothing: {result}"
            );
            assert_eq!(result["width"], width, "{name}: {result}");
            assert_eq!(
                result["violations"],
                serde_json::json!([]),
                "{name} at {width} px: {result:#}"
            );
        }
    }
}

#[test]
fn html_validate_accepts_the_markup() {
    let Some(modules) = node_modules() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, source) in pages_to_check() {
        let path = dir.path().join(format!("{name}.html"));
        std::fs::write(&path, source).unwrap();
        files.push(path);
    }
    let out = Command::new("node")
        .arg(modules.join("html-validate/bin/html-validate.mjs"))
        .arg("--config")
        .arg(repo("tests/js/htmlvalidate.json"))
        .args(&files)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "html-validate:\n{report}");
}
