//! Hostile and broken published PDFs (issue 24), made by the tests: streams
//! that inflate far past any report through any filter chain, object
//! streams lopdf would inflate while loading, too many objects or pages,
//! forms that draw each other, xref tables pointing into themselves, deep
//! nesting, a dependency's panic. Each is refused with its cause named,
//! within a time bound (generous, for CI) and a bound on the binary's
//! address space (1 GiB; the peak memory measured is printed); a folder
//! run with them among good files reads the good ones and says something
//! was refused.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

/// What a run of the binary printed and cost.
pub struct Run {
    pub stderr: String,
    pub code: Option<i32>,
    pub took: Duration,
    /// Peak resident memory of the process, in MiB.
    pub peak_mb: u64,
}

/// The address space a hostile file's run may use: an import of a real
/// report needs a fraction of it (thread stacks and the binary included);
/// a bound that failed would end the run by a failed allocation instead of
/// a refusal.
pub const ADDRESS_SPACE: u64 = 1024 * 1024 * 1024;

/// Run the binary in `dir` within [`ADDRESS_SPACE`] and measure its time and
/// peak memory (the kernel's account of the child, from `wait4`; an upper
/// bound: Linux starts a child's peak at its parent's size when spawned).
// The child is reaped by `wait4`, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
pub fn measured(args: &[&str], dir: &Path) -> Run {
    use std::os::unix::process::CommandExt;
    let started = Instant::now();
    let mut command = Command::new(env!("CARGO_BIN_EXE_gxreport"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GXREPORT_FONT_PATHS")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs before exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: ADDRESS_SPACE,
                rlim_max: ADDRESS_SPACE,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("the gxreport binary runs");
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        pipe.read_to_string(&mut s).ok();
        s
    });
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let took = started.elapsed();
    Run {
        stderr: reader.join().unwrap(),
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        took,
        peak_mb: usage.ru_maxrss as u64 / 1024,
    }
}

/// Import `bytes` saved as `name` with the binary: refused (exit 2, not
/// ended by a failed allocation) with `message` as the error's own line,
/// within a time bound and [`ADDRESS_SPACE`].
pub fn refused_with(name: &str, bytes: &[u8], message: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let run = measured(&["import", name, "-o", "out.yaml"], dir.path());
    let expected = format!("错误[E-IMPORT]: {message}\n--> {name}\n");
    assert!(
        run.stderr.contains(&expected),
        "{name}: expected\n{expected}got\n{}",
        run.stderr
    );
    assert_eq!(run.code, Some(2), "{name}: {}", run.stderr);
    assert!(
        run.took < Duration::from_secs(30),
        "{name} took {:?}",
        run.took
    );
    eprintln!("{name}: {:?}, peak {} MiB", run.took, run.peak_mb);
    run
}

const BOMB: &str = "PDF 中有一个数据流解压后超过 64 MB，不像是一份年度报告：文件可能已损坏，或是有意构造的“压缩炸弹”。";

fn damaged(what: &str) -> String {
    format!("{what}，不像是一份年度报告：文件可能已损坏，或是有意构造的。")
}

/// A one-page PDF: `build` adds objects and returns the page's resources
/// and content.
fn pdf(build: impl FnOnce(&mut Document) -> (Dictionary, Vec<u8>)) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let (resources, content) = build(&mut doc);
    let mut content = Stream::new(dictionary! {}, content);
    content.compress().unwrap();
    let content_id = doc.add_object(content);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources,
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

fn flate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for group in data.chunks(4) {
        let mut word = [0u8; 4];
        word[..group.len()].copy_from_slice(group);
        let mut n = u32::from_be_bytes(word);
        if n == 0 && group.len() == 4 {
            out.push(b'z');
            continue;
        }
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = (n % 85) as u8 + b'!';
            n /= 85;
        }
        out.extend_from_slice(&digits[..group.len() + 1]);
    }
    out.extend_from_slice(b"~>");
    out
}

/// A page whose content is `data` stored through `filters`.
fn filtered(filters: &[&str], stored: Vec<u8>) -> Vec<u8> {
    let names: Vec<Object> = filters
        .iter()
        .map(|f| Object::Name(f.as_bytes().to_vec()))
        .collect();
    pdf(|doc| {
        let id = doc.add_object(Stream::new(dictionary! { "Filter" => names }, stored));
        (dictionary! { "Extra" => id }, b"q Q".to_vec())
    })
}

#[test]
fn streams_inflating_past_the_bound_through_any_filter_chain_are_refused_before_reading() {
    const BIG: usize = 80 * 1024 * 1024;
    let spaces = vec![b' '; BIG];
    let lzw = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
        .encode(&spaces)
        .unwrap();
    let hex: Vec<u8> = flate(&spaces)
        .iter()
        .flat_map(|b| format!("{b:02X}").into_bytes())
        .chain(*b">")
        .collect();
    let run_length: Vec<u8> = std::iter::repeat_n([129u8, b' '], BIG / 128)
        .flatten()
        .chain([128])
        .collect();
    let cases: [(&str, &[&str], Vec<u8>); 5] = [
        ("lzw.pdf", &["LZWDecode"], lzw),
        ("hex-flate.pdf", &["ASCIIHexDecode", "FlateDecode"], hex),
        (
            "a85-flate.pdf",
            &["ASCII85Decode", "FlateDecode"],
            ascii85(&flate(&spaces)),
        ),
        ("runlength.pdf", &["RunLengthDecode"], run_length),
        (
            "flate-flate.pdf",
            &["FlateDecode", "FlateDecode"],
            flate(&flate(&spaces)),
        ),
    ];
    drop(spaces);
    for (name, filters, stored) in cases {
        assert!(
            stored.len() < 2 * 1024 * 1024,
            "{name} is {} bytes",
            stored.len()
        );
        refused_with(name, &filtered(filters, stored), BOMB);
    }
}

/// `n` spaces deflated, a megabyte at a time (the test never holds them).
fn flate_spaces(n: usize) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..n / chunk.len() {
        e.write_all(&chunk).unwrap();
    }
    e.finish().unwrap()
}

/// A PDF written by hand from its objects' bodies (numbered from 1, the
/// first the catalog), with a classic xref table.
fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn an_object_stream_is_measured_before_lopdf_inflates_it_while_loading() {
    // lopdf inflates an object stream the xref lists while it loads the file:
    // a gigabyte here would show in the peak memory if it were not refused first.
    let stored = flate_spaces(1024 * 1024 * 1024);
    let mut objstm = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        stored.len()
    )
    .into_bytes();
    objstm.extend_from_slice(&stored);
    objstm.extend_from_slice(b"\nendstream");
    let bomb = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        objstm,
    ]);
    refused_with("objstm.pdf", &bomb, BOMB);
}

#[test]
fn too_many_objects_or_pages_are_refused() {
    // A million and one objects, most of them `null`: refused from the raw bytes.
    let mut raw = b"%PDF-1.4\n".to_vec();
    for i in 1..=1_000_001 {
        raw.extend_from_slice(format!("{i} 0 obj null endobj\n").as_bytes());
    }
    raw.extend_from_slice(b"trailer << /Size 3 >>\nstartxref\n0\n%%EOF\n");
    refused_with("objects.pdf", &raw, &damaged("PDF 中的对象超过 100 万个"));

    // One array of ten million numbers (20 MB): lopdf would take 1.2 GB.
    let values = damaged("PDF 中的对象数据超过 200 万项");
    let mut array = b"[".to_vec();
    array.extend_from_slice(&b"0 ".repeat(10_000_000));
    array.push(b']');
    let big = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R /Big 4 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        array,
    ]);
    refused_with("values.pdf", &big, &values);
    // The same inside an object stream, a few kilobytes on disk.
    let mut content = b"5 0 [".to_vec();
    content.extend_from_slice(&b"0 ".repeat(10_000_000));
    content.push(b']');
    let stored = flate(&content);
    let mut objstm = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        stored.len()
    )
    .into_bytes();
    objstm.extend_from_slice(&stored);
    objstm.extend_from_slice(b"\nendstream");
    let packed = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        objstm,
    ]);
    assert!(packed.len() < 200_000, "{}", packed.len());
    refused_with("values-objstm.pdf", &packed, &values);

    // Ten thousand and one pages.
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(Stream::new(dictionary! {}, b"q Q".to_vec()));
    let kids: Vec<Object> = (0..10_001)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 10_001 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    refused_with("pages.pdf", &bytes, &damaged("PDF 的页数超过 10000 页"));
}

#[test]
fn a_page_of_millions_of_operators_is_refused_before_pdf_extract_parses_them() {
    // 60 MB of `q Q`: fifteen million operators, gigabytes once parsed.
    let page = pdf(|_| (dictionary! {}, b"q Q\n".repeat(15_000_000)));
    assert!(page.len() < 1024 * 1024);
    let run = refused_with(
        "operators.pdf",
        &page,
        "PDF 第1页的内容解压后超过 4 MB，不像是一份年度报告：文件可能已损坏，或是有意构造的“压缩炸弹”。",
    );
    assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
    // The same in a form the page draws.
    let drawn = pdf(|doc| {
        let mut content = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            },
            b"q Q\n".repeat(15_000_000),
        );
        content.compress().unwrap();
        let f = doc.add_object(content);
        (
            dictionary! { "XObject" => dictionary! { "F" => f } },
            b"/F Do".to_vec(),
        )
    });
    refused_with(
        "form-operators.pdf",
        &drawn,
        "PDF 中有一个表单对象的内容解压后超过 4 MB，不像是一份年度报告：文件可能已损坏，或是有意构造的“压缩炸弹”。",
    );
}

#[test]
fn a_page_of_too_many_ruling_lines_is_refused_before_its_grid_is_rebuilt() {
    // Rebuilding the grid compares lines pairwise: 20,000 each way took 13 s.
    let mut content = Vec::new();
    for i in 0..20_000 {
        let at = 10.0 + f64::from(i) * 0.04;
        content.extend_from_slice(format!("10 {at:.2} m 580 {at:.2} l S\n").as_bytes());
        content.extend_from_slice(format!("{at:.2} 10 m {at:.2} 830 l S\n").as_bytes());
    }
    let page = pdf(|_| (dictionary! {}, content));
    let run = refused_with(
        "rules.pdf",
        &page,
        &damaged("PDF 第1页的表格线超过 5000 条"),
    );
    assert!(run.took < Duration::from_secs(10), "{:?}", run.took);
}

/// A Form XObject with `content`, its own `resources` if any.
fn form(doc: &mut Document, content: &[u8], resources: Option<Object>) -> lopdf::ObjectId {
    let mut dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    if let Some(r) = resources {
        dict.set("Resources", r);
    }
    doc.add_object(Stream::new(dict, content.to_vec()))
}

#[test]
fn forms_that_draw_each_other_are_refused_before_pdf_extract_recurses() {
    // A form that draws itself through the page's resources it inherits.
    let looped = pdf(|doc| {
        let id = doc.new_object_id();
        let f = form(doc, b"/F1 Do", None);
        doc.objects
            .insert(id, Object::Dictionary(dictionary! { "F1" => f }));
        (dictionary! { "XObject" => id }, b"/F1 Do".to_vec())
    });
    refused_with(
        "forms-loop.pdf",
        &looped,
        &damaged("PDF 中的表单对象（Form XObject）互相引用或嵌套超过 64 层"),
    );
    // Forty forms each drawing the next twice: 2^40 draws.
    let fanned = pdf(|doc| {
        let mut next = form(doc, b"q Q", None);
        for _ in 0..40 {
            let resources = dictionary! { "XObject" => dictionary! { "N" => next } };
            next = form(doc, b"/N Do /N Do", Some(resources.into()));
        }
        (
            dictionary! { "XObject" => dictionary! { "N" => next } },
            b"/N Do".to_vec(),
        )
    });
    refused_with(
        "forms-fan.pdf",
        &fanned,
        &damaged("PDF 中绘制表单对象（Form XObject）的次数超过 10 万次"),
    );
    // One form of ten thousand characters drawn three hundred times.
    let drawn = pdf(|doc| {
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let text = format!("BT /F 12 Tf 10 10 Td ({}) Tj ET", "x".repeat(10_000));
        let resources = dictionary! { "Font" => dictionary! { "F" => font } };
        let f = form(doc, text.as_bytes(), Some(resources.into()));
        (
            dictionary! { "XObject" => dictionary! { "X" => f } },
            "/X Do ".repeat(300).into_bytes(),
        )
    });
    refused_with(
        "forms-text.pdf",
        &drawn,
        &damaged("PDF 中绘制的文字和线条超过 100 万个"),
    );
}

#[test]
fn broken_structure_is_told_as_damage_and_a_dependency_panic_names_the_dependency() {
    // The xref's previous section is itself, and its entries point into it.
    let mut raw = b"%PDF-1.4\n".to_vec();
    let xref = raw.len();
    raw.extend_from_slice(
        format!(
            "xref\n0 3\n0000000000 65535 f \n{xref:010} 00000 n \n{xref:010} 00000 n \ntrailer << /Size 3 /Root 1 0 R /Prev {xref} >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    refused_with(
        "xref-loop.pdf",
        &raw,
        "PDF 文件已损坏或不完整（可能下载时被截断），无法读取。",
    );
    // Arrays nested a hundred thousand deep, in an object and in the content.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let content = format!("{deep} pop");
    let nested = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R /Deep 5 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        )
        .into_bytes(),
        deep.into_bytes(),
    ]);
    refused_with(
        "nested.pdf",
        &nested,
        "PDF 文件已损坏，读不出文字（读取组件 pdf-extract 出错中止）。",
    );
    // A page without a MediaBox: pdf-extract panics (`expect("MediaBox")`).
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"q Q".to_vec()));
    let page = doc
        .add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let run = refused_with(
        "no-mediabox.pdf",
        &bytes,
        "PDF 文件已损坏，读不出文字（读取组件 pdf-extract 出错中止）。",
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// A one-page PDF whose content stream inflates to `inflated` bytes of
/// spaces (a few hundred kilobytes on disk).
fn flate_bomb(inflated: usize) -> Vec<u8> {
    let bomb = pdf(|_| (dictionary! {}, vec![b' '; inflated]));
    assert!(bomb.len() < inflated / 100, "not compressed");
    bomb
}

#[test]
fn a_pdf_that_inflates_past_the_bound_is_refused_in_bounded_time() {
    let bomb = flate_bomb(80 * 1024 * 1024);
    let started = Instant::now();
    let err = gxreport::import::read_bytes("bomb.pdf", gxreport::import::Kind::Pdf, &bomb)
        .expect_err("refused");
    let took = started.elapsed();
    let message: String = err.iter().map(|d| d.message.clone()).collect();
    assert_eq!(message, BOMB);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    refused_with("bomb.pdf", &bomb, BOMB);

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
