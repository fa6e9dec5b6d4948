//! `gxreport schema [-o gxreport.schema.json]`: the JSON Schema of the report YAML.

use std::process::ExitCode;

use super::SchemaArgs;

pub fn run(args: &SchemaArgs) -> ExitCode {
    let text = gxreport::drafting::schema::schema_text();
    match &args.output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match gxreport::output::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                eprintln!("已生成 {}", path.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("错误：{message}");
                ExitCode::from(2)
            }
        },
    }
}
