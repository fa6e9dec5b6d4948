//! What the layout printed, checked against what the report says, after
//! every layout and before anything is written: every text of the report
//! ([`view::printed`]) reaches the laid-out document in full, each of its
//! glyphs inside the GB/T 9704 type area, and no glyph at all off the paper.
//! A breach is E-LAYOUT on the field the clerk wrote, whatever template
//! (built-in or `--template-dir`) laid it out: what a person sees is the
//! truth, not what gxreport asked Typst for.

use crate::diagnostic::Diagnostic;
use crate::render::view::{self, Printed};
use crate::report::Report;
use crate::typeset::glyphs::{self, Glyph};
use crate::typeset::PagedDocument;

const MM: f64 = 72.0 / 25.4;
/// The type area of GB/T 9704 on A4 (pt, y down): 156 × 225 mm from 28 mm
/// left and 37 mm top.
pub const TYPE_AREA: Area = Area {
    x0: 28.0 * MM,
    y0: 37.0 * MM,
    x1: (28.0 + 156.0) * MM,
    y1: (37.0 + 225.0) * MM,
};
/// How far a glyph's box may pass an edge: a 16 pt hanzi on the 15.79 pt
/// grid ends 0.21 pt past its cell; rounding in the layout adds hundredths.
const SLACK: f64 = 0.5;

/// A rectangle on the page (pt, y down).
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// One report of a document: its model and the file its messages name.
pub struct Member<'a> {
    pub report: &'a Report,
    pub file: &'a str,
}

/// Check a laid-out document holding `members` in order (one report, or the
/// reports of a gazette volume). `custom`: laid out by a `--template-dir`.
pub fn verify(doc: &PagedDocument, members: &[Member], custom: bool) -> Vec<Diagnostic> {
    let glyphs = glyphs::glyphs(doc);
    let laid = Laid::new(&glyphs);
    let mut out = Vec::new();
    let mut cursor = 0;
    // Glyphs that print a text of the report: judged with that text.
    let mut claimed = vec![false; glyphs.len()];
    for m in members {
        for p in view::printed(m.report) {
            let needle: String = p.text.chars().filter(|c| !c.is_whitespace()).collect();
            // In print order; a template that prints the parts in another
            // order is not wrong for that.
            let found = laid.text[cursor..]
                .find(&needle)
                .map(|i| cursor + i)
                .or_else(|| laid.text.find(&needle));
            match found {
                Some(at) => {
                    cursor = at + needle.len();
                    let drawn = laid.glyphs_of(at, at + needle.len());
                    for &i in &drawn {
                        claimed[i] = true;
                    }
                    if let Some(d) = outside(&p, &drawn, &glyphs, m.file, custom) {
                        out.push(d);
                    }
                }
                None => out.push(missing(&p, &needle, &laid, m.file, custom)),
            }
        }
    }
    out.extend(off_paper(
        doc,
        &glyphs,
        &claimed,
        members.first().map_or("", |m| m.file),
        custom,
    ));
    out
}

/// The document's text as drawn, spaces aside, and the glyph each byte of
/// it came from.
struct Laid {
    text: String,
    owner: Vec<usize>,
}

impl Laid {
    fn new(glyphs: &[Glyph]) -> Laid {
        let mut text = String::new();
        let mut owner = Vec::new();
        // Not the page's marginals (a page number between the two halves
        // of a paragraph that runs on) nor a watermark drawn under a page.
        let marginal = |g: &Glyph| {
            g.transformed || g.y0 >= TYPE_AREA.y1 - SLACK || g.y1 <= TYPE_AREA.y0 + SLACK
        };
        for (i, g) in glyphs.iter().enumerate().filter(|(_, g)| !marginal(g)) {
            for c in g.text.chars().filter(|c| !c.is_whitespace()) {
                text.push(c);
                owner.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
        }
        Laid { text, owner }
    }

    /// The glyphs that drew bytes `from..to`, each once.
    fn glyphs_of(&self, from: usize, to: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.owner[from..to].to_vec();
        out.dedup();
        out
    }
}

/// E-LAYOUT for a text some of whose glyphs lie outside the type area: the
/// worst breach, on its page, and the glyph where it happens.
fn outside(
    p: &Printed,
    drawn: &[usize],
    glyphs: &[Glyph],
    file: &str,
    custom: bool,
) -> Option<Diagnostic> {
    let a = TYPE_AREA;
    let mut worst: Option<(f64, &Glyph, &str)> = None;
    for &i in drawn {
        let g = &glyphs[i];
        for (by, side) in [
            (a.x0 - g.x0, "左边"),
            (g.x1 - a.x1, "右边"),
            (a.y0 - g.y0, "上边"),
            (g.y1 - a.y1, "下边"),
        ] {
            if by > SLACK && worst.is_none_or(|(w, _, _)| by > w) {
                worst = Some((by, g, side));
            }
        }
    }
    let (by, g, side) = worst?;
    // Past the margin on that side of an A4 page: off the paper.
    let margin = match side {
        "左边" => 28.0,
        "右边" => 26.0,
        "上边" => 37.0,
        _ => 35.0,
    } * MM;
    let lost = if by > margin {
        "，已排到纸张以外，印出来会缺字"
    } else {
        ""
    };
    Some(breach(
        p,
        file,
        format!(
            "{}排到了版心以外：第{}页的“{}”超出版心{side} {:.1} 毫米{lost}（版心为 156 毫米 × 225 毫米）。",
            p.what,
            g.page,
            g.text,
            by / MM
        ),
        custom,
    ))
}

/// E-LAYOUT for a text that is not in the laid-out document in full: how
/// much of it was printed, and from where on it is missing.
fn missing(p: &Printed, needle: &str, laid: &Laid, file: &str, custom: bool) -> Diagnostic {
    // The longest beginning of the text that was printed somewhere.
    let chars: Vec<(usize, char)> = needle.char_indices().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let end = chars.get(mid).map_or(needle.len(), |&(b, _)| b);
        if laid.text.contains(&needle[..end]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let excerpt = |s: &str| -> String {
        let n = s.chars().count();
        if n > 12 {
            format!("{}……", s.chars().take(12).collect::<String>())
        } else {
            s.to_string()
        }
    };
    // A beginning shorter than half the text is as likely found elsewhere
    // (“202” of a date in another year): the text counts as not printed.
    let message = if lo * 2 < chars.len() {
        format!("{}“{}”没有印在排好的版面上。", p.what, excerpt(needle))
    } else {
        let cut = chars.get(lo).map_or(needle.len(), |&(b, _)| b);
        format!(
            "{}没有完整地印在排好的版面上：从“{}”起的 {} 个字不见了。",
            p.what,
            excerpt(&needle[cut..]),
            chars.len() - lo
        )
    };
    breach(p, file, message, custom)
}

/// E-LAYOUT for glyphs off the paper, whatever they are (a watermark, a
/// page number, a template's own text), but those of a report's text, which
/// are named with their text: one finding per page.
fn off_paper(
    doc: &PagedDocument,
    glyphs: &[Glyph],
    claimed: &[bool],
    file: &str,
    custom: bool,
) -> Vec<Diagnostic> {
    let paper = glyphs::paper(doc);
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for (g, _) in glyphs.iter().zip(claimed).filter(|(_, &c)| !c) {
        let Some(&(w, h)) = paper.get(g.page - 1) else {
            continue;
        };
        let off = g.x0 < -SLACK || g.y0 < -SLACK || g.x1 > w + SLACK || g.y1 > h + SLACK;
        if off && !seen.contains(&g.page) {
            seen.push(g.page);
            let text: String = glyphs
                .iter()
                .filter(|o| o.page == g.page && (o.y0 - g.y0).abs() < 1.0)
                .map(|o| o.text.as_str())
                .collect();
            let p = Printed {
                what: format!("第{}页的“{}”", g.page, text.trim()),
                pos: None,
                text,
            };
            out.push(breach(
                &p,
                file,
                format!("{}有字排到了纸张以外，印出来会缺字。", p.what),
                custom,
            ));
        }
    }
    out
}

fn breach(p: &Printed, file: &str, message: String, custom: bool) -> Diagnostic {
    let hint = if custom {
        "请检查自定义模板（--template-dir）中排这一部分的地方：版面上的每个字都要在版心之内；去掉 --template-dir 可用内置模板生成。"
    } else {
        "这是 gxreport 的排版缺陷，不是数据的问题：请把数据文件和这条信息发给 gxreport 的维护者。"
    };
    Diagnostic {
        hint: Some(hint.into()),
        ..Diagnostic::error("E-LAYOUT", file, p.pos, message)
    }
}
