//! Drafting in Word (issue 25) and the real WPS template (issue 21): the
//! official template as a real user typed it in WPS, in
//! `../shared/reference/published/`, blank and filled in by these tests the
//! way a clerk fills it — figures typed into each cell's paragraph after any
//! spaces already there, text over the template's “（文字描述）”.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::{gx, load_example, stderr};
use crate::import::{printed, Out};
use gxreport::import;
use gxreport::report::load;
use gxreport::report::values::Figures;
use gxreport::report::Report;

fn shared(name: &str) -> PathBuf {
    crate::common::shared(&format!("reference/published/{name}"))
}

const TEMPLATE: &str = "official-template-blank-wps.docx";

/// The shared WPS template's bytes.
fn wps_template() -> Vec<u8> {
    std::fs::read(shared(TEMPLATE)).unwrap()
}

/// A template's `word/document.xml`.
fn template_xml(bytes: &[u8]) -> String {
    let bytes = bytes.to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// A template with its `word/document.xml` replaced by `xml`.
fn template_with(bytes: &[u8], xml: &str) -> Vec<u8> {
    crate::unseen::docx_with_body(bytes, |_| xml.to_string(), &[])
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The text of the runs of an XML fragment.
fn text_of(xml: &str) -> String {
    let re = regex::Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").unwrap();
    re.captures_iter(xml).map(|c| c[1].to_string()).collect()
}

/// The template's figure cells in document order: the cells with no text
/// (or only spaces) that do not continue a vertical merge. The official
/// template has exactly the 200 figures of the format there, in the order
/// of [`Figures::cells`].
fn figure_cells(xml: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = xml[at..].find("<w:tc>").map(|i| i + at) {
        let end = xml[start..].find("</w:tc>").unwrap() + start + "</w:tc>".len();
        let cell = &xml[start..end];
        let continues = cell.contains("<w:vMerge") && !cell.contains("w:val=\"restart\"");
        let empty = text_of(cell).chars().all(|c| c == ' ' || c == '\u{3000}');
        if empty && !continues {
            out.push(start..end);
        }
        at = end;
    }
    out
}

/// Type `figures[i]` (None: leave it) into the i-th figure cell, after what
/// the cell's paragraph already holds.
fn fill_cells(xml: &str, figures: &[Option<String>]) -> String {
    let cells = figure_cells(xml);
    assert_eq!(cells.len(), 200, "the template has 200 figure cells");
    let mut out = String::new();
    let mut at = 0;
    for (range, figure) in cells.into_iter().zip(figures) {
        out.push_str(&xml[at..range.start]);
        let cell = &xml[range.clone()];
        match figure {
            Some(f) => {
                let p = cell.rfind("</w:p>").unwrap();
                out.push_str(&cell[..p]);
                out.push_str(&format!("<w:r><w:t>{}</w:t></w:r>", esc(f)));
                out.push_str(&cell[p..]);
            }
            None => out.push_str(cell),
        }
        at = range.end;
    }
    out.push_str(&xml[at..]);
    out
}

/// The whole paragraph holding the `n`-th run whose text is `text`.
fn paragraph_of(xml: &str, text: &str, n: usize) -> std::ops::Range<usize> {
    let needle = format!(">{text}</w:t>");
    let hit = xml
        .match_indices(&needle)
        .nth(n)
        .expect("text in template")
        .0;
    let start = [xml[..hit].rfind("<w:p "), xml[..hit].rfind("<w:p>")]
        .into_iter()
        .flatten()
        .max()
        .unwrap();
    let end = xml[hit..].find("</w:p>").unwrap() + hit + "</w:p>".len();
    start..end
}

/// Paragraphs as a clerk types them in WPS: the placeholder paragraph's
/// properties kept, one paragraph per Enter.
fn typed(model: &str, texts: &[String], jc: Option<&str>) -> String {
    let ppr_end = model.find("</w:pPr>").unwrap() + "</w:pPr>".len();
    let mut ppr = model[model.find("<w:pPr>").unwrap()..ppr_end].to_string();
    if let Some(jc) = jc {
        let re = regex::Regex::new(r#"<w:jc w:val="[a-z]+"/>"#).unwrap();
        ppr = re
            .replace(&ppr, format!(r#"<w:jc w:val="{jc}"/>"#).as_str())
            .into_owned();
    }
    texts
        .iter()
        .map(|t| {
            format!(
                "<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(t)
            )
        })
        .collect()
}

fn replace_paragraph(xml: &str, text: &str, n: usize, by: &[String], jc: Option<&str>) -> String {
    let r = paragraph_of(xml, text, n);
    let new = typed(&xml[r.clone()], by, jc);
    format!("{}{}{}", &xml[..r.start], new, &xml[r.end..])
}

/// What a report prints in each part, as the test types it.
struct Parts {
    title: Vec<String>,
    lead: Vec<String>,
    sections: [Vec<String>; 6],
    closing: Vec<String>,
}

fn parts(r: &Report) -> Parts {
    let mut p = Parts {
        title: Vec::new(),
        lead: Vec::new(),
        sections: Default::default(),
        closing: Vec::new(),
    };
    let mut section: Option<usize> = None;
    for block in printed(r) {
        match block {
            Out::Para(t, "title") => p.title.push(t),
            Out::Para(_, "heading") => section = Some(section.map_or(0, |s| s + 1)),
            Out::Para(t, "right") => p.closing.push(t),
            Out::Para(t, _) => match section {
                None => p.lead.push(t),
                Some(s) => p.sections[s].push(t),
            },
            Out::Table(_) => {}
        }
    }
    p
}

/// The template filled with `r` as a clerk types it; `figure` may leave a
/// cell empty (None) and `keep` leaves a section's placeholder (0, 4 or 5).
fn filled(r: &Report, figure: impl Fn(usize, String) -> Option<String>, keep: &[usize]) -> Vec<u8> {
    filled_from(&wps_template(), r, figure, keep)
}

/// [`filled`] for any template: the official one's title is retyped; the
/// title gxreport's own template already has is kept and its lead retyped.
fn filled_from(
    template: &[u8],
    r: &Report,
    figure: impl Fn(usize, String) -> Option<String>,
    keep: &[usize],
) -> Vec<u8> {
    let p = parts(r);
    let cells: Vec<Option<String>> =
        Figures::of(&gxreport::report::figures::resolve(r.clone(), "").0)
            .cells()
            .into_iter()
            .enumerate()
            .map(|(i, f)| figure(i, f))
            .collect();
    let mut xml = fill_cells(&template_xml(template), &cells);
    // Section 六 first: its placeholder is the last one.
    if !keep.contains(&5) {
        let six = p.sections[5].clone();
        xml = replace_paragraph(
            &xml,
            "（文字描述，收取信息处理费情况在此处报告。）",
            0,
            &six,
            None,
        );
        // The 落款 and date after 六, set right as a clerk does.
        let r = paragraph_of(&xml, &esc(six.last().unwrap()), 0);
        let tail = typed(&xml[r.clone()], &p.closing, Some("right"));
        xml.insert_str(r.end, &tail);
    }
    if !keep.contains(&4) {
        xml = replace_paragraph(&xml, "（文字描述）", 1, &p.sections[4], None);
    }
    if !keep.contains(&0) {
        xml = replace_paragraph(&xml, "（文字描述）", 0, &p.sections[0], None);
    }
    const OFFICIAL_TITLE: &str = "政府信息公开工作年度报告格式模板";
    if xml.contains(&format!(">{OFFICIAL_TITLE}<")) {
        // The title retyped (Enter between its lines), the lead below it.
        let mut head = p.title.clone();
        let n_title = head.len();
        head.extend(p.lead.iter().cloned());
        let r = paragraph_of(&xml, OFFICIAL_TITLE, 0);
        let model = xml[r.clone()].to_string();
        let mut new = typed(&model, &head[..n_title], None);
        new.push_str(&typed(&model, &head[n_title..], Some("both")));
        xml = format!("{}{}{}", &xml[..r.start], new, &xml[r.end..]);
    } else {
        let lead = gxreport::format::DEFAULT_LEAD.replace("{year}", &r.year.value.to_string());
        xml = replace_paragraph(&xml, &esc(&lead), 0, &p.lead, None);
    }
    template_with(template, &xml)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Findings lines (错误/警告) of a run's stderr.
fn findings(err: &str) -> Vec<String> {
    err.lines()
        .filter(|l| l.starts_with("错误[") || l.starts_with("警告["))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_real_wps_pdf_of_a_city_government_imports_whole() {
    let path = shared("huaian-city-2024-wps.pdf");
    let imported = import::read(&path).expect("the WPS PDF imports");
    eprintln!(
        "huaian-city-2024-wps.pdf: {} figures read, {} blank, {} ms",
        imported.figures_read, imported.figures_blank, imported.millis
    );
    assert_eq!(imported.figures_read, 200);
    assert_eq!(imported.figures_blank, 0);
    assert!(imported.notes.is_empty(), "{:#?}", imported.notes);
    let r = load::load_str(&imported.yaml, "huaian.yaml").unwrap();
    assert_eq!(r.agency.value, "淮安市人民政府");
    assert_eq!(r.year.value, 2024);
    // Every paragraph: the summary and five run-in items of 一, the two of
    // 五 and the one of 六, each whole (first and last characters).
    assert_eq!(r.overview.paragraphs.len(), 1);
    let headings: Vec<&str> = r
        .overview
        .items
        .iter()
        .map(|i| i.heading.value.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "主动公开情况",
            "依申请公开情况",
            "政府信息管理情况",
            "政府信息公开平台建设情况",
            "政府信息公开监督保障情况"
        ]
    );
    assert!(r.overview.items.iter().all(|i| i.paragraphs.len() == 1));
    let last = &r.overview.items[4].paragraphs[0].value;
    assert!(
        last.starts_with("根据省政务公开年度和季度监测指标"),
        "{last}"
    );
    assert!(
        last.ends_with("不断提高全市政务公开工作人员的工作能力和水平。"),
        "{last}"
    );
    assert_eq!(r.problems.paragraphs.len(), 2);
    assert!(r.problems.paragraphs[1].value.ends_with("增强队伍凝聚力。"));
    assert_eq!(r.other_matters.paragraphs.len(), 1);
    assert!(r.other_matters.paragraphs[0]
        .value
        .contains("全年收取政府信息公开信息处理费3940元"));
    // The table broken inside “（四）无法提供” and its one-character-per-line
    // side label: the rows under it carry their figures.
    let f = Figures::of(&r);
    let b = |label: &str| {
        let i = gxreport::format::TABLE_B
            .iter()
            .position(|row| row.label == label)
            .unwrap();
        f.b[i]
    };
    assert_eq!(b("1.本机关不掌握相关政府信息"), [746, 12, 0, 0, 10, 1, 769]);
    assert_eq!(b("2.其他法律行政法规禁止公开"), [30, 1, 0, 0, 0, 0, 31]);
    assert_eq!(
        f.c,
        [[72, 64, 178, 37, 351], [13, 4, 8, 1, 26], [12, 1, 1, 6, 20]]
    );
    // And every 勾稽 rule holds, as the publisher's did.
    let dir = tempfile::tempdir().unwrap();
    let check = gx(&["check", path.to_str().unwrap()], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn the_blank_official_template_is_named_as_a_blank_template() {
    let dir = tempfile::tempdir().unwrap();
    let path = shared(TEMPLATE);
    let out = gx(&["check", path.to_str().unwrap()], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(
        findings(&err),
        ["错误[E-IMPORT]: 这是没有填写的年度报告格式模板：标题没有机关名称和年度，表格中没有数字，正文仍是“（文字描述）”。"],
        "{err}"
    );
    assert!(
        err.contains("请在模板中填写标题（如“××局2025年政府信息公开工作年度报告”）、各部分文字和表格数字后再检查"),
        "{err}"
    );
}

#[test]
fn the_template_filled_by_a_clerk_imports_whole_and_builds_the_same_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let example = load_example("panzhihua-2024.yaml");
    let docx = write(
        dir.path(),
        "报告.docx",
        &filled(&example, |_, f| Some(f), &[]),
    );
    let imported = import::read(&docx).expect("the filled template imports");
    assert_eq!(imported.figures_read, 200);
    assert!(imported.notes.is_empty(), "{:#?}", imported.notes);
    let got = load::load_str(&imported.yaml, "x.yaml").unwrap();
    crate::import::assert_round_trip(&example, &got);

    let check = gx(&["check", "报告.docx"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let from_word = gx(&["build", "报告.docx", "-o", "word.pdf"], dir.path());
    assert!(from_word.status.success(), "{}", stderr(&from_word));
    let yaml = crate::common::example("panzhihua-2024.yaml");
    let from_yaml = gx(
        &["build", yaml.to_str().unwrap(), "-o", "yaml.pdf"],
        dir.path(),
    );
    assert!(from_yaml.status.success(), "{}", stderr(&from_yaml));
    let text = |name: &str| crate::common::pdf_text(&std::fs::read(dir.path().join(name)).unwrap());
    assert_eq!(text("word.pdf"), text("yaml.pdf"));
    // And the portal page, from the same Word file.
    let page = gx(&["build", "报告.docx", "-o", "报告.html"], dir.path());
    assert!(page.status.success(), "{}", stderr(&page));
    let html = std::fs::read_to_string(dir.path().join("报告.html")).unwrap();
    assert!(html.contains("攀枝花市人民政府办公室"));
}

#[test]
fn a_draft_in_word_names_every_unfinished_part_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let example = load_example("panzhihua-2024.yaml");
    // Two Table 三 cells (（一）予以公开's 商业企业 and 科研机构: cells 25
    // and 26), the whole of Table 四 (the last 15) left empty — all of them
    // 0 in the example, so no rule fires on them — and the placeholder of
    // 五 left as the template has it.
    let docx = filled(
        &example,
        |i, f| (!(i == 25 || i == 26 || i >= 185)).then_some(f),
        &[4],
    );
    write(dir.path(), "草稿.docx", &docx);
    let check = gx(&["check", "草稿.docx"], dir.path());
    let err = stderr(&check);
    assert_eq!(check.status.code(), Some(2), "{err}");
    assert_eq!(
        findings(&err),
        [
            "警告[W-UNFILLED]: 表三“（一）予以公开”行的“商业企业”“科研机构”列没有填写数字。",
            "警告[W-UNFILLED]: 表四“行政复议”的“结果维持”“结果纠正”“其他结果”“尚未审结”“总计”栏没有填写数字。",
            "警告[W-UNFILLED]: 表四“行政诉讼·未经复议直接起诉”的“结果维持”“结果纠正”“其他结果”“尚未审结”“总计”栏没有填写数字。",
            "警告[W-UNFILLED]: 表四“行政诉讼·复议后起诉”的“结果维持”“结果纠正”“其他结果”“尚未审结”“总计”栏没有填写数字。",
            "警告[W-PLACEHOLDER]: 还没有改写的模板提示文字：“（文字描述）”。",
        ],
        "{err}"
    );
    assert!(err.contains("是 0 的请填 0"), "{err}");

    // JSON: every finding says where it was printed.
    let json = gx(
        &["check", "草稿.docx", "--message-format", "json"],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&json.stdout);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let all = v["findings"]
        .as_array()
        .or_else(|| v.as_array())
        .unwrap()
        .clone();
    assert_eq!(all.len(), 5, "{text}");
    for f in &all {
        assert!(
            f["printed_at"].as_str().is_some_and(|s| !s.is_empty()),
            "{f}"
        );
    }

    // A final build refuses the draft; --draft builds it with the watermark;
    // --blank-is-zero says the empty cells mean 0 (the placeholder stays).
    let build = gx(&["build", "草稿.docx", "-o", "final.pdf"], dir.path());
    assert_eq!(build.status.code(), Some(2), "{}", stderr(&build));
    assert!(!dir.path().join("final.pdf").exists());
    assert!(stderr(&build).contains("--draft"), "{}", stderr(&build));
    let draft = gx(
        &["build", "草稿.docx", "--draft", "-o", "draft.pdf"],
        dir.path(),
    );
    assert!(draft.status.success(), "{}", stderr(&draft));
    let zero = gx(&["check", "草稿.docx", "--blank-is-zero"], dir.path());
    let zero_findings = findings(&stderr(&zero));
    assert_eq!(
        zero_findings,
        [
            "警告[W-BLANK]: “（一）予以公开”（第2个表格第6行）的“商业企业、科研机构”栏印为空白，已按 0 填写。",
            "警告[W-BLANK]: “行政复议”等 3 项（第3个表格第4行）的“结果维持、结果纠正、其他结果、尚未审结、总计”栏印为空白，已按 0 填写。",
            "警告[W-PLACEHOLDER]: 还没有改写的模板提示文字：“（文字描述）”。",
        ],
        "{}",
        stderr(&zero)
    );
}

/// gxreport's own template (`init -o 报告.docx`): blank, it is named as the
/// blank template; filled in as a clerk fills it, it imports whole and
/// builds the same PDF as the YAML (issue 25).
#[test]
fn our_own_word_template_is_blank_until_filled_and_then_builds_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let blank = gx(&["init", "-o", "空白.docx", "--year", "2024"], dir.path());
    assert!(blank.status.success(), "{}", stderr(&blank));
    let check = gx(&["check", "空白.docx"], dir.path());
    assert_eq!(
        findings(&stderr(&check)),
        ["错误[E-IMPORT]: 这是没有填写的年度报告格式模板：标题没有机关名称，表格中没有数字，正文仍是“（文字描述）”。"],
        "{}",
        stderr(&check)
    );
    let again = gx(&["init", "-o", "again.docx", "--year", "2024"], dir.path());
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(dir.path().join("空白.docx")).unwrap(),
        std::fs::read(dir.path().join("again.docx")).unwrap(),
        "the same template every time"
    );

    let example = load_example("panzhihua-2024.yaml");
    let made = gx(
        &[
            "init",
            "-o",
            "模板.docx",
            "--year",
            "2024",
            "--agency",
            "攀枝花市人民政府办公室",
        ],
        dir.path(),
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let template = std::fs::read(dir.path().join("模板.docx")).unwrap();
    let docx = write(
        dir.path(),
        "报告.docx",
        &filled_from(&template, &example, |_, f| Some(f), &[]),
    );
    let imported = import::read(&docx).expect("our filled template imports");
    assert_eq!(imported.figures_read, 200);
    let got = load::load_str(&imported.yaml, "x.yaml").unwrap();
    crate::import::assert_round_trip(&example, &got);
    let build = gx(&["build", "报告.docx", "-o", "word.pdf"], dir.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let yaml = crate::common::example("panzhihua-2024.yaml");
    let from_yaml = gx(
        &["build", yaml.to_str().unwrap(), "-o", "yaml.pdf"],
        dir.path(),
    );
    assert!(from_yaml.status.success());
    let text = |name: &str| crate::common::pdf_text(&std::fs::read(dir.path().join(name)).unwrap());
    assert_eq!(text("word.pdf"), text("yaml.pdf"));
}

/// The official template has one title paragraph: a clerk types the whole
/// title there, “××2024年政府信息公开工作年度报告”. The agency and the year
/// are read from it.
#[test]
fn a_title_typed_in_one_paragraph_gives_the_agency_and_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut example = load_example("panzhihua-2024.yaml");
    let one: String = example.title.iter().map(|l| l.value.as_str()).collect();
    example.title = vec![gxreport::report::Val::computed(one.clone())];
    let docx = write(
        dir.path(),
        "报告.docx",
        &filled(&example, |_, f| Some(f), &[]),
    );
    let imported = import::read(&docx).expect("imports");
    let got = load::load_str(&imported.yaml, "x.yaml").unwrap();
    assert_eq!(got.agency.value, "攀枝花市人民政府办公室");
    assert_eq!(got.year.value, 2024);
    let title: String = got.title.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(title, one);
}
