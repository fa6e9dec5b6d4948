//! `gxreport watch data.yaml -o draft.pdf`: rebuild the PDF on every save.

use std::path::Path;
use std::process::ExitCode;

use gxreport::live::{seconds, FileWatch, Rebuilder};
use gxreport::Export;

use super::{CommonArgs, OutputFormat, StandardArg, WatchArgs};

/// The pipeline loaded once and the watch on the input's folder: what both
/// `watch` and `preview` start from.
pub fn start(
    common: &CommonArgs,
    standards: &[StandardArg],
    input: &Path,
    final_only: bool,
) -> Result<(Rebuilder, FileWatch), ExitCode> {
    let pipeline = common.pipeline(standards)?;
    if let Some(line) = super::fonts::fallback_line(&pipeline.fonts) {
        eprintln!("{line}");
    }
    let mut rebuilder = Rebuilder::new(input, pipeline);
    if final_only {
        rebuilder = rebuilder.final_only();
    }
    let watch = FileWatch::new(input).map_err(|message| super::fail(&message))?;
    Ok((rebuilder, watch))
}

/// Said when an unfinished file is shown as a draft.
pub const DRAFT_NOTE: &str = "文件中还有待填写的内容（见上），先按征求意见稿生成（带水印）；都填好后自动生成正式版。只要正式版请加 --final。";

pub fn run(args: &WatchArgs) -> ExitCode {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.input.with_extension("pdf"));
    // watch writes a PDF: any other name would hold PDF bytes under a false name.
    if !output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return super::fail(&format!(
            "watch 只生成 PDF：请把输出文件“{}”改为 .pdf 文件（网页和图像请用 gxreport build）。",
            output.display()
        ));
    }
    let (rebuilder, watch) = match start(
        &args.common,
        &args.pdf_standard,
        &args.input,
        args.final_only,
    ) {
        Ok(started) => started,
        Err(code) => return code,
    };
    // Typesetting needs a bigger stack than the main thread's.
    let rebuild = || gxreport::batch::with_big_stack(|| rebuild(&rebuilder, &output));
    rebuild();
    eprintln!(
        "正在监视 {}：每次保存后自动重新生成 {}。按 Ctrl+C 结束。",
        args.input.display(),
        output.display()
    );
    while let Some(change) = watch.wait() {
        match change {
            Ok(()) => {
                eprintln!(
                    "—— {} {} 已修改，重新生成 ——",
                    gxreport::live::clock(),
                    args.input.display()
                );
                rebuild();
            }
            Err(message) => eprintln!("{message}"),
        }
    }
    ExitCode::SUCCESS
}

/// One rebuild: findings first, then the PDF (written atomically, so the
/// last good one stays in place when this one fails).
fn rebuild(rebuilder: &Rebuilder, output: &Path) {
    let outcome = rebuilder.rebuild(&[Export::Pdf]);
    let file = rebuilder.input().display().to_string();
    if !outcome.findings.is_empty() {
        super::report_problems(
            &outcome.findings,
            outcome.source.as_deref(),
            &file,
            OutputFormat::Human,
        );
        eprintln!("{}", super::check::summary(&outcome.findings));
    }
    let Some(pdf) = outcome
        .outputs
        .into_iter()
        .next()
        .and_then(|a| a.files.into_iter().next())
    else {
        if output.exists() {
            eprintln!(
                "未更新 {}：请修改上述问题后保存，上次生成的 PDF 保留不变。",
                output.display()
            );
        } else {
            eprintln!("未生成 {}：请修改上述问题后保存。", output.display());
        }
        return;
    };
    if outcome.as_draft {
        eprintln!("{DRAFT_NOTE}");
    }
    match gxreport::output::write_atomic(output, &pdf) {
        Ok(()) => eprintln!(
            "{} 已生成 {}（用时 {}）",
            gxreport::live::clock(),
            output.display(),
            seconds(outcome.elapsed)
        ),
        Err(message) => eprintln!("错误：{message}"),
    }
}
