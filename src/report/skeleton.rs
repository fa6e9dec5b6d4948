//! `gxreport init`: the YAML skeleton of a report, written from
//! [`crate::format`] so that every key and every official label comes from
//! there. Every table row is present and zero-filled, every key carries its
//! official label as a comment, and every section holds placeholder prose
//! saying what the section must contain.
//!
//! [`next_year`] starts next year's report from last year's: agency kept,
//! year + 1, 二、上年结转 from last year's 四、结转下年度继续办理, 现行有效件数
//! carried, prose kept for editing.

use super::{ACells, Prose, Report, Val};
use crate::format::{
    AKind, BPlace, A_DOCUMENT_COLUMNS, A_FIRST_HEADER, B_APPLICANTS, B_COLUMNS, B_CORNER,
    B_ORGANISATIONS, B_RESULTS, B_TOTAL_COLUMN, B_TOTAL_ROW, C_COLUMNS, C_GROUPS, C_LITIGATION,
    C_REVIEW, C_TOTAL_COLUMN, DEFAULT_TITLE_LINE, OVERVIEW_ASPECTS, SECTIONS, TABLE_A, TABLE_B,
};

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

/// What carries over into a new skeleton.
struct Seed<'a> {
    agency: String,
    year: u32,
    /// 二、上年结转: the six applicant columns.
    carried_over: [u64; B_TOTAL_COLUMN],
    /// 现行有效件数 of each Table A document row, in format order.
    in_force: Vec<u64>,
    /// Last year's report, whose prose is kept.
    last: Option<&'a Report>,
}

/// A fresh skeleton: every row zero-filled, placeholder prose.
pub fn skeleton(agency: Option<&str>, year: u32, schema: &str) -> String {
    write(
        &Seed {
            agency: agency.unwrap_or(AGENCY_PLACEHOLDER).to_string(),
            year,
            carried_over: [0; B_TOTAL_COLUMN],
            in_force: vec![0; document_rows().count()],
            last: None,
        },
        schema,
    )
}

/// Next year's skeleton from last year's report; `agency` and `year`
/// override the carried ones.
pub fn next_year(last: &Report, agency: Option<&str>, year: Option<u32>, schema: &str) -> String {
    let forward = TABLE_B
        .iter()
        .position(|r| r.key == "carried_forward")
        .map(|i| &last.table_b.rows[i]);
    let carried_over = std::array::from_fn(|c| forward.map_or(0, |row| row[c].value));
    let in_force = last
        .table_a_rows()
        .filter_map(|(_, cells)| match cells {
            ACells::Documents(v) => Some(v[2].value),
            _ => None,
        })
        .collect();
    write(
        &Seed {
            agency: agency.map_or_else(|| last.agency.value.clone(), str::to_string),
            year: year.unwrap_or(last.year.value.saturating_add(1)),
            carried_over,
            in_force,
            last: Some(last),
        },
        schema,
    )
}

/// The previous calendar year: the year a report written now is usually about.
pub fn default_year() -> u32 {
    let year = time::OffsetDateTime::now_utc().year();
    u32::try_from(year - 1).unwrap_or(2025)
}

fn document_rows() -> impl Iterator<Item = &'static crate::format::ARow> {
    TABLE_A
        .iter()
        .flat_map(|b| b.rows.iter())
        .filter(|r| r.kind == AKind::Documents)
}

// ------------------------------------------------------------ writing

/// Column at which comments after a value start (in display columns).
const COMMENT_COLUMN: usize = 40;

struct Out(String);

impl Out {
    /// A line at `indent` levels (two spaces each), with an aligned comment.
    fn line(&mut self, indent: usize, content: &str, comment: &str) {
        let text = format!("{}{content}", "  ".repeat(indent));
        self.0.push_str(&text);
        if !comment.is_empty() {
            let pad = COMMENT_COLUMN.saturating_sub(width(&text)).max(1);
            self.0.push_str(&" ".repeat(pad));
            self.0.push_str("# ");
            self.0.push_str(comment);
        }
        self.0.push('\n');
    }
    /// A line commented out (an optional key), with an aligned comment.
    fn commented(&mut self, indent: usize, content: &str, comment: &str) {
        self.line(indent, &format!("# {content}"), comment);
    }
    /// A comment line at `indent` levels.
    fn comment(&mut self, indent: usize, comment: &str) {
        self.0.push_str(&"  ".repeat(indent));
        self.0.push_str("# ");
        self.0.push_str(comment);
        self.0.push('\n');
    }
    fn blank(&mut self) {
        self.0.push('\n');
    }
    /// A block scalar (`|`) of paragraphs separated by blank lines.
    fn block(&mut self, indent: usize, paragraphs: &[String]) {
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.0.push('\n');
            }
            self.0.push_str(&"  ".repeat(indent));
            self.0.push_str(p);
            self.0.push('\n');
        }
    }
}

/// Display width: wide characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if super::prose::is_wide(c) { 2 } else { 1 })
        .sum()
}

/// A YAML scalar for `s`: plain when that reads back as the same string,
/// double-quoted (JSON escapes are valid YAML) otherwise.
fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', '~',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['\n', '\t', '\r'])
        && !s.ends_with(':')
        && !s
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::Value::from(s).to_string()
    }
}

fn flow(values: &[u64]) -> String {
    let list: Vec<String> = values.iter().map(u64::to_string).collect();
    format!("[{}]", list.join(", "))
}

fn paragraphs(vals: &[Val<String>]) -> Vec<String> {
    vals.iter().map(|v| v.value.clone()).collect()
}

/// Written paragraphs only: defaults filled in by the loader are not carried.
fn written(vals: &[Val<String>]) -> Vec<String> {
    vals.iter()
        .filter(|v| v.pos.is_some())
        .map(|v| v.value.clone())
        .collect()
}

/// Section prose as YAML under `key`: a block scalar, or `text` plus `items`.
fn prose(out: &mut Out, indent: usize, key: &str, label: &str, p: &Prose) {
    if p.items.is_empty() {
        out.line(indent, &format!("{key}: |"), label);
        out.block(indent + 1, &paragraphs(&p.paragraphs));
        return;
    }
    out.line(indent, &format!("{key}:"), label);
    if !p.paragraphs.is_empty() {
        out.line(indent + 1, "text: |", "总述；空一行分段");
        out.block(indent + 2, &paragraphs(&p.paragraphs));
    }
    out.line(
        indent + 1,
        "items:",
        "各方面，自动编号（一）（二）……，小标题与正文同一行",
    );
    for item in &p.items {
        out.line(
            indent + 2,
            &format!("- heading: {}", scalar(&item.heading.value)),
            "",
        );
        if !item.paragraphs.is_empty() {
            out.line(indent + 3, "text: |", "");
            out.block(indent + 4, &paragraphs(&item.paragraphs));
        }
    }
}

/// Placeholder prose of a section: a text and run-in items (heading, text).
fn placeholder(text: Option<&str>, items: &[(String, &str)]) -> Prose {
    let para = |s: &str| vec![Val::computed(s.to_string())];
    Prose {
        paragraphs: text.map(para).unwrap_or_default(),
        items: items
            .iter()
            .map(|(h, t)| super::Item {
                heading: Val::computed(h.clone()),
                paragraphs: para(t),
            })
            .collect(),
    }
}

fn write(seed: &Seed, schema: &str) -> String {
    let mut out = Out(String::new());
    let year = seed.year;
    out.0.push_str(&format!(
        "# yaml-language-server: $schema={schema}\n\
         # {year}年政府信息公开工作年度报告的数据，由 gxreport init 生成。\n\
         # 表格中的数字都已填 0，请按实际填写；每行的总计可以不写，由各项相加。\n\
         # 文字中括号里的是填写说明，请改写为本机关的实际情况。{{{{ … }}}} 是对表格数字的引用，生成时自动填入。\n\
         # 检查：gxreport check 本文件；生成 PDF：gxreport build 本文件；边改边看：gxreport preview 本文件。\n\
         # 第一行让编辑器（如 VS Code 的 YAML 扩展）按 {schema} 补全键名、悬停显示栏目名称、标出类型错误；\n\
         # 该文件由 gxreport init 一并写出，也可用 gxreport schema -o {schema} 重新生成。\n\n"
    ));
    out.line(
        0,
        &format!("agency: {}", scalar(&seed.agency)),
        "机关名称（必填）",
    );
    out.line(0, &format!("year: {year}"), "报告年度（必填）");
    let last = seed.last;
    let old_year = last.map(|l| l.year.value.to_string());
    let renew = |s: &str| match &old_year {
        Some(old) => s.replace(&format!("{old}年"), &format!("{year}年")),
        None => s.to_string(),
    };
    match last.map(|l| written(&l.title)).filter(|t| !t.is_empty()) {
        Some(lines) => {
            out.line(0, "title:", "标题各行");
            for l in lines {
                out.line(1, &format!("- {}", scalar(&renew(&l))), "");
            }
        }
        None => {
            out.commented(0, "title:", "可选：标题各行（不写则为机关名称和下面一行）");
            out.commented(
                1,
                &format!(
                    "- {}",
                    DEFAULT_TITLE_LINE.replace("{year}", &year.to_string())
                ),
                "",
            );
        }
    }
    match last.map(|l| written(&l.lead)).filter(|t| !t.is_empty()) {
        Some(paras) => {
            out.line(0, "lead: |", "导语");
            let paras: Vec<String> = paras.iter().map(|p| renew(p)).collect();
            out.block(1, &paras);
        }
        None => out.commented(
            0,
            "lead: ……",
            "可选：导语（不写则为标准导语：引用国令第711号、国办公开办函〔2021〕30号并写明统计期限）",
        ),
    }
    out.blank();

    // 一、总体情况
    let aspects: Vec<(String, &str)> = OVERVIEW_ASPECTS
        .iter()
        .zip(ASPECT_TEXTS)
        .map(|(a, t)| (format!("{a}方面"), t))
        .collect();
    let overview = match last {
        Some(l) if !l.overview.is_empty() => l.overview.clone(),
        _ => placeholder(Some(OVERVIEW_TEXT), &aspects),
    };
    prose(&mut out, 0, "overview", SECTIONS[0].heading, &overview);
    out.blank();

    table_a(&mut out, seed);
    out.blank();
    table_b(&mut out, seed);
    out.blank();
    table_c(&mut out, seed);
    out.blank();

    // 五、存在的主要问题及改进情况
    let problems = match last {
        Some(l) if !l.problems.is_empty() => l.problems.clone(),
        _ => placeholder(None, &PROBLEMS.map(|(h, t)| (h.to_string(), t))),
    };
    prose(&mut out, 0, "problems", SECTIONS[4].heading, &problems);
    out.blank();

    // 六、其他需要报告的事项 (the loader's default is not carried as prose)
    let other = last
        .map(|l| Prose {
            paragraphs: l
                .other_matters
                .paragraphs
                .iter()
                .filter(|p| p.pos.is_some())
                .cloned()
                .collect(),
            items: l.other_matters.items.clone(),
        })
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| placeholder(Some(OTHER_MATTERS_TEXT), &[]));
    prose(&mut out, 0, "other_matters", SECTIONS[5].heading, &other);
    out.blank();

    match last.map(|l| written(&l.closing)).filter(|c| !c.is_empty()) {
        Some(paras) => {
            out.line(0, "closing: |", "结尾段落（联系方式等）");
            out.block(1, &paras);
        }
        None => out.commented(
            0,
            "closing: 联系地址：……",
            "可选：结尾段落（联系地址、邮编、电话、电子邮箱、网址）",
        ),
    }
    match last.and_then(|l| l.signature.as_ref()) {
        Some(s) => out.line(0, &format!("signature: {}", scalar(&s.value)), "落款"),
        None => out.commented(0, "signature: ……", "可选：落款（机关名称）"),
    }
    out.commented(
        0,
        &format!("date: {}年1月20日", year.saturating_add(1)),
        "可选：成文日期（也写入 PDF 的创建日期）",
    );
    out.0
}

fn table_a(out: &mut Out, seed: &Seed) {
    out.line(0, "proactive:", SECTIONS[1].heading);
    let mut documents = seed.in_force.iter();
    for band in &TABLE_A {
        out.comment(
            1,
            &format!(
                "{} —— {}：{}",
                band.band,
                A_FIRST_HEADER,
                band.headers.join("、")
            ),
        );
        for row in band.rows {
            match row.kind {
                AKind::Documents => {
                    let in_force = documents.next().copied().unwrap_or(0);
                    let cells: Vec<String> = A_DOCUMENT_COLUMNS
                        .iter()
                        .zip([0, 0, in_force])
                        .map(|(c, v)| format!("{}: {v}", c.key))
                        .collect();
                    let labels: Vec<&str> = A_DOCUMENT_COLUMNS.iter().map(|c| c.label).collect();
                    out.line(
                        1,
                        &format!("{}: {{{}}}", row.key, cells.join(", ")),
                        &format!("{}：{}", row.label, labels.join("、")),
                    );
                }
                AKind::Count => out.line(
                    1,
                    &format!("{}: 0", row.key),
                    &format!("{}：{}", row.label, band.headers.join("、")),
                ),
                AKind::Fee => out.line(
                    1,
                    &format!("{}: 0", row.key),
                    &format!("{}：{}，小数位照写照印", row.label, band.headers.join("、")),
                ),
            }
        }
    }
    note(out, seed.last.map(|l| &l.proactive_note));
}

/// The optional prose under a table: last year's, or a commented example.
fn note(out: &mut Out, kept: Option<&Prose>) {
    use super::tables::{NOTE_KEY, NOTE_LABEL};
    match kept.filter(|p| !p.is_empty()) {
        Some(p) => prose(out, 1, NOTE_KEY, NOTE_LABEL, p),
        None => out.commented(
            1,
            &format!("{NOTE_KEY}: ……"),
            &format!("可选：{NOTE_LABEL}"),
        ),
    }
}

fn table_b(out: &mut Out, seed: &Seed) {
    out.line(0, "requests:", SECTIONS[2].heading);
    out.comment(1, B_CORNER);
    let applicants: Vec<&str> = B_COLUMNS[..B_TOTAL_COLUMN]
        .iter()
        .map(|c| c.label)
        .collect();
    out.comment(
        1,
        &format!(
            "{B_APPLICANTS} —— 每行依次为：{}，{}（{}），{}。",
            applicants[0],
            B_ORGANISATIONS,
            applicants[1..].join("、"),
            B_COLUMNS[B_TOTAL_COLUMN].label
        ),
    );
    let keys: Vec<String> = B_COLUMNS
        .iter()
        .map(|c| format!("{}（{}）", c.key, c.label))
        .collect();
    out.comment(
        1,
        &format!(
            "总计可以不写，由前六列相加。也可以按列名写，未写的列为 0，如 {{{}: 1}}；列名：{}。",
            B_COLUMNS[0].key,
            keys.join("、")
        ),
    );
    let zeros = [0; B_TOTAL_COLUMN];
    let mut group: Option<&str> = None;
    for row in &TABLE_B {
        let (indent, values) = match row.place {
            BPlace::Top => {
                group = None;
                // Requests carried over stay pending until they are handled:
                // 四、结转下年度 starts equal to 二、上年结转, so R1 holds.
                let v = if row.key == "carried_over" || row.key == "carried_forward" {
                    seed.carried_over
                } else {
                    zeros
                };
                (1, v)
            }
            BPlace::Result => {
                if group.is_none() {
                    out.comment(1, B_RESULTS.label);
                    group = Some(B_RESULTS.label);
                }
                (1, zeros)
            }
            BPlace::Item(g) => {
                if group != Some(g.label) {
                    out.line(1, &format!("{}:", g.key.unwrap_or_default()), g.label);
                    group = Some(g.label);
                }
                (2, zeros)
            }
        };
        if row.key == B_TOTAL_ROW {
            // Written totals must agree with the rows (R2): leave it computed.
            out.commented(
                indent,
                &format!("{}: {}", row.key, flow(&[0; 7])),
                &format!("{}：不写则由（一）至（六）各行相加", row.label),
            );
            continue;
        }
        let comment = if row.key == "carried_forward" && values != zeros {
            format!(
                "{}（暂与上年结转相同，使勾稽关系成立；请按实际填写）",
                row.label
            )
        } else {
            row.label.to_string()
        };
        out.line(indent, &format!("{}: {}", row.key, flow(&values)), &comment);
    }
    note(out, seed.last.map(|l| &l.requests_note));
}

fn table_c(out: &mut Out, seed: &Seed) {
    out.line(0, "appeals:", SECTIONS[3].heading);
    let columns: Vec<&str> = C_COLUMNS.iter().map(|c| c.label).collect();
    out.comment(
        1,
        &format!(
            "每组依次为：{}；{}可以不写，由前四项相加。",
            columns.join("、"),
            C_COLUMNS[C_TOTAL_COLUMN].label
        ),
    );
    for (i, g) in C_GROUPS.iter().enumerate() {
        let label = if i == 0 {
            C_REVIEW.to_string()
        } else {
            format!("{C_LITIGATION}·{}", g.label)
        };
        out.line(
            1,
            &format!("{}: {}", g.key, flow(&[0; C_TOTAL_COLUMN])),
            &label,
        );
    }
    note(out, seed.last.map(|l| &l.appeals_note));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back() {
        assert_eq!(scalar("某某市人民政府办公室"), "某某市人民政府办公室");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("2025年"), "\"2025年\"");
        assert_eq!(scalar("yes"), "\"yes\"");
    }

    #[test]
    fn skeleton_loads_and_checks_clean() {
        let text = skeleton(None, 2025, SCHEMA_FILE);
        let report = crate::report::load::load_str(&text, "s.yaml").unwrap();
        assert_eq!(report.year.value, 2025);
        // Only the placeholders left for the author (W-PLACEHOLDER, issue 12).
        let findings = crate::check::check(&report, "s.yaml", None);
        assert!(
            findings.iter().all(|d| d.code == "W-PLACEHOLDER"),
            "{findings:#?}\n{text}"
        );
    }
}
