//! How deep a web page's elements may nest, how many there may be and how
//! many attributes a tag may have, measured before the page is parsed:
//! html5ever's tree builder looks through every open element for each new
//! one (quadratic in the depth: a page 200,000 `<div>` deep never
//! finishes), its tokenizer compares each attribute with every one before
//! it in its tag (100,000 of them took 14 s), and every element costs a
//! node (3,000,000 `<b></b>` took 470 MB).

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;

use regex::Regex;
use std::sync::LazyLock;

use super::{refused, MAX_DEPTH};
use crate::import::Refusal;

/// Elements a page may hold; a portal's report page has a few thousand.
pub const MAX_ELEMENTS: usize = 200_000;
/// Bytes of text (outside tags, scripts and style sheets) a page may hold
/// before it is parsed: the text is read whole before its length is told
/// (a page of 60 MB of text peaked at 390 MB); a report's page holds some
/// 100 KB, spacing and entities included.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// Attributes one tag (or Word element) may have; real ones have a dozen.
pub const MAX_TAG_ATTRIBUTES: usize = 1_000;
/// Attributes a whole page may have.
pub const MAX_ATTRIBUTES: usize = 1_000_000;

/// How many elements and attributes markup holds.
#[derive(Debug, Default, PartialEq)]
pub struct Tags {
    pub elements: usize,
    pub attributes: usize,
    /// The most attributes of one tag.
    pub most_attributes: usize,
    /// Bytes outside start tags, comments, scripts and style sheets: the
    /// page's text (with its end tags and spacing).
    pub text: usize,
}

impl Tags {
    /// Count one start tag's attributes (`body`: what follows its name).
    pub(super) fn add(&mut self, body: &[u8]) {
        let (mut n, mut quote, mut value, mut token) = (0, None, false, false);
        for &c in body {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                b'"' | b'\'' if value => (quote, value, token) = (Some(c), false, true),
                b'=' => (value, token) = (true, false),
                b'/' | b'>' => token = false,
                c if c.is_ascii_whitespace() => token = false,
                _ if !token => {
                    if value {
                        value = false;
                    } else {
                        n += 1;
                    }
                    token = true;
                }
                _ => {}
            }
        }
        self.elements += 1;
        self.attributes += n;
        self.most_attributes = self.most_attributes.max(n);
    }

    /// Refuse markup past the bounds of attributes; `what` names it, `most`
    /// is the elements it may hold (as many attributes are allowed, at least
    /// [`MAX_ATTRIBUTES`]).
    pub(super) fn check_attributes(&self, what: &str, most: usize) -> Result<(), Refusal> {
        if self.most_attributes > MAX_TAG_ATTRIBUTES {
            return Err(refused(&format!(
                "{what}中有一个元素的属性超过 {MAX_TAG_ATTRIBUTES} 个"
            )));
        }
        if self.attributes > MAX_ATTRIBUTES.max(most) {
            return Err(refused(&format!(
                "{what}中的属性超过 {} 万个",
                MAX_ATTRIBUTES.max(most) / 10_000
            )));
        }
        Ok(())
    }

    /// Refuse markup of more than `most` elements.
    pub(super) fn check_elements(&self, what: &str, most: usize) -> Result<(), Refusal> {
        if self.elements > most {
            return Err(refused(&format!(
                "{what}中的元素超过 {} 万个",
                most / 10_000
            )));
        }
        Ok(())
    }
}

/// A page's start tags and their attributes, from its bytes (linear):
/// comments and the text of scripts and style sheets are skipped.
pub fn tags(html: &str) -> Tags {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?s)<!--.*?-->|<(?i:script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>.*?</(?i:script|style)[^>]*>?|<[a-zA-Z][^\s/>]*((?:[^>"']|"[^"]*"|'[^']*')*)>?"#,
        )
        .expect("pattern")
    });
    let mut out = Tags::default();
    let mut after = 0;
    for m in TAG.captures_iter(html) {
        let all = m.get(0).map_or(0..0, |a| a.range());
        out.text += all.start.saturating_sub(after);
        after = all.end;
        match m.get(1) {
            Some(body) => out.add(body.as_str().as_bytes()),
            None if !m[0].starts_with("<!--") => out.elements += 1,
            None => {}
        }
    }
    out.text += html.len().saturating_sub(after);
    out
}

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
/// roughly: an end tag closes everything opened after its element. Names
/// are html5ever's interned atoms (no copy per tag).
#[derive(Default)]
struct Depth {
    stack: Vec<LocalName>,
    open: HashMap<LocalName, usize>,
    /// Open `svg` and `math` elements, where `<path/>` closes itself.
    foreign: usize,
    deepest: usize,
}

impl Depth {
    fn close(&mut self, name: &LocalName) {
        if self.open.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        while let Some(top) = self.stack.pop() {
            if let Some(n) = self.open.get_mut(&top) {
                *n -= 1;
            }
            if matches!(&*top, "svg" | "math") {
                self.foreign -= 1;
            }
            if top == *name {
                break;
            }
        }
    }

    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        match tag.kind {
            TagKind::EndTag => self.close(&tag.name),
            TagKind::StartTag => {
                // In SVG and MathML `<path/>` is closed; in HTML only void ones are.
                if VOID.contains(&name) || (tag.self_closing && self.foreign > 0) {
                    return TokenSinkResult::Continue;
                }
                if SELF_ENDING.contains(&name) {
                    self.close(&tag.name);
                }
                // Past the bound nothing more is kept: the page is refused.
                if self.stack.len() <= MAX_DEPTH {
                    self.stack.push(tag.name.clone());
                    *self.open.entry(tag.name.clone()).or_insert(0) += 1;
                    if matches!(name, "svg" | "math") {
                        self.foreign += 1;
                    }
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

/// Refuse a web page past the bounds of its attributes, of more than
/// [`MAX_ELEMENTS`] elements or nested past [`MAX_DEPTH`], before it is
/// parsed.
pub fn check_html(html: &str) -> Result<(), Refusal> {
    // Counted first: the tokenizer that measures the depth is quadratic in
    // a tag's attributes, and runs at our crate's speed (slow unoptimised).
    let tags = tags(html);
    tags.check_attributes("网页", MAX_ELEMENTS)?;
    tags.check_elements("网页", MAX_ELEMENTS)?;
    if tags.text > MAX_TEXT_BYTES {
        return Err(refused(&format!(
            "网页中的文字超过 {} MB",
            MAX_TEXT_BYTES / 1024 / 1024
        )));
    }
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

pub(super) fn too_deep(what: &str) -> Refusal {
    refused(&format!("{what}中的元素嵌套超过 {MAX_DEPTH} 层"))
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
    }

    #[test]
    fn tags_and_attributes_are_counted_outside_scripts_and_comments() {
        let page =
            "<p a b=1 c='>' d=\"e f\">x<script>if (a<b c d) {}</script><!-- <i j k> --><br/>";
        let t = tags(page);
        assert_eq!((t.elements, t.attributes, t.most_attributes), (3, 4, 4));
        assert_eq!(t.text, 1);
    }
}
