//! `gxreport import`: published reports read back into YAML.
//!
//! Real documents (a PDF's text, a portal page) must give every published
//! figure; our own PDFs, and DOCX and HTML files written here with the
//! official merged cells, must give back the figures and text they were made
//! from; broken inputs must get a clear Chinese error.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use gxreport::aggregate::{AFigure, Figures};
use gxreport::diagnostic::{Diagnostic, Severity};
use gxreport::format::{
    BPlace, A_FIRST_HEADER, B_APPLICANTS, B_COLUMNS, B_CORNER, B_ORGANISATIONS, B_RESULTS,
    C_COLUMNS, C_GROUPS, C_LITIGATION, SECTIONS, TABLE_A, TABLE_B,
};
use gxreport::import::{self, Imported};
use gxreport::report::prose::{item_number, run_in_heading};
use gxreport::report::{load, Prose, Report};

fn fixture(name: &str) -> PathBuf {
    match name {
        // Real published reports: the shared reference material.
        "panzhihua-2024-report.txt" | "shuyang-fgj-2023.html" => {
            crate::common::shared(&format!("reference/{name}"))
        }
        _ => crate::common::root()
            .join("tests/fixtures/import")
            .join(name),
    }
}

/// Import a file; print how many figures were read and how long it took
/// (`cargo test --test import -- --nocapture` shows the numbers).
fn import(path: &Path) -> (Imported, Report) {
    let started = Instant::now();
    let imported = import::read(path).unwrap_or_else(|e| {
        panic!(
            "{} does not import:\n{}",
            path.display(),
            e.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let took = started.elapsed();
    eprintln!(
        "MEASURE {}: {} of {} figures read, {} printed blank, {:.1} ms",
        path.file_name().unwrap().to_string_lossy(),
        imported.figures_read,
        import::recognise::figure_count(),
        imported.figures_blank,
        took.as_secs_f64() * 1000.0
    );
    let report = load::load_str(&imported.yaml, "imported.yaml")
        .unwrap_or_else(|e| panic!("the imported YAML does not load: {e:#?}\n{}", imported.yaml));
    (imported, report)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn errors(result: Result<Imported, Vec<Diagnostic>>) -> String {
    match result {
        Ok(i) => panic!("imported although it should not:\n{}", i.yaml),
        Err(e) => e
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

// ------------------------------------------------------------ real documents

#[test]
fn panzhihua_text_gives_every_published_figure() {
    let (imported, report) = import(&fixture("panzhihua-2024-report.txt"));
    // The published figures, as transcribed in the example.
    let published = crate::common::load_example("panzhihua-2024.yaml");
    assert_eq!(Figures::of(&report), Figures::of(&published));
    assert_eq!(imported.figures_read, 200);
    assert_eq!(imported.figures_blank, 0);
    // A few cells spelt out, against the PDF as published.
    let f = Figures::of(&report);
    assert_eq!(
        f.a[0],
        AFigure::Documents([0, 1, 3]),
        "规章 (header printed 本年度止件数)"
    );
    assert_eq!(f.a[1], AFigure::Documents([5, 12, 36]));
    assert_eq!(f.b[gxreport::format::document::b_row("received")][0], 21);
    assert_eq!(f.b[gxreport::format::document::b_row("not_held")][6], 17);
    assert_eq!(
        f.b[gxreport::format::document::b_row("three_safeties")][0],
        1
    );
    assert_eq!(
        f.b[gxreport::format::document::b_row("partly_granted")][6],
        1
    );
    assert_eq!(f.c, [[0; 5]; 3]);

    assert_eq!(report.agency.value, "攀枝花市人民政府办公室");
    assert_eq!(report.year.value, 2024);
    let title: Vec<&str> = report.title.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(
        title,
        ["攀枝花市人民政府办公室", "2024年政府信息公开工作年度报告"]
    );
    assert_eq!(report.lead[0].value, published.lead[0].value);
    // As printed: the PDF's text has one ASCII comma where the example has “，”.
    let mut overview = strip_pos(&published.overview);
    let last = &mut overview.items[4].paragraphs[0].value;
    *last = last.replace("10余次，", "10余次,");
    assert_eq!(strip_pos(&report.overview), overview);
    let headings: Vec<&str> = report
        .problems
        .items
        .iter()
        .map(|i| i.heading.value.as_str())
        .collect();
    assert_eq!(headings, ["存在的主要问题", "改进情况"]);
    assert_eq!(
        report.other_matters.paragraphs[0].value,
        "2024年未收取信息处理费，且无其他需要报告的事项。"
    );
    // What was imported passes check as the published report does.
    assert!(gxreport::check::check(&report, "p.yaml", None)
        .iter()
        .all(|d| d.severity != Severity::Error));
}

#[test]
fn shuyang_portal_page_gives_every_published_figure() {
    let (imported, report) = import(&fixture("shuyang-fgj-2023.html"));
    let f = Figures::of(&report);
    assert_eq!(f.a[0], AFigure::Documents([0, 0, 0]), "规章");
    assert_eq!(
        f.a[1],
        AFigure::Documents([8, 0, 18]),
        "printed as 规范性文件"
    );
    assert_eq!(
        &f.a[2..5],
        &[AFigure::Count(0), AFigure::Count(0), AFigure::Count(0)]
    );
    assert_eq!(f.a[5], AFigure::Fee("0".into()));
    for (row, cells) in TABLE_B.iter().zip(&f.b) {
        let expected = match row.key {
            "received" | "granted" | "total" => [26, 0, 0, 0, 0, 0, 26],
            _ => [0; 7],
        };
        assert_eq!(*cells, expected, "{}", row.label);
    }
    assert_eq!(f.c, [[0, 0, 0, 1, 1], [0; 5], [0; 5]]);
    // The five 法人或其他组织 columns are printed blank in all 25 rows.
    assert_eq!(imported.figures_blank, 125);
    assert_eq!(imported.figures_read, 75);
    let blank = imported
        .notes
        .iter()
        .find(|n| n.code == "W-BLANK")
        .expect("blank cells are reported");
    assert!(
        blank.message.contains(
            "“商业企业、科研机构、社会公益组织、法律服务机构、其他”栏印为空白，已按 0 填写"
        ),
        "{}",
        blank.message
    );
    assert!(blank.message.contains("等 25 行"), "{}", blank.message);
    assert!(
        blank.message.contains("第"),
        "names where: {}",
        blank.message
    );
    assert!(imported
        .yaml
        .contains("# 一、本年新收政府信息公开申请数量；原表商业企业、科研机构、社会公益组织、法律服务机构、其他印为空白，按 0 填写"));

    assert_eq!(report.agency.value, "沭阳县发展和改革局");
    assert_eq!(report.year.value, 2023);
    let title: Vec<&str> = report.title.iter().map(|t| t.value.as_str()).collect();
    // Printed on one line; written as the usual two title lines.
    assert_eq!(title, ["沭阳县发展和改革局", "2023年政府信息公开年度报告"]);
    assert!(report.lead[0]
        .value
        .starts_with("根据《中华人民共和国政府信息公开条例》"));
    let items: Vec<&str> = report
        .overview
        .items
        .iter()
        .map(|i| i.heading.value.as_str())
        .collect();
    assert_eq!(
        items,
        [
            "主动公开政府信息情况",
            "依申请公开政府信息情况",
            "完善公开制度规范，加强政府信息管理",
            "加强平台建设，扩展公开渠道",
            "及时回应关切，自觉接受监督"
        ]
    );
    assert!(report.overview.items[1].paragraphs[0]
        .value
        .starts_with("2023年度我局共收到依申请信息公开26件"));
    let problems: Vec<&str> = report
        .problems
        .items
        .iter()
        .map(|i| i.heading.value.as_str())
        .collect();
    assert_eq!(problems, ["存在的主要问题", "整改措施"]);
    assert_eq!(
        report.other_matters.paragraphs[0].value,
        "2023年度，县发展和改革局政府信息公开未发生收费情况。"
    );
    assert_eq!(
        report.signature.as_ref().unwrap().value,
        "沭阳县发展和改革局"
    );
    assert_eq!(report.date.as_ref().unwrap().value, "2024年1月17日");
}

fn strip_pos(p: &Prose) -> Prose {
    let mut p = p.clone();
    for v in &mut p.paragraphs {
        v.pos = None;
    }
    for i in &mut p.items {
        i.heading.pos = None;
        for v in &mut i.paragraphs {
            v.pos = None;
        }
    }
    p
}

// ------------------------------------------------------------ round trips

/// A report with non-zero, distinct figures in every one of the 200 cells
/// (they do not add up: figures are taken as printed), and prose with
/// run-in items, several paragraphs, Latin words, quotes and a long paragraph.
pub(crate) fn stress_yaml() -> String {
    let mut b = String::new();
    let mut n = 100;
    let mut group = None;
    for row in &TABLE_B {
        let cells: Vec<String> = (0..7)
            .map(|_| {
                n += 1;
                n.to_string()
            })
            .collect();
        match row.place {
            BPlace::Item(g) => {
                if group != g.key {
                    group = g.key;
                    b.push_str(&format!("  {}:\n", g.key.unwrap()));
                }
                b.push_str(&format!("    {}: [{}]\n", row.key, cells.join(", ")));
            }
            _ => b.push_str(&format!("  {}: [{}]\n", row.key, cells.join(", "))),
        }
    }
    let long = "全年通过门户网站、政务新媒体和政务服务中心公开各类政府信息，涉及财政预决算、重大建设项目、公共资源配置、社会公益事业建设等重点领域，".repeat(6);
    format!(
        r#"agency: 某某市交通运输局
year: 2025
title:
  - 某某市交通运输局
  - 2025年政府信息公开工作年度报告
overview:
  text: |
    2025年，本局坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。

    第二段总述：依托“某某交通”APP 和 WeChat 公众号发布信息。
  items:
    - heading: 主动公开方面
      text: |
        {long}共公开信息1234条。
    - heading: 依申请公开方面
      text: |
        规范办理流程，按时答复。

        第二段：全年无逾期答复。
    - heading: 政府信息管理方面
      text: 开展规范性文件清理。
proactive:
  rules: {{issued: 1, repealed: 2, in_force: 3}}
  normative_documents: {{issued: 4, repealed: 5, in_force: 6}}
  licensing: 7
  punishment: 8
  coercion: 9
  fees: 10.25
requests:
{b}appeals:
  review: [501, 502, 503, 504, 505]
  direct_suit: [506, 507, 508, 509, 510]
  suit_after_review: [511, 512, 513, 514, 515]
problems:
  items:
    - heading: 存在的主要问题
      text: 政策解读形式较为单一。
    - heading: 改进情况
      text: 丰富解读形式，推出图解和视频解读。
other_matters: |
  本年度未收取信息处理费。

  落实上级年度政务公开工作要点情况：已全部落实。
signature: 某某市交通运输局
date: 2026年1月20日
"#
    )
}

/// Every text of a report as printed, in order: title, lead, each section's
/// paragraphs and items, 落款 and date.
fn texts(r: &Report) -> Vec<String> {
    let (r, unresolved) = gxreport::report::figures::resolve(r.clone(), "");
    assert!(unresolved.is_empty(), "references resolve: {unresolved:#?}");
    let mut out: Vec<String> = r
        .title
        .iter()
        .map(|t| format!("title:{}", t.value))
        .collect();
    out.extend(r.lead.iter().map(|p| format!("lead:{}", p.value)));
    let sections = [
        ("overview", &r.overview),
        ("problems", &r.problems),
        ("other_matters", &r.other_matters),
    ];
    for (name, prose) in sections {
        out.extend(
            prose
                .paragraphs
                .iter()
                .map(|p| format!("{name}:{}", p.value)),
        );
        for item in &prose.items {
            out.push(format!("{name}-heading:{}", item.heading.value));
            out.extend(
                item.paragraphs
                    .iter()
                    .map(|p| format!("{name}-item:{}", p.value)),
            );
        }
    }
    out.extend(r.signature.iter().map(|s| format!("signature:{}", s.value)));
    out.extend(r.date.iter().map(|s| format!("date:{}", s.value)));
    out
}

pub(crate) fn assert_round_trip(original: &Report, imported: &Report) {
    assert_eq!(Figures::of(imported), Figures::of(original), "figures");
    assert_eq!(imported.agency.value, original.agency.value);
    assert_eq!(imported.year.value, original.year.value);
    let (got, want) = (texts(imported), texts(original));
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w, "first text that differs");
    }
    assert_eq!(got.len(), want.len(), "texts: {got:#?}\n{want:#?}");
}

fn pdf_round_trip(original: &Report, name: &str) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, &crate::common::pdf(original));
    let (imported, report) = import(&path);
    assert_round_trip(original, &report);
    imported
}

#[test]
fn our_pdfs_of_the_examples_read_back() {
    for name in ["panzhihua-2024.yaml", "minimal.yaml"] {
        let original = crate::common::load_example(name);
        let imported = pdf_round_trip(&original, &name.replace(".yaml", ".pdf"));
        assert_eq!(imported.figures_read, 200, "{name}");
    }
}

#[test]
fn our_pdf_of_the_stress_report_reads_back() {
    let original = crate::common::load_yaml(&stress_yaml());
    let imported = pdf_round_trip(&original, "stress.pdf");
    assert_eq!(imported.figures_read, 200);
    assert_eq!(imported.figures_blank, 0);
}

// The official tables with their merged cells: rows of (text, rowspan, colspan).
type Span = (String, usize, usize);

fn official_tables(f: &Figures) -> [Vec<Vec<Span>>; 3] {
    let cell = |t: &str, rs: usize, cs: usize| (t.to_string(), rs, cs);
    let mut a = Vec::new();
    let mut figures = f.a.iter();
    for band in &TABLE_A {
        a.push(vec![cell(band.band, 1, 4)]);
        let mut header = vec![cell(A_FIRST_HEADER, 1, 1)];
        match band.headers {
            [one] => header.push(cell(one, 1, 3)),
            many => header.extend(many.iter().map(|h| cell(h, 1, 1))),
        }
        a.push(header);
        for row in band.rows {
            let mut r = vec![cell(row.label, 1, 1)];
            match figures.next().unwrap() {
                AFigure::Documents(v) => r.extend(v.iter().map(|n| cell(&n.to_string(), 1, 1))),
                AFigure::Count(n) => r.push(cell(&n.to_string(), 1, 3)),
                AFigure::Fee(s) => r.push(cell(s, 1, 3)),
            }
            a.push(r);
        }
    }
    let mut b = vec![
        vec![cell(B_CORNER, 3, 3), cell(B_APPLICANTS, 1, 7)],
        vec![
            cell(B_COLUMNS[0].label, 2, 1),
            cell(B_ORGANISATIONS, 1, 5),
            cell(B_COLUMNS[6].label, 2, 1),
        ],
        B_COLUMNS[1..6]
            .iter()
            .map(|c| cell(c.label, 1, 1))
            .collect(),
    ];
    let mut group = None;
    let mut results = false;
    for (row, cells) in TABLE_B.iter().zip(&f.b) {
        let mut r = Vec::new();
        match row.place {
            BPlace::Top => r.push(cell(row.label, 1, 3)),
            BPlace::Result => {
                if !results {
                    results = true;
                    r.push(cell(B_RESULTS.label, 22, 1));
                }
                r.push(cell(row.label, 1, 2));
            }
            BPlace::Item(g) => {
                if group != Some(g.label) {
                    group = Some(g.label);
                    r.push(cell(g.label, gxreport::format::b_group_span(g.label), 1));
                }
                r.push(cell(row.label, 1, 1));
            }
        }
        r.extend(cells.iter().map(|n| cell(&n.to_string(), 1, 1)));
        b.push(r);
    }
    let mut c = vec![
        vec![cell(C_GROUPS[0].label, 1, 5), cell(C_LITIGATION, 1, 10)],
        C_COLUMNS
            .iter()
            .map(|col| cell(col.label, 2, 1))
            .chain([cell(C_GROUPS[1].label, 1, 5), cell(C_GROUPS[2].label, 1, 5)])
            .collect(),
        C_COLUMNS
            .iter()
            .chain(C_COLUMNS.iter())
            .map(|col| cell(col.label, 1, 1))
            .collect(),
    ];
    c.push(
        f.c.iter()
            .flatten()
            .map(|n| cell(&n.to_string(), 1, 1))
            .collect(),
    );
    [a, b, c]
}

/// The report's blocks: paragraphs (with a style) and tables, in print order.
pub(crate) enum Out {
    Para(String, &'static str),
    Table(Vec<Vec<Span>>),
}

pub(crate) fn printed(r: &Report) -> Vec<Out> {
    let (r, _) = gxreport::report::figures::resolve(r.clone(), "");
    let mut out = Vec::new();
    for t in &r.title {
        out.push(Out::Para(t.value.clone(), "title"));
    }
    for p in &r.lead {
        out.push(Out::Para(p.value.clone(), "body"));
    }
    let [a, b, c] = official_tables(&Figures::of(&r));
    let prose = |out: &mut Vec<Out>, p: &Prose| {
        for para in &p.paragraphs {
            out.push(Out::Para(para.value.clone(), "body"));
        }
        for (n, item) in p.items.iter().enumerate() {
            for (k, para) in item.paragraphs.iter().enumerate() {
                let text = if k == 0 {
                    format!(
                        "{}{}{}",
                        item_number(n),
                        run_in_heading(&item.heading.value),
                        para.value
                    )
                } else {
                    para.value.clone()
                };
                out.push(Out::Para(text, "body"));
            }
        }
    };
    out.push(Out::Para(SECTIONS[0].heading.into(), "heading"));
    prose(&mut out, &r.overview);
    out.push(Out::Para(SECTIONS[1].heading.into(), "heading"));
    out.push(Out::Table(a));
    out.push(Out::Para(SECTIONS[2].heading.into(), "heading"));
    out.push(Out::Table(b));
    out.push(Out::Para(SECTIONS[3].heading.into(), "heading"));
    out.push(Out::Table(c));
    out.push(Out::Para(SECTIONS[4].heading.into(), "heading"));
    prose(&mut out, &r.problems);
    out.push(Out::Para(SECTIONS[5].heading.into(), "heading"));
    prose(&mut out, &r.other_matters);
    if let Some(s) = &r.signature {
        out.push(Out::Para(s.value.clone(), "right"));
    }
    if let Some(d) = &r.date {
        out.push(Out::Para(d.value.clone(), "right"));
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The report as a portal page pasted from Word: nested span/font runs,
/// `&nbsp;` indents, `rowspan`/`colspan`, cells with `<p>` inside.
fn html_of(r: &Report) -> String {
    let mut h = String::from("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年报</title><script>var x = '一、总体情况';</script></head><body><div class=\"nav\">首页 &gt; 政府信息公开</div><div class=\"TRS_Editor\">\n");
    for block in printed(r) {
        match block {
            Out::Para(text, style) => {
                let (open, close) = match style {
                    "title" => ("<p align=\"center\" style=\"text-align:center\"><b><span style=\"font-size:22pt\"><font face=\"方正小标宋简体\">", "</font></span></b></p>"),
                    "heading" => ("<p class=\"MsoNormal\" style=\"text-indent:2em\"><span style=\"font-family:黑体\">&nbsp;&nbsp;", "</span></p>"),
                    "right" => ("<p style=\"text-align:right\"><span>", "</span></p>"),
                    _ => ("<p class=\"MsoNormal\" style=\"text-indent:32pt\"><span lang=\"EN-US\">&nbsp;</span><span style=\"font-family:仿宋_GB2312\"><font>", "</font></span></p>"),
                };
                // Word splits runs mid-sentence.
                let mid = text
                    .char_indices()
                    .nth(text.chars().count() / 2)
                    .map_or(0, |(i, _)| i);
                h.push_str(&format!(
                    "{open}{}</font></span><span style=\"font-family:仿宋_GB2312\"><font>{}{close}\n",
                    escape(&text[..mid]),
                    escape(&text[mid..])
                ));
            }
            Out::Table(rows) => {
                h.push_str("<table border=\"1\" cellspacing=\"0\"><tbody>\n");
                for row in rows {
                    h.push_str("<tr>");
                    for (text, rs, cs) in row {
                        let mut attrs = String::new();
                        if rs > 1 {
                            attrs.push_str(&format!(" rowspan=\"{rs}\""));
                        }
                        if cs > 1 {
                            attrs.push_str(&format!(" colspan={cs}"));
                        }
                        h.push_str(&format!(
                            "<td{attrs} valign=\"center\"><p class=\"MsoNormal\" align=\"center\"><span style=\"font-size:9pt\">{}</span></p></td>",
                            escape(&text)
                        ));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody></table>\n");
            }
        }
    }
    h.push_str("</div><div class=\"footer\"><p>【打印本页】【关闭窗口】</p></div></body></html>\n");
    h
}

#[test]
fn portal_pages_of_the_examples_and_the_stress_report_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let reports = [
        (
            "panzhihua.html",
            crate::common::load_example("panzhihua-2024.yaml"),
        ),
        ("stress.html", crate::common::load_yaml(&stress_yaml())),
    ];
    for (name, original) in reports {
        let path = write(dir.path(), name, html_of(&original).as_bytes());
        let (imported, report) = import(&path);
        assert_round_trip(&original, &report);
        assert_eq!(imported.figures_read, 200, "{name}");
    }
}

/// A `.docx` with the official merged cells (`w:gridSpan`, `w:vMerge`),
/// written with the zip crate as Word lays out its package.
pub(super) fn docx_of(r: &Report) -> Vec<u8> {
    docx_with(r, false)
}

/// With `numbered`, the six section headings are a Word numbered list
/// (“一、” comes from `word/numbering.xml`, not from the text).
fn docx_with(r: &Report, numbered: bool) -> Vec<u8> {
    let esc = |s: &str| escape(s).replace('"', "&quot;");
    let run = |t: &str| {
        format!("<w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(t))
    };
    let mut body = String::new();
    for block in printed(r) {
        match block {
            Out::Para(text, style) => {
                let jc = match style {
                    "title" => "<w:pPr><w:jc w:val=\"center\"/></w:pPr>",
                    "right" => "<w:pPr><w:jc w:val=\"right\"/></w:pPr>",
                    _ => "<w:pPr><w:ind w:firstLineChars=\"200\"/></w:pPr>",
                };
                let (jc, text) = if numbered && style == "heading" {
                    let body: String = text.chars().skip(2).collect();
                    ("<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>", body)
                } else {
                    (jc, text)
                };
                let mid = text
                    .char_indices()
                    .nth(text.chars().count() / 3)
                    .map_or(0, |(i, _)| i);
                body.push_str(&format!(
                    "<w:p>{jc}{}{}</w:p>",
                    run(&text[..mid]),
                    run(&text[mid..])
                ));
            }
            Out::Table(rows) => {
                // Lay the spans out on a grid to know where vMerge continues.
                let width: usize = rows[0].iter().map(|c| c.2).sum();
                let mut grid: Vec<Vec<Option<(usize, usize, bool)>>> =
                    vec![vec![None; width]; rows.len()];
                let mut cells = Vec::new();
                for (ri, row) in rows.iter().enumerate() {
                    let mut c = 0;
                    for (text, rs, cs) in row {
                        while grid[ri][c].is_some() {
                            c += 1;
                        }
                        let id = cells.len();
                        cells.push((text.clone(), *rs, *cs));
                        for (k, line) in grid.iter_mut().skip(ri).take(*rs).enumerate() {
                            for slot in line.iter_mut().skip(c).take(*cs) {
                                *slot = Some((id, *cs, k == 0));
                            }
                        }
                        c += cs;
                    }
                }
                // Word's “Table Grid”: full width, every border single.
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>");
                for _ in 0..width {
                    body.push_str("<w:gridCol w:w=\"600\"/>");
                }
                body.push_str("</w:tblGrid>");
                for line in &grid {
                    body.push_str("<w:tr>");
                    let mut c = 0;
                    while c < width {
                        let (id, cs, first) = line[c].unwrap();
                        let (text, rs, _) = &cells[id];
                        let mut pr = format!("<w:tcW w:w=\"{}\" w:type=\"dxa\"/>", 600 * cs);
                        if cs > 1 {
                            pr.push_str(&format!("<w:gridSpan w:val=\"{cs}\"/>"));
                        }
                        if *rs > 1 {
                            pr.push_str(if first {
                                "<w:vMerge w:val=\"restart\"/>"
                            } else {
                                "<w:vMerge/>"
                            });
                        }
                        let content = if first { run(text) } else { String::new() };
                        body.push_str(&format!(
                            "<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{content}</w:p></w:tc>"
                        ));
                        c += cs;
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let document = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let files = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_string()),
        ("word/document.xml", document),
        ("word/numbering.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl></w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>".to_string()),
    ];
    for (name, text) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn word_documents_of_the_examples_and_the_stress_report_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let reports = [
        (
            "panzhihua.docx",
            crate::common::load_example("panzhihua-2024.yaml"),
        ),
        ("minimal.docx", crate::common::load_example("minimal.yaml")),
        ("stress.docx", crate::common::load_yaml(&stress_yaml())),
    ];
    for (name, original) in reports {
        let path = write(dir.path(), name, &docx_of(&original));
        let (imported, report) = import(&path);
        assert_round_trip(&original, &report);
        assert_eq!(imported.figures_read, 200, "{name}");
    }
}

// ------------------------------------------------------------ variants

#[test]
fn the_old_single_other_handling_row_is_read_as_3_other_with_a_warning() {
    let text = std::fs::read_to_string(fixture("panzhihua-2024-report.txt")).unwrap();
    let start = text.find("| | (六) 其他处理").unwrap();
    let end = text.find("| (七) 总计").unwrap();
    let old = text[..start].to_string()
        + "| | (六) 其他处理 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n"
        + &text[end..];
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "old-row.txt", old.as_bytes());
    let (imported, report) = import(&path);
    let f = Figures::of(&report);
    assert_eq!(f.b[gxreport::format::document::b_row("other")][0], 4);
    assert_eq!(
        f.b[gxreport::format::document::b_row("no_correction")][0],
        0
    );
    let warning = imported
        .notes
        .iter()
        .find(|n| n.message.contains("旧格式"))
        .expect("a warning for the old row");
    assert!(
        warning
            .message
            .contains("“（六）其他处理”，已按“3.其他”读入"),
        "{}",
        warning.message
    );
    assert!(
        warning.message.contains("行"),
        "names the row: {}",
        warning.message
    );
}

#[test]
fn a_2019_format_report_is_refused() {
    let text = std::fs::read_to_string(fixture("panzhihua-2024-report.txt")).unwrap();
    let old = text.replace(
        "| 信息内容 | 本年制发件数 | 本年度止件数 | 现行有效件数 |",
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "2019.txt", old.as_bytes());
    let message = errors(import::read(&path));
    assert!(
        message.contains("这是 2019 年格式（国办公开办函〔2019〕60号）的报告：表中印有“本年新制作数量”，不能导入。"),
        "{message}"
    );
}

#[test]
fn a_figure_that_cannot_be_placed_is_an_error_not_a_guess() {
    let text = std::fs::read_to_string(fixture("panzhihua-2024-report.txt")).unwrap();
    // 8 numbers in a row of 7 columns: which one is extra cannot be known.
    let bad = text.replace(
        "| | | 2. 重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "| | | 2. 重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 5 |",
    );
    assert_ne!(bad, text);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "extra.txt", bad.as_bytes());
    let message = errors(import::read(&path));
    assert!(message.contains("表三“2.重复申请”"), "{message}");
    assert!(message.contains("无法确定数字属于哪一栏"), "{message}");
}

// ------------------------------------------------------------ broken inputs

#[test]
fn an_encrypted_pdf_gets_a_clear_error() {
    use pdf_extract::{EncryptionState, EncryptionVersion, Permissions};
    let bytes = crate::common::pdf(&crate::common::load_example("minimal.yaml"));
    let mut doc = pdf_extract::Document::load_mem(&bytes).unwrap();
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "encrypted.pdf", &out);
    let message = errors(import::read(&path));
    assert!(
        message.contains("PDF 已加密（设有打开密码），无法读取其中的文字。"),
        "{message}"
    );
}

/// A one-page PDF holding only an image, as a scanner makes it.
fn scanned_pdf() -> Vec<u8> {
    use pdf_extract::{dictionary, Object, Stream};
    let mut doc = pdf_extract::Document::with_version("1.5");
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"q 595 0 0 842 0 0 cm /Im0 Do Q".to_vec(),
    ));
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_scanned_pdf_without_text_asks_for_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "scan.pdf", &scanned_pdf());
    let message = errors(import::read(&path));
    assert!(
        message.contains("这份 PDF 没有文字层：它是扫描得到的图像，请先做文字识别（OCR）再导入。"),
        "{message}"
    );
}

#[test]
fn a_word_document_that_is_not_a_report_is_refused() {
    let mut minutes = crate::common::load_yaml("agency: 某某局\nyear: 2025\noverview: 会议纪要\n");
    minutes.title = Vec::new();
    let bytes = docx_of(&minutes);
    // Keep only the paragraphs of a meeting's minutes: no headings, no tables.
    let text = "<w:p><w:r><w:t>关于召开安全生产工作会议的通知</w:t></w:r></w:p><w:p><w:r><w:t>各科室：定于下周一召开会议。</w:t></w:r></w:p>";
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let start = xml.find("<w:body>").unwrap() + "<w:body>".len();
    let end = xml.find("<w:sectPr/>").unwrap();
    let xml = format!("{}{text}{}", &xml[..start], &xml[end..]);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    out.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(xml.as_bytes()).unwrap();
    let bytes = out.finish().unwrap().into_inner();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "notice.docx", &bytes);
    let message = errors(import::read(&path));
    assert!(
        message
            .contains("找不到“一、总体情况”等六个部分的标题，这似乎不是政府信息公开工作年度报告。"),
        "{message}"
    );
    // A zip that is not a Word document at all.
    let mut other = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    other
        .start_file("data.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    other.write_all(b"a,b\n").unwrap();
    let path = write(
        dir.path(),
        "data.docx",
        &other.finish().unwrap().into_inner(),
    );
    let message = errors(import::read(&path));
    assert!(
        message.contains("文件不是 Word 文档：压缩包中没有 word/document.xml。"),
        "{message}"
    );
}

#[test]
fn a_page_with_two_reports_is_refused() {
    let page = std::fs::read_to_string(fixture("shuyang-fgj-2023.html")).unwrap();
    let body_start = page.find("<article>").unwrap();
    let body_end = page.find("</article>").unwrap() + "</article>".len();
    let twice = format!(
        "{}{}{}",
        &page[..body_end],
        &page[body_start..body_end],
        &page[body_end..]
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "two.html", twice.as_bytes());
    let message = errors(import::read(&path));
    assert!(
        message.contains("文件中有不止一份报告（表二出现 2 次，表四出现 2 次）。"),
        "{message}"
    );
}

#[test]
fn truncated_files_get_a_clear_error_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let original = crate::common::load_example("panzhihua-2024.yaml");
    let pdf = crate::common::pdf(&original);
    let path = write(dir.path(), "cut.pdf", &pdf[..pdf.len() / 2]);
    let message = errors(import::read(&path));
    assert!(message.contains("PDF 文件已损坏或不完整"), "{message}");

    let docx = docx_of(&original);
    let path = write(dir.path(), "cut.docx", &docx[..docx.len() / 2]);
    let message = errors(import::read(&path));
    assert!(
        message.contains("文件不是完整的 Word 文档（.docx 压缩包已损坏或被截断）。"),
        "{message}"
    );

    // A page cut off after Table B: what is missing is named, nothing guessed.
    let page = std::fs::read_to_string(fixture("shuyang-fgj-2023.html")).unwrap();
    let cut = &page.as_bytes()[..page.find("四、政府信息公开行政复议").unwrap() + 3];
    let path = write(dir.path(), "cut.html", cut);
    let message = errors(import::read(&path));
    assert!(message.contains("表四“行政复议”"), "{message}");
    assert!(message.contains("没有找到"), "{message}");

    // Every prefix of a small page: an answer, never a panic.
    let small = html_of(&crate::common::load_example("minimal.yaml"));
    for n in (0..small.len()).step_by(997) {
        let path = write(dir.path(), "prefix.html", &small.as_bytes()[..n]);
        let _ = import::read(&path);
    }
    let path = write(dir.path(), "empty.pdf", b"");
    assert!(errors(import::read(&path)).contains("文件是空的"));
}

#[test]
fn the_command_writes_yaml_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let input = fixture("shuyang-fgj-2023.html");
    let out = crate::common::gx(
        &["import", input.to_str().unwrap(), "-o", "数据.yaml"],
        dir.path(),
    );
    let err = crate::common::stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "warnings for blank cells: {err}"
    );
    assert!(
        err.contains("读入表格中 200 个数字里的 75 个（125 个印为空白，按 0 填写）"),
        "{err}"
    );
    let yaml = std::fs::read_to_string(dir.path().join("数据.yaml")).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema=gxreport.schema.json\n"));
    let check = crate::common::gx(&["check", "数据.yaml"], dir.path());
    assert_ne!(
        check.status.code(),
        Some(2),
        "{}",
        crate::common::stderr(&check)
    );
    // No overwrite without --force.
    let again = crate::common::gx(
        &["import", input.to_str().unwrap(), "-o", "数据.yaml"],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(crate::common::stderr(&again).contains("已存在"));
}

/// Print an HTML file to PDF with headless Chromium (Debian's chromium, as
/// the preview tests use): a PDF made by another engine than ours, with
/// ragged lines, tables split across pages and fonts whose ToUnicode maps
/// give Kangxi radicals (⾏ for 行).
fn chromium_pdf(html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let mut fonts_conf = crate::common::chromium();
    let out = fonts_conf
        .0
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .output()
        .expect("chromium (Debian package) must be installed");
    assert!(
        pdf.exists(),
        "chromium printed nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_browsers_pdf_of_the_portal_page_reads_as_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("shuyang.pdf");
    chromium_pdf(&fixture("shuyang-fgj-2023.html"), &pdf);
    let (imported, report) = import(&pdf);
    let (_, page) = import(&fixture("shuyang-fgj-2023.html"));
    assert_round_trip(&page, &report);
    assert_eq!((imported.figures_read, imported.figures_blank), (75, 125));
    // Table B runs over three pages without its header: said once per page.
    assert!(imported
        .notes
        .iter()
        .any(|n| n.message.contains("各行的 7 个数字按官方栏目顺序")));
}

#[test]
fn a_browsers_pdf_of_the_stress_report_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let original = crate::common::load_yaml(&stress_yaml());
    let html = write(dir.path(), "stress.html", html_of(&original).as_bytes());
    let pdf = dir.path().join("stress.pdf");
    chromium_pdf(&html, &pdf);
    let (imported, report) = import(&pdf);
    assert_round_trip(&original, &report);
    assert_eq!(imported.figures_read, 200);
}

#[test]
fn a_number_outside_every_official_column_is_an_error() {
    let page = std::fs::read_to_string(fixture("shuyang-fgj-2023.html")).unwrap();
    let at = page.find("重复申请</font>").unwrap();
    let end = at + page[at..].find("</tr>").unwrap();
    let bad = format!("{}<td>5</td>{}", &page[..end], &page[end..]);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "extra-column.html", bad.as_bytes());
    let message = errors(import::read(&path));
    assert!(
        message.contains(
            "表三“2.重复申请”（第3个表格第20行）：还印有数字“5”，不在官方格式的任何一栏中。"
        ),
        "{message}"
    );
}

/// The report as a browser copies a page: a line per paragraph, a line per
/// table row with the cells it starts separated by tabs (cells spanning
/// down from a row above are not repeated).
fn copied_text(r: &Report) -> String {
    let mut out = String::new();
    for block in printed(r) {
        match block {
            Out::Para(text, _) => {
                out.push_str(&text);
                out.push('\n');
            }
            Out::Table(rows) => {
                for row in rows {
                    let cells: Vec<String> = row.into_iter().map(|(text, _, _)| text).collect();
                    out.push_str(&cells.join("\t"));
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn text_copied_from_a_page_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let original = crate::common::load_yaml(&stress_yaml());
    let path = write(dir.path(), "copied.txt", copied_text(&original).as_bytes());
    let (imported, report) = import(&path);
    assert_round_trip(&original, &report);
    assert_eq!(imported.figures_read, 200);
    // Spans are lost in a copy: Tables B and C are read in the official column order, and said so.
    let said: Vec<&str> = imported.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(
        said.iter()
            .any(|m| m.contains("表三") && m.contains("按官方栏目顺序")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|m| m.contains("表四") && m.contains("按官方栏目顺序")),
        "{said:?}"
    );
}

#[test]
fn word_list_numbering_gives_the_section_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let original = crate::common::load_example("panzhihua-2024.yaml");
    let path = write(dir.path(), "numbered.docx", &docx_with(&original, true));
    let (_, report) = import(&path);
    assert_round_trip(&original, &report);
}

#[test]
fn damaged_pdfs_and_word_files_get_an_answer_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let original = crate::common::load_example("panzhihua-2024.yaml");
    let inputs = [
        ("d.pdf", crate::common::pdf(&original)),
        ("d.docx", docx_of(&original)),
    ];
    for (name, bytes) in inputs {
        for tenth in 1..10 {
            let cut = &bytes[..bytes.len() * tenth / 10];
            let path = write(dir.path(), name, cut);
            let _ = import::read(&path);
        }
        // Bytes overwritten here and there (a bad sector, a bad copy).
        for step in [97, 1009, 7919] {
            let mut damaged = bytes.clone();
            for i in (step..damaged.len()).step_by(step * 13) {
                damaged[i] ^= 0x5a;
            }
            let path = write(dir.path(), name, &damaged);
            let _ = import::read(&path);
        }
    }
}

/// Published reports are inputs wherever a report is read: `check` (also a
/// folder of them), `check --previous`, `init --from` and `aggregate`.
#[test]
fn published_reports_are_read_wherever_a_report_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let gx = |args: &[&str]| crate::common::gx(args, d);
    let minimal = crate::common::example("minimal.yaml");
    let text = std::fs::read_to_string(&minimal).unwrap();
    std::fs::create_dir(d.join("units")).unwrap();
    std::fs::write(d.join("units/a.yaml"), &text).unwrap();
    // Unit b exists only as its published PDF.
    std::fs::write(
        d.join("b.yaml"),
        text.replace("某某县档案馆", "某某县统计局"),
    )
    .unwrap();
    let out = gx(&["build", "b.yaml", "-o", "units/b.pdf", "--no-system-fonts"]);
    assert!(out.status.success(), "{}", crate::common::stderr(&out));

    let out = gx(&["check", "units/b.pdf", "--no-system-fonts"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        crate::common::stderr(&out)
    );
    let out = gx(&["check", "units", "--no-system-fonts"]);
    let err = crate::common::stderr(&out);
    assert!(
        err.contains("units/a.yaml：检查完毕") && err.contains("units/b.pdf：检查完毕"),
        "{err}"
    );

    let out = gx(&["init", "--from", "units/b.pdf", "-o", "next.yaml"]);
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    let next = gxreport::report::load::load_file(&d.join("next.yaml")).unwrap();
    assert_eq!(next.agency.value, "某某县统计局");
    assert_eq!(next.year.value, 2026);

    let out = gx(&[
        "check",
        "next.yaml",
        "--previous",
        "units/b.pdf",
        "--no-system-fonts",
    ]);
    assert!(
        !crate::common::stderr(&out).contains("W-PREVIOUS"),
        "{}",
        crate::common::stderr(&out)
    );

    let out = gx(&[
        "aggregate",
        "units",
        "-o",
        "汇总.yaml",
        "--agency",
        "某某县",
    ]);
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    assert!(
        crate::common::stderr(&out).contains("已汇总 2 个单位"),
        "{}",
        crate::common::stderr(&out)
    );
}

/// A 公开办's audit: a folder of YAML and published reports checked together,
/// with a row per report as a table, the last JSON line and a CSV.
#[test]
fn a_folder_of_published_reports_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("units")).unwrap();
    let root = crate::common::root();
    std::fs::copy(root.join("examples/minimal.yaml"), d.join("units/a.yaml")).unwrap();
    std::fs::copy(
        root.join("tests/bad/r1-sources-not-results.yaml"),
        d.join("units/b.yaml"),
    )
    .unwrap();
    std::fs::copy(
        crate::common::shared("reference/shuyang-fgj-2023.html"),
        d.join("units/c.html"),
    )
    .unwrap();
    let out = crate::common::gx(
        &["check", "units", "--csv", "audit.csv", "--no-system-fonts"],
        d,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = crate::common::stderr(&out);
    assert!(err.contains("共 3 份报告："), "{err}");
    // Columns line up on a terminal: each starts at the same display column.
    let table: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.starts_with("共 3 份报告"))
        .skip(1)
        .take(4)
        .collect();
    assert!(table[1..].iter().all(|l| l.starts_with("units/")), "{err}");
    assert!(
        table[0].starts_with("文件") && table[0].contains("机关名称"),
        "{err}"
    );
    let b = table.iter().find(|l| l.contains("units/b.yaml")).unwrap();
    let words: Vec<&str> = b.split_whitespace().collect();
    assert_eq!(
        words[1..],
        ["某局", "2025", "1", "0", "R1×1", "不能"],
        "{err}"
    );
    let column = |line: &str, word: &str| {
        unicode_width::UnicodeWidthStr::width(&line[..line.find(word).unwrap()])
    };
    assert_eq!(column(table[0], "年度"), column(b, "2025"), "{err}");
    assert_eq!(column(table[0], "能否生成"), column(b, "不能"), "{err}");
    let csv = std::fs::read_to_string(d.join("audit.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("units/c.html,沭阳县发展和改革局,2023,0,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let out = crate::common::gx(
        &[
            "check",
            "units",
            "--message-format",
            "json",
            "--no-system-fonts",
        ],
        d,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let reports = last["summary"]["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[1]["by_rule"]["R1"], 1);
    assert_eq!(reports[1]["buildable"], false);
    assert_eq!(last["summary"]["exit"], 2);
}

/// The Word documents behind `tests/fixtures/import/libreoffice-*.pdf`
/// (see the README there): `cargo test -- --ignored write_word_documents`
/// writes them to $GX_DOCX_DIR, then LibreOffice prints them to PDF.
#[test]
#[ignore]
fn write_word_documents() {
    let dir = std::path::PathBuf::from(std::env::var("GX_DOCX_DIR").unwrap_or("/tmp".into()));
    let stress = crate::common::load_yaml(&stress_yaml());
    let panzhihua = crate::common::load_example("panzhihua-2024.yaml");
    std::fs::write(
        dir.join("libreoffice-panzhihua.docx"),
        docx_with(&panzhihua, false),
    )
    .unwrap();
    std::fs::write(
        dir.join("libreoffice-panzhihua-numbered.docx"),
        docx_with(&panzhihua, true),
    )
    .unwrap();
    std::fs::write(dir.join("libreoffice-stress.docx"), docx_of(&stress)).unwrap();
}

/// PDFs of Word documents as LibreOffice 7.4 prints them (a word processor's
/// PDF, not ours or a browser's): tables run over pages, a row and a header
/// row are split by a page break, Table C's header and figures fall on two
/// pages, and in one the section numbers of a Word list did not print.
/// Every figure and every text reads back.
#[test]
fn word_processor_pdfs_read_back() {
    let panzhihua = crate::common::load_example("panzhihua-2024.yaml");
    let stress = crate::common::load_yaml(&stress_yaml());
    for (name, original) in [
        ("libreoffice-panzhihua.pdf", &panzhihua),
        ("libreoffice-panzhihua-numbered.pdf", &panzhihua),
        ("libreoffice-stress.pdf", &stress),
    ] {
        let (imported, report) = import(&fixture(name));
        assert_eq!(imported.figures_read, 200, "{name}");
        assert!(imported.notes.is_empty(), "{name}: {:#?}", imported.notes);
        assert_round_trip(original, &report);
    }
}
