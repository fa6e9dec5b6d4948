//! `gxreport review` over a jurisdiction built here from the example, with
//! one planted problem per unit: every expected finding is found, no other,
//! and the honest rewrite of last year's report is not called a copy. The
//! JSON, the HTML page and the workbook (read back with calamine) are the
//! real outputs of one run.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{example, gx, stderr};
use gxreport::drafting::yaml::{write, Draft};
use gxreport::report::load::load_str;
use gxreport::report::values::Figures;

/// The example's YAML as published for 2024.
fn example_yaml() -> String {
    std::fs::read_to_string(example("panzhihua-2024.yaml")).unwrap()
}

/// The example's tables (二、三、四), as YAML lines.
fn tables() -> String {
    let y = example_yaml();
    let start = y.find("# 二、主动公开政府信息情况").unwrap();
    let end = y.find("# 五、存在的主要问题及改进情况").unwrap();
    y[start..end].to_string()
}

/// `tables` with one row's value replaced (`key: value`, indentation kept).
fn set_row(tables: &str, key: &str, value: &str) -> String {
    let mut hit = false;
    let out: Vec<String> = tables
        .lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with(&format!("{key}:")) {
                hit = true;
                format!("{}{key}: {value}", &l[..l.len() - t.len()])
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(hit, "no row {key}");
    out.join("\n") + "\n"
}

/// A 局's tables: the example's without its city's 规章.
fn no_rules(t: &str) -> String {
    set_row(t, "rules", "{issued: 0, repealed: 0, in_force: 0}")
}

/// Last year's figures of the other units: 15 applications, not 21.
fn last_year_tables() -> String {
    let t = no_rules(&tables());
    let t = set_row(
        &t,
        "normative_documents",
        "{issued: 4, repealed: 10, in_force: 43}",
    );
    let t = set_row(&t, "received", "[15, 0, 0, 0, 0, 0, 15]");
    let t = set_row(&t, "not_held", "[11, 0, 0, 0, 0, 0, 11]");
    set_row(&t, "total", "[15, 0, 0, 0, 0, 0, 15]")
}

/// An honest 2025 report: new text on the year's work that keeps the lead,
/// the stock phrases, the fee sentence and one sentence of last year's.
const REWRITE_OVERVIEW: &str = "overview:
  text: |
    2025年，本单位坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，围绕全市发展改革中心工作，把政务公开作为转变作风、服务群众的重要抓手，各项工作有序推进。
  items:
    - heading: 主动公开方面
      text: |
        聚焦项目审批、价格监管和粮食储备等社会关注事项，在市政府门户网站发布项目核准备案结果、重要商品价格监测周报和节能审查意见，新增“营商环境政策汇编”专栏，按季度更新惠企政策清单并配发图解。对涉及群众切身利益的收费标准调整，提前召开听证会并公开听证纪要。
    - heading: 依申请公开方面
      text: |
        修订依申请公开办理流程图，明确登记、补正、征求意见和答复的时限，对答复书实行法律顾问审核。全年申请主要集中在项目审批资料和价格成本调查结果。
    - heading: 政府信息管理方面
      text: |
        对本单位制发的规范性文件逐件开展合法性审核，清理后在政策文件库中标注有效、失效和废止状态，文件的起草说明和解读材料与正文同步上线。
    - heading: 政府信息公开平台建设方面
      text: |
        将原有的三个信息发布栏目合并为“法定主动公开内容”专栏，栏目页增加按年度和文号检索的功能，移动端页面完成适老化改造。结合实际，及时更新政府信息公开指南。
    - heading: 监督保障方面
      text: |
        党组会议两次专题研究政务公开，将公开工作纳入科室年度考核，邀请市政务公开办对业务骨干开展案例培训，年底对照考核指标逐项自查并建立整改台账。
";

const REWRITE_PROBLEMS: &str = "problems:
  items:
    - heading: 存在的主要问题
      text: |
        一是政策解读形式较为单一，图解和视频解读占比不高，部分解读材料发布滞后于文件。二是依申请公开答复中对“不予公开”理由的说明还不够具体，个别答复援引的条款不够准确。
    - heading: 改进情况
      text: |
        一是建立文件与解读同步起草、同步审签、同步发布的工作机制，每份政策文件至少配发一种图解或问答。二是制定依申请公开答复文书范本，对不予公开、无法提供等情形逐条列明法律依据，并由法律顾问逐件审核。
";

const FEE_SENTENCE: &str = "other_matters: |\n  2025年未收取信息处理费，无其他需要报告的事项。\n";

/// A unit's 2025 report in the rewritten text.
fn rewritten(agency: &str, tables: &str, problems: &str, other: &str, date: &str) -> String {
    format!(
        "agency: {agency}\nyear: 2025\n{REWRITE_OVERVIEW}\n{tables}\n{problems}\n{other}\nsignature: {agency}\ndate: {date}\n"
    )
}

/// The example with only the agency, tables and date changed (last year's
/// report of another unit).
fn last_year(agency: &str) -> String {
    let y = example_yaml().replace("攀枝花市人民政府办公室", agency);
    y.replace(&tables(), &last_year_tables()) + "date: 2025年1月20日\n"
}

const ON_TIME: &str = "2026年1月20日";
const THIN: &str = "problems: |\n  工作还存在一些不足<b>，下一步将继续加强。\n";

/// Files of a folder: (name, text).
type Files = Vec<(String, String)>;

/// The jurisdiction: the reports of 2025 and of 2024.
fn jurisdiction() -> (Files, Files) {
    let t = no_rules(&tables());
    let copied = example_yaml().replace("2024", "2025")
        + "signature: 攀枝花市人民政府办公室\ndate: 2026年1月20日\n";
    let fee_tables = set_row(&t, "not_held", "[16, 0, 0, 0, 0, 0, 16]");
    let fee_tables = set_row(&fee_tables, "fee_unpaid", "[1, 0, 0, 0, 0, 0, 1]");
    let no_fee = "other_matters: |\n  本年度无其他需要报告的事项。\n";
    let this: Vec<(String, String)> = vec![
        ("01-市政府办公室.yaml", copied),
        (
            "02-发改委.yaml",
            rewritten(
                "攀枝花市发展和改革委员会",
                &t,
                REWRITE_PROBLEMS,
                FEE_SENTENCE,
                ON_TIME,
            ),
        ),
        (
            "03-卫健委.yaml",
            rewritten("攀枝花市卫生健康委员会", &t, THIN, FEE_SENTENCE, ON_TIME),
        ),
        (
            "04-财政局.yaml",
            rewritten(
                "攀枝花市财政局",
                &t,
                REWRITE_PROBLEMS,
                FEE_SENTENCE,
                "2026年3月5日",
            ),
        ),
        (
            "05-平地镇.yaml",
            rewritten(
                "攀枝花市仁和区平地镇人民政府",
                &tables(),
                REWRITE_PROBLEMS,
                FEE_SENTENCE,
                ON_TIME,
            ),
        ),
        (
            "06-自然资源和规划局.yaml",
            rewritten(
                "攀枝花市自然资源和规划局",
                &fee_tables,
                REWRITE_PROBLEMS,
                no_fee,
                ON_TIME,
            ),
        ),
        (
            "07-档案馆.yaml",
            rewritten(
                "攀枝花市档案馆",
                &t,
                REWRITE_PROBLEMS,
                FEE_SENTENCE,
                ON_TIME,
            ),
        ),
    ]
    .into_iter()
    .map(|(f, y)| (f.to_string(), y))
    .collect();
    let mut this = this;
    // The city's 汇总: every unit but the 自然资源和规划局 summed (it was left out).
    let mut sum = Figures::zero();
    for (file, yaml) in &this {
        if !file.starts_with("06") {
            let r = load_str(yaml, file).unwrap_or_else(|e| panic!("{file}: {e:#?}"));
            gxreport::aggregate::add(&mut sum, &Figures::of(&r)).unwrap();
        }
    }
    let base = load_str(&this[1].1, "base").unwrap();
    let mut d = Draft::new("攀枝花市人民政府", 2025);
    d.overview = base.overview.clone();
    d.problems = base.problems.clone();
    d.other_matters = base.other_matters.clone();
    d.figures = sum;
    d.notes = [
        Some(Default::default()),
        Some(Default::default()),
        Some(Default::default()),
    ];
    d.signature = Some("攀枝花市人民政府".into());
    d.date = Some("2026年3月20日".into());
    this.push(("00-市政府汇总.yaml".into(), write(&d)));
    // A file that is not a report at all: read, refused, the run goes on.
    this.push(("08-损坏.pdf".into(), "%PDF-1.7 not really".into()));
    // The 发改委's report saved twice, the name spelt with a space.
    let again = this[1]
        .1
        .replace("攀枝花市发展和改革委员会", "攀枝花市 发展和改革委员会");
    this.push(("09-发改委（副本）.yaml".into(), again));
    let last = [
        ("2024-a.yaml", example_yaml() + "date: 2025年1月20日\n"),
        ("2024-b.yaml", last_year("攀枝花市发展和改革委员会")),
        ("2024-c.yaml", last_year("攀枝花市卫生健康委员会")),
        ("2024-d.yaml", last_year("攀枝花市仁和区平地镇人民政府")),
        ("2024-e.yaml", last_year("攀枝花市自然资源和规划局")),
        ("2024-f.yaml", last_year("攀枝花市档案馆")),
    ]
    .into_iter()
    .map(|(f, y)| (f.to_string(), y))
    .collect();
    (this, last)
}

const ROSTER: &str = "单位,级别,期限
攀枝花市人民政府,汇总,
攀枝花市人民政府办公室,部门,
攀枝花市发展和改革委员会,部门,
攀枝花市卫生健康委员会,部门,
攀枝花市财政局,部门,2月28日
攀枝花市仁和区平地镇人民政府,乡镇,
攀枝花市自然资源和规划局,部门,
攀枝花市司法局,部门,
";

const SCORES: &str = "编号,扣分\n满分,10\nV-COPY,5\nV-LATE,5\nV-MISSING,5\nV-THIN,2\n";

fn write_all(dir: &Path, files: &Files) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Build the jurisdiction in a temporary folder and review it.
fn run(extra: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let tmp = tempfile::tempdir().unwrap();
    let (this, last) = jurisdiction();
    write_all(&tmp.path().join("2025"), &this);
    write_all(&tmp.path().join("2024"), &last);
    std::fs::write(tmp.path().join("名单.csv"), ROSTER).unwrap();
    std::fs::write(tmp.path().join("评分表.csv"), SCORES).unwrap();
    let mut args = vec![
        "review",
        "2025",
        "--previous",
        "2024",
        "--roster",
        "名单.csv",
        "--scores",
        "评分表.csv",
        "--message-format",
        "json",
    ];
    args.extend(extra);
    let out = gx(&args, tmp.path());
    (tmp, out)
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

/// (unit, code) of every finding, in the review's order.
fn found(v: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for u in v["units"].as_array().unwrap() {
        for f in u["findings"].as_array().unwrap() {
            out.push((
                u["name"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

fn message<'a>(v: &'a serde_json::Value, unit: &str, code: &str) -> &'a serde_json::Value {
    v["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["name"] == unit)
        .flat_map(|u| u["findings"].as_array().unwrap())
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no {code} for {unit}"))
}

#[test]
fn review_of_a_jurisdiction_finds_each_planted_problem_and_nothing_else() {
    let (tmp, out) = run(&[
        "-o",
        "审查.html",
        "-o",
        "审查.xlsx",
        "-o",
        "审查.json",
        "-o",
        "通报.txt",
    ]);
    // Findings, and every output written: exit 1.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    let pair = |u: &str, c: &str| (u.to_string(), c.to_string());
    assert_eq!(
        found(&v),
        vec![
            // The 汇总 left the 自然资源和规划局 out of its sum.
            pair("攀枝花市人民政府", "V-NOPREV"),
            pair("攀枝花市人民政府", "V-SUM"),
            // Last year's report with only the year changed.
            pair("攀枝花市人民政府办公室", "V-COPY"),
            pair("攀枝花市人民政府办公室", "V-TABLE"),
            // The 现行有效件数 copied too: last year's stock plus this
            // year's changes is not it (check's X2, last year found by name).
            pair("攀枝花市人民政府办公室", "X2"),
            pair("攀枝花市人民政府办公室", "X2"),
            pair("攀枝花市人民政府办公室", "V-THIN"),
            // 02-发改委: the honest rewrite, nothing.
            pair("攀枝花市卫生健康委员会", "V-THIN"),
            // Late against the roster's 2月28日 (and check's 1月31日).
            pair("攀枝花市财政局", "W-DATE"),
            pair("攀枝花市财政局", "V-NOPREV"),
            pair("攀枝花市财政局", "V-LATE"),
            // 规章 from nowhere: none last year, none made, three in force.
            pair("攀枝花市仁和区平地镇人民政府", "X2"),
            pair("攀枝花市仁和区平地镇人民政府", "V-RULES"),
            pair("攀枝花市自然资源和规划局", "V-FEE"),
            pair("攀枝花市档案馆", "V-EXTRA"),
            pair("08-损坏.pdf", "E-IMPORT"),
            // Counted once: no V-EXTRA, not in the sum.
            pair("攀枝花市 发展和改革委员会", "V-DUP"),
            pair("攀枝花市司法局", "V-MISSING"),
        ]
    );
    let m = |u: &str, c: &str| message(&v, u, c)["message"].as_str().unwrap().to_string();
    let place = |u: &str, c: &str| message(&v, u, c)["place"].as_str().unwrap().to_string();
    assert_eq!(
        m("攀枝花市人民政府办公室", "V-COPY"),
        "全文 100% 的文字与上年报告（2024-a.yaml）相同（导语、法定语句、官方标题和栏目名称、年份和数字不计）：一、总体情况 100%，五、存在的主要问题及改进情况 100%。"
    );
    // The two passages side by side, each with its place.
    let copy = message(&v, "攀枝花市人民政府办公室", "V-COPY");
    let passages = copy["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 2);
    assert_eq!(passages[0]["label"], "本年");
    assert_eq!(passages[1]["label"], "上年");
    assert!(passages[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("围绕市委市政府中心工作"));
    assert_eq!(
        passages[0]["text"]
            .as_str()
            .unwrap()
            .replace("2025", "2024"),
        passages[1]["text"].as_str().unwrap()
    );
    assert_eq!(passages[0]["place"], "01-市政府办公室.yaml:22");
    assert_eq!(passages[1]["place"], "2024-a.yaml:22");
    assert_eq!(
        m("攀枝花市人民政府办公室", "V-TABLE"),
        "表二（主动公开政府信息情况）、表三（收到和处理政府信息公开申请情况）的数字与上年报告（2024-a.yaml）逐格相同，且有不为 0 的数字：请核对是否沿用了上年的表格。"
    );
    assert_eq!(
        m("攀枝花市人民政府办公室", "V-THIN"),
        "“五、存在的主要问题及改进情况”内容空泛：100% 的文字与上年报告（2024-a.yaml）相同。"
    );
    assert_eq!(
        m("攀枝花市卫生健康委员会", "V-THIN"),
        "“五、存在的主要问题及改进情况”内容空泛：只有 18 个字；套话占 72%。"
    );
    assert_eq!(
        place("攀枝花市卫生健康委员会", "V-THIN"),
        "03-卫健委.yaml:76"
    );
    assert_eq!(
        m("攀枝花市财政局", "V-LATE"),
        "成文日期 2026年3月5日 晚于公开期限 2026年2月28日，晚 5 天。"
    );
    assert_eq!(
        m("攀枝花市财政局", "W-DATE"),
        "成文日期 2026年3月5日 晚于公布期限 2026年1月31日。"
    );
    assert_eq!(
        m("攀枝花市仁和区平地镇人民政府", "X2"),
        "规章·现行有效件数 为 3，按上年（2024-d.yaml）0 加本年制发件数 0、减本年废止件数 1 应为 0。"
    );
    assert_eq!(
        place("攀枝花市仁和区平地镇人民政府", "X2"),
        place("攀枝花市仁和区平地镇人民政府", "V-RULES")
    );
    // The place is the 规章 row's line.
    let at = place("攀枝花市仁和区平地镇人民政府", "V-RULES");
    let line: usize = at.strip_prefix("05-平地镇.yaml:").unwrap().parse().unwrap();
    let text = std::fs::read_to_string(tmp.path().join("2025/05-平地镇.yaml")).unwrap();
    assert!(text
        .lines()
        .nth(line - 1)
        .unwrap()
        .trim_start()
        .starts_with("rules: {issued: 0, repealed: 1"));
    assert_eq!(
        m("攀枝花市自然资源和规划局", "V-FEE"),
        "表三“（六）其他处理·2.申请人逾期未按收费通知要求缴纳费用……”为 1 件（发出过收费通知），“六、其他需要报告的事项”却没有说明信息处理费的收取情况。"
    );
    assert_eq!(
        m("攀枝花市 发展和改革委员会", "V-DUP"),
        "与“02-发改委.yaml”是同一机关（攀枝花市发展和改革委员会）同一年度的报告：点名和汇总核对只算“02-发改委.yaml”。"
    );
    assert_eq!(
        m("攀枝花市司法局", "V-MISSING"),
        "名单第 9 行的“攀枝花市司法局”没有报告（文件夹中没有这个机关的报告）。"
    );
    // The sum: the 17 non-zero cells of the unit left out, each with both figures.
    let sum = message(&v, "攀枝花市人民政府", "V-SUM");
    assert_eq!(
        sum["message"],
        "本报告是汇总报告，与文件夹中 7 个单位报告之和有 17 格不一致（逐格列在下面：报告的数、各单位之和）。这些单位的数字不在和中：攀枝花市司法局（没有报告）、08-损坏.pdf（无法读取）。"
    );
    let figures = sum["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 17);
    let cell = |label: &str| {
        figures.iter().find(|f| f["cell"] == label).map(|f| {
            (
                f["reported"].as_str().unwrap(),
                f["expected"].as_str().unwrap(),
            )
        })
    };
    assert_eq!(
        cell("一、本年新收政府信息公开申请数量·总计"),
        Some(("126", "147"))
    );
    assert_eq!(
        cell("（六）其他处理·2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请·总计"),
        Some(("0", "1"))
    );
    // The honest rewrite: measured, low, no finding.
    let units = v["units"].as_array().unwrap();
    let rewrite = units
        .iter()
        .find(|u| u["name"] == "攀枝花市发展和改革委员会")
        .unwrap();
    let share = rewrite["copy"]["whole"].as_f64().unwrap();
    assert!(share > 0.0 && share < 0.1, "{share}");
    assert_eq!(rewrite["copy"]["previous"], "2024-b.yaml");
    // Scores only from the sheet: 10 − 5 (V-COPY) − 2 (V-THIN); late −5; missing −5.
    let score = |name: &str| units.iter().find(|u| u["name"] == name).unwrap()["score"].as_f64();
    assert_eq!(score("攀枝花市人民政府办公室"), Some(3.0));
    assert_eq!(score("攀枝花市卫生健康委员会"), Some(8.0));
    assert_eq!(score("攀枝花市财政局"), Some(5.0));
    assert_eq!(score("攀枝花市司法局"), Some(5.0));
    assert_eq!(score("攀枝花市发展和改革委员会"), Some(10.0));
    // The JSON file is what was printed.
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("审查.json")).unwrap()).unwrap();
    assert_eq!(file, v);
    workbook(&tmp.path().join("审查.xlsx"), &v);
    // The draft 通报: marked as a draft, a line per kind with its units.
    let notice = std::fs::read_to_string(tmp.path().join("通报.txt")).unwrap();
    assert!(notice.starts_with("【草稿】"), "{notice}");
    assert!(
        notice.contains(
            "\n一、名单上的单位没有报告（V-MISSING，问题，1 个单位）：攀枝花市司法局。\n"
        ),
        "{notice}"
    );
    assert!(notice.contains("、“五、存在的主要问题及改进情况”内容空泛（V-THIN，问题，2 个单位）：攀枝花市人民政府办公室、攀枝花市卫生健康委员会。\n"), "{notice}");
    assert!(
        !notice.contains("V-NOPREV"),
        "information is not a problem: {notice}"
    );
    page(
        &std::fs::read_to_string(tmp.path().join("审查.html")).unwrap(),
        &v,
    );
}

/// The workbook read back: a sheet per kind, a row per finding, numbers as numbers.
fn workbook(path: &Path, v: &serde_json::Value) {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["发现", "各单位", "点名", "雷同", "比率", "汇总核对"]
    );
    let findings = wb.worksheet_range("发现").unwrap();
    assert_eq!(findings.height(), 1 + found(v).len());
    assert_eq!(
        findings.rows().nth(1).unwrap()[..4],
        [
            Data::String("攀枝花市人民政府".into()),
            Data::String("00-市政府汇总.yaml".into()),
            Data::String("V-NOPREV".into()),
            Data::String("信息".into()),
        ]
    );
    let units = wb.worksheet_range("各单位").unwrap();
    let row = units
        .rows()
        .find(|r| r[0] == Data::String("攀枝花市人民政府办公室".into()))
        .unwrap();
    // 问题 2, 提醒 3, 与上年相同 100 %, 扣分 7, 得分 3: numbers.
    assert_eq!(
        row[4..],
        [
            Data::Float(2.0),
            Data::Float(3.0),
            Data::Float(1.0),
            Data::Float(7.0),
            Data::Float(3.0)
        ]
    );
    let roll = wb.worksheet_range("点名").unwrap();
    let status: BTreeMap<String, String> = roll
        .rows()
        .skip(1)
        .map(|r| (r[0].to_string(), r[6].to_string()))
        .collect();
    assert_eq!(status["攀枝花市司法局"], "没有报告");
    assert_eq!(status["攀枝花市财政局"], "逾期");
    assert_eq!(status["攀枝花市档案馆"], "不在名单上");
    assert_eq!(status["攀枝花市发展和改革委员会"], "按时");
    let sums = wb.worksheet_range("汇总核对").unwrap();
    assert_eq!(sums.height(), 1 + 17);
    assert!(sums.rows().any(|r| r[1]
        == Data::String("一、本年新收政府信息公开申请数量·总计".into())
        && r[2] == Data::Float(126.0)
        && r[3] == Data::Float(147.0)));
}

/// The page: self-contained, every finding linked to its unit's details,
/// the passages side by side, text escaped.
fn page(html: &str, v: &serde_json::Value) {
    use scraper::{Html, Selector};
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    assert!(doc
        .select(&sel("script, link, img, iframe"))
        .next()
        .is_none());
    assert_eq!(
        doc.select(&sel("html")).next().unwrap().attr("lang"),
        Some("zh-CN")
    );
    // Every in-page link resolves.
    let ids: std::collections::BTreeSet<&str> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.attr("id"))
        .collect();
    let links: Vec<&str> = doc
        .select(&sel("a[href]"))
        .filter_map(|e| e.attr("href"))
        .collect();
    assert!(links.len() > 20);
    for l in &links {
        let id = l
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external link {l}"));
        assert!(ids.contains(id), "{l} leads nowhere");
    }
    // One detail section per unit, with its findings.
    let units = v["units"].as_array().unwrap();
    assert_eq!(doc.select(&sel("section.unit")).count(), units.len());
    assert_eq!(doc.select(&sel("article.finding")).count(), found(v).len());
    // The copy's two passages are two figures side by side.
    let copied = doc.select(&sel("#u2 .pair figure")).count();
    assert!(copied >= 2, "{copied}");
    // The thin 五 has “<b>” in its text: shown as text, not markup.
    assert!(doc.select(&sel("blockquote b")).next().is_none());
    assert!(html.contains("工作还存在一些不足&lt;b&gt;，下一步将继续加强。"));
    // Summary counts: a row per code with its count.
    let kinds: Vec<String> = doc
        .select(&sel("#kinds ~ div table tbody tr td:first-child"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(kinds.len(), v["counts"].as_object().unwrap().len());
}

#[test]
fn the_same_folders_give_the_same_bytes() {
    let outs = [
        "-o", "r.html", "-o", "r.xlsx", "-o", "r.json", "-o", "r.txt",
    ];
    let (a, _) = run(&outs);
    let (b, _) = run(&outs);
    for f in ["r.html", "r.xlsx", "r.json", "r.txt"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f} differs between two runs"
        );
    }
}

/// The measure on real reports (the shared reference folder):
/// the same report read from YAML and from its published text is a copy;
/// reports of different agencies share little once boilerplate is out.
#[test]
fn copy_measure_on_real_reports() {
    use gxreport::review::{copy, unit};
    let shared = |name: &str| crate::common::shared(&format!("reference/{name}"));
    let files = [
        example("panzhihua-2024.yaml"),
        shared("panzhihua-2024-report.txt"),
        shared("shuyang-fgj-2023.html"),
        shared("published/huaian-city-2024-wps.pdf"),
    ];
    let p = gxreport::Pipeline::embedded();
    let units: Vec<unit::Unit> = files.iter().map(|f| unit::read(&p, f)).collect();
    let mut table = String::new();
    for a in &units {
        for b in &units {
            let s = copy::compare(a, b, &mut Vec::new());
            table.push_str(&format!("{:>5.1}%", s.whole * 100.0));
        }
        table.push_str(&format!(
            "  {} ({} chars)\n",
            a.file,
            copy::compare(a, a, &mut Vec::new()).chars
        ));
    }
    eprintln!("{table}");
    let share = |i: usize, j: usize| copy::compare(&units[i], &units[j], &mut Vec::new()).whole;
    assert!(share(0, 1) > 0.95 && share(1, 0) > 0.95, "{table}");
    for (i, j) in [(0, 2), (0, 3), (2, 3), (3, 2), (2, 0), (3, 0)] {
        assert!(share(i, j) < 0.2, "{table}");
    }
    // The three published reports reviewed together: only what the import
    // noted (a table read in official column order, cells printed blank).
    let r = gxreport::review::review(&units[1..], &Default::default());
    let got: Vec<(String, &str)> = r
        .units
        .iter()
        .flat_map(|u| u.findings.iter().map(|f| (u.name.clone(), f.code)))
        .collect();
    assert_eq!(
        got,
        [
            ("攀枝花市人民政府办公室".to_string(), "W-IMPORT"),
            ("沭阳县发展和改革局".to_string(), "W-BLANK"),
        ]
    );
}

/// The jurisdiction of docs/review.md's figures: `GXREVIEW_BENCH=/tmp/j
/// cargo test --release --test it -- --ignored write_a_jurisdiction` writes
/// `/tmp/j/2025` (of every five units one PDF, one web page, three YAML;
/// every tenth copied from last year, every seventh with a thin 五, every
/// thirteenth late) and `/tmp/j/2024`; `GXREVIEW_UNITS` sets how many (1000).
#[test]
#[ignore]
fn write_a_jurisdiction() {
    let Some(root) = std::env::var_os("GXREVIEW_BENCH").map(std::path::PathBuf::from) else {
        return;
    };
    let n: usize = std::env::var("GXREVIEW_UNITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let (this, last) = (root.join("2025"), root.join("2024"));
    std::fs::create_dir_all(&this).unwrap();
    std::fs::create_dir_all(&last).unwrap();
    let p = crate::common::pipeline();
    for i in 0..n {
        let agency = format!("测试市第{i:04}委员会");
        let apps = 30 + i % 40;
        let t = no_rules(&tables());
        let t = set_row(&t, "received", &format!("[{apps}, 0, 0, 0, 0, 0, {apps}]"));
        let t = set_row(
            &t,
            "not_held",
            &format!("[{0}, 0, 0, 0, 0, 0, {0}]", apps - 4),
        );
        let t = set_row(&t, "total", &format!("[{apps}, 0, 0, 0, 0, 0, {apps}]"));
        let prev = last_year(&agency);
        std::fs::write(last.join(format!("{i:04}-上年.yaml")), &prev).unwrap();
        let yaml = if i % 10 == 0 {
            prev.replace("2024", "2025")
                .replace("2025年1月20日", "2026年1月20日")
        } else {
            let date = if i % 13 == 0 {
                "2026年3月5日"
            } else {
                ON_TIME
            };
            let problems = if i % 7 == 0 { THIN } else { REWRITE_PROBLEMS };
            rewritten(&agency, &t, problems, FEE_SENTENCE, date)
        };
        let name = format!("{i:04}-本年");
        match i % 5 {
            1 | 2 => {
                let prepared = p.prepare_text(&yaml, &name);
                if i % 5 == 1 {
                    let pdf = p.produce(&prepared, gxreport::Export::Pdf).unwrap();
                    std::fs::write(this.join(format!("{name}.pdf")), &pdf.files[0]).unwrap();
                } else {
                    let report = prepared.report.as_ref().unwrap();
                    let page = gxreport::html::render(report, &Default::default());
                    std::fs::write(this.join(format!("{name}.html")), page).unwrap();
                }
            }
            _ => std::fs::write(this.join(format!("{name}.yaml")), yaml).unwrap(),
        }
    }
}

/// The page at desktop and phone widths, as the portal page is checked:
/// screenshots at 1280 and 390 px, and at 390 px no sideways scroll of the
/// page and no text under 16 px (wide tables scroll in their own box).
#[test]
fn the_page_reads_at_desktop_and_phone_widths() {
    use crate::html::{chromium, file_url, phone_measure, shots_dir};
    let (tmp, out) = run(&["-o", "审查.html"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let path = tmp.path().join("审查.html");
    let source = std::fs::read_to_string(&path).unwrap();
    let shots = shots_dir();
    for (width, height) in [(1280, 4000), (390, 9000)] {
        let shot = shots.join(format!("review-{width}.png"));
        let _ = std::fs::remove_file(&shot);
        chromium(
            &[
                format!("--window-size={width},{height}"),
                format!("--screenshot={}", shot.display()),
            ],
            &file_url(&path),
        );
        let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("no screenshot {shot:?}: {e}"));
        let info = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap();
        assert_eq!(info.info().width, width);
    }
    let m = phone_measure(&source, tmp.path());
    assert_eq!(m["clientWidth"], 390, "{m}");
    assert!(
        m["scrollWidth"].as_u64() <= m["clientWidth"].as_u64(),
        "the page scrolls sideways at 390 px: {m}"
    );
    assert_eq!(m["small"], serde_json::json!([]), "text below 16 px: {m}");
}

/// Filed = published (`--filed`): the published PDF of a unit against the
/// YAML it filed for review — one figure and one paragraph changed since —
/// is told figure by figure and paragraph by paragraph, with both versions;
/// a unit filed as published gives nothing; a unit with no filed version
/// is named.
#[test]
fn the_published_report_is_compared_with_the_version_filed_for_review() {
    let tmp = tempfile::tempdir().unwrap();
    let (published, filed) = (tmp.path().join("发布"), tmp.path().join("报送"));
    std::fs::create_dir_all(&published).unwrap();
    std::fs::create_dir_all(&filed).unwrap();
    // The example, published as gxreport's PDF; filed with 自然人 22 of the
    // applications received and another first paragraph.
    let yaml = example_yaml();
    std::fs::write(tmp.path().join("example.yaml"), &yaml).unwrap();
    let built = gx(
        &["build", "example.yaml", "-o", "发布/市政府办公室.pdf"],
        tmp.path(),
    );
    assert!(built.status.success(), "{}", stderr(&built));
    let first = "2024年，市政府办公室坚持以习近平新时代中国特色社会主义思想为指导";
    assert!(yaml.contains(first));
    let changed = yaml
        .replace(
            "received:       [21, 0, 0, 0, 0, 0, 21]",
            "received:       [22, 0, 0, 0, 0, 0, 21]",
        )
        .replace(
            first,
            "2024年，市政府办公室以习近平新时代中国特色社会主义思想为指导",
        );
    assert_ne!(changed, yaml);
    std::fs::write(filed.join("市政府办公室.yaml"), &changed).unwrap();
    // A unit filed as it was published, and one never filed.
    let minimal = std::fs::read_to_string(example("minimal.yaml")).unwrap();
    std::fs::write(published.join("档案馆.yaml"), &minimal).unwrap();
    std::fs::write(filed.join("档案馆.yaml"), &minimal).unwrap();
    let other = minimal.replace("某某县档案馆", "某某县文化馆");
    std::fs::write(published.join("文化馆.yaml"), &other).unwrap();

    let out = gx(
        &[
            "review",
            "发布",
            "--filed",
            "报送",
            "--message-format",
            "json",
        ],
        tmp.path(),
    );
    let v = json(&out);
    let filed_findings: Vec<(String, String)> = found(&v)
        .into_iter()
        .filter(|(_, code)| code.starts_with("V-FILED") || code == "V-NOFILED")
        .collect();
    assert_eq!(
        filed_findings,
        [
            ("攀枝花市人民政府办公室".to_string(), "V-FILED".to_string()),
            (
                "攀枝花市人民政府办公室".to_string(),
                "V-FILEDTEXT".to_string()
            ),
            ("某某县文化馆".to_string(), "V-NOFILED".to_string()),
        ],
        "{v:#}"
    );
    let figures = &message(&v, "攀枝花市人民政府办公室", "V-FILED")["figures"];
    assert_eq!(
        figures,
        &serde_json::json!([{
            "cell": "一、本年新收政府信息公开申请数量·自然人",
            "reported": "21",
            "expected": "22"
        }])
    );
    let text = message(&v, "攀枝花市人民政府办公室", "V-FILEDTEXT");
    assert!(
        text["message"]
            .as_str()
            .unwrap()
            .starts_with("一、总体情况："),
        "{text}"
    );
    let passages = text["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 2, "{text}");
    assert_eq!(passages[0]["label"], "报送");
    assert!(passages[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("2024年，市政府办公室以习近平"));
    assert_eq!(passages[1]["label"], "发布");
    assert!(passages[1]["text"].as_str().unwrap().starts_with(first));
    assert!(
        passages[1]["place"].as_str().unwrap().contains("第1页"),
        "{text}"
    );
}

/// A portal page that says when it published the report (the real 沭阳县
/// page: “公开日期 2024-01-17” in its information table) is held to the
/// deadline by that date, which is when the public could read it.
#[test]
fn a_pages_publication_date_is_held_to_the_deadline() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("2023");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        crate::common::shared("reference/shuyang-fgj-2023.html"),
        dir.join("发改局.html"),
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("名单.csv"),
        "单位,级别,期限\n沭阳县发展和改革局,部门,1月10日\n",
    )
    .unwrap();
    let out = gx(
        &[
            "review",
            "2023",
            "--roster",
            "名单.csv",
            "--message-format",
            "json",
        ],
        tmp.path(),
    );
    let v = json(&out);
    let late = message(&v, "沭阳县发展和改革局", "V-LATE");
    assert_eq!(
        late["message"],
        "网页标明的公开日期 2024年1月17日 晚于公开期限 2024年1月10日，晚 7 天。"
    );
    assert!(
        late["place"]
            .as_str()
            .unwrap()
            .starts_with("发改局.html（第"),
        "{late}"
    );
}
