//! X3: figures typed by hand in the prose, against the tables.
//!
//! Each phrasing has the set of table quantities it may mean (受理…申请N件
//! often counts 本年新收 + 上年结转), and X3 warns only when the number
//! matches none of them. Digits may be half- or full-width, with spaces
//! around. Figures written as references (`{{ … }}`) are always right and
//! are not looked at.

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Severity};
use crate::format::{B_TOTAL_COLUMN, C_TOTAL_COLUMN, TABLE_B};
use crate::report::figures::{paragraphs, without_references};
use crate::report::{ACells, Report};

/// A quantity of the tables: its official name and value.
type Quantity = (String, u64);

/// A phrase, and the table quantities the number in it may be.
struct Phrase {
    pattern: &'static str,
    means: fn(&Report) -> Vec<Quantity>,
    /// The number is a percentage of `means`[0] over each later quantity.
    rate: bool,
}

fn b(r: &Report, key: &str, col: usize) -> Quantity {
    let i = TABLE_B
        .iter()
        .position(|row| row.key == key)
        .unwrap_or_default();
    let label = crate::format::B_COLUMNS[col].label;
    (
        format!("{}·{label}", TABLE_B[i].label),
        r.table_b.rows[i][col].value,
    )
}

/// 本年新收, and 本年新收 + 上年结转 (what 受理 often counts), in one column.
fn received(r: &Report, col: usize) -> Vec<Quantity> {
    let (new, n) = b(r, "received", col);
    let (_, carried) = b(r, "carried_over", col);
    vec![
        (new.clone(), n),
        (format!("{new}加上年结转"), n.saturating_add(carried)),
    ]
}

fn appeals(r: &Report, groups: &[usize], name: &str) -> Quantity {
    let v = groups
        .iter()
        .map(|&g| r.table_c.groups[g][C_TOTAL_COLUMN].value)
        .fold(0u64, u64::saturating_add);
    (format!("{name}·总计"), v)
}

/// Table A document rows (规章, 行政规范性文件): column `col` of the rows in `keys`, and their sum.
fn documents(r: &Report, keys: &[&str], col: usize) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut total = 0u64;
    for (row, cells) in r.table_a_rows() {
        if let (true, ACells::Documents(v)) = (keys.contains(&row.key), cells) {
            out.push((
                format!(
                    "{}·{}",
                    row.label,
                    crate::format::A_DOCUMENT_COLUMNS[col].label
                ),
                v[col].value,
            ));
            total = total.saturating_add(v[col].value);
        }
    }
    if out.len() > 1 {
        out.push(("两者合计".into(), total));
    }
    out
}

/// Characters allowed between a keyword and its number: no stop, no digit.
macro_rules! gap {
    ($n:literal) => {
        concat!("[^。；，0-9０-９]{0,", $n, "}?")
    };
}

const PHRASES: [Phrase; 12] = [
    Phrase {
        pattern: concat!(
            "(?:收到|受理|接收|接到)",
            gap!(12),
            "申请",
            gap!(8),
            r"\s*([0-9０-９]+)\s*[件条个]"
        ),
        means: |r| received(r, B_TOTAL_COLUMN),
        rate: false,
    },
    Phrase {
        pattern: concat!("涉及自然人", gap!(4), r"\s*([0-9０-９]+)\s*件"),
        means: |r| received(r, 0),
        rate: false,
    },
    Phrase {
        pattern: concat!("自然人", gap!(2), "申请", gap!(2), r"\s*([0-9０-９]+)\s*件"),
        means: |r| received(r, 0),
        rate: false,
    },
    Phrase {
        pattern: concat!("办结", gap!(6), r"\s*([0-9０-９]+)\s*件"),
        means: |r| vec![b(r, "total", B_TOTAL_COLUMN)],
        rate: false,
    },
    Phrase {
        pattern: r"办结率\s*(?:为|达到?)?\s*([0-9０-９]+(?:\.[0-9]+)?)\s*[%％]",
        means: |r| {
            let mut v = vec![b(r, "total", B_TOTAL_COLUMN)];
            v.extend(received(r, B_TOTAL_COLUMN).into_iter().rev());
            v
        },
        rate: true,
    },
    Phrase {
        pattern: concat!("行政复议", gap!(6), r"\s*([0-9０-９]+)\s*[件起]"),
        means: |r| vec![appeals(r, &[0], "行政复议")],
        rate: false,
    },
    Phrase {
        pattern: concat!("行政诉讼", gap!(6), r"\s*([0-9０-９]+)\s*[件起]"),
        means: |r| {
            vec![
                appeals(r, &[1, 2], "行政诉讼"),
                appeals(r, &[1], "行政诉讼·未经复议直接起诉"),
                appeals(r, &[2], "行政诉讼·复议后起诉"),
            ]
        },
        rate: false,
    },
    Phrase {
        pattern: concat!(
            "(?:制发|印发|出台)",
            gap!(4),
            "规范性文件",
            r"\s*([0-9０-９]+)\s*件"
        ),
        means: |r| documents(r, &["normative_documents"], 0),
        rate: false,
    },
    Phrase {
        pattern: concat!("废止", gap!(8), r"\s*([0-9０-９]+)\s*件"),
        means: |r| documents(r, &["rules", "normative_documents"], 1),
        rate: false,
    },
    Phrase {
        pattern: concat!("现行有效", gap!(8), r"\s*([0-9０-９]+)\s*件"),
        means: |r| documents(r, &["rules", "normative_documents"], 2),
        rate: false,
    },
    Phrase {
        pattern: concat!(
            "(?:制发|制定|出台|印发)",
            gap!(2),
            "规章",
            r"\s*([0-9０-９]+)\s*件"
        ),
        means: |r| documents(r, &["rules"], 0),
        rate: false,
    },
    Phrase {
        pattern: concat!("(?:^|[^性])规章", r"\s*([0-9０-９]+)\s*件"),
        means: |r| {
            let mut v = documents(r, &["rules"], 0);
            v.extend(documents(r, &["rules"], 1));
            v.extend(documents(r, &["rules"], 2));
            v
        },
        rate: false,
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

/// Full-width digits as ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Whether a written percentage is the rate `part`/`whole` (to its own precision).
fn rate_matches(said: &str, part: u64, whole: u64) -> bool {
    let Ok(v) = said.parse::<f64>() else {
        return true;
    };
    if whole == 0 {
        return true;
    }
    let decimals = said.split('.').nth(1).map_or(0, str::len) as i32;
    let rate = part as f64 * 100.0 / whole as f64;
    (v - rate).abs() <= 10f64.powi(-decimals) - 1e-9 || (v - rate).abs() < 1e-9
}

/// The quantities a phrase may mean, as named in the report `r`.
/// `clause`: the text of the phrase's clause up to its end (from the last
/// “。” or “；” before it), which may name the row the phrase is about.
fn meanings(phrase: &Phrase, whole: &str, clause: &str, r: &Report) -> Vec<Quantity> {
    let mut means = (phrase.means)(r);
    // “废止规范性文件N件” is about one row of Table A, not both; so is
    // “制发行政规范性文件5件、失效或废止12件”: the row named last before it.
    const ROWS: [&str; 2] = ["规范性文件", "规章"];
    let named = ROWS.iter().find(|row| whole.contains(*row)).or_else(|| {
        ROWS.iter()
            .filter_map(|row| clause.rfind(row).map(|at| (at, row)))
            .max()
            .map(|(_, row)| row)
    });
    if let Some(row) = named {
        if means.iter().any(|(n, _)| n.contains(row)) {
            means.retain(|(n, _)| n.contains(row));
        }
    }
    if !phrase.rate {
        // “为 20，…加上年结转 为 20” says nothing twice.
        let mut values = Vec::new();
        means.retain(|(_, v)| {
            let new = !values.contains(v);
            values.push(*v);
            new
        });
    }
    means
}

/// Whether the number said agrees with one of the quantities.
fn agrees(phrase: &Phrase, said: &str, means: &[Quantity]) -> bool {
    let Some((_, value)) = means.first() else {
        return true;
    };
    if phrase.rate {
        means[1..]
            .iter()
            .any(|(_, w)| rate_matches(said, *value, *w))
    } else {
        said.parse::<u64>()
            .map_or(true, |n| means.iter().any(|(_, v)| *v == n))
    }
}

/// The report with every written total that disagrees with its parts
/// replaced by their sum (Table B's 总计 column and （七）总计 row, Table C's
/// 总计); none when all agree.
fn with_summed_totals(r: &Report) -> Option<Report> {
    let mut t = r.clone();
    let mut changed = false;
    let mut set = |cell: &mut u64, parts: u64| {
        if *cell != parts {
            *cell = parts;
            changed = true;
        }
    };
    for row in t.table_b.rows.iter_mut() {
        let parts = row[..B_TOTAL_COLUMN]
            .iter()
            .fold(0u64, |a, v| a.saturating_add(v.value));
        set(&mut row[B_TOTAL_COLUMN].value, parts);
    }
    let total = TABLE_B.iter().position(|row| row.key == "total");
    if let Some(total) = total {
        for c in 0..=B_TOTAL_COLUMN {
            let parts = crate::format::sum_of_leaves(&t.table_b.rows, |row| row[c].value);
            set(&mut t.table_b.rows[total][c].value, parts);
        }
    }
    for g in t.table_c.groups.iter_mut() {
        let parts = g[..C_TOTAL_COLUMN]
            .iter()
            .fold(0u64, |a, v| a.saturating_add(v.value));
        set(&mut g[C_TOTAL_COLUMN].value, parts);
    }
    changed.then_some(t)
}

pub(super) fn quoted_figures(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    let summed = with_summed_totals(r);
    for para in paragraphs(r) {
        let text = without_references(&para.value);
        let mut seen = Vec::new();
        for (phrase, re) in PHRASES.iter().zip(compiled()) {
            for cap in re.captures_iter(&text) {
                let (Some(whole), Some(num)) = (cap.get(0), cap.get(1)) else {
                    continue;
                };
                // One number, one finding (“规章” also matches inside longer phrases).
                if seen.contains(&num.start()) {
                    continue;
                }
                seen.push(num.start());
                let said = ascii_digits(num.as_str());
                let clause_start = text[..whole.start()]
                    .rfind(['。', '；'])
                    .map_or(0, |at| at + '。'.len_utf8());
                let clause = &text[clause_start..whole.end()];
                let means = meanings(phrase, whole.as_str(), clause, r);
                // A wrong written total is R2–R4's finding: prose that agrees
                // with the sum of the parts is not contradicted by it.
                let agrees = agrees(phrase, &said, &means)
                    || summed.as_ref().is_some_and(|t| {
                        agrees(phrase, &said, &meanings(phrase, whole.as_str(), clause, t))
                    });
                if agrees {
                    continue;
                }
                let Some((name, value)) = means.first().cloned() else {
                    continue;
                };
                let (expected, names) = if phrase.rate {
                    let w = means.get(1).map_or(0, |m| m.1);
                    let rate = if w == 0 {
                        0.0
                    } else {
                        value as f64 * 100.0 / w as f64
                    };
                    let shown = format!("{}%", (rate * 10.0).round() / 10.0);
                    (
                        shown.clone(),
                        format!(
                            "{name} {value} 除以 {} {w} 为 {shown}",
                            means.get(1).map_or("", |m| m.0.as_str())
                        ),
                    )
                } else {
                    (
                        value.to_string(),
                        means
                            .iter()
                            .map(|(n, v)| format!("{n} 为 {v}"))
                            .collect::<Vec<_>>()
                            .join("，"),
                    )
                };
                let phrase_text = whole.as_str().trim_start_matches(|c: char| {
                    !c.is_alphanumeric() && !('\u{4e00}'..='\u{9fff}').contains(&c)
                });
                let offset = whole.as_str().len() - phrase_text.len();
                let at = para
                    .pos
                    .map(|p| r.locate(p, phrase_text, num.start() - whole.start() - offset));
                // Not found on one line (a phrase across lines): the paragraph, no underline.
                let width = (at != para.pos).then(|| num.as_str().chars().count());
                out.push(Diagnostic {
                    severity: Severity::Warning,
                    expected: Some(expected),
                    found: Some(format!("{}{}", said, if phrase.rate { "%" } else { "" })),
                    hint: Some("改正文字或表格；文字中的数字也可以写成引用（如 {{ b.received.total }}），自动取自表格。".into()),
                    width,
                    ..Diagnostic::error(
                        "X3",
                        file,
                        at,
                        format!("文字中的“{}”与表格不一致：{names}。", phrase_text.trim()),
                    )
                });
            }
        }
    }
}
