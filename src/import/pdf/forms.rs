//! Form XObjects that draw each other, found before pdf-extract follows
//! them: it draws a form by recursing into its content with no limit, so a
//! form that draws itself (directly, through another, or through the
//! resources it inherits from the page) would overflow the stack, an abort
//! no `catch_unwind` can catch, and forms each drawing the next twice
//! would take exponential time. The walk here follows `Do` the way
//! pdf-extract does and counts how deep and how often.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// How deep forms may draw forms; real documents nest a few levels.
pub(super) const MAX_FORM_DEPTH: usize = 64;
/// How many times forms may be drawn in the whole document; a report
/// draws a few hundred at most.
pub(super) const MAX_FORM_DRAWS: usize = 100_000;

/// An object, references followed (a few hops: a reference loop ends).
fn resolve<'a>(doc: &'a Document, mut object: &'a Object) -> Option<&'a Object> {
    for _ in 0..8 {
        match object {
            Object::Reference(id) => object = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

fn dict<'a>(doc: &'a Document, from: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    resolve(doc, from.get(key).ok()?)?.as_dict().ok()
}

/// The names a content stream draws with `Do`.
fn drawn(content: &[u8]) -> Vec<Vec<u8>> {
    if !content.windows(2).any(|w| w == b"Do") {
        return Vec::new();
    }
    let Ok(ops) = Content::decode(content) else {
        return Vec::new();
    };
    ops.operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
        .collect()
}

struct Walk<'a> {
    doc: &'a Document,
    /// What each form draws, read once.
    names: HashMap<ObjectId, Vec<Vec<u8>>>,
    draws: usize,
}

impl<'a> Walk<'a> {
    fn draw(
        &mut self,
        names: &[Vec<u8>],
        resources: Option<&'a Dictionary>,
        depth: usize,
    ) -> Result<(), String> {
        let Some(xobjects) = resources.and_then(|r| dict(self.doc, r, b"XObject")) else {
            return Ok(());
        };
        for name in names {
            let Ok(Object::Reference(id)) = xobjects.get(name) else {
                continue;
            };
            let Some(Ok(stream)) = self.doc.objects.get(id).map(Object::as_stream) else {
                continue;
            };
            self.draws += 1;
            if self.draws > MAX_FORM_DRAWS {
                return Err(format!(
                    "PDF 中绘制表单对象（Form XObject）的次数超过 {} 万次",
                    MAX_FORM_DRAWS / 10_000
                ));
            }
            if depth >= MAX_FORM_DEPTH {
                return Err(format!(
                    "PDF 中的表单对象（Form XObject）互相引用或嵌套超过 {MAX_FORM_DEPTH} 层"
                ));
            }
            // As pdf-extract: a form without resources of its own uses its caller's.
            let inner = dict(self.doc, &stream.dict, b"Resources").or(resources);
            let children = self
                .names
                .entry(*id)
                .or_insert_with(|| {
                    drawn(
                        &stream
                            .decompressed_content()
                            .unwrap_or_else(|_| stream.content.clone()),
                    )
                })
                .clone();
            self.draw(&children, inner, depth + 1)?;
        }
        Ok(())
    }
}

/// The page's resources as pdf-extract finds them: its own or the
/// nearest ancestor's.
fn page_resources<'a>(doc: &'a Document, mut page: &'a Dictionary) -> Option<&'a Dictionary> {
    for _ in 0..64 {
        if let Some(r) = dict(doc, page, b"Resources") {
            return Some(r);
        }
        page = dict(doc, page, b"Parent")?;
    }
    None
}

/// Why a document is refused: forms drawn too deep or too often.
pub(super) fn check(doc: &Document) -> Option<String> {
    let any_form = doc.objects.values().any(|o| {
        o.as_stream().is_ok_and(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Form")
        })
    });
    if !any_form {
        return None;
    }
    let mut walk = Walk {
        doc,
        names: HashMap::new(),
        draws: 0,
    };
    for page in doc.page_iter() {
        let Ok(dict) = doc.get_dictionary(page) else {
            continue;
        };
        let names = drawn(&doc.get_page_content(page).unwrap_or_default());
        if let Err(why) = walk.draw(&names, page_resources(doc, dict), 0) {
            return Some(why);
        }
    }
    None
}
