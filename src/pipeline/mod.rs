//! The one build path. Every command — `build` (one report or a batch),
//! `check`, `watch`, `preview`, the gazette bundle, the benchmark — goes
//! through a [`Pipeline`]:
//!
//! 1. [`Pipeline::prepare`]: read and decode the file, load the model, run
//!    every rule (R*, X*), resolve the figure references once, check every
//!    printed character against the fonts; decide whether the report may be
//!    built.
//! 2. [`Pipeline::layout`]: render the Typst source (minijinja), lay it out
//!    and check the laid-out document against the report (`verify`, E-LAYOUT).
//!    `check` ends here ([`Pipeline::check_layout`]), without exporting, so it
//!    passes exactly when `build` builds.
//! 3. [`Pipeline::produce`]: export the laid-out document as PDF, PNG or SVG;
//!    [`Pipeline::bundle`] does a gazette volume.
//!
//! Writing files is the caller's (atomic, see [`crate::output`]).

pub mod coverage;
mod partial;
mod printed;
mod produce;
pub mod verify;

pub use produce::{Artifact, Export};

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::codes::{self, Leniency};
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::view::Options;
use crate::render::Templates;
use crate::report::load::{self, SourceText};
use crate::report::{figures, Report};
use crate::typeset::fonts::FontSet;
use crate::typeset::{self, Standard};

/// What one pipeline builds with: templates, fonts, document options, PDF
/// standards and what the build tolerates. Loaded once, shared by every
/// report of a run (and by every rebuild of `watch`/`preview`).
#[derive(Clone)]
pub struct Pipeline {
    pub templates: Templates,
    pub fonts: Cow<'static, FontSet>,
    /// Draft mark and creation time (`SOURCE_DATE_EPOCH`).
    pub options: Options,
    /// PDF standards of every PDF made (PDF/A-2b by default).
    pub standards: Vec<Standard>,
    /// `--allow-inconsistent`; `--draft` is taken from `options.draft`.
    pub allow_inconsistent: bool,
    /// Empty cells of a Word document mean 0 (`--blank-is-zero`): read it
    /// as a published report, not as a draft.
    pub blank_is_zero: bool,
}

/// A report made ready to build, or the reasons it cannot be.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The input's name in messages.
    pub file: String,
    /// The decoded text the findings' lines and columns refer to.
    pub source: Option<String>,
    /// SHA-256 of the input's bytes as read (hex).
    pub input_sha256: Option<String>,
    /// The model with every figure reference replaced by its figure; None
    /// when the file did not load.
    pub report: Option<Report>,
    /// Everything found, errors first, then in file order.
    pub findings: Vec<Diagnostic>,
    /// Whether any finding stops the build (see [`codes::blocks`]).
    pub blocked: bool,
    /// Where each value of a published report was printed (PDF, Word, web
    /// page, text), for findings made later (the layout check of `check`).
    pub places: Option<crate::import::places::Places>,
}

impl Prepared {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

impl Pipeline {
    /// Embedded templates and fonts, PDF/A-2b, nothing tolerated.
    pub fn embedded() -> Pipeline {
        Pipeline::new(
            Templates::embedded(),
            Cow::Borrowed(typeset::fonts::embedded()),
        )
    }

    pub fn new(templates: Templates, fonts: Cow<'static, FontSet>) -> Pipeline {
        Pipeline {
            templates,
            fonts,
            options: Options::default(),
            standards: vec![Standard::A2b],
            allow_inconsistent: false,
            blank_is_zero: false,
        }
    }

    /// What this pipeline's builds tolerate.
    pub fn leniency(&self) -> Leniency {
        Leniency {
            allow_inconsistent: self.allow_inconsistent,
            draft: self.options.draft.is_some(),
        }
    }

    /// Read, decode, load and check one report file.
    pub fn prepare(&self, path: &Path) -> Prepared {
        self.prepare_against(path, None)
    }

    /// The same, comparing with last year's report (X1, X2).
    pub fn prepare_against(&self, path: &Path, previous: Option<&Report>) -> Prepared {
        let file = path.display().to_string();
        let sha = std::fs::read(path).ok().map(|b| sha256(&b));
        if is_published(path) {
            // A published report (PDF, Word, web page, text) is read into
            // the project's YAML first; its notes lead the findings.
            // A Word document is a draft: its empty cells are unfilled,
            // unless the clerk says that empty means 0.
            let reading = self
                .blank_is_zero
                .then_some(crate::import::Reading::Published);
            return match crate::import::read_with(path, reading) {
                Ok(imported) => {
                    let source = SourceText {
                        text: imported.yaml,
                        notices: imported.notes,
                    };
                    let mut prepared = Prepared {
                        input_sha256: sha,
                        ..self.prepare_source(&source, &file, previous)
                    };
                    // The clerk sees the published document, not that YAML.
                    printed::to_printed(
                        &mut prepared.findings,
                        prepared.report.as_ref(),
                        &imported.places,
                    );
                    prepared.places = Some(imported.places);
                    prepared
                }
                Err(findings) => self.finish(file, None, sha, None, findings),
            };
        }
        match load::read_source(path) {
            Ok(source) => Prepared {
                input_sha256: sha,
                ..self.prepare_source(&source, &file, previous)
            },
            Err(findings) => self.finish(file, None, sha, None, findings),
        }
    }

    /// Load and check YAML text already in memory; `file` names it.
    pub fn prepare_text(&self, text: &str, file: &str) -> Prepared {
        let source = SourceText {
            text: load::line_ends(text).into_owned(),
            notices: Vec::new(),
        };
        Prepared {
            input_sha256: Some(sha256(text.as_bytes())),
            ..self.prepare_source(&source, file, None)
        }
    }

    fn prepare_source(
        &self,
        source: &SourceText,
        file: &str,
        previous: Option<&Report>,
    ) -> Prepared {
        match load::load_source_partial(source, file) {
            Ok(report) => self.prepare_report(report, file, previous),
            Err((mut findings, partial)) => {
                // The rest of the file is checked too, in the same run.
                if let Some(report) = &partial {
                    findings.extend(partial::findings(report, &findings, &source.text, file));
                }
                self.finish(
                    file.to_string(),
                    Some(source.text.clone()),
                    None,
                    None,
                    findings,
                )
            }
        }
    }

    /// Check a model already loaded (tests and tools that edit a model).
    pub fn prepare_report(
        &self,
        report: Report,
        file: &str,
        previous: Option<&Report>,
    ) -> Prepared {
        // X1 and X2 compare with last year's report only when it is this
        // unit's, one year earlier; else they would compare other figures.
        let mismatch = previous
            .map(|last| previous_mismatch(&report, last, file))
            .unwrap_or_default();
        let compared = previous.filter(|_| mismatch.is_empty());
        let mut findings = crate::check::check(&report, file, compared);
        findings.extend(mismatch);
        let (report, unresolved) = figures::resolve(report, file);
        findings.extend(unresolved);
        findings.extend(coverage::check(&report, &self.fonts, file));
        if let Some(mark) = &self.options.draft {
            findings.extend(coverage::check_option(
                &self.fonts,
                "hei",
                mark,
                "征求意见稿水印（--draft-text）",
                file,
            ));
        }
        // What the layout will change and say so (numbered headings, pasted
        // line separators, figures too wide for their cells).
        findings.extend(crate::render::view::findings(&report, file));
        let source = report.source.clone();
        self.finish(file.to_string(), source, None, Some(report), findings)
    }

    fn finish(
        &self,
        file: String,
        source: Option<String>,
        input_sha256: Option<String>,
        report: Option<Report>,
        mut findings: Vec<Diagnostic>,
    ) -> Prepared {
        crate::check::sort(&mut findings);
        let leniency = self.leniency();
        let blocked = report.is_none() || findings.iter().any(|d| codes::blocks(d, leniency));
        Prepared {
            file,
            source,
            input_sha256,
            report,
            findings,
            blocked,
            places: None,
        }
    }
}

/// The draft watermark's default text (`--draft`).
pub const DRAFT_MARK: &str = "征求意见稿";

/// Whether a file is a published report to import rather than YAML: by its
/// extension (.pdf, .docx, .html, .htm, .txt).
pub fn is_published(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        // .doc, .wps and .mht are refused by the importer with the save-as
        // that fixes them, not read as YAML.
        Some("pdf" | "docx" | "html" | "htm" | "txt" | "doc" | "wps" | "mht" | "mhtml")
    )
}

/// Last year's report must be the same agency's, one year earlier: else the
/// cross-year rules (X1, X2) compare the wrong figures.
fn previous_mismatch(report: &Report, last: &Report, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |message: String, hint: &str| Diagnostic {
        severity: Severity::Warning,
        hint: Some(hint.into()),
        ..Diagnostic::error("W-PREVIOUS", file, None, message)
    };
    let (this, then) = (report.year.value, last.year.value);
    if then.checked_add(1) != Some(this) {
        out.push(warn(
            format!("--previous 给出的是 {then} 年的报告，本报告是 {this} 年的：应当与 {} 年的报告核对，X1、X2 没有核对。", this.saturating_sub(1)),
            "请用 --previous 指定上一年度的报告数据。",
        ));
    }
    // The same unit under another spelling (brackets, spaces, the city in
    // front) is not another agency.
    if !crate::report::unit::same_unit(&last.agency.value, &report.agency.value) {
        out.push(warn(
            format!(
                "--previous 给出的是“{}”的报告，本报告是“{}”的：不是同一机关，X1、X2 没有核对。",
                last.agency.value, report.agency.value
            ),
            "请用 --previous 指定本机关上一年度的报告；机关更名的，把上一年度报告的机关名称改为现名后再核对。",
        ));
    }
    out
}

/// SHA-256 as lower-case hex.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
