//! A page laid out: its tables and its lines of running text, the margins
//! and line pitch of the whole document, and the paragraphs rebuilt from
//! indents, short lines and gaps, in reading order.

use std::collections::BTreeMap;

use super::super::doc::{Block, Doc, Para, Place, Table};
use super::collect::{Ch, Page};
use super::grid::{ruled_table, table_groups};
use super::join::join_continued;
use super::lines::{is_page_number, lines, Line};

/// The blocks of one page in reading order.
/// A page cut into its tables (with their tops) and its lines of running text.
pub(super) struct Laid {
    tables: Vec<(f64, Table)>,
    lines: Vec<Line>,
}

pub(super) fn lay_out(page: &Page) -> Laid {
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
pub(super) struct Margins {
    left: f64,
    right: f64,
    pitch: f64,
}

pub(super) fn margins(pages: &[Laid]) -> Margins {
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
    // The left edge is where continued lines of running text start: the
    // leftmost place many lines start. (The most common start would be the
    // first-line indent in a report of short paragraphs and items, and every
    // item would then run on into the paragraph before it.)
    let left = {
        let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
        for l in &all {
            *counts.entry(l.x.round() as i64).or_default() += 1;
        }
        let enough = (all.len() / 20).max(2);
        counts
            .iter()
            .find(|(_, n)| **n >= enough)
            .map(|(v, _)| *v as f64)
            .unwrap_or_else(|| mode(all.iter().map(|l| l.x).collect()))
    };
    Margins {
        left,
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
pub(super) fn page_blocks(page: Laid, number: usize, m: &Margins, doc: &mut Doc, open: &mut bool) {
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
    // The tail of the previous page's last paragraph, if the page opens with
    // one: a clerk counts it as the page's first paragraph.
    let mut carried = false;
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
                carried = true;
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
                at: Place(format!("第{number}页第{}段", n + 1 + usize::from(carried))),
            }),
        ));
    }
    placed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut placed = placed.into_iter().map(|(_, b)| b).peekable();
    // A table at the top of the page may go on from the previous page's last.
    if let (Some(Block::Table(next)), Some(Block::Table(prev))) =
        (placed.peek(), doc.blocks.last_mut())
    {
        if join_continued(prev, next, number) {
            placed.next();
        }
    }
    doc.blocks.extend(placed);
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
