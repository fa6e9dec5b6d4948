//! Gazette builds: many reports in one run, the manifest, JSON lines,
//! images, the gazette volume, archival PDFs, reproducibility.

use std::path::Path;
use std::process::Command;

use crate::common::{example, gx as run, stderr};

/// A folder of three good reports and one with a broken total.
fn reports() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("reports");
    std::fs::create_dir(&r).unwrap();
    std::fs::copy(example("panzhihua-2024.yaml"), r.join("a-panzhihua.yaml")).unwrap();
    std::fs::copy(example("minimal.yaml"), r.join("b-minimal.yaml")).unwrap();
    std::fs::write(r.join("c-town.yaml"), "agency: 某某镇人民政府\nyear: 2025\noverview: 全年共收到申请{{ b.received.total }}件。\nproblems: 无。\nrequests:\n  received: [2, 0, 0, 0, 0, 0]\n  granted: [2, 0, 0, 0, 0, 0]\n").unwrap();
    std::fs::write(r.join("d-broken.yaml"), "agency: 某某局\nyear: 2025\noverview: 正文\nproblems: 无。\nrequests:\n  received: [3, 0, 0, 0, 0, 0, 4]\n").unwrap();
    dir
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("out/manifest.json")).unwrap()).unwrap()
}

#[test]
fn a_batch_builds_the_good_reports_and_records_the_bad_one() {
    let dir = reports();
    let out = run(
        &["build", "reports", "-o", "out", "--no-system-fonts"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "one failure makes the run fail");
    let err = stderr(&out);
    assert!(
        err.contains("共 4 份：成功 3 份，失败 1 份，有警告 0 份。"),
        "{err}"
    );
    // The first error itself, with its line, so the clerk sees what to fix.
    assert!(
        err.contains("  失败  reports/d-broken.yaml  [R1] 第6行，自然人列勾稽关系不成立："),
        "{err}"
    );
    assert!(
        err.contains("；共 2 个错误（gxreport check reports/d-broken.yaml 可查看详情）"),
        "{err}"
    );
    for name in ["a-panzhihua.pdf", "b-minimal.pdf", "c-town.pdf"] {
        assert!(
            std::fs::read(dir.path().join("out").join(name))
                .unwrap()
                .starts_with(b"%PDF"),
            "{name}"
        );
    }
    assert!(!dir.path().join("out/d-broken.pdf").exists());
    let m = manifest(dir.path());
    assert_eq!(
        (m["built"].as_u64(), m["failed"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(m["gxreport"], env!("CARGO_PKG_VERSION"));
    let reports = m["reports"].as_array().unwrap();
    let a = &reports[0];
    assert_eq!(a["input"], "reports/a-panzhihua.yaml");
    assert_eq!(a["status"], "built");
    assert_eq!(a["outputs"][0], "out/a-panzhihua.pdf");
    let pdf = std::fs::read(dir.path().join("out/a-panzhihua.pdf")).unwrap();
    assert_eq!(a["output_sha256"][0], gxreport::pipeline::sha256(&pdf));
    let yaml = std::fs::read(dir.path().join("reports/a-panzhihua.yaml")).unwrap();
    assert_eq!(a["input_sha256"], gxreport::pipeline::sha256(&yaml));
    assert!(a["pages"].as_u64().unwrap() >= 5);
    assert_eq!(a["fonts"][1], "GX FangSong");
    let d = &reports[3];
    assert_eq!(d["status"], "failed");
    let codes: Vec<&str> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["R1", "R3"]);
}

#[test]
fn two_runs_give_the_same_output_hashes() {
    let dir = reports();
    let hashes = |o: &str| -> Vec<serde_json::Value> {
        run(
            &["build", "reports", "-o", o, "--no-system-fonts", "-j", "2"],
            dir.path(),
        );
        let m: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.path().join(o).join("manifest.json")).unwrap(),
        )
        .unwrap();
        m["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["output_sha256"].clone())
            .collect()
    };
    let first = hashes("out1");
    assert_eq!(first, hashes("out2"));
    assert_eq!(
        first
            .iter()
            .filter(|h| !h.as_array().unwrap().is_empty())
            .count(),
        3
    );
}

#[test]
fn json_messages_stream_one_line_per_report() {
    let dir = reports();
    let out = run(
        &[
            "build",
            "reports",
            "-o",
            "out",
            "--message-format",
            "json",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert_eq!(stderr(&out), "", "nothing but JSON");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One line per report, then the run's summary.
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[4]["summary"]["reports"], 4);
    let lines = &lines[..4];
    let mut inputs: Vec<&str> = lines.iter().map(|l| l["input"].as_str().unwrap()).collect();
    inputs.sort();
    assert_eq!(
        inputs,
        [
            "reports/a-panzhihua.yaml",
            "reports/b-minimal.yaml",
            "reports/c-town.yaml",
            "reports/d-broken.yaml"
        ]
    );
}

#[test]
fn several_files_and_a_name_pattern() {
    let dir = reports();
    let out = run(
        &[
            "build",
            "reports/b-minimal.yaml",
            "reports/c-town.yaml",
            "-o",
            "out",
            "--name-pattern",
            "{agency}-{year}",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("out/某某县档案馆-2025.pdf").exists());
    assert!(dir.path().join("out/某某镇人民政府-2025.pdf").exists());
}

#[test]
fn pages_as_png_and_svg_for_quick_looks() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("minimal.yaml");
    let out = run(
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            "look.png",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let png = std::fs::read(dir.path().join("look-1.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let out = run(
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            "look.svg",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let svg = std::fs::read_to_string(dir.path().join("look-1.svg")).unwrap();
    assert!(svg.starts_with("<svg"));
}

#[test]
fn a_draft_is_marked_on_every_page_and_in_the_title() {
    let mut r = crate::common::load_example("minimal.yaml");
    r.title[1].value = "2025年政府信息公开工作年度报告".into();
    let mut pipeline = crate::common::pipeline();
    pipeline.options.draft = Some("征求意见稿".into());
    let doc = pipeline
        .layout(&pipeline.prepare_report(r, "r.yaml", None))
        .unwrap();
    let runs = crate::common::runs(&doc);
    for page in 1..=doc.pages().len() {
        assert!(
            runs.iter()
                .any(|x| x.page == page && x.text == "征求意见稿" && x.size == 80.0),
            "page {page} unmarked"
        );
    }
    let pdf = gxreport::typeset::pdf(&doc, "t", &[]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.pdf"), &pdf).unwrap();
    let info = Command::new("pdfinfo")
        .arg(dir.path().join("d.pdf"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stdout)
        .contains("Title:           某某县档案馆2025年政府信息公开工作年度报告（征求意见稿）"));
}

#[test]
fn the_gazette_volume_has_cover_contents_and_odd_page_starts() {
    let dir = reports();
    let out = run(
        &[
            "build",
            "reports",
            "-o",
            "out",
            "--bundle",
            "gazette.pdf",
            "--bundle-title",
            "某某市人民政府公报|2025年第2期",
            "--bundle-partial",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(
        stderr(&out).contains("已生成汇编 gazette.pdf（3 份报告）"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("注意：汇编缺少 1 份报告：某某局（reports/d-broken.yaml）。"),
        "{}",
        stderr(&out)
    );
    // The manifest records the volume actually printed.
    let m = manifest(dir.path());
    let pdf_bytes = std::fs::read(dir.path().join("gazette.pdf")).unwrap();
    assert_eq!(m["bundle"]["path"], "gazette.pdf");
    assert_eq!(
        m["bundle"]["sha256"],
        gxreport::pipeline::sha256(&pdf_bytes)
    );
    assert_eq!(
        m["bundle"]["members"],
        serde_json::json!([
            "reports/a-panzhihua.yaml",
            "reports/b-minimal.yaml",
            "reports/c-town.yaml"
        ])
    );
    assert_eq!(
        m["bundle"]["missing"],
        serde_json::json!(["reports/d-broken.yaml"])
    );
    assert!(m["bundle"]["pages"].as_u64().unwrap() > 10);
    let pdf = std::fs::read(dir.path().join("gazette.pdf")).unwrap();
    // Read it back: the contents list each report with its page, each report
    // starts on an odd page, and the PDF has one bookmark per report.
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(dir.path().join("gazette.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages[0].contains("某某市人民政府公报") && pages[0].contains("2025年第2期"));
    assert_eq!(pages[1].trim(), "", "the cover's verso is blank");
    // The contents entry breaks its title at a word boundary (after the
    // agency), so the words are read across its lines.
    let contents: String = pages[2].chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        contents.contains("目")
            && contents.contains("攀枝花市人民政府办公室2024年政府信息公开工作年度报告")
    );
    assert!(
        // By its agency (the file's name where it did not load), never
        // by a path (issue 20).
        pages[2].contains("未编入本册的报告")
            && pages[2].contains("某某局")
            && !pages[2].contains("reports/")
            && !pages[2].contains(".yaml"),
        "the contents name the missing report: {}",
        pages[2]
    );
    let squeezed = |p: &str| p.replace([' ', '\u{2060}'], "");
    assert!(
        squeezed(pages[2]).contains("—1—"),
        "the contents open the page numbering"
    );
    for agency in ["攀枝花市人民政府办公室", "某某县档案馆", "某某镇人民政府"]
    {
        let start = pages
            .iter()
            .position(|p| p.trim_start().starts_with(agency))
            .unwrap_or_else(|| panic!("{agency} not at a page top"));
        // Two unnumbered sheets (cover, verso) come before printed page 1.
        let printed = start - 1;
        assert!(
            printed % 2 == 1,
            "{agency} starts on printed page {printed}"
        );
        assert!(
            squeezed(pages[start]).contains(&format!("—{printed}—")),
            "printed page number {printed}"
        );
    }
    // The PDF outline (bookmarks): one entry per report, each with its six
    // sections under it (closed).
    let raw = String::from_utf8_lossy(&pdf);
    let root = raw.find("/Type/Outlines").expect("an outline");
    let root = &raw[root..root + raw[root..].find(">>").unwrap()];
    assert!(root.ends_with("/Count 3"), "{root}");
    assert_eq!(
        raw.matches("/Count -6").count(),
        3,
        "six sections under each report"
    );
    // A verso left blank before a report carries no number; the pages that
    // have one are numbered in sequence.
    for (i, p) in pages.iter().enumerate().skip(2) {
        if p.trim().is_empty() {
            assert!(!squeezed(p).contains('—'), "blank page {i} is numbered");
        }
    }
    assert!(
        pages.iter().skip(2).any(|p| p.trim().is_empty()),
        "a blank verso exists"
    );
    // The viewer's page labels are the printed numbers: none on the cover
    // and its verso, 1 from the contents on.
    assert!(raw.contains("/PageLabels"), "page labels");
    assert!(raw.contains("<</Type/PageLabel/S/D/St 1>>"));
    // Dot leaders fill the rest of each contents line.
    assert!(pages[2].contains(". . . . ."), "{}", pages[2]);
}

#[test]
fn archival_pdf_identifies_as_pdf_a_2b_with_embedded_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("panzhihua-2024.yaml");
    let out = run(
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            "a.pdf",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>")
            && text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "PDF/A-2b is the default"
    );
    let yaml = std::fs::read(&input).unwrap();
    assert!(
        text.contains(&format!("sha256:{}", gxreport::pipeline::sha256(&yaml))),
        "input hash in the metadata"
    );
    let out = run(
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            "b.pdf",
            "--pdf-standard",
            "a-2b,ua-1",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text =
        String::from_utf8_lossy(&std::fs::read(dir.path().join("b.pdf")).unwrap()).into_owned();
    assert!(text.contains("<pdfuaid:part>1</pdfuaid:part>"));
    let out = run(
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            "c.pdf",
            "--pdf-standard",
            "none",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&std::fs::read(dir.path().join("c.pdf")).unwrap())
            .contains("pdfaid:part")
    );
}

#[test]
fn the_creation_date_comes_from_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("minimal.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_gxreport"))
        .args([
            "build",
            input.to_str().unwrap(),
            "-o",
            "e.pdf",
            "--no-system-fonts",
        ])
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1737331200")
        .output()
        .unwrap();
    assert!(out.status.success());
    let info = Command::new("pdfinfo")
        .arg(dir.path().join("e.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let line = info
        .lines()
        .find(|l| l.starts_with("CreationDate:"))
        .unwrap_or_else(|| panic!("{info}"));
    assert!(line.contains("Jan 20") && line.contains("2025"), "{line}");
}

/// A volume without one unit is not printed silently: refused unless asked.
#[test]
fn a_bundle_with_a_failed_report_is_refused_by_default() {
    let dir = reports();
    let out = run(
        &[
            "build",
            "reports",
            "-o",
            "out",
            "--bundle",
            "gazette.pdf",
            "--message-format",
            "json",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("错误：汇编未生成：1 份报告生成失败（某某局（reports/d-broken.yaml））"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("gazette.pdf").exists());
    // The JSON stream: one line per report, then the summary.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "{stdout}");
    let last = &lines[4]["summary"];
    assert_eq!(last["built"], 3);
    assert_eq!(last["failed"], 1);
    assert_eq!(last["exit"], 2);
    let failed = lines[..4].iter().find(|l| l["status"] == "failed").unwrap();
    assert_eq!(failed["agency"], "某某局");
    assert_eq!(failed["year"], 2025);
    assert!(
        failed["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains("错误[R3]")),
        "errors are where they belong: {failed}"
    );
    let m = manifest(dir.path());
    assert!(m["bundle"].is_null());
}

/// Long county agency names fill the contents line: the title wraps and its
/// page number stays on the last line, after the dot leaders, never alone on
/// a line of its own.
#[test]
fn long_titles_keep_their_page_number_on_the_contents_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();
    let minimal = std::fs::read_to_string(example("minimal.yaml")).unwrap();
    // Names whose titles end near the right edge (seen in a trial).
    for name in [
        "某某县人力资源和社会保障局",
        "某某县住房和城乡建设局",
        "某某县文化广电和旅游局",
        "某某市生态环境局某某分局",
    ] {
        let yaml = minimal.replace("agency: 某某县档案馆", &format!("agency: {name}"));
        assert!(yaml.contains(name));
        std::fs::write(d.join("in").join(format!("{name}.yaml")), yaml).unwrap();
    }
    let out = run(
        &[
            "build",
            "in",
            "-o",
            "out",
            "--bundle",
            "v.pdf",
            "--no-system-fonts",
        ],
        d,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = Command::new("pdftotext")
        .args(["-layout", "-f", "3", "-l", "3"])
        .arg(d.join("v.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let contents = String::from_utf8_lossy(&text.stdout).into_owned();
    let numbered: Vec<&str> = contents
        .lines()
        .map(str::trim)
        .filter(|l| l.ends_with(|c: char| c.is_ascii_digit()) && !l.contains('—'))
        .collect();
    assert_eq!(
        numbered.len(),
        4,
        "one numbered line per report:\n{contents}"
    );
    for line in numbered {
        assert!(
            line.contains(". ") || line.contains("报告"),
            "a page number alone on its line: {line:?}\n{contents}"
        );
    }
}

/// Two reports that would be written to one file are named, and the fix is
/// a pattern that does tell them apart, never the one in use (issue 22).
#[test]
fn clashing_output_names_get_a_pattern_that_separates_them() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(crate::common::example("minimal.yaml")).unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        minimal.replace("某某县档案馆", "甲局"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        minimal.replace("某某县档案馆", "乙局"),
    )
    .unwrap();
    let out = crate::common::gx(
        &[
            "build",
            "a.yaml",
            "b.yaml",
            "-o",
            "out/",
            "--name-pattern",
            "{year}",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        crate::common::stderr(&out).trim_end(),
        "错误：“a.yaml”和“b.yaml”的输出文件同名：“out/2025.pdf”。请用 --name-pattern \"{agency}-{year}\" 区分。"
    );
    // The suggested pattern, applied literally, builds both.
    let out = crate::common::gx(
        &[
            "build",
            "a.yaml",
            "b.yaml",
            "-o",
            "out/",
            "--name-pattern",
            "{agency}-{year}",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", crate::common::stderr(&out));
    assert!(dir.path().join("out/甲局-2025.pdf").exists());
    assert!(dir.path().join("out/乙局-2025.pdf").exists());
}
