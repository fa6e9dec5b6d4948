//! `gxreport aggregate` through the binary: three generated units with known
//! figures are summed; every cell, the fee, the breakdown, the manifest and
//! the refusals are checked.

use crate::common::{gx as gxreport, stderr};

use std::path::PathBuf;

use gxreport::format::{BPlace, C_GROUPS, TABLE_B};
use gxreport::report::{load::load_file, ACells};
use sha2::{Digest, Sha256};

/// The figures of one generated unit.
#[derive(Clone)]
struct Unit {
    agency: String,
    year: u32,
    docs: [[u64; 3]; 2],
    counts: [u64; 3],
    fee: &'static str,
    /// 25 rows × 7 columns (总计 included) in the order of TABLE_B.
    b: Vec<[u64; 7]>,
    c: [[u64; 5]; 3],
}

/// Unit `k` (1, 2, 3): distinct figures that satisfy R1–R4.
#[allow(clippy::needless_range_loop)] // column arithmetic across rows
fn unit(k: u64, agency: &str, fee: &'static str) -> Unit {
    let leaf = |i: usize, c: usize| (k * 7 + i as u64 * 3 + c as u64) % 4;
    let mut b = vec![[0u64; 7]; TABLE_B.len()];
    for (i, row) in TABLE_B.iter().enumerate() {
        if row.is_leaf_result() {
            for c in 0..6 {
                b[i][c] = leaf(i, c);
            }
        }
    }
    let at = |key: &str| TABLE_B.iter().position(|r| r.key == key).unwrap();
    let (received, carried_over, total, forward) = (
        at("received"),
        at("carried_over"),
        at("total"),
        at("carried_forward"),
    );
    for c in 0..6 {
        b[total][c] = (0..TABLE_B.len())
            .filter(|i| TABLE_B[*i].is_leaf_result())
            .map(|i| b[i][c])
            .sum();
        b[carried_over][c] = (k + c as u64) % 3;
        b[forward][c] = (k * c as u64) % 2;
        b[received][c] = b[total][c] + b[forward][c] - b[carried_over][c];
    }
    for row in &mut b {
        row[6] = row[..6].iter().sum();
    }
    let c = std::array::from_fn(|g| {
        let g = g as u64;
        let v = [k + g, g, 1, k % 2];
        [v[0], v[1], v[2], v[3], v.iter().sum()]
    });
    Unit {
        agency: agency.into(),
        year: 2024,
        docs: [[k, k + 1, 10 * k], [2 * k, 0, 30 + k]],
        counts: [100 * k, 7 * k, k],
        fee,
        b,
        c,
    }
}

/// `[1, 2, 3]`, with the 总计 left out when `short`.
fn list(v: &[u64], short: bool) -> String {
    let v = if short { &v[..v.len() - 1] } else { v };
    format!(
        "[{}]",
        v.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
    )
}

/// The unit as YAML; `short` leaves out the totals (computed by the loader).
fn yaml(u: &Unit, short: bool) -> String {
    let mut s = format!(
        "agency: {}\nyear: {}\noverview: 本单位{}年的工作情况。\nproblems: 无。\n",
        serde_json::to_string(&u.agency).unwrap(),
        u.year,
        u.year
    );
    s += &format!(
        "proactive:\n  rules: {{issued: {}, repealed: {}, in_force: {}}}\n",
        u.docs[0][0], u.docs[0][1], u.docs[0][2]
    );
    s += &format!("  normative_documents: {}\n", list(&u.docs[1], false));
    s += &format!(
        "  licensing: {}\n  punishment: {}\n  coercion: {}\n  fees: {}\n",
        u.counts[0], u.counts[1], u.counts[2], u.fee
    );
    s += "requests:\n";
    let mut group = None;
    for (row, cells) in TABLE_B.iter().zip(&u.b) {
        if short && row.key == "total" {
            continue;
        }
        match row.place {
            BPlace::Item(g) => {
                if group != g.key {
                    group = g.key;
                    s += &format!("  {}:\n", g.key.unwrap());
                }
                s += &format!("    {}: {}\n", row.key, list(cells, short));
            }
            _ => s += &format!("  {}: {}\n", row.key, list(cells, short)),
        }
    }
    s += "appeals:\n";
    for (g, cells) in C_GROUPS.iter().zip(&u.c) {
        s += &format!("  {}: {}\n", g.key, list(cells, short));
    }
    s
}

fn three_units() -> Vec<Unit> {
    vec![
        unit(1, "县教育局: #1 'A' \"甲\"", "1.5"),
        unit(2, "县民政局 # 二", "2.25"),
        unit(3, "'县财政局'", "0.25"),
    ]
}

/// A folder `units/` with the units as 1.yaml, 2.yaml, …
fn folder(units: &[Unit]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let units_dir = dir.path().join("units");
    std::fs::create_dir(&units_dir).unwrap();
    for (i, u) in units.iter().enumerate() {
        let text = yaml(u, i > 0);
        std::fs::write(units_dir.join(format!("{}.yaml", i + 1)), text).unwrap();
    }
    (dir, units_dir)
}

fn sum(units: &[Unit]) -> Unit {
    let mut t = units[0].clone();
    for u in &units[1..] {
        for (x, y) in t.docs.iter_mut().flatten().zip(u.docs.iter().flatten()) {
            *x += y;
        }
        for (x, y) in t.counts.iter_mut().zip(&u.counts) {
            *x += y;
        }
        for (x, y) in t.b.iter_mut().flatten().zip(u.b.iter().flatten()) {
            *x += y;
        }
        for (x, y) in t.c.iter_mut().flatten().zip(u.c.iter().flatten()) {
            *x += y;
        }
    }
    t
}

const AGENCY: &str = "某某县: #人民政府 'x' \"汇总\"";

#[test]
fn sums_every_cell_and_the_fee_exactly() {
    let units = three_units();
    let (dir, _) = folder(&units);
    let out = gxreport(
        &[
            "aggregate",
            "units",
            "-o",
            "全县汇总.yaml",
            "--agency",
            AGENCY,
            "--breakdown",
            "明细.csv",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("已汇总 3 个单位"), "{}", stderr(&out));

    let report = load_file(&dir.path().join("全县汇总.yaml")).unwrap();
    let want = sum(&units);
    assert_eq!(report.agency.value, AGENCY);
    assert_eq!(report.year.value, 2024);
    let a: Vec<&ACells> = report.table_a.rows.iter().collect();
    for (i, docs) in want.docs.iter().enumerate() {
        match a[i] {
            ACells::Documents(v) => assert_eq!(v.clone().map(|c| c.value), *docs, "row {i}"),
            other => panic!("{other:?}"),
        }
    }
    for (i, n) in want.counts.iter().enumerate() {
        match a[2 + i] {
            ACells::Count(v) => assert_eq!(v.value, *n, "row {}", 2 + i),
            other => panic!("{other:?}"),
        }
    }
    // 1.5 + 2.25 + 0.25: exact, with the scale of the most precise input.
    match a[5] {
        ACells::Fee(f) => assert_eq!(f.value.0, "4.00"),
        other => panic!("{other:?}"),
    }
    for (i, (got, want)) in report.table_b.rows.iter().zip(&want.b).enumerate() {
        assert_eq!(got.clone().map(|c| c.value), *want, "{}", TABLE_B[i].label);
    }
    assert_eq!(
        report.table_c.groups.clone().map(|g| g.map(|c| c.value)),
        want.c
    );
    // The generated text refers to the sums.
    let overview = &report.overview.paragraphs[0].value;
    assert!(overview.contains("汇总了3个单位"), "{overview}");
    assert!(overview.contains("{{ b.received.total }}"), "{overview}");

    let check = gxreport(&["check", "全县汇总.yaml"], dir.path());
    // Only the placeholders left for the author are reported (W-PLACEHOLDER):
    // they stop a final build (exit 2) until written, not a draft.
    crate::common::only_placeholders(&check);

    // The breakdown: header of official labels, a row per unit, the total row.
    let bytes = std::fs::read(dir.path().join("明细.csv")).unwrap();
    let text = std::str::from_utf8(&bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("UTF-8 BOM for Excel");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(header.len(), 2 + 10 + 25 * 7 + 15);
    assert_eq!(header[..3], ["文件", "机关名称", "规章·本年制发件数"]);
    assert_eq!(header[11], "行政事业性收费·本年收费金额（单位：万元）");
    assert_eq!(header[12], "一、本年新收政府信息公开申请数量·自然人");
    assert_eq!(header[12 + 4 * 7], "（三）不予公开·1.属于国家秘密·自然人");
    assert_eq!(header.last().unwrap(), "行政诉讼·复议后起诉·总计");
    assert_eq!(records.len(), 4);
    for (i, u) in units.iter().enumerate() {
        assert_eq!(
            records[i][..2],
            [format!("{}.yaml", i + 1), u.agency.clone()]
        );
    }
    let mut total = vec!["合计".to_string(), AGENCY.to_string()];
    total.extend(want.docs.iter().flatten().map(u64::to_string));
    total.extend(want.counts.iter().map(u64::to_string));
    total.push("4.00".into());
    total.extend(want.b.iter().flatten().map(u64::to_string));
    total.extend(want.c.iter().flatten().map(u64::to_string));
    assert_eq!(records[3], total);
    assert_eq!(records[0][11], "1.5");

    // The manifest: in the YAML's opening comments and beside it as JSON.
    let written = std::fs::read_to_string(dir.path().join("全县汇总.yaml")).unwrap();
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("全县汇总.units.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["aggregate"], "全县汇总.yaml");
    assert_eq!(json["year"], 2024);
    for (i, u) in units.iter().enumerate() {
        let file = format!("{}.yaml", i + 1);
        let bytes = std::fs::read(dir.path().join("units").join(&file)).unwrap();
        let sha = format!("{:x}", Sha256::digest(&bytes));
        let line = format!("{file}  {}  sha256:{sha}", u.agency);
        let comment = written
            .lines()
            .take_while(|l| l.starts_with('#'))
            .any(|l| l.ends_with(&line));
        assert!(comment, "{line} not in\n{written}");
        assert_eq!(json["units"][i]["file"], file.as_str());
        assert_eq!(json["units"][i]["agency"], u.agency.as_str());
        assert_eq!(json["units"][i]["sha256"], sha.as_str());
    }
    assert_eq!(json["units"].as_array().unwrap().len(), 3);
}

#[test]
fn the_result_builds_to_a_pdf() {
    let (dir, _) = folder(&three_units());
    let out = gxreport(&["aggregate", "units", "-o", "汇总.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("--agency"), "{}", stderr(&out));
    // Its placeholders are still to be written: a draft builds, a final does not.
    let build = gxreport(&["build", "汇总.yaml", "-o", "汇总.pdf"], dir.path());
    assert_eq!(build.status.code(), Some(2), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("警告[W-PLACEHOLDER]"),
        "{}",
        stderr(&build)
    );
    assert!(!dir.path().join("汇总.pdf").exists());
    let build = gxreport(
        &["build", "--draft", "汇总.yaml", "-o", "汇总.pdf"],
        dir.path(),
    );
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let pdf = std::fs::read(dir.path().join("汇总.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn a_unit_with_a_broken_total_is_refused_and_can_be_skipped() {
    let mut units = three_units();
    // 一、本年新收·总计 one too many: R3 (row) and R1 (column) break.
    units[1].b[0][6] += 1;
    let dir = tempfile::tempdir().unwrap();
    let units_dir = dir.path().join("units");
    std::fs::create_dir(&units_dir).unwrap();
    for (i, u) in units.iter().enumerate() {
        std::fs::write(units_dir.join(format!("{}.yaml", i + 1)), yaml(u, false)).unwrap();
    }
    let out = gxreport(&["aggregate", "units", "-o", "汇总.yaml"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("单位数据“units/2.yaml”有"), "{err}");
    assert!(err.contains("错误[R3]"), "{err}");
    assert!(err.contains("--> units/2.yaml:"), "{err}");
    assert!(err.contains("--skip-invalid"), "{err}");
    assert!(!dir.path().join("汇总.yaml").exists());
    assert!(!dir.path().join("汇总.units.json").exists());

    let out = gxreport(
        &["aggregate", "units", "-o", "汇总.yaml", "--skip-invalid"],
        dir.path(),
    );
    let err = stderr(&out);
    // Written, but a unit is missing: exit 1 tells a scheduler.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("已排除 2.yaml"), "{err}");
    let report = load_file(&dir.path().join("汇总.yaml")).unwrap();
    let want = sum(&[units[0].clone(), units[2].clone()]);
    for (got, want) in report.table_b.rows.iter().zip(&want.b) {
        assert_eq!(got.clone().map(|c| c.value), *want);
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("汇总.units.json")).unwrap())
            .unwrap();
    assert_eq!(json["units"].as_array().unwrap().len(), 2);
    assert_eq!(json["excluded"][0]["file"], "2.yaml");
    let written = std::fs::read_to_string(dir.path().join("汇总.yaml")).unwrap();
    assert!(written.contains("# 已排除的单位"), "{written}");
    let check = gxreport(&["check", "汇总.yaml"], dir.path());
    // Only the placeholders left for the author are reported (W-PLACEHOLDER):
    // they stop a final build (exit 2) until written, not a draft.
    crate::common::only_placeholders(&check);
}

#[test]
fn units_of_two_years_are_refused() {
    let mut units = three_units();
    units[2].year = 2025;
    let (dir, _) = folder(&units);
    let out = gxreport(&["aggregate", "units", "-o", "汇总.yaml"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("“units/3.yaml”（'县财政局'）是 2025 年的报告，与汇总年度 2024 年不一致"),
        "{err}"
    );
    assert!(!dir.path().join("汇总.yaml").exists());

    // --year picks the year; with --skip-invalid the others are left out.
    let out = gxreport(
        &[
            "aggregate",
            "units",
            "-o",
            "汇总.yaml",
            "--year",
            "2025",
            "--skip-invalid",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = load_file(&dir.path().join("汇总.yaml")).unwrap();
    assert_eq!(report.year.value, 2025);
    let want = &units[2];
    for (got, want) in report.table_b.rows.iter().zip(&want.b) {
        assert_eq!(got.clone().map(|c| c.value), *want);
    }

    // One unit each: no majority, the year must be given.
    let (dir, _) = folder(&units[1..]);
    let out = gxreport(&["aggregate", "units", "-o", "汇总.yaml"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("各单位的年度不一致"), "{err}");
    assert!(err.contains("--year"), "{err}");
}

#[test]
fn the_output_inside_the_folder_is_not_counted_again() {
    let units = three_units();
    let (dir, _) = folder(&units);
    for _ in 0..2 {
        let out = gxreport(
            &[
                "aggregate",
                "units",
                "-o",
                "units/汇总.yaml",
                "--agency",
                "某县",
            ],
            dir.path(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains("已汇总 3 个单位"), "{}", stderr(&out));
    }
    let report = load_file(&dir.path().join("units/汇总.yaml")).unwrap();
    let want = sum(&units);
    for (got, want) in report.table_b.rows.iter().zip(&want.b) {
        assert_eq!(got.clone().map(|c| c.value), *want);
    }
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("units")).unwrap();
    let out = gxreport(&["aggregate", "units", "-o", "汇总.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("没有 .yaml 文件"), "{}", stderr(&out));
}

/// An old 汇总 file, a “- 副本” copy and the same unit saved again in GBK
/// sit in the folder: none is counted twice, and each is named.
#[test]
fn old_outputs_copies_and_re_encoded_units_are_not_counted_twice() {
    let units = three_units();
    let (dir, units_dir) = folder(&units);
    let out = gxreport(&["aggregate", "units", "-o", "old.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::copy(dir.path().join("old.yaml"), units_dir.join("去年汇总.yaml")).unwrap();
    let first = std::fs::read_dir(&units_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml") && !p.ends_with("去年汇总.yaml"))
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&first).unwrap();
    std::fs::write(units_dir.join("1 - 副本.yaml"), &text).unwrap();
    std::fs::write(
        units_dir.join("1-gbk.yaml"),
        encoding_rs::GB18030.encode(&text).0,
    )
    .unwrap();
    let out = gxreport(
        &[
            "aggregate",
            "units",
            "-o",
            "汇总.yaml",
            "--breakdown",
            "明细.csv",
        ],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("“units/去年汇总.yaml”是 gxreport aggregate 此前生成的汇总数据"),
        "{err}"
    );
    assert!(err.contains("是同一份报告，不能重复汇总"), "{err}");
    assert!(!dir.path().join("汇总.yaml").exists());

    let out = gxreport(
        &[
            "aggregate",
            "units",
            "-o",
            "汇总.yaml",
            "--skip-invalid",
            "--breakdown",
            "明细.csv",
        ],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("已汇总 3 个单位"), "{err}");
    let report = load_file(&dir.path().join("汇总.yaml")).unwrap();
    let want = sum(&units);
    for (got, want) in report.table_b.rows.iter().zip(&want.b) {
        assert_eq!(got.clone().map(|c| c.value), *want);
    }
    let csv = std::fs::read_to_string(dir.path().join("明细.csv")).unwrap();
    assert_eq!(csv.matches("已排除").count(), 3, "{csv}");
    assert!(
        csv.contains("去年汇总.yaml,已排除：是此前生成的汇总数据"),
        "{csv}"
    );
}

/// The same unit saved again under another spelling of its name (here a
/// space; brackets and width likewise, see report/unit.rs) is a duplicate,
/// named with both files (issue 22).
#[test]
fn a_unit_under_another_spelling_is_not_summed_twice() {
    let units = three_units();
    let (dir, units_dir) = folder(&units);
    let first = std::fs::read_dir(&units_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&first).unwrap();
    let agency = text
        .lines()
        .find_map(|l| l.strip_prefix("agency: "))
        .unwrap()
        .trim()
        .to_string();
    // A space typed inside the name.
    let mut spelt: Vec<char> = agency.chars().collect();
    spelt.insert(2, ' ');
    let spelt: String = spelt.into_iter().collect();
    let respelt = text.replace(&format!("agency: {agency}"), &format!("agency: {spelt}"));
    assert_ne!(respelt, text);
    std::fs::write(units_dir.join("重报.yaml"), &respelt).unwrap();
    let out = gxreport(&["aggregate", "units", "-o", "汇总.yaml"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("机关名称只是写法不同、年度相同"), "{err}");
    assert!(err.contains("重报.yaml"), "{err}");
}

/// An earlier 汇总 written into the units' folder is left out with a note
/// and recorded in the manifest, but it is not a refused unit: the run
/// goes on and exits 0 (issue 22).
#[test]
fn an_earlier_aggregate_in_the_folder_is_skipped_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units");
    std::fs::create_dir(&units).unwrap();
    let minimal = std::fs::read_to_string(crate::common::example("minimal.yaml")).unwrap();
    for name in ["甲局", "乙局"] {
        std::fs::write(
            units.join(format!("{name}.yaml")),
            minimal.replace("某某县档案馆", name),
        )
        .unwrap();
    }
    let first = gxreport(
        &[
            "aggregate",
            "units",
            "-o",
            "units/汇总.yaml",
            "--agency",
            "某县",
        ],
        dir.path(),
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let again = gxreport(
        &[
            "aggregate",
            "units",
            "-o",
            "units/汇总2.yaml",
            "--agency",
            "某县",
        ],
        dir.path(),
    );
    let err = stderr(&again);
    assert_eq!(again.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "“units/汇总.yaml”是 gxreport aggregate 此前生成的汇总数据，不是单位的报告，未计入。"
        ),
        "{err}"
    );
    assert!(err.contains("已汇总 2 个单位"), "{err}");
    let manifest = std::fs::read_to_string(units.join("汇总2.units.json")).unwrap();
    assert!(manifest.contains("是此前生成的汇总数据"), "{manifest}");
}
