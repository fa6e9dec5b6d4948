//! Text preparation before Typst: what keeps the body on the GB/T 9704 grid
//! (28 full cells a line) and inside its box.
//!
//! Typst 0.15 compresses full-width punctuation (at a line start, at a line
//! end, between neighbours, and when it shrinks a justified line), and has no
//! switch to turn that off. So every full-width mark reaches the template as
//! a [`Seg::Mark`], which the style prints in a box exactly one cell wide: a
//! box is never compressed or hung. The 禁则 (no closing mark at a line start,
//! no opening mark at a line end, —— and …… never split) are kept by putting
//! a mark and the character it must stay with in one unbreakable
//! [`Seg::Group`]; long Latin tokens get [`Seg::Break`] opportunities. Both
//! print nothing and add nothing to the PDF's text (a U+2060 word joiner or
//! U+200B would: Typst maps them into the copied text).
//!
//! Also here, in submodules: which marks the 禁则 bind and where their ink
//! sits (`marks.rs`), the break points of Latin tokens (`latin.rs`), the
//! automatic title broken at word boundaries and the number a clerk typed in
//! front of an item heading, which the layout numbers itself (`headings.rs`).

use serde::Serialize;

mod headings;
mod latin;
mod marks;

pub use headings::{break_title, typed_number};
use latin::{breakable_tokens, is_token_char};
pub use marks::{mark_align, no_line_end, no_line_start};

/// A piece of a prepared paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Seg {
    /// Plain text.
    Text(String),
    /// One full-width mark in a cell of its own (`align`: where its ink sits).
    Mark { p: String, align: &'static str },
    /// Pieces that no line break may separate.
    Group { group: Vec<Seg> },
    /// A line break opportunity that prints nothing.
    Break { brk: bool },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Char(char),
    Brk,
}

/// Prepare one paragraph: full-width marks in cells, each kept with the
/// neighbour the 禁则 bind it to; long Latin tokens breakable; stray line
/// separators and no-break spaces between Chinese characters dropped (see
/// [`normalise`]).
pub fn prepare(s: &str) -> Vec<Seg> {
    let units = breakable_tokens(&normalise(s));
    let n = units.len();
    // glue[i]: no break between units[i] and units[i + 1].
    let mut glue = vec![false; n.saturating_sub(1)];
    for i in 0..n.saturating_sub(1) {
        if let (Unit::Char(a), Unit::Char(b)) = (units[i], units[i + 1]) {
            glue[i] = no_line_start(b) || no_line_end(a) || (matches!(a, '—' | '…') && a == b);
        }
    }
    // A glued Latin character pulls in its whole token (up to a break point):
    // a break before the group would otherwise part “gov.c|n，”.
    let latin = |i: usize| matches!(units[i], Unit::Char(c) if is_token_char(c));
    for i in 0..glue.len() {
        if glue[i] {
            let mut j = i;
            while j > 0 && latin(j) && latin(j - 1) {
                glue[j - 1] = true;
                j -= 1;
            }
            let mut k = i + 1;
            while k + 1 < n && latin(k) && latin(k + 1) {
                glue[k] = true;
                k += 1;
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let start = i;
        while i + 1 < n && glue[i] {
            i += 1;
        }
        let piece = segs(&units[start..=i]);
        let has_mark = piece.iter().any(|s| matches!(s, Seg::Mark { .. }));
        if i > start && has_mark && piece.len() > 1 {
            out.push(Seg::Group { group: piece });
        } else {
            out.extend(piece);
        }
        i += 1;
    }
    merge_text(out)
}

/// Units as segments: runs of characters as text, marks as cells.
fn segs(units: &[Unit]) -> Vec<Seg> {
    let mut out = Vec::new();
    for u in units {
        match *u {
            Unit::Brk => out.push(Seg::Break { brk: true }),
            Unit::Char(c) => match mark_align(c) {
                Some(align) => out.push(Seg::Mark {
                    p: c.to_string(),
                    align,
                }),
                None => match out.last_mut() {
                    Some(Seg::Text(t)) => t.push(c),
                    _ => out.push(Seg::Text(c.to_string())),
                },
            },
        }
    }
    out
}

/// Adjacent text segments joined.
fn merge_text(segs: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    for s in segs {
        match (out.last_mut(), s) {
            (Some(Seg::Text(a)), Seg::Text(b)) => a.push_str(&b),
            (_, s) => out.push(s),
        }
    }
    out
}

/// Characters pasted from Word that change the layout without meaning to:
/// U+2028/U+2029 (a forced line break inside a paragraph) are dropped; a
/// no-break space between two Chinese characters is dropped, elsewhere it
/// becomes an ordinary space.
pub fn normalise(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\u{2028}' | '\u{2029}' => {}
            '\u{00A0}' | '\u{202F}' | '\u{2007}' => {
                let wide = |c: Option<&char>| c.is_some_and(|&c| crate::report::prose::is_wide(c));
                let (before, after) = (
                    i.checked_sub(1).and_then(|j| chars.get(j)),
                    chars.get(i + 1),
                );
                if !(wide(before) || wide(after)) {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether `s` holds a character [`normalise`] changes.
pub fn needs_normalising(s: &str) -> bool {
    s.contains(['\u{2028}', '\u{2029}', '\u{00A0}', '\u{202F}', '\u{2007}'])
}

/// The text of prepared segments, as printed.
pub fn plain(segs: &[Seg]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Text(t) => t.clone(),
            Seg::Mark { p, .. } => p.clone(),
            Seg::Group { group } => plain(group),
            Seg::Break { .. } => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
