//! `gxreport preview data.yaml [--open]`: the pages and findings in a browser,
//! refreshed on every save.

use std::process::ExitCode;
use std::sync::Arc;

use gxreport::live::preview::{self, Preview};
use gxreport::live::{seconds, Rebuilder};

use super::{OutputFormat, PreviewArgs, StandardArg};

pub fn run(args: &PreviewArgs) -> ExitCode {
    let (rebuilder, watch) = match super::watch::start(
        &args.common,
        &[StandardArg::A2b],
        &args.input,
        args.final_only,
    ) {
        Ok(started) => started,
        Err(code) => return code,
    };
    let (listener, port) = match preview::bind(args.port) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
    };
    let url = format!("http://127.0.0.1:{port}/");
    // The address alone on standard output, for scripts.
    println!("{url}");
    eprintln!(
        "预览地址：{url}（只有本机能访问；保存 {} 后页面自动刷新；按 Ctrl+C 结束）",
        args.input.display()
    );
    let name = args.input.file_name().map_or_else(
        || args.input.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let preview = Preview::new(&name);
    if args.open {
        open_browser(&url);
    }
    let shown = Arc::clone(&preview);
    let output = args.output.clone();
    // Typesetting needs a bigger stack than a spawned thread's default.
    let spawned = std::thread::Builder::new()
        .stack_size(gxreport::typeset::STACK_SIZE)
        .spawn(move || {
            let mut shown_before = false;
            rebuild(&rebuilder, &shown, output.as_deref(), &mut shown_before);
            while let Some(change) = watch.wait() {
                match change {
                    Ok(()) => rebuild(&rebuilder, &shown, output.as_deref(), &mut shown_before),
                    Err(message) => eprintln!("{message}"),
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("错误：无法启动预览：{e}");
        return ExitCode::from(2);
    }
    preview.serve(listener);
    ExitCode::SUCCESS
}

fn rebuild(
    rebuilder: &Rebuilder,
    preview: &Preview,
    pdf: Option<&std::path::Path>,
    shown_before: &mut bool,
) {
    let mut exports = vec![preview::EXPORT];
    if pdf.is_some() {
        exports.push(gxreport::Export::Pdf);
    }
    let outcome = rebuilder.rebuild(&exports);
    let file = rebuilder.input().display().to_string();
    super::report_problems(
        &outcome.findings,
        outcome.source.as_deref(),
        &file,
        OutputFormat::Human,
    );
    let pages = outcome.outputs.first().map(|a| a.pages);
    if let (Some(path), Some(artifact)) = (pdf, outcome.outputs.get(1)) {
        let bytes = artifact.files.first().map_or(&[][..], Vec::as_slice);
        match gxreport::output::write_atomic(path, bytes) {
            Ok(()) => eprintln!("{} 已生成 {}", gxreport::live::clock(), path.display()),
            Err(message) => eprintln!("错误：{message}"),
        }
    }
    preview.publish(&outcome);
    match pages {
        Some(n) => {
            *shown_before = true;
            eprintln!(
                "{} 已更新预览：共 {n} 页（用时 {}）",
                gxreport::live::clock(),
                seconds(outcome.elapsed)
            );
            if outcome.as_draft {
                eprintln!("{}", super::watch::DRAFT_NOTE);
            }
        }
        None if *shown_before => {
            eprintln!("未更新页面：请修改上述问题后保存，预览中保留上次生成的页面。")
        }
        None => eprintln!("还没有可显示的页面：请修改上述问题后保存。"),
    }
}

/// Hand the address to the desktop's browser; failing that, say so.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let started = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        eprintln!("无法自动打开浏览器（{e}），请手动打开上面的地址。");
    }
}
