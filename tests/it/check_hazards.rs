//! Issue 12, one property per kind of slip: whatever a clerk pastes or
//! mistypes either prints exactly as meant or is explained at its line.

use gxreport::check::check;
use gxreport::diagnostic::{Diagnostic, Severity};
use gxreport::report::load::{load_str, parse_date};
use gxreport::report::Report;
use proptest::prelude::*;

const HEAD: &str = "agency: 某局\nyear: 2025\n";
const TAIL: &str = "problems: 无。\n";

fn load(yaml: &str) -> Report {
    load_str(yaml, "t.yaml").unwrap_or_else(|e| panic!("does not load: {e:#?}\n{yaml}"))
}

/// Everything `check` finds, through the pipeline (references and glyphs included).
fn findings(yaml: &str) -> Vec<Diagnostic> {
    gxreport::Pipeline::embedded()
        .prepare_text(yaml, "t.yaml")
        .findings
}

fn codes(ds: &[Diagnostic]) -> Vec<&'static str> {
    ds.iter().map(|d| d.code).collect()
}

/// The printed paragraphs of 一、总体情况.
fn overview(r: &Report) -> Vec<String> {
    r.overview
        .paragraphs
        .iter()
        .map(|p| p.value.clone())
        .collect()
}

/// Hanzi and full-width punctuation, as in a report's sentences.
fn sentence() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> =
        "政府信息公开年度报告工作人员行文主动依申请办理答复，。、；“”（）《》"
            .chars()
            .collect();
    proptest::collection::vec(proptest::sample::select(alphabet), 2..40)
        .prop_map(|cs| cs.into_iter().collect())
}

/// The invisible characters and odd line breaks of Word and web pastes.
const INVISIBLE: [char; 10] = [
    '\u{200B}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{200C}', '\u{200D}', '\u{2028}', '\u{000B}',
    '\u{202A}', '\u{00A0}',
];

fn insert(text: &str, at: &[(usize, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut at = at.to_vec();
    at.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
    for (i, c) in at {
        chars.insert(i % (chars.len() + 1), c);
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn invisible_characters_never_change_the_text_and_always_warn(
        text in sentence(),
        at in proptest::collection::vec((0usize..64, proptest::sample::select(INVISIBLE.to_vec())), 1..6),
    ) {
        let clean = load(&format!("{HEAD}overview: {text}\n{TAIL}"));
        let dirty_text = insert(&text, &at);
        let yaml = format!("{HEAD}overview: {dirty_text}\n{TAIL}");
        let dirty = load(&yaml);
        prop_assert_eq!(overview(&dirty), overview(&clean));
        let found = check(&dirty, "t.yaml", None);
        prop_assert!(!found.is_empty());
        prop_assert!(found.iter().all(|d| d.code == "W-CHAR" && d.severity == Severity::Warning), "{:#?}", found);
        prop_assert!(found.iter().all(|d| d.pos.is_some_and(|p| p.line == 3)));
        // Nothing is left for the typesetter to refuse (no E-GLYPH).
        prop_assert!(gxreport::pipeline::coverage::check(&dirty, gxreport::typeset::fonts::embedded(), "t.yaml").is_empty());
    }

    #[test]
    fn kangxi_radicals_print_as_the_hanzi_they_look_like(text in sentence()) {
        // 工人行文 and their Kangxi radicals ⼯⼈⾏⽂.
        let pasted: String = text
            .chars()
            .map(|c| match c {
                '工' => '\u{2F2F}',
                '人' => '\u{2F08}',
                '行' => '\u{2F8F}',
                '文' => '\u{2F42}',
                c => c,
            })
            .collect();
        let r = load(&format!("{HEAD}overview: {pasted}\n{TAIL}"));
        prop_assert_eq!(overview(&r), overview(&load(&format!("{HEAD}overview: {text}\n{TAIL}"))));
        let warned = check(&r, "t.yaml", None).iter().any(|d| d.code == "W-CHAR");
        prop_assert_eq!(warned, pasted != text);
    }

    #[test]
    fn folded_plain_and_quoted_multi_line_text_reads_as_a_block(
        paras in proptest::collection::vec(proptest::collection::vec(sentence(), 1..4), 1..4),
        style in 0usize..3,
    ) {
        // The same lines as a `|` block, and as `>` or a plain multi-line value.
        let block = |indent: &str| {
            paras
                .iter()
                .map(|p| p.iter().map(|l| format!("{indent}{l}\n")).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let literal = load(&format!("{HEAD}overview: |\n{}{TAIL}", block("  ")));
        let yaml = match style {
            0 => format!("{HEAD}overview: >\n{}{TAIL}", block("  ")),
            1 => format!("{HEAD}overview: {}{TAIL}", block("  ").trim_start()),
            _ => format!("{HEAD}overview: \"{}\"\n{TAIL}", block("  ").trim()),
        };
        let r = load(&yaml);
        prop_assert_eq!(overview(&r), overview(&literal));
        let multi = paras.len() > 1 || paras[0].len() > 1;
        let found = check(&r, "t.yaml", None);
        prop_assert_eq!(found.iter().any(|d| d.code == "W-FOLDED"), multi, "{:#?}\n{}", found, yaml);
    }

    #[test]
    fn a_hash_after_one_space_is_named_and_a_set_off_comment_is_not(
        text in sentence(),
        tail in sentence(),
    ) {
        let yaml = format!("{HEAD}overview: {text} #{tail}\n{TAIL}");
        let found = findings(&yaml);
        prop_assert_eq!(codes(&found), vec!["W-COMMENT"]);
        prop_assert_eq!(found[0].pos.map(|p| p.column), Some(11 + text.chars().count() as u32 + 1));
        let yaml = format!("{HEAD}overview: {text}   # 一、总体情况\n{TAIL}");
        prop_assert!(findings(&yaml).is_empty());
    }

    #[test]
    fn every_accepted_date_form_is_checked_against_the_calendar(
        y in 2021i32..2100, m in 1u8..=12, d in 1u8..=31, form in 0usize..4,
    ) {
        let text = match form {
            0 => format!("{y}年{m}月{d}日"),
            1 => format!("{y}-{m:02}-{d:02}"),
            2 => format!("{y}/{m}/{d}"),
            _ => format!("{y}.{m}.{d}"),
        };
        let month = time::Month::try_from(m).unwrap();
        let real = d <= month.length(y);
        prop_assert_eq!(parse_date(&text).is_ok(), real, "{}", text);
        let r = findings(&format!("agency: 某局\nyear: {}\noverview: 正文\n{TAIL}date: {text}\n", y - 1));
        prop_assert_eq!(r.iter().any(|f| f.code == "E-DATE"), !real, "{:#?}", r);
        if real {
            let loaded = load(&format!("agency: 某局\nyear: {}\noverview: 正文\n{TAIL}date: {text}\n", y - 1));
            prop_assert_eq!(loaded.date.unwrap().value, format!("{y}年{m}月{d}日"));
        }
    }

    #[test]
    fn one_wrong_written_total_gives_one_finding(
        row in proptest::collection::vec(0u64..20, 6),
        carried in 0u64..5,
        off in 1u64..5,
        which in 0usize..2,
    ) {
        // A consistent table: everything received is granted, the carried-over
        // ones are carried forward; then one written total is off.
        let new: u64 = row.iter().sum();
        let list = |v: &[u64], total: u64| {
            format!("[{}, {total}]", v.iter().map(u64::to_string).collect::<Vec<_>>().join(", "))
        };
        let (received_total, total_row) = if which == 0 { (new + off, new) } else { (new, new + off) };
        let yaml = format!(
            "{HEAD}overview: 正文\n{TAIL}requests:\n  received: {}\n  carried_over: [{carried}, 0, 0, 0, 0, 0]\n  granted: {}\n  total: {}\n  carried_forward: [{carried}, 0, 0, 0, 0, 0]\n",
            list(&row, received_total),
            list(&row, new),
            list(&row, total_row),
        );
        let found = findings(&yaml);
        prop_assert_eq!(found.len(), 1, "{:#?}\n{}", found, yaml);
        prop_assert!(["R2", "R3"].contains(&found[0].code));
    }

    #[test]
    fn x3_accepts_each_quantity_a_phrase_may_mean(
        new in 0u64..60, carried in 0u64..10, said in 0u64..80, verb in 0usize..3,
    ) {
        let verb = ["收到", "受理", "接收"][verb];
        let yaml = format!(
            "{HEAD}overview: 全年{verb}政府信息公开申请 {said} 件。\n{TAIL}requests:\n  received: [{new}, 0, 0, 0, 0, 0]\n  carried_over: [{carried}, 0, 0, 0, 0, 0]\n  granted: [{}, 0, 0, 0, 0, 0]\n",
            new + carried
        );
        let x3 = findings(&yaml).iter().any(|d| d.code == "X3");
        prop_assert_eq!(x3, said != new && said != new + carried);
    }
}

#[test]
fn pasted_invisible_characters_print_exactly_as_seen() {
    let r = load(&format!(
        "{HEAD}overview: 全年主动公开\u{200B}政府信息\u{00AD}120条，\u{2028}⼯作⼈员\u{00A0}规范⾏⽂。\n{TAIL}"
    ));
    let text = crate::common::pdf_text(&crate::common::pdf(&r));
    assert!(
        text.contains("全年主动公开政府信息120条，工作人员规范行文。"),
        "{text}"
    );
}

#[test]
fn a_reference_works_in_the_signature_and_is_refused_where_it_cannot() {
    let r = load(&format!(
        "{HEAD}overview: 正文\n{TAIL}signature: 某局{{{{ year }}}}年度\n"
    ));
    let (resolved, problems) = gxreport::report::figures::resolve(r, "t.yaml");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(resolved.signature.unwrap().value, "某局2025年度");
    let found = findings(&format!(
        "{HEAD}overview: 正文\n{TAIL}date: \"{{{{ year }}}}年1月20日\"\n"
    ));
    assert!(found.iter().any(|d| d.code == "E-REF"), "{found:#?}");
}

#[test]
fn every_parser_message_is_told_in_chinese() {
    // granit-parser's and serde-saphyr's messages (their error.rs), as raised.
    let raw = [
        "unexpected EOF while parsing a flow sequence",
        "unexpected EOF while parsing a flow mapping",
        "unexpected EOF while parsing an implicit flow mapping",
        "unexpected EOF while parsing a block sequence",
        "unexpected EOF while parsing a block mapping",
        "while parsing a node, did not find expected node content",
        "while parsing a block mapping, did not find expected key",
        "while parsing a flow mapping, did not find expected ',' or '}'",
        "while parsing a flow sequence, expected ',' or ']'",
        "while parsing a block collection, did not find expected '-' indicator",
        "simple key expected ':'",
        "simple key is no longer valid",
        "invalid indentation",
        "tabs disallowed in this context",
        "tabs disallowed within this context (block indentation)",
        "tab cannot be used as indentation",
        "while scanning a plain scalar, found a tab",
        "comments must be separated from other tokens by whitespace",
        "expected whitespace",
        "misplaced bracket",
        "mismatched bracket '[' closed by '}'",
        "unclosed bracket '['",
        "recursion limit exceeded",
        "block sequence entries are not allowed in this context",
        "wrongly indented line in block scalar",
        "unclosed quote",
        "invalid trailing content after double-quoted scalar",
        "invalid trailing content after single-quoted scalar",
        "plain scalar cannot start with '-' followed by ,[]{}",
        "mapping keys are not allowed in this context",
        "':' must be followed by a valid YAML whitespace",
        "illegal placement of ':' indicator",
        "mapping values are not allowed in this context",
        "while parsing node, found unknown anchor",
        "while scanning an anchor or alias, did not find expected alphabetic or numeric character",
        "unexpected character: `\u{1}'",
        "folded block scalars must indent their content",
        "multiple YAML documents detected; use from_str_multidoc",
        "YAML document too large or too complex: depth=40 > 32",
        "budget breached: MaxDepth",
        "cannot deserialize null into string; use Option<String>",
        "unexpected end of input",
    ];
    for m in raw {
        let (zh, hint) = gxreport::diagnostic::yaml_error_zh(m, None, None);
        assert!(
            !zh.contains(m) && !hint.is_empty(),
            "not translated: {m} → {zh}"
        );
    }
    let (zh, hint) = gxreport::diagnostic::yaml_error_zh(
        "simple key expected ':'",
        Some("  licensing：1256"),
        None,
    );
    assert_eq!(zh, "YAML 格式错误：键“licensing”后面用了全角冒号“：”。");
    assert_eq!(hint, "键和值之间要用英文冒号加一个空格：licensing: 1256");
}

#[test]
fn init_and_aggregate_placeholders_warn() {
    use gxreport::format::placeholders;
    for p in placeholders::all() {
        let yaml = format!("{HEAD}overview: {p}\n{TAIL}");
        assert_eq!(codes(&findings(&yaml)), ["W-PLACEHOLDER"], "{p}");
    }
    let yaml = format!("{HEAD}overview: 详见公开指南（请见附件）。\n{TAIL}");
    assert!(findings(&yaml).is_empty());
}

#[test]
fn source_date_epoch_out_of_range_is_explained() {
    use gxreport::check::source_date_epoch;
    assert_eq!(
        source_date_epoch(Some("99999999999999")).unwrap_err(),
        "环境变量 SOURCE_DATE_EPOCH 的值“99999999999999”超出范围：应为 0 到 253402300799 之间的整数（1970年1月1日至9999年12月31日的秒数）。"
    );
    assert!(source_date_epoch(Some("-62198755200")).is_err());
    assert_eq!(
        source_date_epoch(Some("1768867200")),
        Ok(Some(1_768_867_200))
    );
}

#[test]
fn the_agency_read_twice_is_reported_once() {
    // The agency is also the default first title line.
    let found = findings(&format!(
        "agency: 某局 #办公室\nyear: 2025\noverview: 正文\n{TAIL}"
    ));
    assert_eq!(codes(&found), ["W-COMMENT"]);
}
