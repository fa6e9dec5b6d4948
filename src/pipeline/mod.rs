//! The one build path. Every command — `build` (one report or a batch),
//! `check`, `watch`, `preview`, the gazette bundle, the benchmark — goes
//! through a [`Pipeline`]:
//!
//! 1. [`Pipeline::prepare`]: read and decode the file, load the model, run
//!    every rule (R*, X*), resolve the figure references once, check every
//!    printed character against the fonts; decide whether the report may be
//!    built. `check` stops here, so it passes exactly when `build` builds.
//! 2. [`Pipeline::produce`]: render the Typst source (minijinja), lay it out
//!    and export PDF, PNG or SVG; [`Pipeline::bundle`] does a gazette volume.
//!
//! Writing files is the caller's (atomic, see [`crate::output`]).

pub mod coverage;

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::codes::{self, Leniency};
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::view::Options;
use crate::render::Templates;
use crate::report::load::{self, SourceText};
use crate::report::{figures, Report};
use crate::typeset::fonts::FontSet;
use crate::typeset::{self, PagedDocument, Standard, TypesetError};

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

/// What to export a report as.
#[derive(Debug, Clone, PartialEq)]
pub enum Export {
    Pdf,
    /// One PNG per page at this many pixels per pt.
    Png {
        pixel_per_pt: f32,
    },
    /// One SVG per page.
    Svg,
    /// The portal page: one self-contained HTML file, linking to the PDF
    /// named `pdf` (a file beside it) when given.
    Html {
        pdf: Option<String>,
    },
}

/// The exports of a laid-out document.
enum Paged {
    Pdf,
    Png(f32),
    Svg,
}

/// What [`Pipeline::produce`] made: one PDF, or one image per page.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub pages: usize,
    pub files: Vec<Vec<u8>>,
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
            return match crate::import::read(path) {
                Ok(imported) => {
                    let source = SourceText {
                        text: imported.yaml,
                        notices: imported.notes,
                    };
                    Prepared {
                        input_sha256: sha,
                        ..self.prepare_source(&source, &file, previous)
                    }
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
        match load::load_source(source, file) {
            Ok(report) => self.prepare_report(report, file, previous),
            Err(findings) => self.finish(
                file.to_string(),
                Some(source.text.clone()),
                None,
                None,
                findings,
            ),
        }
    }

    /// Check a model already loaded (tests and tools that edit a model).
    pub fn prepare_report(
        &self,
        report: Report,
        file: &str,
        previous: Option<&Report>,
    ) -> Prepared {
        let mut findings = crate::check::check(&report, file, previous);
        if let Some(last) = previous {
            findings.extend(previous_mismatch(&report, last, file));
        }
        let (report, unresolved) = figures::resolve(report, file);
        findings.extend(unresolved);
        findings.extend(coverage::check(&report, &self.fonts, file));
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
        }
    }

    /// Lay out a prepared report (tests inspect the laid-out document).
    ///
    /// Errors: the blocking findings when the report may not be built;
    /// E-TYPESET when Typst fails (a defect of gxreport or of a custom template).
    pub fn layout(&self, prepared: &Prepared) -> Result<PagedDocument, Vec<Diagnostic>> {
        let report = self.buildable(prepared)?;
        let options = Options {
            source_sha256: prepared.input_sha256.clone(),
            ..self.options.clone()
        };
        let source = crate::render::render(report, &self.templates, &options)
            .map_err(|e| vec![self.template_error(&prepared.file, &e)])?;
        typeset::compile(source, self.templates.style.clone(), &self.fonts)
            .map_err(|es| self.typeset_errors(&prepared.file, &es))
    }

    /// Lay out and export a prepared report.
    pub fn produce(
        &self,
        prepared: &Prepared,
        export: Export,
    ) -> Result<Artifact, Vec<Diagnostic>> {
        let paged = match export {
            // The portal page is made from the model, without a layout.
            Export::Html { pdf } => {
                let report = self.buildable(prepared)?;
                let options = crate::html::Options {
                    pdf,
                    draft: self.options.draft.clone(),
                };
                return Ok(Artifact {
                    pages: 0,
                    files: vec![crate::html::render(report, &options).into_bytes()],
                });
            }
            Export::Pdf => Paged::Pdf,
            Export::Png { pixel_per_pt } => Paged::Png(pixel_per_pt),
            Export::Svg => Paged::Svg,
        };
        let doc = self.layout(prepared)?;
        let ident = match &prepared.report {
            Some(r) => format!("gxreport/{}/{}", r.agency.value, r.year.value),
            None => "gxreport".into(),
        };
        self.export(&doc, &ident, paged, &prepared.file)
    }

    /// Several prepared reports as one gazette volume under `cover` (title
    /// lines): cover, contents, odd-page starts, running numbers, bookmarks.
    pub fn bundle(
        &self,
        members: &[&Prepared],
        cover: &[String],
        missing: &[String],
    ) -> Result<Artifact, Vec<Diagnostic>> {
        let mut reports = Vec::new();
        for p in members {
            reports.push(self.buildable(p)?.clone());
        }
        let source =
            crate::render::render_bundle(&reports, cover, missing, &self.templates, &self.options)
                .map_err(|e| vec![self.template_error("汇编", &e)])?;
        let doc = typeset::compile(source, self.templates.style.clone(), &self.fonts)
            .map_err(|es| self.typeset_errors("汇编", &es))?;
        self.export(&doc, "gxreport/bundle", Paged::Pdf, "汇编")
    }

    fn buildable<'a>(&self, prepared: &'a Prepared) -> Result<&'a Report, Vec<Diagnostic>> {
        match &prepared.report {
            Some(report) if !prepared.blocked => Ok(report),
            _ => {
                let leniency = self.leniency();
                let loaded = prepared.report.is_some();
                Err(prepared
                    .findings
                    .iter()
                    .filter(|d| codes::blocks(d, leniency) || !loaded)
                    .cloned()
                    .collect())
            }
        }
    }

    fn export(
        &self,
        doc: &PagedDocument,
        ident: &str,
        export: Paged,
        file: &str,
    ) -> Result<Artifact, Vec<Diagnostic>> {
        let pages = doc.pages().len();
        let files = match export {
            Paged::Pdf => vec![typeset::pdf(doc, ident, &self.standards).map_err(|es| {
                es.iter()
                    .map(|e| {
                        Diagnostic {
                            hint: Some("请检查 --pdf-standard 和 SOURCE_DATE_EPOCH 的设置；若无误，这是 gxreport 的缺陷，请报告给维护者。".into()),
                            ..Diagnostic::error("E-EXPORT", file, None, format!("无法写出 PDF：{}", e.message))
                        }
                    })
                    .collect::<Vec<_>>()
            })?],
            Paged::Png(pixel_per_pt) => (0..pages)
                .map(|i| typeset::png(doc, i, pixel_per_pt))
                .collect(),
            Paged::Svg => (0..pages)
                .map(|i| typeset::svg(doc, i).into_bytes())
                .collect(),
        };
        Ok(Artifact { pages, files })
    }

    fn template_error(&self, file: &str, e: &minijinja::Error) -> Diagnostic {
        self.internal(file, format!("模板出错：{e:#}"))
    }

    fn typeset_errors(&self, file: &str, errors: &[TypesetError]) -> Vec<Diagnostic> {
        errors
            .iter()
            .map(|e| self.internal(file, e.to_string()))
            .collect()
    }

    /// A failure inside the layout: the user's own template, or a defect of ours.
    fn internal(&self, file: &str, detail: String) -> Diagnostic {
        let (message, hint) = if self.templates.custom {
            (
                format!("自定义模板（--template-dir）排版失败：{detail}"),
                "请检查自定义模板；去掉 --template-dir 可用内置模板生成。",
            )
        } else {
            (
                format!("排版失败，这是 gxreport 的内部错误，不是数据的问题：{detail}"),
                "请把数据文件和这条信息发给 gxreport 的维护者。",
            )
        };
        Diagnostic {
            hint: Some(hint.into()),
            ..Diagnostic::error("E-TYPESET", file, None, message)
        }
    }
}

/// Whether a file is a published report to import rather than YAML: by its
/// extension (.pdf, .docx, .html, .htm, .txt).
pub fn is_published(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("pdf" | "docx" | "html" | "htm" | "txt")
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
            format!("--previous 给出的是 {then} 年的报告，本报告是 {this} 年的：应当与 {} 年的报告核对。", this.saturating_sub(1)),
            "请用 --previous 指定上一年度的报告数据。",
        ));
    }
    if last.agency.value != report.agency.value {
        out.push(warn(
            format!(
                "--previous 给出的是“{}”的报告，本报告是“{}”的。",
                last.agency.value, report.agency.value
            ),
            "请确认上一年度报告是同一机关的；机关更名的可忽略此警告。",
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
