//! `gxreport init`: the YAML skeleton of a report, written from
//! [`crate::format`] so that every key and every official label comes from
//! there. Every table row is present and zero-filled, every key carries its
//! official label as a comment, and every section holds placeholder prose
//! saying what the section must contain.
//!
//! [`next_year`] starts next year's report from last year's: agency kept,
//! year + 1, 二、上年结转 from last year's 四、结转下年度继续办理, 现行有效件数
//! carried, prose kept for editing.

use super::yaml::{self, Draft};
use crate::format::{B_CARRIED_FORWARD, B_CARRIED_OVER, B_TOTAL_COLUMN, OVERVIEW_ASPECTS};
use crate::report::values::{AFigure, Figures};
use crate::report::{Item, Prose, Report, Val};

/// The schema reference written on the first line: a file beside the YAML,
/// as `gxreport schema -o gxreport.schema.json` (and `gxreport init`) write it.
pub const SCHEMA_FILE: &str = "gxreport.schema.json";

/// Agency written when none is given.
pub const AGENCY_PLACEHOLDER: &str = "（请填写机关名称）";

/// Placeholder prose: what each part must contain (from the 2021 notice and
/// the practice of published reports). None of it quotes a figure by hand,
/// so check X3 stays quiet; figures are written as references.
const OVERVIEW_TEXT: &str = "（请概述{{ year }}年本机关政府信息公开工作的总体情况，再按下列五个方面分述。本部分篇幅原则上不超过一千字。）";

/// One placeholder per entry of [`OVERVIEW_ASPECTS`].
const ASPECT_TEXTS: [&str; 5] = [
    "（请写明本年度主动公开政府信息的做法和成效：通过政府网站、政务新媒体等渠道公开的信息，重点领域信息公开，政策解读等。规章、行政规范性文件和行政许可、处罚、强制等处理决定的数字填在第二部分表格中。）",
    "（请写明依申请公开的受理、办理和答复情况。本年度新收申请{{ b.received.total }}件，办理完毕{{ b.total.total }}件，这两个数由引用自动取自第三部分表格。）",
    "（请写明政府信息公开属性源头认定、发布前保密审查、已公开信息动态更新和清理等管理工作情况。）",
    "（请写明政府网站政府信息公开专栏、政务新媒体、政务服务场所等公开平台的建设和维护情况。）",
    "（请写明组织领导、工作机制、人员培训、考核评议和社会监督等情况，以及责任追究情况。）",
];

/// Section 五: its usual two run-in items and what each must say.
const PROBLEMS: [(&str, &str); 2] = [
    (
        "存在的主要问题",
        "（请如实写明本年度政府信息公开工作存在的主要问题。）",
    ),
    (
        "改进情况",
        "（请写明上一年度报告所列问题的改进情况和下一步的改进措施。）",
    ),
];

/// Section 六: what it must report (信息处理费 under the 2021 format).
const OTHER_MATTERS_TEXT: &str = "（请按《政府信息公开信息处理费管理办法》写明本年度收取信息处理费的情况，未收取的写明“本年度未收取信息处理费”。可另列落实上级年度政务公开工作要点情况、人大代表建议和政协提案办理结果公开情况等。）";

/// The file's opening comments.
fn header(year: u32, schema: &str) -> Vec<String> {
    vec![
        format!("{year}年政府信息公开工作年度报告的数据，由 gxreport init 生成。"),
        "表格中的数字都已填 0，请按实际填写；每行的总计可以不写，由各项相加。".into(),
        "文字中括号里的是填写说明，请改写为本机关的实际情况。{{ … }} 是对表格数字的引用，生成时自动填入。".into(),
        "检查：gxreport check 本文件；生成 PDF：gxreport build 本文件；边改边看：gxreport preview 本文件。".into(),
        format!("第一行让编辑器（如 VS Code 的 YAML 扩展）按 {schema} 补全键名、悬停显示栏目名称、标出类型错误；"),
        format!("该文件由 gxreport init 一并写出，也可用 gxreport schema -o {schema} 重新生成。"),
    ]
}

/// A fresh skeleton: every row zero-filled, placeholder prose.
pub fn skeleton(agency: Option<&str>, year: u32, schema: &str) -> String {
    let mut d = Draft::new(agency.unwrap_or(AGENCY_PLACEHOLDER), year);
    d.schema = Some(schema.to_string());
    d.header = header(year, schema);
    d.overview = overview_placeholder();
    d.problems = problems_placeholder();
    d.other_matters = placeholder(Some(OTHER_MATTERS_TEXT), &[]);
    yaml::write(&d)
}

/// Next year's skeleton from last year's report; `agency` and `year`
/// override the carried ones.
pub fn next_year(last: &Report, agency: Option<&str>, year: Option<u32>, schema: &str) -> String {
    let year = year.unwrap_or(last.year.value.saturating_add(1));
    let agency = agency.map_or_else(|| last.agency.value.clone(), str::to_string);
    let mut d = Draft::new(&agency, year);
    d.schema = Some(schema.to_string());
    d.header = header(year, schema);
    let old = last.year.value;
    let renew = |s: &String| s.replace(&format!("{old}年"), &format!("{year}年"));
    // A title or lead that was written is kept (with the new year); the
    // loader's defaults are not written, so they follow the new year.
    // A default title (agency line + computed year line) stays default.
    let title_written = last.title.iter().all(|t| t.pos.is_some());
    d.title = Some(written(&last.title))
        .filter(|_| title_written)
        .filter(|t| !t.is_empty())
        .map(|t| t.iter().map(renew).collect());
    d.lead = Some(written(&last.lead))
        .filter(|t| !t.is_empty())
        .map(|t| t.iter().map(renew).collect());
    d.overview = Some(last.overview.clone())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(overview_placeholder);
    d.problems = Some(last.problems.clone())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(problems_placeholder);
    // 六: the loader's default is not carried as prose.
    let other = Prose {
        paragraphs: last
            .other_matters
            .paragraphs
            .iter()
            .filter(|p| p.pos.is_some())
            .cloned()
            .collect(),
        items: last.other_matters.items.clone(),
    };
    d.other_matters = Some(other)
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| placeholder(Some(OTHER_MATTERS_TEXT), &[]));
    d.notes = [
        &last.proactive_note,
        &last.requests_note,
        &last.appeals_note,
    ]
    .map(|p| Some(p.clone()).filter(|p| !p.is_empty()));
    d.closing = Some(written(&last.closing)).filter(|c| !c.is_empty());
    d.signature = last.signature.as_ref().map(|s| s.value.clone());
    d.figures = carried(last);
    d.carried_forward_provisional = d.figures.b[B_CARRIED_FORWARD] != [0; 7];
    yaml::write(&d)
}

/// Figures carried into next year: 二、上年结转 from last year's 四、结转下年度
/// (and 四 the same for now, so R1 holds), 现行有效件数 of 规章 and 行政规范性文件.
fn carried(last: &Report) -> Figures {
    let mut f = Figures::zero();
    let forward = &last.table_b.rows[B_CARRIED_FORWARD];
    let mut row = [0; 7];
    for (c, v) in row.iter_mut().enumerate().take(B_TOTAL_COLUMN) {
        *v = forward[c].value;
    }
    row[B_TOTAL_COLUMN] = row[..B_TOTAL_COLUMN].iter().sum();
    f.b[B_CARRIED_OVER] = row;
    f.b[B_CARRIED_FORWARD] = row;
    for (mine, theirs) in f.a.iter_mut().zip(&Figures::of(last).a) {
        if let (AFigure::Documents(m), AFigure::Documents(t)) = (mine, theirs) {
            m[2] = t[2];
        }
    }
    f
}

/// The previous calendar year: the year a report written now is usually about.
pub fn default_year() -> u32 {
    let year = time::OffsetDateTime::now_utc().year();
    u32::try_from(year - 1).unwrap_or(2025)
}

/// Written paragraphs only: defaults filled in by the loader are not carried.
fn written(vals: &[Val<String>]) -> Vec<String> {
    vals.iter()
        .filter(|v| v.pos.is_some())
        .map(|v| v.value.clone())
        .collect()
}

fn overview_placeholder() -> Prose {
    let aspects: Vec<(String, &str)> = OVERVIEW_ASPECTS
        .iter()
        .zip(ASPECT_TEXTS)
        .map(|(a, t)| (format!("{a}方面"), t))
        .collect();
    placeholder(Some(OVERVIEW_TEXT), &aspects)
}

fn problems_placeholder() -> Prose {
    placeholder(None, &PROBLEMS.map(|(h, t)| (h.to_string(), t)))
}

/// Placeholder prose of a section: a text and run-in items (heading, text).
fn placeholder(text: Option<&str>, items: &[(String, &str)]) -> Prose {
    let para = |s: &str| vec![Val::computed(s.to_string())];
    Prose {
        paragraphs: text.map(para).unwrap_or_default(),
        items: items
            .iter()
            .map(|(h, t)| Item {
                heading: Val::computed(h.clone()),
                paragraphs: para(t),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_loads_and_checks_clean() {
        let text = skeleton(None, 2025, SCHEMA_FILE);
        let report = crate::report::load::load_str(&text, "s.yaml").unwrap();
        assert_eq!(report.year.value, 2025);
        // Only the placeholders left for the author (W-PLACEHOLDER).
        let findings = crate::check::check(&report, "s.yaml", None);
        assert!(
            findings.iter().all(|d| d.code == "W-PLACEHOLDER"),
            "{findings:#?}\n{text}"
        );
    }
}
