//! `gxreport build`: one report, or many in parallel (files and folders),
//! with a manifest, a progress display and an optional gazette volume.
//! Every report goes through the one pipeline ([`gxreport::Pipeline`]).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

use gxreport::batch::{self, Format, Job, Outcome, Settings, Status};
use gxreport::diagnostic::Severity;

use super::outputs::{format_of, plan};
use super::{BuildArgs, OutputFormat};

pub fn run(args: &BuildArgs) -> ExitCode {
    let pipeline = match args.common.pipeline(&args.pdf_standard) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let inputs = match super::expand(&args.inputs) {
        Ok(i) => i,
        Err(message) => return super::fail(&message),
    };
    let many = inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    let format = format_of(args);
    let jobs = match plan(&inputs, args, many, format) {
        Ok(jobs) => jobs,
        Err(message) => return super::fail(&message),
    };
    let settings = Settings {
        pipeline: &pipeline,
        format,
        keep_prepared: args.bundle.is_some(),
    };
    let json = args.messages.message_format == OutputFormat::Json;
    if many && !json {
        if let Some(line) = super::fonts::fallback_line(&pipeline.fonts) {
            eprintln!("{line}");
        }
    }
    let threads = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let outcomes = batch::with_big_stack(|| {
        if many {
            run_many(&jobs, &settings, args, threads)
        } else {
            let outcome = batch::build_one(&jobs[0], &settings);
            report_single(&outcome, args, &settings);
            vec![outcome]
        }
    });
    let mut failed = outcomes.iter().any(|o| o.status == Status::Failed);
    let bundle = match &args.bundle {
        Some(path) => match write_bundle(path, &outcomes, &settings, args) {
            Ok(b) => Some(b),
            Err(()) => {
                failed = true;
                None
            }
        },
        None => None,
    };
    let exit = if failed { 2 } else { 0 };
    if many {
        if let Some(dir) = &args.output {
            let manifest = batch::manifest(&outcomes, &settings, bundle.as_ref());
            let text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
            if let Err(message) =
                gxreport::output::write_atomic(&dir.join("manifest.json"), text.as_bytes())
            {
                eprintln!("错误：{message}");
            }
            if format == Format::Html {
                let index = batch::index::page(&outcomes, dir);
                if let Err(message) =
                    gxreport::output::write_atomic(&dir.join("index.html"), index.as_bytes())
                {
                    eprintln!("错误：{message}");
                }
            }
        }
    }
    if json {
        println!("{}", batch::summary(&outcomes, bundle.as_ref(), exit));
    }
    ExitCode::from(exit)
}

/// One report: its findings, then what was written or why not.
fn report_single(o: &Outcome, args: &BuildArgs, settings: &Settings) {
    if args.messages.message_format == OutputFormat::Json {
        println!("{}", serde_json::to_string(o).unwrap_or_default());
        return;
    }
    let source = o.source.as_deref();
    super::report_problems(&o.findings, source, &o.input, OutputFormat::Human);
    if o.status == Status::Failed && o.write_error.is_none() {
        eprintln!("{}", super::check::summary(&o.findings));
        let what = match settings.format {
            Format::Pdf => "PDF",
            Format::Png | Format::Svg => "页面图像",
            Format::Html => "网页和 PDF",
        };
        // Only what a draft may still lack stops it (placeholders, empty
        // cells of a Word draft): a draft can be built; say what is missing.
        let errors = o
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let has = |code: &str| o.findings.iter().any(|d| d.code == code);
        let missing = match (has("W-PLACEHOLDER"), has("W-UNFILLED")) {
            (true, true) => Some("还有待填写的提示文字和没有填写数字的格子"),
            (true, false) => Some("还有待填写的提示文字"),
            (false, true) => Some("还有没有填写数字的格子"),
            (false, false) => None,
        };
        match missing {
            Some(what_is) if errors == 0 => {
                let zero = if has("W-UNFILLED") {
                    "；空白的格子都表示 0 的，加 --blank-is-zero"
                } else {
                    ""
                };
                eprintln!("未生成 {what}：{what_is}。带 --draft 可先生成征求意见稿{zero}；正式版须先补写上述内容。");
            }
            _ => eprintln!("未生成 {what}：请修改上述问题后重试。"),
        }
        return;
    }
    if settings.pipeline.allow_inconsistent
        && o.findings.iter().any(|d| d.severity == Severity::Error)
    {
        eprintln!("注意：数据不符合勾稽关系，已按 --allow-inconsistent 照原样生成。");
    }
    if let Some(e) = &o.write_error {
        eprintln!("错误：{e}");
    }
    if o.status == Status::Built {
        if let Some(line) = super::fonts::fallback_line(&settings.pipeline.fonts) {
            eprintln!("{line}");
        }
        eprintln!("已生成 {}", o.outputs.join("、"));
    }
}

/// Many reports: a progress bar on a terminal, plain lines otherwise, then a summary.
fn run_many(jobs: &[Job], settings: &Settings, args: &BuildArgs, threads: usize) -> Vec<Outcome> {
    let json = args.messages.message_format == OutputFormat::Json;
    let tty = std::io::stderr().is_terminal() && !json;
    let bar = tty.then(|| {
        let bar = indicatif::ProgressBar::new(jobs.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 份 {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let count = Mutex::new(0usize);
    let total = jobs.len();
    let done = |o: &Outcome| {
        let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
        *n += 1;
        if json {
            println!("{}", serde_json::to_string(o).unwrap_or_default());
            return;
        }
        let line = match o.status {
            Status::Built => format!(
                "[{n}/{total}] 已生成 {}（{} 页{}）",
                o.outputs.join("、"),
                o.pages,
                warn_note(o)
            ),
            Status::Failed => format!("[{n}/{total}] 失败 {}：{}", o.input, failure_note(o)),
        };
        match &bar {
            Some(bar) => {
                if o.status == Status::Failed {
                    bar.println(line);
                }
                bar.inc(1);
            }
            None => eprintln!("{line}"),
        }
    };
    let outcomes = batch::build_all(jobs, settings, threads, &done);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !json {
        summary(&outcomes);
    }
    outcomes
}

fn warn_note(o: &Outcome) -> String {
    match o.warnings() {
        0 => String::new(),
        n => format!("，{n} 个警告"),
    }
}

fn failure_note(o: &Outcome) -> String {
    let errors = o
        .findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if let Some(e) = &o.write_error {
        e.clone()
    } else if errors > 0 {
        // The first error in a line, so the clerk sees what to fix.
        let first = o
            .findings
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map(|d| {
                let at = d.pos.map_or(String::new(), |p| format!("第{}行，", p.line));
                format!("[{}] {at}{}", d.code, d.message.trim_end_matches('。'))
            })
            .unwrap_or_default();
        let more = if errors > 1 {
            format!("；共 {errors} 个错误")
        } else {
            String::new()
        };
        format!("{first}{more}（gxreport check {} 可查看详情）", o.input)
    } else {
        format!(
            "{} 处不能用于正式版的内容，如待填写的提示文字（gxreport check {} 可查看详情；加 --draft 可生成征求意见稿）",
            o.errors.len(),
            o.input
        )
    }
}

/// The table at the end of a batch.
fn summary(outcomes: &[Outcome]) {
    let built = outcomes
        .iter()
        .filter(|o| o.status == Status::Built)
        .count();
    let failed = outcomes.len() - built;
    let warned = outcomes
        .iter()
        .filter(|o| o.status == Status::Built && o.warnings() > 0)
        .count();
    eprintln!(
        "共 {} 份：成功 {built} 份，失败 {failed} 份，有警告 {warned} 份。",
        outcomes.len()
    );
    for o in outcomes.iter().filter(|o| o.status == Status::Failed) {
        eprintln!("  失败  {}  {}", o.input, failure_note(o));
    }
}

/// The gazette volume of the reports built. With failures it is refused
/// unless `--bundle-partial`, which names the missing reports on the
/// console and the contents page.
fn write_bundle(
    path: &Path,
    outcomes: &[Outcome],
    settings: &Settings,
    args: &BuildArgs,
) -> Result<batch::Bundle, ()> {
    let members: Vec<_> = outcomes
        .iter()
        .filter_map(|o| o.prepared.as_ref())
        .collect();
    let failed: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.status == Status::Failed)
        .collect();
    // The console names the file too; the printed contents page names the
    // unit only (its agency, or the file's name where it did not load),
    // never a path on the machine that built the volume.
    let missing: Vec<String> = failed
        .iter()
        .map(|o| match &o.agency {
            Some(agency) => format!("{agency}（{}）", o.input),
            None => o.input.clone(),
        })
        .collect();
    let printed_missing: Vec<String> = failed
        .iter()
        .map(|o| match &o.agency {
            Some(agency) => agency.clone(),
            None => Path::new(&o.input)
                .file_stem()
                .map_or_else(|| o.input.clone(), |s| s.to_string_lossy().into_owned()),
        })
        .collect();
    if !failed.is_empty() && !args.bundle_partial {
        eprintln!(
            "错误：汇编未生成：{} 份报告生成失败（{}），汇编会缺少这些单位。请改正后重试；确需先印其余报告时加 --bundle-partial，目录中会注明缺少的单位。",
            failed.len(),
            missing.join("、")
        );
        return Err(());
    }
    if members.is_empty() {
        eprintln!("错误：没有可以编入汇编的报告。");
        return Err(());
    }
    let cover: Vec<String> = args.bundle_title.split('|').map(str::to_string).collect();
    let artifact = match settings.pipeline.bundle(&members, &cover, &printed_missing) {
        Ok(a) => a,
        Err(problems) => {
            for d in problems {
                eprintln!("错误：汇编未生成：{}", d.message);
            }
            return Err(());
        }
    };
    let pdf = artifact.files.into_iter().next().unwrap_or_default();
    if let Err(e) = gxreport::output::write_atomic(path, &pdf) {
        eprintln!("错误：汇编未生成：{e}");
        return Err(());
    }
    if args.messages.message_format == OutputFormat::Human {
        eprintln!("已生成汇编 {}（{} 份报告）", path.display(), members.len());
        if !missing.is_empty() {
            eprintln!(
                "注意：汇编缺少 {} 份报告：{}。",
                missing.len(),
                missing.join("、")
            );
        }
    }
    Ok(batch::Bundle {
        path: path.display().to_string(),
        sha256: gxreport::pipeline::sha256(&pdf),
        pages: artifact.pages,
        members: members.iter().map(|p| p.file.clone()).collect(),
        missing: failed.iter().map(|o| o.input.clone()).collect(),
    })
}
