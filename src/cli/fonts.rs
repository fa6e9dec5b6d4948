//! `gxreport fonts [data.yaml]`: which face plays each role and why, every
//! font found, and (with a report) the coverage of its characters.

use std::process::ExitCode;

use gxreport::typeset::coverage;
use gxreport::typeset::fonts::{for_options, FontSet};

use super::{FontsArgs, OutputFormat};

pub fn run(args: &FontsArgs) -> ExitCode {
    let set = for_options(&args.fonts.options());
    print!("{}", describe(&set));
    let Some(input) = &args.input else {
        return ExitCode::SUCCESS;
    };
    let file = input.display().to_string();
    let findings = match gxreport::report::load::load_file(input) {
        Ok(report) => {
            print!("{}", substituted(&coverage::substitutions(&report, &set)));
            coverage::check(&report, &set, &file)
        }
        Err(problems) => problems,
    };
    super::report_problems(&findings, input, OutputFormat::Human);
    eprintln!("{}", super::check::summary(&findings));
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
    for (font, origin) in set.fonts.iter().zip(&set.origins) {
        let info = font.info();
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
