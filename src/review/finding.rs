//! A finding of the review: its code, how serious a 公开办 takes it, the
//! message, the place, and the evidence (two passages side by side for a
//! copy, the figures for a sum). The review's codes are in
//! [`crate::diagnostic::codes`] with every other code; their level here.

use crate::diagnostic::{Diagnostic, Severity};

/// How a 公开办 treats a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 问题: what the scoring rules deduct for (copied, late, not filed, a
    /// wrong sum, an error of `check`).
    Problem,
    /// 提醒: worth a look; the unit may have a reason.
    Note,
    /// 信息: no fault (last year's report not found).
    Info,
}

impl Level {
    pub fn zh(self) -> &'static str {
        match self {
            Level::Problem => "问题",
            Level::Note => "提醒",
            Level::Info => "信息",
        }
    }
}

/// The review's own codes and their level.
pub const REVIEW_CODES: &[(&str, Level)] = &[
    ("V-MISSING", Level::Problem),
    ("V-LATE", Level::Problem),
    ("V-EXTRA", Level::Note),
    ("V-DUP", Level::Note),
    ("V-COPY", Level::Problem),
    ("V-COPYSEC", Level::Note),
    ("V-TABLE", Level::Note),
    ("V-THIN", Level::Problem),
    ("V-FEE", Level::Note),
    ("V-SUM", Level::Problem),
    ("V-RULES", Level::Note),
    ("V-NAME", Level::Note),
    ("V-NOPREV", Level::Info),
    ("V-FILED", Level::Problem),
    ("V-FILEDTEXT", Level::Note),
    ("V-NOFILED", Level::Info),
];

/// The level of a code: the review's own, or from a check's severity.
pub fn level_of(code: &str) -> Level {
    match REVIEW_CODES.iter().find(|(c, _)| *c == code) {
        Some((_, level)) => *level,
        None => match crate::diagnostic::codes::severity(code) {
            Severity::Error => Level::Problem,
            Severity::Warning => Level::Note,
        },
    }
}

/// A passage of prose: which report, the text, where it was printed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Passage {
    /// “本年” or “上年”.
    pub label: String,
    pub text: String,
    pub place: String,
}

/// A figure compared: the official cell, what the report says, what it
/// should be (the sum of the units, last year's…).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure {
    pub cell: String,
    pub reported: String,
    pub expected: String,
}

/// One finding of the review.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub level: Level,
    pub message: String,
    /// Where: a file and line, or a page/paragraph/row of a published report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
}

impl Finding {
    pub fn new(code: &'static str, message: String, place: Option<String>) -> Self {
        Finding {
            code,
            level: level_of(code),
            message,
            place,
            passages: Vec::new(),
            figures: Vec::new(),
        }
    }

    /// A finding of `check`, carried into the review as it was told.
    pub fn carried(d: &Diagnostic) -> Self {
        let place = match (d.pos, &d.printed_at) {
            (Some(p), _) => Some(format!("{}:{}:{}", file_name(&d.file), p.line, p.column)),
            (None, Some(at)) => Some(format!("{}（{at}）", file_name(&d.file))),
            (None, None) => Some(file_name(&d.file)),
        };
        Finding::new(d.code, d.message.clone(), place)
    }
}

fn file_name(path: &str) -> String {
    crate::aggregate::file_name(std::path::Path::new(path))
}
