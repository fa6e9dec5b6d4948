//! `gxreport review 本年/ [--previous 上年/] [--roster 名单.xlsx]
//! [--scores 评分表.csv] [-o 审查.html -o 审查.xlsx -o 审查.json]`: the
//! 公开办's review of a folder of reports in one run (see src/review/).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use gxreport::review::{self, roster, unit, Inputs, Level};

use super::{FontArgs, MessageArgs, OutputFormat};

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// 存放本年度各单位报告的文件夹（.yaml，及已发布的 .pdf、.docx、.html、.txt）/ Folder of this year's reports (YAML, and published PDF, DOCX, HTML, text)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// 存放上一年度各单位报告的文件夹：按机关名称找到同一单位，比对雷同 / Folder of last year's reports: matched by agency name, compared for copying
    #[arg(long, value_name = "DIR")]
    pub previous: Option<PathBuf>,

    /// 存放报送审核的版本的文件夹（各单位发布前报送的 .yaml 等）：与发布的报告逐个数字、逐段文字核对 / Folder of the versions filed for review before publication: compared with the published reports figure by figure and paragraph by paragraph
    #[arg(long, value_name = "DIR")]
    pub filed: Option<PathBuf>,

    /// 单位名单（.csv 或 .xlsx，表头含“单位”，可有“级别”“期限”）：点名、逾期、不在名单上 / The roster (.csv or .xlsx: 单位, optional 级别 and 期限): missing, late and extra units
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,

    /// 评分表（.csv 或 .xlsx：编号,扣分；可有“满分”一行）：按表扣分，不给评分表就不打分 / Scoring sheet (code, deduction; optional 满分 row): scores only from it
    #[arg(long, value_name = "FILE")]
    pub scores: Option<PathBuf>,

    /// 写出审查结果：.html 网页、.xlsx 工作簿、.json，或 .txt 通报草稿，可给出多个 / Write the review: .html page, .xlsx workbook, .json, or .txt draft notice (repeatable)
    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// 同时读取的份数（默认为处理器核数）/ Reports read at once (default: the number of cores)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    #[command(flatten)]
    pub fonts: FontArgs,

    #[command(flatten)]
    pub messages: MessageArgs,
}

/// What an output's extension asks for.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Html,
    Xlsx,
    Json,
    Notice,
}

fn kind_of(path: &Path) -> Option<Kind> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "html" | "htm" => Some(Kind::Html),
        "xlsx" => Some(Kind::Xlsx),
        "json" => Some(Kind::Json),
        "txt" => Some(Kind::Notice),
        _ => None,
    }
}

pub fn run(args: &ReviewArgs) -> ExitCode {
    match review_run(args) {
        Ok(code) => code,
        Err(message) => super::fail(&message),
    }
}

fn review_run(args: &ReviewArgs) -> Result<ExitCode, String> {
    let json = args.messages.message_format == OutputFormat::Json;
    let mut kinds = Vec::new();
    for o in &args.outputs {
        kinds.push(kind_of(o).ok_or_else(|| {
            format!(
                "“{}”：审查结果只能写成 .html（网页）、.xlsx（工作簿）、.json 或 .txt（通报草稿）。",
                o.display()
            )
        })?);
    }
    // Everything given is read before the long part of the run.
    let roster = args.roster.as_deref().map(roster::read).transpose()?;
    let scores = args
        .scores
        .as_deref()
        .map(roster::read_scores)
        .transpose()?;
    let files = folder(&args.dir, &args.outputs)?;
    let last_files = args
        .previous
        .as_deref()
        .map(|d| folder(d, &args.outputs))
        .transpose()?;
    let filed_files = args
        .filed
        .as_deref()
        .map(|d| folder(d, &args.outputs))
        .transpose()?;
    let fonts = args.fonts.load();
    let pipeline = gxreport::Pipeline::new(gxreport::render::Templates::embedded(), fonts);
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let total = files.len()
        + last_files.as_ref().map_or(0, Vec::len)
        + filed_files.as_ref().map_or(0, Vec::len);
    let bar = (std::io::stderr().is_terminal() && !json).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 份 {elapsed}")
        {
            bar.set_style(style);
        }
        bar
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let last = last_files.map(|f| unit::read_all(&pipeline, &f, jobs, &tick));
    let filed = filed_files.map(|f| unit::read_all(&pipeline, &f, jobs, &tick));
    let units = unit::read_all(&pipeline, &files, jobs, &tick);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let result = review::review(
        &units,
        &Inputs {
            previous: last.as_deref(),
            filed: filed.as_deref(),
            roster: roster.as_deref(),
            scores: scores.as_ref(),
        },
    );
    if json {
        print!("{}", review::json(&result));
    } else {
        eprint!("{}", human(&result));
    }
    let mut failed = false;
    for (path, kind) in args.outputs.iter().zip(kinds) {
        let bytes = match kind {
            Kind::Html => Ok(review::html::page(&result).into_bytes()),
            Kind::Json => Ok(review::json(&result).into_bytes()),
            Kind::Notice => Ok(review::notice::draft(&result).into_bytes()),
            Kind::Xlsx => review::xlsx::xlsx(&result),
        };
        match bytes.and_then(|b| gxreport::output::write_atomic(path, &b)) {
            Ok(()) if !json => eprintln!("已生成 {}", path.display()),
            Ok(()) => {}
            Err(message) => {
                eprintln!("错误：{message}");
                failed = true;
            }
        }
    }
    let any = result.units.iter().any(|u| !u.findings.is_empty());
    Ok(ExitCode::from(if failed {
        2
    } else if any {
        1
    } else {
        0
    }))
}

/// The reports of a folder as `aggregate` takes them (a published report
/// beside a YAML of the same name is that YAML's PDF), without the outputs.
fn folder(dir: &Path, outputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let out: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|o| o.canonicalize().ok())
        .collect();
    let files: Vec<PathBuf> = gxreport::aggregate::unit_files(dir, Path::new(""))?
        .into_iter()
        .filter(|f| f.canonicalize().map_or(true, |c| !out.contains(&c)))
        .collect();
    if files.is_empty() {
        return Err(format!(
            "文件夹“{}”中没有报告（.yaml 数据文件，或已发布的 .pdf、.docx、.html、.txt）。",
            dir.display()
        ));
    }
    Ok(files)
}

/// The review on the terminal: each unit's findings, then the counts.
fn human(r: &review::Review) -> String {
    let mut out = String::new();
    for u in r.units.iter().filter(|u| !u.findings.is_empty()) {
        out.push_str(&format!(
            "{}（{}）：\n",
            u.name,
            u.file.as_deref().unwrap_or("没有报告")
        ));
        for f in &u.findings {
            out.push_str(&format!("  {}[{}] {}", f.level.zh(), f.code, f.message));
            if let Some(p) = &f.place {
                out.push_str(&format!("（{p}）"));
            }
            out.push('\n');
        }
    }
    let count = |l| r.units.iter().map(|u| u.count(l)).sum::<usize>();
    out.push_str(&format!(
        "审查完毕：{} 份报告，{} 个单位有发现；问题 {} 条，提醒 {} 条，信息 {} 条。\n",
        r.reports,
        r.units.iter().filter(|u| !u.findings.is_empty()).count(),
        count(Level::Problem),
        count(Level::Note),
        count(Level::Info)
    ));
    if !r.counts.is_empty() {
        let by: Vec<String> = r.counts.iter().map(|(c, n)| format!("{c}×{n}")).collect();
        out.push_str(&format!("按编号：{}\n", by.join(" ")));
    }
    out
}
