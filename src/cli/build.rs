//! `gxreport build`: one report, or many in parallel (files and folders),
//! with a manifest, a progress display and an optional gazette volume.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use gxreport::batch::{self, Format, Job, Outcome, Settings, Status};
use gxreport::diagnostic::Severity;
use gxreport::render::view::Options;
use gxreport::typeset::Standard;

use super::{BuildArgs, FormatArg, OutputFormat, StandardArg};

pub fn run(args: &BuildArgs) -> ExitCode {
    let templates = match args.common.templates() {
        Ok(t) => t,
        Err(code) => return code,
    };
    let inputs = match expand(&args.inputs) {
        Ok(i) => i,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
    };
    let many = inputs.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    let format = format_of(args);
    let jobs = match plan(&inputs, args, many, format) {
        Ok(jobs) => jobs,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
    };
    let fonts = gxreport::typeset::fonts::for_options(&args.common.fonts.options());
    let settings = Settings {
        templates: &templates,
        fonts: &fonts,
        options: Options {
            draft: args.common.draft.clone(),
            source_sha256: None,
            epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
        },
        standards: standards(&args.pdf_standard),
        format,
        allow_inconsistent: args.common.allow_inconsistent,
    };
    if many && args.message_format == OutputFormat::Human {
        if let Some(line) = super::fonts::fallback_line(&fonts) {
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
            report_single(&outcome, args, settings.fonts);
            vec![outcome]
        }
    });
    if many {
        if let Some(dir) = &args.output {
            let manifest = batch::manifest(&outcomes, &settings);
            let text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
            if let Err(message) =
                gxreport::output::write_atomic(&dir.join("manifest.json"), text.as_bytes())
            {
                eprintln!("错误：{message}");
            }
            if format == Format::Html {
                let index = gxreport::html::batch_index(&outcomes, dir);
                if let Err(message) =
                    gxreport::output::write_atomic(&dir.join("index.html"), index.as_bytes())
                {
                    eprintln!("错误：{message}");
                }
            }
        }
    }
    let mut failed = outcomes.iter().any(|o| o.status == Status::Failed);
    if let Some(bundle) = &args.bundle {
        failed |= !write_bundle(bundle, &outcomes, &settings, args);
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Files as given; folders become their `*.yaml`/`*.yml` files, by name.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(input)
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
                        && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                })
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!(
                    "文件夹“{}”中没有 .yaml 报告数据文件。",
                    input.display()
                ));
            }
            out.extend(files);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
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
        {
            Some("png") => Format::Png,
            Some("svg") => Format::Svg,
            Some("html" | "htm") => Format::Html,
            _ => Format::Pdf,
        },
    }
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Pdf => "pdf",
        Format::Png => "png",
        Format::Svg => "svg",
        Format::Html => "html",
    }
}

/// Where each report goes: `-o` itself for one report; for several, the
/// `-o` folder (made if missing) or beside each input, named by the pattern.
fn plan(
    inputs: &[PathBuf],
    args: &BuildArgs,
    many: bool,
    format: Format,
) -> Result<Vec<Job>, String> {
    let ext = extension(format);
    if !many {
        let output = args
            .output
            .clone()
            .unwrap_or_else(|| inputs[0].with_extension(ext));
        return Ok(vec![Job {
            input: inputs[0].clone(),
            output,
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

fn standards(list: &[StandardArg]) -> Vec<Standard> {
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

/// One report: its findings, then what was written or why not.
fn report_single(o: &Outcome, args: &BuildArgs, fonts: &gxreport::typeset::fonts::FontSet) {
    if args.message_format == OutputFormat::Json {
        println!("{}", serde_json::to_string(o).unwrap_or_default());
        return;
    }
    let input = Path::new(&o.input);
    if o.status == Status::Failed && o.errors.is_empty() {
        super::report_problems(&o.findings, input, OutputFormat::Human);
        eprintln!("{}", super::check::summary(&o.findings));
        eprintln!("未生成 PDF：请修改上述问题后重试。");
        return;
    }
    super::report_problems(&o.findings, input, OutputFormat::Human);
    if !o.findings.is_empty()
        && args.common.allow_inconsistent
        && o.findings.iter().any(|d| d.severity == Severity::Error)
    {
        eprintln!("注意：数据不符合勾稽关系，已按 --allow-inconsistent 照原样生成。");
    }
    for e in &o.errors {
        eprintln!("错误：{e}");
    }
    if o.status == Status::Built {
        if let Some(line) = super::fonts::fallback_line(fonts) {
            eprintln!("{line}");
        }
        eprintln!("已生成 {}", o.outputs.join("、"));
    }
}

/// Many reports: a progress bar on a terminal, plain lines otherwise, then a summary.
fn run_many(jobs: &[Job], settings: &Settings, args: &BuildArgs, threads: usize) -> Vec<Outcome> {
    let json = args.message_format == OutputFormat::Json;
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
    if errors > 0 {
        format!("{errors} 个错误（gxreport check {} 可查看详情）", o.input)
    } else {
        o.errors.join("；")
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

/// The gazette volume of every report that was built; false if it failed.
fn write_bundle(path: &Path, outcomes: &[Outcome], settings: &Settings, args: &BuildArgs) -> bool {
    let reports: Vec<_> = outcomes.iter().filter_map(|o| o.report.clone()).collect();
    if reports.is_empty() {
        eprintln!("错误：没有可以编入汇编的报告。");
        return false;
    }
    let cover: Vec<String> = args.bundle_title.split('|').map(str::to_string).collect();
    let result = gxreport::typeset_bundle(
        &reports,
        &cover,
        settings.templates,
        settings.fonts,
        &settings.options,
    )
    .and_then(|doc| {
        gxreport::typeset::pdf_with(&doc, "gxreport/bundle", &settings.standards)
            .map_err(|es| es.iter().map(ToString::to_string).collect())
    })
    .and_then(|pdf| gxreport::output::write_atomic(path, &pdf).map_err(|e| vec![e]));
    match result {
        Ok(()) => {
            if args.message_format == OutputFormat::Human {
                eprintln!("已生成汇编 {}（{} 份报告）", path.display(), reports.len());
            }
            true
        }
        Err(errors) => {
            for e in errors {
                eprintln!("错误：汇编未生成：{e}");
            }
            false
        }
    }
}
