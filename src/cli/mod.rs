//! The command line: every argument in [`args`], one file per subcommand,
//! and everything printed about findings in one place ([`report_problems`]).

pub mod aggregate;
pub mod args;
pub mod audit;
pub mod build;
pub mod check;
pub mod fonts;
pub mod import;
pub mod init;
pub mod outputs;
pub mod preview;
pub mod review;
pub mod schema;
pub mod watch;

use std::io::IsTerminal;
use std::process::ExitCode;

use gxreport::diagnostic::{render, Diagnostic};
use gxreport::typeset::Standard;
use gxreport::Pipeline;

pub use args::*;

/// Parse the command line; clap's own errors are told in Chinese (the
/// English line kept), with the usage, and exit 2.
pub fn parse() -> Cli {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use clap::Parser;
    let err = match Cli::try_parse() {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        err.exit();
    }
    let ctx = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let value = ctx(ContextKind::InvalidValue);
    let message = match err.kind() {
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”。"),
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("参数 {arg} 的值“{value}”不对。")
            } else {
                format!("参数 {arg} 的值“{value}”不对，可用的值：{valid}。")
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}。"),
        ErrorKind::InvalidSubcommand => {
            let name = ctx(ContextKind::InvalidSubcommand);
            match err.get(ContextKind::SuggestedSubcommand) {
                Some(ContextValue::Strings(v)) if !v.is_empty() => {
                    format!("没有“{name}”这个命令。是不是要写“{}”？", v.join("”或“"))
                }
                _ => format!("没有“{name}”这个命令。"),
            }
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "请给出一个命令，如 build、check、init。".into()
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与其他参数同时使用。"),
        ErrorKind::TooManyValues => format!("参数 {arg} 的值太多：“{value}”。"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对。")
        }
        ErrorKind::ValueValidation => format!("参数 {arg} 的值“{value}”不对。"),
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用“=”写在后面。"),
        _ => "命令行参数不对。".into(),
    };
    let english = err.kind().as_str().unwrap_or("invalid arguments");
    let rendered = err.render().to_string();
    let usage = rendered
        .lines()
        .skip_while(|l| !l.starts_with("Usage:") && !l.starts_with("用法"))
        .take_while(|l| !l.is_empty())
        .map(|l| l.replacen("Usage:", "用法 Usage:", 1))
        .collect::<Vec<_>>()
        .join("\n");
    eprintln!("错误 error: {message}（{english}）");
    if !usage.is_empty() {
        eprintln!("\n{usage}");
    }
    eprintln!("\n更多信息请用 --help / For more information, try '--help'.");
    std::process::exit(2);
}

impl CommonArgs {
    /// The pipeline of build, watch and preview: templates (the embedded ones
    /// with any from `--template-dir` instead), fonts, draft, leniency.
    pub fn pipeline(&self, standards: &[StandardArg]) -> Result<Pipeline, ExitCode> {
        let mut pipeline = self.prepare.pipeline()?;
        pipeline.standards = standards_of(standards);
        // These commands typeset: load the faces while the report is read.
        pipeline.fonts.prefetch();
        Ok(pipeline)
    }
}

impl PrepareArgs {
    /// The pipeline `check` prepares with: the same fonts, draft and
    /// leniency as `build`, so the two agree.
    pub fn pipeline(&self) -> Result<Pipeline, ExitCode> {
        // A creation time a PDF cannot hold is refused here, not deep in the export.
        let epoch =
            gxreport::check::source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
                .map_err(|m| fail(&m))?;
        // `check` lays the report out with the same templates as `build`.
        let templates = match &self.template_dir {
            None => gxreport::render::Templates::embedded(),
            Some(dir) => gxreport::render::Templates::with_overrides(dir).map_err(|why| {
                eprintln!("错误：{why}");
                ExitCode::from(2)
            })?,
        };
        let fonts = self.fonts.load();
        let mut pipeline = Pipeline::new(templates, fonts);
        pipeline.options.draft = self.draft_mark();
        pipeline.options.epoch = epoch;
        pipeline.allow_inconsistent = self.allow_inconsistent;
        pipeline.blank_is_zero = self.blank_is_zero;
        Ok(pipeline)
    }
}

impl FontArgs {
    pub fn options(&self) -> gxreport::typeset::fonts::FontOptions {
        gxreport::typeset::fonts::FontOptions::from_cli(&self.font_paths, self.no_system_fonts)
    }

    /// The font set, saying once which folders given to search gave nothing.
    pub fn load(&self) -> std::borrow::Cow<'static, gxreport::typeset::fonts::FontSet> {
        let set = gxreport::typeset::fonts::for_options(&self.options());
        for problem in &set.problems {
            eprintln!("警告：{problem}");
        }
        set
    }
}

/// The PDF standards asked for (`none` clears the list).
pub fn standards_of(list: &[StandardArg]) -> Vec<Standard> {
    if list.contains(&StandardArg::None) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in list {
        let s = match s {
            StandardArg::A2b => Standard::A2b,
            StandardArg::Ua1 => Standard::Ua1,
            StandardArg::None => continue,
        };
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Print findings, the one place that does: with snippets drawn from the
/// decoded `source` on stderr, or as one JSON object (`file`, `findings`) on stdout.
pub fn report_problems(
    findings: &[Diagnostic],
    source: Option<&str>,
    file: &str,
    format: OutputFormat,
) {
    match format {
        OutputFormat::Json => {
            let json = serde_json::json!({ "file": file, "findings": findings });
            println!("{json}");
        }
        OutputFormat::Human => {
            if findings.is_empty() {
                return;
            }
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", render(findings, source, color));
        }
    }
}

/// The findings of a prepared report, as [`report_problems`] prints them.
pub fn report_prepared(p: &gxreport::Prepared, format: OutputFormat) {
    report_problems(&p.findings, p.source.as_deref(), &p.file, format);
}

/// Print an error that is not a finding (a folder that cannot be read…).
pub fn fail(message: &str) -> ExitCode {
    eprintln!("错误：{message}");
    ExitCode::from(2)
}

/// Files as given; folders become their `*.yaml`/`*.yml` files, by name.
pub fn expand(inputs: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>, String> {
    expand_with(inputs, false)
}

/// The same; with `published`, folders also give their published reports
/// (.pdf, .docx, .html, .txt), as `check` audits them.
pub fn expand_with(
    inputs: &[std::path::PathBuf],
    published: bool,
) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(input)
                .map_err(|e| {
                    format!(
                        "无法读取文件夹“{}”：{}",
                        input.display(),
                        gxreport::diagnostic::io_reason(&e)
                    )
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && (matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                            || (published && gxreport::pipeline::is_published(p)))
                })
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(if published {
                    format!(
                        "文件夹“{}”中没有报告（.yaml 数据文件，或已发布的 .pdf、.docx、.html、.txt）。",
                        input.display()
                    )
                } else {
                    format!("文件夹“{}”中没有 .yaml 报告数据文件。", input.display())
                });
            }
            out.extend(files);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}
