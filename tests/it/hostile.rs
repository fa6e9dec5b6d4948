//! Hostile and broken published files (issue 24, first part): a PDF whose
//! page content inflates far past any report (a Flate “bomb”) is refused in
//! bounded time before anything inflates it, and a folder run with it among
//! good files still reads and summarises the good ones.

use std::time::{Duration, Instant};

use lopdf::{dictionary, Document, Object, Stream};

/// A one-page PDF whose content stream inflates to `inflated` bytes of
/// spaces (a few hundred kilobytes on disk).
fn flate_bomb(inflated: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut stream = Stream::new(dictionary! {}, vec![b' '; inflated]);
    stream.compress().unwrap();
    assert!(stream.content.len() < inflated / 100, "not compressed");
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

#[test]
fn a_pdf_that_inflates_past_the_bound_is_refused_in_bounded_time() {
    let bomb = flate_bomb(80 * 1024 * 1024);
    let started = Instant::now();
    let err = gxreport::import::read_bytes("bomb.pdf", gxreport::import::Kind::Pdf, &bomb)
        .expect_err("refused");
    let took = started.elapsed();
    let message: String = err.iter().map(|d| d.message.clone()).collect();
    assert!(
        message.contains("PDF 中有一个数据流解压后超过 64 MB") && message.contains("压缩炸弹"),
        "{message}"
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");

    // In a folder with a good report: the good one is read and summarised.
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("各单位");
    std::fs::create_dir(&units).unwrap();
    std::fs::write(units.join("bomb.pdf"), &bomb).unwrap();
    std::fs::copy(
        crate::common::root().join("examples/minimal.yaml"),
        units.join("good.yaml"),
    )
    .unwrap();
    let out = crate::common::gx(&["check", "各单位"], dir.path());
    let err = crate::common::stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("解压后超过 64 MB"), "{err}");
    assert!(
        err.contains("某某县档案馆"),
        "the good report is summarised: {err}"
    );
}
