//! Command-line arguments (clap derive), one file per subcommand, and the
//! printing of findings shared by them.

pub mod aggregate;
pub mod build;
pub mod check;
pub mod fonts;
pub mod import;
pub mod init;
pub mod preview;
pub mod schema;
pub mod watch;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gxreport::diagnostic::{render, Diagnostic};

/// 政府信息公开工作年度报告排版工具：把 YAML 数据排成符合 2021 年格式的 PDF。
///
/// gxreport turns an agency's YAML into the PDF of its government
/// information-disclosure annual report, in the official 2021 format.
#[derive(Parser, Debug)]
#[command(name = "gxreport", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 生成年度报告 PDF / Build the report PDF from a YAML file
    Build(BuildArgs),
    /// 只检查数据（勾稽关系等），不排版 / Check the data (consistency rules) without typesetting
    Check(CheckArgs),
    /// 把各单位的报告数据逐格相加，生成汇总报告的 YAML / Sum the units' reports into the aggregated report's YAML
    Aggregate(AggregateArgs),
    /// 显示各角色（标题、正文……）使用的字体，并可检查数据中的字是否都有字形 / Show the font of each role, and check a report's characters against them
    Fonts(FontsArgs),
    /// 生成一份空白的报告数据文件（或从上一年度的开始）/ Write a report skeleton (or start from last year's)
    Init(init::InitArgs),
    /// 把已发布的报告（PDF、Word、网页、文本）读回为 YAML 数据 / Read a published report (PDF, Word, web page, text) back into YAML
    Import(import::ImportArgs),
    /// 输出报告数据的 JSON Schema，供编辑器补全和提示 / Print the JSON Schema of the report YAML for editors
    Schema(schema::SchemaArgs),
    /// 每次保存数据文件后自动重新生成 PDF / Rebuild the PDF on every save
    Watch(watch::WatchArgs),
    /// 在浏览器中预览页面和检查结果，保存后自动刷新 / Preview the pages and findings in a browser, refreshed on save
    Preview(preview::PreviewArgs),
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// 报告数据文件（YAML）或存放多份报告的文件夹，可给出多个 / Report YAML files, or folders of them
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// 输出文件（单份报告）或输出文件夹（多份）；默认与输入同名、放在输入旁边 / Output file (one report) or folder (several); defaults to the input's name beside it
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// 多份报告时输出文件的命名，可用 {stem}（输入文件名）、{agency}（机关名称）、{year}（年度）/ Output file names in a batch: {stem}, {agency}, {year}
    #[arg(long, value_name = "PATTERN", default_value = "{stem}")]
    pub name_pattern: String,

    /// 输出格式：pdf，或 png / svg（每页一个文件，供快速查看）；默认按输出文件扩展名 / Output format: pdf, or png/svg (one file per page); default from the output's extension
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    /// PDF 标准：a-2b（默认，档案馆要求）、ua-1（无障碍，可与 a-2b 同用，如 a-2b,ua-1）、none / PDF standards: a-2b (default, what archives expect), ua-1 (accessible; combinable), none
    #[arg(long, value_enum, value_delimiter = ',', default_value = "a-2b")]
    pub pdf_standard: Vec<StandardArg>,

    /// 同时把全部报告排成一册（政府公报汇编：封面、目录、每份报告从单页起、连续页码、书签）/ Also typeset all reports as one gazette volume (cover, contents, odd-page starts, running numbers, bookmarks)
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,

    /// 汇编封面的标题，可用“|”分行 / Title of the gazette volume's cover; “|” breaks lines
    #[arg(
        long,
        value_name = "TITLE",
        default_value = "政府信息公开工作年度报告汇编"
    )]
    pub bundle_title: String,

    /// 输出信息格式：human（给人看），json（每份报告一行 JSON，供定时任务读取）/ Messages: human, or json (one JSON line per report, for schedulers)
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub message_format: OutputFormat,

    /// 并行构建的线程数（默认为处理器核数）/ Parallel jobs (default: the number of cores)
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    Pdf,
    Png,
    Svg,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandardArg {
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "ua-1")]
    Ua1,
    None,
}

/// What build, watch and preview share.
#[derive(Args, Debug)]
pub struct CommonArgs {
    /// 用此文件夹中的 report.typ.j2、report-body.typ.j2、bundle.typ.j2 或 style.typ 替换内置模板 / Use report.typ.j2, report-body.typ.j2, bundle.typ.j2 or style.typ from this folder instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,

    /// 数据有勾稽关系错误时仍然生成（用于照原样重印已发布的报告）/ Build even when the figures break the consistency rules (to reproduce a report as published)
    #[arg(long)]
    pub allow_inconsistent: bool,

    /// 征求意见稿：每页加斜向水印（默认“征求意见稿”），PDF 标题也注明 / Draft: a diagonal watermark on every page (default “征求意见稿”) and in the PDF title
    #[arg(long, value_name = "TEXT", num_args = 0..=1, default_missing_value = "征求意见稿")]
    pub draft: Option<String>,

    #[command(flatten)]
    pub fonts: FontArgs,
}

impl CommonArgs {
    /// The templates, the embedded ones with any from `--template-dir` instead.
    pub fn templates(&self) -> Result<gxreport::render::Templates, ExitCode> {
        let Some(dir) = &self.template_dir else {
            return Ok(gxreport::render::Templates::embedded());
        };
        gxreport::render::Templates::with_overrides(dir).map_err(|e| {
            eprintln!(
                "错误：无法读取模板文件夹“{}”：{}",
                dir.display(),
                gxreport::diagnostic::io_reason(&e)
            );
            ExitCode::from(2)
        })
    }

    /// The draft mark the documents get.
    pub fn options(&self) -> gxreport::render::view::Options {
        gxreport::render::view::Options {
            draft: self.draft.clone(),
            ..Default::default()
        }
    }
}

/// Where fonts come from (build, fonts).
#[derive(Args, Debug, Clone)]
pub struct FontArgs {
    /// 在此文件夹中查找官方字体（可多次给出；也可用环境变量 GXREPORT_FONT_PATHS）/ Look for official fonts in this folder (repeatable; also GXREPORT_FONT_PATHS)
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,

    /// 不使用本机安装的字体，只用内置字体和 --font-path（任何机器上结果都相同）/ Ignore the system's fonts: embedded fonts and --font-path only (same bytes on any machine)
    #[arg(long)]
    pub no_system_fonts: bool,
}

impl FontArgs {
    pub fn options(&self) -> gxreport::typeset::fonts::FontOptions {
        gxreport::typeset::fonts::FontOptions::from_cli(&self.font_paths, self.no_system_fonts)
    }
}

#[derive(Args, Debug)]
pub struct FontsArgs {
    /// 报告数据文件（可选）：检查其中每个字是否都有字形 / A report (optional): check that every character has a glyph
    pub input: Option<PathBuf>,

    #[command(flatten)]
    pub fonts: FontArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// 报告数据文件（YAML）/ The report's YAML data file
    pub input: PathBuf,

    /// 上一年度的报告数据，用于核对上年结转和现行有效件数 / Last year's report data, to compare carried-over figures
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,

    /// 输出格式：human（给人看）或 json（给程序用）/ Output: human or json (for scripts and schedulers)
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

#[derive(Args, Debug)]
pub struct AggregateArgs {
    /// 存放各单位报告数据（*.yaml）的文件夹 / Folder holding each unit's report YAML (*.yaml)
    pub dir: PathBuf,

    /// 写出的汇总报告数据（YAML）；单位清单另写为同名的 .units.json / The aggregated report YAML to write; the unit manifest goes beside it as .units.json
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// 汇总报告的机关名称（默认“（请填写机关名称）”）/ Agency of the aggregated report (default: a placeholder to fill in)
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,

    /// 汇总的年度（默认为各单位共同的年度）/ Year to aggregate (default: the units' common year)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u32>,

    /// 排除有错误或年度不符的单位，继续汇总其余单位 / Leave out units with errors or another year instead of failing
    #[arg(long)]
    pub skip_invalid: bool,

    /// 同时写出各单位明细表（CSV，每单位一行、每个表格栏目一列，末行合计）/ Also write the per-unit breakdown (CSV: a row per unit, a column per cell, a total row)
    #[arg(long, value_name = "FILE")]
    pub breakdown: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}

/// Print findings: with source snippets on stderr, or as JSON on stdout.
pub fn report_problems(findings: &[Diagnostic], input: &Path, format: OutputFormat) {
    match format {
        OutputFormat::Json => {
            let json =
                serde_json::json!({ "file": input.display().to_string(), "findings": findings });
            println!("{json}");
        }
        OutputFormat::Human => {
            let source = std::fs::read(input)
                .ok()
                .filter(|b| b.len() as u64 <= gxreport::report::load::MAX_INPUT_BYTES)
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            eprint!("{}", render(findings, source.as_deref(), color));
        }
    }
}
