//! `gxreport check`: rules with passing and failing fixtures, the JSON form,
//! exit codes, and how `build` obeys the checks. (The failing fixture of each
//! rule, with its exact message, is in `tests/bad/`.)

use std::process::Output;

use crate::common::{root, stderr};

fn run(args: &[&str]) -> Output {
    crate::common::gx(args, &root())
}

#[test]
fn the_examples_and_the_passing_fixtures_have_no_findings() {
    for file in [
        "examples/panzhihua-2024.yaml",
        "examples/minimal.yaml",
        "tests/good/rules-hold-with-written-totals.yaml",
        "tests/good/prose-agrees-with-tables.yaml",
        "tests/good/last-year.yaml",
        "tests/good/years-named-on-purpose.yaml",
    ] {
        let out = run(&["check", file]);
        assert_eq!(stderr(&out), "检查完毕：没有发现问题。\n", "{file}");
        assert_eq!(out.status.code(), Some(0), "{file}");
    }
}

#[test]
fn last_years_report_is_compared_when_given() {
    let out = run(&[
        "check",
        "tests/good/this-year-follows.yaml",
        "--previous",
        "tests/good/last-year.yaml",
    ]);
    assert_eq!(
        (out.status.code(), stderr(&out).as_str()),
        (Some(0), "检查完毕：没有发现问题。\n")
    );
    let out = run(&[
        "check",
        "tests/good/this-year-drifts.yaml",
        "--previous",
        "tests/good/last-year.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1), "warnings only");
    assert_eq!(
        stderr(&out),
        "警告[X2]: 行政规范性文件·现行有效件数 为 25，按上年 20 加本年制发件数 2、减本年废止件数 1 应为 21。
 --> tests/good/this-year-drifts.yaml:5:59
  |
5 |   normative_documents: {issued: 2, repealed: 1, in_force: 25}
  |                                                           ^^ 应为 21，实际为 25
  |
  = 提示: 如本年开展了文件清理、重新核定了现行有效件数，可不理会此警告。

警告[X1]: 二、上年结转政府信息公开申请数量·自然人 为 0，但上年报告的四、结转下年度继续办理·自然人 为 1。
 --> tests/good/this-year-drifts.yaml:7:3
  |
7 |   received: [3, 0, 0, 0, 0, 0]
  |   ^^^^^^^^ 应为 1，实际为 0
  |
  = 提示: 上年结转的数字通常等于上年报告中结转下年度继续办理的数字。

检查完毕：0 个错误，2 个警告。
"
    );
}

#[test]
fn json_lists_every_finding_for_scripts() {
    let out = run(&[
        "check",
        "tests/bad/several-problems.yaml",
        "--message-format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "", "JSON mode writes only to stdout");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["file"], "tests/bad/several-problems.yaml");
    let findings = v["findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // The rest of the file is checked too (E-EMPTY); the rules that read
    // the unread values are named as not checked (W-UNCHECKED).
    assert_eq!(
        codes,
        ["E-EMPTY", "R5", "E-LENGTH", "E-KEY", "R5", "W-UNCHECKED"]
    );
    assert_eq!(findings[1]["severity"], "error");
    assert_eq!(
        findings[1]["pos"],
        serde_json::json!({"line": 5, "column": 17})
    );
    let r1 = run(&[
        "check",
        "tests/bad/r1-sources-not-results.yaml",
        "--message-format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&r1.stdout).unwrap();
    // Expected and found are those of the cell under the caret (四、结转下年度).
    assert_eq!(v["findings"][0]["expected"], "2");
    assert_eq!(v["findings"][0]["found"], "1");
}

#[test]
fn build_refuses_inconsistent_figures_unless_told_to_reproduce_them() {
    let dir = tempfile::tempdir().unwrap();
    let out_pdf = dir.path().join("r.pdf");
    let bad = "tests/bad/r1-sources-not-results.yaml";
    let out = run(&["build", bad, "-o", out_pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("错误[R1]: 自然人列勾稽关系不成立"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).ends_with("未生成 PDF：请修改上述问题后重试。\n"));
    assert!(!out_pdf.exists());
    let out = run(&[
        "build",
        bad,
        "-o",
        out_pdf.to_str().unwrap(),
        "--allow-inconsistent",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("注意：数据不符合勾稽关系，已按 --allow-inconsistent 照原样生成。")
    );
    assert!(std::fs::read(&out_pdf).unwrap().starts_with(b"%PDF"));
    // A reference that names no figure cannot be printed, flag or not.
    let out = run(&[
        "build",
        "tests/bad/unknown-figure-reference.yaml",
        "-o",
        out_pdf.to_str().unwrap(),
        "--allow-inconsistent",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("错误[E-REF]"));
    // check says why its errors leave the exit code at 1.
    let out = run(&[
        "check",
        "tests/bad/r1-sources-not-results.yaml",
        "--allow-inconsistent",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).ends_with(
        "检查完毕：1 个错误，0 个警告。\n（有 --allow-inconsistent：这些错误照原样保留，不阻止生成，退出码为 1。）\n"
    ), "{}", stderr(&out));
}

#[test]
fn figure_references_print_the_table_figure() {
    let r = crate::common::load_yaml(
        &std::fs::read_to_string(root().join("tests/good/prose-agrees-with-tables.yaml")).unwrap(),
    );
    let text = crate::common::pdf_text(&crate::common::pdf(&r));
    assert!(
        text.contains("全年共收到政府信息公开申请5件，办结4件，另有1件结转下年度办理。"),
        "{text}"
    );
}

/// In the audit table, a file that does not load (a mistyped key) still
/// shows the agency and year its lines state.
#[test]
fn the_audit_names_the_agency_of_a_file_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join("examples/minimal.yaml"), d.join("a.yaml")).unwrap();
    std::fs::write(
        d.join("b.yaml"),
        "agency: 某某局\nyear: 2025\noverview: 正文\nproblems: 无。\nrequests:\n  recieved: [1, 0, 0, 0, 0, 0]\n",
    )
    .unwrap();
    let out = crate::common::gx(&["check", "a.yaml", "b.yaml", "--no-system-fonts"], d);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let row = err
        .lines()
        .find(|l| l.starts_with("b.yaml "))
        .unwrap_or_default();
    let words: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "b.yaml",
            "某某局",
            "2025",
            "1",
            "1",
            "E-KEY×1",
            "W-UNCHECKED×1",
            "不能"
        ],
        "{err}"
    );
}

/// A fee typed in 元 passes alone (156000 万元 is possible), but against last
/// year's 12.35 万元 it is named (issue 22).
#[test]
fn a_fee_typed_in_yuan_is_named_against_last_year() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root().join("examples/panzhihua-2024.yaml")).unwrap();
    let last = example.replacen("  fees: 0 ", "  fees: 12.35 ", 1);
    assert_ne!(last, example);
    std::fs::write(dir.path().join("last.yaml"), &last).unwrap();
    let init = crate::common::gx(
        &["init", "--from", "last.yaml", "-o", "this.yaml"],
        dir.path(),
    );
    assert!(init.status.success(), "{}", stderr(&init));
    let this = std::fs::read_to_string(dir.path().join("this.yaml")).unwrap();
    let line = this
        .lines()
        .find(|l| l.trim_start().starts_with("fees:"))
        .unwrap()
        .to_string();
    std::fs::write(
        dir.path().join("this.yaml"),
        this.replace(&line, "  fees: 156000"),
    )
    .unwrap();
    let alone = crate::common::gx(&["check", "this.yaml"], dir.path());
    assert!(!stderr(&alone).contains("W-FEE"), "{}", stderr(&alone));
    let against = crate::common::gx(
        &["check", "this.yaml", "--previous", "last.yaml"],
        dir.path(),
    );
    assert!(
        stderr(&against).contains(
            "行政事业性收费为 156000 万元，是上一年度（12.35 万元）的 12632 倍，是否误填为元？"
        ),
        "{}",
        stderr(&against)
    );
}

/// One slip does not hide the rest (issue 22): a figure typed “1，234” is
/// asked about (never guessed), the other rows of the same run are still
/// checked, and the fix the hint writes out, applied literally, passes.
#[test]
fn a_figure_with_a_full_width_separator_is_asked_about_and_the_fix_works() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = |received: &str, granted: &str| {
        format!(
            "agency: 某局\nyear: 2025\noverview: 全年工作正常开展。\nrequests:\n  received: [{received}]\n  granted: [{granted}]\nproblems: 无。\n"
        )
    };
    let check = |text: &str| {
        std::fs::write(dir.path().join("r.yaml"), text).unwrap();
        crate::common::gx(&["check", "r.yaml"], dir.path())
    };
    // Six figures either way: both readings are offered. The granted row
    // is wrong as well: its R3 needs no figure of the unread row.
    let first = check(&yaml("1，234, 0, 0, 0, 0, 0", "1234, 0, 0, 0, 0, 0, 1"));
    let err = stderr(&first);
    assert_eq!(first.status.code(), Some(2), "{err}");
    assert!(err.contains("错误[E-VALUE]: 一、本年新收政府信息公开申请数量：“1，234”中间用了中文逗号“，”，不能确定是一个数 1234 还是 2 个数。"), "{err}");
    assert!(err.contains("提示: 如果是一个数，请写成 1234（数字中不加分节号）；如果是 2 个数，请把中文逗号“，”改为英文逗号“,”：[1, 234]。"), "{err}");
    assert!(err.contains("错误[R3]: （一）予以公开·总计"), "{err}");
    assert!(err.contains("警告[W-UNCHECKED]"), "{err}");
    assert!(
        !err.contains("错误[R1]"),
        "no rule on the unread cell: {err}"
    );
    let one = check(&yaml("1234, 0, 0, 0, 0, 0", "1234, 0, 0, 0, 0, 0"));
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));

    // Five figures besides it: only two figures give the row its length,
    // and that is the one fix offered.
    let short = check(&yaml("1，234, 0, 0, 0, 0", "1, 234, 0, 0, 0, 0"));
    let err = stderr(&short);
    assert!(
        err.contains(
            "提示: 这一行按 2 个数才是应有的个数：请把中文逗号“，”改为英文逗号“,”：[1, 234]。"
        ),
        "{err}"
    );
    assert!(!err.contains("E-LENGTH"), "{err}");
    let two = check(&yaml("1, 234, 0, 0, 0, 0", "1, 234, 0, 0, 0, 0"));
    assert_eq!(two.status.code(), Some(0), "{}", stderr(&two));
}

/// Slips in the structure of the YAML are named by their cause, and the fix
/// the hint writes out, applied literally, gives a file that passes (issue
/// 22): a pasted paragraph left without indentation, a first-line indent
/// typed by hand, a map with Chinese commas, full-width brackets before a
/// comment.
#[test]
fn structural_slips_are_named_by_cause_and_the_literal_fix_passes() {
    let dir = tempfile::tempdir().unwrap();
    let check = |text: &str| {
        std::fs::write(dir.path().join("r.yaml"), text).unwrap();
        let out = crate::common::gx(&["check", "r.yaml"], dir.path());
        (out.status.code(), stderr(&out))
    };
    let head = "agency: 某局\nyear: 2025\n";
    let tail = "problems: 无。\n";
    type Fix = Box<dyn Fn(&str) -> String>;
    let cases: [(String, &str, Fix); 4] = [
        (
            format!("{head}overview:\n  text: |\n    第一段。\n第二段粘贴在这里。\n{tail}"),
            "提示: 在这一行前面加 4 个空格，与第 5 行的文字对齐",
            Box::new(|t: &str| t.replace("\n第二段", "\n    第二段")),
        ),
        (
            format!("{head}overview:\n  text: |\n      首行缩进的第一段。\n    第二行。\n{tail}"),
            "提示: 删去第 5 行开头多出的 2 个空格",
            Box::new(|t: &str| t.replace("      首行", "    首行")),
        ),
        (
            format!("{head}overview: 正文\n{tail}proactive:\n  rules: {{issued: 3，repealed: 1, in_force: 5}}\n"),
            "提示: 花括号中的各项用英文逗号“,”分开，这一行改为：rules: {issued: 3, repealed: 1, in_force: 5}",
            Box::new(|t: &str| {
                t.replace(
                    "rules: {issued: 3，repealed: 1, in_force: 5}",
                    "rules: {issued: 3, repealed: 1, in_force: 5}",
                )
            }),
        ),
        (
            format!("{head}overview: 正文\n{tail}requests:\n  received: ［0, 0, 0, 0, 0, 0］  # 注释\n"),
            "一行数字写在英文方括号中、用英文逗号分开：[0, 0, 0, 0, 0, 0]\n",
            Box::new(|t: &str| t.replace("［0, 0, 0, 0, 0, 0］", "[0, 0, 0, 0, 0, 0]")),
        ),
    ];
    for (text, hint, fix) in cases {
        let (code, err) = check(&text);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(hint), "{hint}\n{err}");
        let (code, err) = check(&fix(&text));
        assert_eq!(code, Some(0), "after the fix:\n{err}");
    }
}
