//! `gxreport check` on a published report: every finding names the page,
//! paragraph or table row (with its official row and column labels) where
//! the value was printed, never a line of the YAML generated in memory.

use std::path::Path;

use crate::common::{gx, root, stderr};

/// A report whose 自然人 column breaks R1 (5 in, 3 + 1 out) and whose
/// second overview paragraph starts with last year (W-YEAR).
const BROKEN: &str = "agency: 某局
year: 2025
overview: |
  本局认真贯彻落实《条例》，持续深化政务公开。

  2024年，本局主动公开政府信息。
requests:
  received: [5, 0, 0, 0, 0, 0]
  granted: [3, 0, 0, 0, 0, 0]
  carried_forward: [1, 0, 0, 0, 0, 0]
problems: 无。
";

/// `check` of `file` in `dir`, its stderr.
fn check(dir: &Path, file: &str) -> String {
    let out = gx(&["check", file, "--no-system-fonts"], dir);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    err
}

/// No `file:line:column`, no source line with a caret: the YAML the report
/// was checked as is never shown.
fn no_yaml(err: &str, file: &str) {
    assert!(!err.contains(&format!("{file}:")), "{err}");
    assert!(!err.contains(" | "), "{err}");
    assert!(!err.contains('^'), "{err}");
    assert!(!err.contains("requests:"), "{err}");
}

#[test]
fn findings_on_a_published_pdf_name_the_page_and_the_printed_row() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("r.yaml"), BROKEN).unwrap();
    let out = gx(
        &[
            "build",
            "r.yaml",
            "-o",
            "r.pdf",
            "--no-system-fonts",
            "--allow-inconsistent",
        ],
        d,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = check(d, "r.pdf");
    // Table B stands on page 3 (printed “—3—”), the row under its three header rows.
    assert!(
        err.contains(
            "错误[R1]: 自然人列勾稽关系不成立：一、本年新收政府信息公开申请数量加二、上年结转政府信息公开申请数量为 5，（七）总计加四、结转下年度继续办理却为 4。\n\
             --> r.pdf（第3页表格第28行，表三“四、结转下年度继续办理”行、“自然人”列）\n \
             = 核对: 应为 2，实际为 1\n"
        ),
        "{err}"
    );
    // Page 1: two title lines, the lead, the heading 一、, then the paragraphs.
    assert!(
        err.contains(
            "警告[W-YEAR]: 这段文字开头写的是2024年，但报告年度（year）是 2025。\n\
             --> r.pdf（第1页第6段，一、总体情况）\n \
             = 核对: 应为 2025，实际为 2024\n"
        ),
        "{err}"
    );
    no_yaml(&err, "r.pdf");

    // The same in JSON: the printed place, no position.
    let out = gx(
        &[
            "check",
            "r.pdf",
            "--message-format",
            "json",
            "--no-system-fonts",
        ],
        d,
    );
    let json: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{json}");
    assert_eq!(findings[0]["code"], "R1");
    assert_eq!(
        findings[0]["printed_at"],
        "第3页表格第28行，表三“四、结转下年度继续办理”行、“自然人”列"
    );
    assert_eq!(findings[0]["pos"], serde_json::Value::Null);
    assert_eq!(findings[0]["file"], "r.pdf");
    assert_eq!(findings[1]["printed_at"], "第1页第6段，一、总体情况");

    // The YAML it was built from keeps its lines, and no printed place.
    let out = gx(
        &[
            "check",
            "r.yaml",
            "--message-format",
            "json",
            "--no-system-fonts",
        ],
        d,
    );
    let json: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    let r1 = &json["findings"][0];
    assert_eq!(r1["pos"]["line"], 10, "{json}");
    assert!(r1.get("printed_at").is_none(), "{json}");
}

/// A real portal page (沭阳县发展和改革局 2023) with one figure changed: the
/// 自然人 cell of 四、结转下年度继续办理 printed 3 instead of 0.
#[test]
fn findings_on_a_portal_page_name_the_table_and_the_printed_row() {
    let page =
        std::fs::read_to_string(crate::common::shared("reference/shuyang-fgj-2023.html")).unwrap();
    let clean = tempfile::tempdir().unwrap();
    std::fs::write(clean.path().join("page.html"), &page).unwrap();
    let out = gx(&["check", "page.html", "--no-system-fonts"], clean.path());
    let err = stderr(&out);
    // As published: only the blank cells read as 0, a note on the file.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("已按 0 填写。\n--> page.html（第3个表格第4行）\n"),
        "{err}"
    );

    let row = page.find("四、结转下年度继续办理").unwrap();
    let cell = row + page[row..].find(">0<").unwrap();
    let changed = format!("{}>3<{}", &page[..cell], &page[cell + 3..]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), changed).unwrap();
    let err = check(dir.path(), "page.html");
    assert!(
        err.contains(
            "--> page.html（第3个表格第28行，表三“四、结转下年度继续办理”行、“自然人”列）\n \
             = 核对: 应为 0，实际为 3\n"
        ),
        "{err}"
    );
    // The row's printed 总计 (0) no longer adds up: R3 on the same row.
    assert!(
        err.contains(
            "错误[R3]: 四、结转下年度继续办理·总计 应等于自然人至其他六列之和 3，实际填写 0。\n\
             --> page.html（第3个表格第28行，表三“四、结转下年度继续办理”行、“总计”列）\n"
        ),
        "{err}"
    );
    // A note on the whole document names the file alone.
    assert!(
        err.contains("已按 0 填写。\n--> page.html（第3个表格第4行）\n"),
        "{err}"
    );
    no_yaml(&err, "page.html");
}

/// A real report as plain text (攀枝花 2024) with 四、结转下年度继续办理
/// printed as 2 (自然人) and 2 (总计): R1 on the text table's row.
#[test]
fn findings_on_a_text_file_name_the_table_and_the_printed_row() {
    let text =
        std::fs::read_to_string(crate::common::shared("reference/panzhihua-2024-report.txt"))
            .unwrap();
    let printed = "| 四、结转下年度继续办理 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |";
    assert!(text.contains(printed));
    let changed = text.replace(
        printed,
        "| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 | |",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), changed).unwrap();
    let err = check(dir.path(), "report.txt");
    assert!(
        err.contains(
            "错误[R1]: 自然人列勾稽关系不成立：一、本年新收政府信息公开申请数量加二、上年结转政府信息公开申请数量为 21，（七）总计加四、结转下年度继续办理却为 23。\n\
             --> report.txt（第77行，表三“四、结转下年度继续办理”行、“自然人”列）\n \
             = 核对: 应为 0，实际为 2\n"
        ),
        "{err}"
    );
    no_yaml(&err, "report.txt");
}

/// A Word document of the same broken report: its tables are counted, its
/// paragraphs numbered as Word numbers them.
#[test]
fn findings_on_a_word_document_name_the_table_and_the_printed_row() {
    let report = crate::common::load_yaml(BROKEN);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("report.docx"),
        crate::import::docx_of(&report),
    )
    .unwrap();
    let err = check(dir.path(), "report.docx");
    assert!(
        err.contains(
            "--> report.docx（第2个表格第28行，表三“四、结转下年度继续办理”行、“自然人”列）\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("--> report.docx（第6段，一、总体情况）\n"),
        "{err}"
    );
    no_yaml(&err, "report.docx");
}

/// Prose in items and the closing lines are placed too: a paragraph of an
/// item by its own paragraph, the date as the 成文日期.
#[test]
fn findings_on_items_and_the_date_name_their_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("r.yaml"),
        "agency: 某局
year: 2025
overview:
  text: |
    本局持续深化政务公开。
  items:
    - heading: 主动公开
      text: |
        全年主动公开信息 12 条。

        2024年，本局主动公开政府信息。
problems: 无。
other_matters: 无。
signature: 某局
date: 2026年3月5日
",
    )
    .unwrap();
    let out = gx(&["build", "r.yaml", "-o", "r.pdf", "--no-system-fonts"], d);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = gx(&["check", "r.pdf", "--no-system-fonts"], d);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "警告[W-YEAR]: 这段文字开头写的是2024年，但报告年度（year）是 2025。\n\
             --> r.pdf（第1页第7段，一、总体情况）\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "警告[W-DATE]: 成文日期 2026年3月5日 晚于公布期限 2026年1月31日。\n\
             --> r.pdf（第4页第7段，成文日期）\n"
        ),
        "{err}"
    );
    no_yaml(&err, "r.pdf");
}

/// A page that opens with the end of the previous page's paragraph counts
/// that end as its 第1段, as a clerk counting blocks of text would: the
/// paragraph starting below it is 第2段.
#[test]
fn a_paragraph_carried_over_a_page_counts_as_that_pages_first() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let yaml = std::fs::read_to_string(root().join("examples/panzhihua-2024.yaml"))
        .unwrap()
        .replace(
            "全年共收到依申请公开信件21件",
            "全年共收到依申请公开信件25件",
        );
    assert!(yaml.contains("信件25件"));
    std::fs::write(d.join("r.yaml"), yaml).unwrap();
    let out = gx(&["build", "r.yaml", "-o", "r.pdf", "--no-system-fonts"], d);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = gx(&["check", "r.pdf", "--no-system-fonts"], d);
    let err = stderr(&out);
    assert!(err.contains("警告[X3]"), "{err}");
    // Page 2 opens with the tail of （一）'s paragraph from page 1.
    assert!(
        err.contains("--> r.pdf（第2页第2段，一、总体情况）"),
        "{err}"
    );
}
