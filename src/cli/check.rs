//! `gxreport check 数据.yaml… [--previous 去年.yaml] [--message-format json]`:
//! everything `build` does, the layout and its check included, except writing
//! the PDF, so a report that passes here builds.

use std::process::ExitCode;

use gxreport::diagnostic::{Diagnostic, Severity};
use gxreport::Prepared;

use super::{CheckArgs, OutputFormat};

pub fn run(args: &CheckArgs) -> ExitCode {
    let format = args.messages.message_format;
    let inputs = match super::expand_with(&args.inputs, true) {
        Ok(i) => i,
        Err(message) => return super::fail(&message),
    };
    let pipeline = match args.prepare.pipeline() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let previous = match &args.previous {
        None => None,
        Some(path) => {
            let last = pipeline.prepare(path);
            match last.report {
                // Last year's file must load before it can be compared.
                None => {
                    super::report_prepared(&last, format);
                    return ExitCode::from(2);
                }
                Some(r) => Some(r),
            }
        }
    };
    let mut worst = 0;
    let mut rows = Vec::new();
    for input in &inputs {
        let prepared = pipeline.check_layout(pipeline.prepare_against(input, previous.as_ref()));
        // Typst's memo cache would otherwise keep every report laid out:
        // a folder of a thousand reports ran to gigabytes.
        gxreport::typeset::evict_cache(10);
        rows.push(super::audit::Row::of(&prepared));
        super::report_prepared(&prepared, format);
        if format == OutputFormat::Human {
            if inputs.len() > 1 {
                eprintln!("{}：{}", prepared.file, summary(&prepared.findings));
            } else {
                eprintln!("{}", summary(&prepared.findings));
            }
            if prepared.blocked && prepared.report.is_some() && prepared.errors() == 0 {
                eprintln!("（带 --draft 可生成征求意见稿；正式版须先补写上述内容。）");
            }
            if !prepared.blocked && prepared.errors() > 0 {
                eprintln!(
                    "（有 --allow-inconsistent：这些错误照原样保留，不阻止生成，退出码为 1。）"
                );
            }
        }
        worst = worst.max(exit_code(&prepared));
    }
    // Several reports: the audit table, and the CSV if asked.
    if inputs.len() > 1 {
        match format {
            OutputFormat::Human => eprint!("\n{}", super::audit::table(&rows)),
            OutputFormat::Json => {
                println!(
                    "{}",
                    serde_json::json!({ "summary": { "reports": rows, "exit": worst } })
                )
            }
        }
    }
    if let Some(path) = &args.csv {
        let written =
            super::audit::csv(&rows).and_then(|bytes| gxreport::output::write_atomic(path, &bytes));
        match written {
            Ok(()) if format == OutputFormat::Human => eprintln!("已生成汇总表 {}", path.display()),
            Ok(()) => {}
            Err(message) => {
                eprintln!("错误：{message}");
                worst = 2;
            }
        }
    }
    ExitCode::from(worst)
}

/// 0 when clean, 1 when there are only warnings that do not stop the build,
/// 2 when `build` would refuse the report.
pub fn exit_code(p: &Prepared) -> u8 {
    if p.blocked {
        2
    } else if p.findings.is_empty() {
        0
    } else {
        1
    }
}

/// “检查完毕：2 个错误，1 个警告。”
pub fn summary(findings: &[Diagnostic]) -> String {
    let errors = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    if findings.is_empty() {
        "检查完毕：没有发现问题。".into()
    } else {
        format!("检查完毕：{errors} 个错误，{warnings} 个警告。")
    }
}
