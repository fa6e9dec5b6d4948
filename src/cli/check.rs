//! `gxreport check data.yaml [--previous last-year.yaml] [--format json]`

use std::process::ExitCode;

use gxreport::check;
use gxreport::diagnostic::{Diagnostic, Severity};

use super::{CheckArgs, OutputFormat};

pub fn run(args: &CheckArgs) -> ExitCode {
    let file = args.input.display().to_string();
    let previous = match &args.previous {
        None => None,
        Some(path) => match gxreport::report::load::load_file(path) {
            Ok(r) => Some(r),
            Err(problems) => {
                // Last year's file must load before it can be compared.
                super::report_problems(&problems, path, args.format);
                return ExitCode::from(2);
            }
        },
    };
    let findings = match gxreport::report::load::load_file(&args.input) {
        Ok(report) => check::check(&report, &file, previous.as_ref()),
        Err(problems) => problems,
    };
    super::report_problems(&findings, &args.input, args.format);
    if args.format == OutputFormat::Human {
        eprintln!("{}", summary(&findings));
    }
    ExitCode::from(check::exit_code(&findings))
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
