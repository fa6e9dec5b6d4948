//! The collecting of problems found while reading single values: they are
//! reported together after parsing, not raised one by one; and the message
//! for a key the format does not know.

use serde_saphyr::Spanned;

use crate::diagnostic::{suggest, Severity};
use crate::report::prose::pos;
use crate::report::Pos;

// Problems with single values are collected, not raised, so that one run
// reports all of them; `load_str` drains the list.
thread_local! {
    static DEFERRED: std::cell::RefCell<Vec<Deferred>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A problem found while reading a value, to be reported with the rest.
pub(in crate::report) struct Deferred {
    pub severity: Severity,
    pub code: &'static str,
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

pub(super) fn defer(code: &'static str, pos: Pos, message: String, hint: Option<String>) {
    push_deferred(Severity::Error, code, pos, message, hint);
}

/// A warning found while reading: the value was read, and how is explained.
pub(super) fn warn(code: &'static str, pos: Pos, message: String, hint: Option<String>) {
    push_deferred(Severity::Warning, code, pos, message, hint);
}

fn push_deferred(
    severity: Severity,
    code: &'static str,
    pos: Pos,
    message: String,
    hint: Option<String>,
) {
    DEFERRED.with(|d| {
        d.borrow_mut().push(Deferred {
            severity,
            code,
            pos,
            message,
            hint,
        })
    });
}

/// Take the problems collected since the last call.
pub(in crate::report) fn take_deferred() -> Vec<Deferred> {
    DEFERRED.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

/// Report a key that the format does not know, with a suggestion; the
/// caller skips its value.
pub(super) fn unknown_key<'a>(
    key: &Spanned<String>,
    known: impl Iterator<Item = (&'a str, &'a str)>,
) {
    let at = pos(key);
    let key = key.value.as_str();
    if key.contains('\u{3000}') {
        defer(
            "E-KEY",
            at,
            crate::diagnostic::full_width_indent(key),
            Some(
                "YAML 的缩进只能用半角空格：请把全角空格“　”换成两个半角空格（与同一层的键对齐）。"
                    .into(),
            ),
        );
        return;
    }
    let known: Vec<(&str, &str)> = known.collect();
    let list = known
        .iter()
        .map(|(k, l)| format!("{k}（{l}）"))
        .collect::<Vec<_>>()
        .join("、");
    let (message, hint) = match suggest(key, known.iter().map(|(k, _)| *k)) {
        Some(best) => {
            let label = known
                .iter()
                .find(|(k, _)| *k == best)
                .map(|(_, l)| *l)
                .unwrap_or_default();
            (
                format!("未知的键“{key}”。是不是要写“{best}”（{label}）？"),
                format!("这里可以填写的键有：{list}。"),
            )
        }
        None => (
            format!("未知的键“{key}”。"),
            format!("这里可以填写的键有：{list}。"),
        ),
    };
    defer("E-KEY", at, message, Some(hint));
}
