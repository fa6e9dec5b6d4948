//! The generated text of the aggregated report: section 一's account of the
//! breakdown, and placeholders for what only the author can write.
//!
//! Totals are written as figure references (`{{ b.received.total }}`, see
//! [`crate::report::figures`]) so that the text stays tied to the summed
//! tables; per-unit figures are written out and phrased so that the X3
//! check (hand-typed figures) does not mistake them for totals.

use super::{one_line, Aggregate, Unit};
use crate::format::{
    BPlace, BRow, B_COLUMNS, B_TOTAL_COLUMN, B_TOTAL_ROW, C_COLUMNS, C_GROUPS, C_LITIGATION,
    C_REVIEW, C_TOTAL_COLUMN, TABLE_B,
};

/// How many units are named as those with the most applications.
pub const TOP_UNITS: usize = 5;

/// Placeholder paragraph for the rest of section 一.
pub const OVERVIEW_PLACEHOLDER: &str = "（请在此补充本地区主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的情况。）";

/// Placeholder items of section 五: heading and text.
pub const PROBLEMS_PLACEHOLDER: [(&str, &str); 2] = [
    (
        "存在的主要问题",
        "（请填写本地区政府信息公开工作存在的主要问题。）",
    ),
    ("改进情况", "（请填写针对上述问题的改进情况。）"),
];

/// Placeholder of section 六.
pub const OTHER_MATTERS_PLACEHOLDER: &str =
    "（请填写信息处理费收取情况和其他需要报告的事项；没有的写明“无”。）";

/// 一、本年新收, 二、上年结转, 四、结转下年度 — the rows that span all label columns.
fn top_rows() -> Vec<&'static BRow> {
    TABLE_B
        .iter()
        .filter(|r| matches!(r.place, BPlace::Top))
        .collect()
}

fn total_row() -> Option<&'static BRow> {
    TABLE_B.iter().find(|r| r.key == B_TOTAL_ROW)
}

/// `{{ b.<row>.total }}`
fn b_total(row: Option<&BRow>) -> String {
    match row {
        Some(r) => format!("{{{{ b.{}.{} }}}}", r.path(), B_COLUMNS[B_TOTAL_COLUMN].key),
        None => String::new(),
    }
}

/// `{{ c.<group>.<column> }}`
fn c_ref(group: usize, col: usize) -> String {
    format!("{{{{ c.{}.{} }}}}", C_GROUPS[group].key, C_COLUMNS[col].key)
}

/// A unit's name for a sentence: one line, and never a figure reference.
fn name(u: &Unit) -> String {
    one_line(&u.agency)
        .replace("{{", "{ {")
        .replace("}}", "} }")
}

/// Applications newly received by a unit (一、·总计).
fn received(u: &Unit) -> u64 {
    u.figures.b[crate::format::B_RECEIVED][B_TOTAL_COLUMN]
}

/// A unit's 行政复议 and 行政诉讼 totals.
fn appeals(u: &Unit) -> (u64, u64) {
    let c = &u.figures.c;
    (
        c[0][C_TOTAL_COLUMN],
        c[1..].iter().map(|g| g[C_TOTAL_COLUMN]).sum(),
    )
}

/// The paragraphs of section 一: the generated account, then a placeholder.
pub fn overview(agg: &Aggregate) -> Vec<String> {
    let top = top_rows();
    let n = agg.units.len();
    let mut first = format!(
        "{{{{ year }}}}年，本报告汇总了{n}个单位的政府信息公开工作年度报告数据。\
         各单位共新收政府信息公开申请{}件，上年结转{}件；办结{}件，结转下年度继续办理{}件。",
        b_total(top.first().copied()),
        b_total(top.get(1).copied()),
        b_total(total_row()),
        b_total(top.get(2).copied()),
    );

    // Units by applications received, most first (file order among equals).
    let mut by_received: Vec<(&Unit, u64)> = agg
        .units
        .iter()
        .map(|u| (u, received(u)))
        .filter(|(_, r)| *r > 0)
        .collect();
    by_received.sort_by_key(|(_, r)| std::cmp::Reverse(*r));
    let listed = |units: &[(&Unit, u64)]| {
        units
            .iter()
            .map(|(u, r)| format!("{}（{r}件）", name(u)))
            .collect::<Vec<_>>()
            .join("、")
    };
    let idle = n - by_received.len();
    if by_received.is_empty() {
        first.push_str("各单位全年均没有新收政府信息公开申请。");
    } else {
        if by_received.len() <= TOP_UNITS {
            first.push_str(&format!("有新收申请的单位为{}", listed(&by_received)));
        } else {
            first.push_str(&format!(
                "{}个单位有新收申请，新收申请最多的{TOP_UNITS}个单位为{}",
                by_received.len(),
                listed(&by_received[..TOP_UNITS])
            ));
        }
        if idle > 0 {
            first.push_str(&format!("；其余{idle}个单位全年没有新收申请。"));
        } else {
            first.push('。');
        }
    }

    // 行政复议 by result, then 行政诉讼 by group.
    let review = C_COLUMNS[..C_TOTAL_COLUMN]
        .iter()
        .enumerate()
        .map(|(i, col)| format!("{}{}件", col.label, c_ref(0, i)))
        .collect::<Vec<_>>()
        .join("，");
    let suits = (1..C_GROUPS.len())
        .map(|g| format!("{}{}件", C_GROUPS[g].label, c_ref(g, C_TOTAL_COLUMN)))
        .collect::<Vec<_>>()
        .join("，");
    // All-zero figures are said as such, not as “0件，其中…0件”.
    let c = &agg.totals.c;
    let reviews = c[0][C_TOTAL_COLUMN];
    let litigation: u64 = c[1..].iter().map(|g| g[C_TOTAL_COLUMN]).sum();
    let mut second = match (reviews, litigation) {
        (0, 0) => format!("全年未发生政府信息公开{C_REVIEW}和{C_LITIGATION}。"),
        (0, _) => format!("全年未发生政府信息公开{C_REVIEW}；{C_LITIGATION}中，{suits}。"),
        (_, 0) => format!(
            "全年共发生政府信息公开{C_REVIEW}{}件，其中{review}；未发生{C_LITIGATION}。",
            c_ref(0, C_TOTAL_COLUMN)
        ),
        _ => format!(
            "全年共发生政府信息公开{C_REVIEW}{}件，其中{review}；{C_LITIGATION}中，{suits}。",
            c_ref(0, C_TOTAL_COLUMN)
        ),
    };
    let involved: Vec<String> = agg
        .units
        .iter()
        .filter_map(|u| match appeals(u) {
            (0, 0) => None,
            (r, s) => Some(format!("{}，复议{r}件、诉讼{s}件", name(u))),
        })
        .collect();
    if !involved.is_empty() {
        second.push_str(&format!(
            "涉及复议、诉讼的单位{}个：{}。",
            involved.len(),
            involved.join("；")
        ));
    }
    vec![first, second, OVERVIEW_PLACEHOLDER.to_string()]
}
