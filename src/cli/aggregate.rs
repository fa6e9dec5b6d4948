//! `gxreport aggregate reports/ -o 全县汇总.yaml [--agency …] [--year …]
//! [--skip-invalid] [--breakdown 明细.csv|明细.xlsx]`: check every unit, sum the
//! tables, write the aggregated report YAML and its manifest.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use gxreport::aggregate::{self, Aggregate, Excluded, Unit};
use gxreport::diagnostic::Severity;

use super::{AggregateArgs, OutputFormat};

pub fn run(args: &AggregateArgs) -> ExitCode {
    let json = args.messages.message_format == OutputFormat::Json;
    let result = aggregate(args);
    if json {
        // The last line of the JSON stream: what was written, or why not.
        let summary = match &result {
            Ok(_) => serde_json::json!({
                "status": "ok",
                "output": args.output.display().to_string(),
                "manifest": aggregate::manifest_path(&args.output).display().to_string(),
            }),
            Err(message) => serde_json::json!({ "status": "failed", "error": message }),
        };
        println!("{summary}");
    }
    match result {
        Ok(false) => ExitCode::SUCCESS,
        // Written, but without some units: a scheduler must notice.
        Ok(true) => ExitCode::from(1),
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(2)
        }
    }
}

/// Ok(true) when units were left out (`--skip-invalid`).
fn aggregate(args: &AggregateArgs) -> Result<bool, String> {
    if let Some(b) = &args.breakdown {
        if b.extension().is_some_and(|e| e.eq_ignore_ascii_case("xls")) {
            return Err(format!(
                "错误：明细表不能写成旧的 .xls 格式：请把“{}”改为 .xlsx（Excel 工作簿）或 .csv 文件。",
                b.display()
            ));
        }
    }
    let files = aggregate::unit_files(&args.dir, &args.output).map_err(|m| format!("错误：{m}"))?;
    if files.is_empty() {
        return Err(format!(
            "错误：文件夹“{}”中没有 .yaml 文件，没有可以汇总的单位。",
            args.dir.display()
        ));
    }

    // Every unit is loaded and checked; all problems are shown at once.
    let pipeline = gxreport::Pipeline::embedded();
    let mut units = Vec::new();
    let mut refused = Vec::new();
    // Earlier outputs of aggregate in the folder: left out, and recorded in
    // the manifest, but neither a refused unit nor a reason to stop.
    let mut earlier = Vec::new();
    for path in &files {
        if aggregate::is_aggregate_output(path) {
            eprintln!(
                "注意：“{}”是 gxreport aggregate 此前生成的汇总数据，不是单位的报告，未计入。",
                path.display()
            );
            earlier.push(excluded(path, "是此前生成的汇总数据".into()));
            continue;
        }
        match aggregate::read_unit(path, &pipeline) {
            Ok(unit) => units.push(unit),
            Err(prepared) => {
                let errors = prepared.errors();
                eprintln!("单位数据“{}”有 {errors} 个错误，不能汇总：", path.display());
                super::report_prepared(&prepared, args.messages.message_format);
                // A file that could not be read at all says why (issue 24).
                let unread = prepared.findings.iter().find(|d| d.code == "E-IMPORT");
                let reason = match unread {
                    Some(d) => format!("无法读入（{}）", d.message.trim_end_matches('。')),
                    None => format!("数据有 {errors} 个错误"),
                };
                refused.push(excluded(path, reason));
            }
        }
    }

    // The same report twice would be counted twice.
    let dups = aggregate::duplicates(&units);
    for (i, j, why) in dups.iter().rev() {
        let (kept, dup) = (&units[*i], &units[*j]);
        eprintln!(
            "{}：单位数据“{}”与“{}”{why}，是同一份报告，不能重复汇总。",
            if args.skip_invalid {
                "注意"
            } else {
                "错误"
            },
            dup.path.display(),
            kept.path.display()
        );
        refused.push(excluded(&dup.path, format!("与 {} {why}", kept.file)));
    }
    let mut drop: Vec<usize> = dups.iter().map(|d| d.1).collect();
    drop.sort_unstable_by(|a, b| b.cmp(a));
    drop.dedup();
    for j in drop {
        units.remove(j);
    }

    let year = match (args.year, common_year(&units)) {
        (Some(y), _) => Some(y),
        (None, Ok(y)) => y,
        (None, Err(message)) => return Err(message),
    };
    if let Some(year) = year {
        let (same, other): (Vec<Unit>, Vec<Unit>) = units.into_iter().partition(|u| u.year == year);
        units = same;
        for u in other {
            eprintln!(
                "{}：单位数据“{}”（{}）是 {} 年的报告，与汇总年度 {year} 年不一致。",
                if args.skip_invalid {
                    "注意"
                } else {
                    "错误"
                },
                u.path.display(),
                aggregate::one_line(&u.agency),
                u.year
            );
            refused.push(excluded(
                &u.path,
                format!("是 {} 年的报告，汇总年度为 {year} 年", u.year),
            ));
        }
    }
    refused.sort_by(|a, b| a.file.cmp(&b.file));

    if !refused.is_empty() && !args.skip_invalid {
        return Err(format!(
            "未汇总：{} 个单位的数据有错误、年度不符或重复（见上）。请改正后重试，或加 --skip-invalid 排除这些单位、汇总其余单位。",
            refused.len()
        ));
    }
    for e in &refused {
        eprintln!("已排除 {}：{}。", e.file, e.reason);
    }
    let left_out = refused.len();
    refused.extend(earlier);
    refused.sort_by(|a, b| a.file.cmp(&b.file));
    let Some(year) = year.filter(|_| !units.is_empty()) else {
        return Err("错误：没有可以汇总的单位。".into());
    };
    for u in units.iter().filter(|u| !u.warnings.is_empty()) {
        eprintln!(
            "注意：单位数据“{}”有 {} 个警告（不影响汇总），可用 gxreport check 查看。",
            u.path.display(),
            u.warnings.len()
        );
    }

    let agency = match &args.agency {
        Some(a) => a.clone(),
        None => {
            eprintln!(
                "注意：未用 --agency 指定机关名称，汇总报告暂写为“{}”，请在生成的文件中改正。",
                aggregate::DEFAULT_AGENCY
            );
            aggregate::DEFAULT_AGENCY.to_string()
        }
    };
    let n = units.len();
    let agg = Aggregate::new(agency, year, units, refused).map_err(|m| format!("错误：{m}"))?;

    let json_path = aggregate::manifest_path(&args.output);
    let json_name = aggregate::file_name(&json_path);
    let yaml = aggregate::yaml::write(&agg, &json_name);
    self_check(&yaml, &args.output)?;

    let write = |path: &Path, bytes: &[u8]| {
        gxreport::output::write_atomic(path, bytes).map_err(|m| format!("错误：{m}"))
    };
    let breakdown = match &args.breakdown {
        Some(path) => Some((
            path,
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            {
                aggregate::xlsx::xlsx(&agg)
            } else {
                aggregate::breakdown::csv(&agg)
            }
            .map_err(|m| format!("错误：{m}"))?,
        )),
        None => None,
    };
    write(&args.output, yaml.as_bytes())?;
    write(
        &json_path,
        agg.manifest_json(&aggregate::file_name(&args.output))
            .as_bytes(),
    )?;
    eprintln!(
        "已汇总 {n} 个单位，生成 {}（单位清单另见 {}）",
        args.output.display(),
        json_path.display()
    );
    if let Some((path, bytes)) = breakdown {
        write(path, &bytes)?;
        eprintln!("已生成明细表 {}", path.display());
    }
    if left_out > 0 {
        eprintln!("注意：有 {left_out} 个单位未计入汇总（见上），退出码为 1。");
    }
    Ok(left_out > 0)
}

/// A unit left out, with the SHA-256 of what was read.
fn excluded(path: &Path, reason: String) -> Excluded {
    Excluded {
        file: aggregate::file_name(path),
        sha256: aggregate::sha256_of(path),
        reason,
    }
}

/// The year shared by the units, or the year most of them have (the others
/// are then refused); a tie cannot be decided without `--year`.
fn common_year(units: &[Unit]) -> Result<Option<u32>, String> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for u in units {
        *counts.entry(u.year).or_default() += 1;
    }
    let Some(most) = counts.values().copied().max() else {
        return Ok(None);
    };
    let leaders: Vec<u32> = counts
        .iter()
        .filter(|(_, c)| **c == most)
        .map(|(y, _)| *y)
        .collect();
    if let [year] = leaders[..] {
        return Ok(Some(year));
    }
    let list = counts
        .iter()
        .map(|(y, c)| format!("{y} 年 {c} 个"))
        .collect::<Vec<_>>()
        .join("、");
    let files = units
        .iter()
        .map(|u| format!("{}（{} 年）", u.path.display(), u.year))
        .collect::<Vec<_>>()
        .join("、");
    Err(format!(
        "错误：各单位的年度不一致（{list}）：{files}。无法确定汇总年度，请移走其他年度的文件，或用 --year 指定汇总年度。"
    ))
}

/// The written YAML must load and pass `check`: anything else is a bug,
/// and nothing is written.
fn self_check(yaml: &str, output: &Path) -> Result<(), String> {
    let file = output.display().to_string();
    let findings = gxreport::Pipeline::embedded()
        .prepare_text(yaml, &file)
        .findings
        .into_iter()
        .filter(|d| d.code != "W-PLACEHOLDER")
        .collect::<Vec<_>>();
    if findings.is_empty() {
        return Ok(());
    }
    eprint!(
        "{}",
        gxreport::diagnostic::render(&findings, Some(yaml), false)
    );
    if findings.iter().any(|d| d.severity == Severity::Error) {
        return Err(format!(
            "错误：生成的汇总数据未通过检查（程序错误），未写出“{file}”。"
        ));
    }
    Ok(())
}
