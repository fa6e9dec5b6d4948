//! The glyphs of a laid-out document as a reader's eye meets them: every
//! glyph drawn, in drawing order, with its page and the box it occupies on
//! the paper (pt, y down). The pipeline checks these against the report
//! (`pipeline::verify`); this module only reads the frames.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// One glyph as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// 1-based physical page.
    pub page: usize,
    /// The text the glyph stands for (usually one character; a ligature or
    /// a cluster may stand for more, a glyph sharing a cluster for none).
    pub text: String,
    /// Font size (pt).
    pub size: f64,
    /// The glyph's box on the paper: its advance across (its font's, or
    /// less where tracking takes some; never a justified line's stretch),
    /// its em box from
    /// 0.88 em above the baseline to 0.12 em below (the body's line edges),
    /// transformed as drawn (a rotated watermark gives its bounding box).
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    /// Whether it sits in a rotated or scaled group (a watermark).
    pub transformed: bool,
}

/// Paper size of each page (pt).
pub fn paper(doc: &PagedDocument) -> Vec<(f64, f64)> {
    doc.pages()
        .iter()
        .map(|p| (p.frame.width().to_pt(), p.frame.height().to_pt()))
        .collect()
}

/// Every glyph of the document, page by page, in drawing order.
pub fn glyphs(doc: &PagedDocument) -> Vec<Glyph> {
    let mut out = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, Transform::identity(), i + 1, &mut out);
    }
    out
}

fn walk(frame: &Frame, ts: Transform, page: usize, out: &mut Vec<Glyph>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(g.transform);
                walk(&g.frame, inner, page, out);
            }
            FrameItem::Text(t) => {
                let size = t.size.to_pt();
                let transformed = !(ts.sx.get() == 1.0
                    && ts.sy.get() == 1.0
                    && ts.kx.get() == 0.0
                    && ts.ky.get() == 0.0);
                let mut cursor = pos.x;
                let mut clusters = t.glyphs.iter().peekable();
                while let Some(g) = clusters.next() {
                    let advance = g.x_advance.at(t.size);
                    let x = cursor + g.x_offset.at(t.size);
                    // The box is the glyph's own advance: a justified line's
                    // stretch is space after the glyph, not the glyph.
                    let own = t
                        .font
                        .x_advance(g.id)
                        .map_or(advance, |em| em.at(t.size).min(advance))
                        .max(typst::layout::Abs::zero());
                    // A cluster's text once, on its first glyph.
                    let shares = clusters
                        .peek()
                        .is_some_and(|n| n.range().start == g.range().start);
                    let text = if shares {
                        String::new()
                    } else {
                        t.text[g.range()].to_string()
                    };
                    let corners = [
                        Point::new(x, pos.y - t.size * 0.88),
                        Point::new(x + own, pos.y - t.size * 0.88),
                        Point::new(x, pos.y + t.size * 0.12),
                        Point::new(x + own, pos.y + t.size * 0.12),
                    ]
                    .map(|p| p.transform(ts));
                    let xs = corners.map(|p| p.x.to_pt());
                    let ys = corners.map(|p| p.y.to_pt());
                    out.push(Glyph {
                        page,
                        text,
                        size,
                        x0: xs.iter().copied().fold(f64::INFINITY, f64::min),
                        x1: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                        y0: ys.iter().copied().fold(f64::INFINITY, f64::min),
                        y1: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                        transformed,
                    });
                    cursor += advance;
                }
            }
            _ => {}
        }
    }
}
