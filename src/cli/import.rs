//! `gxreport import 已发布.pdf -o 数据.yaml [--force]`: read a published
//! report (PDF, Word, web page, plain text) back into the project's YAML.

use std::process::ExitCode;

use gxreport::diagnostic::Severity;

use super::{ImportArgs, OutputFormat};

pub fn run(args: &ImportArgs) -> ExitCode {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.input.with_extension("yaml"));
    if output == args.input {
        eprintln!("错误：输出文件与输入文件相同，请用 -o 指定另一个文件名。");
        return ExitCode::from(2);
    }
    if output.exists() && !args.force {
        eprintln!(
            "错误：“{}”已存在，没有改动它。要覆盖请加 --force，或用 -o 指定另一个文件名。",
            output.display()
        );
        return ExitCode::from(2);
    }
    let imported = match gxreport::import::read(&args.input) {
        Ok(i) => i,
        Err(problems) => {
            super::report_problems(
                &problems,
                None,
                &args.input.display().to_string(),
                args.messages.message_format,
            );
            if args.messages.message_format == OutputFormat::Human {
                eprintln!("未导入：以上问题使报告无法完整读入，没有写出数据文件。");
            }
            return ExitCode::from(2);
        }
    };
    if let Err(message) = gxreport::output::write_atomic(&output, imported.yaml.as_bytes()) {
        eprintln!("错误：{message}");
        return ExitCode::from(2);
    }
    super::report_problems(
        &imported.notes,
        None,
        &args.input.display().to_string(),
        args.messages.message_format,
    );
    if args.messages.message_format == OutputFormat::Human {
        // The count vouches for figures placed by their printed labels; when
        // the reader did anything else (read a row in the official column
        // order, took a misprinted label, left unseen content out), it says so.
        let warned = imported
            .notes
            .iter()
            .filter(|n| n.code == "W-IMPORT")
            .count();
        // What the count of figures read leaves out, said only when there is any.
        let mut notes = Vec::new();
        if imported.figures_blank > 0 {
            notes.push(match imported.reading {
                gxreport::import::Reading::Published => {
                    format!("{} 个印为空白，按 0 填写", imported.figures_blank)
                }
                gxreport::import::Reading::Draft => {
                    format!("{} 个没有填写，暂按 0 写入", imported.figures_blank)
                }
            });
        }
        if warned > 0 {
            notes.push(format!("读法有 {warned} 处与原文字面不同（按栏目顺序读入、按印错的名称读入或略去看不见的内容），见上面的提示"));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("（{}）", notes.join("；"))
        };
        // “已从 PDF 读入”, “已从网页（HTML）读入”: a space before Latin letters.
        let space = if imported.kind.starts_with(|c: char| c.is_ascii_alphabetic()) {
            " "
        } else {
            ""
        };
        eprintln!(
            "已从{space}{}读入表格中 {} 个数字里的 {} 个{notes}，用时 {} 毫秒。",
            imported.kind,
            gxreport::import::recognise::figure_count(),
            imported.figures_read,
            imported.millis
        );
        eprintln!("已生成 {}", output.display());
        eprintln!(
            "下一步：gxreport check {} 检查勾稽关系（数字照原样读入，不一致之处会在检查中列出）。",
            output.display()
        );
    }
    if imported
        .notes
        .iter()
        .any(|n| n.severity == Severity::Warning)
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
