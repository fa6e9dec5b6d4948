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

mod bounds;
mod collect;
mod filters;
mod fonts;
mod forms;
mod grid;
mod join;
mod layout;
mod lines;
mod paint;

use std::panic::{catch_unwind, AssertUnwindSafe};

use super::doc::Doc;
use super::Refusal;
use collect::Collector;
pub use fonts::normalise_cid_widths;
use layout::{lay_out, margins, page_blocks, Laid};

fn refuse(message: &str, hint: &'static str) -> Refusal {
    Refusal {
        message: message.to_string(),
        hint,
    }
}

/// A PDF past one of the bounds of [`bounds`], [`forms`] or the collector's.
fn bounded(why: &str) -> Refusal {
    let mut refusal = super::bounds::refused(why);
    if why.contains("解压后") {
        refusal.message =
            format!("{why}，不像是一份年度报告：文件可能已损坏，或是有意构造的“压缩炸弹”。");
    }
    refusal
}

/// A PDF → blocks, page by page.
pub fn extract(bytes: &[u8]) -> Result<Doc, Refusal> {
    const DAMAGED: &str = "请重新下载或导出 PDF；也可以改用报告的 Word 文档或网页。";
    super::bounds::guard::quiet_panics();
    // Refused before lopdf inflates object and cross-reference streams.
    if let Some(why) = bounds::raw_oversized(bytes) {
        return Err(bounded(&why));
    }
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
        Err(_) => {
            let from = super::bounds::guard::last_panic().unwrap_or_else(|| "lopdf".into());
            return Err(refuse(
                &format!("PDF 文件已损坏或不完整，无法读取（读取组件 {from} 出错中止）。"),
                DAMAGED,
            ));
        }
    };
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(refuse(
            "PDF 已加密（设有打开密码），无法读取其中的文字。",
            "请用原始的未加密文件，或在 PDF 阅读器中输入密码后另存为未加密的 PDF。",
        ));
    }
    // No page at all (a page tree or xref pointing nowhere, or into itself).
    if document.page_iter().next().is_none() {
        return Err(refuse(
            "PDF 文件已损坏或不完整（可能下载时被截断），无法读取。",
            DAMAGED,
        ));
    }
    // Refused before anything inflates a stream without bound.
    if let Some(why) = bounds::oversized(&document).or_else(|| forms::check(&document)) {
        return Err(bounded(&why));
    }
    normalise_cid_widths(&mut document);
    let mut collector = Collector::default();
    collector.paint = paint::pages(&document);
    let run = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&document, &mut collector)
    }));
    let rules = collector.pages.iter().map(|p| p.segs.len());
    if let Some(why) = collector
        .stopped
        .take()
        .or_else(|| bounds::too_many_rules(rules))
    {
        return Err(bounded(&why));
    }
    match run {
        Ok(Ok(())) => {}
        Err(_) if collector.pages.iter().all(|p| p.chars.is_empty()) => {
            let from = super::bounds::guard::last_panic().unwrap_or_else(|| "pdf-extract".into());
            return Err(refuse(
                &format!("PDF 文件已损坏，读不出文字（读取组件 {from} 出错中止）。"),
                DAMAGED,
            ));
        }
        Ok(Err(_)) if collector.pages.iter().all(|p| p.chars.is_empty()) => {
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
    let mut doc = Doc::default();
    // A glyph drawn twice at (nearly) one place (fake bold, a fill and a
    // stroke) is one character on the page: read it once, and say so.
    let mut doubled_on = None;
    let mut outside_on = None;
    let (white_on, clipped_on) = drop_unseen(&mut collector);
    for (n, page) in collector.pages.iter_mut().enumerate() {
        if drop_doubled(&mut page.chars) > 0 && doubled_on.is_none() {
            doubled_on = Some(n + 1);
        }
        // Text placed off the page box is not printed nor shown.
        let (left, right, height) = (page.left, page.right, page.height);
        let before = page.chars.len();
        page.chars.retain(|c| {
            c.x >= left - 1.0 && c.x <= right + 1.0 && c.y >= -1.0 && c.y <= height + 1.0
        });
        if page.chars.len() < before && outside_on.is_none() {
            outside_on = Some(n + 1);
        }
    }
    if let Some((n, text)) = &collector.slanted {
        doc.unseen.push(format!(
            "PDF 中有斜排的文字“{text}”（第{n}页起，如“征求意见稿”水印）：不是报告的正文，未读入。"
        ));
    }
    if let Some(n) = outside_on {
        doc.unseen.push(format!(
            "PDF 中有放在页面以外的文字（第{n}页起）：打印和阅读时都看不到，未读入。"
        ));
    }
    if let Some(n) = white_on {
        doc.unseen.push(format!(
            "PDF 中有用白色绘制的文字（第{n}页起）：在白纸上看不见，未读入。"
        ));
    }
    if let Some(n) = clipped_on {
        doc.unseen.push(format!(
            "PDF 中有被裁剪在可见范围以外的文字（第{n}页起）：看不见，未读入。"
        ));
    }
    if let Some(n) = doubled_on {
        doc.unseen.push(format!(
            "PDF 中有重复绘制的文字（第{n}页起，常见于加粗效果）：同一位置的同一个字只读入一次。"
        ));
    }
    let laid: Vec<Laid> = collector.pages.iter().map(lay_out).collect();
    let m = margins(&laid);
    let mut open = false;
    for (n, page) in laid.into_iter().enumerate() {
        page_blocks(page, n + 1, &m, &mut doc, &mut open);
    }
    Ok(doc)
}

/// Remove the characters not seen, on the pages whose strings the paint
/// pass counted as pdf-extract showed them: painted white off any dark
/// area, or drawn outside their clipping box. The first page with each.
fn drop_unseen(collector: &mut Collector) -> (Option<usize>, Option<usize>) {
    let (mut white_on, mut clipped_on) = (None, None);
    for (n, page) in collector.pages.iter_mut().enumerate() {
        let counted = collector
            .paint
            .get(n)
            .and_then(Option::as_ref)
            .is_some_and(|p| p.strings.len() == page.words);
        let (white, clipped) = (
            std::mem::take(&mut page.white),
            std::mem::take(&mut page.clipped),
        );
        if !counted || (white.is_empty() && clipped.is_empty()) {
            continue;
        }
        if !white.is_empty() {
            white_on.get_or_insert(n + 1);
        }
        if !clipped.is_empty() {
            clipped_on.get_or_insert(n + 1);
        }
        let mut i = 0;
        page.chars.retain(|_| {
            let keep = white.binary_search(&i).is_err() && clipped.binary_search(&i).is_err();
            i += 1;
            keep
        });
    }
    (white_on, clipped_on)
}

/// Remove characters drawn again within a point of the same character of
/// the same size; how many were removed.
fn drop_doubled(chars: &mut Vec<collect::Ch>) -> usize {
    use std::collections::HashMap;
    const NEAR: f64 = 1.0;
    let mut seen: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut keep = Vec::with_capacity(chars.len());
    let mut removed = 0;
    for (i, c) in chars.iter().enumerate() {
        let (qx, qy) = ((c.x / NEAR).floor() as i64, (c.y / NEAR).floor() as i64);
        let near_twin = |x: i64, y: i64| {
            seen.get(&(x, y)).is_some_and(|ids| {
                ids.iter().any(|&j| {
                    let o: &collect::Ch = &chars[j];
                    o.text == c.text
                        && (o.x - c.x).abs() <= NEAR
                        && (o.y - c.y).abs() <= NEAR
                        && (o.size - c.size).abs() <= 0.5
                })
            })
        };
        let twin = !c.text.trim().is_empty()
            && (qx - 1..=qx + 1).any(|x| (qy - 1..=qy + 1).any(|y| near_twin(x, y)));
        if twin {
            removed += 1;
            continue;
        }
        seen.entry((qx, qy)).or_default().push(i);
        keep.push(i);
    }
    if removed > 0 {
        let old = std::mem::take(chars);
        *chars = keep.into_iter().map(|i| old[i].clone()).collect();
    }
    removed
}
