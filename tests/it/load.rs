//! Loading: the examples, defaults, computed totals and the first messages.

use gxreport::format::{B_TOTAL_COLUMN, DEFAULT_OTHER_MATTERS, TABLE_B};
use gxreport::report::load::load_str;
use gxreport::report::Pos;

fn error(yaml: &str) -> String {
    let problems = load_str(yaml, "t.yaml").expect_err("should not load");
    problems
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_minimal_example_fills_in_the_defaults() {
    let r = crate::common::load_example("minimal.yaml");
    let title: Vec<&str> = r.title.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(title, ["某某县档案馆", "2025年政府信息公开工作年度报告"]);
    assert!(
        r.lead[0].value.contains("国令第711号")
            && r.lead[0].value.contains("2025年1月1日到2025年12月31日")
    );
    assert_eq!(r.other_matters.paragraphs[0].value, DEFAULT_OTHER_MATTERS);
    assert!(r.table_b.rows.iter().flatten().all(|c| c.value == 0));
    let text = crate::common::pdf_text(&crate::common::pdf(&r));
    assert!(text.contains("某某县档案馆2025年政府信息公开工作年度报告"));
}

#[test]
fn the_reference_example_keeps_positions_and_figures() {
    let r = crate::common::load_example("panzhihua-2024.yaml");
    assert_eq!(r.agency.pos, Some(Pos { line: 5, column: 9 }));
    let received = &r.table_b.rows[0];
    assert_eq!(received[0].value, 21);
    assert_eq!(
        received[0].pos,
        Some(Pos {
            line: 49,
            column: 20
        })
    );
    // The overview's run-in items keep their own source lines.
    assert_eq!(r.overview.items.len(), 5);
    assert_eq!(
        r.overview.items[1].paragraphs[0].pos.map(|p| p.line),
        Some(25)
    );
}

#[test]
fn omitted_totals_are_computed() {
    let r = crate::common::load_yaml(
        "agency: 某局\nyear: 2025\noverview: 正文\nrequests:\n  received: [3, 1, 0, 0, 0, 2]\n  granted: {natural_person: 2}\n  unavailable:\n    not_held: [1, 1, 0, 0, 0, 2]\n",
    );
    let total_row = TABLE_B.iter().position(|r| r.key == "total").unwrap();
    assert_eq!(r.table_b.rows[0][B_TOTAL_COLUMN].value, 6);
    assert_eq!(
        r.table_b.rows[0][B_TOTAL_COLUMN].pos, None,
        "computed, not written"
    );
    let totals: Vec<u64> = r.table_b.rows[total_row].iter().map(|c| c.value).collect();
    assert_eq!(totals, [3, 1, 0, 0, 0, 2, 6]);
}

#[test]
fn the_fee_is_kept_as_written() {
    let r = crate::common::load_yaml(
        "agency: 某局\nyear: 2025\noverview: 正文\nproactive:\n  fees: 96171.60\n",
    );
    let fee = r.table_a.rows.iter().find_map(|c| match c {
        gxreport::report::ACells::Fee(f) => Some(f.value.0.clone()),
        _ => None,
    });
    assert_eq!(fee.as_deref(), Some("96171.60"));
}

#[test]
fn messages_name_the_line_the_column_and_the_fix() {
    let head = "agency: 某局\nyear: 2025\noverview: 正文\n";
    assert_eq!(
        error(&format!(
            "{head}requests:\n  received: {{natual_person: 1}}\n"
        )),
        "t.yaml:5:14: 错误[E-KEY]：未知的键“natual_person”。是不是要写“natural_person”（自然人）？"
    );
    assert_eq!(
        error(&format!("{head}requests:\n  recieved: [1, 0, 0, 0, 0, 0]\n")),
        "t.yaml:5:3: 错误[E-KEY]：未知的键“recieved”。是不是要写“received”（一、本年新收政府信息公开申请数量）？"
    );
    assert_eq!(
        error(&format!("{head}proactive:\n  licensing: 1.5\n")),
        "t.yaml:5:14: 错误[R5]：行政许可：件数须为整数：“1.5”。"
    );
    assert_eq!(
        error(&format!("{head}proactive:\n  fees: 12,3\n")),
        "t.yaml:5:9: 错误[R5]：行政事业性收费：“12,3”含有逗号：金额的小数点请用半角“.”，不要加千分位逗号。"
    );
    assert_eq!(
        error(&format!("{head}requests:\n  received: [1, 0, 0]\n")),
        "t.yaml:5:20: 错误[E-LENGTH]：一、本年新收政府信息公开申请数量：数字太少，这一行填了 3 个数，应依次填写 7 个数（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计），最后的总计可省略。"
    );
    assert!(
        // A missing top-level key has no line of its own; all are named at once.
        error("agency: 某局\nyear: 2025\n")
            .starts_with("t.yaml: 错误[E-MISSING]：缺少必填项“overview”（一、总体情况）。"),
        "{}",
        error("agency: 某局\nyear: 2025\n")
    );
    assert!(error(&format!("{head}agencyy: x\n"))
        .starts_with("t.yaml:4:1: 错误[E-KEY]：未知的键“agencyy”。是不是要写“agency”？"));
    assert_eq!(
        error("# 只有注释\n\n"),
        "t.yaml: 错误[E-FILE]：文件是空的，没有任何报告数据。"
    );
}

/// The commented example of the manual's data format chapter is a valid report.
#[test]
fn the_readme_example_loads() {
    let readme = include_str!("../../docs/data-format.md");
    let start = readme.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let yaml = &readme[start..start + readme[start..].find("```").unwrap()];
    let r = crate::common::load_yaml(yaml);
    assert_eq!(r.agency.value, "某某市人民政府办公室");
    assert_eq!(r.table_b.rows[0][6].value, 21, "总计 computed");
    assert_eq!(
        r.date.as_ref().map(|d| d.value.as_str()),
        Some("2026年1月20日")
    );
    crate::common::pdf(&r);
}
