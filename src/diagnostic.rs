//! Problems found in a report file, told to a 政务公开 clerk in Chinese with
//! the file, line and column of the value to fix.

use std::fmt;

/// A 1-based line and column in the YAML file (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Separates a message from the position it carries (see `report::load`).
pub const POS_MARK: char = '\u{1}';

/// One problem: a stable code, a Chinese message, where it is, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier, e.g. `E-YAML` or `E-KEY`.
    pub code: &'static str,
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with the file as a whole (missing, unreadable, empty…).
    pub fn file_error(file: &str, message: String, hint: &str) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: "E-FILE",
            file: file.to_string(),
            pos: None,
            message,
            hint: Some(hint.to_string()),
        }
    }

    /// Translate a serde-saphyr error into a message for a clerk.
    pub fn from_yaml(file: &str, _source: &str, err: &serde_saphyr::Error) -> Self {
        use serde_saphyr::Error as E;
        let pos = err.location().filter(|l| l.line() > 0).map(|l| Pos {
            line: l.line() as u32,
            column: l.column() as u32,
        });
        let (code, message, hint): (&'static str, String, Option<String>) = match err
            .without_snippet()
        {
            E::SerdeUnknownField {
                field, expected, ..
            } => (
                "E-KEY",
                match suggest(field, expected.iter().copied()) {
                    Some(best) => format!("未知的键“{field}”。是不是要写“{best}”？"),
                    None => format!("未知的键“{field}”。"),
                },
                Some(format!("这里可以填写的键有：{}。", expected.join("、"))),
            ),
            E::SerdeMissingField { field, .. } => (
                "E-MISSING",
                format!(
                    "缺少必填项“{field}”{}。",
                    field_label(field)
                        .map(|l| format!("（{l}）"))
                        .unwrap_or_default()
                ),
                Some(format!("请补上“{field}: …”这一行。")),
            ),
            E::DuplicateMappingKey { key, .. } => (
                "E-DUPLICATE",
                format!("键“{}”重复出现。", key.as_deref().unwrap_or("?")),
                Some("同一个键只能写一次，请删除或合并重复的一项。".into()),
            ),
            E::SerdeInvalidType {
                unexpected,
                expected,
                ..
            } => (
                "E-TYPE",
                format!(
                    "这里应填写{}，实际是{}。",
                    kind_zh(expected),
                    kind_zh(unexpected)
                ),
                None,
            ),
            E::Message { msg, .. } if msg.contains(POS_MARK) => {
                let (msg, at) = msg.split_once(POS_MARK).unwrap_or((msg, ""));
                let mut parts = at.split(':').map(|n| n.parse::<u32>().unwrap_or(0));
                let (line, column) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
                let here = Pos { line, column };
                return Diagnostic {
                    severity: Severity::Error,
                    code: "E-KEY",
                    file: file.to_string(),
                    pos: Some(here),
                    message: msg.to_string(),
                    hint: None,
                };
            }
            E::Message { msg, .. } if msg.chars().any(|c| c > '\u{2e80}') => {
                ("E-VALUE", msg.clone(), None)
            }
            other => (
                "E-YAML",
                format!(
                    "YAML 格式错误：{}",
                    first_line(&other.without_snippet().to_string())
                ),
                Some("请检查缩进和冒号：缩进只能用空格，不能用 Tab；冒号后要有一个空格。".into()),
            ),
        };
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_string(),
            pos,
            message,
            hint,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        match self.pos {
            Some(p) => write!(f, "{}:{}:{}: ", self.file, p.line, p.column)?,
            None => write!(f, "{}: ", self.file)?,
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

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Labels of the top-level keys, for messages about missing fields.
fn field_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "agency" => "机关名称",
        "year" => "报告年度",
        "overview" => crate::format::SECTIONS[0].heading,
        "heading" => "小标题",
        _ => return None,
    })
}

/// serde's English type words, in Chinese.
fn kind_zh(s: &str) -> String {
    let s = s.to_ascii_lowercase();
    let zh = if s.contains("string") || s.contains("char") {
        "文字"
    } else if s.contains("u32") || s.contains("u64") || s.contains("integer") || s.contains("i64") {
        "整数"
    } else if s.contains("float") || s.contains("f64") {
        "小数"
    } else if s.contains("sequence") || s.contains("vec") || s.contains("list") {
        "列表（- 开头的各行）"
    } else if s.contains("map") || s.contains("struct") {
        "键值对（键: 值）"
    } else if s.contains("bool") {
        "是/否"
    } else if s.contains("unit") || s.contains("null") {
        "空值"
    } else {
        return s;
    };
    zh.to_string()
}
