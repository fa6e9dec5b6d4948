//! `gxreport watch data.yaml -o draft.pdf`: rebuild the PDF on every save.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use gxreport::live::{seconds, FileWatch, Rebuilder};

use super::{CommonArgs, OutputFormat};

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// 报告数据文件（YAML）/ The report's YAML data file
    pub input: PathBuf,

    /// 输出的 PDF 文件；默认与输入同名、扩展名为 .pdf / Output PDF; defaults to the input's name with .pdf
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub live: CommonArgs,
}

/// Templates and fonts loaded once, and the watch on the input's folder:
/// what both `watch` and `preview` start from.
pub fn start(common: &CommonArgs, input: &Path) -> Result<(Rebuilder, FileWatch), ExitCode> {
    let templates = common.templates()?;
    let fonts = gxreport::typeset::fonts::for_options(&common.fonts.options());
    if let Some(line) = super::fonts::fallback_line(&fonts) {
        eprintln!("{line}");
    }
    let mut rebuilder = Rebuilder::new(input, templates, fonts);
    rebuilder.allow_inconsistent = common.allow_inconsistent;
    let watch = FileWatch::new(input).map_err(|message| {
        eprintln!("错误：{message}");
        ExitCode::from(2)
    })?;
    Ok((rebuilder, watch))
}

pub fn run(args: &WatchArgs) -> ExitCode {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.input.with_extension("pdf"));
    let (rebuilder, watch) = match start(&args.live, &args.input) {
        Ok(started) => started,
        Err(code) => return code,
    };
    rebuild(&rebuilder, &output, &args.live.options());
    eprintln!(
        "正在监视 {}：每次保存后自动重新生成 {}。按 Ctrl+C 结束。",
        args.input.display(),
        output.display()
    );
    while let Some(change) = watch.wait() {
        match change {
            Ok(()) => {
                eprintln!("—— {} 已修改，重新生成 ——", args.input.display());
                rebuild(&rebuilder, &output, &args.live.options());
            }
            Err(message) => eprintln!("{message}"),
        }
    }
    ExitCode::SUCCESS
}

/// One rebuild: findings first, then the PDF (written atomically, so the
/// last good one stays in place when this one fails).
fn rebuild(rebuilder: &Rebuilder, output: &Path, options: &gxreport::render::view::Options) {
    let start = Instant::now();
    let outcome = rebuilder.rebuild(|r, t, f| gxreport::make_pdf(r, t, f, options, &[]));
    let input = rebuilder.input();
    if !outcome.findings.is_empty() {
        super::report_problems(&outcome.findings, input, OutputFormat::Human);
        eprintln!("{}", super::check::summary(&outcome.findings));
    }
    for e in &outcome.typeset_errors {
        eprintln!("{e}");
    }
    let Some(pdf) = outcome.output else {
        eprintln!(
            "未更新 {}：请修改上述问题后保存，上次生成的 PDF 保留不变。",
            output.display()
        );
        return;
    };
    match gxreport::output::write_atomic(output, &pdf) {
        Ok(()) => eprintln!(
            "已生成 {}（用时 {}）",
            output.display(),
            seconds(start.elapsed())
        ),
        Err(message) => eprintln!("错误：{message}"),
    }
}
