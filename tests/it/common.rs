//! Shared helpers: build reports in-process (fonts are loaded once per test
//! binary) and read back what was laid out.

use std::path::{Path, PathBuf};

use gxreport::report::{load, Report};
use gxreport::typeset::PagedDocument;
use gxreport::{Export, Pipeline, Prepared};
use typst::layout::{FrameItem, Point, Transform};

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

pub fn load_example(name: &str) -> Report {
    load::load_file(&example(name)).unwrap_or_else(|e| panic!("{name} does not load: {e:?}"))
}

pub fn load_yaml(yaml: &str) -> Report {
    load::load_str(yaml, "test.yaml").unwrap_or_else(|e| panic!("does not load: {e:#?}"))
}

/// The pipeline of the layout tests: embedded fonts and templates, plain
/// PDF, and figures that break R1–R4 still laid out (as --allow-inconsistent).
pub fn pipeline() -> Pipeline {
    let mut p = Pipeline::embedded();
    p.standards = Vec::new();
    p.allow_inconsistent = true;
    p
}

/// A model through the pipeline, ready to lay out (panics if it may not be built).
pub fn prepare(report: &Report) -> Prepared {
    let prepared = pipeline().prepare_report(report.clone(), "test.yaml", None);
    assert!(
        !prepared.blocked,
        "the report may not be built: {:#?}",
        prepared.findings
    );
    prepared
}

pub fn typeset(report: &Report) -> PagedDocument {
    pipeline()
        .layout(&prepare(report))
        .unwrap_or_else(|e| panic!("typesetting failed: {e:#?}"))
}

/// Lay out with other templates (a changed style shows what a rule guards),
/// without the pipeline's own layout check, so a test's audit sees the
/// broken layout itself.
pub fn typeset_with(report: &Report, templates: gxreport::render::Templates) -> PagedDocument {
    let mut p = pipeline();
    p.templates = templates;
    let source = p
        .typst_source(&prepare(report))
        .unwrap_or_else(|e| panic!("no source: {e:#?}"));
    gxreport::typeset::compile(source, p.templates.style.clone(), &p.fonts)
        .unwrap_or_else(|e| panic!("typesetting failed: {e:#?}"))
}

pub fn pdf(report: &Report) -> Vec<u8> {
    pipeline()
        .produce(&prepare(report), Export::Pdf)
        .unwrap_or_else(|e| panic!("PDF failed: {e:#?}"))
        .files
        .remove(0)
}

/// One run of shaped text as laid out: page (1-based), left edge and
/// baseline in mm from the page's top-left corner, width in mm, size in pt.
#[derive(Debug, Clone)]
pub struct Run {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
    pub family: String,
    /// Language and region the run was shaped for, e.g. "zh" and "CN".
    pub lang: String,
    pub region: Option<String>,
}

impl Run {
    pub fn center_x(&self) -> f64 {
        self.x + self.width / 2.0
    }
}

/// Every text run of the document, in layout order.
pub fn runs(doc: &PagedDocument) -> Vec<Run> {
    let mut out = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, Transform::identity(), i + 1, &mut out);
    }
    out
}

fn walk(frame: &typst::layout::Frame, ts: Transform, page: usize, out: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(g.transform);
                walk(&g.frame, inner, page, out);
            }
            FrameItem::Text(t) => {
                let p: Point = pos.transform(ts);
                out.push(Run {
                    page,
                    x: p.x.to_mm(),
                    y: p.y.to_mm(),
                    width: t.width().to_mm(),
                    size: t.size.to_pt(),
                    text: t.text.to_string(),
                    family: t.font.info().family.clone(),
                    lang: t.lang.as_str().to_string(),
                    region: t.region.map(|r| r.as_str().to_string()),
                });
            }
            _ => {}
        }
    }
}

/// Runs merged into visual lines: same page, same baseline (±0.5 mm).
pub fn lines(runs: &[Run]) -> Vec<(usize, f64, String)> {
    let mut sorted: Vec<&Run> = runs.iter().collect();
    sorted.sort_by(|a, b| (a.page, a.y, a.x).partial_cmp(&(b.page, b.y, b.x)).unwrap());
    let mut out: Vec<(usize, f64, String)> = Vec::new();
    for r in sorted {
        match out.last_mut() {
            Some((p, y, text)) if *p == r.page && (r.y - *y).abs() < 0.5 => text.push_str(&r.text),
            _ => out.push((r.page, r.y, r.text.clone())),
        }
    }
    out
}

/// The PDF's text as a reader extracts it (poppler's pdftotext), without whitespace.
pub fn pdf_text(pdf: &[u8]) -> String {
    read_pdf_text(pdf, false)
}

/// The same without the page numbers “— n —” (whole lines), so that a
/// paragraph running on to the next page reads as one.
pub fn pdf_text_without_page_numbers(pdf: &[u8]) -> String {
    read_pdf_text(pdf, true)
}

fn read_pdf_text(pdf: &[u8], drop_page_numbers: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) must be installed");
    assert!(out.status.success(), "pdftotext failed");
    // Poppler turns a spacing accent that touches the glyph before it (a
    // compressed “，” then “`”) into a combining one; the PDF itself says “`”.
    let page_number = regex::Regex::new(r"^\s*— \d+ —\s*$").unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !(drop_page_numbers && page_number.is_match(l)))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{300}' => '`',
            '\u{302}' => '^',
            '\u{303}' => '~',
            c => c,
        })
        .collect()
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the project's shared reference material (`../shared/` beside
/// the repository, or where `GX_SHARED` points): real published reports,
/// used from there and not copied into the repository.
pub fn shared(path: &str) -> PathBuf {
    let dir = std::env::var_os("GX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    let file = dir.join(path);
    assert!(
        file.exists(),
        "{} is missing: these tests read the project's shared reference folder; \
         clone the repository beside `shared/` or set GX_SHARED to it",
        file.display()
    );
    file
}

/// Run the gxreport binary in `dir`, as a clerk would; the environment that
/// changes output (`SOURCE_DATE_EPOCH`, `GXREPORT_FONT_PATHS`) is cleared.
pub fn gx(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gxreport"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GXREPORT_FONT_PATHS")
        .output()
        .expect("the gxreport binary runs")
}

/// What the run printed on stderr.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `check` found nothing but placeholders still to be written (W-PLACEHOLDER),
/// at least one, and refuses a final build for them (exit 2).
pub fn only_placeholders(check: &std::process::Output) {
    let err = stderr(check);
    assert_eq!(check.status.code(), Some(2), "{err}");
    let findings: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("错误[") || l.starts_with("警告["))
        .collect();
    assert!(!findings.is_empty(), "{err}");
    assert!(
        findings
            .iter()
            .all(|l| l.starts_with("警告[W-PLACEHOLDER]")),
        "{err}"
    );
}

/// Debian's headless Chromium with only the project's fonts (its own
/// fontconfig file): what it renders does not depend on the fonts a machine
/// happens to have, and a machine with no CJK font renders no boxes. The
/// returned folder holds the configuration; keep it until Chromium exits.
pub fn chromium() -> (std::process::Command, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            root().join("fonts").display(),
            dir.path().join("cache").display()
        ),
    )
    .unwrap();
    let mut command = std::process::Command::new("chromium");
    command.env("FONTCONFIG_FILE", &conf);
    (command, dir)
}
