//! `gxreport build` through the binary: files, messages, exit codes.

use std::path::Path;

use crate::common::{example, gx as gxreport, stderr};

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn output_defaults_to_the_input_name_with_pdf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("minimal.yaml"), dir.path().join("县档案馆.yaml")).unwrap();
    let out = gxreport(&["build", "县档案馆.yaml", "--no-system-fonts"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "字体：本机没有官方字体（仿宋_GB2312 等），使用内置开源字体（gxreport fonts 可查看详情）。\n已生成 县档案馆.pdf\n"
    );
    let pdf = std::fs::read(dir.path().join("县档案馆.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(files_in(dir.path()), ["县档案馆.pdf", "县档案馆.yaml"]);
}

#[test]
fn the_same_input_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("panzhihua-2024.yaml");
    let input = input.to_str().unwrap();
    for name in ["a.pdf", "b.pdf"] {
        let out = gxreport(&["build", input, "-o", name], dir.path());
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let a = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b.pdf")).unwrap();
    assert!(a.len() > 10_000);
    assert!(a == b, "two builds differ");
}

#[test]
fn a_failed_build_leaves_the_old_report_intact() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.pdf"), b"the published report").unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "agency: 某某局\nyear: 2025\noverview: 正文\nproblems: 无。\nrequests:\n  received: [1, -1, 0, 0, 0, 0]\n",
    )
    .unwrap();
    let out = gxreport(&["build", "bad.yaml", "-o", "report.pdf"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "错误[R5]: 一、本年新收政府信息公开申请数量·商业企业：件数不能为负数：“-1”。
 --> bad.yaml:6:17
  |
6 |   received: [1, -1, 0, 0, 0, 0]
  |                 ^^
  |
  = 提示: 件数只能填写 0 或正整数。

警告[W-UNCHECKED]: 表三有读不出或不合要求的数字、键，这次没有检查依赖它们的规则：表三按列相加的 R1、R2 和所在行的 R3，文字与表格的核对 X3；其余各项已照常检查。
--> bad.yaml
 = 提示: 改正上面的错误后请再检查一次，这些核对才会进行。

检查完毕：1 个错误，1 个警告。
未生成 PDF：请修改上述问题后重试。
"
    );
    assert_eq!(
        std::fs::read(dir.path().join("report.pdf")).unwrap(),
        b"the published report"
    );
    assert_eq!(
        files_in(dir.path()),
        ["bad.yaml", "report.pdf"],
        "no temporary file left behind"
    );
}

#[test]
fn an_output_folder_that_does_not_exist_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("minimal.yaml");
    let out = gxreport(
        &["build", input.to_str().unwrap(), "-o", "没有的文件夹/r.pdf"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "错误：无法写入“没有的文件夹/r.pdf”：文件夹“没有的文件夹”不存在。\n"
    );
}

#[test]
fn a_missing_input_or_a_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = gxreport(&["build", "没有.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("错误[E-FILE]: 无法读取文件：文件或文件夹不存在\n--> 没有.yaml\n = 提示: 请检查文件路径是否正确。"), "{}", stderr(&out));
    let out = gxreport(&["build", "."], dir.path());
    assert!(
        stderr(&out) == "错误：文件夹“.”中没有 .yaml 报告数据文件。\n",
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_explains_every_flag_in_chinese_and_english() {
    let out = gxreport(&["build", "--help"], Path::new("."));
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "生成年度报告 PDF（也可 PNG/SVG），可一次生成多份 / Build the report PDF",
        "用法 Usage: gxreport build",
        "参数 Arguments:",
        "选项 Options:",
        "显示帮助 / Print help",
        "报告数据文件（YAML）、填好的 Word 模板（.docx）或已发布的报告（PDF、网页、文本），或存放多份报告的文件夹，可给出多个 / Report YAML files, filled Word templates, published reports, or folders of them",
        "输出文件（单份报告）或输出文件夹（多份）；默认与输入同名、放在输入旁边 / Output file",
        "替换内置模板 / Use report.typ.j2",
        "征求意见稿：每页加斜向水印",
        "征求意见稿水印的文字（隐含 --draft）",
        "PDF 标准：a-2b（默认，档案馆要求）",
        "同时把全部报告排成一册",
        "不使用本机安装的字体",
        "在此文件夹中查找官方字体",
    ] {
        assert!(help.contains(needle), "--help lacks {needle:?}:\n{help}");
    }
}

#[test]
fn a_template_dir_overrides_the_style() {
    let dir = tempfile::tempdir().unwrap();
    let style = include_str!("../../templates/style.typ")
        .replace("#let table-b-size = 9pt", "#let table-b-size = 8pt");
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    std::fs::write(dir.path().join("tpl/style.typ"), &style).unwrap();
    let input = example("panzhihua-2024.yaml");
    let a = gxreport(
        &["build", input.to_str().unwrap(), "-o", "a.pdf"],
        dir.path(),
    );
    let b = gxreport(
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            "b.pdf",
            "--template-dir",
            "tpl",
        ],
        dir.path(),
    );
    assert!(a.status.success() && b.status.success(), "{}", stderr(&b));
    assert_ne!(
        std::fs::read(dir.path().join("a.pdf")).unwrap(),
        std::fs::read(dir.path().join("b.pdf")).unwrap()
    );
    // A broken style is a clear error naming the file, and writes nothing.
    std::fs::write(
        dir.path().join("tpl/style.typ"),
        "#let report(..args) = {\n",
    )
    .unwrap();
    let c = gxreport(
        &[
            "build",
            input.to_str().unwrap(),
            "-o",
            "c.pdf",
            "--template-dir",
            "tpl",
        ],
        dir.path(),
    );
    assert_eq!(c.status.code(), Some(2));
    assert!(stderr(&c).contains("style.typ:"), "{}", stderr(&c));
    assert!(!dir.path().join("c.pdf").exists());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // The reader goes away before gxreport writes (like `gxreport schema | true`).
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gxreport"))
        .arg("schema")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // Nothing said, and either all was written before the reader left or
    // the default SIGPIPE ended the process, as for any Unix tool.
    assert_eq!(err, "", "a closed pipe is not an error to report");
    use std::os::unix::process::ExitStatusExt;
    assert!(
        out.status.success() || out.status.signal() == Some(libc_sigpipe()),
        "{:?}",
        out.status
    );
}

/// The README's first command is `cargo run -- build …`: with the benchmark
/// binary beside gxreport, the manifest must name the one `cargo run` starts.
#[test]
fn cargo_run_starts_gxreport() {
    let manifest = include_str!("../../Cargo.toml");
    assert!(manifest.contains("default-run = \"gxreport\""));
    let readme = include_str!("../../README.md");
    assert!(readme.contains("cargo run -- build examples/panzhihua-2024.yaml -o report.pdf"));
}

/// SIGPIPE's number on Linux and the BSDs.
fn libc_sigpipe() -> i32 {
    13
}

#[test]
fn draft_before_the_input_builds_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("minimal.yaml");
    let out = gxreport(
        &[
            "build",
            "--draft",
            input.to_str().unwrap(),
            "-o",
            "x.pdf",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = crate::common::pdf_text(&std::fs::read(dir.path().join("x.pdf")).unwrap());
    assert!(text.contains("征求意见稿"), "{text}");
    let out = gxreport(
        &[
            "build",
            input.to_str().unwrap(),
            "--draft-text",
            "送审稿",
            "-o",
            "y.pdf",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = crate::common::pdf_text(&std::fs::read(dir.path().join("y.pdf")).unwrap());
    assert!(text.contains("送审稿"), "{text}");
}

#[test]
fn clap_errors_are_told_in_chinese() {
    let out = gxreport(&["build", "--no-such-flag", "r.yaml"], Path::new("."));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("错误 error: 不认识的参数“--no-such-flag”。"),
        "{err}"
    );
    assert!(err.contains("用法 Usage: gxreport build"), "{err}");
    let out = gxreport(&["build", "r.yaml", "--format", "docx"], Path::new("."));
    let err = stderr(&out);
    assert!(
        err.contains("参数 --format <FORMAT> 的值“docx”不对，可用的值：pdf、png、svg、html。"),
        "{err}"
    );
    let out = gxreport(&["chekc"], Path::new("."));
    assert!(
        stderr(&out).contains("没有“chekc”这个命令"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_takes_several_files_and_folders() {
    let root = crate::common::root();
    let out = gxreport(
        &[
            "check",
            "examples",
            "tests/bad/r1-sources-not-results.yaml",
            "--no-system-fonts",
        ],
        &root,
    );
    assert_eq!(out.status.code(), Some(2), "the worst of them decides");
    let err = stderr(&out);
    assert!(err.contains("examples/minimal.yaml：检查完毕"), "{err}");
    assert!(
        err.contains("examples/panzhihua-2024.yaml：检查完毕"),
        "{err}"
    );
    assert!(err.contains("错误[R1]"), "{err}");
}

#[test]
fn an_output_folder_takes_the_report_and_odd_outputs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = example("minimal.yaml");
    let input = input.to_str().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    for target in ["out", "new/"] {
        let o = gxreport(
            &["build", input, "-o", target, "--no-system-fonts"],
            dir.path(),
        );
        assert!(o.status.success(), "{target}: {}", stderr(&o));
        assert!(
            dir.path().join(target).join("minimal.pdf").exists(),
            "{target}"
        );
    }
    let o = gxreport(&["build", input, "-o", "报告.docx"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "错误：不能生成 .docx 文件“报告.docx”：可以生成的格式有 PDF（.pdf）、PNG（.png，每页一张）、SVG（.svg，每页一张）和网页（.html，旁边另生成 PDF）。\n"
    );
    let o = gxreport(
        &["build", input, "-o", "报告", "--no-system-fonts"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("注意：输出文件“报告”没有扩展名，已写为“报告.pdf”。"));
    assert!(dir.path().join("报告.pdf").exists());
    let o = gxreport(
        &["build", input, "-o", "out", "--name-pattern", "{agnecy}"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("“{agnecy}”不认识。是不是要写 {agency}？"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_font_path_that_gives_nothing_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("空")).unwrap();
    let o = gxreport(
        &[
            "fonts",
            "--font-path",
            "不存在",
            "--font-path",
            "空",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    let err = stderr(&o);
    assert!(
        err.contains("警告：字体文件夹“不存在”不存在或不是文件夹，已忽略。"),
        "{err}"
    );
    assert!(
        err.contains("警告：字体文件夹“空”中没有可读的字体文件"),
        "{err}"
    );
}

#[test]
fn fonts_with_a_broken_report_exits_2() {
    let o = gxreport(
        &[
            "fonts",
            "tests/bad/r1-sources-not-results.yaml",
            "--no-system-fonts",
        ],
        &crate::common::root(),
    );
    // The glyphs are fine, the file loads: exit 0; a file that does not load: 2.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = gxreport(
        &[
            "fonts",
            "tests/bad/unknown-key-top.yaml",
            "--no-system-fonts",
        ],
        &crate::common::root(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn previous_of_another_year_or_agency_is_flagged() {
    let root = crate::common::root();
    let o = gxreport(
        &[
            "check",
            "examples/minimal.yaml",
            "--previous",
            "examples/panzhihua-2024.yaml",
            "--no-system-fonts",
        ],
        &root,
    );
    let err = stderr(&o);
    assert!(err.contains("警告[W-PREVIOUS]"), "{err}");
    assert!(
        err.contains("--previous 给出的是“攀枝花市人民政府办公室”的报告"),
        "{err}"
    );
    // Another unit's figures are not compared: X1 and X2 are skipped, and said so.
    assert!(err.contains("X1、X2 没有核对"), "{err}");
    assert!(!err.contains("[X1]") && !err.contains("[X2]"), "{err}");
}

/// Last year's report under another spelling of the same unit (the province
/// in front, spaces) is this unit's: no warning, and X1 compares as usual.
#[test]
fn previous_of_the_same_unit_spelt_otherwise_is_compared() {
    let root = crate::common::root();
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root.join("examples/panzhihua-2024.yaml")).unwrap();
    std::fs::write(
        dir.path().join("last.yaml"),
        example.replace(
            "agency: 攀枝花市人民政府办公室",
            "agency: 四川省 攀枝花市人民政府办公室",
        ),
    )
    .unwrap();
    std::fs::copy(
        root.join("examples/panzhihua-2024.yaml"),
        dir.path().join("ex.yaml"),
    )
    .unwrap();
    let init = gxreport(
        &["init", "--from", "ex.yaml", "-o", "this.yaml"],
        dir.path(),
    );
    assert!(init.status.success(), "{}", stderr(&init));
    let o = gxreport(
        &["check", "this.yaml", "--previous", "last.yaml"],
        dir.path(),
    );
    let err = stderr(&o);
    assert!(!err.contains("W-PREVIOUS"), "{err}");
    assert!(!err.contains("[X1]"), "{err}");
    // X1 runs: a carried-over figure changed by hand is caught.
    let this = std::fs::read_to_string(dir.path().join("this.yaml")).unwrap();
    let line = this
        .lines()
        .find(|l| l.trim_start().starts_with("carried_over:"))
        .unwrap()
        .to_string();
    let changed = line.replacen('[', "[7", 1);
    std::fs::write(dir.path().join("this.yaml"), this.replace(&line, &changed)).unwrap();
    let o = gxreport(
        &[
            "check",
            "this.yaml",
            "--previous",
            "last.yaml",
            "--allow-inconsistent",
        ],
        dir.path(),
    );
    assert!(stderr(&o).contains("[X1]"), "{}", stderr(&o));
}
