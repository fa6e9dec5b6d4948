//! `gxreport build data.yaml -o report.pdf`

use std::path::PathBuf;
use std::process::ExitCode;

use gxreport::render::Templates;

use super::BuildArgs;

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
    match gxreport::build_pdf(&args.input, &templates) {
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
            eprintln!("未生成 PDF：共 {} 个问题，请修改后重试。", problems.len());
            ExitCode::from(2)
        }
    }
}

/// `data.yaml` → `data.pdf`, beside the input.
fn default_output(input: &std::path::Path) -> PathBuf {
    input.with_extension("pdf")
}
