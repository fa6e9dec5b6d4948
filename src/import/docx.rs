//! Word documents (.docx) into the intermediate form: the body's paragraphs
//! and tables in order, cells merged across (`w:gridSpan`) and down
//! (`w:vMerge`) laid out as Word draws them. `zip` opens the package,
//! `roxmltree` reads `word/document.xml`.

use std::io::Read;

use roxmltree::Node;

use super::doc::{Block, Doc, Para, Place, SpanCell, Table};
use super::Refusal;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// `word/document.xml` is a few megabytes at most; refuse zip bombs.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

fn refuse(message: &str, hint: &'static str) -> Refusal {
    Refusal {
        message: message.to_string(),
        hint,
    }
}

fn is(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn attr<'a>(n: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// Text of a paragraph: runs, tabs as spaces, breaks as line breaks; the
/// fallback copy of drawing content is skipped (it repeats the choice).
fn para_text(p: Node, out: &mut String) {
    for n in p.children() {
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "t" if is(n, "t") => out.push_str(n.text().unwrap_or("")),
            "tab" if is(n, "tab") => out.push(' '),
            "br" | "cr" if n.tag_name().namespace() == Some(W) => out.push('\n'),
            "Fallback" | "del" | "instrText" | "delText" => {}
            _ => para_text(n, out),
        }
    }
}

/// A cell's text: its paragraphs joined by line breaks.
fn cell_text(tc: Node) -> String {
    let mut out = String::new();
    for n in tc.descendants().filter(|n| is(*n, "p")) {
        // Paragraphs of nested tables are part of the cell too.
        if !out.is_empty() {
            out.push('\n');
        }
        para_text(n, &mut out);
    }
    out
}

/// One grid slot of a row before merging down.
struct Raw {
    text: String,
    col: usize,
    span: usize,
    /// Some(true): starts a vertical merge; Some(false): continues one.
    vmerge: Option<bool>,
}

fn table(tbl: Node, at: Place) -> Table {
    let mut rows: Vec<Vec<Raw>> = Vec::new();
    for tr in tbl.children().filter(|n| is(*n, "tr")) {
        let mut col = tr
            .children()
            .find(|n| is(*n, "trPr"))
            .and_then(|pr| pr.children().find(|n| is(*n, "gridBefore")))
            .and_then(|g| attr(g, "val"))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
            .min(64);
        let mut row = Vec::new();
        for tc in tr.descendants().filter(|n| is(*n, "tc")) {
            // Only this table's cells, not a nested table's.
            if tc.ancestors().find(|a| is(*a, "tbl")) != Some(tbl) {
                continue;
            }
            let pr = tc.children().find(|n| is(*n, "tcPr"));
            let span = pr
                .and_then(|pr| pr.children().find(|n| is(*n, "gridSpan")))
                .and_then(|g| attr(g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, 64);
            let vmerge = pr
                .and_then(|pr| pr.children().find(|n| is(*n, "vMerge")))
                .map(|v| attr(v, "val") == Some("restart"));
            row.push(Raw {
                text: cell_text(tc),
                col,
                span,
                vmerge,
            });
            col += span;
        }
        rows.push(row);
    }
    // A restart cell spans down over the continuing cells in its column.
    let mut spans: Vec<Vec<SpanCell>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut out = Vec::new();
        for cell in row {
            if cell.vmerge == Some(false) {
                continue;
            }
            let mut rowspan = 1;
            if cell.vmerge == Some(true) {
                while rows.get(r + rowspan).is_some_and(|below| {
                    below
                        .iter()
                        .any(|b| b.col == cell.col && b.vmerge == Some(false))
                }) {
                    rowspan += 1;
                }
            }
            out.push(SpanCell {
                text: cell.text.clone(),
                rowspan,
                colspan: cell.span,
            });
        }
        spans.push(out);
    }
    // gridBefore leaves slots empty: the span layout fills from the left, so
    // rows with skipped columns get an empty cell in front.
    for (row, raw) in spans.iter_mut().zip(&rows) {
        if let Some(first) = raw.first() {
            if first.col > 0 && first.vmerge != Some(false) {
                row.insert(
                    0,
                    SpanCell {
                        text: String::new(),
                        rowspan: 1,
                        colspan: first.col,
                    },
                );
            }
        }
    }
    Table::from_spans(spans, Some(at))
}

/// A .docx package → blocks.
pub fn extract(bytes: &[u8]) -> Result<Doc, Refusal> {
    let not_word =
        "请确认文件是 Word 2007 及以后的 .docx 文档（.doc 请先在 Word 或 WPS 中另存为 .docx）。";
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        refuse(
            "文件不是完整的 Word 文档（.docx 压缩包已损坏或被截断）。",
            not_word,
        )
    })?;
    let mut entry = zip.by_name("word/document.xml").map_err(|_| {
        refuse(
            "文件不是 Word 文档：压缩包中没有 word/document.xml。",
            not_word,
        )
    })?;
    if entry.size() > MAX_XML_BYTES {
        return Err(refuse(
            "Word 文档的正文过大，不像是一份年度报告。",
            not_word,
        ));
    }
    let mut xml = String::new();
    entry
        .by_ref()
        .take(MAX_XML_BYTES)
        .read_to_string(&mut xml)
        .map_err(|_| refuse("Word 文档已损坏，正文无法解压。", not_word))?;
    let tree = roxmltree::Document::parse(&xml)
        .map_err(|_| refuse("Word 文档已损坏，正文不是完整的 XML。", not_word))?;
    let body = tree
        .descendants()
        .find(|n| is(*n, "body"))
        .ok_or_else(|| refuse("Word 文档中没有正文。", not_word))?;
    let mut doc = Doc::default();
    let (mut paras, mut tables) = (0, 0);
    walk(body, &mut doc, &mut paras, &mut tables);
    Ok(doc)
}

fn walk(parent: Node, doc: &mut Doc, paras: &mut usize, tables: &mut usize) {
    for n in parent.children() {
        if is(n, "p") {
            let mut text = String::new();
            para_text(n, &mut text);
            // A line break inside a paragraph (Shift+Enter) separates lines of
            // the title or the 落款: keep them as separate paragraphs.
            for line in text.split('\n') {
                if !line.trim().is_empty() {
                    *paras += 1;
                    doc.blocks.push(Block::Para(Para {
                        text: line.to_string(),
                        at: Place(format!("第{paras}段")),
                    }));
                }
            }
        } else if is(n, "tbl") {
            *tables += 1;
            doc.blocks
                .push(Block::Table(table(n, Place(format!("第{tables}个表格")))));
        } else if n.is_element() && !is(n, "sectPr") {
            // Content controls (w:sdt) and the like wrap paragraphs and tables.
            walk(n, doc, paras, tables);
        }
    }
}
