//! A fuzz stand-in over real published documents (issue 24): the examples'
//! PDF as gxreport builds it, LibreOffice's PDF, a portal page, a text
//! report and the WPS files published by a city (the shared reference
//! folder), each with a few random edits (bytes flipped, runs
//! overwritten or copied, PDF tokens written in, the end cut off). Reading one may fail, never
//! panic, and never take long; the real documents themselves stay far
//! below every bound.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use gxreport::import::{read_bytes, Kind};
use proptest::prelude::*;

/// The documents edited, with their names and kinds.
static SOURCES: LazyLock<Vec<(String, Kind, Vec<u8>)>> = LazyLock::new(|| {
    let root = crate::common::root();
    let fixtures = root.join("tests/fixtures/import");
    let mut out = vec![
        (
            "examples/minimal.pdf".to_string(),
            Kind::Pdf,
            crate::common::pdf(&crate::common::load_example("minimal.yaml")),
        ),
        (
            "libreoffice-panzhihua.pdf".to_string(),
            Kind::Pdf,
            std::fs::read(fixtures.join("libreoffice-panzhihua.pdf")).unwrap(),
        ),
    ];
    // The real published documents live beside the repository, not in it.
    for (name, kind) in [
        ("shuyang-fgj-2023.html", Kind::Html),
        ("panzhihua-2024-report.txt", Kind::Text),
        ("published/huaian-city-2024-wps.pdf", Kind::Pdf),
        ("published/official-template-blank-wps.docx", Kind::Docx),
    ] {
        let bytes = std::fs::read(crate::common::shared(&format!("reference/{name}"))).unwrap();
        out.push((name.to_string(), kind, bytes));
    }
    out
});

/// Pieces of PDF and markup syntax dropped into a document.
const TOKENS: [&[u8]; 12] = [
    b" 0 R",
    b"[[[[[[[[",
    b"<<",
    b">>",
    b"/Filter /LZWDecode",
    b"/Length 99999999",
    b" -1 ",
    b"endobj",
    b"stream\n",
    b"/Type /ObjStm /N 9999999",
    b"<div><div><div>",
    b"<w:r>",
];

/// One edit: what, where (a fraction of the length), and a byte or length.
type Edit = (u8, prop::sample::Index, u8, usize);

/// The document with the edits made in place (the length kept, so a PDF's
/// cross-reference offsets still hold and the edits reach past loading),
/// or cut short.
fn edited(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for (kind, at, byte, len) in edits {
        let i = at.index(out.len());
        let end = (i + len).min(out.len());
        match kind % 8 {
            0 | 1 => out[i] ^= byte | 1,
            2 => out[i..end].fill(*byte),
            3 => {
                // A run from elsewhere copied over this one.
                let from = (i * 7 + *byte as usize) % out.len();
                let n = (end - i).min(out.len() - from);
                out.copy_within(from..from + n, i);
            }
            4 => out.truncate(i.max(1)),
            _ => {
                let token = TOKENS[*byte as usize % TOKENS.len()];
                let n = token.len().min(out.len() - i);
                out[i..i + n].copy_from_slice(&token[..n]);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn edited_real_documents_never_panic_nor_run_long(
        which in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<u8>(), any::<prop::sample::Index>(), any::<u8>(), 1usize..4096), 1..6),
    ) {
        let (name, kind, bytes) = &SOURCES[which.index(SOURCES.len())];
        let input = edited(bytes, &edits);
        let started = Instant::now();
        // A panic inside is caught at the file's boundary and told; one
        // here would fail the test.
        let result = read_bytes(name, *kind, &input);
        let took = started.elapsed();
        prop_assert!(took < Duration::from_secs(20), "{name}: {took:?}");
        if let Err(errors) = result {
            for e in &errors {
                prop_assert!(!e.message.is_empty());
                if e.message.contains("出错中止") {
                    eprintln!("{name}: {}", e.message);
                }
            }
        }
    }
}

#[test]
fn real_documents_are_far_below_every_bound() {
    use gxreport::import::bounds::{markup, MAX_DEPTH};
    for (name, kind, bytes) in SOURCES.iter() {
        let started = Instant::now();
        let read = read_bytes(name, *kind, bytes);
        let took = started.elapsed();
        // The blank template has no figures: it is refused, but not by a bound.
        if let Err(errors) = &read {
            for e in errors {
                assert!(
                    !e.message.contains("不像是一份年度报告：文件可能已损坏"),
                    "{name}: {}",
                    e.message
                );
            }
        }
        assert!(took < Duration::from_secs(10), "{name}: {took:?}");
        eprintln!("{name}: {} bytes, read in {took:?}", bytes.len());
    }
    let page = String::from_utf8_lossy(&SOURCES[2].2).into_owned();
    let depth = markup::html_depth(&page);
    eprintln!("shuyang-fgj-2023.html nests {depth} deep");
    assert!(depth * 10 < MAX_DEPTH, "{depth}");
}
