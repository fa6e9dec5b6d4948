//! `gxreport build`: one report, or many in parallel (files and folders),
//! with a manifest, a progress display and an optional gazette volume.
//! Every report goes through the one pipeline ([`gxreport::Pipeline`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use gxreport::batch::{self, Format, Job, Outcome, Settings, Status};
use gxreport::diagnostic::Severity;

use super::{BuildArgs, FormatArg, OutputFormat};

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

fn format_of(args: &BuildArgs) -> Format {
    match args.format {
        Some(FormatArg::Pdf) => Format::Pdf,
        Some(FormatArg::Png) => Format::Png,
        Some(FormatArg::Svg) => Format::Svg,
        Some(FormatArg::Html) => Format::Html,
        None => match args
            .output
            .as_ref()
            .and_then(|o| o.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") => Format::Png,
            Some("svg") => Format::Svg,
            Some("html" | "htm") => Format::Html,
            _ => Format::Pdf,
        },
    }
}

/// The placeholders a `--name-pattern` may use.
const PATTERN_FIELDS: [&str; 3] = ["{stem}", "{agency}", "{year}"];

/// An unknown `{…}` in the name pattern is an error, not a literal.
fn check_pattern(pattern: &str) -> Result<(), String> {
    let re = regex::Regex::new(r"\{[^{}]*\}").map_err(|e| e.to_string())?;
    for m in re.find_iter(pattern) {
        if !PATTERN_FIELDS.contains(&m.as_str()) {
            let hint = gxreport::diagnostic::suggest(m.as_str(), PATTERN_FIELDS.iter().copied())
                .map(|s| format!("是不是要写 {s}？"))
                .unwrap_or_default();
            return Err(format!(
                "--name-pattern 中的“{}”不认识。{hint}可用的有：{}（输入文件名）、{}（机关名称）、{}（年度）。",
                m.as_str(),
                PATTERN_FIELDS[0],
                PATTERN_FIELDS[1],
                PATTERN_FIELDS[2]
            ));
        }
    }
    Ok(())
}

/// Whether `-o` names a folder: an existing one, or a path ending in “/”.
fn is_folder(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with(['/', '\\'])
}

/// The output file of a single report: `-o` as given (its extension must
/// be one gxreport writes; none gets the format's, said once), or beside the input.
fn single_output(input: &Path, args: &BuildArgs, format: Format) -> Result<PathBuf, String> {
    let ext = format.extension();
    let Some(out) = &args.output else {
        return Ok(input.with_extension(ext));
    };
    match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase) {
        None => {
            let with = out.with_extension(ext);
            eprintln!(
                "注意：输出文件“{}”没有扩展名，已写为“{}”。",
                out.display(),
                with.display()
            );
            Ok(with)
        }
        Some(e) if e == ext || (e == "htm" && ext == "html") => Ok(out.clone()),
        Some(e) if ["pdf", "png", "svg", "html", "htm"].contains(&e.as_str()) => Err(format!(
            "输出文件“{}”的扩展名 .{e} 与 --format {ext} 不一致。",
            out.display()
        )),
        Some(e) => Err(format!(
            "不能生成 .{e} 文件“{}”：可以生成的格式有 PDF（.pdf）、PNG（.png，每页一张）、SVG（.svg，每页一张）和网页（.html，旁边另生成 PDF）。",
            out.display()
        )),
    }
}

/// Where each report goes: `-o` itself for one report (or into the `-o`
/// folder); for several, the `-o` folder (made if missing) or beside each
/// input, named by the pattern.
fn plan(
    inputs: &[PathBuf],
    args: &BuildArgs,
    many: bool,
    format: Format,
) -> Result<Vec<Job>, String> {
    check_pattern(&args.name_pattern)?;
    let ext = format.extension();
    let into_folder = args.output.as_deref().is_some_and(is_folder);
    if !many && !into_folder {
        return Ok(vec![Job {
            input: inputs[0].clone(),
            output: single_output(&inputs[0], args, format)?,
        }]);
    }
    if let Some(dir) = &args.output {
        std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "无法创建输出文件夹“{}”：{}",
                dir.display(),
                gxreport::diagnostic::io_reason(&e)
            )
        })?;
    }
    let mut seen = std::collections::HashSet::new();
    inputs
        .iter()
        .map(|input| {
            let name = name_for(input, &args.name_pattern);
            let dir = args.output.clone().unwrap_or_else(|| input.parent().map(Path::to_path_buf).unwrap_or_default());
            let output = dir.join(format!("{name}.{ext}"));
            if !seen.insert(output.clone()) {
                return Err(format!("两份报告的输出文件同名：“{}”。请用 --name-pattern 区分，如 “{{agency}}-{{year}}”。", output.display()));
            }
            Ok(Job { input: input.clone(), output })
        })
        .collect()
}

/// The pattern filled from the input's name and, when it loads, its agency and year.
fn name_for(input: &Path, pattern: &str) -> String {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = pattern.replace("{stem}", &stem);
    if name.contains("{agency}") || name.contains("{year}") {
        let (agency, year) = match gxreport::report::load::load_file(input) {
            Ok(r) => (r.agency.value, r.year.value.to_string()),
            Err(_) => (stem.clone(), String::new()),
        };
        name = name.replace("{agency}", &agency).replace("{year}", &year);
    }
    name.replace(['/', '\\'], "-")
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
        eprintln!("未生成 {what}：请修改上述问题后重试。");
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
        format!("{errors} 个错误（gxreport check {} 可查看详情）", o.input)
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
    let missing: Vec<String> = failed
        .iter()
        .map(|o| match &o.agency {
            Some(agency) => format!("{agency}（{}）", o.input),
            None => o.input.clone(),
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
    let artifact = match settings.pipeline.bundle(&members, &cover, &missing) {
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
