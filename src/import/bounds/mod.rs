//! Bounds on what one published file may cost, whatever its format: the
//! time it may take, the text it may hold, how deep its elements may nest
//! and how large a table's grid may grow. Published files come from
//! hundreds of portals (truncated downloads, broken converters, now and
//! then one made to do harm); a file past a bound is refused by name as
//! probably damaged, and a run over many files goes on with the others.
//!
//! Every limit is far above any real report (docs/import.md gives the
//! largest real ones measured). [`guard`] runs one file's read inside the
//! time budget and turns a dependency's panic into a refusal; [`markup`]
//! bounds a web page's nesting and tags, [`xml`] Word's XML, [`package`]
//! the files a Word package holds. The PDF's own bounds (streams, objects,
//! pages, forms) are in `pdf/bounds.rs`.

pub mod guard;
pub mod markup;
pub mod package;
pub mod xml;

use std::cell::{Cell, RefCell};
use std::time::{Duration, Instant};

use super::doc::{Block, Doc};
use super::Refusal;

/// Time one file may take to read and recognise. A real report takes well
/// under a second (a debug build included); a file still running at this
/// point is left behind and the run goes on.
pub const MAX_SECONDS: u64 = 60;
/// Characters of text (paragraphs and cells) one document may hold: a real
/// report holds ten to twenty thousand, and `check` lays out what it reads
/// (900,000 characters took 48 s and 600 MB).
pub const MAX_TEXT_CHARS: usize = 300_000;
/// Paragraphs a document may have; a report has a few hundred.
pub const MAX_PARAGRAPHS: usize = 100_000;
/// Table rows a document may have, all tables together; a report's
/// tables have some seventy.
pub const MAX_TABLE_ROWS: usize = 20_000;
/// Lines a text file may have; a report copied as text has a few hundred.
pub const MAX_LINES: usize = 200_000;
/// How deep elements may nest in a web page or Word's XML; real ones nest
/// a few dozen deep (browsers stop nesting at 512).
pub const MAX_DEPTH: usize = 1_000;
/// Slots of one table's grid (rows × columns after spans); the official
/// tables have a few hundred.
pub const MAX_TABLE_SLOTS: usize = 1_000_000;

/// What a clerk is told to do with a refused file.
pub const HINT: &str =
    "请重新下载或向发布单位索取完整的文件；也可以改用报告的另一种格式（PDF、Word 文档或网页）。";

/// A refusal for a file past a bound: what was too large or too deep.
pub fn refused(what: &str) -> Refusal {
    Refusal {
        message: format!("{what}，不像是一份年度报告：文件可能已损坏，或是有意构造的。"),
        hint: HINT,
    }
}

thread_local! {
    /// When the file read on this thread must be given up.
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    /// A bound met where a reader has no way to say so (a table's grid,
    /// a web page embedded in a Word document): told by [`check_doc`].
    static PENDING: RefCell<Option<Refusal>> = const { RefCell::new(None) };
}

/// Start the time budget of the file read on this thread.
pub(crate) fn start_clock(budget: Duration) {
    DEADLINE.with(|d| d.set(Instant::now().checked_add(budget)));
    PENDING.with(|p| *p.borrow_mut() = None);
}

/// A table's grid reached [`MAX_TABLE_SLOTS`] and was cut short there.
pub(crate) fn grid_overflowed() {
    refuse_later(too_wide());
}

/// Refuse the file read on this thread once its reader is done (the first
/// bound met is told).
pub(crate) fn refuse_later(refusal: Refusal) {
    PENDING.with(|p| {
        p.borrow_mut().get_or_insert(refusal);
    });
}

/// Whether the file read on this thread has used up its time: long loops
/// of the readers ask, so a file past its budget stops itself.
pub fn out_of_time() -> bool {
    DEADLINE.with(|d| d.get().is_some_and(|at| Instant::now() >= at))
}

/// The refusal for a file past its time budget.
pub fn too_slow(seconds: u64) -> Refusal {
    refused(&format!("读取超过 {seconds} 秒仍未完成"))
}

fn too_wide() -> Refusal {
    refused(&format!(
        "有一个表格合并单元格后超过 {} 万个格子",
        MAX_TABLE_SLOTS / 10_000
    ))
}

fn too_long() -> Refusal {
    refused(&format!("文字超过 {} 万字", MAX_TEXT_CHARS / 10_000))
}

/// Refuse a text file past [`MAX_TEXT_CHARS`] or [`MAX_LINES`] before its
/// lines are read (each line costs a paragraph: fifteen million took 3 GB,
/// two million 600 MB and 8 s).
pub fn check_text(text: &str) -> Result<(), Refusal> {
    if text.len() > MAX_LINES && text.bytes().filter(|b| *b == b'\n').count() >= MAX_LINES {
        return Err(refused(&format!("文本超过 {} 万行", MAX_LINES / 10_000)));
    }
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        return Err(too_long());
    }
    Ok(())
}

/// Refuse a document whose text or tables are past the bounds.
pub fn check_doc(doc: &Doc) -> Result<(), Refusal> {
    if let Some(refusal) = PENDING.with(|p| p.borrow_mut().take()) {
        return Err(refusal);
    }
    let (mut chars, mut paragraphs, mut rows) = (0usize, 0usize, 0usize);
    for block in &doc.blocks {
        match block {
            Block::Para(p) => {
                chars += p.text.chars().count();
                paragraphs += 1;
            }
            Block::Table(t) => {
                chars += t.texts().map(|s| s.chars().count()).sum::<usize>();
                rows += t.rows.len();
            }
        }
    }
    // The recogniser reads every paragraph and row against the official
    // labels: 150,000 rows took 17 s.
    if paragraphs > MAX_PARAGRAPHS {
        return Err(refused(&format!(
            "段落超过 {} 万段",
            MAX_PARAGRAPHS / 10_000
        )));
    }
    if rows > MAX_TABLE_ROWS {
        return Err(refused(&format!(
            "表格合计超过 {} 万行",
            MAX_TABLE_ROWS / 10_000
        )));
    }
    if chars > MAX_TEXT_CHARS {
        return Err(too_long());
    }
    if out_of_time() {
        return Err(too_slow(MAX_SECONDS));
    }
    Ok(())
}
