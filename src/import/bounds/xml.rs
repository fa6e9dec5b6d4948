//! How deep Word's XML may nest, how many elements and attributes it may
//! hold, measured before roxmltree parses it: roxmltree keeps every node
//! (ten million empty runs fill gigabytes) and compares each attribute with
//! every one before it in its element (100,000 of them took 18 s).

use super::markup::{too_deep, Tags};
use super::MAX_DEPTH;
use crate::import::Refusal;

/// Elements Word's XML may hold: a report's `document.xml` has tens of
/// thousands.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// How deep XML elements nest, and its tags, from `<` and `>` alone
/// (linear; comments, declarations and CDATA are skipped).
pub fn shape(xml: &str) -> (usize, Tags) {
    let b = xml.as_bytes();
    let (mut depth, mut deepest, mut tags) = (0usize, 0usize, Tags::default());
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
            let name = b[i..j]
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'/')
                .map_or(j, |p| i + p);
            tags.add(&b[name..j]);
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
    (deepest, tags)
}

/// Refuse Word XML nested past [`MAX_DEPTH`], or past the bounds of its
/// elements and attributes, before it is parsed.
pub fn check(xml: &str) -> Result<(), Refusal> {
    let (deepest, tags) = shape(xml);
    if deepest > MAX_DEPTH {
        return Err(too_deep("Word 文档"));
    }
    tags.check_attributes("Word 文档", MAX_ELEMENTS)?;
    tags.check_elements("Word 文档", MAX_ELEMENTS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn depth_elements_and_attributes_are_counted() {
        let (deepest, tags) = super::shape("<?xml?><a x='>' y=\"1\"><b/><c>t</c><!-- <d> --></a>");
        assert_eq!(deepest, 2);
        assert_eq!(
            (tags.elements, tags.attributes, tags.most_attributes),
            (3, 2, 2)
        );
    }
}
