//! `gxreport fonts [data.yaml]`: which face plays each role and why, every
//! font found, and (with a report) the coverage of its characters.

use std::process::ExitCode;

use gxreport::pipeline::coverage;
use gxreport::report::load;
use gxreport::typeset::fonts::FontSet;

use super::{FontsArgs, OutputFormat};

pub fn run(args: &FontsArgs) -> ExitCode {
    let format = args.messages.message_format;
    let set = args.fonts.load();
    if format == OutputFormat::Human {
        print!("{}", describe(&set));
    }
    let Some(input) = &args.input else {
        return ExitCode::SUCCESS;
    };
    let file = input.display().to_string();
    let (findings, source) = match load::read_source(input) {
        Err(problems) => (problems, None),
        Ok(source) => match load::load_source(&source, &file) {
            Ok(report) => {
                let (report, _) = gxreport::report::figures::resolve(report, &file);
                if format == OutputFormat::Human {
                    print!("{}", substituted(&coverage::substitutions(&report, &set)));
                }
                (coverage::check(&report, &set, &file), Some(source.text))
            }
            Err(problems) => (problems, Some(source.text)),
        },
    };
    super::report_problems(&findings, source.as_deref(), &file, format);
    if format == OutputFormat::Human {
        eprintln!("{}", super::check::summary(&findings));
    }
    ExitCode::from(gxreport::check::exit_code(&findings))
}

/// The roles table and the list of fonts, as printed by `gxreport fonts`.
pub fn describe(set: &FontSet) -> String {
    let mut out = String::from("各角色使用的字体：\n");
    for c in set.choices() {
        let file = set
            .family_fonts(&c.family)
            .next()
            .map(|(_, o)| o.to_string())
            .unwrap_or_default();
        let why = if c.official {
            "找到官方字体".to_string()
        } else {
            format!(
                "未找到官方字体（{}），使用内置开源字体",
                c.role.official.join("、")
            )
        };
        out.push_str(&format!(
            "  {}：{}（{}）—— {}\n",
            c.role.name, c.family, file, why
        ));
    }
    out.push_str("\n找到的字体：\n");
    for (info, origin) in set.faces() {
        out.push_str(&format!(
            "  {} {:?} {:?}  {}\n",
            info.family,
            info.variant.weight.to_number(),
            info.variant.style,
            origin
        ));
    }
    out
}

/// The characters each role's face lacks and the face that prints them.
pub fn substituted(subs: &[coverage::Substitution]) -> String {
    let mut out = String::from("\n本报告中各角色字体缺少的字：\n");
    if subs.is_empty() {
        out.push_str("  无：每个字都由其角色的字体印出。\n");
        return out;
    }
    let mut roles: Vec<(&str, &str)> = Vec::new();
    for s in subs {
        if !roles.contains(&(s.role_name, s.family.as_str())) {
            roles.push((s.role_name, s.family.as_str()));
        }
    }
    for (role, family) in roles {
        out.push_str(&format!("  {role}（{family}）：\n"));
        for s in subs.iter().filter(|s| s.role_name == role) {
            let used = match &s.used {
                Some(f) => format!("改用 {f}"),
                None => "没有字体含有这个字".to_string(),
            };
            out.push_str(&format!("    {}（U+{:04X}）{used}\n", s.c, s.c as u32));
        }
    }
    out
}

/// One line for `build` when some role is set in an embedded face instead
/// of an official one, so a clerk knows why the print looks different.
pub fn fallback_line(set: &FontSet) -> Option<String> {
    let choices = set.choices();
    let fallen: Vec<&str> = choices
        .iter()
        .filter(|c| !c.official)
        .map(|c| c.role.name)
        .collect();
    if fallen.is_empty() {
        None
    } else if fallen.len() == choices.len() {
        Some("字体：本机没有官方字体（仿宋_GB2312 等），使用内置开源字体（gxreport fonts 可查看详情）。".into())
    } else {
        Some(format!(
            "字体：{} 没有找到官方字体，使用内置开源字体（gxreport fonts 可查看详情）。",
            fallen.join("、")
        ))
    }
}
