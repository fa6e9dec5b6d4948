//! gxbench: the figures behind the README's performance table, measured side
//! by side in one run on this machine.
//!
//! Run after building the binaries of the same profile, e.g.
//! `cargo build --release --bins && target/release/gxbench` (or the dev
//! profile: `cargo build --bins && target/debug/gxbench`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use gxreport::render::Templates;
use gxreport::report::load::load_file;
use gxreport::typeset::fonts::embedded;
use gxreport::{Export, Pipeline};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gx = std::env::current_exe()
        .expect("own path")
        .with_file_name("gxreport");
    assert!(
        gx.exists(),
        "build gxreport first: cargo build --bins (same profile as gxbench)"
    );
    let example = root.join("examples/panzhihua-2024.yaml");
    let work = tempfile::tempdir().expect("temp dir");
    let w = work.path();
    println!(
        "gxbench — {} cores, binaries in {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        gx.parent()
            .map_or(String::new(), |p| p.display().to_string())
    );
    println!("{:<58} {:>9} {:>9} {:>9}", "figure", "median", "min", "max");

    let cold = times(20, || {
        run(
            &gx,
            &[
                "build",
                example.to_str().unwrap_or_default(),
                "-o",
                w.join("r.pdf").to_str().unwrap_or_default(),
                "--no-system-fonts",
            ],
        )
    });
    show(
        "cold build, reference report, whole process (PDF/A-2b)",
        &cold,
    );
    let pdf_size = std::fs::metadata(w.join("r.pdf"))
        .map(|m| m.len())
        .unwrap_or(0);
    let check = times(30, || {
        run(&gx, &["check", example.to_str().unwrap_or_default()])
    });
    show("check, reference report, whole process", &check);

    // A rebuild in a watch loop: fonts loaded, Typst's caches warm, one
    // character of the prose changed each time.
    let mut report = load_file(&example).expect("the example loads");
    let templates = Templates::embedded();
    let pipeline = Pipeline::embedded();
    let _ = pipeline.produce(&pipeline.prepare(&example), Export::Pdf);
    let mut n = 0;
    let watch = times(20, || {
        n += 1;
        report.overview.paragraphs[0]
            .value
            .push(if n % 2 == 0 { '。' } else { '，' });
        let prepared = pipeline.prepare_report(report.clone(), "r.yaml", None);
        let _ = pipeline.produce(&prepared, Export::Pdf);
    });
    show(
        "watch rebuild after a one-character edit (in-process)",
        &watch,
    );

    // A gazette batch of 200 generated reports.
    let reports = w.join("batch");
    std::fs::create_dir_all(&reports).expect("batch dir");
    for i in 0..200 {
        std::fs::write(reports.join(format!("unit-{i:03}.yaml")), generated(i))
            .expect("write a report");
    }
    let start = Instant::now();
    let ok = Command::new(&gx)
        .args([
            "build",
            reports.to_str().unwrap_or_default(),
            "-o",
            w.join("out").to_str().unwrap_or_default(),
            "--no-system-fonts",
            "--message-format",
            "json",
        ])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    let batch = start.elapsed();
    let rss_mb = peak_child_rss_kb() as f64 / 1024.0;
    println!(
        "{:<58} {:>9} {:>9.1} reports/s, peak RSS {rss_mb:.0} MB{}",
        "batch of 200 generated reports, whole process",
        ms(batch),
        200.0 / batch.as_secs_f64(),
        if ok { "" } else { " (FAILED)" }
    );

    // The official compiler on the same .typ with the same fonts.
    let typ = w.join("typst");
    std::fs::create_dir_all(typ.join("fonts")).expect("typst dir");
    let source =
        gxreport::render::render(&report, &templates, &Default::default()).expect("render");
    std::fs::write(typ.join("report.typ"), source).expect("write .typ");
    std::fs::write(typ.join("style.typ"), &templates.style).expect("write style");
    std::fs::write(typ.join("fonts.json"), embedded().chains_json()).expect("write fonts.json");
    for entry in std::fs::read_dir(root.join("fonts"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let p = entry.path();
        if matches!(p.extension().and_then(|e| e.to_str()), Some("otf" | "ttf")) {
            let _ = std::fs::copy(&p, typ.join("fonts").join(entry.file_name()));
        }
    }
    // Only the real typst CLI counts (0.15.1, as in Cargo.toml): a ratio
    // against anything else would not compare like with like.
    let cli_version = Command::new("typst")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let official: Option<(String, Box<dyn Fn() -> bool>)> =
        if which("typst") && cli_version.contains("0.15.1") {
            let dir = typ.clone();
            Some((
                "typst compile".into(),
                Box::new(move || {
                    Command::new("typst")
                        .args([
                            "compile",
                            "--ignore-system-fonts",
                            "--font-path",
                            "fonts",
                            "--pdf-standard",
                            "a-2b",
                            "report.typ",
                            "o.pdf",
                        ])
                        .current_dir(&dir)
                        .status()
                        .map(|s| s.success())
                        .unwrap_or(false)
                }),
            ))
        } else {
            None
        };
    match official {
        Some((name, compile)) => {
            let t = times(10, || {
                let _ = compile();
            });
            show(&format!("{name}, same .typ and fonts"), &t);
            println!(
                "{:<58} {:>9.2}",
                "ratio: gxreport cold build / official compile (medians)",
                median(&cold).as_secs_f64() / median(&t).as_secs_f64()
            );
        }
        None => println!(
            "typst CLI: skipped, no ratio printed (needs `typst` 0.15.1 on PATH: cargo install typst-cli --version 0.15.1 --locked)"
        ),
    }
    println!(
        "{:<58} {:>9} KB",
        "reference PDF size (PDF/A-2b, font subsets)",
        pdf_size / 1024
    );
}

fn run(gx: &Path, args: &[&str]) {
    let _ = Command::new(gx).args(args).output();
}

fn times(n: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm the page cache
    (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect()
}

fn median(t: &[Duration]) -> Duration {
    let mut t = t.to_vec();
    t.sort();
    t[t.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn show(name: &str, t: &[Duration]) {
    let (min, max) = (
        t.iter().min().copied().unwrap_or_default(),
        t.iter().max().copied().unwrap_or_default(),
    );
    println!(
        "{name:<58} {:>9} {:>9} {:>9}",
        ms(median(t)),
        ms(min),
        ms(max)
    );
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join(program).is_file()))
}

/// The largest resident set of any child process waited for so far.
fn peak_child_rss_kb() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

/// A consistent report with figures and prose length varying with `i`.
fn generated(i: usize) -> String {
    let n = |k: usize| (i * 7 + k * 13) % 29;
    let (a, b, c) = (n(1), n(2), n(3));
    let received = a + b + c;
    let para = "本机关认真贯彻落实政府信息公开条例，持续深化政务公开，不断完善平台建设。"
        .repeat(1 + i % 12);
    format!(
        "agency: 第{i}号测试单位\nyear: 2025\noverview:\n  text: |\n    {para}\n  items:\n    - heading: 主动公开方面\n      text: 全年共收到申请{{{{ b.received.total }}}}件。{para}\nproactive:\n  normative_documents: {{issued: {a}, repealed: {b}, in_force: {c}}}\n  fees: {i}.5\nrequests:\n  received: [{a}, {b}, {c}, 0, 0, 0]\n  granted: [{a}, 0, 0, 0, 0, 0]\n  unavailable:\n    not_held: [0, {b}, 0, 0, 0, 0]\n  carried_forward: [0, 0, {c}, 0, 0, 0]\nappeals:\n  review: [{}, 0, 0, 0]\nproblems: 需要进一步加强。\n",
        received % 3
    )
}
