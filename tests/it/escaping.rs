//! Escaping by construction: any text in any field prints verbatim.

use crate::common::{load_example, pdf, pdf_text};
use gxreport::report::{Item, Report, Val};
use proptest::prelude::*;

/// Typst's special characters, Latin, digits, Hanzi and CJK punctuation.
fn nasty() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "#*_$@<>\\/[]{}()\"'`~-=+:;,.!?^%&|=abcxyzABC0123456789 政府信息公开年度报告，。、；：“”（）《》〔〕—…"
        .chars()
        .collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 1..60)
        .prop_map(|cs| cs.into_iter().collect::<String>())
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Put `texts` into every text field of the reference report.
fn with_texts(mut r: Report, t: &[String; 8]) -> Report {
    let v = |s: &String| Val::computed(s.clone());
    r.agency = v(&t[0]);
    r.title = vec![v(&t[0]), v(&t[1])];
    r.lead = vec![v(&t[2])];
    r.overview.paragraphs = vec![v(&t[3])];
    r.overview.items = vec![Item {
        // Not led by a number: “6、…” is a typed item number, which the
        // layout drops with a warning (W-NUMBER) instead of printing twice.
        heading: v(&format!("要点{}", t[4])),
        paragraphs: vec![v(&t[5])],
    }];
    r.problems.paragraphs = vec![v(&t[6])];
    r.other_matters.paragraphs = vec![v(&t[7])];
    r.closing = vec![v(&t[1])];
    r.signature = Some(v(&t[0]));
    // A date must be one (E-DATE): it is checked, not printed as typed.
    r.date = Some(v(&"2025年1月20日".to_string()));
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_prints_verbatim(t in proptest::array::uniform8(nasty())) {
        let report = with_texts(load_example("panzhihua-2024.yaml"), &t);
        let text = crate::common::pdf_text_without_page_numbers(&pdf(&report));
        for s in &t {
            prop_assert!(text.contains(&squeeze(s)), "{s:?} not printed verbatim");
        }
    }
}

/// The same through YAML: markup-looking input comes out as typed.
#[test]
fn typst_markup_in_yaml_prints_verbatim() {
    let yaml = r##"
agency: '#read("/etc/passwd") *粗* _斜_ $x^2$ @ref <label> \ // /* ] [x]'
year: 2025
overview: |
  #set page(width: 1cm) 本段以 #import "x" 开头，含 `code`、= 标题、- 列表、+ 1. 与 \u{41}。
problems: 无。
other_matters: "结尾 ] ) } // 不是注释 /* 也不是 */"
"##;
    let report = crate::common::load_yaml(yaml);
    let text = pdf_text(&pdf(&report));
    for s in [
        r#"#read("/etc/passwd")*粗*_斜_$x^2$@ref<label>\///*][x]"#,
        r#"#setpage(width:1cm)本段以#import"x"开头，含`code`、=标题、-列表、+1.与\u{41}。"#,
        "结尾])}//不是注释/*也不是*/",
    ] {
        assert!(text.contains(s), "{s} missing from {text}");
    }
}
