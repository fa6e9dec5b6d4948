//! X3: figures typed by hand in the prose, against the tables.
//!
//! Only a few unambiguous phrasings are recognised (收到…申请N件, 办结N件,
//! 行政复议N件, 行政诉讼N件, 制发…规范性文件N件); figures written as
//! references (`{{ … }}`) are always right and are not looked at.

use std::sync::OnceLock;

use regex::Regex;

use super::finding;
use crate::diagnostic::Diagnostic;
use crate::format::{B_TOTAL_COLUMN, C_TOTAL_COLUMN, TABLE_B};
use crate::report::figures::{paragraphs, without_references};
use crate::report::{ACells, Report};

/// A phrase, and the table figure (with its official name) it must match.
struct Phrase {
    pattern: &'static str,
    name: fn(&Report) -> (String, u64),
}

fn b_total(r: &Report, key: &str) -> (String, u64) {
    let i = TABLE_B
        .iter()
        .position(|row| row.key == key)
        .unwrap_or_default();
    (
        format!("{}·总计", TABLE_B[i].label),
        r.table_b.rows[i][B_TOTAL_COLUMN].value,
    )
}

const PHRASES: [Phrase; 5] = [
    Phrase {
        pattern: r"收到[^。；，\d]{0,12}?申请[^。；，\d]{0,8}?(\d+)\s*[件条个]",
        name: |r| b_total(r, "received"),
    },
    Phrase {
        pattern: r"办结[^。；，\d]{0,6}?(\d+)\s*件",
        name: |r| b_total(r, "total"),
    },
    Phrase {
        pattern: r"行政复议[^。；，\d]{0,6}?(\d+)\s*[件起]",
        name: |r| {
            (
                "行政复议·总计".into(),
                r.table_c.groups[0][C_TOTAL_COLUMN].value,
            )
        },
    },
    Phrase {
        pattern: r"行政诉讼[^。；，\d]{0,6}?(\d+)\s*[件起]",
        name: |r| {
            let g = &r.table_c.groups;
            (
                "行政诉讼·总计".into(),
                g[1][C_TOTAL_COLUMN].value + g[2][C_TOTAL_COLUMN].value,
            )
        },
    },
    Phrase {
        pattern: r"制发[^。；，\d]{0,4}?规范性文件\s*(\d+)\s*件",
        name: |r| match r
            .table_a_rows()
            .find(|(row, _)| row.key == "normative_documents")
        {
            Some((row, ACells::Documents(v))) => {
                (format!("{}·本年制发件数", row.label), v[0].value)
            }
            _ => (String::new(), 0),
        },
    },
];

fn compiled() -> &'static Vec<Regex> {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        PHRASES
            .iter()
            .map(|p| Regex::new(p.pattern).unwrap_or_else(|e| unreachable!("{e}")))
            .collect()
    })
}

pub(super) fn quoted_figures(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    for para in paragraphs(r) {
        let text = without_references(&para.value);
        for (phrase, re) in PHRASES.iter().zip(compiled()) {
            for cap in re.captures_iter(&text) {
                let (Some(whole), Some(num)) = (cap.get(0), cap.get(1)) else {
                    continue;
                };
                let Ok(said) = num.as_str().parse::<u64>() else {
                    continue;
                };
                let (name, value) = (phrase.name)(r);
                if said != value {
                    out.push(finding("X3",
                        file,
                        para.pos.map(|p| r.locate(p, whole.as_str(), whole.as_str().rfind(num.as_str()).unwrap_or(0))),
                        format!("文字中的“{}”与表格不一致：{name} 为 {value}。", whole.as_str()),
                        value,
                        said,
                        "改正文字或表格；文字中的数字也可以写成引用（如 {{ b.received.total }}），自动取自表格。",
                    ));
                }
            }
        }
    }
}
