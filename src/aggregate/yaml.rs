//! The aggregated report as YAML, through the one writer of report files
//! ([`crate::drafting::yaml`]): the summed figures, the generated text of
//! section 一, placeholders for what only the author can write, and the unit
//! manifest as the file's opening comments.

use super::{one_line, prose, Aggregate};
use crate::drafting::yaml::{self, Draft};
use crate::format::SECTIONS;
use crate::report::{Item, Prose, Val};

/// The header comments: what the file is and which units went into it.
fn header(agg: &Aggregate, json_name: &str) -> Vec<String> {
    let mut out = vec![
        super::AGGREGATE_MARK.to_string(),
        format!(
            "{}{}年政府信息公开工作年度报告（汇总）",
            one_line(&agg.agency),
            agg.year
        ),
        format!(
            "由 gxreport aggregate 将下列 {} 个单位的报告数据逐格相加生成；表格中的数字请勿手改，",
            agg.units.len()
        ),
        "单位数据有改动时请重新汇总。文字中的 {{ … }} 自动取自表格。".into(),
        format!(
            "单位清单（文件名、机关名称、文件内容的 SHA-256），另见 {}：",
            one_line(json_name)
        ),
    ];
    for (i, u) in agg.units.iter().enumerate() {
        out.push(format!(
            "  {:>3}. {}  {}  sha256:{}",
            i + 1,
            one_line(&u.file),
            one_line(&u.agency),
            u.sha256
        ));
    }
    if !agg.excluded.is_empty() {
        out.push("已排除的单位（--skip-invalid）：".into());
        for e in &agg.excluded {
            out.push(format!(
                "       {}  {}  sha256:{}",
                one_line(&e.file),
                one_line(&e.reason),
                e.sha256.as_deref().unwrap_or("-")
            ));
        }
    }
    out
}

fn paragraphs(texts: &[String]) -> Vec<Val<String>> {
    texts.iter().map(|t| Val::computed(t.clone())).collect()
}

/// The aggregated report as YAML; `json_name` names the manifest file.
pub fn write(agg: &Aggregate, json_name: &str) -> String {
    let mut d = Draft::new(&agg.agency, agg.year);
    d.schema = Some(crate::drafting::skeleton::SCHEMA_FILE.to_string());
    d.header = header(agg, json_name);
    d.figures = agg.totals.clone();
    d.section_comments[0] = Some(format!(
        "{}：前两段由程序生成（{{{{ … }}}} 处取自表格），括号中的内容请作者补写",
        SECTIONS[0].heading
    ));
    d.overview = Prose {
        paragraphs: paragraphs(&prose::overview(agg)),
        items: Vec::new(),
    };
    d.section_comments[4] = Some(format!("{}（请作者填写）", SECTIONS[4].heading));
    d.problems = Prose {
        paragraphs: Vec::new(),
        items: prose::PROBLEMS_PLACEHOLDER
            .iter()
            .map(|(h, t)| Item {
                heading: Val::computed(h.to_string()),
                paragraphs: paragraphs(&[t.to_string()]),
            })
            .collect(),
    };
    d.section_comments[5] = Some(format!("{}（请作者填写）", SECTIONS[5].heading));
    d.other_matters = Prose {
        paragraphs: paragraphs(&[prose::OTHER_MATTERS_PLACEHOLDER.to_string()]),
        items: Vec::new(),
    };
    yaml::write(&d)
}
