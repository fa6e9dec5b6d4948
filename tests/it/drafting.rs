//! The drafting loop through the binary: `init`, `schema`, `watch`, `preview`
//! (the last in a real headless Chromium).

use crate::common::{gx as gxreport, stderr};

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gxreport::format::{labels_in_print_order, TABLE_B};
use gxreport::report::{load, ACells};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The text of every comment in a YAML file written by `init`.
fn comments(yaml: &str) -> String {
    yaml.lines()
        .filter_map(|l| l.find('#').map(|i| &l[i + 1..]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Wait until `done` holds, for at most `secs` seconds.
fn wait_for(secs: u64, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A child process killed when the test ends, however it ends.
struct Running {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Running {
    fn start(args: &[&str], dir: &Path) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gxreport"))
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let (mut pipe, sink) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Running { child, stderr }
    }
    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
    /// The first line on standard output.
    fn first_line(&mut self) -> String {
        let mut line = String::new();
        BufReader::new(self.child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        line.trim().to_string()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ------------------------------------------------------------ init

#[test]
fn init_writes_a_complete_skeleton_that_loads_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = gxreport(
        &[
            "init",
            "--agency",
            "某某县档案馆",
            "--year",
            "2025",
            "-o",
            "report.yaml",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("已生成 report.yaml\n"),
        "{}",
        stderr(&out)
    );
    let path = dir.path().join("report.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        yaml.lines().next(),
        Some("# yaml-language-server: $schema=gxreport.schema.json")
    );
    // The schema named there is written beside it.
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("gxreport.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");

    // Every official label is in the comments.
    let notes = comments(&yaml);
    for label in labels_in_print_order() {
        assert!(notes.contains(label), "label {label} is missing:\n{yaml}");
    }
    // The five run-in sub-heads of 一、总体情况 are there as placeholders.
    for aspect in gxreport::format::OVERVIEW_ASPECTS {
        assert!(
            yaml.contains(&format!("- heading: {aspect}方面")),
            "{aspect}"
        );
    }

    let report = load::load_file(&path).unwrap();
    assert_eq!(report.agency.value, "某某县档案馆");
    assert_eq!(report.year.value, 2025);
    assert_eq!(report.overview.items.len(), 5);
    // Every row is written (has a position), zero-filled; only （七）总计 is computed.
    for (row, cells) in report.table_b_rows() {
        assert_eq!(cells[0].pos.is_some(), row.key != "total", "{}", row.label);
        assert!(cells.iter().all(|c| c.value == 0), "{}", row.label);
    }
    for (row, cells) in report.table_a_rows() {
        let written = match cells {
            ACells::Documents(v) => v.iter().all(|c| c.pos.is_some() && c.value == 0),
            ACells::Count(v) => v.pos.is_some() && v.value == 0,
            ACells::Fee(v) => v.pos.is_some() && v.value.0 == "0",
        };
        assert!(written, "{}", row.label);
    }
    assert!(report.table_c.groups.iter().all(|g| g[0].pos.is_some()));

    let check = gxreport(&["check", "report.yaml"], dir.path());
    // Only the placeholders left for the author are reported (W-PLACEHOLDER);
    // they stop a final build until written (exit 2).
    crate::common::only_placeholders(&check);
    // A final build refuses them and says that --draft builds a draft.
    let final_build = gxreport(&["build", "report.yaml", "--no-system-fonts"], dir.path());
    assert_eq!(final_build.status.code(), Some(2));
    assert!(
        stderr(&final_build).contains("带 --draft 可先生成征求意见稿"),
        "{}",
        stderr(&final_build)
    );

    // As a draft the placeholders print, references filled in from the tables.
    let build = gxreport(
        &["build", "--draft", "report.yaml", "--no-system-fonts"],
        dir.path(),
    );
    assert!(build.status.success(), "{}", stderr(&build));
    let text = Command::new("pdftotext")
        .args(["report.pdf", "-"])
        .current_dir(dir.path())
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let text = String::from_utf8_lossy(&text.stdout).replace(['\n', ' '], "");
    assert!(text.contains("（一）主动公开方面。"), "{text}");
    assert!(text.contains("本年度新收申请0件"), "{text}");
}

#[test]
fn init_from_last_year_carries_the_figures_and_keeps_the_prose() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2024.yaml"),
        "agency: 某某市统计局\n\
         year: 2024\n\
         title: [某某市统计局, 2024年政府信息公开工作年度报告]\n\
         overview:\n  text: 去年的总述。\n  items:\n    - heading: 主动公开方面\n      text: 去年主动公开的做法。\n\
         proactive:\n  rules: {issued: 1, repealed: 0, in_force: 4}\n  normative_documents: {issued: 3, repealed: 1, in_force: 20}\n\
         requests:\n  received: [5, 2, 0, 0, 0, 0]\n  granted: [2, 1, 0, 0, 0, 0]\n  carried_forward: [3, 1, 0, 0, 0, 0]\n\
         problems: 去年的问题。\n\
         signature: 某某市统计局\n",
    )
    .unwrap();
    let out = gxreport(
        &["init", "--from", "2024.yaml", "-o", "2025.yaml"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let next = load::load_file(&dir.path().join("2025.yaml")).unwrap();
    assert_eq!(next.agency.value, "某某市统计局");
    assert_eq!(next.year.value, 2025);
    let titles: Vec<&str> = next.title.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(titles, ["某某市统计局", "2025年政府信息公开工作年度报告"]);
    let carried = TABLE_B
        .iter()
        .position(|r| r.key == "carried_over")
        .unwrap();
    let row: Vec<u64> = next.table_b.rows[carried].iter().map(|c| c.value).collect();
    assert_eq!(row, [3, 1, 0, 0, 0, 0, 4]);
    let docs: Vec<[u64; 3]> = next
        .table_a_rows()
        .filter_map(|(_, c)| match c {
            ACells::Documents(v) => Some([v[0].value, v[1].value, v[2].value]),
            _ => None,
        })
        .collect();
    assert_eq!(docs, [[0, 0, 4], [0, 0, 20]]);
    assert_eq!(next.overview.paragraphs[0].value, "去年的总述。");
    assert_eq!(
        next.overview.items[0].paragraphs[0].value,
        "去年主动公开的做法。"
    );
    assert_eq!(next.problems.paragraphs[0].value, "去年的问题。");
    assert_eq!(next.signature.as_ref().unwrap().value, "某某市统计局");
    // X1 and X2 hold against last year: nothing to report.
    let check = gxreport(
        &["check", "2025.yaml", "--previous", "2024.yaml"],
        dir.path(),
    );
    // Only the placeholders left for the author are reported (W-PLACEHOLDER);
    // they stop a final build until written (exit 2).
    crate::common::only_placeholders(&check);
}

#[test]
fn init_refuses_to_overwrite_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.yaml");
    std::fs::write(&path, "agency: 已经写了一半\n").unwrap();
    let out = gxreport(&["init"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "错误：“report.yaml”已存在，没有改动它。要覆盖请加 --force，或用 -o 指定另一个文件名。\n"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "agency: 已经写了一半\n"
    );
    assert!(!dir.path().join("gxreport.schema.json").exists());

    let out = gxreport(&["init", "--force", "--year", "2030"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(load::load_file(&path).unwrap().year.value, 2030);
}

// ------------------------------------------------------------ schema

fn yaml_to_json(text: &str) -> serde_json::Value {
    serde_saphyr::from_str::<serde_json::Value>(text).unwrap()
}

fn validator() -> jsonschema::Validator {
    let dir = tempfile::tempdir().unwrap();
    let out = gxreport(&["schema"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // `-o` writes the same text.
    let out = gxreport(&["schema", "-o", "s.json"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(
            &std::fs::read(dir.path().join("s.json")).unwrap()
        )
        .unwrap(),
        schema
    );
    jsonschema::draft7::new(&schema).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc).map(|e| e.to_string()).collect()
}

#[test]
fn schema_accepts_the_examples_and_the_good_reports() {
    let v = validator();
    let mut files: Vec<PathBuf> = ["examples", "tests/good"]
        .iter()
        .flat_map(|d| std::fs::read_dir(repo(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 7, "{files:?}");
    for file in &files {
        let doc = yaml_to_json(&std::fs::read_to_string(file).unwrap());
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{}", file.display());
    }
    // And the skeletons init writes.
    let dir = tempfile::tempdir().unwrap();
    assert!(gxreport(&["init"], dir.path()).status.success());
    let skeleton = std::fs::read_to_string(dir.path().join("report.yaml")).unwrap();
    assert_eq!(errors(&v, &yaml_to_json(&skeleton)), Vec::<String>::new());
    let out = gxreport(
        &[
            "init",
            "--from",
            repo("examples/panzhihua-2024.yaml").to_str().unwrap(),
            "-o",
            "n.yaml",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let next = std::fs::read_to_string(dir.path().join("n.yaml")).unwrap();
    assert_eq!(errors(&v, &yaml_to_json(&next)), Vec::<String>::new());
}

#[test]
fn schema_rejects_unknown_keys_negative_and_string_counts() {
    let v = validator();
    let base = "agency: 某局\nyear: 2025\noverview: 正文\nproblems: 无。\n";
    let good = format!(
        "{base}proactive:\n  fees: \"12.50\"\n  rules: {{issued: 1}}\nrequests:\n  received: {{natural_person: 2}}\n  refused:\n    state_secret: [0, 0, 0, 0, 0, 0, 0]\nappeals:\n  review: [0, 0, 0, 1]\n"
    );
    assert_eq!(errors(&v, &yaml_to_json(&good)), Vec::<String>::new());
    let bad = [
        ("unknown top-level key", format!("{base}agncy: 某局\n")),
        (
            "unknown row",
            format!("{base}requests:\n  recieved: [0, 0, 0, 0, 0, 0]\n"),
        ),
        (
            "unknown item",
            format!("{base}requests:\n  refused:\n    secret: [0, 0, 0, 0, 0, 0]\n"),
        ),
        (
            "unknown column",
            format!("{base}requests:\n  received: {{person: 1}}\n"),
        ),
        (
            "negative count",
            format!("{base}requests:\n  received: [-1, 0, 0, 0, 0, 0]\n"),
        ),
        (
            "string count",
            format!("{base}requests:\n  received: [\"5\", 0, 0, 0, 0, 0]\n"),
        ),
        (
            "string count in Table A",
            format!("{base}proactive:\n  licensing: \"3\"\n"),
        ),
        (
            "decimal count",
            format!("{base}appeals:\n  review: [0.5, 0, 0, 0]\n"),
        ),
        (
            "too few numbers",
            format!("{base}requests:\n  received: [1, 0, 0]\n"),
        ),
        (
            "too many numbers",
            format!("{base}appeals:\n  review: [0, 0, 0, 0, 0, 0]\n"),
        ),
        ("negative fee", format!("{base}proactive:\n  fees: -3\n")),
        (
            "fee with a comma",
            format!("{base}proactive:\n  fees: \"1,000\"\n"),
        ),
        (
            "year as text",
            "agency: 某局\nyear: 二〇二五\noverview: 正文\n".to_string(),
        ),
        ("missing overview", "agency: 某局\nyear: 2025\n".to_string()),
        (
            "unknown prose key",
            "agency: 某局\nyear: 2025\noverview: 正文\nproblems:\n  txt: 问题\n".to_string(),
        ),
    ];
    for (what, yaml) in bad {
        assert!(
            !errors(&v, &yaml_to_json(&yaml)).is_empty(),
            "{what} passed:\n{yaml}"
        );
    }
}

#[test]
fn schema_titles_every_key_with_its_official_label() {
    let v: serde_json::Value =
        serde_json::from_str(&gxreport::drafting::schema::schema_text()).unwrap();
    let requests = &v["properties"]["requests"]["properties"];
    for row in TABLE_B.iter() {
        let node = match row.path().split_once('.') {
            Some((group, key)) => &requests[group]["properties"][key],
            None => &requests[row.key],
        };
        assert_eq!(node["title"], row.label, "{}", row.path());
        // Each column of the list form is titled too (hover in the editor).
        assert_eq!(node["anyOf"][0]["items"][0]["title"], "自然人");
    }
    assert_eq!(v["properties"]["overview"]["title"], "一、总体情况");
    assert_eq!(
        v["properties"]["appeals"]["properties"]["review"]["title"],
        "行政复议"
    );
}

// ------------------------------------------------------------ watch

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.yaml");
    let pdf = dir.path().join("draft.pdf");
    let original = std::fs::read_to_string(repo("examples/minimal.yaml")).unwrap();
    std::fs::write(&data, &original).unwrap();
    let run = Running::start(
        &["watch", "data.yaml", "-o", "draft.pdf", "--no-system-fonts"],
        dir.path(),
    );
    wait_for(60, "the first PDF", || {
        run.stderr().contains("已生成 draft.pdf")
    });
    let first = std::fs::read(&pdf).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    // The same PDF/A-2b as `build` makes: the one pipeline.
    let text = String::from_utf8_lossy(&first);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>")
            && text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "watch writes PDF/A-2b like build"
    );
    assert!(
        run.stderr().contains("正在监视 data.yaml"),
        "{}",
        run.stderr()
    );

    // Saved the way most editors do: a new file renamed over the old one.
    let tmp = dir.path().join(".data.yaml.swp");
    std::fs::write(&tmp, original.replace("某某县档案馆", "某某县档案局")).unwrap();
    std::fs::rename(&tmp, &data).unwrap();
    wait_for(30, "the rebuilt PDF", || {
        std::fs::read(&pdf).is_ok_and(|b| b != first)
    });
    wait_for(10, "the second message", || {
        run.stderr().matches("已生成 draft.pdf（用时").count() >= 2
    });
    let second = std::fs::read(&pdf).unwrap();
    assert!(second.starts_with(b"%PDF-"));

    // A broken save: the error is printed, the last good PDF stays.
    std::fs::write(&data, "agency: [某某县档案局\nyear: 2025\n").unwrap();
    wait_for(30, "the error", || {
        run.stderr().contains("未更新 draft.pdf")
    });
    let log = run.stderr();
    assert!(log.contains("错误[E-YAML]"), "{log}");
    assert!(log.contains("data.yaml:1"), "{log}");
    assert_eq!(std::fs::read(&pdf).unwrap(), second);

    // And it keeps going: fixing the file builds again.
    std::fs::write(&data, &original).unwrap();
    wait_for(30, "the rebuild after the fix", || {
        run.stderr().matches("已生成 draft.pdf（用时").count() >= 3
    });
    assert_eq!(std::fs::read(&pdf).unwrap(), first);
    // Nothing but the data and the PDF is left in the folder.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["data.yaml", "draft.pdf"]);
}

// ------------------------------------------------------------ preview

/// A GET over plain TCP: status line and body.
fn get(port: u16, path: &str) -> (String, Vec<u8>) {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("no end of headers");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head.lines().next().unwrap_or_default().to_string();
    (status, response[split + 4..].to_vec())
}

fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// Start `preview` on `data.yaml` in `dir`, wait for its first build; the port.
fn start_preview(dir: &Path) -> (Running, u16) {
    let mut run = Running::start(&["preview", "data.yaml", "--no-system-fonts"], dir);
    let url = run.first_line();
    let port: u16 = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address on stdout: {url:?}"));
    wait_for(60, "the first build", || {
        text(&get(port, "/version").1) != "0"
    });
    (run, port)
}

#[test]
fn preview_serves_the_pages_and_the_findings_and_follows_saves() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.yaml");
    // Prose that disagrees with the tables: a warning, and still built.
    std::fs::write(
        &data,
        "agency: 某某县档案馆\nyear: 2025\noverview: 全年共收到政府信息公开申请5件。\nproblems: 无。\n",
    )
    .unwrap();
    let (run, port) = start_preview(dir.path());
    assert!(run
        .stderr()
        .contains(&format!("预览地址：http://127.0.0.1:{port}/")));

    let (status, body) = get(port, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let html = text(&body);
    assert!(html.contains("警告[X3]"), "{html}");
    assert!(
        html.contains("文字中的“收到政府信息公开申请5件”与表格不一致"),
        "{html}"
    );
    assert!(html.contains("第 1 次生成"), "{html}");
    let pages = html.matches("<img class=\"page\"").count();
    assert!(pages >= 1, "{html}");
    for n in 1..=pages {
        assert!(
            html.contains(&format!("src=\"/page/{n}.png?v=1\"")),
            "{html}"
        );
        let (status, png) = get(port, &format!("/page/{n}.png?v=1"));
        assert_eq!(status, "HTTP/1.1 200 OK");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    }
    assert_eq!(
        get(port, &format!("/page/{}.png", pages + 1)).0,
        "HTTP/1.1 404 Not Found"
    );

    // A save with an error: new findings, the last good pages stay.
    std::fs::write(&data, "agency: 某某县档案馆\nyear: 2025\n").unwrap();
    wait_for(30, "the second build", || {
        text(&get(port, "/version").1) == "2"
    });
    let html = text(&get(port, "/").1);
    assert!(html.contains("错误[E-MISSING]"), "{html}");
    assert!(
        html.contains("未更新页面，显示的是上次生成的版本"),
        "{html}"
    );
    assert_eq!(html.matches("<img class=\"page\"").count(), pages);
    assert!(html.contains("src=\"/page/1.png?v=2\""), "{html}");
}

/// The share of dark pixels in a PNG screenshot.
fn dark_share(png_bytes: &[u8]) -> f64 {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    assert!(channels >= 3, "{:?}", info.color_type);
    let pixels = &buf[..info.buffer_size()];
    let (mut dark, mut all) = (0usize, 0usize);
    for px in pixels.chunks_exact(channels) {
        let luma = 0.299 * f64::from(px[0]) + 0.587 * f64::from(px[1]) + 0.114 * f64::from(px[2]);
        all += 1;
        if luma < 100.0 {
            dark += 1;
        }
    }
    dark as f64 / all as f64
}

#[test]
fn preview_in_headless_chromium_shows_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("examples/panzhihua-2024.yaml"),
        dir.path().join("data.yaml"),
    )
    .unwrap();
    let (run, port) = start_preview(dir.path());
    let profile = tempfile::tempdir().unwrap();
    let shot = profile.path().join("shot.png");
    let mut fonts_conf = crate::common::chromium();
    let mut chromium = fonts_conf
        .0
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1000,1400")
        .arg(format!("http://127.0.0.1:{port}/"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(profile.path().join("chromium.log")).unwrap())
        .spawn()
        .expect("Debian's chromium is needed (.ci/run installs it)");
    let log = || std::fs::read_to_string(profile.path().join("chromium.log")).unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if chromium.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = chromium.kill();
            panic!(
                "chromium did not finish in 90 s:\n{}\npreview said:\n{}",
                log(),
                run.stderr()
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let png_bytes = std::fs::read(&shot)
        .unwrap_or_else(|e| panic!("chromium wrote no screenshot ({e}):\n{}", log()));
    let share = dark_share(&png_bytes);
    // The first page's title and body text are black on white; an empty page
    // or a broken image would leave almost nothing dark.
    assert!(
        share > 0.01,
        "only {:.3}% of the screenshot is dark",
        share * 100.0
    );
}

/// `init --from` a file with the default title keeps it default, so next
/// year's printed title is the agency and “2026年政府信息公开工作年度报告”.
#[test]
fn init_from_keeps_the_title_in_every_case() {
    let dir = tempfile::tempdir().unwrap();
    let out = gxreport(
        &[
            "init",
            "--from",
            repo("examples/minimal.yaml").to_str().unwrap(),
            "-o",
            "next.yaml",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let next = load::load_file(&dir.path().join("next.yaml")).unwrap();
    let last = load::load_file(&repo("examples/minimal.yaml")).unwrap();
    let year = last.year.value + 1;
    let title: Vec<&str> = next.title.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(
        title,
        [
            last.agency.value.as_str(),
            &format!("{year}年政府信息公开工作年度报告")
        ]
    );
    // The commented title block shows both lines.
    let text = std::fs::read_to_string(dir.path().join("next.yaml")).unwrap();
    assert!(
        text.contains(&format!("# - {}", last.agency.value)),
        "{text}"
    );
    // An explicit title: both lines kept, with the new year.
    std::fs::write(
        dir.path().join("titled.yaml"),
        "agency: 某县人民政府办公室\nyear: 2024\ntitle: [某县人民政府办公室, 2024年政府信息公开工作年度报告]\noverview: 正文\nproblems: 问题\n",
    )
    .unwrap();
    let out = gxreport(
        &["init", "--from", "titled.yaml", "-o", "t2.yaml"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let next = load::load_file(&dir.path().join("t2.yaml")).unwrap();
    let title: Vec<&str> = next.title.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(
        title,
        ["某县人民政府办公室", "2025年政府信息公开工作年度报告"]
    );
}

#[test]
fn init_from_a_file_with_errors_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = gxreport(
        &[
            "init",
            "--from",
            repo("tests/bad/r1-sources-not-results.yaml")
                .to_str()
                .unwrap(),
            "-o",
            "next.yaml",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("错误[R1]"), "{}", stderr(&out));
    assert!(stderr(&out).contains("未生成"), "{}", stderr(&out));
    assert!(!dir.path().join("next.yaml").exists());
}

/// Drafting shows the draft (issue 22): right after `init`, `preview` shows
/// the pages with the draft watermark and lists the placeholders, and
/// `watch` writes the draft PDF; with `--final` nothing is built and no
/// message speaks of a PDF that never existed.
#[test]
fn an_init_file_is_previewed_and_watched_as_the_draft_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let init = crate::common::gx(
        &[
            "init",
            "--agency",
            "某某县档案馆",
            "--year",
            "2025",
            "-o",
            "data.yaml",
        ],
        dir.path(),
    );
    assert!(init.status.success(), "{}", crate::common::stderr(&init));

    let (run, port) = start_preview(dir.path());
    let html = text(&get(port, "/").1);
    assert!(html.contains("警告[W-PLACEHOLDER]"), "{html}");
    assert!(html.contains("按征求意见稿显示"), "{html}");
    assert!(html.matches("<img class=\"page\"").count() >= 2, "{html}");
    assert!(
        run.stderr().contains("先按征求意见稿生成（带水印）"),
        "{}",
        run.stderr()
    );
    drop(run);

    let run = Running::start(&["watch", "data.yaml", "--no-system-fonts"], dir.path());
    wait_for(60, "the draft PDF", || {
        run.stderr().contains("已生成 data.pdf")
    });
    let pdf = std::fs::read(dir.path().join("data.pdf")).unwrap();
    assert!(crate::common::pdf_text(&pdf).contains("征求意见稿"));
    drop(run);
    std::fs::remove_file(dir.path().join("data.pdf")).unwrap();

    let run = Running::start(
        &["watch", "data.yaml", "--final", "--no-system-fonts"],
        dir.path(),
    );
    wait_for(60, "the refusal", || {
        run.stderr().contains("未生成 data.pdf")
    });
    assert!(!run.stderr().contains("上次生成的 PDF"), "{}", run.stderr());
    assert!(!dir.path().join("data.pdf").exists());
}
