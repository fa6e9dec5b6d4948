//! Every command-line argument, in one vocabulary (the shape typst-cli uses):
//! `-o` is where output goes, `--format` is only ever pdf/png/svg, machine
//! output is `--message-format json`, and the same idea has the same flag in
//! every subcommand. Help is Chinese first with the English kept.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

/// 政府信息公开工作年度报告排版工具：把 YAML 数据或填好的 Word 模板排成符合 2021 年格式的 PDF。
///
/// gxreport turns an agency's YAML into the PDF of its government
/// information-disclosure annual report, in the official 2021 format.
#[derive(Parser, Debug)]
#[command(
    name = "gxreport",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    help_template = TOP_TEMPLATE,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// 显示帮助 / Print help
    #[arg(short, long, action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// 显示版本 / Print version
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

/// clap's help with its headings in Chinese (the English kept).
const TOP_TEMPLATE: &str = "\
{about-with-newline}
用法 Usage: {usage}

命令 Commands:
{subcommands}

选项 Options:
{options}{after-help}
";

/// A subcommand's help: its arguments, then its options.
const SUB_TEMPLATE: &str = "\
{about-with-newline}
用法 Usage: {usage}

参数 Arguments:
{positionals}

选项 Options:
{options}{after-help}
";

/// A subcommand without arguments.
const SUB_TEMPLATE_NO_ARGS: &str = "\
{about-with-newline}
用法 Usage: {usage}

选项 Options:
{options}{after-help}
";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 生成年度报告 PDF（也可 PNG/SVG），可一次生成多份 / Build the report PDF (or PNG/SVG), one or many
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Build(BuildArgs),
    /// 检查数据并试排、核对版面，不生成文件；通过检查的数据一定能生成 / Check, lay out and verify the page without writing it; what passes, builds
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Check(CheckArgs),
    /// 把各单位的报告数据逐格相加，生成汇总报告的 YAML / Sum the units' reports into the aggregated report's YAML
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Aggregate(AggregateArgs),
    /// 显示各角色（标题、正文……）使用的字体，并可检查数据中的字是否都有字形 / Show the font of each role, and check a report's characters against them
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Fonts(FontsArgs),
    /// 生成一份空白的报告数据文件（或从上一年度的开始）/ Write a report skeleton (or start from last year's)
    #[command(help_template = SUB_TEMPLATE_NO_ARGS, disable_help_flag = true)]
    Init(InitArgs),
    /// 把已发布的报告（PDF、Word、网页、文本）读回为 YAML 数据 / Read a published report (PDF, Word, web page, text) back into YAML
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Import(ImportArgs),
    /// 输出报告数据的 JSON Schema，供编辑器补全和提示 / Print the JSON Schema of the report YAML for editors
    #[command(help_template = SUB_TEMPLATE_NO_ARGS, disable_help_flag = true)]
    Schema(SchemaArgs),
    /// 每次保存数据文件后自动重新生成 PDF / Rebuild the PDF on every save
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Watch(WatchArgs),
    /// 在浏览器中预览页面和检查结果，保存后自动刷新 / Preview the pages and findings in a browser, refreshed on save
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Preview(PreviewArgs),
    /// 公开办审查一个文件夹的全部报告：雷同、点名、逾期、内容、汇总核对，写成网页、工作簿或 JSON / Review a folder of reports as a 公开办 does: copying, roll-call, content, sums
    #[command(help_template = SUB_TEMPLATE, disable_help_flag = true)]
    Review(super::review::ReviewArgs),
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// 报告数据文件（YAML）、填好的 Word 模板（.docx）或已发布的报告（PDF、网页、文本），或存放多份报告的文件夹，可给出多个 / Report YAML files, filled Word templates, published reports, or folders of them
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// 输出文件（单份报告）或输出文件夹（多份）；默认与输入同名、放在输入旁边 / Output file (one report) or folder (several); defaults to the input's name beside it
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// 多份报告时输出文件的命名，可用 {stem}（输入文件名）、{agency}（机关名称）、{year}（年度）/ Output file names in a batch: {stem}, {agency}, {year}
    #[arg(long, value_name = "PATTERN", default_value = "{stem}")]
    pub name_pattern: String,

    /// 输出格式：pdf，png / svg（每页一个文件，供快速查看），或 html（供网站发布的网页，旁边另生成 PDF；多份时另写 index.html）；默认按输出文件扩展名 / Output format: pdf, png/svg (one file per page), or html (a web page plus its PDF; index.html for a batch); default from the output's extension
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,

    /// PDF 标准：a-2b（默认，档案馆要求）、ua-1（无障碍，可与 a-2b 同用，如 a-2b,ua-1）、none / PDF standards: a-2b (default, what archives expect), ua-1 (accessible; combinable), none
    #[arg(long, value_enum, value_delimiter = ',', default_value = "a-2b")]
    pub pdf_standard: Vec<StandardArg>,

    /// 同时把全部报告排成一册（政府公报汇编：封面、目录、每份报告从单页起、连续页码、书签）/ Also typeset all reports as one gazette volume (cover, contents, odd-page starts, running numbers, bookmarks)
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,

    /// 有报告失败时仍生成汇编（只编入成功的，目录中注明缺少哪些）；默认不生成 / Build the gazette volume even when some reports failed (the contents name the missing ones); by default it is refused
    #[arg(long, requires = "bundle")]
    pub bundle_partial: bool,

    /// 汇编封面的标题，可用“|”分行 / Title of the gazette volume's cover; “|” breaks lines
    #[arg(
        long,
        value_name = "TITLE",
        default_value = "政府信息公开工作年度报告汇编"
    )]
    pub bundle_title: String,

    #[command(flatten)]
    pub messages: MessageArgs,

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
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandardArg {
    #[value(name = "a-2b")]
    A2b,
    #[value(name = "ua-1")]
    Ua1,
    None,
}

/// How messages are printed: for people, or one JSON object per line.
#[derive(Args, Debug, Clone, Copy)]
pub struct MessageArgs {
    /// 输出信息格式：human（给人看），json（每份报告一行 JSON，供脚本和定时任务读取）/ Messages: human, or json (one JSON line per report, for scripts and schedulers)
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub message_format: OutputFormat,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Json,
}

/// What decides whether a report may be built: the same for `check` and
/// `build`, so that `check` passes exactly when `build` builds.
#[derive(Args, Debug, Clone)]
pub struct PrepareArgs {
    /// 用此文件夹中的 report.typ.j2、report-body.typ.j2、bundle.typ.j2 或 style.typ 替换内置模板 / Use report.typ.j2, report-body.typ.j2, bundle.typ.j2 or style.typ from this folder instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,

    /// 数据有勾稽关系错误时仍然生成（用于照原样重印已发布的报告）/ Build even when the figures break the consistency rules (to reproduce a report as published)
    #[arg(long)]
    pub allow_inconsistent: bool,

    /// Word 文档中空白的格子表示 0（已发布的 Word 报告；起草中的 Word 文档空白格默认算“没有填写”）/ Empty cells of a Word document mean 0 (a published one; a Word draft's empty cells are otherwise unfilled)
    #[arg(long)]
    pub blank_is_zero: bool,

    /// 征求意见稿：每页加斜向水印“征求意见稿”，PDF 标题也注明；允许仍有待填写的提示文字 / Draft: a diagonal watermark “征求意见稿” on every page and in the PDF title; placeholders allowed
    #[arg(long)]
    pub draft: bool,

    /// 征求意见稿水印的文字（隐含 --draft）/ The draft watermark's text (implies --draft)
    #[arg(long, value_name = "TEXT")]
    pub draft_text: Option<String>,

    #[command(flatten)]
    pub fonts: FontArgs,
}

impl PrepareArgs {
    /// The draft mark, if a draft was asked for.
    pub fn draft_mark(&self) -> Option<String> {
        match (&self.draft_text, self.draft) {
            (Some(text), _) => Some(text.clone()),
            (None, true) => Some(gxreport::pipeline::DRAFT_MARK.into()),
            (None, false) => None,
        }
    }
}

/// What build, watch and preview share.
#[derive(Args, Debug, Clone)]
pub struct CommonArgs {
    #[command(flatten)]
    pub prepare: PrepareArgs,
}

/// Where fonts come from.
#[derive(Args, Debug, Clone)]
pub struct FontArgs {
    /// 在此文件夹中查找官方字体（可多次给出；也可用环境变量 GXREPORT_FONT_PATHS）/ Look for official fonts in this folder (repeatable; also GXREPORT_FONT_PATHS)
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,

    /// 不使用本机安装的字体，只用内置字体和 --font-path（任何机器上结果都相同）/ Ignore the system's fonts: embedded fonts and --font-path only (same bytes on any machine)
    #[arg(long)]
    pub no_system_fonts: bool,
}

#[derive(Args, Debug)]
pub struct FontsArgs {
    /// 报告数据文件（可选）：检查其中每个字是否都有字形 / A report (optional): check that every character has a glyph
    pub input: Option<PathBuf>,

    #[command(flatten)]
    pub fonts: FontArgs,

    #[command(flatten)]
    pub messages: MessageArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// 报告数据文件（YAML）、填好的 Word 模板（.docx）或已发布的报告（PDF、网页、文本），或存放多份报告的文件夹，可给出多个 / Report YAML files, filled Word templates, published reports, or folders of them
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// 上一年度的报告数据，用于核对上年结转和现行有效件数 / Last year's report data, to compare carried-over figures
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,

    /// 同时写出汇总表（CSV，每份报告一行：机关、年度、按规则统计的错误和警告）/ Also write the audit table (CSV: a row per report with its findings by rule)
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,

    #[command(flatten)]
    pub messages: MessageArgs,

    #[command(flatten)]
    pub prepare: PrepareArgs,
}

#[derive(Args, Debug)]
pub struct AggregateArgs {
    /// 存放各单位报告的文件夹：.yaml 数据文件，以及旁边没有同名 .yaml 的已发布报告（.pdf、.docx、.html、.txt）/ Folder of the units' reports: YAML, and published reports without a YAML of the same name
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

    /// 同时写出各单位明细表：.xlsx 为 Excel 工作簿（每张表格一个工作表，表头与官方格式相同，另有单位清单），其他为 CSV（每单位一行、每个表格栏目一列，末行合计）/ Also write the per-unit breakdown: .xlsx as a workbook (a sheet per table headed like the official form, plus the units), otherwise CSV
    #[arg(long, value_name = "FILE")]
    pub breakdown: Option<PathBuf>,

    #[command(flatten)]
    pub messages: MessageArgs,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// 机关名称（默认留待填写；用 --from 时沿用上一年度的）/ The agency (default: a placeholder; with --from, last year's)
    #[arg(long, value_name = "名称")]
    pub agency: Option<String>,

    /// 报告年度（默认为上一个公历年；用 --from 时为上一年度加 1）/ The report year (default: last calendar year; with --from, last year's + 1)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u32>,

    /// 写出的数据文件 / The YAML file to write
    #[arg(short, long, value_name = "FILE", default_value = "report.yaml")]
    pub output: PathBuf,

    /// 文件已存在时覆盖 / Overwrite an existing file
    #[arg(long)]
    pub force: bool,

    /// 从上一年度的报告数据开始：沿用机关名称和文字，年度加 1，上年结转取自上年的结转下年度继续办理，沿用现行有效件数 / Start from last year's report: agency and prose kept, year + 1, 上年结转 from its 结转下年度, 现行有效件数 carried
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SchemaArgs {
    /// 写入此文件（默认输出到标准输出）/ Write to this file (default: standard output)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// 报告数据文件（YAML）/ The report's YAML data file
    pub input: PathBuf,

    /// 输出的 PDF 文件；默认与输入同名、扩展名为 .pdf / Output PDF; defaults to the input's name with .pdf
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// PDF 标准，同 build / PDF standards, as for build
    #[arg(long, value_enum, value_delimiter = ',', default_value = "a-2b")]
    pub pdf_standard: Vec<StandardArg>,

    /// 只生成正式版：还有待填写的内容时不生成（默认这时按征求意见稿生成，带水印）/ Final version only: nothing while parts are unfilled (by default they are shown as a draft, watermarked)
    #[arg(long = "final")]
    pub final_only: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct PreviewArgs {
    /// 报告数据文件（YAML）/ The report's YAML data file
    pub input: PathBuf,

    /// 同时用默认浏览器打开预览页面 / Also open the page in the default browser
    #[arg(long)]
    pub open: bool,

    /// 网页服务的端口（默认自选一个空闲端口）/ The page's port (default: any free one)
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub port: u16,

    /// 每次生成时同时写出 PDF / Also write the PDF on every rebuild
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// 只生成正式版：还有待填写的内容时不生成（默认这时按征求意见稿生成，带水印）/ Final version only: nothing while parts are unfilled (by default they are shown as a draft, watermarked)
    #[arg(long = "final")]
    pub final_only: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// 已发布的报告：PDF（带文字层）、Word（.docx）、网页（.html）或文本文件 / The published report: PDF with a text layer, .docx, .html or plain text
    pub input: PathBuf,

    /// 写出的数据文件（默认与输入同名、扩展名为 .yaml）/ The YAML file to write (default: the input's name with .yaml)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// 文件已存在时覆盖 / Overwrite an existing file
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub messages: MessageArgs,
}
