//! Web pages (portal articles, Word-pasted markup) into the intermediate
//! form, with html5ever (through `scraper`) doing the parsing: entities,
//! `&nbsp;`, unclosed tags and nested `<span>`/`<font>` runs as a browser does.

use scraper::{ElementRef, Html, Node};

use super::doc::{Block, Doc, Para, Place, SpanCell, Table};

/// Classes a page's style sheets hide, looked up per class of every
/// element (a set: a page hiding 100,000 classes on an element of as many
/// took minutes as a list).
type Classes = std::collections::HashSet<String>;

/// Elements whose content is never printed text of the report: scripts and
/// forms, and a page's navigation and footer (site furniture, the link to
/// the PDF version).
const SKIP: [&str; 14] = [
    "script", "style", "head", "noscript", "template", "select", "option", "button", "input",
    "textarea", "iframe", "svg", "nav", "footer",
];

/// Elements that end the paragraph before them and start a new one.
const BLOCKS: [&str; 21] = [
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
    /// Classes that a `<style>` of the page hides on screen.
    hidden_classes: Classes,
    /// Whether hidden content was met (told once).
    told_hidden: bool,
}

/// Declarations that keep an element off the screen.
fn hides(declarations: &str) -> bool {
    let d: String = declarations
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    d.contains("display:none") || d.contains("visibility:hidden") || d.contains("mso-hide:all")
}

/// The classes a page's style sheets hide with a plain `.class` selector
/// (alone or in a list), outside `@media print` (the screen is what a
/// reader of the page sees).
fn hidden_classes(page: &Html) -> Classes {
    let mut out = Classes::new();
    for style in page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "style")
    {
        let css: String = style.text().collect();
        // Rules as (selector, declarations), tracking the @media they sit in.
        let mut media: Vec<bool> = Vec::new(); // true: a block that is not for the screen
        let mut selector = String::new();
        let mut chars = css.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' => {
                    let sel = selector.trim().to_ascii_lowercase();
                    if sel.starts_with('@') {
                        media.push(
                            sel.starts_with("@media")
                                && !sel.contains("screen")
                                && !sel.contains("all"),
                        );
                        selector.clear();
                        continue;
                    }
                    let mut body = String::new();
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                        body.push(d);
                    }
                    if hides(&body) && !media.iter().any(|&off_screen| off_screen) {
                        for part in sel.split(',') {
                            let part = part.trim();
                            if let Some(class) = part.strip_prefix('.') {
                                if !class.is_empty()
                                    && class
                                        .chars()
                                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                                {
                                    out.insert(class.to_string());
                                }
                            }
                        }
                    }
                    selector.clear();
                }
                '}' => {
                    media.pop();
                    selector.clear();
                }
                c => selector.push(c),
            }
        }
    }
    out
}

impl Walker {
    /// Whether an element is not shown on screen: the `hidden` attribute,
    /// an inline style that hides it, or a class a style sheet hides.
    fn hidden(&mut self, e: &scraper::node::Element) -> bool {
        let hidden = e.attr("hidden").is_some()
            || e.attr("style").is_some_and(hides)
            || e.classes().any(|c| self.hidden_classes.contains(c));
        if hidden && !self.told_hidden {
            self.told_hidden = true;
            let place = if self.tables > 0 && self.current.is_empty() {
                format!("第{}段或第{}个表格附近", self.paragraphs + 1, self.tables)
            } else {
                format!("第{}段", self.paragraphs + 1)
            };
            self.doc.unseen.push(format!(
                "网页中有隐藏的内容（{place}起，样式为不显示）：浏览器里看不到，未读入。"
            ));
        }
        hidden
    }
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
                    if SKIP.contains(&name) || self.hidden(e) {
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
                        let (t, met) = table(child_el, at, &self.hidden_classes);
                        if met && !self.told_hidden {
                            self.told_hidden = true;
                            self.doc.unseen.push(format!(
                                "网页中有隐藏的内容（第{}个表格，样式为不显示）：浏览器里看不到，未读入。",
                                self.tables
                            ));
                        }
                        self.doc.blocks.push(Block::Table(t));
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

/// Whether an element is kept off the screen (see [`Walker::hidden`]).
fn hidden_element(e: &scraper::node::Element, classes: &Classes) -> bool {
    e.attr("hidden").is_some()
        || e.attr("style").is_some_and(hides)
        || e.classes().any(|c| classes.contains(c))
}

/// A cell's text: block children and `<br>` become line breaks; hidden
/// content is left out (`met` is set when there was some).
fn cell_text(el: ElementRef, out: &mut String, classes: &Classes, met: &mut bool) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if SKIP.contains(&e.name()) {
                    continue;
                }
                if hidden_element(e, classes) {
                    *met = true;
                    continue;
                }
                if e.name() == "br" {
                    out.push('\n');
                } else if let Some(c) = ElementRef::wrap(child) {
                    let block = BLOCKS.contains(&e.name());
                    if block && !out.is_empty() {
                        out.push('\n');
                    }
                    cell_text(c, out, classes, met);
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

/// A table as shown: hidden rows and cells are not laid out (a browser
/// gives them no slot); also whether hidden content was met.
fn table(el: ElementRef, at: Option<Place>, classes: &Classes) -> (Table, bool) {
    let mut met = false;
    let mut grid = Vec::new();
    for tr in rows(el) {
        if hidden_element(tr.value(), classes) {
            met = true;
            continue;
        }
        let mut row = Vec::new();
        for c in tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
        {
            if hidden_element(c.value(), classes) {
                met = true;
                continue;
            }
            let mut text = String::new();
            cell_text(c, &mut text, classes, &mut met);
            row.push(SpanCell {
                text,
                rowspan: span(c, "rowspan"),
                colspan: span(c, "colspan"),
            });
        }
        grid.push(row);
    }
    (Table::from_spans(grid, at), met)
}

/// An HTML page → blocks in reading order.
/// A page nested past the bound is refused (told by
/// [`super::bounds::check_doc`]) and read as empty.
pub fn extract(html: &str) -> Doc {
    use super::bounds::{markup, refuse_later};
    if let Err(too_deep) = markup::check_html(html) {
        refuse_later(too_deep);
        return Doc::default();
    }
    let page = Html::parse_document(html);
    if let Err(too_deep) = markup::check_tree(&page) {
        refuse_later(too_deep);
        return Doc::default();
    }
    let mut w = Walker {
        doc: Doc::default(),
        current: String::new(),
        paragraphs: 0,
        tables: 0,
        hidden_classes: hidden_classes(&page),
        told_hidden: false,
    };
    w.walk(page.root_element());
    w.flush();
    w.doc
}
