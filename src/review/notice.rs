//! A draft 通报: the review's problems and notes grouped by kind, each with
//! its count and the units named, in Chinese, marked as a draft on its first
//! line and in its title. Information (信息) is left out; nothing is scored.

use super::finding::{level_of, Level, REVIEW_CODES};
use super::Review;

/// “一”, “二” … “九十九”.
fn numeral(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The draft's text.
pub fn draft(r: &Review) -> String {
    let year = r.year.map(|y| format!("{y}年度")).unwrap_or_default();
    let mut out = String::from(
        "【草稿】以下文字由 gxreport review 按审查结果生成，须逐条核实、修改后方可使用。\n\n",
    );
    out.push_str(&format!(
        "关于{year}政府信息公开工作年度报告审查情况的通报（草稿）\n\n"
    ));
    let mut scope = format!(
        "本次审查各单位{year}政府信息公开工作年度报告 {} 份",
        r.reports
    );
    if let Some(n) = r.roster_units {
        scope.push_str(&format!("（名单上 {n} 个单位）"));
    }
    if let Some(n) = r.previous_reports {
        scope.push_str(&format!("，并与上年度报告 {n} 份逐一比对"));
    }
    out.push_str(&scope);
    out.push_str("。发现的问题和需要注意的情况如下：\n\n");
    let mut codes: Vec<&str> = REVIEW_CODES.iter().map(|(c, _)| *c).collect();
    codes.extend(
        r.counts
            .keys()
            .filter(|c| !codes.contains(c))
            .copied()
            .collect::<Vec<_>>(),
    );
    let mut n = 0;
    for code in codes {
        let level = level_of(code);
        if level == Level::Info {
            continue;
        }
        let mut units: Vec<&str> = Vec::new();
        for u in &r.units {
            if u.findings.iter().any(|f| f.code == code) && !units.contains(&u.name.as_str()) {
                units.push(&u.name);
            }
        }
        if units.is_empty() {
            continue;
        }
        n += 1;
        let about = crate::diagnostic::codes::lookup(code).map_or("", |c| c.about);
        // The format's rules are stated as rules: a unit breaks them.
        let about = if code.starts_with(['R', 'X']) {
            format!("不符合“{about}”")
        } else {
            about.to_string()
        };
        out.push_str(&format!(
            "{}、{about}（{code}，{}，{} 个单位）：{}。\n",
            numeral(n),
            level.zh(),
            units.len(),
            units.join("、")
        ));
    }
    if n == 0 {
        out.push_str("未发现问题。\n");
    }
    out.push_str("\n请有关单位对照审查结果逐条核实整改，整改情况按要求报送。\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn numerals() {
        let n: Vec<String> = [1, 9, 10, 11, 20, 21]
            .iter()
            .map(|&i| super::numeral(i))
            .collect();
        assert_eq!(n, ["一", "九", "十", "十一", "二十", "二十一"]);
    }
}
