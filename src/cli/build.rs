//! `gxreport build data.yaml -o report.pdf`: load, check, typeset, write.

use std::path::PathBuf;
use std::process::ExitCode;

use gxreport::check;
use gxreport::diagnostic::Severity;
use gxreport::render::Templates;

use super::{BuildArgs, OutputFormat};

pub fn run(args: &BuildArgs) -> ExitCode {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.input));
    let templates = match &args.template_dir {
        None => Templates::embedded(),
        Some(dir) => match Templates::with_overrides(dir) {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "错误：无法读取模板文件夹“{}”：{}",
                    dir.display(),
                    gxreport::diagnostic::io_reason(&e)
                );
                return ExitCode::from(2);
            }
        },
    };
    let file = args.input.display().to_string();
    let report = match gxreport::report::load::load_file(&args.input) {
        Ok(r) => r,
        Err(problems) => return refuse(&problems, args),
    };
    let fonts = gxreport::typeset::fonts::for_options(&args.fonts.options());
    let mut findings = check::check(&report, &file, None);
    findings.extend(gxreport::typeset::coverage::check(&report, &fonts, &file));
    check::sort(&mut findings);
    let errors = findings.iter().filter(|d| d.severity == Severity::Error);
    // A figure reference that does not resolve cannot be printed at all.
    let fatal = errors.clone().any(|d| !d.code.starts_with('R'));
    if errors.count() > 0 && (fatal || !args.allow_inconsistent) {
        return refuse(&findings, args);
    }
    super::report_problems(&findings, &args.input, OutputFormat::Human);
    if !findings.is_empty() && args.allow_inconsistent {
        eprintln!("注意：数据不符合勾稽关系，已按 --allow-inconsistent 照原样生成。");
    }
    if let Some(line) = super::fonts::fallback_line(&fonts) {
        eprintln!("{line}");
    }
    match gxreport::build_report_pdf_with(&report, &templates, &fonts) {
        Ok(pdf) => match gxreport::output::write_atomic(&output, &pdf) {
            Ok(()) => {
                eprintln!("已生成 {}", output.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("错误：{message}");
                ExitCode::from(2)
            }
        },
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("未生成 PDF：排版失败。");
            ExitCode::from(2)
        }
    }
}

fn refuse(problems: &[gxreport::diagnostic::Diagnostic], args: &BuildArgs) -> ExitCode {
    super::report_problems(problems, &args.input, OutputFormat::Human);
    eprintln!("{}", super::check::summary(problems));
    eprintln!("未生成 PDF：请修改上述问题后重试。");
    ExitCode::from(2)
}

/// `data.yaml` → `data.pdf`, beside the input.
fn default_output(input: &std::path::Path) -> PathBuf {
    input.with_extension("pdf")
}
