//! The PDF file itself, read back with poppler: metadata, embedded font
//! subsets, extractable text.

use std::process::Command;

fn poppler(tool: &str, pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool)
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .output()
        .expect("poppler-utils must be installed");
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn metadata_names_the_report_and_the_agency() {
    let pdf = crate::common::pdf(&crate::common::load_example("panzhihua-2024.yaml"));
    let info = poppler("pdfinfo", &pdf);
    assert!(
        info.contains("Title:           攀枝花市人民政府办公室2024年政府信息公开工作年度报告\n"),
        "{info}"
    );
    assert!(
        info.contains("Author:          攀枝花市人民政府办公室\n"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    // No `date:` in the data: 1 January after the report year, never the clock.
    assert!(
        info.contains("CreationDate:    Wed Jan  1 00:00:00 2025 UTC\n"),
        "{info}"
    );
    assert!(
        info.contains("Subject:         2024年政府信息公开工作年度报告\n"),
        "{info}"
    );
}

#[test]
fn the_report_date_is_the_creation_date() {
    let mut report = crate::common::load_example("minimal.yaml");
    report.date = Some(gxreport::report::Val::computed("2026年1月20日".to_string()));
    let info = poppler("pdfinfo", &crate::common::pdf(&report));
    let line = info
        .lines()
        .find(|l| l.starts_with("CreationDate:"))
        .unwrap_or_else(|| panic!("{info}"));
    assert!(line.contains("Jan 20") && line.contains("2026"), "{line}");
}

#[test]
fn every_font_is_embedded_as_a_subset_with_unicode_maps() {
    let pdf = crate::common::pdf(&crate::common::load_example("panzhihua-2024.yaml"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new("pdffonts").arg(&path).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    let fonts: Vec<&str> = table.lines().skip(2).collect();
    let families = ["GXBiaoSong", "GXSong", "GXHei", "GXKai", "TeXGyreTermes"];
    for family in families {
        assert!(
            fonts.iter().any(|l| l.contains(family)),
            "{family} not used:\n{table}"
        );
    }
    for line in &fonts {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        // … emb sub uni object ID
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "not an embedded subset with ToUnicode: {line}"
        );
        assert!(cols[0].as_bytes()[6] == b'+', "subset tag: {line}");
    }
}

#[test]
fn body_text_copies_out_as_written() {
    let text = crate::common::pdf_text(&crate::common::pdf(&crate::common::load_example(
        "panzhihua-2024.yaml",
    )));
    for sentence in [
        "全年共收到依申请公开信件21件，办结21件，办结率100%，未出现因政府信息公开引发的行政复议和行政诉讼情况。",
        "（一）主动公开方面。围绕市委市政府中心工作和公众关注热点",
        "二是公开的政府信息与企业和群众的期盼还有距离",
        "2024年未收取信息处理费，且无其他需要报告的事项。",
    ] {
        assert!(text.contains(sentence), "{sentence} not extractable");
    }
}

/// A single report has a bookmark for each of its six sections.
#[test]
fn a_single_report_has_a_bookmark_per_section() {
    let pdf = crate::common::pdf(&crate::common::load_example("panzhihua-2024.yaml"));
    let raw = String::from_utf8_lossy(&pdf);
    let root = raw.find("/Type/Outlines").expect("an outline");
    let root = &raw[root..root + raw[root..].find(">>").unwrap()];
    assert!(root.ends_with("/Count 6"), "{root}");
}
