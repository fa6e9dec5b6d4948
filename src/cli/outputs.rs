//! Where `build` writes: the format (from `--format` or the output's
//! extension), the output file or folder, and the names of a batch's files.

use std::path::{Path, PathBuf};

use gxreport::batch::{Format, Job};

use super::{BuildArgs, FormatArg};

/// The format asked for, or the one the output's extension names (PDF otherwise).
pub fn format_of(args: &BuildArgs) -> Format {
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
pub fn plan(
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
    let mut seen: std::collections::HashMap<PathBuf, &PathBuf> = std::collections::HashMap::new();
    inputs
        .iter()
        .map(|input| {
            let name = name_for(input, &args.name_pattern);
            let dir = args
                .output
                .clone()
                .unwrap_or_else(|| input.parent().map(Path::to_path_buf).unwrap_or_default());
            let output = dir.join(format!("{name}.{ext}"));
            if let Some(first) = seen.insert(output.clone(), input) {
                return Err(format!(
                    "“{}”和“{}”的输出文件同名：“{}”。{}",
                    first.display(),
                    input.display(),
                    output.display(),
                    separating_pattern(first, input, &args.name_pattern)
                ));
            }
            Ok(Job {
                input: input.clone(),
                output,
            })
        })
        .collect()
}

/// A `--name-pattern` that gives the two inputs different names, other
/// than the one in use; else the other way to keep them apart.
fn separating_pattern(a: &Path, b: &Path, in_use: &str) -> String {
    ["{agency}-{year}", "{stem}", "{stem}-{agency}-{year}"]
        .into_iter()
        .find(|p| *p != in_use && name_for(a, p) != name_for(b, p))
        .map_or_else(
            || "请把它们分别输出到不同的文件夹。".to_string(),
            |p| format!("请用 --name-pattern \"{p}\" 区分。"),
        )
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
