//! The file being loaded, while serde-saphyr parses it: its normalised text
//! and the map back to the columns of the file as written.

use std::cell::RefCell;

use super::Normalised;
use crate::diagnostic::Pos;

// The normalised → original column map of the file being loaded, for the
// positions serde-saphyr reports while parsing the normalised text.
thread_local! {
    static CURRENT: RefCell<Option<Normalised>> = const { RefCell::new(None) };
}

/// Make `n` the text and map used by [`original`] and [`source_at`] until [`clear`].
pub(in crate::report) fn set_current(n: &Normalised) {
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Normalised {
            text: n.text.clone(),
            hazards: Vec::new(),
            removed: n.removed.clone(),
        })
    });
}

/// The text being parsed from the start of a node on (empty when unknown),
/// for what serde does not tell: was a value quoted, is a list coming.
pub(super) fn source_at<R>(at: &serde_saphyr::Location, f: impl FnOnce(&str) -> R) -> R {
    CURRENT.with(|c| {
        let c = c.borrow();
        let text = c.as_ref().map_or("", |n| n.text.as_str());
        let start = at.span().byte_offset().unwrap_or(u64::MAX) as usize;
        f(text.get(start..).unwrap_or(""))
    })
}

/// Whether the scalar at `at` was written in quotes.
pub(in crate::report) fn quoted(at: &serde_saphyr::Location) -> bool {
    source_at(at, |s| s.starts_with(['"', '\'']))
}

/// Whether the value after the key at `key` is a list (`[…]` or `- ` lines).
pub(in crate::report) fn list_follows(key: &serde_saphyr::Location) -> bool {
    source_at(key, |s| {
        let len = key.span().byte_len().unwrap_or(0) as usize;
        let Some(after) = s.get(len..) else {
            return false;
        };
        let after = after.trim_start_matches(['"', '\'']).trim_start();
        let Some(after) = after.strip_prefix(':') else {
            return false;
        };
        let rest = after.trim_start_matches([' ', '\t']);
        if rest.starts_with('[') {
            return true;
        }
        // A block list on the following lines.
        rest.starts_with(['\n', '\r', '#'])
            && rest
                .lines()
                .skip(1)
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .is_some_and(|l| l == "-" || l.starts_with("- "))
    })
}

pub(in crate::report) fn clear() {
    CURRENT.with(|c| *c.borrow_mut() = None);
}

/// A parser position as a position in the file the clerk wrote.
pub(in crate::report) fn original(p: Pos) -> Pos {
    CURRENT.with(|c| c.borrow().as_ref().map_or(p, |n| n.original(p)))
}
