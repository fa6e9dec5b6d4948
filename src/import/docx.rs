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
/// Relationship ids (`r:id`).
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

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

/// What the final view of a document does not show, met while reading it.
#[derive(Debug, Default, Clone, Copy)]
struct Unseen {
    /// Deleted or moved-away text of tracked changes (`w:del`, `w:moveFrom`).
    revisions: bool,
    /// Hidden runs (`w:vanish`).
    hidden: bool,
}

/// Whether a run is hidden text (Word's 隐藏文字, `w:vanish` not turned off).
fn hidden_run(r: Node) -> bool {
    r.children()
        .find(|n| is(*n, "rPr"))
        .and_then(|pr| pr.children().find(|n| is(*n, "vanish")))
        .is_some_and(|v| !matches!(attr(v, "val"), Some("0" | "false" | "off")))
}

/// Text of a paragraph as Word shows it (the final view of tracked changes,
/// no hidden text): runs, tabs as spaces, breaks as line breaks, no-break
/// hyphens as “-”, symbols as their characters; deleted and moved-away
/// text, hidden runs, field instructions and the fallback copy of drawing
/// content are skipped (the last repeats the choice).
fn para_text(p: Node, out: &mut String, unseen: &mut Unseen) {
    for n in p.children() {
        if !n.is_element() {
            continue;
        }
        let word = n.tag_name().namespace() == Some(W);
        match n.tag_name().name() {
            "t" if word => out.push_str(n.text().unwrap_or("")),
            "tab" if word => out.push(' '),
            "br" | "cr" if word => out.push('\n'),
            "noBreakHyphen" if word => out.push('-'),
            // Shown only where Word breaks the line there.
            "softHyphen" if word => {}
            "sym" if word => out.extend(symbol(n)),
            "del" | "moveFrom" if word => unseen.revisions = true,
            "r" if word && hidden_run(n) => unseen.hidden = true,
            "rPr" | "pPr" if word => {}
            "Fallback" | "instrText" | "delText" | "delInstrText" => {}
            _ => para_text(n, out, unseen),
        }
    }
}

/// The character a `w:sym` shows: its code, or for a symbol font's private
/// code (F020–F0FF) the character at that place of the font's ASCII range.
fn symbol(n: Node) -> Option<char> {
    let code = u32::from_str_radix(attr(n, "char")?, 16).ok()?;
    let code = if (0xF020..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    char::from_u32(code).filter(|c| !c.is_control())
}

/// A cell's text: its paragraphs joined by line breaks.
fn cell_text(tc: Node, unseen: &mut Unseen) -> String {
    let mut out = String::new();
    for n in tc.descendants().filter(|n| is(*n, "p")) {
        // Paragraphs of nested tables are part of the cell too.
        if !out.is_empty() {
            out.push('\n');
        }
        para_text(n, &mut out, unseen);
    }
    out
}

/// Whether a table row was deleted with tracked changes on.
fn deleted_row(tr: Node) -> bool {
    tr.children()
        .find(|n| is(*n, "trPr"))
        .is_some_and(|pr| pr.children().any(|n| is(n, "del")))
}

/// One grid slot of a row before merging down.
struct Raw {
    text: String,
    col: usize,
    span: usize,
    /// Some(true): starts a vertical merge; Some(false): continues one.
    vmerge: Option<bool>,
}

fn table(tbl: Node, at: Place, unseen: &mut Unseen) -> Table {
    let mut rows: Vec<Vec<Raw>> = Vec::new();
    for tr in tbl.children().filter(|n| is(*n, "tr")) {
        if deleted_row(tr) {
            unseen.revisions = true;
            continue;
        }
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
                text: cell_text(tc, unseen),
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
    let chunks = alt_chunks(&mut zip);
    let mut w = Walk {
        doc: Doc::default(),
        paras: 0,
        tables: 0,
        numbering,
        counters: HashMap::new(),
        chunks,
        told: Unseen::default(),
        refusal: None,
    };
    w.walk(body);
    match w.refusal {
        Some(r) => Err(r),
        None => Ok(w.doc),
    }
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

/// A part's bytes, if present and of a sane size.
fn part_bytes(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let entry = zip.by_name(name).ok()?;
    if entry.size() > MAX_XML_BYTES {
        return None;
    }
    let mut bytes = Vec::new();
    entry.take(MAX_XML_BYTES).read_to_end(&mut bytes).ok()?;
    Some(bytes)
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
    /// What `w:altChunk` elements show ([`alt_chunks`]).
    chunks: HashMap<String, Result<String, String>>,
    /// The kinds of unseen content already told.
    told: Unseen,
    /// Content the reader cannot take (an embedded file of another kind).
    refusal: Option<Refusal>,
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
                let mut unseen = Unseen::default();
                para_text(n, &mut text, &mut unseen);
                self.tell(unseen, &format!("第{}段", self.paras + 1));
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
                let mut unseen = Unseen::default();
                let t = table(n, at.clone(), &mut unseen);
                self.tell(unseen, &at.0);
                self.doc.blocks.push(Block::Table(t));
            } else if is(n, "altChunk") {
                self.alt_chunk(n);
            } else if n.is_element() && !is(n, "sectPr") {
                // Content controls (w:sdt) and the like wrap paragraphs and tables.
                self.walk(n);
            }
        }
    }

    /// Say once per kind what the final view leaves out, where first met.
    fn tell(&mut self, unseen: Unseen, place: &str) {
        if unseen.revisions && !self.told.revisions {
            self.told.revisions = true;
            self.doc.unseen.push(format!(
                "Word 文档有修订痕迹（{place}起）：按接受全部修订后的样子读入，删除和移走的文字未读入。"
            ));
        }
        if unseen.hidden && !self.told.hidden {
            self.told.hidden = true;
            self.doc.unseen.push(format!(
                "Word 文档有隐藏文字（{place}起）：隐藏文字打印和阅读时都看不到，未读入。"
            ));
        }
    }

    /// `w:altChunk`: content Word shows from another part of the package —
    /// a web page, read as one; any other kind is refused by name.
    fn alt_chunk(&mut self, n: Node) {
        let id = n.attribute((R, "id")).unwrap_or_default();
        match self.chunks.get(id) {
            Some(Ok(html)) => {
                let inner = super::html::extract(html);
                for block in inner.blocks {
                    self.doc.blocks.push(match block {
                        Block::Para(p) => Block::Para(Para {
                            at: Place(format!("嵌入网页的{}", p.at)),
                            ..p
                        }),
                        Block::Table(t) => Block::Table(Table {
                            at: t.at.map(|a| Place(format!("嵌入网页的{a}"))),
                            ..t
                        }),
                    });
                }
                self.doc.unseen.extend(inner.unseen);
            }
            Some(Err(target)) => {
                self.refusal.get_or_insert_with(|| {
                    refuse(
                        &format!("Word 文档的正文是嵌入的其他格式的文件（altChunk：{target}），gxreport 读不出其中的文字。"),
                        "请在 Word 或 WPS 中打开这份文档，全选正文复制到一个新文档（或另存为网页 .html）后再读入。",
                    )
                });
            }
            None => {
                self.refusal.get_or_insert_with(|| {
                    refuse(
                        "Word 文档的正文引用了嵌入的内容（altChunk），但文档包中没有这部分内容。",
                        "请在 Word 或 WPS 中打开这份文档另存为 .docx 后再读入。",
                    )
                });
            }
        }
    }
}

/// The parts `w:altChunk` elements show, by relationship id: a web page's
/// text, or the target's name when it is another kind (MHT, RTF, text).
fn alt_chunks(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
) -> HashMap<String, Result<String, String>> {
    let mut out = HashMap::new();
    let Some(rels) = part(zip, "word/_rels/document.xml.rels") else {
        return out;
    };
    let Ok(tree) = roxmltree::Document::parse(&rels) else {
        return out;
    };
    for rel in tree
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
    {
        let (Some(id), Some(kind), Some(target)) = (
            rel.attribute("Id"),
            rel.attribute("Type"),
            rel.attribute("Target"),
        ) else {
            continue;
        };
        if !kind.ends_with("/aFChunk") {
            continue;
        }
        let name = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("word/{target}"),
        };
        let lower = name.to_ascii_lowercase();
        let html = lower.ends_with(".htm") || lower.ends_with(".html") || lower.ends_with(".xhtml");
        let body = if html { part_bytes(zip, &name) } else { None };
        out.insert(
            id.to_string(),
            match body {
                Some(bytes) => Ok(super::decode(&bytes)),
                None => Err(target.to_string()),
            },
        );
    }
    out
}
