//! What each piece of text is painted with, read from the content streams
//! before pdf-extract lays the glyphs out: text filled (or stroked) in white
//! is not seen on the white page, unless it lies on a dark filled area.
//! pdf-extract reports neither colours nor text render modes, so this pass
//! follows the graphics state itself: per page, one flag per string it will
//! show (pdf-extract starts a word for each string of `Tj` and `TJ`, in the
//! same order, forms included), and the dark filled rectangles, in the
//! collector's top-down coordinates. The collector matches strings by
//! count and drops a page's white glyphs only when the counts agree.
//!
//! Invisible text (render mode 3) is not left out: it is how a scanned
//! page carries its recognised text, which the reader sees in the image.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// A box on the page (x0, y0, x1, y1), top-down.
pub(super) type Box4 = (f64, f64, f64, f64);

/// One string as shown: painted white, and the clipping box it is drawn
/// inside (what lies outside it is not seen).
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Shown {
    pub(super) white: bool,
    pub(super) clip: Option<Box4>,
}

/// One page's paint: per shown string, how it is painted; the dark filled
/// areas.
#[derive(Debug, Default, Clone)]
pub(super) struct PagePaint {
    pub(super) strings: Vec<Shown>,
    pub(super) dark: Vec<Box4>,
}

impl PagePaint {
    /// Whether a point lies on a dark area (white text there is seen).
    pub(super) fn on_dark(&self, x: f64, y: f64) -> bool {
        self.dark
            .iter()
            .any(|&(x0, y0, x1, y1)| x >= x0 && x <= x1 && y >= y0 - 2.0 && y <= y1 + 2.0)
    }
}

type Matrix = [f64; 6];

fn concat(m: &Matrix, ctm: &Matrix) -> Matrix {
    [
        m[0] * ctm[0] + m[1] * ctm[2],
        m[0] * ctm[1] + m[1] * ctm[3],
        m[2] * ctm[0] + m[3] * ctm[2],
        m[2] * ctm[1] + m[3] * ctm[3],
        m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
        m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
    ]
}

#[derive(Clone, Copy)]
struct State {
    ctm: Matrix,
    /// The clipping box: rectangles and shapes set with `W`, intersected.
    clip: Option<Box4>,
    fill_white: bool,
    stroke_white: bool,
    render: i64,
}

impl State {
    fn shown(&self) -> Shown {
        Shown {
            white: self.white_text(),
            clip: self.clip,
        }
    }

    /// Whether text shown now is white on the page.
    fn white_text(&self) -> bool {
        match self.render {
            0 | 4 => self.fill_white,
            1 | 5 => self.stroke_white,
            2 | 6 => self.fill_white && self.stroke_white,
            _ => false,
        }
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Whether colour operands are white: one gray, three RGB, four CMYK.
fn white(operands: &[Object]) -> bool {
    let v: Vec<f64> = operands.iter().filter_map(num).collect();
    match v.len() {
        1 => v[0] >= 0.99,
        3 => v.iter().all(|c| *c >= 0.99),
        4 => v.iter().all(|c| *c <= 0.01),
        _ => false,
    }
}

/// Every page's paint, in page order; None for a page whose content this
/// pass cannot follow (the collector then leaves the page as it is).
pub(super) fn pages(doc: &Document) -> Vec<Option<PagePaint>> {
    doc.page_iter()
        .map(|id| {
            let height = page_height(doc, id)?;
            let content = doc.get_page_content(id).ok()?;
            let resources = page_resources(doc, id);
            let mut paint = PagePaint::default();
            let state = State {
                ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                clip: None,
                fill_white: false,
                stroke_white: false,
                render: 0,
            };
            walk(
                doc,
                &content,
                resources.as_ref(),
                state,
                height,
                &mut paint,
                0,
            )?;
            Some(paint)
        })
        .collect()
}

fn page_height(doc: &Document, id: lopdf::ObjectId) -> Option<f64> {
    // The media box, inherited from the page tree when the page has none.
    let mut dict = doc.get_dictionary(id).ok()?;
    for _ in 0..32 {
        if let Ok(Object::Array(b)) = dict.get(b"MediaBox").map(|o| resolve(doc, o)) {
            let v: Vec<f64> = b.iter().filter_map(|o| num(resolve(doc, o))).collect();
            return (v.len() == 4).then(|| v[3] - v[1]);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn page_resources(doc: &Document, id: lopdf::ObjectId) -> Option<Dictionary> {
    let (own, inherited) = doc.get_page_resources(id).ok()?;
    if let Some(d) = own {
        return Some(d.clone());
    }
    inherited
        .first()
        .and_then(|r| doc.get_dictionary(*r).ok())
        .cloned()
}

/// Follow one content stream (a page's or a form's).
fn walk(
    doc: &Document,
    bytes: &[u8],
    resources: Option<&Dictionary>,
    mut s: State,
    height: f64,
    paint: &mut PagePaint,
    depth: usize,
) -> Option<()> {
    if depth > 16 {
        return None;
    }
    let content = Content::decode(bytes).ok()?;
    let mut stack: Vec<State> = Vec::new();
    let mut rects: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut points: Vec<(f64, f64)> = Vec::new();
    let mut clipping = false;
    for op in &content.operations {
        let o = &op.operands;
        match op.operator.as_str() {
            "q" => stack.push(s),
            "Q" => s = stack.pop().unwrap_or(s),
            "cm" if o.len() == 6 => {
                let m: Vec<f64> = o.iter().filter_map(num).collect();
                if m.len() == 6 {
                    s.ctm = concat(&[m[0], m[1], m[2], m[3], m[4], m[5]], &s.ctm);
                }
            }
            "g" | "rg" | "k" | "sc" | "scn" => s.fill_white = white(o),
            "G" | "RG" | "K" | "SC" | "SCN" => s.stroke_white = white(o),
            // A new colour space starts at its initial colour: black.
            "cs" => s.fill_white = false,
            "CS" => s.stroke_white = false,
            "Tr" => s.render = o.first().and_then(num).map_or(0, |v| v as i64),
            "Tj" => paint.strings.push(s.shown()),
            "TJ" => {
                if let Some(Object::Array(items)) = o.first() {
                    for item in items {
                        if matches!(item, Object::String(..)) {
                            paint.strings.push(s.shown());
                        }
                    }
                }
            }
            "W" | "W*" => clipping = true,
            "re" if o.len() == 4 => {
                let v: Vec<f64> = o.iter().filter_map(num).collect();
                if v.len() == 4 {
                    rects.push(box_of(&s.ctm, v[0], v[1], v[0] + v[2], v[1] + v[3], height));
                }
            }
            // Other shapes by the box around their points.
            "m" | "l" | "c" | "v" | "y" => {
                let v: Vec<f64> = o.iter().filter_map(num).collect();
                for xy in v.chunks_exact(2) {
                    points.push((xy[0], xy[1]));
                }
            }
            "h" => {
                rects.extend(points_box(&points, &s.ctm, height));
                points.clear();
            }
            "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" | "S" | "s" => {
                rects.extend(points_box(&points, &s.ctm, height));
                // The path ending here also clips what follows (`W n`).
                if std::mem::take(&mut clipping) {
                    if let Some(area) = union(&rects) {
                        s.clip = Some(match s.clip {
                            Some(c) => intersect(c, area),
                            None => area,
                        });
                    }
                }
                let filled = !matches!(op.operator.as_str(), "n" | "S" | "s");
                if filled && !s.fill_white {
                    paint.dark.append(&mut rects);
                }
                rects.clear();
                points.clear();
            }
            "Do" => {
                let name = o.first()?.as_name().ok()?;
                let xobjects = resources
                    .and_then(|r| r.get(b"XObject").ok())
                    .map(|x| resolve(doc, x))
                    .and_then(|x| x.as_dict().ok());
                let Some(stream) = xobjects
                    .and_then(|x| x.get(name).ok())
                    .map(|x| resolve(doc, x))
                    .and_then(|x| x.as_stream().ok())
                else {
                    continue;
                };
                if stream.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() != Some(b"Form") {
                    continue;
                }
                let mut inner = s;
                if let Ok(Object::Array(m)) = stream.dict.get(b"Matrix") {
                    let m: Vec<f64> = m.iter().filter_map(num).collect();
                    if m.len() == 6 {
                        inner.ctm = concat(&[m[0], m[1], m[2], m[3], m[4], m[5]], &s.ctm);
                    }
                }
                let own = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .map(|r| resolve(doc, r))
                    .and_then(|r| r.as_dict().ok());
                let data = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                walk(
                    doc,
                    &data,
                    own.or(resources),
                    inner,
                    height,
                    paint,
                    depth + 1,
                )?;
            }
            _ => {}
        }
    }
    Some(())
}

/// A rectangle in user space as the collector's top-down page box.
fn box_of(ctm: &Matrix, x0: f64, y0: f64, x1: f64, y1: f64, height: f64) -> (f64, f64, f64, f64) {
    let pt = |x: f64, y: f64| {
        (
            ctm[0] * x + ctm[2] * y + ctm[4],
            ctm[1] * x + ctm[3] * y + ctm[5],
        )
    };
    let corners = [pt(x0, y0), pt(x1, y0), pt(x0, y1), pt(x1, y1)];
    let xs = corners.iter().map(|c| c.0);
    let ys = corners.iter().map(|c| height - c.1);
    (
        xs.clone().fold(f64::MAX, f64::min),
        ys.clone().fold(f64::MAX, f64::min),
        xs.fold(f64::MIN, f64::max),
        ys.fold(f64::MIN, f64::max),
    )
}

/// The box around a shape's points, top-down; none for a line.
fn points_box(points: &[(f64, f64)], ctm: &Matrix, height: f64) -> Option<(f64, f64, f64, f64)> {
    if points.len() < 3 {
        return None;
    }
    let (x0, y0, x1, y1) = points
        .iter()
        .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &(x, y)| {
            (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y))
        });
    Some(box_of(ctm, x0, y0, x1, y1, height))
}

fn union(boxes: &[Box4]) -> Option<Box4> {
    boxes
        .iter()
        .copied()
        .reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
}

fn intersect(a: Box4, b: Box4) -> Box4 {
    (a.0.max(b.0), a.1.max(b.1), a.2.min(b.2), a.3.min(b.3))
}
