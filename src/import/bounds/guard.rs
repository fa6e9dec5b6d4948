//! One file's read at the file's boundary: on a thread of its own (a stack
//! deep enough for the parsers' recursion, a panic contained to it), within
//! the time budget. A dependency that panics on a malformed file is named
//! in a refusal instead of printing a backtrace; a file still being read
//! when its time is up is left behind and the run goes on with the next.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Once;
use std::time::Duration;

use crate::diagnostic::Diagnostic;

/// Stack of the reading thread: parsers recurse per nesting level (the
/// nesting is bounded, [`super::MAX_DEPTH`]); reserved, not used, memory.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Libraries whose panics are told as a damaged file even outside a guarded
/// read (the PDF reader catches them itself).
const QUIET: [&str; 6] = [
    "pdf-extract",
    "lopdf",
    "adobe-cmap",
    "cff-parser",
    "type1-encoding",
    "postscript",
];

thread_local! {
    /// Whether this thread is reading one file inside [`run`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The component the last panic on this thread came from.
    static PANICKED_IN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keep panics of a guarded read (and of the PDF libraries) off the
/// clerk's screen, remembering where they came from; every other panic
/// prints as before.
pub fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let file = info.location().map(|l| l.file()).unwrap_or("");
            let from = component(file);
            PANICKED_IN.with(|p| *p.borrow_mut() = Some(from.clone()));
            let library = QUIET.iter().any(|l| file.contains(l));
            if !GUARDED.with(Cell::get) && !library {
                previous(info);
            }
        }));
    });
}

/// The component a source path belongs to: a crate's name (without its
/// version) for a dependency, “gxreport” for this crate.
pub fn component(path: &str) -> String {
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    // Cargo's registry: …/registry/src/<index>/<name>-<version>/src/…
    if let Some(i) = parts.windows(2).position(|w| w == ["registry", "src"]) {
        if let Some(dir) = parts.get(i + 3) {
            return match dir.rsplit_once('-') {
                Some((name, version)) if version.starts_with(|c: char| c.is_ascii_digit()) => {
                    // A pre-release or build suffix: name-1.0.0-beta
                    match name.rsplit_once('-') {
                        Some((n, v)) if v.starts_with(|c: char| c.is_ascii_digit()) => n,
                        _ => name,
                    }
                    .to_string()
                }
                _ => dir.to_string(),
            };
        }
    }
    if path.starts_with("/rustc/") || parts.contains(&"library") {
        return "Rust 标准库".to_string();
    }
    if path.starts_with("src/") || path.contains("gxreport") {
        return "gxreport".to_string();
    }
    "未知组件".to_string()
}

/// The component of the last panic caught on this thread, if any.
pub fn last_panic() -> Option<String> {
    PANICKED_IN.with(|p| p.borrow().clone())
}

fn fail(file: &str, message: String, hint: &str) -> Vec<Diagnostic> {
    vec![Diagnostic {
        hint: Some(hint.to_string()),
        ..Diagnostic::error("E-IMPORT", file, None, message)
    }]
}

/// Read one file with `read` on a thread of its own within `budget`: its
/// panic is told as a refusal naming the component, its overrun as one
/// naming the budget.
pub fn run<T: Send + 'static>(
    file: &str,
    budget: Duration,
    read: impl FnOnce() -> Result<T, Vec<Diagnostic>> + Send + 'static,
) -> Result<T, Vec<Diagnostic>> {
    quiet_panics();
    let (tx, rx) = mpsc::channel();
    let guarded = move || {
        GUARDED.with(|g| g.set(true));
        PANICKED_IN.with(|p| *p.borrow_mut() = None);
        super::start_clock(budget);
        let result = catch_unwind(AssertUnwindSafe(read)).map_err(|_| last_panic());
        // The receiver is gone when the budget ran out first: nothing to tell.
        let _ = tx.send(result);
    };
    let spawned = std::thread::Builder::new()
        .name("gxreport-read".into())
        .stack_size(STACK_BYTES)
        .spawn(guarded);
    if spawned.is_err() {
        // No thread to be had (a limit on them): told, the run goes on.
        return Err(fail(
            file,
            "系统资源不足，无法开始读取这份文件。".into(),
            "请关闭其他程序后重试。",
        ));
    }
    // A little grace: a read that checks the clock stops itself in time.
    match rx.recv_timeout(budget + Duration::from_secs(2)) {
        Ok(Ok(result)) => result,
        Ok(Err(from)) => {
            let from = from.unwrap_or_else(|| "未知组件".to_string());
            Err(fail(
                file,
                format!("读取时组件 {from} 出错中止，文件可能已损坏。"),
                "请重新下载或改用报告的另一种格式（PDF、Word 文档或网页）；如果文件在其他软件中能正常打开，请把它报告给 gxreport 的维护者。",
            ))
        }
        Err(_) => {
            let r = super::too_slow(budget.as_secs().max(1));
            Err(fail(file, r.message, r.hint))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_panic_is_told_with_the_component_it_came_from() {
        let err = run::<()>("坏.pdf", Duration::from_secs(5), || {
            panic!("inside");
        })
        .unwrap_err();
        assert_eq!(
            err[0].message,
            "读取时组件 gxreport 出错中止，文件可能已损坏。"
        );
        assert_eq!(
            component("/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/lopdf-0.42.0/src/reader.rs"),
            "lopdf"
        );
        assert_eq!(
            component("/home/x/.cargo/registry/src/idx/pdf-extract-0.12.1/src/lib.rs"),
            "pdf-extract"
        );
    }

    #[test]
    fn a_read_past_its_budget_is_left_behind_and_told() {
        let started = Instant::now();
        let err = run::<()>("慢.html", Duration::from_secs(1), || {
            // A read that never asks the clock (a parser's own loop).
            std::thread::sleep(Duration::from_secs(30));
            Ok(())
        })
        .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(
            err[0].message,
            "读取超过 1 秒仍未完成，不像是一份年度报告：文件可能已损坏，或是有意构造的。"
        );
    }
}
