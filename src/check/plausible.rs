//! Plausibility of the report's year, date and fee: the rules a clerk's
//! slip breaks without breaking the format (a two-digit year, last year's
//! text left in, a date that does not exist, a fee typed in 元).

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::figures::paragraphs;
use crate::report::load::{date_zh, parse_date};
use crate::report::{ACells, Pos, Report, Val};

/// The first report year of the 2021 format (国办公开办函〔2021〕30号).
pub const FIRST_YEAR: u32 = 2021;

/// Fees from this many 万元 (100 亿元) up are asked about.
pub const FEE_DOUBT: f64 = 1_000_000.0;

fn warning(
    code: &'static str,
    file: &str,
    pos: Option<Pos>,
    message: String,
    hint: String,
) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        hint: Some(hint),
        ..Diagnostic::error(code, file, pos, message)
    }
}

fn error(
    code: &'static str,
    file: &str,
    pos: Option<Pos>,
    message: String,
    hint: String,
) -> Diagnostic {
    Diagnostic {
        hint: Some(hint),
        ..Diagnostic::error(code, file, pos, message)
    }
}

/// The current calendar year (UTC), for refusing a year that has not begun.
fn this_year() -> u32 {
    time::OffsetDateTime::now_utc().year().max(0) as u32
}

pub(super) fn year(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    let y = r.year.value;
    let at = r.year.pos;
    if !(1000..=9999).contains(&y) {
        out.push(error(
            "E-YEAR",
            file,
            at,
            format!("报告年度“{y}”不是四位数字的年份。"),
            format!("年度写四位数字，如 {}。", this_year().saturating_sub(1)),
        ));
    } else if y < FIRST_YEAR {
        out.push(error(
            "E-YEAR",
            file,
            at,
            format!("{y}年度的报告使用2019年的格式（国办公开办函〔2019〕60号），gxreport 只排2021年格式（国办公开办函〔2021〕30号，{FIRST_YEAR}年度报告起）。"),
            "2019年格式的表格与2021年格式不同（表二、表三的栏目都不一样），不能换用；请核对年度是否写错。".into(),
        ));
    } else if y > this_year() {
        out.push(error(
            "E-YEAR",
            file,
            at,
            format!("报告年度 {y} 还没有开始。"),
            "年度报告报告的是已经过去的一年，请核对年度是否写错。".into(),
        ));
    }
}

/// A year that opens a paragraph or a sentence as its time (“2024年，”,
/// “2024年全年”, “2024年本局…”, “2024年未收取信息处理费”), not as a
/// comparison or a point in time (“2024年底”, “2024年以来”, “2024年比…”).
fn working_year() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[。；！？]\s*)\s*([0-9]{4})年(?:度)?(?:[^0-9底末初以比同相至到\-—～~])")
            .unwrap_or_else(|e| unreachable!("{e}"))
    })
}

fn period() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"统计期限[^。]*?([0-9]{4})年1月1日[^。]*?([0-9]{4})年12月31日")
            .unwrap_or_else(|e| unreachable!("{e}"))
    })
}

fn title_year() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([0-9]{4})年度?政府信息公开工作年度报告")
            .unwrap_or_else(|e| unreachable!("{e}"))
    })
}

/// A year in a text that should be the report year.
fn year_finding(
    r: &Report,
    text: &Val<String>,
    m: regex::Match,
    what: &str,
    file: &str,
) -> Option<Diagnostic> {
    let said: u32 = m.as_str().parse().ok()?;
    let y = r.year.value;
    if said == y {
        return None;
    }
    let pos = text.pos.map(|p| r.locate(p, &text.value[m.start()..], 0));
    Some(Diagnostic {
        expected: Some(y.to_string()),
        found: Some(said.to_string()),
        width: Some(m.as_str().chars().count()),
        ..warning(
            "W-YEAR",
            file,
            pos,
            format!("{what}写的是{said}年，但报告年度（year）是 {y}。"),
            format!("是不是沿用了{said}年报告的文字？请改为{y}年；年份也可以写成引用 {{{{ year }}}}，自动取自报告年度。"),
        )
    })
}

pub(super) fn years_in_text(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    if !(FIRST_YEAR..=9999).contains(&r.year.value) {
        return;
    }
    for t in r.title.iter().filter(|t| t.pos.is_some()) {
        for c in title_year().captures_iter(&t.value) {
            if let Some(m) = c.get(1) {
                out.extend(year_finding(r, t, m, "标题", file));
            }
        }
    }
    for l in r.lead.iter().filter(|t| t.pos.is_some()) {
        // One period, one finding: the first year that is wrong.
        for c in period().captures_iter(&l.value) {
            let first = [c.get(1), c.get(2)]
                .into_iter()
                .flatten()
                .find_map(|m| year_finding(r, l, m, "导语中的统计期限", file));
            out.extend(first);
        }
    }
    // An earlier year opening a paragraph or a sentence is last year's text
    // carried over (a later one is a plan: “2026年，将…”). One finding a
    // paragraph.
    let lead_len = r.lead.len();
    for p in paragraphs(r).into_iter().skip(lead_len) {
        let stale = working_year()
            .captures_iter(&p.value)
            .filter_map(|c| c.get(1))
            .find(|m| {
                m.as_str()
                    .parse::<u32>()
                    .is_ok_and(|said| said < r.year.value)
            });
        if let Some(m) = stale {
            let what = if m.start() <= 3 {
                "这段文字开头"
            } else {
                "这段文字中的一句开头"
            };
            out.extend(year_finding(r, p, m, what, file));
        }
    }
}

pub(super) fn date(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    let Some(d) = &r.date else { return };
    let date = match parse_date(&d.value) {
        Ok(date) => date,
        Err(why) => {
            out.push(error(
                "E-DATE",
                file,
                d.pos,
                format!("成文日期（date）有误：{why}"),
                "成文日期写成“2026年1月20日”或“2026-01-20”。".into(),
            ));
            return;
        }
    };
    let y = r.year.value;
    if !(FIRST_YEAR..=9999).contains(&y) {
        return;
    }
    let Ok(year_end) = time::Date::from_calendar_date(y as i32, time::Month::December, 31) else {
        return;
    };
    // 《条例》第四十九条 (not 第五十条, which lists the report's contents):
    // departments by 31 January, a 人民政府's own report by 31 March.
    let government = r.agency.value.trim().ends_with("人民政府");
    let (month, who) = if government {
        (
            time::Month::March,
            "县级以上地方人民政府的年度报告应于每年3月31日前向社会公布",
        )
    } else {
        (
            time::Month::January,
            "县级以上人民政府部门应于每年1月31日前提交并向社会公布上一年度的年度报告",
        )
    };
    let Ok(deadline) =
        time::Date::from_calendar_date(y as i32 + 1, month, month.length(y as i32 + 1))
    else {
        return;
    };
    if date <= year_end {
        out.push(warning(
            "W-DATE",
            file,
            d.pos,
            format!("成文日期 {} 在报告年度 {y} 之内。", date_zh(date)),
            format!(
                "年度报告在年度结束后编制，成文日期通常在{}年1月；请核对日期或年度是否写错。",
                y + 1
            ),
        ));
    } else if date > deadline {
        out.push(warning(
            "W-DATE",
            file,
            d.pos,
            format!(
                "成文日期 {} 晚于公布期限 {}。",
                date_zh(date),
                date_zh(deadline)
            ),
            format!("《中华人民共和国政府信息公开条例》第四十九条：{who}。请核对日期是否写错。"),
        ));
    }
}

pub(super) fn fee(r: &Report, previous: Option<&Report>, file: &str, out: &mut Vec<Diagnostic>) {
    // Last year's fee in the same row, when last year's report is given.
    let last_fee = |label: &str| -> Option<f64> {
        previous?
            .table_a_rows()
            .find_map(|(row, cells)| match cells {
                ACells::Fee(f) if row.label == label => f.value.0.parse::<f64>().ok(),
                _ => None,
            })
    };
    for (row, cells) in r.table_a_rows() {
        let ACells::Fee(f) = cells else { continue };
        let Ok(v) = f.value.0.parse::<f64>() else {
            continue;
        };
        // A fee in 元 where last year's was in 万元: ten thousand times as
        // large, give or take (a hundredfold already says it).
        if let Some(last) =
            last_fee(row.label).filter(|l| *l > 0.0 && v >= 1000.0 && v >= *l * 100.0)
        {
            out.push(warning(
                "W-FEE",
                file,
                f.pos,
                format!(
                    "{}为 {} 万元，是上一年度（{} 万元）的 {} 倍，是否误填为元？",
                    row.label,
                    f.value.0,
                    last,
                    (v / last).round()
                ),
                "这一格以万元为单位：12345678 元应填 1234.5678。".into(),
            ));
            continue;
        }
        if v >= FEE_DOUBT {
            out.push(warning(
                "W-FEE",
                file,
                f.pos,
                format!(
                    "{}为 {} 万元（约 {} 亿元），是否误填为元？",
                    row.label,
                    f.value.0,
                    (v / 10_000.0).round()
                ),
                "这一格以万元为单位：12345678 元应填 1234.5678。".into(),
            ));
        }
    }
}

/// W-ROW: a Table B row typed with six figures whose last (其他) is the sum
/// of the five before it, while the 总计 was left out: most likely one
/// figure was left out and the total slid into 其他. R2 then names the
/// （七）总计 row; this names the row that was typed.
pub(super) fn short_rows(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    use crate::format::{sum_of_leaves, B_CARRIED_FORWARD, B_CARRIED_OVER, B_RECEIVED};
    let other = crate::format::B_TOTAL_COLUMN - 1;
    // Only when the 其他 column does not add up (R1): six figures whose last
    // is the sum of the others can be right.
    let b = &r.table_b.rows;
    let results = sum_of_leaves(b, |row| row[other].value);
    if b[B_RECEIVED][other]
        .value
        .saturating_add(b[B_CARRIED_OVER][other].value)
        == results.saturating_add(b[B_CARRIED_FORWARD][other].value)
    {
        return;
    }
    for (spec, cells) in r.table_b_rows() {
        let total = &cells[crate::format::B_TOTAL_COLUMN];
        let last = &cells[other];
        let before = cells[..other]
            .iter()
            .fold(0u64, |a, c| a.saturating_add(c.value));
        if total.pos.is_none() && last.pos.is_some() && last.value > 0 && last.value == before {
            out.push(warning(
                "W-ROW",
                file,
                last.pos,
                format!(
                    "{}：“其他”一栏的 {} 正好等于前五栏之和，是不是少写了一个数，把总计写进了“其他”？",
                    spec.label, last.value
                ),
                "一行依次为自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他（总计可以不写）；没有的填 0。".into(),
            ));
        }
    }
}

/// `SOURCE_DATE_EPOCH` as a PDF creation time: seconds since 1970 (UTC) up
/// to the end of 9999, which a PDF date can hold. `None` when not set.
pub fn source_date_epoch(raw: Option<&str>) -> Result<Option<i64>, String> {
    const MAX: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    let Some(raw) = raw else { return Ok(None) };
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let range = format!("应为 0 到 {MAX} 之间的整数（1970年1月1日至9999年12月31日的秒数）");
    match t.parse::<i64>() {
        Ok(v) if (0..=MAX).contains(&v) => Ok(Some(v)),
        Ok(_) => Err(format!(
            "环境变量 SOURCE_DATE_EPOCH 的值“{t}”超出范围：{range}。"
        )),
        Err(_) if t.chars().all(|c| c.is_ascii_digit() || c == '-') => Err(format!(
            "环境变量 SOURCE_DATE_EPOCH 的值“{t}”超出范围：{range}。"
        )),
        Err(_) => Err(format!(
            "环境变量 SOURCE_DATE_EPOCH 的值“{t}”不是整数：{range}。"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_in_range_or_explained() {
        assert_eq!(source_date_epoch(None), Ok(None));
        assert_eq!(
            source_date_epoch(Some("1700000000")),
            Ok(Some(1_700_000_000))
        );
        assert!(source_date_epoch(Some("99999999999999"))
            .unwrap_err()
            .contains("超出范围"));
        assert!(source_date_epoch(Some("-62198755200"))
            .unwrap_err()
            .contains("超出范围"));
        assert!(source_date_epoch(Some("明天"))
            .unwrap_err()
            .contains("不是整数"));
    }
}
