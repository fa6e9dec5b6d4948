//! Many reports in one run: each one loaded, checked and typeset in
//! parallel with the fonts loaded once; one bad file never stops the others.
//! Every outcome carries what an archivist needs: input and output SHA-256,
//! pages, findings, the fonts used, the time it took.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::view::Options;
use crate::render::Templates;
use crate::report::Report;
use crate::typeset::fonts::FontSet;
use crate::typeset::Standard;

/// What to write for each report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Png,
    Svg,
    /// The portal page (`.html`) and, beside it, the PDF it links to.
    Html,
}

/// One report to build.
#[derive(Debug, Clone)]
pub struct Job {
    pub input: PathBuf,
    pub output: PathBuf,
}

/// Everything shared by the jobs of a run.
pub struct Settings<'a> {
    pub templates: &'a Templates,
    pub fonts: &'a FontSet,
    pub options: Options,
    pub standards: Vec<Standard>,
    pub format: Format,
    /// Build even when R rules fail (to reproduce a published report).
    pub allow_inconsistent: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Built,
    Failed,
}

/// The record of one report, as written to the manifest.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub input: String,
    pub input_sha256: Option<String>,
    pub status: Status,
    /// The files written (one PDF, or one image per page).
    pub outputs: Vec<String>,
    pub output_sha256: Vec<String>,
    pub pages: usize,
    pub findings: Vec<Diagnostic>,
    /// Why nothing was written, when the failure is not a finding (typesetting, writing).
    pub errors: Vec<String>,
    /// The family that set each role.
    pub fonts: Vec<String>,
    pub duration_ms: u64,
    #[serde(skip)]
    pub report: Option<Report>,
}

impl Outcome {
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
}

pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Build every job on `threads` workers; `done` is called as each one finishes.
///
/// Plain threads, not a rayon pool: Typst itself runs rayon jobs, and a rayon
/// worker that waits for them picks up further reports on the same stack,
/// nesting builds until the stack overflows.
pub fn build_all(
    jobs: &[Job],
    settings: &Settings,
    threads: usize,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Outcome>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let threads = threads.clamp(1, jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let worker = || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let outcome = build_one(job, settings);
                // Keep Typst's memo cache from growing over thousands of reports.
                crate::typeset::evict_cache(10);
                done(&outcome);
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
            };
            let spawned = std::thread::Builder::new()
                .stack_size(crate::typeset::STACK_SIZE)
                .spawn_scoped(scope, worker);
            if spawned.is_err() {
                break;
            }
        }
    });
    results
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

/// Run `f` on a thread with a stack big enough for Typst.
pub fn with_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .stack_size(crate::typeset::STACK_SIZE)
            .spawn_scoped(scope, f)
        {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            Err(e) => panic!("cannot start a thread: {e}"),
        }
    })
}

/// Load, check, typeset and write one report.
pub fn build_one(job: &Job, settings: &Settings) -> Outcome {
    let start = Instant::now();
    let file = job.input.display().to_string();
    let mut outcome = Outcome {
        input: file.clone(),
        input_sha256: std::fs::read(&job.input).ok().map(|b| sha256(&b)),
        status: Status::Failed,
        outputs: Vec::new(),
        output_sha256: Vec::new(),
        pages: 0,
        findings: Vec::new(),
        errors: Vec::new(),
        fonts: settings
            .fonts
            .choices()
            .iter()
            .map(|c| c.family.clone())
            .collect(),
        duration_ms: 0,
        report: None,
    };
    let finish = |mut o: Outcome| {
        o.duration_ms = start.elapsed().as_millis() as u64;
        o
    };
    let report = match crate::report::load::load_file(&job.input) {
        Ok(r) => r,
        Err(problems) => {
            outcome.findings = problems;
            return finish(outcome);
        }
    };
    let mut findings = crate::check::check(&report, &file, None);
    findings.extend(crate::typeset::coverage::check(
        &report,
        settings.fonts,
        &file,
    ));
    crate::check::sort(&mut findings);
    let blocking = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .any(|d| !(settings.allow_inconsistent && d.code.starts_with('R')));
    outcome.findings = findings;
    if blocking {
        return finish(outcome);
    }
    let mut options = settings.options.clone();
    options.source_sha256 = outcome.input_sha256.clone();
    let doc =
        match crate::typeset_report_opts(&report, settings.templates, settings.fonts, &options) {
            Ok(doc) => doc,
            Err(errors) => {
                outcome.errors = errors;
                return finish(outcome);
            }
        };
    outcome.pages = doc.pages().len();
    let ident = format!("gxreport/{}/{}", report.agency.value, report.year.value);
    let pdf = || {
        crate::typeset::pdf_with(&doc, &ident, &settings.standards)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    let files: Vec<(PathBuf, Vec<u8>)> = match settings.format {
        Format::Pdf => match pdf() {
            Ok(pdf) => vec![(job.output.clone(), pdf)],
            Err(errors) => {
                outcome.errors = errors;
                return finish(outcome);
            }
        },
        Format::Html => {
            let pdf_path = job.output.with_extension("pdf");
            let html_options = crate::html::Options {
                pdf: pdf_path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned()),
                draft: options.draft.clone(),
            };
            match pdf().and_then(|pdf| Ok((crate::html::render(&report, &html_options)?, pdf))) {
                Ok((page, pdf)) => vec![(job.output.clone(), page.into_bytes()), (pdf_path, pdf)],
                Err(errors) => {
                    outcome.errors = errors;
                    return finish(outcome);
                }
            }
        }
        Format::Png => (0..outcome.pages)
            .map(|i| {
                (
                    page_path(&job.output, i, outcome.pages),
                    crate::typeset::png(&doc, i, 2.0),
                )
            })
            .collect(),
        Format::Svg => (0..outcome.pages)
            .map(|i| {
                (
                    page_path(&job.output, i, outcome.pages),
                    crate::typeset::svg(&doc, i).into_bytes(),
                )
            })
            .collect(),
    };
    for (path, bytes) in &files {
        if let Err(message) = crate::output::write_atomic(path, bytes) {
            outcome.errors.push(message);
            return finish(outcome);
        }
        outcome.outputs.push(path.display().to_string());
        outcome.output_sha256.push(sha256(bytes));
    }
    outcome.status = Status::Built;
    outcome.report = Some(report);
    finish(outcome)
}

/// `report.png` → `report-1.png`, `report-2.png`, … for the pages of an image export.
pub fn page_path(output: &Path, page: usize, _pages: usize) -> PathBuf {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = output
        .extension()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    output.with_file_name(format!("{stem}-{}.{ext}", page + 1))
}

/// The manifest of a run: the tool's version and every outcome.
pub fn manifest(outcomes: &[Outcome], settings: &Settings) -> serde_json::Value {
    serde_json::json!({
        "gxreport": env!("CARGO_PKG_VERSION"),
        "format": settings.format,
        "pdf_standards": settings.standards.iter().map(|s| match s {
            Standard::A2b => "a-2b",
            Standard::Ua1 => "ua-1",
        }).collect::<Vec<_>>(),
        "built": outcomes.iter().filter(|o| o.status == Status::Built).count(),
        "failed": outcomes.iter().filter(|o| o.status == Status::Failed).count(),
        "reports": outcomes,
    })
}
