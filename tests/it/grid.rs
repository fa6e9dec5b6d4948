//! The page as printed (issue 20), read back from the PDF the way a reader's
//! eye meets it: per-glyph origins from the PDF's text layer (pdf-extract),
//! not from the Typst source or the laid-out frames. Every full body line of
//! hanzi and full-width marks holds one glyph per 15.79 pt cell, or is one
//! a 禁则 group shortened by no more than the rule needs; long 落款, item
//! headings and contents entries stay inside the type area with every
//! character printed; bookmarks land on their headings; and gxreport's own
//! layout check refuses a template that prints outside the type area.

use std::path::Path;

use crate::common::{gx, load_example, load_yaml, pdf, pdf_text, root, stderr};
use gxreport::render::text::{no_line_end, no_line_start};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

const MM: f64 = 72.0 / 25.4;
const X0: f64 = 28.0 * MM;
const X1: f64 = (28.0 + 156.0) * MM;
const TOP: f64 = 37.0 * MM;
const BOTTOM: f64 = (37.0 + 225.0) * MM;
const CELL: f64 = 156.0 * MM / 28.0;
/// How far a glyph's origin may sit from its cell's start: a 16 pt glyph on
/// the 15.79 pt grid is set 0.21 pt early or late beside a mark's box.
const TOLERANCE: f64 = 0.3;

/// One glyph of the PDF's text layer: page, origin (pt from the top left),
/// size and text.
#[derive(Debug, Clone)]
struct G {
    page: usize,
    x: f64,
    y: f64,
    size: f64,
    c: String,
}

#[derive(Default)]
struct Reader {
    glyphs: Vec<G>,
    page: usize,
    height: f64,
}

impl OutputDev for Reader {
    fn begin_page(
        &mut self,
        _n: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page += 1;
        self.height = media.ury - media.lly;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        _width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let size = ((font_size * trm.m11 + font_size * trm.m21)
            * (font_size * trm.m12 + font_size * trm.m22))
            .abs()
            .sqrt();
        if !ch.trim().is_empty() {
            self.glyphs.push(G {
                page: self.page,
                x: trm.m31,
                y: self.height - trm.m32,
                size,
                c: ch.to_string(),
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn glyphs(pdf: &[u8]) -> Vec<G> {
    let mut doc = pdf_extract::Document::load_mem(pdf).expect("our PDF loads");
    // pdf-extract misreads the widths of Typst's CID fonts (see the importer).
    gxreport::import::pdf::normalise_cid_widths(&mut doc);
    let mut reader = Reader::default();
    pdf_extract::output_doc(&doc, &mut reader).expect("our PDF reads");
    reader.glyphs
}

fn wide(s: &str) -> bool {
    s.chars().all(|c| {
        let o = c as u32;
        (0x3000..=0x9FFF).contains(&o)
            || (0xF900..=0xFAFF).contains(&o)
            || (0xFF01..=0xFF60).contains(&o)
            || o >= 0x20000
            || "“”‘’—…·".contains(c)
    })
}

/// A body line: 16 pt glyphs on one baseline inside the type area.
#[derive(Debug)]
struct Line {
    page: usize,
    glyphs: Vec<G>,
}

impl Line {
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.c.as_str()).collect()
    }
}

fn body_lines(gs: &[G]) -> Vec<Line> {
    let mut body: Vec<&G> = gs
        .iter()
        .filter(|g| (g.size - 16.0).abs() < 0.5 && g.y > TOP && g.y < BOTTOM)
        .collect();
    body.sort_by(|a, b| {
        (a.page, (a.y * 10.0).round() as i64)
            .cmp(&(b.page, (b.y * 10.0).round() as i64))
            .then(a.x.total_cmp(&b.x))
    });
    let mut lines: Vec<Line> = Vec::new();
    for g in body {
        match lines.last_mut() {
            Some(l) if l.page == g.page && (l.glyphs[0].y - g.y).abs() < 0.3 => {
                l.glyphs.push(g.clone())
            }
            _ => lines.push(Line {
                page: g.page,
                glyphs: vec![g.clone()],
            }),
        }
    }
    lines
}

/// What the audit found over one document.
#[derive(Debug, Default)]
struct Audit {
    /// Full lines of hanzi and full-width marks.
    full: usize,
    /// Of these, one glyph per cell.
    on_grid: usize,
    /// Off the grid because a 禁则 group moved down: (line, group).
    kinsoku: Vec<(String, String)>,
    /// Off the grid for no such reason.
    unexplained: Vec<String>,
    /// The widest hanzi-to-hanzi advance in a full line on the grid (pt).
    widest: f64,
}

/// Each glyph's cell, if it sits at one: its origin within TOLERANCE of
/// the cell's start, or (a mark set narrower than its cell) inside it.
fn cell_of(g: &G) -> Option<i64> {
    let k = ((g.x - X0 + TOLERANCE) / CELL).floor();
    let into = g.x - (X0 + k * CELL);
    let is_mark = g.c.chars().all(mark);
    (into <= TOLERANCE || is_mark).then_some(k as i64)
}

fn mark(c: char) -> bool {
    no_line_start(c) || no_line_end(c) || "—…·".contains(c)
}

/// The group a 禁则 kept together at the start of `next`: an opening mark
/// with what follows, a character with the closing marks after it, or a
/// “——”/“……” pair. None when the line starts with none.
fn kinsoku_group(next: &str) -> Option<String> {
    let cs: Vec<char> = next.chars().collect();
    let first = *cs.first()?;
    let mut n = if no_line_end(first) {
        let opening = cs.iter().take_while(|&&c| no_line_end(c)).count();
        opening + 1
    } else if (first == '—' || first == '…') && cs.get(1) == Some(&first) {
        2
    } else if cs.get(1).is_some_and(|&c| no_line_start(c)) {
        1
    } else {
        return None;
    };
    while cs.get(n).is_some_and(|&c| no_line_start(c)) {
        n += 1;
    }
    Some(cs[..n.min(cs.len())].iter().collect())
}

fn audit(pdf: &[u8]) -> Audit {
    let lines = body_lines(&glyphs(pdf));
    let mut a = Audit::default();
    for (i, l) in lines.iter().enumerate() {
        let text = l.text();
        let last = l.glyphs.last().unwrap();
        let reaches_edge = last.x >= X1 - CELL - TOLERANCE - 1.0;
        if !wide(&text) || !reaches_edge {
            continue;
        }
        a.full += 1;
        let cells: Vec<Option<i64>> = l.glyphs.iter().map(cell_of).collect();
        let consecutive = cells.windows(2).all(|w| match (w[0], w[1]) {
            (Some(x), Some(y)) => y == x + 1,
            _ => false,
        });
        let ends_in_last = cells.last().copied().flatten() == Some(27);
        if consecutive && ends_in_last && cells[0].is_some() {
            a.on_grid += 1;
            for w in l.glyphs.windows(2) {
                if !w.iter().any(|g| g.c.chars().all(mark)) {
                    a.widest = a.widest.max(w[1].x - w[0].x);
                }
            }
            continue;
        }
        // Off the grid: the next line of the same paragraph must start
        // with a 禁则 group too wide for the cells this line left empty.
        let start = cell_of(&l.glyphs[0]).unwrap_or(0);
        let room = 28 - start - l.glyphs.len() as i64;
        let group = lines
            .get(i + 1)
            .and_then(|n| kinsoku_group(&n.text()))
            .filter(|g| (g.chars().count() as i64) > room && room >= 0);
        match group {
            Some(g) => a.kinsoku.push((text, g)),
            None => a.unexplained.push(format!(
                "page {}: {} characters from cell {start}: {text}",
                l.page,
                l.glyphs.len()
            )),
        }
    }
    a
}

fn assert_grid(what: &str, pdf: &[u8]) -> Audit {
    let a = audit(pdf);
    eprintln!(
        "{what}: {}/{} full hanzi lines on the grid ({:.0}%), {} shortened by a 禁则 group, widest hanzi advance {:.2} pt",
        a.on_grid,
        a.full,
        100.0 * a.on_grid as f64 / a.full.max(1) as f64,
        a.kinsoku.len(),
        a.widest
    );
    assert!(a.full > 0, "{what}: no full line found");
    assert!(
        a.unexplained.is_empty(),
        "{what}: lines off the grid with no 禁则 to explain them:\n{}",
        a.unexplained.join("\n")
    );
    assert!(
        a.on_grid == 0 || (a.widest - CELL).abs() < 0.05,
        "{what}: a hanzi advance of {:.2} pt on the grid",
        a.widest
    );
    a
}

fn build_file(dir: &Path, name: &str, yaml: &str) -> std::process::Output {
    std::fs::write(dir.join(name), yaml).unwrap();
    gx(&["build", name], dir)
}

#[test]
fn the_example_keeps_the_28_cell_grid() {
    let a = assert_grid("panzhihua-2024", &pdf(&load_example("panzhihua-2024.yaml")));
    // Measured when the grid was made: 32 of 36 (the other 4 each moved a
    // “，” or “（” group down); 0 of 37 before.
    assert!(a.on_grid * 100 >= a.full * 85, "{a:#?}");
}

#[test]
fn the_minimal_and_stress_reports_keep_the_grid() {
    assert_grid("minimal", &pdf(&load_example("minimal.yaml")));
    let stress = gxreport::report::load::load_file(&root().join("tests/fixtures/stress.yaml"))
        .expect("stress.yaml loads");
    assert_grid("stress", &pdf(&stress));
}

/// Dense punctuation, quotes, brackets, book-title marks, dashes and
/// ellipses, mixed Latin, and a paragraph whose last line is exactly full.
#[test]
fn dense_punctuation_keeps_the_grid_and_a_full_last_line_stays_full() {
    // 26 hanzi after the indent, then 28: the paragraph ends on a full line.
    let exact = "政".repeat(26) + &"务".repeat(28);
    let yaml = format!(
        r#"agency: 某某县人民政府办公室
year: 2025
overview: |
  本年度，全县共收到申请，办结，答复，归档；“一网通办”（政务服务平台）的栏目，《条例》规定的内容——这是重点——都要做好……做实……做细。我们认为，公开、解读、回应三个环节，要“抓早”“抓小”，着力提升信息和服务的集成性，优化页面结构，合理组织页面内容，采用清晰简洁的设计风格。网址www.example.gov.cn，电话0812-3335218。

  {exact}
problems: |
  一是渠道需进一步完善，二是（政务服务平台）的公开栏目仍需整合，三是《政府信息公开指南》尚未更新。
"#
    );
    let report = load_yaml(&yaml);
    let bytes = pdf(&report);
    assert_grid("dense", &bytes);
    let lines = body_lines(&glyphs(&bytes));
    let full_last = lines
        .iter()
        .find(|l| l.text() == "务".repeat(28))
        .unwrap_or_else(|| {
            let texts: Vec<String> = lines.iter().map(Line::text).collect();
            panic!("the paragraph's last line does not hold all 28 characters: {texts:#?}")
        });
    assert_eq!(cell_of(full_last.glyphs.last().unwrap()), Some(27));
}

/// The audit sees what it is for: a style whose body has no tracking (27
/// characters of 16 pt a line) is off the grid.
#[test]
fn the_grid_audit_fails_a_body_without_tracking() {
    let mut templates = gxreport::render::Templates::embedded();
    templates.style = templates.style.replace(
        "#let tracking = 156mm / 28 - body-size",
        "#let tracking = 0pt",
    );
    let mut p = crate::common::pipeline();
    p.templates = templates;
    let report = load_example("panzhihua-2024.yaml");
    let prepared = p.prepare_report(report, "test.yaml", None);
    let bytes = p
        .produce(&prepared, gxreport::Export::Pdf)
        .expect("builds")
        .files
        .remove(0);
    let a = audit(&bytes);
    assert_eq!(a.on_grid, 0, "{a:#?}");
    assert!(!a.unexplained.is_empty());
}

const LONG_AGENCY: &str =
    "中国（陕西）自由贸易试验区西安国际港务区管理委员会行政审批与市场监督管理综合执法局";

/// 落款 of 26, 28, 42 and 80 characters: inside the type area, every
/// character printed, the date under it two cells right of its start.
#[test]
fn long_signatures_wrap_inside_the_type_area() {
    let dir = tempfile::tempdir().unwrap();
    let name80: String = LONG_AGENCY
        .chars()
        .chain(LONG_AGENCY.chars())
        .take(80)
        .collect();
    for n in [26usize, 28, 42, 80] {
        let agency: String = if n == 80 {
            name80.clone()
        } else {
            LONG_AGENCY
                .chars()
                .chain("某".repeat(40).chars())
                .take(n)
                .collect()
        };
        let yaml = std::fs::read_to_string(root().join("examples/minimal.yaml")).unwrap()
            + &format!("signature: {agency}\ndate: 2026年1月15日\n");
        let out = build_file(dir.path(), &format!("sig{n}.yaml"), &yaml);
        assert!(out.status.success(), "{n}: {}", stderr(&out));
        let bytes = std::fs::read(dir.path().join(format!("sig{n}.pdf"))).unwrap();
        let text: String = pdf_text(&bytes);
        assert!(
            text.contains(&agency),
            "{n}: the agency is not printed in full"
        );
        assert!(
            text.contains("2026年1月15日"),
            "{n}: the date is not printed"
        );
        let gs = glyphs(&bytes);
        for g in gs.iter().filter(|g| (g.size - 16.0).abs() < 0.5) {
            assert!(
                g.x >= X0 - TOLERANCE && g.x + 15.0 <= X1 + 0.5,
                "{n}: “{}” at {:.1} pt outside the type area",
                g.c,
                g.x
            );
        }
        let lines = body_lines(&gs);
        let date = lines
            .iter()
            .rposition(|l| l.text().contains("2026年1月15日"))
            .unwrap();
        let agency_lines: Vec<&Line> = lines[..date]
            .iter()
            .rev()
            .take_while(|l| agency.contains(&l.text()))
            .collect();
        assert!(
            !agency_lines.is_empty(),
            "{n}: no agency line above the date"
        );
        let start = agency_lines
            .iter()
            .map(|l| l.glyphs[0].x)
            .fold(f64::MAX, f64::min);
        for l in &agency_lines {
            assert!(
                (l.glyphs[0].x - start).abs() < 0.3,
                "{n}: agency lines start together"
            );
            assert!(
                l.glyphs.len() <= 26,
                "{n}: an agency line of {}",
                l.glyphs.len()
            );
        }
        let date_x = lines[date].glyphs[0].x;
        assert!(
            (date_x - start - 2.0 * CELL).abs() < 0.5,
            "{n}: the date starts {:.1} pt right of the agency",
            date_x - start
        );
        // The longest line ends two cells from the right edge (or, for a
        // short name, the date does).
        let right = agency_lines
            .iter()
            .map(|l| l.glyphs.last().unwrap().x + CELL)
            .fold(f64::MIN, f64::max);
        assert!(
            right <= X1 - 2.0 * CELL + 0.5,
            "{n}: the agency ends at {right:.1} pt"
        );
        if n > 26 {
            assert!(
                agency_lines.len() >= 2,
                "{n}: a name over 26 characters wraps"
            );
        }
    }
}

/// Long item headings wrap with their paragraph, inside the type area.
#[test]
fn long_item_headings_stay_inside_the_type_area() {
    let heading =
        "关于进一步加强和改进新时代政务公开工作推动政府信息公开标准化规范化建设的主要做法和成效";
    let yaml = format!(
        "agency: 某某县人民政府办公室\nyear: 2025\noverview:\n  items:\n    - heading: {heading}\n      text: 全年主动公开政府信息一千二百条。\nproblems: 无。\n"
    );
    let bytes = pdf(&load_yaml(&yaml));
    let text = pdf_text(&bytes);
    assert!(
        text.contains(&format!("（一）{heading}。")),
        "heading not printed in full"
    );
    for g in glyphs(&bytes)
        .iter()
        .filter(|g| (g.size - 16.0).abs() < 0.5)
    {
        assert!(
            g.x >= X0 - TOLERANCE && g.x + 15.0 <= X1 + 0.5,
            "“{}” at {:.1}",
            g.c,
            g.x
        );
    }
}

/// The layout check refuses a template that sets the 落款 with no width
/// limit: `build` writes nothing and `check` fails the same way, both naming
/// the field and its line.
#[test]
fn the_layout_check_refuses_a_template_that_prints_outside_the_type_area() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("tpl");
    std::fs::create_dir(&templates).unwrap();
    let style = std::fs::read_to_string(root().join("templates/style.typ")).unwrap();
    let start = style.find("#let signature(agency, date)").unwrap();
    let end = style[start..].find("\n}\n").unwrap() + start + 3;
    let broken = format!(
        "{}#let signature(agency, date) = {{\n  let a = if type(agency) == str {{ agency }} else {{ agency.join() }}\n  set par(first-line-indent: 0pt, justify: false)\n  align(right, box(width: 200mm, align(right, a)))\n  par(date)\n}}\n{}",
        &style[..start],
        &style[end..]
    );
    std::fs::write(templates.join("style.typ"), broken).unwrap();
    let agency: String = LONG_AGENCY.chars().take(40).collect();
    let yaml = std::fs::read_to_string(root().join("examples/minimal.yaml")).unwrap()
        + &format!("signature: {agency}\ndate: 2026年1月15日\n");
    std::fs::write(dir.path().join("r.yaml"), &yaml).unwrap();
    let line = yaml
        .lines()
        .position(|l| l.starts_with("signature:"))
        .unwrap()
        + 1;
    for command in ["build", "check"] {
        let out = gx(&[command, "r.yaml", "--template-dir", "tpl"], dir.path());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("错误[E-LAYOUT]"), "{command}: {err}");
        assert!(
            err.contains("落款（signature）排到了版心以外"),
            "{command}: {err}"
        );
        assert!(err.contains(&format!("r.yaml:{line}:")), "{command}: {err}");
        assert!(
            err.contains("自定义模板（--template-dir）"),
            "{command}: {err}"
        );
    }
    assert!(
        !dir.path().join("r.pdf").exists(),
        "a refused build wrote a PDF"
    );
}

/// The outline's entries, read from the PDF: (title, 1-based page).
fn outline(pdf: &[u8]) -> Vec<(String, usize)> {
    use lopdf::{Document, Object};
    let doc = Document::load_mem(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let mut out = Vec::new();
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines").and_then(Object::as_reference) else {
        return out;
    };
    let mut stack = vec![doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .and_then(Object::as_reference)
        .unwrap()];
    while let Some(id) = stack.pop() {
        let item = doc.get_dictionary(id).unwrap();
        let title = match item.get(b"Title").unwrap() {
            Object::String(bytes, _) => {
                if bytes.starts_with(&[0xFE, 0xFF]) {
                    let units: Vec<u16> = bytes[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16_lossy(&units)
                } else {
                    String::from_utf8_lossy(bytes).into_owned()
                }
            }
            _ => String::new(),
        };
        let deref = |o: &'_ Object| -> Object {
            match o {
                Object::Reference(r) => doc.get_object(*r).cloned().unwrap_or(Object::Null),
                o => o.clone(),
            }
        };
        let dest = item.get(b"Dest").ok().map(deref).or_else(|| {
            item.get(b"A")
                .ok()
                .map(deref)
                .and_then(|a| a.as_dict().ok().and_then(|a| a.get(b"D").ok()).map(deref))
        });
        let dest = dest
            .as_ref()
            .and_then(|d| d.as_array().ok())
            .and_then(|d| d.first())
            .and_then(|p| p.as_reference().ok())
            .expect("an outline entry points at a page");
        let page = pages.iter().position(|&p| p == dest).unwrap() + 1;
        out.push((title, page));
        if let Ok(next) = item.get(b"Next").and_then(Object::as_reference) {
            stack.push(next);
        }
        if let Ok(first) = item.get(b"First").and_then(Object::as_reference) {
            stack.push(first);
        }
    }
    out
}

/// Every bookmark points at the page where its heading is drawn.
fn assert_outline(what: &str, pdf: &[u8]) {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let gs = glyphs(pdf);
    let pages = gs.iter().map(|g| g.page).max().unwrap_or(0);
    let page_text: Vec<String> = (1..=pages)
        .map(|p| {
            gs.iter()
                .filter(|g| g.page == p)
                .map(|g| g.c.as_str())
                .collect()
        })
        .collect();
    let entries = outline(pdf);
    assert!(!entries.is_empty(), "{what}: no outline");
    for (title, page) in entries {
        let want: String = squeeze(&title).chars().take(10).collect();
        let drawn: Vec<usize> = page_text
            .iter()
            .enumerate()
            .filter(|(_, t)| squeeze(t).contains(&want))
            .map(|(i, _)| i + 1)
            .collect();
        assert!(
            drawn.contains(&page),
            "{what}: “{title}” points at page {page}, drawn on {drawn:?}"
        );
    }
}

#[test]
fn bookmarks_land_on_their_headings() {
    assert_outline("panzhihua-2024", &pdf(&load_example("panzhihua-2024.yaml")));
    let stress = gxreport::report::load::load_file(&root().join("tests/fixtures/stress.yaml"))
        .expect("stress.yaml loads");
    assert_outline("stress", &pdf(&stress));
}

/// A gazette volume: bookmarks on the headings, contents entries of long
/// county agencies inside the type area with no lone word, and a report
/// left out named by its agency, never by a path.
#[test]
fn a_gazette_volume_keeps_its_bookmarks_contents_and_grid() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("各单位");
    std::fs::create_dir(&units).unwrap();
    let example = std::fs::read_to_string(root().join("examples/panzhihua-2024.yaml")).unwrap();
    std::fs::write(units.join("a.yaml"), &example).unwrap();
    let minimal = std::fs::read_to_string(root().join("examples/minimal.yaml")).unwrap();
    std::fs::write(
        units.join("b.yaml"),
        minimal.replace(
            "agency: 某某县档案馆",
            "agency: 某某自治州某某县经济技术开发区管理委员会社会事业发展局",
        ),
    )
    .unwrap();
    // A unit whose figures break R1: left out with --bundle-partial.
    std::fs::write(
        units.join("县卫生健康局.yaml"),
        minimal.replace("agency: 某某县档案馆", "agency: 某某县卫生健康局")
            + "requests:\n  received: [1, 0, 0, 0, 0, 0]\n",
    )
    .unwrap();
    let out = gx(
        &[
            "build",
            "各单位",
            "-o",
            "out",
            "--bundle",
            "汇编.pdf",
            "--bundle-partial",
        ],
        dir.path(),
    );
    let bytes = std::fs::read(dir.path().join("汇编.pdf"))
        .unwrap_or_else(|_| panic!("no volume: {}", stderr(&out)));
    let text = pdf_text(&bytes);
    assert!(
        text.contains("某某县卫生健康局"),
        "the missing unit is named"
    );
    assert!(
        !text.contains(".yaml") && !text.contains("各单位/"),
        "a path is printed: {text}"
    );
    assert_outline("gazette", &bytes);
    assert_grid("gazette", &bytes);
    // Contents: every entry's lines inside the type area, none a lone word.
    let gs = glyphs(&bytes);
    let contents: Vec<Line> = body_lines(&gs)
        .into_iter()
        .filter(|l| l.page == 3)
        .collect();
    for l in contents.iter().filter(|l| l.text().contains('.')) {
        for g in &l.glyphs {
            assert!(
                g.x >= X0 - 0.01 && g.x <= X1,
                "contents “{}” at {:.1}",
                g.c,
                g.x
            );
        }
        let words: String = l.text().chars().filter(|c| *c != '.').collect();
        let hanzi = words.chars().filter(|c| wide(&c.to_string())).count();
        assert!(
            hanzi == 0 || hanzi >= 4,
            "a contents line with a lone word: {:?}",
            l.text()
        );
    }
}

/// A long watermark (`--draft-text`) is set smaller and stays on the paper;
/// the layout check would refuse it otherwise.
#[test]
fn a_long_watermark_stays_on_the_paper() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/minimal.yaml"),
        dir.path().join("r.yaml"),
    )
    .unwrap();
    let mark = "征求意见稿请勿外传仅供内部讨论使用".repeat(2);
    let out = gx(&["build", "r.yaml", "--draft-text", &mark], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path().join("r.pdf")).unwrap();
    // Every glyph, the watermark's among them, has its origin on the page.
    let all = glyphs(&bytes);
    let marked = mark
        .chars()
        .filter(|c| all.iter().any(|g| g.c == c.to_string()))
        .count();
    assert_eq!(
        marked,
        mark.chars().count(),
        "the watermark is not read back"
    );
    for g in all {
        assert!(
            (0.0..=595.3).contains(&g.x) && (0.0..=841.9).contains(&g.y),
            "“{}” at ({:.0}, {:.0}) pt, off the A4 page",
            g.c,
            g.x,
            g.y
        );
    }
}

/// A template that loses a text (here the 成文日期, as a 落款 set off the
/// paper once lost it) is refused with the field, its line and what is
/// missing; so is one that draws a text off the paper.
#[test]
fn the_layout_check_names_a_text_the_layout_lost() {
    let yaml = std::fs::read_to_string(root().join("examples/minimal.yaml")).unwrap()
        + "signature: 某某县档案馆\ndate: 2026年1月15日\n";
    let report = load_yaml(&yaml);
    let style = gxreport::render::Templates::embedded().style;
    let start = style.find("#let signature(agency, date)").unwrap();
    let end = style[start..].find("\n}\n").unwrap() + start + 3;
    let with_signature = |body: &str| {
        let mut t = gxreport::render::Templates::embedded();
        t.style = format!("{}{body}\n{}", &style[..start], &style[end..]);
        t.custom = true;
        let mut p = crate::common::pipeline();
        p.templates = t;
        let prepared = p.prepare_report(report.clone(), "r.yaml", None);
        p.layout(&prepared).err().unwrap_or_default()
    };
    let lost = with_signature(
        "#let signature(agency, date) = par(if type(agency) == str { agency } else { agency.join() })",
    );
    let date_line = yaml.lines().position(|l| l.starts_with("date:")).unwrap() as u32 + 1;
    assert!(
        lost.iter().any(|d| d.code == "E-LAYOUT"
            && d.message == "成文日期（date）“2026年1月15日”没有印在排好的版面上。"
            && d.pos.map(|p| p.line) == Some(date_line)),
        "{lost:#?}"
    );
    let off = with_signature(
        "#let signature(agency, date) = { place(dx: -60mm, par(if type(agency) == str { agency } else { agency.join() })); par(date) }",
    );
    // One finding, on the field: its glyphs are not reported again as
    // anonymous text off the paper.
    assert_eq!(off.len(), 1, "{off:#?}");
    assert!(
        off[0]
            .message
            .starts_with("落款（signature）排到了版心以外")
            && off[0].message.contains("已排到纸张以外"),
        "{off:#?}"
    );
}

/// Text that is not the report's (here a watermark at a fixed 80 pt, as
/// before issue 20) is still refused when it runs off the paper.
#[test]
fn the_layout_check_refuses_any_glyph_off_the_paper() {
    let mut t = gxreport::render::Templates::embedded();
    let fixed = t.style.replace(
        "let size = calc.min(80pt, 250mm / (1.1 * calc.max(1, draft.clusters().len())))",
        "let size = 80pt",
    );
    assert_ne!(
        fixed, t.style,
        "the watermark's size is set where this test expects"
    );
    t.style = fixed;
    let mut p = crate::common::pipeline();
    p.templates = t;
    p.options.draft = Some("征求意见稿请勿外传仅供内部讨论使用".repeat(2));
    let prepared = p.prepare_report(load_example("minimal.yaml"), "r.yaml", None);
    let problems = p.layout(&prepared).err().unwrap_or_default();
    assert!(
        problems
            .iter()
            .any(|d| d.code == "E-LAYOUT" && d.message.contains("有字排到了纸张以外")),
        "{problems:#?}"
    );
}
