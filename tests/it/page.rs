//! The printed page, measured on the laid-out document (issue 11): every
//! glyph inside the type area or its table cell, the body on the 28-cell ×
//! 22-line grid of GB/T 9704, the 禁则, and the reference pages unchanged.

use crate::common::{load_example, typeset};
use gxreport::report::{load, Report};
use gxreport::typeset::PagedDocument;
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::visualize::Geometry;

const MM: f64 = 72.0 / 25.4;
/// Type area of GB/T 9704 on A4: left 28 mm, top 37 mm, 156 × 225 mm.
const X0: f64 = 28.0 * MM;
const TOP: f64 = 37.0 * MM;
const WIDTH: f64 = 156.0 * MM;
const HEIGHT: f64 = 225.0 * MM;
/// One character cell and one line pitch (style.typ).
const CELL: f64 = WIDTH / 28.0;
const BODY: f64 = 16.0;
const PITCH: f64 = (HEIGHT - BODY - 0.2) / 21.0;
/// Half the width of a table rule (0.5 pt).
const HALF_RULE: f64 = 0.25;

/// One glyph as laid out (pt, page coordinates, y down): its ink box and
/// the cell it occupies on its line (a mark's whole cell, else its advance).
#[derive(Debug, Clone)]
struct Glyph {
    page: usize,
    c: char,
    size: f64,
    baseline: f64,
    ink: (f64, f64, f64, f64),
    /// Left and right of the glyph's box: its natural advance (tracking
    /// included, justification not), or a mark's whole cell.
    pen: (f64, f64),
}

/// A straight rule (table line): vertical ones have `at` = x and run over y.
#[derive(Debug, Clone)]
struct Rule {
    page: usize,
    vertical: bool,
    at: f64,
    from: f64,
    to: f64,
}

fn collect(doc: &PagedDocument) -> (Vec<Glyph>, Vec<Rule>) {
    let (mut glyphs, mut rules) = (Vec::new(), Vec::new());
    for (i, page) in doc.pages().iter().enumerate() {
        walk(
            &page.frame,
            Transform::identity(),
            i + 1,
            &mut glyphs,
            &mut rules,
        );
    }
    (glyphs, rules)
}

fn walk(frame: &Frame, ts: Transform, page: usize, glyphs: &mut Vec<Glyph>, rules: &mut Vec<Rule>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(g.transform);
                walk(&g.frame, inner, page, glyphs, rules);
            }
            FrameItem::Text(t) => {
                let origin: Point = pos.transform(ts);
                let size = t.size.to_pt();
                let width = t.width().to_pt();
                let single_mark = mark_align(&t.text);
                let mut cursor = origin.x.to_pt();
                for g in &t.glyphs {
                    let mut one = t.clone();
                    one.glyphs = vec![g.clone()];
                    let b = one.bbox();
                    let adv = g.x_advance.at(t.size).to_pt();
                    let c = t.text[g.range()].chars().next().unwrap_or(' ');
                    let ink = if b.min.x.to_pt().is_finite() {
                        let (ya, yb) = (b.min.y.to_pt(), b.max.y.to_pt());
                        (
                            cursor + b.min.x.to_pt(),
                            origin.y.to_pt() + ya.min(yb),
                            cursor + b.max.x.to_pt(),
                            origin.y.to_pt() + ya.max(yb),
                        )
                    } else {
                        (cursor, origin.y.to_pt(), cursor, origin.y.to_pt())
                    };
                    let x = origin.x.to_pt();
                    // The natural advance: the font's, plus the body's tracking
                    // (the tables have none).
                    let natural = t.font.x_advance(g.id).map_or(adv, |em| {
                        em.at(t.size).to_pt() + if size == BODY { CELL - BODY } else { 0.0 }
                    });
                    let pen = match single_mark {
                        Some("left") => (x, x + CELL),
                        Some("right") => (x + width - CELL, x + width),
                        Some(_) => (x + width / 2.0 - CELL / 2.0, x + width / 2.0 + CELL / 2.0),
                        None => (cursor, cursor + natural),
                    };
                    glyphs.push(Glyph {
                        page,
                        c,
                        size,
                        baseline: origin.y.to_pt(),
                        ink,
                        pen,
                    });
                    cursor += adv;
                }
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry {
                    let a = pos.transform(ts);
                    let b = (*pos + to).transform(ts);
                    let (ax, ay, bx, by) = (a.x.to_pt(), a.y.to_pt(), b.x.to_pt(), b.y.to_pt());
                    if (ax - bx).abs() < 0.01 {
                        rules.push(Rule {
                            page,
                            vertical: true,
                            at: ax,
                            from: ay.min(by),
                            to: ay.max(by),
                        });
                    } else if (ay - by).abs() < 0.01 {
                        rules.push(Rule {
                            page,
                            vertical: false,
                            at: ay,
                            from: ax.min(bx),
                            to: ax.max(bx),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// A run that is one full-width mark set in its own cell, and where its ink
/// sits (render/text.rs decides this; the audit checks the result).
fn mark_align(text: &str) -> Option<&'static str> {
    let mut cs = text.chars();
    let c = cs.next()?;
    if cs.next().is_some() {
        return None;
    }
    match c {
        '（' | '《' | '「' | '『' | '【' | '〔' | '〖' | '〈' | '［' | '｛' | '“' | '‘' => {
            Some("right")
        }
        '、' | '。' | '，' | '；' | '：' | '？' | '！' | '）' | '》' | '」' | '』' | '】'
        | '〕' | '〗' | '〉' | '］' | '｝' | '”' | '’' | '．' => Some("left"),
        '·' | '—' | '…' => Some("center"),
        _ => None,
    }
}

fn is_hanzi(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c)
}

const NO_LINE_START: &str = "·、。，；：？！）》」』】〕〉”’%‰";
const NO_LINE_END: &str = "（《「『【〔〈“‘";

/// A body line: 16 pt glyphs on one baseline outside any table.
#[derive(Debug)]
struct Line {
    page: usize,
    baseline: f64,
    start: f64,
    end: f64,
    text: String,
    /// The widest extra space justification put between two hanzi (pt).
    spread: f64,
    last: (char, f64),
}

/// The rule nearest to `p` on each side, among rules crossing it.
fn bracket(
    rules: &[Rule],
    page: usize,
    vertical: bool,
    along: f64,
    across: f64,
) -> (Option<f64>, Option<f64>) {
    let crossing = rules
        .iter()
        .filter(|r| r.page == page && r.vertical == vertical && r.from <= along && along <= r.to);
    let mut before: Option<f64> = None;
    let mut after: Option<f64> = None;
    for r in crossing {
        if r.at <= across {
            before = Some(before.map_or(r.at, |b: f64| b.max(r.at)));
        } else {
            after = Some(after.map_or(r.at, |a: f64| a.min(r.at)));
        }
    }
    (before, after)
}

fn in_table(g: &Glyph, rules: &[Rule]) -> bool {
    let cx = (g.ink.0 + g.ink.2) / 2.0;
    let cy = (g.ink.1 + g.ink.3) / 2.0;
    let (l, r) = bracket(rules, g.page, true, cy, cx);
    l.is_some() && r.is_some()
}

/// Run the audit; `skip` are texts outside the grid by design (落款 lines).
fn audit(doc: &PagedDocument, skip: &[&str]) -> Vec<String> {
    let (glyphs, rules) = collect(doc);
    let mut bad = Vec::new();
    let inked = |g: &&Glyph| g.ink.2 > g.ink.0;
    // 1. Every glyph inside the type area (the page number below it excepted)
    //    or inside its table cell, ≥ 1 pt from each rule. A glyph's box (its
    //    advance) must be inside; its ink may pass the box by 0.5 pt at most:
    //    a 16 pt hanzi in a 15.79 pt cell (GB/T 9704: 28 of 三号 in 156 mm)
    //    inks up to 0.21 pt past it, a Latin “/” 0.33 pt. Vertically the box
    //    is the line's em box (0.88 em above the baseline, 0.12 em below, as
    //    style.typ sets it); Latin descenders (g, p, y) reach 0.1 em below it.
    for g in glyphs.iter().filter(inked) {
        let footer = g.baseline > TOP + HEIGHT && g.size == 14.0;
        if footer {
            continue;
        }
        let (x0, y0, x1, y1) = g.ink;
        let (p0, p1) = g.pen;
        let (top, bottom) = (g.baseline - 0.88 * g.size, g.baseline + 0.12 * g.size);
        // A full line's last glyph may end one tracking (0.21 pt) past the
        // 28th cell (style.typ: a run's last glyph keeps its 16 pt).
        if p0 < X0 - 0.01
            || p1 > X0 + WIDTH + 0.25
            || top < TOP - 0.01
            || bottom > TOP + HEIGHT + 0.01
            || x0 < X0 - 0.5
            || x1 > X0 + WIDTH + 0.5
            || y0 < TOP - 0.1 * g.size
            || y1 > TOP + HEIGHT + 0.1 * g.size
        {
            bad.push(format!(
                "page {} “{}” box {:.1}–{:.1}, ink {:.1}–{:.1} × {:.1}–{:.1} pt outside the type area",
                g.page, g.c, p0, p1, x0, x1, y0, y1
            ));
        }
        if in_table(g, &rules) {
            let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
            let (l, r) = bracket(&rules, g.page, true, cy, cx);
            let (t, b) = bracket(&rules, g.page, false, cx, cy);
            let gaps = [
                l.map(|l| x0 - l - HALF_RULE),
                r.map(|r| r - x1 - HALF_RULE),
                t.map(|t| y0 - t - HALF_RULE),
                b.map(|b| b - y1 - HALF_RULE),
            ];
            if gaps.iter().flatten().any(|&d| d < 1.0) {
                bad.push(format!(
                    "page {} “{}” at x {:.1} y {:.1}: {:?} pt from the rules (left, right, top, bottom), under 1 pt",
                    g.page, g.c, x0, y0, gaps.map(|d| d.map(|d| (d * 10.0).round() / 10.0))
                ));
            }
        }
    }
    // 2. Body lines.
    let mut body: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.size == BODY && g.baseline < TOP + HEIGHT && !in_table(g, &rules))
        .collect();
    // Lines by baseline (to 0.1 pt), glyphs left to right.
    body.sort_by(|a, b| {
        (a.page, (a.baseline * 10.0).round() as i64, a.pen.0)
            .partial_cmp(&(b.page, (b.baseline * 10.0).round() as i64, b.pen.0))
            .unwrap()
    });
    let mut lines: Vec<Line> = Vec::new();
    for g in body {
        match lines.last_mut() {
            Some(l) if l.page == g.page && (l.baseline - g.baseline).abs() < 0.3 => {
                l.start = l.start.min(g.pen.0);
                l.end = l.end.max(g.pen.1);
                l.text.push(g.c);
                if is_hanzi(l.last.0) && is_hanzi(g.c) {
                    l.spread = l.spread.max(g.pen.0 - l.last.1 - CELL);
                }
                l.last = (g.c, g.pen.0);
            }
            _ => lines.push(Line {
                page: g.page,
                baseline: g.baseline,
                start: g.pen.0,
                end: g.pen.1,
                text: g.c.to_string(),
                spread: 0.0,
                last: (g.c, g.pen.0),
            }),
        }
    }
    lines.retain(|l| !skip.iter().any(|s| l.text == *s));
    let indent = X0 + 2.0 * CELL;
    let table_between = |a: &Line, b: &Line| {
        a.page == b.page
            && rules
                .iter()
                .any(|r| r.page == a.page && !r.vertical && r.at > a.baseline && r.at < b.baseline)
    };
    for (i, l) in lines.iter().enumerate() {
        let at_x0 = (l.start - X0).abs() < 0.5;
        let at_indent = (l.start - indent).abs() < 0.5;
        if !(at_x0 || at_indent) {
            bad.push(format!(
                "page {} line “{}” starts at {:.2} pt, not x0 {:.2} or x0 + 2 cells {:.2}",
                l.page, l.text, l.start, X0, indent
            ));
        }
        if let Some(first) = l.text.chars().next().filter(|c| NO_LINE_START.contains(*c)) {
            bad.push(format!(
                "page {} line starts with “{first}”: {}",
                l.page, l.text
            ));
        }
        if let Some(last) = l.text.chars().last().filter(|c| NO_LINE_END.contains(*c)) {
            bad.push(format!(
                "page {} line ends with “{last}”: {}",
                l.page, l.text
            ));
        }
        let next = lines.get(i + 1);
        // A paragraph's last line: the next starts a paragraph (indent), or
        // something other than body text comes between, or nothing follows.
        let last_of_paragraph = match next {
            None => true,
            Some(n) => {
                (n.start - indent).abs() < 0.5
                    || table_between(l, n)
                    || (n.page == l.page && n.baseline - l.baseline > PITCH + 0.5)
            }
        };
        if !last_of_paragraph && (l.end - (X0 + WIDTH)).abs() > 0.5 {
            bad.push(format!(
                "page {} line “{}” ends at {:.2} pt, not the right edge {:.2}",
                l.page,
                l.text,
                l.end,
                X0 + WIDTH
            ));
        }
        if last_of_paragraph && l.end > X0 + WIDTH + 0.5 {
            bad.push(format!(
                "page {} line “{}” ends past the right edge",
                l.page, l.text
            ));
        }
        // No line letter-spaced wide (“联 系 电 话” before an unbreakable
        // token): at most a quarter cell between two hanzi.
        if l.spread > CELL / 4.0 {
            bad.push(format!(
                "page {} line “{}” is letter-spaced: {:.1} pt between two hanzi",
                l.page, l.text, l.spread
            ));
        }
        // Baselines: consecutive body lines one pitch apart (22 to a page).
        if let Some(n) = next.filter(|n| n.page == l.page && !table_between(l, n)) {
            let steps = (n.baseline - l.baseline) / PITCH;
            if (steps - steps.round()).abs() * PITCH > 0.3 {
                bad.push(format!(
                    "page {} lines “{}” and “{}” are {:.2} pt apart, not a multiple of the {:.2} pt pitch",
                    l.page,
                    l.text,
                    n.text,
                    n.baseline - l.baseline,
                    PITCH
                ));
            }
        }
    }
    // A page whose last body line runs on to the next page is full: its
    // last line sits on the 22nd grid line, at the foot of the type area.
    let last_grid_line = TOP + 0.88 * BODY + 21.0 * PITCH;
    for (i, l) in lines.iter().enumerate() {
        let Some(n) = lines.get(i + 1) else { continue };
        let flows_on = n.page == l.page + 1 && (n.start - X0).abs() < 0.5;
        if flows_on && (l.baseline - last_grid_line).abs() > 0.5 {
            bad.push(format!(
                "page {}: the last body line “{}” sits at {:.2} pt, not on the 22nd line {:.2}",
                l.page, l.text, l.baseline, last_grid_line
            ));
        }
    }
    bad
}

fn stress() -> Report {
    load::load_file(&crate::common::root().join("tests/fixtures/stress.yaml"))
        .unwrap_or_else(|e| panic!("stress.yaml does not load: {e:#?}"))
}

fn assert_clean(what: &str, bad: Vec<String>) {
    assert!(
        bad.is_empty(),
        "{what}: {} problems\n{}",
        bad.len(),
        bad.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn reference_report_passes_the_grid_audit() {
    let doc = typeset(&load_example("panzhihua-2024.yaml"));
    assert_clean("panzhihua-2024", audit(&doc, &[]));
}

#[test]
fn stress_report_passes_the_grid_audit() {
    let report = stress();
    let doc = typeset(&report);
    let skip: Vec<&str> = [&report.signature, &report.date]
        .into_iter()
        .flatten()
        .map(|v| v.value.as_str())
        .collect();
    assert_clean("stress", audit(&doc, &skip));
}

/// The audit is not blind: the layout before issue 11 (Typst's own
/// punctuation handling, fixed 11 mm columns) fails it on the stress report.
#[test]
fn the_audit_catches_squeezed_punctuation_and_overfull_cells() {
    let report = stress();
    let mut templates = gxreport::render::Templates::embedded();
    // Marks as plain text again (Typst compresses them), Table B at 11 mm.
    templates.style = templates.style.replace(
        "box(width: cell, align((left: left, right: right, center: center).at(s.align), s.p))",
        "s.p",
    );
    templates.style = templates.style.replace(
        "let widths = if t.at(\"widths\", default: none) != none",
        "let widths = if false",
    );
    let doc = crate::common::typeset_with(&report, templates.clone());
    let bad = audit(&doc, &[]);
    assert!(bad.iter().any(|b| b.contains("under 1 pt")), "{bad:#?}");
    assert!(
        bad.iter()
            .any(|b| b.contains("starts at") || b.contains("ends at")),
        "{bad:#?}"
    );
    // Without break points in long Latin tokens, the line before the e-mail
    // address is letter-spaced.
    let mut templates = gxreport::render::Templates::embedded();
    templates.style = templates
        .style
        .replace("else { h(0.001pt, weak: true) }", "else { [] }");
    let doc = crate::common::typeset_with(&report, templates.clone());
    let bad = audit(&doc, &[]);
    assert!(bad.iter().any(|b| b.contains("letter-spaced")), "{bad:#?}");
}

/// Every text of the stress report prints in full: the groups and break
/// points are invisible, nothing is lost or added.
#[test]
fn stress_text_survives_in_the_pdf() {
    let report = stress();
    let text = crate::common::pdf_text(&crate::common::pdf(&report));
    for s in [
        "zhengfuxinxigongkailingdaoxiaozubangongshi@mouxian.gov.cn",
        "阿依古丽·买买提",
        "（一）年初（二）年中（三）年底",
        "——这是全年工作的重点——",
        "做好……做实……做细",
        "0812-3322110",
        "137037034",
        "123456789",
    ] {
        assert!(text.contains(s), "{s} missing from the PDF text");
    }
    assert!(!text.contains('\u{2060}') && !text.contains('\u{200B}'));
    // The typed number is not printed twice.
    assert!(text.contains("（一）依申请公开方面。") && !text.contains("二、依申请公开方面"));
    assert!(text.contains("（二）平台建设方面。") && !text.contains("（三）平台"));
}

/// Warnings before Typst runs: every substituted character with its role,
/// line and column; the dropped item numbers; the Word characters.
#[test]
fn stress_report_warns_about_what_the_layout_changes() {
    let report = stress();
    let found = gxreport::Pipeline::embedded()
        .prepare_report(report.clone(), "stress.yaml", None)
        .findings;
    let text = found
        .iter()
        .map(|d| format!("{} {:?} {}", d.code, d.pos, d.message))
        .collect::<Vec<_>>();
    let has = |code: &str, needle: &str| {
        found
            .iter()
            .any(|d| d.code == code && d.message.contains(needle) && d.pos.is_some())
    };
    assert!(
        has("W-GLYPH", "标题（小标宋）字体 GX BiaoSong"),
        "{text:#?}"
    );
    assert!(has("W-GLYPH", "正文（仿宋）字体 GX FangSong"), "{text:#?}");
    assert!(has("W-GLYPH", "“２”"), "{text:#?}");
    assert!(has("W-NUMBER", "二、"), "{text:#?}");
    assert!(has("W-NUMBER", "（三）"), "{text:#?}");
    assert!(has("W-TEXT", "U+2028"), "{text:#?}");
    // 鄠 in the title is at line 3 (the agency), column of 鄠.
    let title = found
        .iter()
        .find(|d| d.code == "W-GLYPH" && d.message.contains("小标宋") && d.message.contains('鄠'))
        .unwrap();
    assert_eq!(
        title.pos.map(|p| (p.line, p.column)),
        Some((3, 12)),
        "{title:?}"
    );
    assert!(
        found.iter().all(|d| d.code != "W-FIGURE"),
        "9-digit figures fit: {text:#?}"
    );
}

// ------------------------------------------------------------ pixel comparison

const DPI: f32 = 40.0;

fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    let grey = buf
        .chunks(channels)
        .map(|p| {
            ((p[0] as u32 + p[1.min(channels - 1)] as u32 + p[2.min(channels - 1)] as u32) / 3)
                as u8
        })
        .collect();
    (info.width, info.height, grey)
}

/// How many pixels of two page images differ visibly (grey level by > 64).
fn differing(a: &[u8], b: &[u8]) -> usize {
    let (_, _, a) = decode(a);
    let (_, _, b) = decode(b);
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x.abs_diff(**y) > 64)
        .count()
}

/// The comparison is not blind: the body 1 mm lower is far outside it.
#[test]
fn the_pixel_comparison_notices_a_one_millimetre_shift() {
    let report = load_example("panzhihua-2024.yaml");
    let mut templates = gxreport::render::Templates::embedded();
    templates.style = templates.style.replace("top: 37mm", "top: 38mm");
    let moved = crate::common::typeset_with(&report, templates.clone());
    let doc = typeset(&report);
    let a = gxreport::typeset::png(&doc, 0, DPI / 72.0);
    let b = gxreport::typeset::png(&moved, 0, DPI / 72.0);
    let (w, h, _) = decode(&a);
    assert!(differing(&a, &b) * 1000 > (w * h) as usize * 2);
}

/// The reference report's pages against PNGs stored in tests/fixtures/page/
/// (40 dpi): an unintended layout change fails. After an intended one, run
/// with GXREPORT_BLESS=1 to store the new pages, and look at them.
#[test]
fn reference_pages_match_the_stored_images() {
    let doc = typeset(&load_example("panzhihua-2024.yaml"));
    let dir = crate::common::root().join("tests/fixtures/page");
    let bless = std::env::var_os("GXREPORT_BLESS").is_some();
    for i in 0..doc.pages().len() {
        let got = gxreport::typeset::png(&doc, i, DPI / 72.0);
        let path = dir.join(format!("panzhihua-2024-{}.png", i + 1));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read(&path)
            .unwrap_or_else(|_| panic!("{} missing (GXREPORT_BLESS=1 to store)", path.display()));
        let (gw, gh, g) = decode(&got);
        assert_eq!(
            (gw, gh),
            (decode(&want).0, decode(&want).1),
            "page {} size",
            i + 1
        );
        // A pixel differs when its grey level moves by more than 64 of 255;
        // anti-aliasing noise stays far below 0.2 % of the page.
        let n = differing(&got, &want);
        assert!(
            n * 1000 < g.len() * 2,
            "page {}: {n} of {} pixels differ from {}",
            i + 1,
            g.len(),
            path.display()
        );
    }
    let stored = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(stored, doc.pages().len(), "one stored image per page");
}

/// `gxreport fonts 数据.yaml` lists, per role, each character its face lacks
/// and the face of the same style that prints it.
#[test]
fn fonts_lists_the_substituted_characters_per_role() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::common::root().join("tests/fixtures/stress.yaml"),
        dir.path().join("数据.yaml"),
    )
    .unwrap();
    let out = crate::common::gx(&["fonts", "数据.yaml", "--no-system-fonts"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for want in [
        "本报告中各角色字体缺少的字：\n",
        "  标题（小标宋）（GX BiaoSong）：\n    鄠（U+9120）改用 Noto Serif SC\n",
        "  二级标题（楷体）（GX Kai）：\n    鄠（U+9120）改用 GX FangSong\n",
        "  正文（仿宋）（GX FangSong）：\n    ２（U+FF12）改用 Noto Serif SC\n    ６（U+FF16）改用 Noto Serif SC\n",
    ] {
        assert!(stdout.contains(want), "{want:?} not in\n{stdout}");
    }
    assert_eq!(
        out.status.code(),
        Some(1),
        "warnings only: {}",
        crate::common::stderr(&out)
    );
}

/// 落款 without a seal, GB/T 9704-2012 7.3.5.2: the agency two characters
/// from the right edge, the date on the next line starting two characters
/// right of the agency's first; a date that would then come closer than two
/// characters to the edge keeps two, and the agency moves left with it.
#[test]
fn signature_and_date_sit_as_gb9704_7_3_5_2_says() {
    for (agency, date) in [
        ("某某县人民政府办公室", "2026年1月20日"),
        ("某县局", "2026年12月31日"),
    ] {
        let report = crate::common::load_yaml(&format!(
            "agency: 某局\nyear: 2025\noverview: 本年度工作正常。\nproblems: 无。\nsignature: {agency}\ndate: {date}\n"
        ));
        let doc = typeset(&report);
        let runs = crate::common::runs(&doc);
        let mm = |v: f64| v * MM;
        let a = runs
            .iter()
            .find(|r| r.text == agency)
            .expect("agency laid out");
        let d = runs
            .iter()
            .find(|r| r.text.starts_with("2026"))
            .expect("date laid out");
        let d_end = runs
            .iter()
            .filter(|r| (r.y - d.y).abs() < 0.1)
            .map(|r| mm(r.x + r.width))
            .fold(0.0, f64::max);
        let right = X0 + WIDTH;
        let (a_start, a_end, d_start) = (mm(a.x), mm(a.x + a.width), mm(d.x));
        assert!(
            (d_start - a_start - 2.0 * CELL).abs() < 0.5,
            "{agency}: date starts 2 cells right of the agency"
        );
        assert!(
            d_end <= right - 2.0 * CELL + 0.5,
            "{agency}: date ends {d_end:.1}, closer than 2 cells to the edge {right:.1}"
        );
        let agency_two_from_right = (right - a_end - 2.0 * CELL).abs() < 0.5;
        let date_two_from_right = (right - d_end - 2.0 * CELL).abs() < 0.5;
        assert!(
            agency_two_from_right || date_two_from_right,
            "{agency}: agency ends {a_end:.1}, date ends {d_end:.1}, edge {right:.1}"
        );
        // A long date: the date keeps two cells and the agency moved left.
        if date.chars().count() + 2 > agency.chars().count() + 4 {
            assert!(
                date_two_from_right && !agency_two_from_right,
                "{agency}: {a_end:.1} {d_end:.1}"
            );
        }
        // One blank line between the text and the agency, then the date
        // on the next line.
        assert!((mm(d.y - a.y) - PITCH).abs() < 0.5);
    }
}

/// A figure too wide for its cell even at the smallest size is a warning
/// with its YAML line; nine digits are not.
#[test]
fn a_figure_too_wide_for_any_cell_is_named_with_its_line() {
    let report = crate::common::load_yaml(
        "agency: 某局\nyear: 2025\noverview: 本年度工作正常。\nrequests:\n  received: [12345678901234, 0, 0, 0, 0, 0]\n",
    );
    let found = gxreport::render::view::findings(&report, "test.yaml");
    let w: Vec<_> = found.iter().filter(|d| d.code == "W-FIGURE").collect();
    assert_eq!(w.len(), 1, "{found:#?}");
    assert_eq!(w[0].pos.map(|p| p.line), Some(5));
    assert!(
        w[0].message
            .contains("表三中的数字 12345678901234 位数太多"),
        "{}",
        w[0].message
    );
    let fine = crate::common::load_yaml(
        "agency: 某局\nyear: 2025\noverview: 本年度工作正常。\nrequests:\n  received: [123456789, 0, 0, 0, 0, 0]\nappeals:\n  review: [123456789012, 0, 0, 0, 123456789012]\n",
    );
    assert!(gxreport::render::view::findings(&fine, "test.yaml").is_empty());
}
