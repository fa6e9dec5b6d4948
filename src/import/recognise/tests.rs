//! Unit tests of the recogniser's parts: label matching, cell values, years,
//! the figure count, section items.

use super::cells::{value, Value};
use super::figure_count;
use super::front::year_in;
use super::labels::{matches_column, matches_label};
use super::prose::section_prose;

#[test]
fn labels_match_their_printed_variants() {
    assert!(matches_label("规范性文件", "行政规范性文件"));
    assert!(matches_label("(三) 不予公开", "（三）不予公开"));
    assert!(matches_label(
        "3. 危及\"三安全一稳定\"",
        "3.危及“三安全一稳定”"
    ));
    assert!(matches_label(
        "（二）部分公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    ));
    assert!(!matches_label("其他", "法人或其他组织"));
    assert!(matches_column("本年度止件数", "本年废止件数"));
    assert!(matches_label("（1）属于国家秘密", "1.属于国家秘密"));
    assert!(matches_label("1、属于国家秘密", "1.属于国家秘密"));
    assert_eq!(value("12件"), Value::Number("12".into()));
    assert_eq!(value("0.5万元"), Value::Number("0.5".into()));
    assert_eq!(value("1,234"), Value::Number("1234".into()));
    assert_eq!(value("—"), Value::Blank);
    assert_eq!(value("12元"), Value::Text);
}

#[test]
fn years_in_digits_and_in_chinese() {
    assert_eq!(year_in("2024 年政府信息公开工作年度报告"), Some(2024));
    assert_eq!(
        year_in("某局二〇二三年度政府信息公开工作年度报告"),
        Some(2023)
    );
    assert_eq!(year_in("没有年份"), None);
}

#[test]
fn the_format_has_200_figures() {
    assert_eq!(figure_count(), 200);
}

#[test]
fn run_in_and_separate_headings() {
    let s = section_prose(&[
        "总述。".into(),
        "（一）主动公开方面。围绕中心工作。".into(),
        "（二）依申请公开".into(),
        "全年收到申请。".into(),
    ]);
    assert_eq!(s.paragraphs, vec!["总述。".to_string()]);
    assert_eq!(
        s.items[0],
        ("主动公开方面".into(), vec!["围绕中心工作。".into()])
    );
    assert_eq!(
        s.items[1],
        ("依申请公开".into(), vec!["全年收到申请。".into()])
    );
}
