//! What pdf-extract reports, collected page by page: every character with
//! its position and size, and the axis-aligned pieces of every stroked or
//! filled path as ruling lines.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

/// One character as placed on the page (top-down coordinates, pt).
#[derive(Debug, Clone)]
pub(super) struct Ch {
    pub(super) x: f64,
    /// Baseline, from the top of the page.
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) right: f64,
    pub(super) text: String,
}

/// A ruling line: horizontal (`y`, `a`..`b` in x) or vertical (`x`, `a`..`b` in y).
#[derive(Debug, Clone, Copy)]
pub(super) struct Seg {
    pub(super) horizontal: bool,
    pub(super) at: f64,
    pub(super) a: f64,
    pub(super) b: f64,
}

#[derive(Default)]
pub(super) struct Page {
    pub(super) chars: Vec<Ch>,
    pub(super) segs: Vec<Seg>,
    /// The page box across (left and right edge, pt) and its height.
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) height: f64,
    /// Strings pdf-extract showed on this page (one word each).
    pub(super) words: usize,
    /// Characters painted white off any dark area, by index in `chars`.
    pub(super) white: Vec<usize>,
    /// Characters drawn wholly outside their clipping box, likewise.
    pub(super) clipped: Vec<usize>,
}

#[derive(Default)]
pub(super) struct Collector {
    pub(super) pages: Vec<Page>,
    height: f64,
    /// Text set at a slant (a watermark): the first page it is on and its
    /// first characters, to tell the clerk what was left out.
    pub(super) slanted: Option<(usize, String)>,
    /// Characters and path pieces drawn so far, against [`MAX_DRAWN`].
    drawn: usize,
    /// Why the collection stopped early (a bound met), for the refusal.
    pub(super) stopped: Option<String>,
    /// Each page's paint ([`super::paint`]), where it could be followed.
    pub(super) paint: Vec<Option<super::paint::PagePaint>>,
}

/// Characters and path pieces one PDF may draw: a report draws tens of
/// thousands; past this (forms drawn over and over) the file is refused.
const MAX_DRAWN: usize = 1_000_000;

impl Collector {
    /// Count `n` more things drawn; stop pdf-extract (an error it passes
    /// up) past the bound or the file's time budget.
    fn budget(&mut self, n: usize) -> Result<(), OutputError> {
        let before = self.drawn;
        self.drawn = self.drawn.saturating_add(n);
        if self.drawn > MAX_DRAWN {
            self.stopped = Some(format!(
                "PDF 中绘制的文字和线条超过 {} 万个",
                MAX_DRAWN / 10_000
            ));
        } else if before / 4096 != self.drawn / 4096 && super::super::bounds::out_of_time() {
            self.stopped = Some(format!(
                "读取超过 {} 秒仍未完成",
                super::super::bounds::MAX_SECONDS
            ));
        }
        match self.stopped {
            Some(_) => Err(OutputError::IoError(std::io::Error::other("bound"))),
            None => Ok(()),
        }
    }
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
        self.budget(1)?;
        self.height = media.ury - media.lly;
        self.pages.push(Page {
            left: media.llx,
            right: media.urx,
            height: self.height,
            ..Page::default()
        });
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
        self.budget(1)?;
        let (vx, vy) = (
            font_size * trm.m11 + font_size * trm.m21,
            font_size * trm.m12 + font_size * trm.m22,
        );
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        // Text set at a slant (a watermark such as “征求意见稿” across the
        // page) is not the report's text; upright or quarter-turned text is.
        let slanted = trm.m11.abs().min(trm.m12.abs()) > 0.05 * trm.m11.abs().max(trm.m12.abs());
        if slanted {
            let page = self.pages.len().max(1);
            let (on, text) = self.slanted.get_or_insert((page, String::new()));
            if *on == page && text.chars().count() < 12 && !ch.trim().is_empty() {
                text.push_str(ch);
            }
            return Ok(());
        }
        if ch.is_empty() || !size.is_finite() || !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        // A space glyph is kept: it is a space the author typed, unlike the
        // gap a layout engine leaves between Chinese and Latin text.
        let ch = if ch.trim().is_empty() {
            " ".to_string()
        } else {
            super::super::text::unradical(ch)
        };
        let right = x + width * size;
        // What the paint pass says of the string this glyph belongs to.
        let n = self.pages.len().saturating_sub(1);
        let word = self.pages.get(n).map_or(0, |pg| pg.words);
        let shown = self
            .paint
            .get(n)
            .and_then(Option::as_ref)
            .and_then(|p| Some((p.on_dark(x, y), *p.strings.get(word.checked_sub(1)?)?)));
        if let Some((on_dark, shown)) = shown {
            let at = self.page().chars.len();
            if shown.white && !on_dark {
                self.page().white.push(at);
            } else if let Some((x0, y0, x1, y1)) = shown.clip {
                // Any part of the glyph's box inside the clip is seen.
                let outside =
                    right < x0 - 0.5 || x > x1 + 0.5 || y < y0 - 0.5 || y - size > y1 + 0.5;
                if outside {
                    self.page().clipped.push(at);
                }
            }
        }
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
        self.page().words += 1;
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
        self.budget(path.ops.len())?;
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
        self.budget(path.ops.len())?;
        self.lines(ctm, path, true);
        Ok(())
    }
}
