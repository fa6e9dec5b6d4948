//! Rebuilding a report while it is being written (`gxreport watch` and
//! `gxreport preview`): a [`Rebuilder`] that keeps the fonts and templates
//! loaded across rebuilds (Typst's memoisation then reuses most of the
//! previous layout), and a [`FileWatch`] that wakes up when the data file is
//! saved, debounced, however the editor saves it.

pub mod preview;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::Templates;
use crate::report::Report;
use crate::typeset::fonts::FontSet;

/// What one rebuild gave.
pub struct Outcome<T> {
    /// Problems that stop loading, or the findings of the checks (with glyph
    /// coverage), sorted as `check` prints them.
    pub findings: Vec<Diagnostic>,
    /// The YAML text the findings point into, as read for this rebuild.
    pub source: Option<String>,
    /// The product (PDF bytes, laid-out document…); None when the data has
    /// errors or typesetting failed.
    pub output: Option<T>,
    /// Typst's messages when typesetting failed.
    pub typeset_errors: Vec<String>,
    /// Wall time of the whole rebuild: read, check, typeset, export.
    pub elapsed: Duration,
}

impl<T> Outcome<T> {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Rebuilds one data file with fonts and templates loaded once.
pub struct Rebuilder {
    input: PathBuf,
    templates: Templates,
    fonts: Cow<'static, FontSet>,
    /// Build even when the figures break R1–R4 (as `build --allow-inconsistent`).
    pub allow_inconsistent: bool,
}

impl Rebuilder {
    pub fn new(input: &Path, templates: Templates, fonts: Cow<'static, FontSet>) -> Self {
        Rebuilder {
            input: input.to_path_buf(),
            templates,
            fonts,
            allow_inconsistent: false,
        }
    }

    pub fn input(&self) -> &Path {
        &self.input
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// Load, check and, when the data allows, produce with `produce`
    /// (e.g. [`crate::build_report_pdf_with`] or [`crate::typeset_report_with`]).
    /// Refuses exactly where `gxreport build` refuses.
    pub fn rebuild<T>(
        &self,
        produce: impl FnOnce(&Report, &Templates, &FontSet) -> Result<T, Vec<String>>,
    ) -> Outcome<T> {
        let start = Instant::now();
        let file = self.input.display().to_string();
        let mut outcome = Outcome {
            findings: Vec::new(),
            source: None,
            output: None,
            typeset_errors: Vec::new(),
            elapsed: Duration::ZERO,
        };
        match crate::report::load::load_file(&self.input) {
            Err(problems) => {
                outcome.findings = problems;
                outcome.source = std::fs::read(&self.input)
                    .ok()
                    .filter(|b| b.len() as u64 <= crate::report::load::MAX_INPUT_BYTES)
                    .map(|b| String::from_utf8_lossy(&b).into_owned());
            }
            Ok(report) => {
                let mut findings = check::check(&report, &file, None);
                findings.extend(crate::typeset::coverage::check(&report, &self.fonts, &file));
                check::sort(&mut findings);
                let errors = findings.iter().filter(|d| d.severity == Severity::Error);
                // A figure reference that does not resolve cannot be printed at all.
                let fatal = errors.clone().any(|d| !d.code.starts_with('R'));
                let refuse = errors.count() > 0 && (fatal || !self.allow_inconsistent);
                outcome.findings = findings;
                outcome.source = report.source.clone();
                if !refuse {
                    match produce(&report, &self.templates, &self.fonts) {
                        Ok(out) => outcome.output = Some(out),
                        Err(errors) => outcome.typeset_errors = errors,
                    }
                    // Keep what the last few rebuilds used; drop older layouts.
                    typst::comemo::evict(10);
                }
            }
        }
        outcome.elapsed = start.elapsed();
        outcome
    }
}

/// Seconds with two decimals, for messages: “0.23 秒”.
pub fn seconds(d: Duration) -> String {
    format!("{:.2} 秒", d.as_secs_f64())
}

/// Wakes up when one file is saved. The file's folder is watched, not the
/// file, so editors that save by writing a new file and renaming it over the
/// old one (vim, VS Code, most IDEs) are seen too; a burst of events within
/// the debounce time counts as one save. Only changes count: reading the
/// file, as every rebuild does, is not a save.
pub struct FileWatch {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    changes: Receiver<Result<(), String>>,
}

/// Debounce time of [`FileWatch`]: editors write a file in a few steps.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

impl FileWatch {
    /// Watch `file`; the message is for a clerk.
    pub fn new(file: &Path) -> Result<FileWatch, String> {
        let name = file
            .file_name()
            .map(|n| n.to_os_string())
            .ok_or_else(|| format!("“{}”不是文件。", file.display()))?;
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let (tx, changes) = std::sync::mpsc::channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
            let message = match res {
                Ok(events) => {
                    let saved = events.iter().any(|e| {
                        matches!(
                            e.kind,
                            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
                        ) && e
                            .paths
                            .iter()
                            .any(|p| p.file_name() == Some(name.as_os_str()))
                    });
                    if !saved {
                        return;
                    }
                    Ok(())
                }
                Err(errors) => Err(format!(
                    "监视文件出错：{}",
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("；")
                )),
            };
            let _ = tx.send(message);
        })
        .map_err(|e| format!("无法监视文件夹“{}”：{e}", dir.display()))?;
        debouncer
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("无法监视文件夹“{}”：{e}", dir.display()))?;
        Ok(FileWatch {
            _debouncer: debouncer,
            changes,
        })
    }

    /// Block until the file changes; Err carries a watcher problem to print
    /// (watching goes on). Returns None when the watcher has stopped.
    pub fn wait(&self) -> Option<Result<(), String>> {
        let first = self.changes.recv().ok()?;
        // Saves that queued up while the last rebuild ran count as one.
        loop {
            match self.changes.recv_timeout(Duration::ZERO) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Some(Err(e)),
                Err(RecvTimeoutError::Timeout) => return Some(first),
                Err(RecvTimeoutError::Disconnected) => return Some(first),
            }
        }
    }
}
