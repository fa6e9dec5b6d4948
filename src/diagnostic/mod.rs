//! Problems found in a report file, told to a 政务公开 clerk in Chinese with
//! the file, line and column of the value to fix.

mod blocks;
pub mod codes;
mod render;
mod yaml;

use std::fmt;

pub use render::render;
pub(crate) use render::span_of;
pub use yaml::{full_width_indent, yaml_error_zh};

/// A 1-based line and column in the YAML file (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: a stable code, a Chinese message, where it is, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier: R1…R5 and X1…X3 for the format's rules, E-… for
    /// input that cannot be read, W-… for other warnings.
    pub code: &'static str,
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
    /// The value the rule expects and the one written, where a rule compares.
    pub expected: Option<String>,
    pub found: Option<String>,
    pub hint: Option<String>,
    /// Where a finding on a published report (PDF, Word, web page, text)
    /// was printed: “第4页表格第7行，表三“（一）予以公开”行、“自然人”列”. Such
    /// a finding has no `pos`: the YAML it was checked as is never shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed_at: Option<String>,
    /// How many characters to underline, when not the whole token at `pos`.
    #[serde(skip)]
    pub width: Option<usize>,
}

impl Diagnostic {
    /// An error with no hint, expected or found value.
    pub fn error(code: &'static str, file: &str, pos: Option<Pos>, message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_string(),
            pos,
            message,
            expected: None,
            found: None,
            hint: None,
            printed_at: None,
            width: None,
        }
    }

    /// A problem with the file as a whole (missing, unreadable, empty…).
    pub fn file_error(file: &str, message: String, hint: &str) -> Self {
        Diagnostic {
            hint: Some(hint.to_string()),
            ..Diagnostic::error("E-FILE", file, None, message)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        match (self.pos, &self.printed_at) {
            (Some(p), _) => write!(f, "{}:{}:{}: ", self.file, p.line, p.column)?,
            (None, Some(at)) => write!(f, "{}（{at}）: ", self.file)?,
            (None, None) => write!(f, "{}: ", self.file)?,
        }
        write!(f, "{level}[{}]：{}", self.code, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  提示：{hint}")?;
        }
        Ok(())
    }
}

/// The closest known key, if it is close enough to be a typo.
pub fn suggest<'a>(key: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::damerau_levenshtein(key, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Chinese reading of an I/O failure.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或文件夹不存在".into(),
        K::PermissionDenied => "没有读写权限".into(),
        K::IsADirectory => "这是一个文件夹".into(),
        K::ReadOnlyFilesystem => "所在磁盘只读".into(),
        K::StorageFull => "磁盘已满".into(),
        _ => e.to_string(),
    }
}
