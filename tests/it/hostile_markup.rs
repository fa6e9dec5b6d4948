//! Hostile and broken web pages, Word documents and text (issue 24), made
//! by the tests: nesting far past any page, a colspan of 10^9, zip entries
//! whose headers lie about their size, a package of 70,000 files, millions
//! of empty runs, text past any report. Each is refused with its cause
//! named within bounds of time and memory; a run with them among good files
//! (`check DIR`, `aggregate --skip-invalid`, a batch `build`) reads the good
//! ones and its exit code says that something was refused.

use std::io::Write;
use std::time::{Duration, Instant};

use crate::hostile::refused_with;

fn damaged(what: &str) -> String {
    format!("{what}，不像是一份年度报告：文件可能已损坏，或是有意构造的。")
}

fn deep_page(depth: usize) -> String {
    format!(
        "<html><body>{}x{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn a_page_nested_150000_deep_is_refused_before_it_is_parsed() {
    // The parse took time with the square of the depth (40,000: 2.8 s).
    let run = refused_with(
        "deep.html",
        deep_page(150_000).as_bytes(),
        &damaged("网页中的元素嵌套超过 1000 层"),
    );
    assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
    // 200,000 deep is also past the number of elements a page may hold.
    refused_with(
        "deeper.html",
        deep_page(200_000).as_bytes(),
        &damaged("网页中的元素超过 20 万个"),
    );
    // Unclosed spans, fonts and list items nest too.
    let spans = format!(
        "<html><body>{}x</body></html>",
        "<span><font>".repeat(50_000)
    );
    refused_with(
        "spans.html",
        spans.as_bytes(),
        &damaged("网页中的元素嵌套超过 1000 层"),
    );
}

#[test]
fn pages_of_too_many_elements_or_attributes_are_refused_before_they_are_parsed() {
    // html5ever compares each attribute with those before it: 100,000 took 14 s.
    let names: Vec<String> = (0..100_000).map(|i| format!("a{i}")).collect();
    let attrs = format!("<html><body><div {}>x</div></body></html>", names.join(" "));
    let run = refused_with(
        "attributes.html",
        attrs.as_bytes(),
        &damaged("网页中有一个元素的属性超过 1000 个"),
    );
    assert!(run.took < Duration::from_secs(5), "{:?}", run.took);
    // A style sheet hiding 100,000 classes, an element of 100,000 others
    // (within the bounds): each class was compared with every hidden one.
    let css: String = (0..100_000)
        .map(|i| format!(".c{i}{{display:none}}"))
        .collect();
    let classes: Vec<String> = (0..100_000).map(|i| format!("d{i}")).collect();
    let page = format!(
        "<html><head><style>{css}</style></head><body><p class=\"{}\">x</p></body></html>",
        classes.join(" ")
    );
    let run = refused_with(
        "classes.html",
        page.as_bytes(),
        "找不到“一、总体情况”等六个部分的标题，这似乎不是政府信息公开工作年度报告。",
    );
    assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
    // Sixty megabytes of text, read whole before its length was told (390 MB).
    let text = format!(
        "<html><body><p>{}</p></body></html>",
        "本".repeat(20_000_000)
    );
    refused_with(
        "text.html",
        text.as_bytes(),
        &damaged("网页中的文字超过 16 MB"),
    );
    let elements = format!("<html><body>{}</body></html>", "<b></b>".repeat(600_000));
    refused_with(
        "elements.html",
        elements.as_bytes(),
        &damaged("网页中的元素超过 20 万个"),
    );
}

#[test]
fn documents_of_too_many_paragraphs_or_table_rows_are_refused_before_recognising() {
    let paragraphs = format!(
        "<html><body>{}</body></html>",
        "<p>本年新收申请 1 件</p>".repeat(150_000)
    );
    refused_with(
        "paragraphs.html",
        paragraphs.as_bytes(),
        &damaged("段落超过 10 万段"),
    );
    // The recogniser took 17 s over 150,000 rows (of a page; here of text
    // copied from a table, within the bounds of lines and characters).
    let rows = "1\t2\n".repeat(60_000);
    let run = refused_with("rows.txt", rows.as_bytes(), &damaged("表格合计超过 2 万行"));
    assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
}

#[test]
fn a_table_of_colspan_ten_to_the_ninth_is_bounded() {
    // One such cell is read as a wide cell, not a billion slots.
    let one = "<html><body><table><tr><td colspan=1000000000>1</td></tr></table></body></html>";
    let started = Instant::now();
    let _ = gxreport::import::read_bytes("wide.html", gxreport::import::Kind::Html, one.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(10));
    // Thousands of them: the grid's bound.
    let row = "<td colspan=1000000000 rowspan=1000000000>1</td>".repeat(20_000);
    let many = format!("<html><body><table><tr>{row}</tr></table></body></html>");
    refused_with(
        "colspan.html",
        many.as_bytes(),
        &damaged("有一个表格合并单元格后超过 100 万个格子"),
    );
}

/// A .docx package around `body` (the content of `w:body`).
fn docx(body: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>").unwrap();
    zip.write_all(body).unwrap();
    zip.write_all(b"</w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

/// The package with `word/document.xml`'s declared size (local header and
/// central directory) replaced by `size`.
fn lying(mut package: Vec<u8>, size: u32) -> Vec<u8> {
    let name = b"word/document.xml";
    let mut at = 0;
    while let Some(p) = package[at..].windows(name.len()).position(|w| w == name) {
        let p = at + p;
        // Local header: size at 22, name at 30; central: size at 24, name at 46.
        let field = if package[p - 30..p - 26] == *b"PK\x03\x04" {
            p - 30 + 22
        } else {
            p - 46 + 24
        };
        package[field..field + 4].copy_from_slice(&size.to_le_bytes());
        at = p + name.len();
    }
    package
}

#[test]
fn word_documents_past_the_bounds_are_refused_whatever_their_headers_say() {
    let too_large = damaged("Word 文档的正文解压后超过 64 MB");
    // A small body that says it is three gigabytes.
    let small = docx(b"<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    refused_with("says-huge.docx", &lying(small, 3_000_000_000), &too_large);
    // A body of 80 MB that says it is a hundred bytes: zip stops at the
    // declared size, and the body fails its checksum.
    let big = docx(&vec![b' '; 80 * 1024 * 1024]);
    assert!(big.len() < 1024 * 1024);
    refused_with(
        "says-small.docx",
        &lying(big.clone(), 100),
        "Word 文档已损坏，正文无法解压。",
    );
    // One that says nothing false and inflates to 80 MB.
    refused_with("big.docx", &big, &too_large);
    // A package of seventy thousand empty files (the zip64 end record).
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..70_000 {
        zip.start_file(format!("{i:x}"), zip::write::SimpleFileOptions::default())
            .unwrap();
    }
    let many = zip.finish().unwrap().into_inner();
    refused_with(
        "entries.docx",
        &many,
        &damaged("Word 文档（压缩包）中的文件超过 10000 个"),
    );
    // Three million empty runs in one paragraph (18 MB of XML).
    let runs = format!("<w:p>{}</w:p>", "<w:r/>".repeat(3_000_000));
    refused_with(
        "runs.docx",
        &docx(runs.as_bytes()),
        &damaged("Word 文档中的元素超过 100 万个"),
    );
    // A paragraph of 100,000 attributes: roxmltree took 18 s over them.
    let names: Vec<String> = (0..100_000).map(|i| format!("a{i}=\"\"")).collect();
    refused_with(
        "attributes.docx",
        &docx(format!("<w:p {}/>", names.join(" ")).as_bytes()),
        &damaged("Word 文档中有一个元素的属性超过 1000 个"),
    );
    // The same in the list numbering part beside a good body.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut body = docx(b"<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    let mut good = zip::ZipArchive::new(std::io::Cursor::new(&mut body)).unwrap();
    zip.raw_copy_file(good.by_name("word/document.xml").unwrap())
        .unwrap();
    zip.start_file("word/numbering.xml", options).unwrap();
    zip.write_all(format!("<w:numbering {}/>", names.join(" ")).as_bytes())
        .unwrap();
    refused_with(
        "numbering.docx",
        &zip.finish().unwrap().into_inner(),
        &damaged("Word 文档中有一个元素的属性超过 1000 个"),
    );
    // Content controls nested a hundred thousand deep.
    let deep = format!(
        "{}<w:p/>{}",
        "<w:sdt><w:sdtContent>".repeat(50_000),
        "</w:sdtContent></w:sdt>".repeat(50_000)
    );
    refused_with(
        "deep.docx",
        &docx(deep.as_bytes()),
        &damaged("Word 文档中的元素嵌套超过 1000 层"),
    );
}

#[test]
fn text_past_any_report_is_refused() {
    let line = "本机关认真贯彻落实政府信息公开条例，依法做好政府信息公开工作。\n";
    let text = line.repeat(300_000 / 30 + 1000);
    refused_with("long.txt", text.as_bytes(), &damaged("文字超过 30 万字"));
    let lines = "本\n".repeat(300_000);
    refused_with("lines.txt", lines.as_bytes(), &damaged("文本超过 20 万行"));
    // Blank lines below the bound: each looked ahead over all the rest
    // (150,000 took more than a minute).
    let blank = format!("{}x", "\n".repeat(150_000));
    let run = refused_with(
        "blank.txt",
        blank.as_bytes(),
        "找不到“一、总体情况”等六个部分的标题，这似乎不是政府信息公开工作年度报告。",
    );
    assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
}

/// A folder of hostile files of every format beside a good report.
fn folder(dir: &std::path::Path) {
    std::fs::write(dir.join("deep.html"), deep_page(150_000)).unwrap();
    let small = docx(b"<w:p/>");
    std::fs::write(dir.join("lying.docx"), lying(small, 3_000_000_000)).unwrap();
    std::fs::write(
        dir.join("long.txt"),
        "政府信息公开。\n".repeat(300_000 / 7 + 1000),
    )
    .unwrap();
    std::fs::copy(
        crate::common::root().join("examples/minimal.yaml"),
        dir.join("good.yaml"),
    )
    .unwrap();
}

#[test]
fn folder_runs_list_each_refused_file_with_its_cause_and_read_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("各单位");
    std::fs::create_dir(&units).unwrap();
    folder(&units);
    let started = Instant::now();
    let out = crate::common::gx(&["check", "各单位"], dir.path());
    let err = crate::common::stderr(&out);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2), "{err}");
    for (file, cause) in [
        ("deep.html", "网页中的元素嵌套超过 1000 层"),
        ("lying.docx", "Word 文档的正文解压后超过 64 MB"),
        ("long.txt", "文字超过 30 万字"),
    ] {
        assert!(
            err.contains(&format!("{cause}，不像是一份年度报告：文件可能已损坏"))
                && err.contains(file),
            "{file}: {err}"
        );
    }
    assert!(
        err.contains("某某县档案馆"),
        "the good report is summarised: {err}"
    );

    // aggregate: refused without --skip-invalid; with it, the rest are summed.
    let out = crate::common::gx(
        &["aggregate", "各单位", "--skip-invalid", "-o", "汇总.yaml"],
        dir.path(),
    );
    let err = crate::common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (file, cause) in [
        ("deep.html", "网页中的元素嵌套超过 1000 层"),
        ("lying.docx", "Word 文档的正文解压后超过 64 MB"),
        ("long.txt", "文字超过 30 万字"),
    ] {
        assert!(
            err.contains(&format!(
                "已排除 {file}：无法读入（{cause}，不像是一份年度报告"
            )),
            "{file}: {err}"
        );
    }
    assert!(err.contains("已汇总 1 个单位"), "{err}");

    // A batch build given them by name: the good one is built, each other failed with its cause.
    let out = crate::common::gx(
        &[
            "build",
            "各单位/good.yaml",
            "各单位/deep.html",
            "各单位/lying.docx",
            "-o",
            "out",
        ],
        dir.path(),
    );
    let err = crate::common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(dir.path().join("out/good.pdf").exists(), "{err}");
    assert!(err.contains("共 3 份：成功 1 份，失败 2 份"), "{err}");
    assert!(
        err.contains("失败 各单位/deep.html：[E-IMPORT] 网页中的元素嵌套超过 1000 层"),
        "{err}"
    );
}
