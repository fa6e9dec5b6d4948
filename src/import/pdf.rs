//! PDFs with a text layer (as WPS, Word and gxreport export them) into the
//! intermediate form. `pdf-extract` (on `lopdf`) decodes the content streams
//! and fonts (ToUnicode maps, CID fonts) and reports every character with its
//! position and every stroked or filled path; this module rebuilds the
//! tables from their ruling lines (a merged cell is one without the rule
//! between its slots) and the paragraphs from line positions and indents.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::doc::{Block, Cell, Doc, Para, Place, Table};
use super::Refusal;

/// One character as placed on the page (top-down coordinates, pt).
#[derive(Debug, Clone)]
struct Ch {
    x: f64,
    /// Baseline, from the top of the page.
    y: f64,
    size: f64,
    right: f64,
    text: String,
}

/// A ruling line: horizontal (`y`, `a`..`b` in x) or vertical (`x`, `a`..`b` in y).
#[derive(Debug, Clone, Copy)]
struct Seg {
    horizontal: bool,
    at: f64,
    a: f64,
    b: f64,
}

#[derive(Default)]
struct Page {
    chars: Vec<Ch>,
    segs: Vec<Seg>,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    height: f64,
}

impl Collector {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }

    /// Axis-aligned pieces of a path in top-down page coordinates.
    fn lines(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let h = self.height;
        let pt = |x: f64, y: f64| {
            let (px, py) = (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            );
            (px, h - py)
        };
        let mut rects: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut poly: Vec<(f64, f64)> = Vec::new();
        let mut segs = Vec::new();
        let mut last: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    if poly.len() > 1 {
                        rects.push(bbox(&poly));
                    }
                    poly.clear();
                    let p = pt(x, y);
                    poly.push(p);
                    last = Some(p);
                }
                PathOp::LineTo(x, y) => {
                    let p = pt(x, y);
                    if let Some(q) = last {
                        segs.push((q, p));
                    }
                    poly.push(p);
                    last = Some(p);
                }
                PathOp::Rect(x, y, w, hh) => {
                    let (a, b) = (pt(x, y), pt(x + w, y + hh));
                    rects.push((a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1)));
                }
                PathOp::CurveTo(..) => {
                    poly.clear();
                    last = None;
                }
                PathOp::Close => {
                    if let (Some(first), Some(q)) = (poly.first().copied(), last) {
                        segs.push((q, first));
                    }
                }
            }
        }
        if poly.len() > 1 && filled {
            rects.push(bbox(&poly));
        }
        let page = self.page();
        for (x0, y0, x1, y1) in rects {
            let (w, hh) = (x1 - x0, y1 - y0);
            if w <= 2.5 && hh > w {
                page.segs.push(Seg {
                    horizontal: false,
                    at: (x0 + x1) / 2.0,
                    a: y0,
                    b: y1,
                });
            } else if hh <= 2.5 && w > hh {
                page.segs.push(Seg {
                    horizontal: true,
                    at: (y0 + y1) / 2.0,
                    a: x0,
                    b: x1,
                });
            } else if !filled {
                // A stroked rectangle: its four edges.
                page.segs.push(Seg {
                    horizontal: true,
                    at: y0,
                    a: x0,
                    b: x1,
                });
                page.segs.push(Seg {
                    horizontal: true,
                    at: y1,
                    a: x0,
                    b: x1,
                });
                page.segs.push(Seg {
                    horizontal: false,
                    at: x0,
                    a: y0,
                    b: y1,
                });
                page.segs.push(Seg {
                    horizontal: false,
                    at: x1,
                    a: y0,
                    b: y1,
                });
            }
        }
        if !filled {
            for ((x0, y0), (x1, y1)) in segs {
                if (y0 - y1).abs() < 0.5 && (x0 - x1).abs() > 0.5 {
                    page.segs.push(Seg {
                        horizontal: true,
                        at: y0,
                        a: x0.min(x1),
                        b: x0.max(x1),
                    });
                } else if (x0 - x1).abs() < 0.5 && (y0 - y1).abs() > 0.5 {
                    page.segs.push(Seg {
                        horizontal: false,
                        at: x0,
                        a: y0.min(y1),
                        b: y0.max(y1),
                    });
                }
            }
        }
    }
}

fn bbox(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let mut b = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    }
    b
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _n: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media.ury - media.lly;
        self.pages.push(Page::default());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let (vx, vy) = (
            font_size * trm.m11 + font_size * trm.m21,
            font_size * trm.m12 + font_size * trm.m22,
        );
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        if ch.is_empty() || !size.is_finite() || !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        // A space glyph is kept: it is a space the author typed, unlike the
        // gap a layout engine leaves between Chinese and Latin text.
        let ch = if ch.trim().is_empty() {
            " ".to_string()
        } else {
            super::text::unradical(ch)
        };
        let right = x + width * size;
        self.page().chars.push(Ch {
            x,
            y,
            size,
            right,
            text: ch,
        });
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
    fn stroke(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.lines(ctm, path, false);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.lines(ctm, path, true);
        Ok(())
    }
}

/// pdf-extract panics on some malformed inputs; its panics are caught and
/// told as a damaged file, so keep them off the clerk's screen.
fn quiet_library_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            let library = [
                "pdf-extract",
                "lopdf",
                "adobe-cmap",
                "cff-parser",
                "type1-encoding",
                "postscript",
            ]
            .iter()
            .any(|l| file.contains(l));
            if !library {
                previous(info);
            }
        }));
    });
}

fn refuse(message: &str, hint: &'static str) -> Refusal {
    Refusal {
        message: message.to_string(),
        hint,
    }
}

/// A PDF → blocks, page by page.
pub fn extract(bytes: &[u8]) -> Result<Doc, Refusal> {
    const DAMAGED: &str = "请重新下载或导出 PDF；也可以改用报告的 Word 文档或网页。";
    quiet_library_panics();
    let loaded = catch_unwind(|| pdf_extract::Document::load_mem(bytes));
    let mut document = match loaded {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => {
            let why = e.to_string().to_ascii_lowercase();
            if why.contains("decrypt") || why.contains("encrypt") || why.contains("password") {
                return Err(refuse(
                    "PDF 已加密（设有打开密码），无法读取其中的文字。",
                    "请用原始的未加密文件，或在 PDF 阅读器中输入密码后另存为未加密的 PDF。",
                ));
            }
            return Err(refuse(
                "PDF 文件已损坏或不完整（可能下载时被截断），无法读取。",
                DAMAGED,
            ));
        }
        Err(_) => return Err(refuse("PDF 文件已损坏或不完整，无法读取。", DAMAGED)),
    };
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(refuse(
            "PDF 已加密（设有打开密码），无法读取其中的文字。",
            "请用原始的未加密文件，或在 PDF 阅读器中输入密码后另存为未加密的 PDF。",
        ));
    }
    normalise_cid_widths(&mut document);
    let mut collector = Collector::default();
    let run = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&document, &mut collector)
    }));
    match run {
        Ok(Ok(())) => {}
        Ok(Err(_)) | Err(_) if collector.pages.iter().all(|p| p.chars.is_empty()) => {
            return Err(refuse(
                "PDF 文件已损坏或使用了无法解读的字体，读不出文字。",
                DAMAGED,
            ));
        }
        // Pages read before the failure are still used; a missing figure is reported later.
        _ => {}
    }
    if collector.pages.iter().all(|p| p.chars.is_empty()) {
        return Err(refuse(
            "这份 PDF 没有文字层：它是扫描得到的图像，请先做文字识别（OCR）再导入。",
            "可用 WPS、Adobe Acrobat 等软件的“文字识别/OCR”功能生成带文字层的 PDF，或改用报告的 Word 文档或网页。",
        ));
    }
    let laid: Vec<Laid> = collector.pages.iter().map(lay_out).collect();
    let m = margins(&laid);
    let mut doc = Doc::default();
    let mut open = false;
    for (n, page) in laid.into_iter().enumerate() {
        page_blocks(page, n + 1, &m, &mut doc, &mut open);
    }
    Ok(doc)
}

/// pdf-extract 0.12 misreads the `c_first c_last w` form of a CID font's
/// `/W` array (it takes the first number for all three), so every glyph of
/// such a font (Typst's, among others) gets the default width and the
/// characters of a run pile up at one point. Rewrite each range into the
/// `c [w w …]` form, which it reads right.
fn normalise_cid_widths(doc: &mut pdf_extract::Document) {
    use pdf_extract::Object;
    let ids: Vec<pdf_extract::ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let w = match doc.objects.get(&id) {
            Some(Object::Dictionary(d))
                if matches!(
                    d.get(b"Subtype").and_then(|s| s.as_name()),
                    Ok(b"CIDFontType0" | b"CIDFontType2")
                ) =>
            {
                match d.get(b"W") {
                    Ok(Object::Array(a)) => a.clone(),
                    Ok(Object::Reference(r)) => match doc.get_object(*r).and_then(|o| o.as_array())
                    {
                        Ok(a) => a.clone(),
                        Err(_) => continue,
                    },
                    _ => continue,
                }
            }
            _ => continue,
        };
        let int = |o: &Object| {
            o.as_i64()
                .ok()
                .or_else(|| o.as_float().ok().map(|f| f as i64))
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < w.len() {
            match (w.get(i), w.get(i + 1), w.get(i + 2)) {
                (Some(first), Some(Object::Array(ws)), _) => {
                    out.push(first.clone());
                    out.push(Object::Array(ws.clone()));
                    i += 2;
                }
                (Some(a), Some(b), Some(width)) => {
                    let (Some(a), Some(b)) = (int(a), int(b)) else {
                        break;
                    };
                    let n = (b - a + 1).clamp(0, 65_536) as usize;
                    out.push(Object::Integer(a));
                    out.push(Object::Array(vec![width.clone(); n]));
                    i += 3;
                }
                _ => break,
            }
        }
        if let Some(Object::Dictionary(d)) = doc.objects.get_mut(&id) {
            d.set("W", Object::Array(out));
        }
    }
}

// ------------------------------------------------------------ tables

/// Values within `tol` of each other, merged (sorted).
fn cluster(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<Vec<f64>> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(g) if x - g[g.len() - 1] <= tol => g.push(x),
            _ => out.push(vec![x]),
        }
    }
    out.iter()
        .map(|g| g.iter().sum::<f64>() / g.len() as f64)
        .collect()
}

const TOL: f64 = 1.5;

/// Connected groups of ruling lines: each with both directions is a table.
fn table_groups(segs: &[Seg]) -> Vec<Vec<Seg>> {
    let n = segs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touches = |h: &Seg, v: &Seg| {
        v.at >= h.a - TOL && v.at <= h.b + TOL && h.at >= v.a - TOL && h.at <= v.b + TOL
    };
    for i in 0..n {
        for j in i + 1..n {
            let (s, t) = (&segs[i], &segs[j]);
            let joined = match (s.horizontal, t.horizontal) {
                (true, false) => touches(s, t),
                (false, true) => touches(t, s),
                _ => (s.at - t.at).abs() <= TOL && s.a <= t.b + TOL && t.a <= s.b + TOL,
            };
            if joined {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<Seg>> = BTreeMap::new();
    for (i, seg) in segs.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(*seg);
    }
    groups
        .into_values()
        .filter(|g| {
            g.iter().filter(|s| s.horizontal).count() >= 2
                && g.iter().filter(|s| !s.horizontal).count() >= 2
        })
        .collect()
}

/// Whether a ruling line runs at `at` across `from..to` (its middle).
fn ruled(segs: &[Seg], horizontal: bool, at: f64, from: f64, to: f64) -> bool {
    let mid = (from + to) / 2.0;
    segs.iter()
        .any(|s| s.horizontal == horizontal && (s.at - at).abs() <= TOL && s.a <= mid && s.b >= mid)
}

/// A ruled table: grid from its lines, merged slots where a rule is missing,
/// each character placed in the cell it stands in. Returns the table, its
/// top and its box (x0, y0, x1, y1).
fn ruled_table(
    segs: &[Seg],
    chars: &[Ch],
    used: &mut [bool],
) -> Option<(Table, (f64, f64, f64, f64))> {
    // The ends of the rules bound the table too: a row cut by a page break
    // often has its side rules but not its bottom rule. Only ends beyond the
    // outermost rules count; inner ends are where merged cells begin.
    let bounded = |rules: Vec<f64>, ends: Vec<f64>| {
        let (lo, hi) = rules
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let outer: Vec<f64> = ends
            .into_iter()
            .filter(|e| *e < lo - TOL || *e > hi + TOL)
            .collect();
        let extra = [
            outer.iter().copied().fold(f64::MAX, f64::min),
            outer.iter().copied().fold(f64::MIN, f64::max),
        ];
        cluster(
            rules
                .into_iter()
                .chain(extra.into_iter().filter(|v| v.is_finite() && v.abs() < 1e6))
                .collect(),
            TOL,
        )
    };
    let xs = bounded(
        segs.iter()
            .filter(|s| !s.horizontal)
            .map(|s| s.at)
            .collect(),
        segs.iter()
            .filter(|s| s.horizontal)
            .flat_map(|s| [s.a, s.b])
            .collect(),
    );
    let ys = bounded(
        segs.iter().filter(|s| s.horizontal).map(|s| s.at).collect(),
        segs.iter()
            .filter(|s| !s.horizontal)
            .flat_map(|s| [s.a, s.b])
            .collect(),
    );
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows * cols > 20_000 {
        return None;
    }
    // Union slots not separated by a rule.
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !ruled(segs, false, xs[c + 1], ys[r], ys[r + 1]) {
                let (a, b) = (
                    find(&mut parent, r * cols + c),
                    find(&mut parent, r * cols + c + 1),
                );
                parent[a] = b;
            }
            if r + 1 < rows && !ruled(segs, true, ys[r + 1], xs[c], xs[c + 1]) {
                let (a, b) = (
                    find(&mut parent, r * cols + c),
                    find(&mut parent, (r + 1) * cols + c),
                );
                parent[a] = b;
            }
        }
    }
    let mut ids: BTreeMap<usize, usize> = BTreeMap::new();
    let mut t = Table {
        aligned: true,
        ..Table::default()
    };
    let mut boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
    t.rows = vec![vec![None; cols]; rows];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let id = *ids.entry(root).or_insert_with(|| {
                t.cells.push(Cell {
                    text: String::new(),
                    row: r,
                    col: c,
                });
                boxes.push((xs[c], ys[r], xs[c + 1], ys[r + 1]));
                t.cells.len() - 1
            });
            let b = &mut boxes[id];
            *b = (
                b.0.min(xs[c]),
                b.1.min(ys[r]),
                b.2.max(xs[c + 1]),
                b.3.max(ys[r + 1]),
            );
            t.rows[r][c] = Some(id);
        }
    }
    let area = (xs[0], ys[0], xs[cols], ys[rows]);
    let mut inside: Vec<Vec<Ch>> = vec![Vec::new(); t.cells.len()];
    for (i, ch) in chars.iter().enumerate() {
        let (cx, cy) = ((ch.x + ch.right) / 2.0, ch.y - ch.size * 0.35);
        if let Some(id) = boxes
            .iter()
            .position(|b| cx >= b.0 && cx <= b.2 && cy >= b.1 && cy <= b.3)
        {
            inside[id].push(ch.clone());
            used[i] = true;
        }
    }
    for (cell, chars) in t.cells.iter_mut().zip(inside) {
        cell.text = lines(chars)
            .into_iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("\n");
    }
    // Drop rows that hold nothing at all (double rules make hairline rows).
    let keep: Vec<bool> = (0..rows).map(|r| ys[r + 1] - ys[r] > 2.0).collect();
    if keep.iter().any(|k| !k) {
        t.rows = t
            .rows
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(r, _)| r)
            .collect();
    }
    Some((t, area))
}

// ------------------------------------------------------------ lines

#[derive(Debug, Clone)]
struct Line {
    text: String,
    x: f64,
    right: f64,
    y: f64,
    size: f64,
}

/// Characters → lines (same baseline), each read left to right.
fn lines(mut chars: Vec<Ch>) -> Vec<Line> {
    chars.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Ch>> = Vec::new();
    for ch in chars {
        match groups.last_mut() {
            Some(g) if (ch.y - g[0].y).abs() <= g[0].size.max(ch.size) * 0.4 => g.push(ch),
            _ => groups.push(vec![ch]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut last_right: Option<f64> = None;
            for ch in &g {
                if ch.text == " " {
                    if !text.is_empty() && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    last_right = Some(ch.right);
                    continue;
                }
                if let Some(r) = last_right {
                    // A gap between Latin words where no space glyph was drawn.
                    let wide = |c: Option<char>| c.is_some_and(crate::report::prose::is_wide);
                    if ch.x - r > ch.size * 0.3
                        && !text.ends_with(' ')
                        && !wide(text.chars().last())
                        && !wide(ch.text.chars().next())
                    {
                        text.push(' ');
                    }
                }
                text.push_str(&ch.text);
                last_right = Some(ch.right);
            }
            let text = text.trim().to_string();
            let ink: Vec<&Ch> = g.iter().filter(|c| c.text != " ").collect();
            let size = ink.iter().map(|c| c.size).fold(0.0, f64::max);
            Line {
                x: ink.first().map_or(g[0].x, |c| c.x),
                right: ink.iter().map(|c| c.right).fold(f64::MIN, f64::max),
                y: g[0].y,
                size,
                text,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// “— 1 —”, “-2-”, “第 3 页”: page furniture, not report text.
fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c| matches!(c, '—' | '－' | '-' | '–' | '一'));
    (!core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) && core.len() < 4)
        || (t.starts_with('第') && t.ends_with('页') && t.chars().count() < 12)
}

/// The blocks of one page in reading order.
/// A page cut into its tables (with their tops) and its lines of running text.
struct Laid {
    tables: Vec<(f64, Table)>,
    lines: Vec<Line>,
}

fn lay_out(page: &Page) -> Laid {
    let mut used = vec![false; page.chars.len()];
    let mut tables = Vec::new();
    for group in table_groups(&page.segs) {
        if let Some((t, area)) = ruled_table(&group, &page.chars, &mut used) {
            if t.cells.iter().any(|c| !c.text.trim().is_empty()) {
                tables.push((area.1, t));
            }
        }
    }
    let free: Vec<Ch> = page
        .chars
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(c, _)| c.clone())
        .collect();
    let lines = lines(free)
        .into_iter()
        .filter(|l| !is_page_number(&l.text))
        .collect();
    Laid { tables, lines }
}

/// The text block's left and right edges and the line pitch, from every page:
/// most lines of running text start at the left margin and fill to the right.
struct Margins {
    left: f64,
    right: f64,
    pitch: f64,
}

fn margins(pages: &[Laid]) -> Margins {
    let mode = |values: Vec<f64>| {
        let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
        for v in values {
            *counts.entry(v.round() as i64).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(v, n)| (*n, -*v))
            .map_or(0.0, |(v, _)| v as f64)
    };
    let all: Vec<&Line> = pages.iter().flat_map(|p| &p.lines).collect();
    let mut pitches: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.windows(2).map(|w| w[1].y - w[0].y))
        .filter(|d| *d > 0.0)
        .collect();
    pitches.sort_by(f64::total_cmp);
    Margins {
        left: mode(all.iter().map(|l| l.x).collect()),
        // Justified text ends at the margin; ragged text (a browser's
        // print) only comes near it, so take a high percentile, not the mode.
        right: {
            let mut rights: Vec<f64> = all.iter().map(|l| l.right).collect();
            rights.sort_by(f64::total_cmp);
            rights.get(rights.len() * 9 / 10).copied().unwrap_or(0.0)
        },
        pitch: pitches.get(pitches.len() / 2).copied().unwrap_or(30.0),
    }
}

/// The blocks of one page in reading order. Paragraphs start at an indented
/// line, after a short line, after a wider gap or a table; a first line at
/// the margin goes on with the previous page's last paragraph.
fn page_blocks(page: Laid, number: usize, m: &Margins, doc: &mut Doc, open: &mut bool) {
    let mut placed: Vec<(f64, Block)> = Vec::new();
    for (top, mut t) in page.tables {
        t.at = Some(Place(format!("第{number}页表格")));
        placed.push((top, Block::Table(t)));
    }
    let tops: Vec<f64> = placed.iter().map(|(top, _)| *top).collect();
    let indented = |l: &Line| l.x > m.left + l.size * 1.2;
    let short = |l: &Line| l.right < m.right - l.size * 1.5;
    let mut paras: Vec<(f64, String)> = Vec::new();
    let mut last: Option<&Line> = None;
    let mut continues = *open
        && tops
            .iter()
            .all(|t| page.lines.first().is_none_or(|l| *t > l.y));
    for l in &page.lines {
        let starts = match last {
            None => !continues || indented(l),
            Some(prev) => {
                indented(l)
                    || short(prev)
                    // After a centred or right-aligned line (title, 落款, date).
                    || prev.x > m.left + prev.size * 3.5
                    || l.y - prev.y > m.pitch * 1.45
                    || tops.iter().any(|t| *t > prev.y && *t < l.y)
            }
        };
        if starts {
            paras.push((l.y - l.size, l.text.clone()));
            continues = false;
        } else if continues && paras.is_empty() {
            if let Some(Block::Para(p)) = doc.blocks.last_mut() {
                join(&mut p.text, &l.text);
            }
        } else if let Some((_, text)) = paras.last_mut() {
            join(text, &l.text);
        }
        last = Some(l);
    }
    *open = last.is_some_and(|l| !short(l) && l.x <= m.left + l.size * 3.5)
        && tops.iter().all(|t| last.is_some_and(|l| *t < l.y));
    for (n, (top, text)) in paras.into_iter().enumerate() {
        placed.push((
            top,
            Block::Para(Para {
                text,
                at: Place(format!("第{number}页第{}段", n + 1)),
            }),
        ));
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    doc.blocks.extend(placed.into_iter().map(|(_, b)| b));
}

/// Lines of one paragraph joined: no space between Chinese characters, one
/// between Latin words.
fn join(text: &mut String, line: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(text.chars().last()) && latin(line.chars().next()) {
        text.push(' ');
    }
    text.push_str(line);
}
