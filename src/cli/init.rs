//! `gxreport init [-o report.yaml] [--agency 名称] [--year 2025] [--from last-year.yaml] [--force]`:
//! write the skeleton of a report (and the editor schema beside it).

use std::path::Path;
use std::process::ExitCode;

use gxreport::drafting::skeleton::{self, SCHEMA_FILE};

use super::{InitArgs, OutputFormat};

pub fn run(args: &InitArgs) -> ExitCode {
    if args.output.exists() && !args.force {
        eprintln!(
            "错误：“{}”已存在，没有改动它。要覆盖请加 --force，或用 -o 指定另一个文件名。",
            args.output.display()
        );
        return ExitCode::from(2);
    }
    // A Word document asked for: the official template to fill in Word.
    if args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    {
        return word_template(args);
    }
    let text = match &args.from {
        None => skeleton::skeleton(
            args.agency.as_deref(),
            args.year.unwrap_or_else(skeleton::default_year),
            SCHEMA_FILE,
        ),
        Some(path) => {
            // Last year's figures seed this year's (上年结转): they must hold.
            let checked = gxreport::Pipeline::embedded().prepare(path);
            if checked.errors() > 0 {
                super::report_prepared(&checked, OutputFormat::Human);
                eprintln!(
                    "未生成：上一年度的报告数据有错误，其数字会被沿用（如上年结转），请先修改上述问题。"
                );
                return ExitCode::from(2);
            }
            // The prose as written (references kept), not as printed.
            let last = if gxreport::pipeline::is_published(path) {
                gxreport::import::read(path)
                    .and_then(|i| gxreport::report::load::load_str(&i.yaml, &checked.file))
            } else {
                gxreport::report::load::load_file(path)
            };
            match last {
                Ok(last) => {
                    skeleton::next_year(&last, args.agency.as_deref(), args.year, SCHEMA_FILE)
                }
                Err(problems) => {
                    super::report_problems(
                        &problems,
                        checked.source.as_deref(),
                        &checked.file,
                        OutputFormat::Human,
                    );
                    return ExitCode::from(2);
                }
            }
        }
    };
    if let Err(message) = gxreport::output::write_atomic(&args.output, text.as_bytes()) {
        eprintln!("错误：{message}");
        return ExitCode::from(2);
    }
    eprintln!("已生成 {}", args.output.display());
    write_schema_beside(&args.output);
    eprintln!(
        "下一步：填写数字和文字，改写括号中的提示文字，然后 gxreport check {0} 检查，gxreport build {0} 生成 PDF（改写完之前可用 gxreport build --draft {0} 生成征求意见稿）。",
        args.output.display()
    );
    ExitCode::SUCCESS
}

/// The schema named on the skeleton's first line, beside it, unless one is there.
fn write_schema_beside(yaml: &Path) {
    let path = yaml.with_file_name(SCHEMA_FILE);
    if path.exists() {
        return;
    }
    let text = gxreport::drafting::schema::schema_text();
    match gxreport::output::write_atomic(&path, text.as_bytes()) {
        Ok(()) => eprintln!(
            "已生成 {}（供编辑器补全键名、显示栏目名称，可用 gxreport schema -o 重新生成）",
            path.display()
        ),
        Err(message) => eprintln!("注意：编辑器提示文件未写出：{message}"),
    }
}

/// `init -o 报告.docx`: the official template as a Word document.
fn word_template(args: &InitArgs) -> ExitCode {
    if args.from.is_some() {
        eprintln!(
            "错误：Word 模板不沿用上一年度的报告（--from）。请去掉 --from，或写出 YAML 数据文件（-o 2025.yaml）。"
        );
        return ExitCode::from(2);
    }
    let year = args.year.unwrap_or_else(skeleton::default_year);
    let bytes = match gxreport::drafting::docx::template(args.agency.as_deref(), year) {
        Ok(b) => b,
        Err(why) => {
            eprintln!("错误：{why}");
            return ExitCode::from(2);
        }
    };
    if let Err(message) = gxreport::output::write_atomic(&args.output, &bytes) {
        eprintln!("错误：{message}");
        return ExitCode::from(2);
    }
    eprintln!(
        "已生成 {}（官方格式模板，Word 或 WPS 打开填写）",
        args.output.display()
    );
    eprintln!(
        "下一步：填写标题中的机关名称、各部分文字和表格中的每个数字（是 0 的填 0），然后 gxreport check {0} 检查，gxreport build {0} 生成 PDF。",
        args.output.display()
    );
    ExitCode::SUCCESS
}
