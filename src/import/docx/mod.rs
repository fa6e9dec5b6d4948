//! Word documents (.docx) into the intermediate form: the body's paragraphs
//! and tables in order, cells merged across (`w:gridSpan`) and down
//! (`w:vMerge`) laid out as Word draws them, the text as its final view
//! shows it. `zip` opens the package, `roxmltree` reads `word/document.xml`.
//! Here the package, the walk over the body and embedded web pages
//! (`w:altChunk`); in submodules a paragraph's text (`text.rs`), a table's
//! grid (`table.rs`) and automatic list numbers (`numbering.rs`).

use std::collections::HashMap;
use std::io::Read;

use roxmltree::Node;

use super::doc::{Block, Doc, Para, Place, Table};
use super::Refusal;

mod numbering;
mod table;
mod text;

use numbering::{format_number, Numbering};
use table::table;
use text::{para_text, Unseen};

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

/// A .docx package → blocks.
pub fn extract(bytes: &[u8]) -> Result<Doc, Refusal> {
    let not_word =
        "请确认文件是 Word 2007 及以后的 .docx 文档（.doc 请先在 Word 或 WPS 中另存为 .docx）。";
    super::bounds::package::check(bytes)?;
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
    // The size the package declares, then the size it inflates to (a
    // header may lie either way).
    let too_large = || {
        super::bounds::refused(&format!(
            "Word 文档的正文解压后超过 {} MB",
            MAX_XML_BYTES / 1024 / 1024
        ))
    };
    if entry.size() > MAX_XML_BYTES {
        return Err(too_large());
    }
    let mut xml = Vec::new();
    entry
        .by_ref()
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| refuse("Word 文档已损坏，正文无法解压。", not_word))?;
    drop(entry);
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(too_large());
    }
    let xml =
        String::from_utf8(xml).map_err(|_| refuse("Word 文档已损坏，正文无法解压。", not_word))?;
    super::bounds::xml::check(&xml)?;
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

/// Another part of the package as text, if present, of a sane size and UTF-8.
fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let xml = String::from_utf8(part_bytes(zip, name)?).ok()?;
    // Past the bounds of XML the file is refused (told once it is read).
    if let Err(refusal) = super::bounds::xml::check(&xml) {
        super::bounds::refuse_later(refusal);
        return None;
    }
    Some(xml)
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
