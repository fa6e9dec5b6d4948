//! Fonts: the embedded set alone, an official face from --font-path, the
//! coverage preflight, and machine-independent output.

use std::process::Command;

use crate::common::{gx as run, root, stderr};

use gxreport::render::Templates;
use gxreport::typeset::fonts::{FontOptions, FontSet};

fn test_fonts() -> String {
    root().join("tests/fixtures/fonts").display().to_string()
}

const HEAD: &str = "agency: 某局\nyear: 2025\n";

#[test]
fn a_character_outside_every_font_is_an_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.yaml"),
        format!("{HEAD}overview: |\n  申请人姓名中有生僻字𠀀。\nproblems: 无。\n"),
    )
    .unwrap();
    let out = run(&["build", "r.yaml", "--no-system-fonts"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "错误[E-GLYPH]: 字符“𠀀”（U+20000）在正文（仿宋）可用的字体中都没有，印出来会是空白方框。\n --> r.yaml:4:13\n"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("r.pdf").exists());
}

#[test]
fn rare_characters_of_names_print_from_the_embedded_set() {
    let r = crate::common::load_yaml(&format!(
        "{HEAD}overview: 王䶮、李堃、张喆、赵赟、刘昇参加培训。\nproblems: 无。\n"
    ));
    assert!(gxreport::pipeline::coverage::check(
        &r,
        gxreport::typeset::fonts::embedded(),
        "r.yaml"
    )
    .is_empty());
    let text = crate::common::pdf_text(&crate::common::pdf(&r));
    assert!(
        text.contains("王䶮、李堃、张喆、赵赟、刘昇参加培训。"),
        "{text}"
    );
}

#[test]
fn an_official_face_from_font_path_sets_the_body() {
    let set = FontSet::discover(&FontOptions {
        font_paths: vec![root().join("tests/fixtures/fonts")],
        system: false,
    });
    let report = crate::common::load_example("panzhihua-2024.yaml");
    let pipeline = gxreport::Pipeline::new(Templates::embedded(), std::borrow::Cow::Owned(set));
    let doc = pipeline
        .layout(&pipeline.prepare_report(report, "r.yaml", None))
        .unwrap();
    let runs = crate::common::runs(&doc);
    let body = runs
        .iter()
        .find(|r| r.text.starts_with("围绕市委市政府"))
        .unwrap();
    assert_eq!(body.family, "FangSong_GB2312");
    let heading = runs.iter().find(|r| r.text == "一、总体情况").unwrap();
    assert_eq!(
        heading.family, "GX Hei",
        "no official 黑体 here: the embedded face stays"
    );

    let out = run(
        &["fonts", "--font-path", &test_fonts(), "--no-system-fonts"],
        &root(),
    );
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        listing.contains(&format!(
            "正文（仿宋）：FangSong_GB2312（--font-path {}/FangSong_GB2312-test.otf）—— 找到官方字体\n",
            test_fonts()
        )),
        "{listing}"
    );
    assert!(listing
        .contains("一级标题（黑体）：GX Hei（内置 fonts/GXHei-Regular.otf）—— 未找到官方字体"));
}

#[test]
fn a_character_only_the_fallback_has_is_a_warning_under_an_official_face() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.yaml"),
        format!("{HEAD}overview: 市政府办公室䶮。\nproblems: 无。\n"),
    )
    .unwrap();
    let out = run(
        &[
            "fonts",
            "r.yaml",
            "--font-path",
            &test_fonts(),
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "警告[W-GLYPH]: 字符“䶮”（U+4DAE）在正文（仿宋）字体 FangSong_GB2312 中没有，将改用 GX FangSong 印出，同一行字体会不一致。\n --> r.yaml:3:17\n"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(
        &[
            "build",
            "r.yaml",
            "--font-path",
            &test_fonts(),
            "--no-system-fonts",
        ],
        dir.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not stop the build: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("字体：标题（小标宋）、一级标题（黑体）、二级标题（楷体）、表格（宋体）、数字和西文（Times 类） 没有找到官方字体，使用内置开源字体（gxreport fonts 可查看详情）。"), "{}", stderr(&out));
}

#[test]
fn without_system_fonts_the_bytes_are_the_embedded_build() {
    let dir = tempfile::tempdir().unwrap();
    let input = root().join("examples/panzhihua-2024.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_gxreport"))
        .args([
            "build",
            input.to_str().unwrap(),
            "-o",
            "a.pdf",
            "--no-system-fonts",
        ])
        .current_dir(dir.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GXREPORT_FONT_PATHS")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The same document made in-process from the embedded set alone.
    let pipeline = gxreport::Pipeline::embedded();
    let in_process = pipeline
        .produce(&pipeline.prepare(&input), gxreport::Export::Pdf)
        .unwrap()
        .files
        .remove(0);
    assert!(std::fs::read(dir.path().join("a.pdf")).unwrap() == in_process);
}

/// `fonts/book.json` is what Typst reads from the embedded files; a font
/// changed without it fails here. `GX_BLESS=1` rewrites it.
#[test]
fn the_font_book_matches_the_embedded_files() {
    let infos = gxreport::typeset::fonts::embedded_infos();
    assert_eq!(infos.len(), 8, "every embedded file gives one face");
    let lines: Vec<String> = infos
        .iter()
        .map(|i| serde_json::to_string(i).unwrap())
        .collect();
    let json = format!("[\n{}\n]\n", lines.join(",\n"));
    let path = root().join("fonts/book.json");
    if std::env::var_os("GX_BLESS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).unwrap() == json,
        "fonts/book.json is stale: run GX_BLESS=1 cargo test -- fonts::the_font_book"
    );
    // And the set in use was built from it.
    let set = gxreport::typeset::fonts::embedded();
    let used: Vec<_> = set.faces().map(|(i, _)| i.clone()).collect();
    assert_eq!(used, infos);
}

/// The faces are parsed when Typst asks for them: the reference report
/// (no rare character) never loads the 11 MiB fallback face.
#[test]
fn a_report_without_rare_characters_never_loads_the_fallback_face() {
    let set = FontSet::discover(&FontOptions::default());
    assert!(set.loaded_families().is_empty());
    let pipeline = gxreport::Pipeline::new(Templates::embedded(), std::borrow::Cow::Owned(set));
    let prepared = pipeline.prepare(&root().join("examples/panzhihua-2024.yaml"));
    gxreport::batch::with_big_stack(|| pipeline.produce(&prepared, gxreport::Export::Pdf))
        .expect("the example builds");
    let loaded = pipeline.fonts.loaded_families();
    assert_eq!(
        loaded,
        [
            "GX FangSong",
            "GX Song",
            "GX BiaoSong",
            "GX Hei",
            "GX Kai",
            "TeX Gyre Termes"
        ],
        "{loaded:?}"
    );
}

/// The manual's font table names, for every role, the embedded face that
/// `gxreport fonts` reports (issue 22: they once disagreed for the tables).
#[test]
fn the_manuals_font_table_names_the_embedded_faces() {
    use gxreport::typeset::roles::{LATIN, ROLES};
    let doc =
        std::fs::read_to_string(crate::common::root().join("docs/layout-and-fonts.md")).unwrap();
    for role in ROLES.iter().chain([&LATIN]) {
        let row = doc
            .lines()
            .find(|l| {
                l.starts_with('|') && l.contains(role.name.split('（').next().unwrap_or(role.name))
            })
            .unwrap_or_else(|| panic!("no row for {}", role.name));
        let embedded = row.rsplit('|').nth(1).unwrap_or_default();
        assert!(
            embedded.trim().starts_with(role.embedded),
            "{}: the table says {embedded:?}, gxreport embeds {}",
            role.name,
            role.embedded
        );
    }
}
