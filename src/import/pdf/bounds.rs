//! Bounds on what a PDF may unpack to before lopdf and pdf-extract read
//! it: a small file whose streams inflate to gigabytes (a “zip bomb”), or
//! that holds millions of objects or pages, would take the machine's memory
//! and stop a whole run of many files. Every stream is measured through its
//! whole filter chain ([`super::filters`]) with a buffer that stops past the
//! bound: first in the file's raw bytes, before lopdf loads it (lopdf
//! inflates object streams and cross-reference streams while loading), then
//! once loaded, with the filters as lopdf reads them.

use std::collections::HashMap;
use std::sync::LazyLock;

use pdf_extract::{Document, Object, ObjectId};
use regex::bytes::Regex;

use super::filters::{decoded, decoded_len};

/// The most one stream may inflate to. A report's page content is tens of
/// kilobytes, a whole embedded font a few megabytes.
pub(super) const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// The most all streams together may inflate to.
pub(super) const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Objects a PDF may hold; a report has hundreds, a few thousand at most.
pub(super) const MAX_OBJECTS: usize = 1_000_000;
/// Values (numbers, names, arrays…) lopdf may parse outside streams and in
/// object streams, some 120 bytes each once parsed; gxreport's own PDFs
/// have 20,000.
pub(super) const MAX_TOKENS: usize = 2_000_000;
/// Pages a PDF may have; a report has a few dozen.
pub(super) const MAX_PAGES: usize = 10_000;
/// Ruling lines one page may draw; a page of the official tables draws
/// fewer than fifty (pieces merged), and rebuilding the grid compares them
/// pairwise (20,000 each way took 13 s).
pub(super) const MAX_RULES: usize = 5_000;
/// What one page's content (or one form's) may inflate to: the drawing
/// operators of a report's page are some 40 KB.
pub(super) const MAX_CONTENT_BYTES: u64 = 4 * 1024 * 1024;

const MB: u64 = 1024 * 1024;

fn one_too_large() -> String {
    format!("PDF 中有一个数据流解压后超过 {} MB", MAX_STREAM_BYTES / MB)
}

fn all_too_large() -> String {
    format!("PDF 的数据流解压后合计超过 {} MB", MAX_TOTAL_BYTES / MB)
}

fn too_many_objects() -> String {
    format!("PDF 中的对象超过 {} 万个", MAX_OBJECTS / 10_000)
}

/// Adds one stream's inflated size to the running total; why the document
/// is refused once a bound is passed.
fn tally(total: &mut u64, measured: Result<u64, super::filters::Over>) -> Option<String> {
    let Ok(len) = measured else {
        return Some(one_too_large());
    };
    *total += len;
    (*total > MAX_TOTAL_BYTES).then(all_too_large)
}

static STREAM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)stream(?:\r\n|\n|\r)").expect("pattern"));
static OBJ: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)\d+\s+\d+\s+obj\b").expect("pattern"));
static FILTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)").expect("pattern"));
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)/([^\s/\[\]<>()]+)").expect("pattern"));
static LENGTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)/Length\s+(\d+)(\s+\d+\s+R)?").expect("pattern"));
static OBJSTM_N: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/Type\s*/ObjStm\b(?s:.*?)/N\s+(\d+)|/N\s+(\d+)(?s:.*?)/Type\s*/ObjStm\b")
        .expect("pattern")
});

fn number(bytes: &[u8]) -> Option<u64> {
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// Tokens of PDF syntax (numbers, names, keywords, the opening of arrays,
/// dictionaries and strings) outside stream data.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/[^\s/\[\]<>(){}%]*|[^\s/\[\]<>(){}%]+|\[|<<|\(").expect("pattern")
});

fn too_many_tokens() -> String {
    format!("PDF 中的对象数据超过 {} 万项", MAX_TOKENS / 10_000)
}

/// Why a PDF is refused from its raw bytes, before lopdf loads it: a
/// stream (found by its `stream` keyword, its dictionary read back to
/// `obj`) inflating past the bounds, too many objects, or too many values
/// for lopdf to parse (outside streams and inside object streams).
pub(super) fn raw_oversized(bytes: &[u8]) -> Option<String> {
    static END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)endstream").expect("pattern"));
    // Where each `n g obj` ends: a stream's dictionary starts at the last before it.
    let objs: Vec<usize> = OBJ.find_iter(bytes).map(|m| m.end()).collect();
    if objs.len() > MAX_OBJECTS {
        return Some(too_many_objects());
    }
    let mut objects = objs.len();
    // Counted no further than the bound.
    let count = |hay: &[u8], so_far: usize| {
        so_far
            + TOKEN
                .find_iter(hay)
                .take(MAX_TOKENS + 1 - so_far.min(MAX_TOKENS))
                .count()
    };
    let (mut total, mut tokens) = (0u64, 0usize);
    let mut past = 0;
    for m in STREAM.find_iter(bytes) {
        let at = m.start();
        // `endstream`, or the word inside a stream's data already measured.
        if at < past || (at >= 3 && &bytes[at - 3..at] == b"end") {
            continue;
        }
        let Some(from) = objs[..objs.partition_point(|&end| end <= at)].last() else {
            continue;
        };
        // Read back no further than the stream before: every byte is read once.
        let dict = &bytes[(*from).max(past)..at];
        let objstm = OBJSTM_N.captures(dict);
        if let Some(n) = &objstm {
            let n = n.get(1).or(n.get(2)).and_then(|n| number(n.as_bytes()));
            objects = objects.saturating_add(n.unwrap_or(0) as usize);
        }
        let start = m.end();
        let direct = LENGTH
            .captures(dict)
            .filter(|c| c.get(2).is_none())
            .and_then(|c| number(&c[1]))
            .and_then(|len| start.checked_add(usize::try_from(len).ok()?))
            .filter(|end| *end <= bytes.len());
        let end = direct.unwrap_or_else(|| {
            END.find(&bytes[start..])
                .map_or(bytes.len(), |e| start + e.start())
        });
        tokens = count(&bytes[past..start], tokens);
        past = past.max(end);
        let names: Vec<&[u8]> = FILTER.captures(dict).map_or_else(Vec::new, |filter| {
            NAME.captures_iter(filter.get(1).map_or(&b""[..], |f| f.as_bytes()))
                .map(|c| c.get(1).map_or(&b""[..], |n| n.as_bytes()))
                .collect()
        });
        let early = !dict.windows(14).any(|w| w == b"/EarlyChange 0");
        let data = &bytes[start..end];
        let measured = if objstm.is_some() {
            // lopdf parses an object stream's objects while loading: count them.
            decoded(&names, early, data, MAX_STREAM_BYTES).map(|inflated| {
                tokens = count(&inflated, tokens);
                inflated.len() as u64
            })
        } else if names.is_empty() {
            continue;
        } else {
            decoded_len(&names, early, data, MAX_STREAM_BYTES)
        };
        if let Some(why) = tally(&mut total, measured) {
            return Some(why);
        }
        if tokens > MAX_TOKENS {
            return Some(too_many_tokens());
        }
    }
    if objects > MAX_OBJECTS {
        return Some(too_many_objects());
    }
    tokens = count(&bytes[past.min(bytes.len())..], tokens);
    (tokens > MAX_TOKENS).then(too_many_tokens)
}

/// Why a loaded document is refused: a stream or all of them inflating
/// past the bounds (through the filters as lopdf reads them), too many
/// objects or pages, a page's or a form's content past
/// [`MAX_CONTENT_BYTES`].
pub(super) fn oversized(doc: &Document) -> Option<String> {
    if doc.objects.len() > MAX_OBJECTS {
        return Some(too_many_objects());
    }
    let mut total: u64 = 0;
    let mut sizes: HashMap<ObjectId, u64> = HashMap::new();
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else {
            continue;
        };
        let measured = match stream.filters() {
            Ok(filters) => {
                let early = stream
                    .dict
                    .get(b"DecodeParms")
                    .and_then(Object::as_dict)
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Object::as_i64)
                    .map_or(true, |v| v != 0);
                decoded_len(&filters, early, &stream.content, MAX_STREAM_BYTES)
            }
            Err(_) => Ok(stream.content.len() as u64),
        };
        if let Ok(len) = measured {
            sizes.insert(*id, len);
            let form = stream.dict.get(b"Subtype").and_then(Object::as_name);
            if form.is_ok_and(|n| n == b"Form") && len > MAX_CONTENT_BYTES {
                return Some(format!(
                    "PDF 中有一个表单对象的内容解压后超过 {} MB",
                    MAX_CONTENT_BYTES / MB
                ));
            }
        }
        if let Some(why) = tally(&mut total, measured) {
            return Some(why);
        }
    }
    let pages: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if pages.len() > MAX_PAGES {
        return Some(format!("PDF 的页数超过 {} 页", MAX_PAGES));
    }
    // pdf-extract parses a page's whole content into operators at once
    // (some 80 bytes each: 64 MB of `q Q` would be gigabytes).
    for (n, page) in pages.iter().enumerate() {
        let content: u64 = doc
            .get_page_contents(*page)
            .iter()
            .map(|id| sizes.get(id).copied().unwrap_or(0))
            .sum();
        if content > MAX_CONTENT_BYTES {
            return Some(format!(
                "PDF 第{}页的内容解压后超过 {} MB",
                n + 1,
                MAX_CONTENT_BYTES / MB
            ));
        }
    }
    None
}

/// Why a document is refused: a page drawing more than [`MAX_RULES`]
/// ruling lines (`rules`: each page's count, in order).
pub(super) fn too_many_rules(rules: impl Iterator<Item = usize>) -> Option<String> {
    let mut rules = rules;
    let page = rules.position(|n| n > MAX_RULES)?;
    Some(format!("PDF 第{}页的表格线超过 {} 条", page + 1, MAX_RULES))
}
