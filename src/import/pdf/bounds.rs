//! Bounds on what a PDF may unpack to before pdf-extract reads it: a small
//! file whose Flate streams inflate to gigabytes (a “zip bomb”) would take
//! the machine's memory and stop a whole run of many files. Each stream is
//! measured with a reader that stops past the bound; nothing is kept.

use std::io::Read;

use pdf_extract::{Document, Object};

/// The most one stream may inflate to. A report's page content is tens of
/// kilobytes, a whole embedded font a few megabytes.
pub(super) const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// The most all streams together may inflate to.
pub(super) const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// Why a document is refused, if a stream or all of them inflate past the
/// bounds (in MiB, for the message).
pub(super) fn oversized(doc: &Document) -> Option<String> {
    let mut total: u64 = 0;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let flate = stream
            .filters()
            .is_ok_and(|f| f.first().is_some_and(|first| *first == b"FlateDecode"));
        if !flate {
            continue;
        }
        let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
        let inflated = std::io::copy(
            &mut decoder.take(MAX_STREAM_BYTES + 1),
            &mut std::io::sink(),
        )
        .unwrap_or(0);
        if inflated > MAX_STREAM_BYTES {
            return Some(format!(
                "PDF 中有一个数据流解压后超过 {} MB",
                MAX_STREAM_BYTES / 1024 / 1024
            ));
        }
        total += inflated;
        if total > MAX_TOTAL_BYTES {
            return Some(format!(
                "PDF 的数据流解压后合计超过 {} MB",
                MAX_TOTAL_BYTES / 1024 / 1024
            ));
        }
    }
    None
}
