//! Readers take what a reader of the final document sees (issue 21): Word's
//! tracked changes in their final view, hidden runs and CSS-hidden content
//! left out, no-break hyphens kept, an embedded web page (altChunk) read,
//! and a figure merged across columns refused instead of copied. Each
//! document is the example made by gxreport itself, then edited the way
//! Word, WPS or a portal's editor store such content.

use std::io::{Read, Write};

use crate::common::{load_example, pipeline, prepare};
use gxreport::import;
use gxreport::report::{load, Report};
use gxreport::Export;

/// The test pipeline with the built-in style edited: `insert` goes in just
/// before `anchor` (which must be there, so a changed style fails loudly).
fn pipeline_with_style(anchor: &str, insert: &str) -> gxreport::Pipeline {
    let mut templates = gxreport::render::Templates::embedded();
    assert!(
        templates.style.contains(anchor),
        "the style no longer has {anchor:?}"
    );
    templates.style = templates
        .style
        .replacen(anchor, &format!("{insert}{anchor}"), 1);
    let mut p = pipeline();
    p.templates = templates;
    p
}

/// The end of the style's document function: a show rule or placed
/// content inserted here applies to the whole report.
const DOC_END: &str = "  doc\n}";

/// The example as a .docx (the import tests' writer) with `edit` applied to
/// its `word/document.xml`, and `extra` parts added.
fn docx_edited(edit: impl Fn(&str) -> String, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let bytes = crate::import::docx_of(&load_example("panzhihua-2024.yaml"));
    docx_with_body(&bytes, edit, extra)
}

/// A Word package with `edit` applied to its `word/document.xml` and
/// `extra` parts added, every other part as it was.
pub(crate) fn docx_with_body(
    bytes: &[u8],
    edit: impl Fn(&str) -> String,
    extra: &[(&str, &[u8])],
) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            data = edit(&String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    for (name, data) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn read(name: &str, bytes: &[u8]) -> Result<(import::Imported, Report), String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    match import::read(&path) {
        Ok(i) => {
            // Shown with --nocapture: the figures read and the time, per document.
            eprintln!(
                "{name}: {} figures read, {} blank, {} ms",
                i.figures_read, i.figures_blank, i.millis
            );
            let r = load::load_str(&i.yaml, "imported.yaml").expect("imported YAML loads");
            Ok((i, r))
        }
        Err(ds) => Err(ds
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

fn overview(r: &Report) -> String {
    r.overview
        .paragraphs
        .iter()
        .map(|p| p.value.clone())
        .chain(
            r.overview
                .items
                .iter()
                .flat_map(|i| i.paragraphs.iter().map(|p| p.value.clone())),
        )
        .collect::<Vec<_>>()
        .join("\n")
}

const FIRST: &str = "2024年，市政府办公室坚持以习近平新时代中国特色社会主义思想为指导";

/// Insert `xml` into the run that starts the overview's first paragraph.
fn into_first_paragraph(doc: &str, xml: &str) -> String {
    let at = doc
        .find("2024年，市政府办公室")
        .expect("the overview's first words");
    let run_end = at + doc[at..].find("</w:r>").unwrap() + "</w:r>".len();
    format!("{}{xml}{}", &doc[..run_end], &doc[run_end..])
}

#[test]
fn word_revisions_hidden_runs_and_no_break_hyphens_read_as_word_shows_them() {
    let bytes = docx_edited(
        |doc| {
            let doc = into_first_paragraph(
                doc,
                "<w:del w:id=\"1\" w:author=\"张三\"><w:r><w:delText>删去的字</w:delText></w:r></w:del>\
                 <w:moveFrom w:id=\"2\" w:author=\"张三\"><w:r><w:t>已移走的一句。</w:t></w:r></w:moveFrom>\
                 <w:r><w:rPr><w:vanish/></w:rPr><w:t>【内部备注：印发前删除】</w:t></w:r>\
                 <w:ins w:id=\"3\" w:author=\"张三\"><w:r><w:t>（电话0812</w:t><w:noBreakHyphen/><w:t>3335218）</w:t></w:r></w:ins>",
            );
            // Last year's figure hidden before this year's in a Table B cell.
            let cell = "<w:t xml:space=\"preserve\">21</w:t></w:r>";
            doc.replacen(
                cell,
                &format!("{cell}<w:r><w:rPr><w:vanish/></w:rPr><w:t>43</w:t></w:r>"),
                1,
            )
        },
        &[],
    );
    let (imported, r) = read("修订.docx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    assert_eq!(r.table_b.rows[0][0].value, 21, "the hidden 43 is not read");
    let text = overview(&r);
    assert!(text.contains(FIRST), "{text}");
    assert!(text.contains("（电话0812-3335218）"), "{text}");
    for gone in ["删去的字", "已移走的一句", "内部备注"] {
        assert!(!text.contains(gone), "{gone} read: {text}");
    }
    let notes: Vec<&str> = imported.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("修订痕迹") && n.contains("第")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("隐藏文字")), "{notes:?}");
}

/// The example's portal page, as gxreport writes it.
fn page() -> String {
    let report = load_example("panzhihua-2024.yaml");
    let artifact = pipeline()
        .produce(&prepare(&report), Export::Html { pdf: None })
        .expect("the page");
    String::from_utf8(artifact.files[0].clone()).unwrap()
}

#[test]
fn a_word_document_whose_body_is_an_embedded_web_page_reads_as_the_page() {
    const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdChunk\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk\" Target=\"afchunk.htm\"/></Relationships>";
    let body = |doc: &str| {
        let start = doc.find("<w:body>").unwrap() + "<w:body>".len();
        let end = doc.find("<w:sectPr/>").unwrap();
        format!(
            "{}<w:altChunk xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"rIdChunk\"/>{}",
            &doc[..start],
            &doc[end..]
        )
    };
    let html = page();
    let bytes = docx_edited(
        body,
        &[
            ("word/_rels/document.xml.rels", RELS.as_bytes()),
            ("word/afchunk.htm", html.as_bytes()),
        ],
    );
    let (imported, r) = read("网页正文.docx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    assert_eq!(r.agency.value, "攀枝花市人民政府办公室");
    assert!(overview(&r).contains(FIRST));
    // Another kind of embedded file is named, with the fix.
    let mht = docx_edited(
        body,
        &[
            (
                "word/_rels/document.xml.rels",
                RELS.replace("afchunk.htm", "afchunk.mht").as_bytes(),
            ),
            ("word/afchunk.mht", b"MIME-Version: 1.0\r\n"),
        ],
    );
    let err = read("mht.docx", &mht).expect_err("refused");
    assert!(
        err.contains("altChunk：afchunk.mht") && err.contains("另存为"),
        "{err}"
    );
}

#[test]
fn a_web_page_is_read_as_the_browser_shows_it() {
    let html = page();
    // Last year's figure in a span the page hides; a note hidden by a class
    // of the page's style sheet; a paragraph with the hidden attribute; a
    // hidden table row.
    let html = html.replacen(
        ">21</td>",
        "><span style=\"display: none; mso-hide: all\">43</span>21</td>",
        1,
    );
    let html = html.replacen(
        "</head>",
        "<style>.internal-note, .x { color: red; display : none }\n@media print { .screen-only { display: none } }</style></head>",
        1,
    );
    let at = html.find(FIRST).unwrap();
    let html = format!(
        "{}<span class=\"internal-note\">【内部备注：印发前删除】</span><span class=\"screen-only\">屏幕上看得到的字</span>{}",
        &html[..at],
        &html[at..]
    );
    let html = html.replacen(
        "<h2",
        "<p hidden>隐藏的段落</p><table style=\"visibility:hidden\"><tr><td>1</td></tr></table><h2",
        1,
    );
    let (imported, r) = read("页面.html", html.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    assert_eq!(r.table_b.rows[0][0].value, 21);
    let text = overview(&r);
    assert!(text.contains(&format!("屏幕上看得到的字{FIRST}")), "{text}");
    assert!(!text.contains("内部备注"), "{text}");
    let all: String = imported.yaml.clone();
    assert!(!all.contains("隐藏的段落"), "{all}");
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.code == "W-IMPORT" && n.message.contains("隐藏的内容")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn a_figure_merged_across_columns_is_refused_not_copied() {
    let html = page();
    // The five 法人或其他组织 figures of 一、本年新收 as one merged cell.
    let row = html.find("一、本年新收政府信息公开申请数量</th>").unwrap();
    let first = row + html[row..].find("<td class=\"number\"").unwrap();
    // Skip 自然人, then the five columns after it.
    let second = first + 1 + html[first + 1..].find("<td class=\"number\"").unwrap();
    let mut end = second;
    for _ in 0..5 {
        end += html[end..].find("</td>").unwrap() + "</td>".len();
    }
    let html = format!(
        "{}<td class=\"number\" colspan=\"5\">3</td>{}",
        &html[..second],
        &html[end..]
    );
    let err = read("合并.html", html.as_bytes()).expect_err("a merged figure is refused");
    assert!(
        err.contains("表三“一、本年新收政府信息公开申请数量”")
            && err.contains("数字“3”印在一个横跨 5 栏的合并单元格里"),
        "{err}"
    );
}

/// A PDF whose tables draw every character twice, 0.35 pt apart (fake
/// bold, as WPS and others print it): each is read once, 21 not as 2211.
#[test]
fn a_pdf_with_glyphs_drawn_twice_reads_each_once() {
    let p = pipeline_with_style(
        "  let body = table(",
        "  show table.cell: it => { place(dx: 0.35pt, dy: 0pt, it.body); it.body }\n",
    );
    let report = load_example("panzhihua-2024.yaml");
    let prepared = p.prepare_report(report.clone(), "r.yaml", None);
    let pdf = p
        .produce(&prepared, Export::Pdf)
        .expect("builds")
        .files
        .remove(0);
    // The doubling is really in the PDF's text layer (pdftotext hides it:
    // poppler drops overlapping twins itself).
    let raw = pdf_extract::extract_text_from_mem(&pdf).expect("pdf-extract reads it");
    let squeezed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let label = "一、本年新收政府信息公开申请数量";
    assert!(
        squeezed.contains(&label.repeat(2)) || squeezed.contains("一一、、"),
        "the test PDF is not doubled: {}",
        &squeezed[..squeezed.len().min(3000)]
    );
    let (imported, r) = read("加粗.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    let values = |r: &Report| -> Vec<Vec<u64>> {
        r.table_b
            .rows
            .iter()
            .map(|row| row.iter().map(|v| v.value).collect())
            .collect()
    };
    assert_eq!(values(&r), values(&report));
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.code == "W-IMPORT" && n.message.contains("重复绘制")),
        "{:?}",
        imported.notes
    );
}

/// A row label printed with words dropped (“2.其他法律行政止公开”, as two
/// real WPS-made PDFs print it) is read as its row with a warning quoting
/// it, in a web page and in a PDF; one that is another row's is not.
#[test]
fn a_misprinted_row_label_is_read_as_a_clerk_reads_it() {
    let official = "2.其他法律行政法规禁止公开";
    let misprint = "2.其他法律行政止公开";
    let report = load_example("panzhihua-2024.yaml");
    let html = page();
    assert!(html.contains(official));
    let (imported, r) = read("错字.html", html.replace(official, misprint).as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    let warning = format!("原文印作“{misprint}”，按“{official}”读入。");
    assert!(
        imported.notes.iter().any(|n| n.message.contains(&warning)),
        "{:?}",
        imported.notes
    );
    let prohibited = gxreport::format::TABLE_B
        .iter()
        .position(|b| b.label == official)
        .unwrap();
    let values = |r: &Report| r.table_b.rows[prohibited].clone().map(|v| v.value);
    assert_eq!(values(&r), values(&report));
    // The same misprint in a PDF (the style prints the label that way).
    let p = pipeline_with_style(
        DOC_END,
        "  show \"其他法律行政法规禁止公开\": \"其他法律行政止公开\"\n",
    );
    let prepared = p.prepare_report(report.clone(), "r.yaml", None);
    let pdf = p
        .produce(&prepared, Export::Pdf)
        .expect("builds")
        .files
        .remove(0);
    assert!(
        crate::common::pdf_text(&pdf).contains(misprint),
        "the PDF prints the misprint"
    );
    let (imported, _) = read("错字.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    assert!(imported.notes.iter().any(|n| n.message.contains(&warning)));
    // A label of another row where this one is expected stays an error.
    let swapped = html.replace(official, "2.危及“三安全一稳定”");
    assert!(read("换行.html", swapped.as_bytes()).is_err());
}

/// Our own PDF and web page read back whole (issue 21, item 4): a summary
/// paragraph whose last line ends anywhere from short to exactly full, then
/// items whose run-in headings are short, long or wrap — the same summary,
/// items, headings and paragraphs come back. (The PDF reader once took the
/// first-line indent for the left margin in such short reports and ran each
/// item on into the paragraph before it.)
#[test]
fn our_own_pdfs_and_pages_read_back_with_every_item() {
    let dir = tempfile::tempdir().unwrap();
    let headings = [
        "公开方面",
        "依申请公开和政府信息管理方面",
        "政府信息公开平台建设和监督保障以及其他需要说明的方面工作情况",
    ];
    for tail in [0usize, 10, 20, 24, 25, 26, 27, 28] {
        for (k, heading) in headings.iter().enumerate() {
            let summary = format!("{}{}。", "政".repeat(26), "务".repeat(tail));
            let yaml = format!(
                "agency: 某某县人民政府办公室\nyear: 2025\noverview:\n  text: {summary}\n  items:\n    - heading: {heading}\n      text: 全年主动公开政府信息一千二百条。\n    - heading: 依申请公开方面\n      text: 全年收到申请二十一件。\nproblems: 无。\n"
            );
            let report = load::load_str(&yaml, "r.yaml").unwrap();
            let prepared = prepare(&report);
            for (ext, export) in [("pdf", Export::Pdf), ("html", Export::Html { pdf: None })] {
                let bytes = pipeline()
                    .produce(&prepared, export)
                    .unwrap()
                    .files
                    .remove(0);
                let name = format!("r{tail}-{k}.{ext}");
                std::fs::write(dir.path().join(&name), &bytes).unwrap();
                let (_, back) = read(&name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
                let what = format!("{name} (summary +{tail}, heading {heading})");
                let paras = |r: &Report| -> Vec<String> {
                    r.overview
                        .paragraphs
                        .iter()
                        .map(|p| p.value.trim().to_string())
                        .collect()
                };
                assert_eq!(paras(&back), paras(&report), "{what}: the summary");
                let items = |r: &Report| -> Vec<(String, Vec<String>)> {
                    r.overview
                        .items
                        .iter()
                        .map(|i| {
                            (
                                i.heading.value.trim().trim_end_matches('。').to_string(),
                                i.paragraphs
                                    .iter()
                                    .map(|p| p.value.trim().to_string())
                                    .collect(),
                            )
                        })
                        .collect()
                };
                assert_eq!(items(&back), items(&report), "{what}: the items");
            }
        }
    }
}

/// The import's summary vouches only for what was read by the printed
/// labels: with a misprinted label it says that the reading differs.
#[test]
fn the_import_summary_says_when_the_reading_differs_from_the_print() {
    let dir = tempfile::tempdir().unwrap();
    let html = page().replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开");
    std::fs::write(dir.path().join("错字.html"), &html).unwrap();
    let out = crate::common::gx(&["import", "错字.html", "-o", "r.yaml"], dir.path());
    let err = crate::common::stderr(&out);
    assert!(
        err.contains("200 个数字里的 200 个（读法有 1 处与原文字面不同"),
        "{err}"
    );
    std::fs::write(dir.path().join("原样.html"), page()).unwrap();
    let out = crate::common::gx(&["import", "原样.html", "-o", "s.yaml"], dir.path());
    assert!(crate::common::stderr(&out).contains("200 个数字里的 200 个，用时"));
}

/// Old and odd containers are named, with the save-as that fixes them, even
/// under another name; `check` on a folder lists them as refused.
#[test]
fn word_97_wps_and_mht_files_are_named_with_the_fix() {
    let ole: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    let mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--b--\r\n";
    for (name, bytes, says) in [
        ("2024.doc", ole, "旧版 Word（.doc）或 WPS 文字（.wps）"),
        ("2024.wps", ole, "旧版 Word（.doc）或 WPS 文字（.wps）"),
        ("改了名的.docx", ole, "旧版 Word（.doc）或 WPS 文字（.wps）"),
        ("2024.mht", &mht[..], "单文件网页（.mht / .mhtml）"),
    ] {
        let err = read(name, bytes).expect_err(name);
        assert!(
            err.contains(says) && err.contains("另存为"),
            "{name}: {err}"
        );
    }
    let err = read("损坏.doc", b"\x13\x37 not a document at all").expect_err("refused");
    assert!(
        err.contains("文件已损坏、下载不完整，或扩展名被改过"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("各单位")).unwrap();
    std::fs::write(dir.path().join("各单位/县局.doc"), ole).unwrap();
    let out = crate::common::gx(&["check", "各单位"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::common::stderr(&out).contains("旧版 Word（.doc）"));
}

/// Text placed off the page box is not read (a PDF made without gxreport's
/// layout check, which refuses such a page).
#[test]
fn a_pdf_with_text_off_the_page_reads_only_the_page() {
    let mut p = pipeline_with_style(DOC_END, "  place(dx: -120mm, [【页外的字】])\n");
    p.standards = Vec::new();
    let report = load_example("panzhihua-2024.yaml");
    let prepared = p.prepare_report(report, "r.yaml", None);
    let source = p.typst_source(&prepared).unwrap();
    let doc = gxreport::typeset::compile(source, p.templates.style.clone(), &p.fonts).unwrap();
    let pdf = gxreport::typeset::pdf(&doc, "test", &[]).unwrap();
    let raw = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    assert!(
        raw.contains("页外的字"),
        "the test PDF has no text off the page"
    );
    let (imported, r) = read("页外.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    assert!(!imported.yaml.contains("页外的字"));
    assert!(r.lead.iter().all(|p| !p.value.contains("页外")));
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("页面以外的文字")),
        "{:?}",
        imported.notes
    );
}

/// A section title printed with a word dropped (and without the word the
/// loose match looks for) is still that section's title: the paragraph
/// under it stays in its section.
#[test]
fn a_misprinted_section_title_is_still_its_section() {
    let mut report = load_example("panzhihua-2024.yaml");
    report.requests_note.paragraphs = vec![gxreport::report::Val::computed(
        "本年度依申请公开工作平稳有序。".to_string(),
    )];
    let artifact = pipeline()
        .produce(&prepare(&report), Export::Html { pdf: None })
        .unwrap();
    let html = String::from_utf8(artifact.files[0].clone())
        .unwrap()
        .replace(
            "三、收到和处理政府信息公开申请情况",
            "三、收到和处理政府信息公开请情况",
        );
    assert!(html.contains("三、收到和处理政府信息公开请情况"));
    let (imported, r) = read("标题错字.html", html.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    let texts = |p: &gxreport::report::Prose| -> Vec<String> {
        p.paragraphs.iter().map(|p| p.value.clone()).collect()
    };
    assert_eq!(texts(&r.requests_note), texts(&report.requests_note));
    assert_eq!(texts(&r.proactive_note), texts(&report.proactive_note));
}

/// A draft (征求意见稿) PDF reads back whole: the watermark set across the
/// page is not report text, and is told; our web page's link to its PDF
/// (the page's footer) is not read into section 六.
#[test]
fn a_draft_pdf_and_our_page_with_its_pdf_link_read_back_whole() {
    let report = load_example("panzhihua-2024.yaml");
    let mut p = pipeline();
    p.options.draft = Some("征求意见稿".into());
    let prepared = p.prepare_report(report.clone(), "r.yaml", None);
    let pdf = p.produce(&prepared, Export::Pdf).unwrap().files.remove(0);
    let (imported, r) = read("征求意见稿.pdf", &pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    // Only the note at the head of the file names it; no value holds it.
    assert!(imported
        .yaml
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .all(|l| !l.contains("征求意见稿")));
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("斜排的文字")),
        "{:?}",
        imported.notes
    );
    let artifact = pipeline()
        .produce(
            &prepare(&report),
            Export::Html {
                pdf: Some("r.pdf".into()),
            },
        )
        .unwrap();
    let html = String::from_utf8(artifact.files[0].clone()).unwrap();
    assert!(html.contains("（PDF 版）"));
    let (_, back) = read("r.html", html.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let texts = |p: &gxreport::report::Prose| -> Vec<String> {
        p.paragraphs.iter().map(|p| p.value.clone()).collect()
    };
    assert_eq!(texts(&back.other_matters), texts(&report.other_matters));
    assert_eq!(texts(&r.other_matters), texts(&report.other_matters));
}

/// A misprinted column header of Table 三, printed where the column is
/// expected (between its neighbours) with most of its words, is read as
/// that column with a warning quoting it; a header naming another column
/// stays an error (issue 21, item 2).
#[test]
fn a_misprinted_column_header_is_read_as_a_clerk_reads_it() {
    let report = crate::common::load_yaml(&crate::import::stress_yaml());
    let html = String::from_utf8(
        pipeline()
            .produce(&prepare(&report), Export::Html { pdf: None })
            .expect("the page")
            .files
            .remove(0),
    )
    .unwrap();
    for (official, misprint) in [
        ("社会公益组织", "社会公益组识"),
        ("法律服务机构", "法律服务机枸"),
    ] {
        let cell = format!(">{official}<");
        assert_eq!(html.matches(&cell).count(), 1, "{official} is printed once");
        let page = html.replace(&cell, &format!(">{misprint}<"));
        let (imported, r) = read("错字.html", page.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(imported.figures_read, 200);
        assert_eq!(
            gxreport::report::values::Figures::of(&r),
            gxreport::report::values::Figures::of(&report)
        );
        let warnings: Vec<&str> = imported.notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(
            warnings,
            [format!(
                "表三（第2个表格）：栏目名称原文印作“{misprint}”，按“{official}”读入。"
            )],
        );
        // Another column's name in its place is not a misprint.
        let other = html.replace(&cell, ">科研机构<");
        let got = read("换栏.html", other.as_bytes());
        match got {
            Err(_) => {}
            Ok((i, _)) => assert!(
                !i.notes.iter().any(|n| n.message.contains("原文印作")),
                "{:?}",
                i.notes
            ),
        }
    }
}

/// The example laid out with `insert` added to the style and exported,
/// without the pipeline's own layout check (which would refuse a page
/// whose printed text is not what the report holds); and the text
/// pdf-extract finds in it, spaces out.
fn pdf_with_style_unchecked(insert: &str) -> (Report, Vec<u8>, String) {
    let p = pipeline_with_style(DOC_END, insert);
    let report = load_example("panzhihua-2024.yaml");
    let doc = crate::common::typeset_with(&report, p.templates.clone());
    let pdf = gxreport::typeset::pdf(&doc, "unseen", &[]).unwrap();
    let raw = pdf_extract::extract_text_from_mem(&pdf).expect("pdf-extract reads it");
    let squeezed = raw.chars().filter(|c| !c.is_whitespace()).collect();
    (report, pdf, squeezed)
}

/// Read a PDF the test made: every figure and the overview as the report
/// has them, and a W-IMPORT starting with `note`.
fn reads_as_the_report(name: &str, pdf: &[u8], report: &Report, note: &str) {
    let (imported, r) = read(name, pdf).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.figures_read, 200);
    assert_eq!(
        gxreport::report::values::Figures::of(&r),
        gxreport::report::values::Figures::of(report)
    );
    assert_eq!(overview(&r), overview(report));
    assert!(
        imported.notes.iter().any(|n| n.message.starts_with(note)),
        "{:?}",
        imported.notes
    );
}

/// Text painted white on the white page is not seen and not read (issue
/// 21): a white “43” before each printed “21” would make Table 三's 21 read
/// as 4321. White text on a dark area is seen, and read (the overview keeps
/// every “政务公开” set white on black).
#[test]
fn a_pdf_with_white_text_reads_only_what_is_seen() {
    let (report, pdf, text) = pdf_with_style_unchecked(
        "  show \"21\": it => text(fill: white)[43] + it\n  show \"政务公开\": it => box(fill: black, text(fill: white, it))\n",
    );
    assert!(text.contains("4321"), "the test PDF holds the white text");
    assert!(overview(&report).contains("政务公开"));
    reads_as_the_report("白字.pdf", &pdf, &report, "PDF 中有用白色绘制的文字（第");
}

/// Text drawn outside its clipping area is not seen and not read (issue
/// 21): a “43” clipped away before each printed “21”.
#[test]
fn a_pdf_with_clipped_text_reads_only_what_is_seen() {
    let (report, pdf, text) = pdf_with_style_unchecked(
        "  show \"21\": it => box(width: 0pt, height: 0pt, clip: true, place(dx: -1.2em, dy: -0.8em, text(fill: black)[43])) + it\n",
    );
    assert!(text.contains("43"), "the test PDF holds the clipped text");
    reads_as_the_report(
        "裁剪.pdf",
        &pdf,
        &report,
        "PDF 中有被裁剪在可见范围以外的文字（第",
    );
}
