//! The review as one self-contained HTML page a 公开办 reads and prints:
//! summary counts, findings by kind (with bar charts in inline SVG), a table of
//! units, the ratios, and each unit's details with its findings, passages
//! side by side and figures. No scripts, no external files; every value is
//! escaped by [`crate::html::writer`].

use super::copy::percent;
use super::finding::{Level, REVIEW_CODES};
use super::{Review, UnitReview};
use crate::html::writer::Html;

const STYLE: &str = "<style>
body{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",SimSun,serif;margin:0;color:#111;background:#fff;line-height:1.6;font-size:16px}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:2px solid #234;margin-top:2rem}h3{font-size:1.1rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #888;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#e8eef5}td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;max-width:100%}
.bar{vertical-align:middle;margin-right:.4rem}
.problem{color:#8b0000;font-weight:bold}.note{color:#7a4b00}.info{color:#2f4f4f}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.pair figure{margin:0;border:1px solid #aaa;padding:.5rem}
figcaption{font-weight:bold}blockquote{margin:.3rem 0;white-space:pre-wrap}
article.finding{border-left:4px solid #2a5d8f;padding-left:.7rem;margin:1rem 0}
a{color:#0b3d91}
@media (max-width:600px){.pair{grid-template-columns:1fr}}
@media print{a{color:#000;text-decoration:none}.scroll{overflow:visible}section.unit{break-inside:avoid-page}}
</style>
";

fn class(level: Level) -> &'static str {
    match level {
        Level::Problem => "problem",
        Level::Note => "note",
        Level::Info => "info",
    }
}

/// What a code is about (the table of codes), or the code itself.
fn about(code: &str) -> &'static str {
    crate::diagnostic::codes::lookup(code).map_or("", |c| c.about)
}

/// The page.
pub fn page(r: &Review) -> String {
    let mut h = Html::new();
    let title = match r.year {
        Some(y) => format!("{y}年政府信息公开工作年度报告审查结果"),
        None => "政府信息公开工作年度报告审查结果".to_string(),
    };
    h.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .raw("<meta name=\"generator\" content=\"gxreport review\">\n")
        .element("title", &title)
        .raw(STYLE)
        .raw("</head>\n<body>\n<main>\n")
        .element("h1", &title);
    let mut facts = format!("共 {} 份报告", r.reports);
    if let Some(n) = r.previous_reports {
        facts.push_str(&format!("，上年报告 {n} 份"));
    }
    if let Some(n) = r.roster_units {
        facts.push_str(&format!("，名单上 {n} 个单位"));
    }
    let (p, n) = level_totals(r);
    facts.push_str(&format!("；问题 {p} 条，提醒 {n} 条。"));
    h.element("p", &facts);
    kinds(&mut h, r);
    units(&mut h, r);
    ratios(&mut h, r);
    details(&mut h, r);
    h.raw("</main>\n</body>\n</html>\n");
    h.finish()
}

/// A bar of `n` against the largest `most`: an inline SVG (no style
/// attribute, nothing for a screen reader: the figure follows as text).
fn bar(h: &mut Html, n: u64, most: u64) {
    let width = (n.min(most) as u128 * 160).div_ceil(most.max(1) as u128);
    h.raw("<svg class=\"bar\" width=\"160\" height=\"12\" aria-hidden=\"true\" focusable=\"false\"><rect height=\"12\" fill=\"#2a5d8f\"")
        .attr("width", &width.to_string())
        .raw("/></svg>");
}

fn level_totals(r: &Review) -> (usize, usize) {
    let count = |l| r.units.iter().map(|u| u.count(l)).sum();
    (count(Level::Problem), count(Level::Note))
}

/// Findings by kind: a table with a bar per code, and under it each kind's
/// units linked to their details.
fn kinds(h: &mut Html, r: &Review) {
    h.raw("<section aria-labelledby=\"kinds\">\n<h2 id=\"kinds\">按类别</h2>\n");
    if r.counts.is_empty() {
        h.element("p", "没有发现问题。");
        h.raw("</section>\n");
        return;
    }
    let most = r.counts.values().copied().max().unwrap_or(1).max(1);
    h.raw("<div class=\"scroll\"><table>\n<caption>各类发现的条数</caption>\n<thead><tr><th scope=\"col\">编号</th><th scope=\"col\">级别</th><th scope=\"col\">内容</th><th scope=\"col\">条数</th></tr></thead>\n<tbody>\n");
    for (code, n) in ordered(r) {
        let level = super::finding::level_of(code);
        h.raw("<tr><td><a")
            .attr("href", &format!("#k-{code}"))
            .raw(">")
            .text(code)
            .raw("</a></td><td")
            .attr("class", class(level))
            .raw(">")
            .text(level.zh())
            .raw("</td><td>")
            .text(about(code))
            .raw("</td><td class=\"n\">");
        bar(h, n as u64, most as u64);
        h.text(&n.to_string()).raw("</td></tr>\n");
    }
    h.raw("</tbody></table></div>\n");
    for (code, n) in ordered(r) {
        h.raw("<h3")
            .attr("id", &format!("k-{code}"))
            .raw(">")
            .text(&format!("{code}　{}（{n} 条）", about(code)))
            .raw("</h3>\n<ul>\n");
        for u in &r.units {
            for f in u.findings.iter().filter(|f| f.code == code) {
                h.raw("<li><a")
                    .attr("href", &format!("#{}", u.id))
                    .raw(">")
                    .text(&u.name)
                    .raw("</a>：")
                    .text(&f.message)
                    .raw("</li>\n");
            }
        }
        h.raw("</ul>\n");
    }
    h.raw("</section>\n");
}

/// Codes with findings: the review's own first (in their table's order),
/// then those of `check` by code.
fn ordered(r: &Review) -> Vec<(&'static str, usize)> {
    let mut out: Vec<(&'static str, usize)> = REVIEW_CODES
        .iter()
        .filter_map(|(c, _)| r.counts.get(c).map(|n| (*c, *n)))
        .collect();
    out.extend(
        r.counts
            .iter()
            .filter(|(c, _)| !REVIEW_CODES.iter().any(|(rc, _)| rc == *c))
            .map(|(c, n)| (*c, *n)),
    );
    out
}

fn units(h: &mut Html, r: &Review) {
    h.raw("<section aria-labelledby=\"units\">\n<h2 id=\"units\">各单位</h2>\n<div class=\"scroll\"><table>\n<caption>每个单位一行：成文日期、期限、问题和提醒的条数、全文与上年相同的比例");
    if r.full_marks.is_some() || r.units.iter().any(|u| u.deducted.is_some()) {
        h.raw("、按评分表的扣分和得分");
    }
    h.raw("</caption>\n<thead><tr><th scope=\"col\">单位</th><th scope=\"col\">文件</th><th scope=\"col\">成文日期</th><th scope=\"col\">期限</th><th scope=\"col\">问题</th><th scope=\"col\">提醒</th><th scope=\"col\">与上年相同</th><th scope=\"col\">扣分</th><th scope=\"col\">得分</th></tr></thead>\n<tbody>\n");
    for u in &r.units {
        let num = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
        h.raw("<tr><td><a")
            .attr("href", &format!("#{}", u.id))
            .raw(">")
            .text(&u.name)
            .raw("</a></td><td>")
            .text(u.file.as_deref().unwrap_or("（没有报告）"))
            .raw("</td><td>")
            .text(u.date.as_deref().unwrap_or(""))
            .raw("</td><td>")
            .text(u.deadline.as_deref().unwrap_or(""))
            .raw("</td><td class=\"n\">")
            .text(&u.count(Level::Problem).to_string())
            .raw("</td><td class=\"n\">")
            .text(&u.count(Level::Note).to_string())
            .raw("</td><td class=\"n\">")
            .text(
                &u.copy
                    .as_ref()
                    .map(|c| percent(c.whole))
                    .unwrap_or_default(),
            )
            .raw("</td><td class=\"n\">")
            .text(&num(u.deducted))
            .raw("</td><td class=\"n\">");
        // Units by score: a bar against 满分, in hundredths.
        if let (Some(score), Some(full)) = (u.score, r.full_marks) {
            bar(
                h,
                (score * 100.0).round() as u64,
                (full * 100.0).round() as u64,
            );
        }
        h.text(&num(u.score)).raw("</td></tr>\n");
    }
    h.raw("</tbody></table></div>\n</section>\n");
}

fn ratios(h: &mut Html, r: &Review) {
    h.raw("<section aria-labelledby=\"ratios\">\n<h2 id=\"ratios\">申请办理结果的比率（仅供参考）</h2>\n");
    h.element(
        "p",
        "比率只是信息，不是问题：不足 30 件的不计算比率。各单位的申请件数以条形表示。",
    );
    let most = r
        .units
        .iter()
        .filter_map(|u| u.ratios.as_ref().map(|x| x.answered))
        .max()
        .unwrap_or(0)
        .max(1);
    h.raw("<div class=\"scroll\"><table>\n<caption>表三（七）总计与表四审结件数，以及各项所占比例</caption>\n<thead><tr><th scope=\"col\">单位</th><th scope=\"col\">申请（七）总计</th><th scope=\"col\">不予公开</th><th scope=\"col\">无法提供</th><th scope=\"col\">其他处理</th><th scope=\"col\">复议诉讼审结</th><th scope=\"col\">纠错率</th></tr></thead>\n<tbody>\n");
    for u in &r.units {
        let Some(x) = &u.ratios else { continue };
        let rate = |v: Option<f64>| v.map(percent).unwrap_or_else(|| "—".into());
        h.raw("<tr><td><a")
            .attr("href", &format!("#{}", u.id))
            .raw(">")
            .text(&u.name)
            .raw("</a></td><td class=\"n\">");
        bar(h, x.answered, most);
        h.text(&x.answered.to_string())
            .raw("</td><td class=\"n\">")
            .text(&rate(x.refused))
            .raw("</td><td class=\"n\">")
            .text(&rate(x.unavailable))
            .raw("</td><td class=\"n\">")
            .text(&rate(x.other_handling))
            .raw("</td><td class=\"n\">")
            .text(&x.concluded.to_string())
            .raw("</td><td class=\"n\">")
            .text(&rate(x.corrected))
            .raw("</td></tr>\n");
    }
    h.raw("</tbody></table></div>\n</section>\n");
}

fn details(h: &mut Html, r: &Review) {
    h.raw("<section aria-labelledby=\"details\">\n<h2 id=\"details\">各单位详情</h2>\n");
    for u in &r.units {
        unit(h, u);
    }
    h.raw("</section>\n");
}

fn unit(h: &mut Html, u: &UnitReview) {
    h.raw("<section class=\"unit\"")
        .attr("id", &u.id)
        .raw(">\n")
        .element("h3", &u.name);
    let mut facts = Vec::new();
    if let Some(f) = &u.file {
        facts.push(format!("文件：{f}"));
    }
    if let Some(l) = &u.level {
        facts.push(format!("级别：{l}"));
    }
    if let Some(c) = &u.copy {
        facts.push(format!(
            "上年报告：{}，全文相同 {}",
            c.previous,
            percent(c.whole)
        ));
    }
    if !facts.is_empty() {
        h.element("p", &facts.join("；"));
    }
    if u.findings.is_empty() {
        h.element("p", "没有发现问题。");
    }
    for f in &u.findings {
        h.raw("<article class=\"finding\">\n<p><span")
            .attr("class", class(f.level))
            .raw(">")
            .text(&format!("{}[{}]", f.level.zh(), f.code))
            .raw("</span> ")
            .text(&f.message)
            .raw("</p>\n");
        if let Some(place) = &f.place {
            h.element("p", &format!("位置：{place}"));
        }
        if !f.passages.is_empty() {
            h.raw("<div class=\"pair\">\n");
            for p in &f.passages {
                h.raw("<figure>\n<figcaption>")
                    .text(&format!("{}（{}）", p.label, p.place))
                    .raw("</figcaption>\n<blockquote>")
                    .text(&p.text)
                    .raw("</blockquote>\n</figure>\n");
            }
            h.raw("</div>\n");
        }
        if !f.figures.is_empty() {
            h.raw("<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">栏目</th><th scope=\"col\">报告</th><th scope=\"col\">应为</th></tr></thead>\n<tbody>\n");
            for x in &f.figures {
                h.raw("<tr><td>")
                    .text(&x.cell)
                    .raw("</td><td class=\"n\">")
                    .text(&x.reported)
                    .raw("</td><td class=\"n\">")
                    .text(&x.expected)
                    .raw("</td></tr>\n");
            }
            h.raw("</tbody></table></div>\n");
        }
        h.raw("</article>\n");
    }
    h.raw("</section>\n");
}
