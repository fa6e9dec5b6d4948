//! Many reports in one run: worker threads, each report through the one
//! [`Pipeline`], written atomically; one bad file never stops the others.
//! Every outcome carries what an archivist needs: input and output SHA-256,
//! pages, findings, the fonts used, the time it took; [`manifest`] lists them,
//! [`index::page`] links the web pages of an HTML batch.

pub mod index;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::{sha256, Export, Pipeline, Prepared};
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

impl Format {
    /// The file extension of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Html => "html",
        }
    }

    /// What the pipeline exports for a report written to `output`, with
    /// where each goes: images at 2 px per pt, one file per page; the web
    /// page with its PDF beside it (the page links to it).
    pub fn exports(self, output: &Path) -> Vec<(Export, PathBuf)> {
        match self {
            Format::Pdf => vec![(Export::Pdf, output.to_path_buf())],
            Format::Png => vec![(Export::Png { pixel_per_pt: 2.0 }, output.to_path_buf())],
            Format::Svg => vec![(Export::Svg, output.to_path_buf())],
            Format::Html => {
                let pdf = output.with_extension("pdf");
                let name = pdf.file_name().map(|n| n.to_string_lossy().into_owned());
                vec![
                    (Export::Html { pdf: name }, output.to_path_buf()),
                    (Export::Pdf, pdf),
                ]
            }
        }
    }
}

/// Everything shared by the jobs of a run.
pub struct Settings<'a> {
    pub pipeline: &'a Pipeline,
    pub format: Format,
    /// Keep each built report's model for a gazette volume; otherwise it is
    /// dropped as soon as the report is written, so memory stays flat over
    /// thousands of reports.
    pub keep_prepared: bool,
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
    /// 机关名称 and 报告年度, when the file loaded.
    pub agency: Option<String>,
    pub year: Option<u32>,
    pub status: Status,
    /// The files written (one PDF, or one image per page).
    pub outputs: Vec<String>,
    pub output_sha256: Vec<String>,
    pub pages: usize,
    pub findings: Vec<Diagnostic>,
    /// Why nothing was written: every error among the findings, then a
    /// failure to write; empty when the report was built.
    pub errors: Vec<String>,
    /// The family that set each role.
    pub fonts: Vec<String>,
    pub duration_ms: u64,
    /// A failure to write the output (also the last of `errors`).
    #[serde(skip)]
    pub write_error: Option<String>,
    /// The decoded input the findings point into (for snippets).
    #[serde(skip)]
    pub source: Option<String>,
    /// The report as prepared, for the gazette volume.
    #[serde(skip)]
    pub prepared: Option<Prepared>,
}

impl Outcome {
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
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

/// Prepare, produce and write one report.
pub fn build_one(job: &Job, settings: &Settings) -> Outcome {
    let start = Instant::now();
    let pipeline = settings.pipeline;
    let prepared = pipeline.prepare(&job.input);
    let mut outcome = Outcome {
        input: job.input.display().to_string(),
        input_sha256: prepared.input_sha256.clone(),
        agency: prepared.report.as_ref().map(|r| r.agency.value.clone()),
        year: prepared.report.as_ref().map(|r| r.year.value),
        status: Status::Failed,
        outputs: Vec::new(),
        output_sha256: Vec::new(),
        pages: 0,
        findings: prepared.findings.clone(),
        errors: Vec::new(),
        fonts: pipeline
            .fonts
            .choices()
            .iter()
            .map(|c| c.family.clone())
            .collect(),
        duration_ms: 0,
        write_error: None,
        source: prepared.source.clone(),
        prepared: None,
    };
    if !prepared.blocked {
        let mut made = Vec::new();
        for (export, path) in settings.format.exports(&job.output) {
            let paged = !matches!(export, Export::Html { .. });
            let per_page = matches!(export, Export::Png { .. } | Export::Svg);
            match pipeline.produce(&prepared, export) {
                Ok(artifact) => {
                    if paged {
                        outcome.pages = artifact.pages;
                    }
                    made.push((artifact, path, per_page));
                }
                Err(problems) => {
                    outcome.findings.extend(problems);
                    made.clear();
                    break;
                }
            }
        }
        // Written only when every export succeeded: never half a report.
        if !made.is_empty()
            && made
                .into_iter()
                .all(|(a, path, per_page)| write(&path, a.files, per_page, &mut outcome))
        {
            outcome.status = Status::Built;
            if settings.keep_prepared {
                outcome.prepared = Some(prepared);
            }
        }
    }
    if outcome.status == Status::Failed {
        let errors = outcome
            .findings
            .iter()
            .filter(|d| {
                d.severity == Severity::Error
                    || crate::diagnostic::codes::blocks(d, settings.pipeline.leniency())
            })
            .map(ToString::to_string);
        outcome.errors.splice(0..0, errors.collect::<Vec<_>>());
    }
    if outcome.findings.is_empty() {
        // The text is kept only to draw the findings' snippets.
        outcome.source = None;
    }
    outcome.duration_ms = start.elapsed().as_millis() as u64;
    outcome
}

/// Write the files of one export to `output` (one file, or one per page);
/// false (with the reason in `errors`) if any fails.
fn write(output: &Path, files: Vec<Vec<u8>>, per_page: bool, outcome: &mut Outcome) -> bool {
    let pages = files.len();
    for (i, bytes) in files.iter().enumerate() {
        let path = if per_page {
            page_path(output, i, pages)
        } else {
            output.to_path_buf()
        };
        if let Err(message) = crate::output::write_atomic(&path, bytes) {
            outcome.errors.push(message.clone());
            outcome.write_error = Some(message);
            return false;
        }
        outcome.outputs.push(path.display().to_string());
        outcome.output_sha256.push(sha256(bytes));
    }
    true
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

/// The gazette volume as printed: where, its SHA-256 and pages, the reports
/// in it in order, and those left out.
#[derive(Debug, Clone, Serialize)]
pub struct Bundle {
    pub path: String,
    pub sha256: String,
    pub pages: usize,
    /// Input files of the reports in the volume, in print order.
    pub members: Vec<String>,
    /// Input files of the reports that failed and are not in it.
    pub missing: Vec<String>,
}

/// The counts at the end of a run (the last line of the JSON stream).
pub fn summary(outcomes: &[Outcome], bundle: Option<&Bundle>, exit: u8) -> serde_json::Value {
    let built = outcomes
        .iter()
        .filter(|o| o.status == Status::Built)
        .count();
    serde_json::json!({
        "summary": {
            "reports": outcomes.len(),
            "built": built,
            "failed": outcomes.len() - built,
            "with_warnings": outcomes.iter().filter(|o| o.status == Status::Built && o.warnings() > 0).count(),
            "bundle": bundle.map(|b| &b.path),
            "exit": exit,
        }
    })
}

/// The manifest of a run: the tool's version, every outcome and the volume.
pub fn manifest(
    outcomes: &[Outcome],
    settings: &Settings,
    bundle: Option<&Bundle>,
) -> serde_json::Value {
    serde_json::json!({
        "bundle": bundle,
        "gxreport": env!("CARGO_PKG_VERSION"),
        "format": settings.format,
        "pdf_standards": settings.pipeline.standards.iter().map(|s| match s {
            Standard::A2b => "a-2b",
            Standard::Ua1 => "ua-1",
        }).collect::<Vec<_>>(),
        "built": outcomes.iter().filter(|o| o.status == Status::Built).count(),
        "failed": outcomes.iter().filter(|o| o.status == Status::Failed).count(),
        "reports": outcomes,
    })
}
