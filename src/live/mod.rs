//! Rebuilding a report while it is being written (`gxreport watch` and
//! `gxreport preview`): a [`Rebuilder`] that keeps one pipeline (fonts and
//! templates loaded once; Typst's memoisation then reuses most of the
//! previous layout), a [`FileWatch`] that wakes up when the data file is
//! saved, debounced, however the editor saves it, and the preview server.

pub mod findings;
pub mod preview;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::{Artifact, Export, Pipeline};

/// What one rebuild gave.
pub struct Outcome {
    /// Built as a draft (with the watermark) because the file still has
    /// parts to fill in, though no `--draft` was given.
    pub as_draft: bool,
    /// Everything found, as `check` and `build` report it (typesetting
    /// failures included).
    pub findings: Vec<Diagnostic>,
    /// The decoded text the findings point into.
    pub source: Option<String>,
    /// One product per export asked for; empty when the data may not be
    /// built or typesetting failed.
    pub outputs: Vec<Artifact>,
    /// Wall time of the whole rebuild: read, check, typeset, export.
    pub elapsed: Duration,
}

impl Outcome {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// Rebuilds one data file through a pipeline loaded once (fonts, templates).
pub struct Rebuilder {
    input: PathBuf,
    pipeline: Pipeline,
    /// The same pipeline with the draft mark: a file with placeholders or
    /// empty cells is shown as the draft it is, unless `--final`.
    draft: Option<Pipeline>,
}

impl Rebuilder {
    pub fn new(input: &Path, pipeline: Pipeline) -> Self {
        let draft = pipeline.options.draft.is_none().then(|| {
            let mut draft = pipeline.clone();
            draft.options.draft = Some(crate::pipeline::DRAFT_MARK.to_string());
            draft
        });
        Rebuilder {
            input: input.to_path_buf(),
            pipeline,
            draft,
        }
    }

    /// Show only the final version: a file not yet finished gives no pages.
    pub fn final_only(mut self) -> Self {
        self.draft = None;
        self
    }

    pub fn input(&self) -> &Path {
        &self.input
    }

    pub fn pipeline(&self) -> &Pipeline {
        &self.pipeline
    }

    /// Prepare and, when the data allows, produce each of `exports`:
    /// exactly what `gxreport build` does (the layout is reused between them).
    pub fn rebuild(&self, exports: &[Export]) -> Outcome {
        let start = Instant::now();
        let mut prepared = self.pipeline.prepare(&self.input);
        // Unfinished (placeholders, empty cells) but otherwise buildable:
        // the pages of the draft, with its watermark.
        let mut pipeline = &self.pipeline;
        let mut as_draft = false;
        if let Some(draft) = self.draft.as_ref().filter(|_| prepared.blocked) {
            let leniency = draft.leniency();
            if prepared.report.is_some()
                && !prepared
                    .findings
                    .iter()
                    .any(|d| crate::diagnostic::codes::blocks(d, leniency))
            {
                prepared.blocked = false;
                pipeline = draft;
                as_draft = true;
            }
        }
        let mut findings = prepared.findings.clone();
        let mut outputs = Vec::new();
        if !prepared.blocked {
            for export in exports {
                match pipeline.produce(&prepared, export.clone()) {
                    Ok(artifact) => outputs.push(artifact),
                    Err(problems) => {
                        findings.extend(problems);
                        outputs.clear();
                        break;
                    }
                }
            }
            // Keep what the last few rebuilds used; drop older layouts.
            crate::typeset::evict_cache(10);
        }
        Outcome {
            as_draft,
            findings,
            source: prepared.source,
            outputs,
            elapsed: start.elapsed(),
        }
    }
}

/// The local time of day, for the lines of a long-running watch: “14:03:27”.
pub fn clock() -> String {
    // SAFETY: time(NULL) and localtime_r with a zeroed, owned tm.
    let tm = unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&now, &mut tm).is_null() {
            return String::new();
        }
        tm
    };
    format!("{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec)
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
