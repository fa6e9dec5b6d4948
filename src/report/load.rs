//! YAML → [`Report`]: the one loading function and its error messages.
//!
//! serde-saphyr parses the file with deliberate budgets; the three tables are
//! read by the format-driven visitors of [`super::tables`]. Every value keeps
//! its line and column.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::{Budget, Options, Spanned};

use super::hazards;
use super::prose::{pos, val, Ctx, RawProse};
use super::tables::{self, RawTableA, RawTableB, RawTableC};
use super::{Report, Val};
use crate::diagnostic::{Diagnostic, Severity};
use crate::format::{DEFAULT_LEAD, DEFAULT_OTHER_MATTERS, DEFAULT_TITLE_LINE};

/// Largest input accepted: a report is a few kilobytes.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// A report file's text as decoded, with what decoding had to say.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text every finding's line and column refer to.
    pub text: String,
    /// Warnings from decoding (W-ENCODING for a GBK file).
    pub notices: Vec<Diagnostic>,
}

/// Every line end as `\n`: Windows' `\r\n` and a lone `\r` (old Mac files,
/// some pastes), which YAML also takes as a line break, so that lines and
/// columns mean the same to the parser and to the snippets drawn from the text.
pub fn line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Read and decode one report file (UTF-8, or GBK/GB18030 with a warning).
///
/// Errors: E-FILE for a missing, unreadable, too large or undecodable file.
pub fn read_source(path: &Path) -> Result<SourceText, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let fail = |message: String, hint: &str| vec![Diagnostic::file_error(&file, message, hint)];
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件路径是否正确。",
        )
    })?;
    if meta.is_dir() {
        return Err(fail(
            "这是一个文件夹，不是 YAML 文件。".into(),
            "请给出报告的 .yaml 文件路径。",
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(fail(
            format!(
                "文件过大（{} 字节），一份年度报告的数据不超过 {} 字节。",
                meta.len(),
                MAX_INPUT_BYTES
            ),
            "请确认选择的是报告的 YAML 数据文件。",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            format!("无法读取文件：{}", crate::diagnostic::io_reason(&e)),
            "请检查文件权限。",
        )
    })?;
    // Notepad's “Unicode” and “Unicode big endian”: UTF-16 with a byte order mark.
    for (bom, encoding, name) in [
        (
            &[0xFF, 0xFE][..],
            encoding_rs::UTF_16LE,
            "UTF-16 编码（记事本的“Unicode”）",
        ),
        (
            &[0xFE, 0xFF][..],
            encoding_rs::UTF_16BE,
            "UTF-16 大端编码（记事本的“Unicode big endian”）",
        ),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(fail(
                    format!("文件开头标明是{name}，但内容无法按此编码读取。"),
                    "请用编辑器“另存为”UTF-8 编码后重试。",
                ));
            }
            return Ok(SourceText {
                text: line_ends(&text).into_owned(),
                notices: vec![Diagnostic {
                    severity: crate::diagnostic::Severity::Warning,
                    hint: Some("建议用编辑器“另存为”UTF-8 编码。".into()),
                    ..Diagnostic::error(
                        "W-ENCODING",
                        &file,
                        None,
                        format!("文件是 {name}，已自动读取。"),
                    )
                }],
            });
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText {
            text: line_ends(&text).into_owned(),
            notices: Vec::new(),
        }),
        Err(e) => {
            // Windows Notepad's “ANSI” is GBK/GB18030 on Chinese systems: decode
            // it when it decodes cleanly, and say so.
            let bytes = e.into_bytes();
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
            if had_errors || !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                return Err(fail(
                    "文件不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法读取。".into(),
                    "请用编辑器“另存为”UTF-8 编码后重试。",
                ));
            }
            Ok(SourceText {
                text: line_ends(&text).into_owned(),
                notices: vec![Diagnostic {
                    severity: crate::diagnostic::Severity::Warning,
                    hint: Some("建议用编辑器“另存为”UTF-8 编码。".into()),
                    ..Diagnostic::error(
                        "W-ENCODING",
                        &file,
                        None,
                        "文件是 GBK/GB18030 编码（Windows 记事本的“ANSI”），已按 GB18030 读取。"
                            .into(),
                    )
                }],
            })
        }
    }
}

/// Read and load one report file.
pub fn load_file(path: &Path) -> Result<Report, Vec<Diagnostic>> {
    let source = read_source(path)?;
    load_source(&source, &path.display().to_string())
}

/// Load decoded text; the decoding's notices come first among the findings.
pub fn load_source(source: &SourceText, file: &str) -> Result<Report, Vec<Diagnostic>> {
    match load_str(&source.text, file) {
        Ok(mut report) => {
            report.notices.splice(0..0, source.notices.iter().cloned());
            Ok(report)
        }
        Err(mut problems) => {
            problems.extend(source.notices.iter().cloned());
            Err(problems)
        }
    }
}

/// Load a report from YAML text; `file` names it in messages.
pub fn load_str(text: &str, file: &str) -> Result<Report, Vec<Diagnostic>> {
    let text = line_ends(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(vec![Diagnostic::file_error(
            file,
            "文件是空的，没有任何报告数据。".into(),
            "至少需要填写 agency（机关名称）和 year（年度）。",
        )]);
    }
    // The one table of text hazards, applied before parsing so that keys,
    // numbers and every text field are read alike.
    let norm = hazards::normalise(text);
    hazards::set_current(&norm);
    tables::take_deferred();
    let parsed = serde_saphyr::from_str_with_options::<RawReport>(&norm.text, options());
    // Problems with single values were collected on the way: report them all.
    let mut problems: Vec<Diagnostic> = tables::take_deferred()
        .into_iter()
        .map(|d| Diagnostic {
            severity: d.severity,
            hint: d.hint,
            ..Diagnostic::error(d.code, file, Some(d.pos), d.message)
        })
        .collect();
    if let Ok(raw) = &parsed {
        // The schema wants a number; so does the loader.
        if hazards::quoted(&raw.year.referenced) {
            problems.push(Diagnostic {
                hint: Some(format!("请去掉引号：year: {}", raw.year.value)),
                ..Diagnostic::error(
                    "E-TYPE",
                    file,
                    Some(pos(&raw.year)),
                    "报告年度（year）加了引号，会被当作文字而不是数字。".into(),
                )
            });
        }
    }
    let blocked = problems.iter().any(|d| d.severity == Severity::Error);
    let result = match parsed {
        Ok(raw) if !blocked => {
            let ctx = Ctx {
                original: text,
                normalised: &norm.text,
                file,
                notes: Default::default(),
            };
            let mut report = raw.into_report(&ctx);
            report.notices.append(&mut problems);
            report.notices.extend(hazards::findings(&norm, file));
            report.notices.extend(ctx.notes.into_inner());
            Ok(report)
        }
        Ok(_) => Err(problems),
        Err(e) => {
            let mut d = Diagnostic::from_yaml(file, &norm.text, &e);
            d.pos = d.pos.map(|p| norm.original(p));
            problems.push(d);
            problems.sort_by_key(|d| d.pos.map(|p| (p.line, p.column)));
            Err(problems)
        }
    };
    hazards::clear();
    result.map_err(|mut problems| {
        problems.extend(hazards::findings(&norm, file));
        problems
    })
}

fn options() -> Options {
    // A report has a few hundred nodes: these limits stop alias bombs and
    // absurd nesting long before they cost memory or time.
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_depth = 32;
    budget.max_nodes = 100_000;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = MAX_INPUT_BYTES as usize;
    let mut options = Options::default();
    options.budget = Some(budget);
    options
}

// ------------------------------------------------------------ raw document

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    agency: Spanned<String>,
    year: Spanned<u32>,
    #[serde(default)]
    title: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    lead: Option<Spanned<String>>,
    overview: Spanned<RawProse>,
    #[serde(default)]
    proactive: Option<RawTableA>,
    #[serde(default)]
    requests: Option<RawTableB>,
    #[serde(default)]
    appeals: Option<RawTableC>,
    #[serde(default)]
    problems: Option<Spanned<RawProse>>,
    #[serde(default)]
    other_matters: Option<Spanned<RawProse>>,
    #[serde(default)]
    closing: Option<Spanned<String>>,
    #[serde(default)]
    signature: Option<Spanned<String>>,
    #[serde(default)]
    date: Option<Spanned<String>>,
}

impl RawReport {
    fn into_report(self, ctx: &Ctx) -> Report {
        let year = self.year.value;
        let title = match &self.title {
            Some(lines) if !lines.is_empty() => lines.iter().map(|l| ctx.line(l)).collect(),
            _ => vec![
                ctx.line(&self.agency),
                Val::computed(DEFAULT_TITLE_LINE.replace("{year}", &year.to_string())),
            ],
        };
        let lead = match &self.lead {
            Some(text) => ctx.paragraphs(&text.value, &text.referenced),
            None => vec![Val::computed(
                DEFAULT_LEAD.replace("{year}", &year.to_string()),
            )],
        };
        let prose = |p: &Option<Spanned<RawProse>>| {
            p.as_ref()
                .map(|p| p.value.to_prose(&p.referenced, ctx))
                .unwrap_or_default()
        };
        let mut other_matters = prose(&self.other_matters);
        if other_matters.is_empty() {
            other_matters
                .paragraphs
                .push(Val::computed(DEFAULT_OTHER_MATTERS.to_string()));
        }
        let a = self.proactive.unwrap_or_default();
        let b = self.requests.unwrap_or_default();
        let c = self.appeals.unwrap_or_default();
        Report {
            agency: ctx.line(&self.agency),
            year: val(&self.year),
            title,
            lead,
            overview: self.overview.value.to_prose(&self.overview.referenced, ctx),
            table_a: a.to_table(),
            proactive_note: prose(&a.note),
            table_b: b.to_table(),
            requests_note: prose(&b.note),
            table_c: c.to_table(),
            appeals_note: prose(&c.note),
            problems: prose(&self.problems),
            other_matters,
            closing: self
                .closing
                .as_ref()
                .map(|t| ctx.paragraphs(&t.value, &t.referenced))
                .unwrap_or_default(),
            signature: self.signature.as_ref().map(|s| ctx.line(s)),
            // A valid date in any accepted form prints as “2026年1月20日”; an
            // invalid one is kept as written for check's error (E-DATE).
            date: self.date.as_ref().map(|s| {
                let v = ctx.line(s);
                match parse_date(&v.value) {
                    Ok(d) => Val {
                        value: date_zh(d),
                        pos: v.pos,
                    },
                    Err(_) => v,
                }
            }),
            notices: Vec::new(),
            source: Some(ctx.original.to_string()),
        }
    }
}

// ------------------------------------------------------------ dates

/// A 成文日期 as written: “2026年1月20日”, “2026-01-20”, “2026/1/20”,
/// “2026.1.20”, full-width digits, or Chinese numerals (“二〇二六年一月二十日”).
/// Every form is checked against the calendar; the error says why not.
pub fn parse_date(s: &str) -> Result<time::Date, String> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    let t = hanzi_numerals(&t).unwrap_or(t);
    let parts: Vec<&str> = t
        .split(['年', '月', '日', '-', '/', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let shaped = t
        .chars()
        .all(|c| c.is_ascii_digit() || "年月日-/.".contains(c));
    let [y, m, d] = parts.as_slice() else {
        return Err(format!(
            "“{s}”不是日期：成文日期写成“2026年1月20日”或“2026-01-20”。"
        ));
    };
    let num = |p: &str| p.parse::<u32>().ok().filter(|_| p.len() <= 4);
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(format!(
            "“{s}”不是日期：成文日期写成“2026年1月20日”或“2026-01-20”。"
        ));
    };
    if !shaped || !(1000..=9999).contains(&y) {
        return Err(format!(
            "“{s}”不是日期：成文日期写成“2026年1月20日”或“2026-01-20”，年份写四位数字。"
        ));
    }
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(|| format!("“{s}”中没有{m}月：月份只能是 1 到 12。"))?;
    let last = month.length(y as i32);
    u8::try_from(d)
        .ok()
        .filter(|d| (1..=last).contains(d))
        .and_then(|d| time::Date::from_calendar_date(y as i32, month, d).ok())
        .ok_or_else(|| format!("“{s}”中的日期不存在：{y}年{m}月只有 {last} 天。"))
}

/// The date as printed: “2026年1月20日”.
pub fn date_zh(d: time::Date) -> String {
    format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day())
}

/// “二〇二六年一月二十日” → “2026年1月20日”; None when not written so.
fn hanzi_numerals(s: &str) -> Option<String> {
    const DIGITS: &str = "〇一二三四五六七八九";
    let digit = |c: char| {
        if c == '零' || c == 'Ｏ' || c == 'O' || c == '○' {
            Some(0)
        } else {
            DIGITS.chars().position(|d| d == c).map(|i| i as u32)
        }
    };
    if !s.chars().any(|c| digit(c).is_some() || c == '十') {
        return None;
    }
    let mut out = String::new();
    for part in s.split_inclusive(['年', '月', '日']) {
        let (num, unit) = match part.char_indices().last() {
            Some((i, u @ ('年' | '月' | '日'))) => (&part[..i], Some(u)),
            _ => (part, None),
        };
        let value = if unit == Some('年') {
            num.chars()
                .map(|c| digit(c).map(|d| char::from(b'0' + d as u8)))
                .collect::<Option<String>>()?
        } else {
            // 一 … 九, 十, 十一 … 十九, 二十 … 三十一
            let cs: Vec<char> = num.chars().collect();
            let n = match cs.as_slice() {
                [a] if *a == '十' => 10,
                [a] => digit(*a)?,
                ['十', b] => 10 + digit(*b)?,
                [a, '十'] => digit(*a)? * 10,
                [a, '十', b] => digit(*a)? * 10 + digit(*b)?,
                _ => return None,
            };
            n.to_string()
        };
        out.push_str(&value);
        out.extend(unit);
    }
    Some(out)
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn every_form_is_checked_against_the_calendar() {
        for ok in [
            "2026年1月20日",
            "2026-01-20",
            "2026/1/20",
            "2026.1.20",
            "２０２６年１月２０日",
            "二〇二六年一月二十日",
        ] {
            let d = parse_date(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(date_zh(d), "2026年1月20日");
        }
        assert_eq!(
            parse_date("2026年2月30日").unwrap_err(),
            "“2026年2月30日”中的日期不存在：2026年2月只有 28 天。"
        );
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2028-02-29").is_ok());
        assert_eq!(
            parse_date("2026年13月1日").unwrap_err(),
            "“2026年13月1日”中没有13月：月份只能是 1 到 12。"
        );
        assert!(parse_date("明年一月").is_err());
        assert!(parse_date("26-1-20").is_err());
    }
}
