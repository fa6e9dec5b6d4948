//! Web pages (portal articles, Word-pasted markup) into the intermediate
//! form, with html5ever (through `scraper`) doing the parsing: entities,
//! `&nbsp;`, unclosed tags and nested `<span>`/`<font>` runs as a browser does.

use scraper::{ElementRef, Html, Node};

use super::doc::{Block, Doc, Para, Place, SpanCell, Table};

/// Elements whose content is never printed text of the report.
const SKIP: [&str; 12] = [
    "script", "style", "head", "noscript", "template", "select", "option", "button", "input",
    "textarea", "iframe", "svg",
];

/// Elements that end the paragraph before them and start a new one.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "center",
    "form",
];

struct Walker {
    doc: Doc,
    current: String,
    paragraphs: usize,
    tables: usize,
}

impl Walker {
    fn flush(&mut self) {
        let text = segment_breaks(&self.current).trim().to_string();
        self.current.clear();
        if !text.is_empty() {
            self.paragraphs += 1;
            self.doc.blocks.push(Block::Para(Para {
                text,
                at: Place(format!("第{}段", self.paragraphs)),
            }));
        }
    }

    fn walk(&mut self, el: ElementRef) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(e) => {
                    let name = e.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if name == "br" {
                        self.flush();
                    } else if name == "table" && !has_table_inside(child_el) {
                        self.flush();
                        self.tables += 1;
                        let at = Some(Place(format!("第{}个表格", self.tables)));
                        self.doc.blocks.push(Block::Table(table(child_el, at)));
                    } else if BLOCKS.contains(&name) || matches!(name, "table" | "tr" | "td" | "th")
                    {
                        // Layout tables (a table holding tables) are read as blocks.
                        self.flush();
                        self.walk(child_el);
                        self.flush();
                    } else {
                        self.walk(child_el);
                    }
                }
                _ => {}
            }
        }
    }
}

/// A line break in the page's source next to a Chinese character is not a
/// space on screen (CSS Text's segment-break rule); elsewhere it is one.
fn segment_breaks(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\n'
            || chars[i] == '\r'
            || (chars[i].is_whitespace() && chars[i] != '\u{a0}')
        {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() && chars[i] != '\u{a0}' {
                i += 1;
            }
            let run = &chars[start..i];
            let wide = |c: Option<&char>| c.is_some_and(|c| crate::report::prose::is_wide(*c));
            let newline = run.iter().any(|c| *c == '\n' || *c == '\r');
            if !(newline
                && (wide(start.checked_sub(1).and_then(|j| chars.get(j))) || wide(chars.get(i))))
            {
                out.push(' ');
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn has_table_inside(el: ElementRef) -> bool {
    el.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "table")
}

/// The rows of a table (through thead/tbody/tfoot, not into nested tables).
fn rows(el: ElementRef) -> Vec<ElementRef> {
    let mut out = Vec::new();
    for child in el.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(rows(child)),
            _ => {}
        }
    }
    out
}

/// A cell's text: block children and `<br>` become line breaks.
fn cell_text(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if SKIP.contains(&e.name()) {
                    continue;
                }
                if e.name() == "br" {
                    out.push('\n');
                } else if let Some(c) = ElementRef::wrap(child) {
                    let block = BLOCKS.contains(&e.name());
                    if block && !out.is_empty() {
                        out.push('\n');
                    }
                    cell_text(c, out);
                }
            }
            _ => {}
        }
    }
}

fn span(el: ElementRef, attr: &str) -> usize {
    el.value()
        .attr(attr)
        .and_then(|v| v.trim().trim_matches('"').parse::<usize>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

fn table(el: ElementRef, at: Option<Place>) -> Table {
    let grid = rows(el)
        .into_iter()
        .map(|tr| {
            tr.children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| {
                    let mut text = String::new();
                    cell_text(c, &mut text);
                    SpanCell {
                        text,
                        rowspan: span(c, "rowspan"),
                        colspan: span(c, "colspan"),
                    }
                })
                .collect()
        })
        .collect();
    Table::from_spans(grid, at)
}

/// An HTML page → blocks in reading order.
pub fn extract(html: &str) -> Doc {
    let page = Html::parse_document(html);
    let mut w = Walker {
        doc: Doc::default(),
        current: String::new(),
        paragraphs: 0,
        tables: 0,
    };
    w.walk(page.root_element());
    w.flush();
    w.doc
}
