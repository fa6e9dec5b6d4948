//! The report as one self-contained, accessible HTML5 page for the portal's
//! 政府信息公开年报 column: the same text and tables as the PDF (the layout
//! comes from [`crate::render::view`], labels and spans from [`crate::format`]),
//! no scripts, no external requests, every value escaped (see [`writer`]).
//!
//! Entry points: [`render`] (one report) and [`index`] (the page listing a
//! batch's reports).

mod style;
pub mod table;
pub mod writer;

use crate::render::view::{self, Paragraph};
use crate::report::Report;
use writer::{href, Html};

/// What the page carries besides the report.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A relative link to the report's PDF, offered at the end of the page.
    pub pdf: Option<String>,
    /// Draft mark (征求意见稿), shown at the top and in the title.
    pub draft: Option<String>,
}

/// One report as an HTML page; its figure references already filled in
/// (the pipeline resolves them once, for every export).
pub fn render(report: &Report, options: &Options) -> String {
    page(report, options)
}

fn page(r: &Report, options: &Options) -> String {
    let v = view::build(r);
    let mut title = v.document_title.clone();
    if let Some(draft) = &options.draft {
        title.push_str(&format!("（{draft}）"));
    }
    let mut h = Html::new();
    head(&mut h, &title, Some(&r.agency.value));
    h.raw("<main>\n<article>\n");
    if let Some(draft) = &options.draft {
        h.raw("<p class=\"draft\">").text(draft).raw("</p>\n");
    }
    h.raw("<h1>");
    // The title lines as written: a browser wraps them itself (the view's
    // lines are broken for the printed page).
    for (i, line) in r.title.iter().map(|t| &t.value).enumerate() {
        if i > 0 {
            h.raw("<br>");
        }
        h.raw("<span>").text(line).raw("</span>");
    }
    h.raw("</h1>\n");
    paragraphs(&mut h, &v.lead);

    let tables = [
        (None, &v.overview),
        (Some((&v.table_a, "ta")), &v.proactive_note),
        (Some((&v.table_b, "tb")), &v.requests_note),
        (Some((&v.table_c, "tc")), &v.appeals_note),
        (None, &v.problems),
        (None, &v.other_matters),
    ];
    for (n, (heading, (table, prose))) in v.headings.iter().zip(tables).enumerate() {
        h.raw("<section")
            .attr("aria-labelledby", &format!("s{}", n + 1))
            .raw(">\n<h2")
            .attr("id", &format!("s{}", n + 1))
            .raw(">")
            .text(heading)
            .raw("</h2>\n");
        if let Some((table, prefix)) = table {
            // The caption names the table without the section's number.
            let caption = heading.split_once('、').map_or(*heading, |(_, t)| t);
            table::write(&mut h, table, prefix, caption);
        }
        paragraphs(&mut h, prose);
        h.raw("</section>\n");
    }
    paragraphs(&mut h, &v.closing);
    // The page wraps the agency itself: its print lines joined again.
    let agency = v.signature.as_ref().map(|lines| lines.concat());
    let lines: Vec<&String> = agency.iter().chain(&v.date).collect();
    if !lines.is_empty() {
        h.raw("<p class=\"signature\">");
        for (i, line) in lines.into_iter().enumerate() {
            if i > 0 {
                h.raw("<br>");
            }
            h.raw("<span>").text(line).raw("</span>");
        }
        h.raw("</p>\n");
    }
    h.raw("</article>\n</main>\n");
    if let Some(pdf) = &options.pdf {
        h.raw("<footer>\n<p class=\"attachment\">附件：<a")
            .attr("href", &href(pdf))
            .raw(">")
            .text(&title)
            .raw("（PDF 版）</a></p>\n</footer>\n");
    }
    h.raw("</body>\n</html>\n");
    h.finish()
}

fn head(h: &mut Html, title: &str, author: Option<&str>) {
    h.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .raw("<meta name=\"generator\"")
        .attr("content", concat!("gxreport ", env!("CARGO_PKG_VERSION")))
        .raw(">\n");
    if let Some(author) = author {
        h.raw("<meta name=\"author\"")
            .attr("content", author)
            .raw(">\n");
    }
    h.raw("<title>")
        .text(title)
        .raw("</title>\n<style>\n")
        .raw(style::CSS)
        .raw("</style>\n</head>\n<body>\n");
}

/// Body paragraphs; a run-in item heading becomes an inline `<h3>` followed
/// by the item's first paragraph, as the PDF sets it on one line.
fn paragraphs(h: &mut Html, ps: &[Paragraph]) {
    let mut in_item = false;
    for p in ps {
        match &p.head {
            Some(head) => {
                if in_item {
                    h.raw("</div>\n");
                }
                in_item = true;
                h.raw("<div class=\"item\">\n<h3>")
                    .text(head)
                    .raw("</h3>")
                    .raw("<p>")
                    .text(&p.text)
                    .raw("</p>\n");
            }
            None => {
                h.raw("<p>").text(&p.text).raw("</p>\n");
            }
        }
    }
    if in_item {
        h.raw("</div>\n");
    }
}

/// One line of a batch's index page.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub agency: String,
    pub year: u32,
    /// Relative links to the report's page and PDF.
    pub html: String,
    pub pdf: Option<String>,
}

/// The page a 公开办 puts on the portal's 年报 column: every report of the
/// batch in the given (manifest) order, with links to its page and PDF.
pub fn index(entries: &[IndexEntry], title: &str) -> String {
    let mut h = Html::new();
    head(&mut h, title, None);
    h.raw("<main>\n<h1>").text(title).raw("</h1>\n");
    h.raw("<section class=\"table-box\" tabindex=\"0\" aria-labelledby=\"index-caption\">\n")
        .raw("<table class=\"index\">\n<caption id=\"index-caption\">")
        .text(&format!("共 {} 份报告", entries.len()))
        .raw("</caption>\n<thead>\n<tr><th scope=\"col\">机关</th><th scope=\"col\">年度</th>")
        .raw(
            "<th scope=\"col\">网页版</th><th scope=\"col\">PDF 版</th></tr>\n</thead>\n<tbody>\n",
        );
    for e in entries {
        let name = format!("{}{}年政府信息公开工作年度报告", e.agency, e.year);
        h.raw("<tr><th scope=\"row\">")
            .text(&e.agency)
            .raw("</th><td>")
            .text(&format!("{}年", e.year))
            .raw("</td><td><a")
            .attr("href", &href(&e.html))
            .raw(">")
            .text(&name)
            .raw("</a></td><td>");
        match &e.pdf {
            Some(pdf) => {
                h.raw("<a")
                    .attr("href", &href(pdf))
                    .raw(">")
                    .text(&name)
                    .raw("（PDF）</a>");
            }
            None => {
                h.raw("—");
            }
        }
        h.raw("</td></tr>\n");
    }
    h.raw("</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n");
    h.finish()
}
