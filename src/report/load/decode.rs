//! A report file's bytes as text: UTF-8, UTF-16 with a byte order mark, or
//! GBK/GB18030 with a warning; every line end as `\n`; size limited.

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Largest input accepted: a report is a few kilobytes.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// A report file's text as decoded, with what decoding had to say.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text every finding's line and column refer to.
    pub text: String,
    /// Warnings from decoding (W-ENCODING for a GBK file).
    pub notices: Vec<Diagnostic>,
}

/// Every line end as `\n`: Windows' `\r\n` and a lone `\r` (old Mac files,
/// some pastes), which YAML also takes as a line break, so that lines and
/// columns mean the same to the parser and to the snippets drawn from the text.
pub fn line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Read and decode one report file (UTF-8, or GBK/GB18030 with a warning).
///
/// Errors: E-FILE for a missing, unreadable, too large or undecodable file.
pub fn read_source(path: &Path) -> Result<SourceText, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let fail = |message: String, hint: &str| vec![Diagnostic::file_error(&file, message, hint)];
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件路径是否正确。",
        )
    })?;
    if meta.is_dir() {
        return Err(fail(
            "这是一个文件夹，不是 YAML 文件。".into(),
            "请给出报告的 .yaml 文件路径。",
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(fail(
            format!(
                "文件过大（{} 字节），一份年度报告的数据不超过 {} 字节。",
                meta.len(),
                MAX_INPUT_BYTES
            ),
            "请确认选择的是报告的 YAML 数据文件。",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件权限。",
        )
    })?;
    // Notepad's “Unicode” and “Unicode big endian”: UTF-16 with a byte order mark.
    for (bom, encoding, name) in [
        (
            &[0xFF, 0xFE][..],
            encoding_rs::UTF_16LE,
            "UTF-16 编码（记事本的“Unicode”）",
        ),
        (
            &[0xFE, 0xFF][..],
            encoding_rs::UTF_16BE,
            "UTF-16 大端编码（记事本的“Unicode big endian”）",
        ),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(fail(
                    format!("文件开头标明是{name}，但内容无法按此编码读取。"),
                    "请用编辑器“另存为”UTF-8 编码后重试。",
                ));
            }
            return Ok(decoded(
                &text,
                &file,
                format!("文件是 {name}，已自动读取。"),
            ));
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText {
            text: line_ends(&text).into_owned(),
            notices: Vec::new(),
        }),
        Err(e) => {
            // Windows Notepad's “ANSI” is GBK/GB18030 on Chinese systems: decode
            // it when it decodes cleanly, and say so.
            let bytes = e.into_bytes();
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
            if had_errors || !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                return Err(fail(
                    "文件不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法读取。".into(),
                    "请用编辑器“另存为”UTF-8 编码后重试。",
                ));
            }
            Ok(decoded(
                &text,
                &file,
                "文件是 GBK/GB18030 编码（Windows 记事本的“ANSI”），已按 GB18030 读取。".into(),
            ))
        }
    }
}

/// Text decoded from another encoding than UTF-8, with the W-ENCODING note.
fn decoded(text: &str, file: &str, message: String) -> SourceText {
    SourceText {
        text: line_ends(text).into_owned(),
        notices: vec![Diagnostic {
            severity: crate::diagnostic::Severity::Warning,
            hint: Some("建议用编辑器“另存为”UTF-8 编码。".into()),
            ..Diagnostic::error("W-ENCODING", file, None, message)
        }],
    }
}
