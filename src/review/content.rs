//! What a unit's own report says, read as a reviewer reads it: 五 with
//! substance (V-THIN), 六 on the 信息处理费 (V-FEE), 规章 figures from a unit
//! that makes none (V-RULES), one agency in title, 落款 and name (V-NAME).

use super::copy::{percent, Shares, SECTION};
use super::finding::{Figure, Finding, Passage};
use super::unit::{Unit, OTHER_MATTERS, PROBLEMS, SECTION_NAMES};
use crate::format::cells::cells;
use crate::format::TABLE_B;
use crate::report::unit::{normalise, same_unit};
use crate::report::values::AFigure;

/// 五 shorter than this (Hanzi and letters) is too short to name a
/// problem and a measure.
pub const SHORT: usize = 80;

/// Words that name a shortcoming.
const PROBLEM_WORDS: &[&str] = &[
    "不足",
    "不够",
    "有待",
    "欠缺",
    "薄弱",
    "滞后",
    "不高",
    "不强",
    "差距",
    "不到位",
    "不及时",
    "不完善",
    "不规范",
    "不全面",
    "不充分",
    "单一",
    "仍需",
    "尚需",
    "还需",
    "需进一步",
    "不能",
];

/// Words that name a measure taken or planned.
const MEASURE_WORDS: &[&str] = &[
    "加强", "推进", "完善", "建立", "健全", "开展", "优化", "整改", "落实", "提升", "拓展", "强化",
    "规范", "开通", "培训", "修订", "制定", "增设", "上线",
];

/// Stock phrases of 五 that say nothing about this unit.
const STOCK: &[&str] = &[
    "存在一些不足",
    "还存在一定差距",
    "与群众的期待还有一定差距",
    "与公众的需求还有一定差距",
    "公开意识有待进一步提高",
    "工作人员业务水平有待提高",
    "业务能力有待提升",
    "公开内容还不够全面",
    "公开的及时性有待提高",
    "下一步",
    "我们将",
    "进一步加强",
    "进一步提高",
    "进一步完善",
    "继续加强",
    "不断提升",
    "政务公开工作",
    "政府信息公开工作",
];

fn words(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// 五 without substance: too short, no shortcoming or no measure named,
/// mostly stock phrases, or last year's text.
pub fn problems(unit: &Unit, shares: Option<&Shares>, last: Option<&Unit>, out: &mut Vec<Finding>) {
    let text = unit.section_text(PROBLEMS);
    let n = words(&text);
    if n == 0 {
        return; // E-EMPTY of check says it
    }
    let mut why = Vec::new();
    if n < SHORT {
        why.push(format!("只有 {n} 个字"));
    }
    if !PROBLEM_WORDS.iter().any(|w| text.contains(w)) {
        why.push("没有写出具体的问题".to_string());
    }
    if !MEASURE_WORDS.iter().any(|w| text.contains(w)) {
        why.push("没有写出改进措施".to_string());
    }
    let stock: usize = STOCK
        .iter()
        .map(|s| text.matches(s).count() * s.chars().count())
        .sum();
    if stock * 2 >= n {
        why.push(format!("套话占 {}", percent(stock as f64 / n as f64)));
    }
    let copied = shares
        .and_then(|s| s.of(PROBLEMS))
        .filter(|s| s.share >= SECTION);
    if let (Some(s), Some(last)) = (copied, last) {
        why.push(format!(
            "{} 的文字与上年报告（{}）相同",
            percent(s.share),
            last.file
        ));
    }
    if why.is_empty() {
        return;
    }
    let mut f = Finding::new(
        "V-THIN",
        format!(
            "“{}”内容空泛：{}。",
            SECTION_NAMES[PROBLEMS],
            why.join("；")
        ),
        unit.sections[PROBLEMS].first().map(|p| p.place.clone()),
    );
    f.passages.push(Passage {
        label: "本年".into(),
        text,
        place: f.place.clone().unwrap_or_default(),
    });
    if let (Some(_), Some(last)) = (copied, last) {
        f.passages.push(Passage {
            label: "上年".into(),
            text: last.section_text(PROBLEMS),
            place: last.sections[PROBLEMS]
                .first()
                .map(|p| p.place.clone())
                .unwrap_or_default(),
        });
    }
    out.push(f);
}

/// Whether a text says something about the 信息处理费.
fn tells_fee(text: &str) -> bool {
    // Table A's 行政事业性收费 is another fee: naming it says nothing here.
    let text = text.replace("行政事业性收费", "");
    text.contains("信息处理费")
        || (text.contains('费')
            && ["收取", "收费", "缴纳", "缴费"]
                .iter()
                .any(|w| text.contains(w)))
}

/// 六 must say whether the 信息处理费 was collected (国办公开办函〔2021〕30号);
/// with fee notices unpaid in Table B and nothing about fees, all the more.
/// (Table A's 行政事业性收费 is another fee and not read here.)
pub fn fee(unit: &Unit, out: &mut Vec<Finding>) {
    let Some(figures) = &unit.figures else { return };
    let text = unit.section_text(OTHER_MATTERS);
    // An empty 六 of a YAML report prints the default sentence on the fee.
    if tells_fee(&text) || (text.is_empty() && !unit.published) {
        return;
    }
    let row = TABLE_B
        .iter()
        .position(|r| r.key == "fee_unpaid")
        .unwrap_or(0);
    let unpaid = figures.b.get(row).map_or(0, |r| r[6]);
    let six = SECTION_NAMES[OTHER_MATTERS];
    let mut f = if unpaid > 0 {
        let mut f = Finding::new(
            "V-FEE",
            format!("表三“（六）其他处理·2.申请人逾期未按收费通知要求缴纳费用……”为 {unpaid} 件（发出过收费通知），“{six}”却没有说明信息处理费的收取情况。"),
            Some(unit.fee_row_place.clone()),
        );
        f.figures.push(Figure {
            cell: label_of("requests.other_handling.fee_unpaid[6]"),
            reported: unpaid.to_string(),
            expected: "—".into(),
        });
        f
    } else {
        Finding::new(
            "V-FEE",
            format!("“{six}”没有说明是否收取信息处理费（国办公开办函〔2021〕30号要求写明）。"),
            unit.sections[OTHER_MATTERS]
                .first()
                .map(|p| p.place.clone())
                .or(Some(unit.file.clone())),
        )
    };
    if !text.is_empty() {
        f.passages.push(Passage {
            label: "本年".into(),
            text,
            place: unit.sections[OTHER_MATTERS]
                .first()
                .map(|p| p.place.clone())
                .unwrap_or_default(),
        });
    }
    out.push(f);
}

fn label_of(path: &str) -> String {
    cells()
        .into_iter()
        .find(|c| c.path == path)
        .map(|c| c.label)
        .unwrap_or_else(|| path.to_string())
}

/// Whether a unit can make no 规章: a 局 (not a State Council one), a 乡, 镇
/// or 街道, a county-level government — by name, or by the roster's level.
pub fn makes_no_rules(agency: &str, level: Option<&str>) -> bool {
    let a = normalise(agency);
    let local_bureau = a.ends_with('局') && !a.starts_with("国家") && !a.ends_with("总局");
    let grassroots = ["镇人民政府", "乡人民政府", "街道办事处", "镇", "乡", "街道"]
        .iter()
        .any(|s| a.ends_with(s));
    let county = ["县人民政府", "旗人民政府"].iter().any(|s| a.contains(s))
        || (a.contains("区人民政府") && !a.contains("自治区人民政府"));
    let by_level = level.is_some_and(|l| ["乡", "镇", "街道", "县"].iter().any(|w| l.contains(w)));
    local_bureau || grassroots || county || by_level
}

/// 规章 figures in the report of a unit that makes no 规章.
pub fn rules(unit: &Unit, level: Option<&str>, out: &mut Vec<Finding>) {
    let (Some(agency), Some(figures)) = (&unit.agency, &unit.figures) else {
        return;
    };
    let Some(AFigure::Documents(rules)) = figures.a.first() else {
        return;
    };
    if rules.iter().all(|n| *n == 0) || !makes_no_rules(agency, level) {
        return;
    }
    let mut f = Finding::new(
        "V-RULES",
        format!("“{agency}”不是能制定规章的机关（规章由国务院部门和省、设区的市人民政府制定），表二“规章”一行却有数字：多半是把行政规范性文件填进了规章一行。"),
        Some(unit.rules_place.clone()),
    );
    for (i, col) in crate::format::A_DOCUMENT_COLUMNS.iter().enumerate() {
        f.figures.push(Figure {
            cell: format!("规章·{}", col.label),
            reported: rules[i].to_string(),
            expected: "0".into(),
        });
    }
    out.push(f);
}

/// The title's agency (before the year) and the 落款 are the report's agency.
pub fn names(unit: &Unit, roster: Option<&str>, out: &mut Vec<Finding>) {
    let Some(agency) = &unit.agency else { return };
    let alike = |a: &str, b: &str| {
        let (na, nb) = (normalise(a), normalise(b));
        same_unit(a, b) || na.contains(&nb) || nb.contains(&na)
    };
    let mut check = |what: &str, name: &str, place: &str| {
        if !name.is_empty() && !alike(name, agency) {
            out.push(Finding::new(
                "V-NAME",
                format!("{what}中的机关名称“{name}”与报告的机关名称“{agency}”不是同一写法，请核对是否为同一单位。"),
                Some(place.to_string()),
            ));
        }
    };
    if let Some((title, place)) = &unit.title {
        let cut = title
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c))
            .map_or(title.len(), |(i, _)| i);
        check("标题", title[..cut].trim(), place);
    }
    if let Some((sig, place)) = &unit.signature {
        check("落款", sig.trim(), place);
    }
    if let Some(name) = roster {
        check("名单", name, &unit.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_makes_no_rules() {
        assert!(makes_no_rules("某某县教育局", None));
        assert!(makes_no_rules("某某市某某区某某街道办事处", None));
        assert!(makes_no_rules("某某县人民政府", None));
        assert!(makes_no_rules("某某市某某区人民政府办公室", None));
        assert!(makes_no_rules("某某中心", Some("乡镇")));
        assert!(!makes_no_rules("某某市人民政府办公室", None));
        assert!(!makes_no_rules("某某自治区人民政府", None));
        assert!(!makes_no_rules("国家税务总局", None));
        assert!(!makes_no_rules("某某市发展和改革委员会", Some("部门")));
    }

    #[test]
    fn the_fee_sentence_is_any_sentence_about_the_information_fee() {
        assert!(tells_fee("本年度未收取信息处理费。"));
        assert!(tells_fee("本机关依申请提供政府信息，均未收费。"));
        assert!(!tells_fee("无其他需要报告的事项。"));
        // Table A's fee is another matter; saying 行政事业性收费 is not saying it.
        assert!(!tells_fee("行政事业性收费情况见表二。"));
    }

    #[test]
    fn names_in_title_and_signature() {
        let mut u = Unit {
            file: "a.yaml".into(),
            agency: Some("某某县教育局".into()),
            title: Some((
                "某某县卫生健康局2025年政府信息公开工作年度报告".into(),
                "a.yaml:3".into(),
            )),
            signature: Some(("某某县教育局".into(), "a.yaml:90".into())),
            ..Unit::default()
        };
        let mut out = Vec::new();
        names(&u, Some("某某县 教育局"), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].message,
            "标题中的机关名称“某某县卫生健康局”与报告的机关名称“某某县教育局”不是同一写法，请核对是否为同一单位。"
        );
        assert_eq!(out[0].place.as_deref(), Some("a.yaml:3"));
        u.title = Some((
            "某某县教育局2025年政府信息公开工作年度报告".into(),
            "a.yaml:3".into(),
        ));
        out.clear();
        names(&u, None, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
