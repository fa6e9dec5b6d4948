//! `gxreport import`: a published report (PDF, Word, web page, plain text)
//! read back into the project's YAML.
//!
//! Each format has its own extractor ([`pdf`], [`docx`], [`html`], [`text`]);
//! all of them produce the one intermediate form of [`doc`] (paragraphs and
//! tables as grids of merged cells), which the one [`recognise`]r maps onto
//! the official format of [`crate::format`]: every figure by its printed row
//! and column label. The YAML is written by [`crate::drafting::yaml`].
//!
//! [`read`] is the only entry the rest of the crate needs.

pub mod bounds;
pub mod doc;
pub mod docx;
pub mod draft;
pub mod html;
pub mod pdf;
pub mod places;
pub mod recognise;
pub mod text;

use std::path::Path;
use std::time::Instant;

use crate::diagnostic::{Diagnostic, Severity};

/// Largest file accepted: a published report is at most a few megabytes
/// (a PDF with embedded fonts); anything larger is not one.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// A report read from a published document.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The report as YAML in the project's style (schema line, label comments).
    pub yaml: String,
    /// Warnings: cells printed blank (written as 0), old-format rows read as
    /// their 2021 equivalent, columns read in official order… each naming
    /// the page, paragraph or table row where it was found.
    pub notes: Vec<Diagnostic>,
    /// Figures printed in Tables A, B and C (of [`recognise::figure_count`]).
    pub figures_read: usize,
    /// Cells printed blank and written as 0.
    pub figures_blank: usize,
    /// The document's format, as told to a clerk (“PDF”, “Word 文档”…).
    pub kind: &'static str,
    /// How its empty figure cells were read.
    pub reading: Reading,
    /// Time taken to read and recognise, in milliseconds.
    pub millis: u128,
    /// Where each value of the report was printed, for findings on it.
    pub places: places::Places,
}

/// The kinds of document [`read`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Html,
    Text,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word 文档（.docx）",
            Kind::Html => "网页（HTML）",
            Kind::Text => "纯文本",
        }
    }
}

/// What a figure cell left empty means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A published report (PDF, web page, text): a cell printed blank is a
    /// 0 left unprinted (W-BLANK).
    Published,
    /// A draft written in Word, the official template filled in: an empty
    /// cell is not filled in yet (W-UNFILLED, which a final build refuses).
    Draft,
}

impl Reading {
    /// The reading of a kind of document: Word is where reports are drafted.
    pub fn of(kind: Kind) -> Reading {
        match kind {
            Kind::Docx => Reading::Draft,
            _ => Reading::Published,
        }
    }
}

/// The kind of a document, from its first bytes, then its extension.
pub fn sniff(path: &Path, bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"%PDF") || head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Kind::Docx;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => return Kind::Pdf,
        "docx" => return Kind::Docx,
        "html" | "htm" | "shtml" | "xhtml" => return Kind::Html,
        _ => {}
    }
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if lower.contains("<html")
        || lower.contains("<!doctype html")
        || lower.contains("<table")
        || lower.contains("<p")
    {
        Kind::Html
    } else {
        Kind::Text
    }
}

fn fail(file: &str, message: String, hint: &str) -> Vec<Diagnostic> {
    vec![Diagnostic {
        hint: Some(hint.to_string()),
        ..Diagnostic::error("E-IMPORT", file, None, message)
    }]
}

/// Read a published report (PDF with a text layer, DOCX, HTML or plain text)
/// into YAML. Errors are in Chinese and say why the document cannot be read:
/// an encrypted or image-only PDF, a document that is not a 2021-format
/// report, a page holding two reports, a figure that cannot be placed.
pub fn read(path: &Path) -> Result<Imported, Vec<Diagnostic>> {
    read_with(path, None)
}

/// [`read`], with empty figure cells read as `reading` says (else as the
/// kind of document says: [`Reading::of`]).
pub fn read_with(path: &Path, reading: Option<Reading>) -> Result<Imported, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(
            &file,
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件路径是否正确。",
        )
    })?;
    if meta.is_dir() {
        return Err(fail(
            &file,
            "这是一个文件夹，不是报告文件。".into(),
            "请给出已发布报告的 PDF、Word（.docx）、网页（.html）或文本文件。",
        ));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(fail(
            &file,
            format!("文件过大（{} 字节），不像是一份年度报告。", meta.len()),
            "请确认选择的是已发布的年度报告。",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            &file,
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件权限。",
        )
    })?;
    let kind = sniff(path, &bytes);
    read_owned(file, kind, bytes, reading.unwrap_or(Reading::of(kind)))
}

/// [`read`] for bytes already in memory; `file` names them in messages.
pub fn read_bytes(file: &str, kind: Kind, bytes: &[u8]) -> Result<Imported, Vec<Diagnostic>> {
    read_owned(file.to_string(), kind, bytes.to_vec(), Reading::of(kind))
}

/// One file read inside its bounds (time, panics: [`bounds::guard`]).
fn read_owned(
    file: String,
    kind: Kind,
    bytes: Vec<u8>,
    reading: Reading,
) -> Result<Imported, Vec<Diagnostic>> {
    let budget = std::time::Duration::from_secs(bounds::MAX_SECONDS);
    let name = file.clone();
    bounds::guard::run(&name, budget, move || {
        read_inside(&file, kind, &bytes, reading)
    })
}

fn read_inside(
    file: &str,
    kind: Kind,
    bytes: &[u8],
    reading: Reading,
) -> Result<Imported, Vec<Diagnostic>> {
    let started = Instant::now();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail(
            file,
            "文件是空的。".into(),
            "请确认选择的是已发布的年度报告。",
        ));
    }
    if let Some(refusal) = old_container(file, kind, bytes) {
        return Err(fail(file, refusal.message, refusal.hint));
    }
    let doc = match kind {
        Kind::Pdf => pdf::extract(bytes).map_err(|m| fail(file, m.message, m.hint))?,
        Kind::Docx => docx::extract(bytes).map_err(|m| fail(file, m.message, m.hint))?,
        Kind::Html => html::extract(&decode(bytes)),
        Kind::Text => {
            let text = decode(bytes);
            bounds::check_text(&text).map_err(|m| fail(file, m.message, m.hint))?;
            text::extract(&text)
        }
    };
    bounds::check_doc(&doc).map_err(|m| fail(file, m.message, m.hint))?;
    let recognised = recognise::recognise(&doc, file, reading)?;
    let mut document = recognised.document;
    if reading == Reading::Draft {
        for remark in document.remarks.values_mut() {
            *remark = remark.replace("印为空白，按 0 填写", "没有填写，暂按 0 写入");
        }
    }
    let blank = match reading {
        Reading::Published => "印为空白按 0 填写",
        Reading::Draft => "没有填写（暂按 0 写入）",
    };
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    document.header = vec![
        format!(
            "{}{}年政府信息公开工作年度报告，由 gxreport import 从已发布的{}“{}”读入。",
            document.agency,
            document.year,
            kind.name(),
            name
        ),
        format!(
            "表格共 {} 个数字，读到 {} 个，{blank} {} 个。数字照原样读入，是否一致请用 gxreport check 检查。",
            recognise::figure_count(),
            recognised.read,
            recognised.blank
        ),
    ];
    for n in &recognised.notes {
        if n.severity == Severity::Warning {
            document.header.push(format!("注意：{}", n.message));
        }
    }
    let yaml = draft::to_yaml(&document);
    // What `read` returns must load as it is: every later step starts there.
    if let Err(problems) = crate::report::load::load_str(&yaml, file) {
        let why: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
        return Err(fail(
            file,
            format!(
                "读入的报告写成 YAML 后无法读回（程序错误）：{}",
                why.join("；")
            ),
            "请把这份文件报告给 gxreport 的维护者。",
        ));
    }
    Ok(Imported {
        yaml,
        notes: recognised.notes,
        figures_read: recognised.read,
        figures_blank: recognised.blank,
        kind: kind.name(),
        reading,
        millis: started.elapsed().as_millis(),
        places: recognised.places,
    })
}

/// Text of a page or text file: UTF-8 (with or without BOM), else GB18030.
pub(crate) fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => return s.trim_start_matches('\u{feff}').to_string(),
        // Cut off inside a character (a truncated download): still UTF-8.
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => {
            return String::from_utf8_lossy(bytes)
                .trim_start_matches('\u{feff}')
                .to_string();
        }
        Err(_) => {}
    }
    if let Some((enc, skip)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[skip..])
            .0
            .into_owned();
    }
    // Chinese portals that do not use UTF-8 use GBK (GB18030 is its superset).
    encoding_rs::GB18030
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// Why an extractor gave up, for a clerk.
#[derive(Debug)]
pub struct Refusal {
    pub message: String,
    pub hint: &'static str,
}

/// Containers gxreport does not read, named with the save-as that fixes
/// them: Word 97–2003 and WPS files (OLE compound documents) and single-file
/// web pages (MHT), whatever their name says.
fn old_container(file: &str, kind: Kind, bytes: &[u8]) -> Option<Refusal> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    const SAVE_AS: &str = "请在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）或 PDF 后再读入。";
    if bytes.starts_with(OLE) {
        return Some(Refusal {
            message:
                "这是旧版 Word（.doc）或 WPS 文字（.wps）格式的文件，gxreport 读不了这种格式。"
                    .into(),
            hint: SAVE_AS,
        });
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let lower = file.to_ascii_lowercase();
    // Named .doc or .wps, but neither that nor anything readable inside.
    if (lower.ends_with(".doc") || lower.ends_with(".wps")) && kind == Kind::Text {
        return Some(Refusal {
            message: "文件名是 Word（.doc）或 WPS（.wps）文件，但内容不是：文件已损坏、下载不完整，或扩展名被改过。".into(),
            hint: SAVE_AS,
        });
    }
    let mht = lower.ends_with(".mht")
        || lower.ends_with(".mhtml")
        || (head.starts_with("mime-version:")
            || head.starts_with("from:")
            || head.contains("\nmime-version:"))
            && head.contains("multipart/related");
    mht.then(|| Refusal {
        message: "这是单文件网页（.mht / .mhtml）格式的文件，gxreport 读不了这种格式。".into(),
        hint: "请在浏览器中打开它，“另存为”网页（仅 HTML，.html），或在 Word、WPS 中另存为 .docx 后再读入。",
    })
}
