//! Problems found in a report file, told to a 政务公开 clerk in Chinese with
//! the file, line and column of the value to fix.

pub mod codes;

use std::fmt;

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

    /// Translate a serde-saphyr error into a message for a clerk.
    pub fn from_yaml(file: &str, _source: &str, err: &serde_saphyr::Error) -> Self {
        use serde_saphyr::Error as E;
        let pos = err.location().filter(|l| l.line() > 0).map(|l| Pos {
            line: l.line() as u32,
            column: l.column() as u32,
        });
        let (code, message, hint): (&'static str, String, Option<String>) =
            match err.without_snippet() {
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
                E::Message { msg, .. } if msg.chars().any(|c| c > '\u{2e80}') => {
                    ("E-VALUE", msg.clone(), None)
                }
                other => {
                    let (message, hint) = yaml_error_zh(&other.to_string());
                    ("E-YAML", message, Some(hint.into()))
                }
            };
        Diagnostic {
            hint,
            ..Diagnostic::error(code, file, pos, message)
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

/// Labels of keys, for messages about missing fields: the report's
/// top-level fields from the format, and an item's heading.
fn field_label(key: &str) -> Option<&'static str> {
    match key {
        "heading" => Some("小标题"),
        _ => crate::format::document::field_of(key).map(|f| f.label),
    }
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

/// Render problems the way rustc does: the message, then the source line
/// with a caret under the value to fix, then the hint. `source` is the YAML
/// text the positions refer to.
pub fn render(problems: &[Diagnostic], source: Option<&str>, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in problems {
        let level = match d.severity {
            Severity::Error => Level::ERROR.with_name("错误"),
            Severity::Warning => Level::WARNING.with_name("警告"),
        };
        let title = level.primary_title(d.message.as_str()).id(d.code);
        let label = match (&d.expected, &d.found) {
            (Some(e), Some(f)) => format!("应为 {e}，实际为 {f}"),
            _ => String::new(),
        };
        let mut group = Group::with_title(title);
        let at = d
            .pos
            .zip(source)
            .and_then(|(p, src)| span_of(src, p).map(|s| (p, src, s)));
        match at {
            Some((_, src, span)) => {
                group = group.element(
                    Snippet::source(src)
                        .path(d.file.as_str())
                        .annotation(AnnotationKind::Primary.span(span).label(label.as_str())),
                );
            }
            None => {
                let place = match d.pos {
                    Some(p) => format!("{}:{}:{}", d.file, p.line, p.column),
                    None => d.file.clone(),
                };
                group = group.element(annotate_snippets::Origin::path(place));
            }
        }
        if let Some(hint) = &d.hint {
            group = group.element(Level::HELP.with_name("提示").message(hint.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// The bytes of the value (or key) that starts at `p`.
fn span_of(src: &str, p: Pos) -> Option<std::ops::Range<usize>> {
    let line_start: usize = src
        .split_inclusive('\n')
        .take(p.line.checked_sub(1)? as usize)
        .map(str::len)
        .sum();
    let line = src[line_start..].split('\n').next()?.trim_end_matches('\r');
    let col = p.column.checked_sub(1)? as usize;
    let offset = line
        .char_indices()
        .nth(col)
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let rest = &line[offset..];
    let len = if rest.starts_with(['"', '\'']) {
        rest[1..].find(&rest[..1]).map_or(rest.len(), |i| i + 2)
    } else if line[..offset].contains(['[', '{']) {
        // Inside a flow list or mapping: up to the next separator.
        rest.find([',', ']', '}', ':']).unwrap_or(rest.len())
    } else {
        // A block key or value: up to “: ”, a comment or the line's end.
        [
            rest.find(": "),
            rest.strip_suffix(':').map(str::len),
            rest.find(" #"),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len())
    };
    let len = rest[..len]
        .trim_end()
        .len()
        .max(rest.chars().next().map_or(0, char::len_utf8));
    let start = line_start + offset;
    Some(start..start + len.min(rest.len()))
}

/// The parser's English messages, in Chinese with a fix, for the mistakes
/// clerks make; anything else keeps the parser's words.
fn yaml_error_zh(raw: &str) -> (String, &'static str) {
    let text = first_line(raw);
    let text = text.split(" at line ").next().unwrap_or(text);
    let known: [(&str, &str, &str); 11] = [
        (
            "expected string scalar",
            "这里应填写单个数字或文字，不能是列表或键值对。",
            "一个格子只填一个数字。",
        ),
        (
            "expected sequence start",
            "这里应填写列表。",
            "列表的每一项各占一行、以“- ”开头，或写成 [甲, 乙]。",
        ),
        (
            "expected mapping start",
            "这里应填写“键: 值”的各行。",
            "报告文件由“键: 值”的各行组成，例如“agency: 某某局”。",
        ),
        (
            "mapping values are not allowed",
            "缩进或冒号的位置不对。",
            "同一层的键要左对齐；值里如果有英文冒号，请用引号把值括起来。",
        ),
        (
            "unclosed bracket",
            "方括号没有闭合。",
            "请在这一行末尾补上“]”或“}”。",
        ),
        ("unclosed quote", "引号没有闭合。", "请补上另一半引号。"),
        (
            "tabs disallowed",
            "缩进用了 Tab 键。",
            "YAML 只能用空格缩进，请把 Tab 换成空格。",
        ),
        (
            "Documents",
            "文件里有多份文档（用“---”分隔）。",
            "一个文件只写一份报告。",
        ),
        (
            "budget breached",
            "文件结构过于复杂（嵌套过深或别名引用过多），不像一份年度报告的数据。",
            "请检查文件是否选错。",
        ),
        (
            "invalid u32",
            "这里应填写整数。",
            "年度写四位数字，如 2025。",
        ),
        (
            "null into string",
            "这里是空值。",
            "请填写内容；没有的数字填 0。",
        ),
    ];
    match known.iter().find(|(k, _, _)| text.contains(k)) {
        Some((_, zh, hint)) => (format!("YAML 格式错误：{zh}"), hint),
        None => (
            format!("YAML 格式错误：{text}"),
            "请检查缩进和冒号：缩进只能用空格，不能用 Tab；冒号后要有一个空格。",
        ),
    }
}
