//! Command-line arguments (clap derive), one file per subcommand.

pub mod build;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// 报告数据文件（YAML）/ The report's YAML data file
    pub input: PathBuf,

    /// 输出的 PDF 文件；默认与输入同名、扩展名为 .pdf / Output PDF; defaults to the input's name with .pdf
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// 用此文件夹中的 report.typ.j2 或 style.typ 替换内置模板 / Use report.typ.j2 or style.typ from this folder instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub template_dir: Option<PathBuf>,
}
