//! `gxreport watch data.yaml -o draft.pdf`: rebuild the PDF on every save.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use gxreport::live::{seconds, FileWatch, Rebuilder};
use gxreport::render::Templates;

use super::{FontArgs, OutputFormat};

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// 报告数据文件（YAML）/ The report's YAML data file
    pub input: PathBuf,

    /// 输出的 PDF 文件；默认与输入同名、扩展名为 .pdf / Output PDF; defaults to the input's name with .pdf
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub live: LiveArgs,
}

/// What watch and preview share with build.
#[derive(Args, Debug)]
pub struct LiveArgs {
    /// 用此文件夹中的 report.typ.j2 或 style.typ 替换内置模板 / Use report.typ.j2 or style.typ from this folder instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,

    /// 数据有勾稽关系错误时仍然生成 / Build even when the figures break the consistency rules
    #[arg(long)]
    pub allow_inconsistent: bool,

    /// 征求意见稿：每页加斜向水印（默认“征求意见稿”）/ Draft: a diagonal watermark on every page (default “征求意见稿”)
    #[arg(long, value_name = "TEXT", num_args = 0..=1, default_missing_value = "征求意见稿")]
    pub draft: Option<String>,

    #[command(flatten)]
    pub fonts: FontArgs,
}

impl LiveArgs {
    /// The draft mark and metadata the rebuilds apply.
    pub fn options(&self) -> gxreport::render::view::Options {
        gxreport::render::view::Options {
            draft: self.draft.clone(),
            ..Default::default()
        }
    }

    /// Templates and fonts, loaded once for all rebuilds.
    pub fn rebuilder(&self, input: &Path) -> Result<Rebuilder, ExitCode> {
        let templates = match &self.template_dir {
            None => Templates::embedded(),
            Some(dir) => Templates::with_overrides(dir).map_err(|e| {
                eprintln!(
                    "错误：无法读取模板文件夹“{}”：{}",
                    dir.display(),
                    gxreport::diagnostic::io_reason(&e)
                );
                ExitCode::from(2)
            })?,
        };
        let fonts = gxreport::typeset::fonts::for_options(&self.fonts.options());
        if let Some(line) = super::fonts::fallback_line(&fonts) {
            eprintln!("{line}");
        }
        let mut rebuilder = Rebuilder::new(input, templates, fonts);
        rebuilder.allow_inconsistent = self.allow_inconsistent;
        Ok(rebuilder)
    }
}

pub fn run(args: &WatchArgs) -> ExitCode {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.input.with_extension("pdf"));
    let rebuilder = match args.live.rebuilder(&args.input) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let watch = match FileWatch::new(&args.input) {
        Ok(w) => w,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
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
