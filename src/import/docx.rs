//! Word documents (.docx) into the intermediate form: the body's paragraphs
//! and tables in order, cells merged across (`w:gridSpan`) and down
//! (`w:vMerge`) laid out as Word draws them. `zip` opens the package,
//! `roxmltree` reads `word/document.xml`.

use std::collections::HashMap;
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
    drop(entry);
    let numbering_xml = part(&mut zip, "word/numbering.xml");
    let numbering = numbering_xml
        .as_deref()
        .and_then(|x| roxmltree::Document::parse(x).ok())
        .map(|t| Numbering::read(&t))
        .unwrap_or_default();
    let tree = roxmltree::Document::parse(&xml)
        .map_err(|_| refuse("Word 文档已损坏，正文不是完整的 XML。", not_word))?;
    let body = tree
        .descendants()
        .find(|n| is(*n, "body"))
        .ok_or_else(|| refuse("Word 文档中没有正文。", not_word))?;
    let mut w = Walk {
        doc: Doc::default(),
        paras: 0,
        tables: 0,
        numbering,
        counters: HashMap::new(),
    };
    w.walk(body);
    Ok(w.doc)
}

/// Another part of the package, if present and of a sane size.
fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let entry = zip.by_name(name).ok()?;
    if entry.size() > MAX_XML_BYTES {
        return None;
    }
    let mut text = String::new();
    entry.take(MAX_XML_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// One level of a Word list: its number format and text (“%1、”, “（%1）”).
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// Word's automatic numbering (`word/numbering.xml`): the number a list
/// paragraph shows is not in its text, so headings like “一、总体情况” typed
/// as a numbered list are rebuilt from here.
#[derive(Debug, Clone, Default)]
struct Numbering {
    /// numId → levels (of its abstractNum).
    lists: HashMap<String, Vec<Level>>,
}

impl Numbering {
    fn read(tree: &roxmltree::Document) -> Numbering {
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        for a in tree.descendants().filter(|n| is(*n, "abstractNum")) {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for lvl in a.children().filter(|n| is(*n, "lvl")) {
                let Some(i) = attr(lvl, "ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                let child = |name: &str| {
                    lvl.children()
                        .find(|n| is(*n, name))
                        .and_then(|n| attr(n, "val"))
                        .map(str::to_string)
                };
                if let Some(level) = levels.get_mut(i) {
                    *level = Level {
                        format: child("numFmt").unwrap_or_default(),
                        text: child("lvlText").unwrap_or_default(),
                        start: child("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
            }
            abstracts.insert(id.to_string(), levels);
        }
        let mut lists = HashMap::new();
        for num in tree.descendants().filter(|n| is(*n, "num")) {
            let abstract_id = num
                .children()
                .find(|n| is(*n, "abstractNumId"))
                .and_then(|n| attr(n, "val"));
            if let (Some(id), Some(levels)) = (
                attr(num, "numId"),
                abstract_id.and_then(|a| abstracts.get(a)),
            ) {
                lists.insert(id.to_string(), levels.clone());
            }
        }
        Numbering { lists }
    }
}

/// A number in a Word list format: 一、二… for the Chinese counting formats.
fn format_number(n: u32, format: &str) -> String {
    if format.starts_with("chinese")
        || format.starts_with("ideograph")
        || format == "japaneseCounting"
    {
        const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        let n = n as usize;
        return match n {
            0..=9 => DIGITS[n].to_string(),
            10 => "十".into(),
            11..=19 => format!("十{}", DIGITS[n - 10]),
            20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
            20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
            _ => n.to_string(),
        };
    }
    n.to_string()
}

struct Walk {
    doc: Doc,
    paras: usize,
    tables: usize,
    numbering: Numbering,
    /// numId → the current count at each level.
    counters: HashMap<String, [u32; 9]>,
}

impl Walk {
    /// The number a list paragraph shows, e.g. “一、”, or "" for none.
    fn list_number(&mut self, p: Node) -> String {
        let Some(num_pr) = p
            .children()
            .find(|n| is(*n, "pPr"))
            .and_then(|pr| pr.children().find(|n| is(*n, "numPr")))
        else {
            return String::new();
        };
        let val = |name: &str| {
            num_pr
                .children()
                .find(|n| is(*n, name))
                .and_then(|n| attr(n, "val"))
        };
        let Some(id) = val("numId").filter(|id| *id != "0") else {
            return String::new();
        };
        let level = val("ilvl")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0)
            .min(8);
        let Some(levels) = self.numbering.lists.get(id) else {
            return String::new();
        };
        let counts = self.counters.entry(id.to_string()).or_insert([0; 9]);
        counts[level] = if counts[level] == 0 {
            levels[level].start.max(1)
        } else {
            counts[level] + 1
        };
        for deeper in counts.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let mut text = levels[level].text.clone();
        for k in (0..=level).rev() {
            let n = counts[k].max(levels[k].start);
            text = text.replace(&format!("%{}", k + 1), &format_number(n, &levels[k].format));
        }
        if levels[level].format == "bullet" || levels[level].format == "none" {
            return String::new();
        }
        text
    }

    fn walk(&mut self, parent: Node) {
        for n in parent.children() {
            if is(n, "p") {
                let mut text = self.list_number(n);
                para_text(n, &mut text);
                // A line break inside a paragraph (Shift+Enter) separates lines of
                // the title or the 落款: keep them as separate paragraphs.
                for line in text.split('\n') {
                    if !line.trim().is_empty() {
                        self.paras += 1;
                        self.doc.blocks.push(Block::Para(Para {
                            text: line.to_string(),
                            at: Place(format!("第{}段", self.paras)),
                        }));
                    }
                }
            } else if is(n, "tbl") {
                self.tables += 1;
                let at = Place(format!("第{}个表格", self.tables));
                self.doc.blocks.push(Block::Table(table(n, at)));
            } else if n.is_element() && !is(n, "sectPr") {
                // Content controls (w:sdt) and the like wrap paragraphs and tables.
                self.walk(n);
            }
        }
    }
}
