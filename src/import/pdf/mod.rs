//! PDFs with a text layer (as WPS, Word and gxreport export them) into the
//! intermediate form. `pdf-extract` (on `lopdf`) decodes the content streams
//! and fonts (ToUnicode maps, CID fonts) and reports every character with its
//! position and every stroked or filled path; this module rebuilds the
//! tables from their ruling lines (a merged cell is one without the rule
//! between its slots) and the paragraphs from line positions and indents.
//!
//! `collect` gathers the characters and ruling lines, `fonts` repairs
//! what pdf-extract misreads, `grid` rebuilds the ruled tables, `lines`
//! the lines of text, and `layout` the paragraphs and reading order.

mod collect;
mod fonts;
mod grid;
mod join;
mod layout;
mod lines;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use super::doc::Doc;
use super::Refusal;
use collect::Collector;
pub use fonts::normalise_cid_widths;
use layout::{lay_out, margins, page_blocks, Laid};

/// pdf-extract panics on some malformed inputs; its panics are caught and
/// told as a damaged file, so keep them off the clerk's screen.
fn quiet_library_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            let library = [
                "pdf-extract",
                "lopdf",
                "adobe-cmap",
                "cff-parser",
                "type1-encoding",
                "postscript",
            ]
            .iter()
            .any(|l| file.contains(l));
            if !library {
                previous(info);
            }
        }));
    });
}

fn refuse(message: &str, hint: &'static str) -> Refusal {
    Refusal {
        message: message.to_string(),
        hint,
    }
}

/// A PDF → blocks, page by page.
pub fn extract(bytes: &[u8]) -> Result<Doc, Refusal> {
    const DAMAGED: &str = "请重新下载或导出 PDF；也可以改用报告的 Word 文档或网页。";
    quiet_library_panics();
    let loaded = catch_unwind(|| pdf_extract::Document::load_mem(bytes));
    let mut document = match loaded {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => {
            let why = e.to_string().to_ascii_lowercase();
            if why.contains("decrypt") || why.contains("encrypt") || why.contains("password") {
                return Err(refuse(
                    "PDF 已加密（设有打开密码），无法读取其中的文字。",
                    "请用原始的未加密文件，或在 PDF 阅读器中输入密码后另存为未加密的 PDF。",
                ));
            }
            return Err(refuse(
                "PDF 文件已损坏或不完整（可能下载时被截断），无法读取。",
                DAMAGED,
            ));
        }
        Err(_) => return Err(refuse("PDF 文件已损坏或不完整，无法读取。", DAMAGED)),
    };
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(refuse(
            "PDF 已加密（设有打开密码），无法读取其中的文字。",
            "请用原始的未加密文件，或在 PDF 阅读器中输入密码后另存为未加密的 PDF。",
        ));
    }
    normalise_cid_widths(&mut document);
    let mut collector = Collector::default();
    let run = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&document, &mut collector)
    }));
    match run {
        Ok(Ok(())) => {}
        Ok(Err(_)) | Err(_) if collector.pages.iter().all(|p| p.chars.is_empty()) => {
            return Err(refuse(
                "PDF 文件已损坏或使用了无法解读的字体，读不出文字。",
                DAMAGED,
            ));
        }
        // Pages read before the failure are still used; a missing figure is reported later.
        _ => {}
    }
    if collector.pages.iter().all(|p| p.chars.is_empty()) {
        return Err(refuse(
            "这份 PDF 没有文字层：它是扫描得到的图像，请先做文字识别（OCR）再导入。",
            "可用 WPS、Adobe Acrobat 等软件的“文字识别/OCR”功能生成带文字层的 PDF，或改用报告的 Word 文档或网页。",
        ));
    }
    let laid: Vec<Laid> = collector.pages.iter().map(lay_out).collect();
    let m = margins(&laid);
    let mut doc = Doc::default();
    let mut open = false;
    for (n, page) in laid.into_iter().enumerate() {
        page_blocks(page, n + 1, &m, &mut doc, &mut open);
    }
    Ok(doc)
}
