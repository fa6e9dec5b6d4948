//! How deep a web page's or Word's elements may nest and how many a Word
//! document may hold, measured before the tree is built: html5ever's tree
//! builder looks through every open element for each new one (quadratic in
//! the depth: a page 200,000 `<div>` deep never finishes) and roxmltree
//! keeps every node (ten million empty runs fill gigabytes).

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::{refused, MAX_DEPTH};
use crate::import::Refusal;

/// Elements Word's XML may hold: a report's `document.xml` has tens of
/// thousands.
pub const MAX_XML_ELEMENTS: usize = 2_000_000;

/// Elements that never hold content.
const VOID: [&str; 18] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound",
];
/// Elements a browser closes when another of their kind opens (`<p>…<p>`,
/// `<li>…<li>`, table rows and cells).
const SELF_ENDING: [&str; 14] = [
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rt",
    "rp",
];

/// The open elements as the tokens open and close them, a browser's way
/// roughly: an end tag closes everything opened after its element.
#[derive(Default)]
struct Depth {
    stack: Vec<String>,
    open: HashMap<String, usize>,
    deepest: usize,
}

impl Depth {
    fn close(&mut self, name: &str) {
        if self.open.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(n) = self.open.get_mut(&top) {
                *n -= 1;
            }
            if top == name {
                break;
            }
        }
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        match tag.kind {
            TagKind::EndTag => self.close(name),
            TagKind::StartTag => {
                // In SVG and MathML `<path/>` is closed; in HTML only void ones are.
                let foreign = self.open.get("svg").is_some_and(|n| *n > 0)
                    || self.open.get("math").is_some_and(|n| *n > 0);
                if VOID.contains(&name) || (tag.self_closing && foreign) {
                    return TokenSinkResult::Continue;
                }
                if SELF_ENDING.contains(&name) {
                    self.close(name);
                }
                // Past the bound nothing more is kept: the page is refused.
                if self.stack.len() <= MAX_DEPTH {
                    self.stack.push(name.to_string());
                    *self.open.entry(name.to_string()).or_insert(0) += 1;
                }
                self.deepest = self.deepest.max(self.stack.len());
                // Their content is text, not tags: as the tree builder says.
                match name {
                    "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        return TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => return TokenSinkResult::Plaintext,
                    _ => {}
                }
            }
        }
        TokenSinkResult::Continue
    }
}

struct Sink(RefCell<Depth>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => self.0.borrow_mut().tag(&tag),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// How deep a page's elements nest, from its tokens (linear in its size).
pub fn html_depth(html: &str) -> usize {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Depth::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let deepest = tokenizer.sink.0.borrow().deepest;
    deepest
}

/// Refuse a web page nested past [`MAX_DEPTH`] before it is parsed.
pub fn check_html(html: &str) -> Result<(), Refusal> {
    if html_depth(html) > MAX_DEPTH {
        return Err(too_deep("网页"));
    }
    Ok(())
}

/// Refuse a parsed page nested past [`MAX_DEPTH`] (the tree builder
/// may nest deeper than the tokens tell: formatting elements reopened).
pub fn check_tree(page: &scraper::Html) -> Result<(), Refusal> {
    use ego_tree::iter::Edge;
    let mut depth = 0usize;
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(_) => {
                depth += 1;
                if depth > MAX_DEPTH + 2 {
                    return Err(too_deep("网页"));
                }
            }
            Edge::Close(_) => depth -= 1,
        }
    }
    Ok(())
}

fn too_deep(what: &str) -> Refusal {
    refused(&format!("{what}中的元素嵌套超过 {MAX_DEPTH} 层"))
}

/// How deep XML elements nest and how many there are, from `<` and `>`
/// alone (linear; comments, declarations and CDATA are skipped).
pub fn xml_shape(xml: &str) -> (usize, usize) {
    let b = xml.as_bytes();
    let (mut depth, mut deepest, mut elements) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let rest = &b[i..];
        let skip_to = |end: &[u8]| {
            rest.windows(end.len())
                .position(|w| w == end)
                .map_or(b.len(), |p| i + p + end.len())
        };
        if rest.starts_with(b"!--") {
            i = skip_to(b"-->");
        } else if rest.starts_with(b"![CDATA[") {
            i = skip_to(b"]]>");
        } else if rest.starts_with(b"?") || rest.starts_with(b"!") {
            i = skip_to(b">");
        } else if rest.starts_with(b"/") {
            depth = depth.saturating_sub(1);
            i = skip_to(b">");
        } else {
            // A start tag: attribute values may hold `>` only quoted.
            let mut quote = None;
            let mut j = i;
            while j < b.len() {
                match (quote, b[j]) {
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (Some(q), c) if c == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            elements += 1;
            if j > i && b[j - 1] != b'/' {
                depth += 1;
                deepest = deepest.max(depth);
            }
            i = (j + 1).min(b.len());
        }
        if i >= b.len() {
            break;
        }
    }
    (deepest, elements)
}

/// Refuse Word XML nested past [`MAX_DEPTH`] or holding more than
/// [`MAX_XML_ELEMENTS`] elements, before it is parsed.
pub fn check_xml(xml: &str) -> Result<(), Refusal> {
    let (deepest, elements) = xml_shape(xml);
    if deepest > MAX_DEPTH {
        return Err(too_deep("Word 文档"));
    }
    if elements > MAX_XML_ELEMENTS {
        return Err(refused(&format!(
            "Word 文档中的元素超过 {} 万个",
            MAX_XML_ELEMENTS / 10_000
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_measured_as_a_browser_nests() {
        assert_eq!(
            html_depth("<html><body><div><p>a<p>b<p>c</div></body></html>"),
            4
        );
        assert_eq!(html_depth("<ul><li>a<li>b<li>c</ul>"), 2);
        assert_eq!(html_depth("<svg><path/><path/><path/></svg>"), 1);
        assert_eq!(html_depth("<script>if (a<b) { '<div><div>' }</script>"), 1);
        assert_eq!(html_depth(&"<div>".repeat(5000)), MAX_DEPTH + 1);
        assert_eq!(
            xml_shape("<?xml?><a x='>'><b/><c>t</c><!-- <d> --></a>"),
            (2, 3)
        );
    }
}
