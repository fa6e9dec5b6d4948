//! The corpus of bad inputs: every file in `tests/bad/` is checked through the
//! binary and its exact output (stderr, exit code) compared with the `.out`
//! file beside it. `GX_BLESS=1 cargo test every_bad_input` rewrites the
//! `.out` files; read every changed one before committing it.
//! Inputs that cannot live in a text file (encodings, huge or hostile files)
//! are made by the tests below.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::gx as run;

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("bad")
}

/// What a clerk sees: the messages, then the exit code.
fn shown(out: &Output) -> String {
    format!(
        "{}exit: {}\n",
        String::from_utf8_lossy(&out.stderr),
        out.status.code().unwrap_or(-1)
    )
}

#[test]
fn every_bad_input_gets_its_exact_message() {
    let dir = bad_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 60, "the corpus holds {} files", names.len());
    let bless = std::env::var_os("GX_BLESS").is_some();
    let mut failures = Vec::new();
    for name in &names {
        let got = shown(&run(&["check", name], &dir));
        let expected_path = dir.join(name.replace(".yaml", ".out"));
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("== {name}\n-- expected:\n{expected}-- got:\n{got}"));
        }
        assert!(!got.contains("panicked"), "{name} panicked");
        assert!(
            got.ends_with("exit: 2\n") || got.ends_with("exit: 1\n"),
            "{name} must not pass"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}

/// The findings part of what `check` or `build` prints (before the summary,
/// the font note and the result line).
fn findings_shown(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .take_while(|l| {
            !["检查完毕", "字体：", "已生成", "未生成"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn check_and_build_agree_on_every_bad_input() {
    let dir = bad_dir();
    let out = tempfile::tempdir().unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let checked = run(&["check", name], &dir);
        let pdf = out.path().join(name.replace(".yaml", ".pdf"));
        let pdf = pdf.to_string_lossy();
        let built = run(&["build", name, "-o", &pdf, "--no-system-fonts"], &dir);
        let refused = |o: &Output| o.status.code() == Some(2);
        if refused(&checked) != refused(&built)
            || findings_shown(&checked) != findings_shown(&built)
        {
            failures.push(format!(
                "== {name}\n-- check:\n{}-- build:\n{}",
                shown(&checked),
                shown(&built)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_bytes(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.yaml"), bytes).unwrap();
    shown(&run(&["check", "in.yaml"], dir.path()))
}

const GOOD: &str = "agency: 某局\nyear: 2025\noverview: 正文\nproblems: 无。\n";

#[test]
fn a_byte_order_mark_is_accepted() {
    assert_eq!(
        check_bytes(format!("\u{feff}{GOOD}").as_bytes()),
        "检查完毕：没有发现问题。\nexit: 0\n"
    );
}

#[test]
fn windows_line_ends_are_accepted() {
    let crlf =
        format!("{GOOD}requests:\n  received: [1, 0, 0, 0, 0, 0]\n  granted: [1, 0, 0, 0, 0, 0]\n")
            .replace('\n', "\r\n");
    assert_eq!(
        check_bytes(crlf.as_bytes()),
        "检查完毕：没有发现问题。\nexit: 0\n"
    );
}

#[test]
fn a_gbk_file_from_notepad_is_read_and_named() {
    let (gbk, _, _) = encoding_rs::GB18030.encode(GOOD);
    assert_eq!(
        check_bytes(&gbk),
        "警告[W-ENCODING]: 文件是 GBK/GB18030 编码（Windows 记事本的“ANSI”），已按 GB18030 读取。\n--> in.yaml\n = 提示: 建议用编辑器“另存为”UTF-8 编码。\n\n检查完毕：0 个错误，1 个警告。\nexit: 1\n"
    );
}

#[test]
fn invalid_utf8_is_refused() {
    assert_eq!(
        check_bytes(b"agency: \xff\xfe\xfd\nyear: 2025\n"),
        "错误[E-FILE]: 文件不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法读取。\n--> in.yaml\n = 提示: 请用编辑器“另存为”UTF-8 编码后重试。\n\n检查完毕：1 个错误，0 个警告。\nexit: 2\n"
    );
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let big = format!("{GOOD}# {}\n", "x".repeat(50 * 1024 * 1024));
    let got = check_bytes(big.as_bytes());
    assert!(
        got.starts_with(&format!(
            "错误[E-FILE]: 文件过大（{} 字节），一份年度报告的数据不超过 4194304 字节。",
            big.len()
        )),
        "{got}"
    );
    assert!(got.ends_with("exit: 2\n"));
}

#[test]
fn an_alias_bomb_is_stopped() {
    // “Billion laughs”: ten levels of ten aliases each, under keys that the
    // loader skips (so nothing but the budget stops the expansion).
    let mut yaml = format!("{GOOD}requests:\n  x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        yaml.push_str(&format!("  x{i}: &a{i} [{refs}]\n"));
    }
    let got = check_bytes(yaml.as_bytes());
    assert!(got.contains("错误[E-YAML]: YAML 格式错误：文件结构过于复杂（嵌套过深或别名引用过多），不像一份年度报告的数据。"), "{got}");
    assert!(got.ends_with("exit: 2\n"), "{got}");
}

#[test]
fn ten_thousand_levels_of_nesting_are_stopped() {
    let yaml = format!("agency: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let got = check_bytes(yaml.as_bytes());
    assert!(got.starts_with("错误[E-YAML]: YAML 格式错误："), "{got}");
    assert!(got.ends_with("exit: 2\n"));
    let block: String = (0..10_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let got = check_bytes(block.as_bytes());
    assert!(got.ends_with("exit: 2\n"), "{got}");
}

#[test]
fn a_folder_or_a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        shown(&run(&["check", "."], dir.path())),
        "错误：文件夹“.”中没有报告（.yaml 数据文件，或已发布的 .pdf、.docx、.html、.txt）。\nexit: 2\n"
    );
    assert_eq!(
        shown(&run(&["check", "没有这个文件.yaml"], dir.path())),
        "错误[E-FILE]: 无法读取文件：文件或文件夹不存在\n--> 没有这个文件.yaml\n = 提示: 请检查文件路径是否正确。\n\n检查完毕：1 个错误，0 个警告。\nexit: 2\n"
    );
}

#[test]
fn an_output_in_a_read_only_place_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), GOOD).unwrap();
    // /sys refuses new files even to root, as a read-only share would.
    let out = run(
        &[
            "build",
            "r.yaml",
            "-o",
            "/sys/report.pdf",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "错误：无法写入“/sys/report.pdf”：没有读写权限。\n"
    );
    let out = run(
        &["build", "r.yaml", "-o", "没有/r.pdf", "--no-system-fonts"],
        dir.path(),
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "错误：无法写入“没有/r.pdf”：文件夹“没有”不存在。\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing written beside the input"
    );
}

#[test]
fn a_gbk_files_error_snippet_shows_its_chinese() {
    let (gbk, _, _) =
        encoding_rs::GB18030.encode("agency: 某局\nyear: 2025\noverview: 正文\n机关名称: 某局\n");
    let got = check_bytes(&gbk);
    assert!(
        got.contains("4 | 机关名称: 某局"),
        "the snippet is drawn from the decoded text: {got}"
    );
    assert!(got.contains("W-ENCODING"), "{got}");
    assert!(got.ends_with("exit: 2\n"), "{got}");
}

/// Every input a clerk may hand over: the corpus, the good fixtures, the examples.
fn every_input() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests/bad", "tests/good", "examples"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "yaml") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// `check` passes (exit 0 or 1) exactly when `build` builds (exit 0 and a
/// PDF written): both go through the one pipeline.
#[test]
fn check_passes_exactly_when_build_builds() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = every_input();
    // Inputs only the pipeline's later steps catch: glyphs and bytes.
    let extra = [
        (
            "rare-glyph.yaml",
            format!("{GOOD}closing: 𠀀\n").into_bytes(),
        ),
        ("gbk.yaml", encoding_rs::GB18030.encode(GOOD).0.into_owned()),
        ("invalid-utf8.yaml", b"agency: \xff\xfe\n".to_vec()),
    ];
    for (name, bytes) in &extra {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        inputs.push(p);
    }
    assert!(inputs.len() > 70, "{} inputs", inputs.len());
    let mut disagree = Vec::new();
    let (mut built, mut refused) = (0, 0);
    for (i, input) in inputs.iter().enumerate() {
        let input = input.to_str().unwrap();
        let check = run(&["check", input, "--no-system-fonts"], dir.path());
        let pdf = dir.path().join(format!("{i}.pdf"));
        let build = run(
            &[
                "build",
                input,
                "-o",
                pdf.to_str().unwrap(),
                "--no-system-fonts",
            ],
            dir.path(),
        );
        let passes = matches!(check.status.code(), Some(0 | 1));
        let builds = build.status.code() == Some(0) && pdf.exists();
        assert!(
            build.status.code() == Some(0) || !pdf.exists(),
            "{input}: a failed build left a file"
        );
        if builds {
            built += 1;
        } else {
            refused += 1;
        }
        if passes != builds {
            disagree.push(format!(
                "{input}: check exit {:?}, build exit {:?}\n{}",
                check.status.code(),
                build.status.code(),
                String::from_utf8_lossy(&build.stderr)
            ));
        }
    }
    assert!(disagree.is_empty(), "{}", disagree.join("\n"));
    // Both outcomes occur, or the test proves nothing.
    assert!(
        built >= 5 && refused >= 60,
        "built {built}, refused {refused}"
    );
}

#[test]
fn a_utf16_file_from_notepad_is_read_and_named() {
    let mut le = vec![0xFF, 0xFE];
    le.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        check_bytes(&le),
        "警告[W-ENCODING]: 文件是 UTF-16 编码（记事本的“Unicode”），已自动读取。\n--> in.yaml\n = 提示: 建议用编辑器“另存为”UTF-8 编码。\n\n检查完毕：0 个错误，1 个警告。\nexit: 1\n"
    );
    let mut be = vec![0xFE, 0xFF];
    be.extend(GOOD.encode_utf16().flat_map(u16::to_be_bytes));
    assert!(check_bytes(&be).contains("UTF-16 大端"));
}

/// Options print too: a draft mark or a volume title with a character no
/// face has is refused in Chinese by check and build alike, never by the
/// PDF export in English.
#[test]
fn option_texts_are_checked_like_the_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), GOOD).unwrap();
    let check = run(
        &[
            "check",
            "r.yaml",
            "--draft-text",
            "送审稿😀",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    let build = run(
        &[
            "build",
            "r.yaml",
            "--draft-text",
            "送审稿😀",
            "-o",
            "r.pdf",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    for out in [&check, &build] {
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(
                "错误[E-GLYPH]: 征求意见稿水印（--draft-text）中的字符“😀”（U+1F600）在一级标题（黑体）可用的字体中都没有，无法印出。"
            ),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(!dir.path().join("r.pdf").exists());
    std::fs::create_dir(dir.path().join("u")).unwrap();
    std::fs::write(dir.path().join("u/r.yaml"), GOOD).unwrap();
    let out = run(
        &[
            "build",
            "u",
            "-o",
            "out",
            "--bundle",
            "v.pdf",
            "--bundle-title",
            "公报|𠀀",
            "--no-system-fonts",
        ],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("PDF/A"), "{err}");
    assert!(
        err.contains("错误：汇编未生成：汇编封面标题（--bundle-title）中的字符“𠀀”（U+20000）"),
        "{err}"
    );
}
