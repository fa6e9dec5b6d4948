//! `gxreport init -o 报告.docx`: the official template (国办公开办函〔2021〕30号)
//! as a Word document made by gxreport itself, for clerks who draft in
//! Word or WPS. The same as the official one: the title, the six headings
//! with the template's own “（文字描述）”, and Tables 二, 三 and 四 with
//! their merged header cells and every figure cell empty; the lead is the
//! standard one. Its tables are the ones the PDF prints ([`crate::render::view`]),
//! so the importer reads a filled copy back cell by cell.
//!
//! The package is the smallest Word opens: content types, relationships,
//! the document and its styles; fixed timestamps, so the bytes are the
//! same every time.

use std::io::Write;

use crate::format::placeholders::{AGENCY, TEMPLATE};
use crate::html::table::place;
use crate::html::writer::escape;
use crate::render::view::{self, Table};

/// The template's bytes: `agency` (else a placeholder) and `year` in the
/// title; an agency that cannot be a report's (a message why) is refused.
pub fn template(agency: Option<&str>, year: u32) -> Result<Vec<u8>, String> {
    let agency = agency.unwrap_or(AGENCY);
    let yaml = format!(
        "agency: \"{}\"\nyear: {year}\noverview: \"{o}\"\nproblems: \"{o}\"\nother_matters: \"{six}\"\n",
        agency.replace('\\', "\\\\").replace('"', "\\\""),
        o = TEMPLATE[0],
        six = TEMPLATE[1],
    );
    let report = crate::report::load::load_str(&yaml, "template.yaml").map_err(|problems| {
        problems
            .first()
            .map_or_else(String::new, |d| d.message.clone())
    })?;
    let v = view::build(&report);
    let mut body = String::new();
    for line in &report.title {
        body.push_str(&para(&line.value, Style::Title));
    }
    for p in &v.lead {
        body.push_str(&para(&p.text, Style::Body));
    }
    let headings = crate::format::SECTIONS.map(|s| s.heading);
    body.push_str(&para(headings[0], Style::Heading));
    body.push_str(&para(TEMPLATE[0], Style::Body));
    for (heading, table) in headings[1..4]
        .iter()
        .zip([&v.table_a, &v.table_b, &v.table_c])
    {
        body.push_str(&para(heading, Style::Heading));
        body.push_str(&table_xml(table));
    }
    body.push_str(&para(headings[4], Style::Heading));
    body.push_str(&para(TEMPLATE[0], Style::Body));
    body.push_str(&para(headings[5], Style::Heading));
    body.push_str(&para(TEMPLATE[1], Style::Body));
    Ok(package(&body))
}

#[derive(Clone, Copy)]
enum Style {
    Title,
    Heading,
    Body,
    Cell,
}

/// One paragraph; GB/T 9704's faces and sizes (二号 title, 三号 text).
fn para(text: &str, style: Style) -> String {
    let (ppr, rpr) = match style {
        Style::Title => (
            r#"<w:jc w:val="center"/>"#,
            r#"<w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>"#,
        ),
        Style::Heading => (
            r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#,
            r#"<w:rFonts w:ascii="黑体" w:eastAsia="黑体"/><w:sz w:val="32"/>"#,
        ),
        Style::Body => (
            r#"<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>"#,
            r#"<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>"#,
        ),
        Style::Cell => (
            r#"<w:jc w:val="center"/>"#,
            r#"<w:rFonts w:ascii="宋体" w:eastAsia="宋体"/><w:sz w:val="21"/>"#,
        ),
    };
    let run = if text.is_empty() {
        String::new()
    } else {
        format!(
            "<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            escape(text)
        )
    };
    format!("<w:p><w:pPr>{ppr}<w:rPr>{rpr}</w:rPr></w:pPr>{run}</w:p>")
}

/// A table on its grid: merged cells as Word writes them (gridSpan across,
/// vMerge down), figure cells empty.
fn table_xml(t: &Table) -> String {
    let cells: Vec<&view::Cell> = t.header.iter().chain(&t.body).collect();
    let owned: Vec<view::Cell> = cells
        .iter()
        .map(|c| view::Cell {
            text: if c.role == "number" {
                String::new()
            } else {
                c.text.clone()
            },
            colspan: c.colspan,
            rowspan: c.rowspan,
            role: c.role,
            fill: None,
        })
        .collect();
    let placed = place(&owned, t.columns, 0);
    let rows = placed
        .iter()
        .map(|p| p.row + p.cell.rowspan.max(1))
        .max()
        .unwrap_or(0);
    // What covers each slot: (index in `placed`, whether it starts there).
    let mut grid: Vec<Vec<Option<(usize, bool)>>> = vec![vec![None; t.columns]; rows];
    for (i, p) in placed.iter().enumerate() {
        let rows = grid
            .iter_mut()
            .enumerate()
            .skip(p.row)
            .take(p.cell.rowspan.max(1));
        for (r, line) in rows {
            for slot in line.iter_mut().skip(p.col).take(p.cell.colspan.max(1)) {
                *slot = Some((i, r == p.row));
            }
        }
    }
    // Column widths as the PDF sets them (Tables 三 and 四), scaled to the
    // 156 mm type area (8,844 twips); else equal.
    let widths: Vec<u32> = match &t.widths {
        Some(w) if w.len() == t.columns && w.iter().sum::<f64>() > 0.0 => {
            let total: f64 = w.iter().sum();
            w.iter()
                .map(|x| (x / total * 8844.0).round() as u32)
                .collect()
        }
        _ => vec![8844 / t.columns.max(1) as u32; t.columns],
    };
    let mut x = String::from(
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>"#,
    );
    for w in &widths {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    for line in &grid {
        x.push_str("<w:tr>");
        let mut c = 0;
        while c < t.columns {
            let Some((i, first)) = line[c] else {
                x.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>",
                    widths[c]
                ));
                c += 1;
                continue;
            };
            let cell = placed[i].cell;
            let span = cell.colspan.max(1);
            let wide: u32 = widths[c..(c + span).min(t.columns)].iter().sum();
            let mut pr = format!("<w:tcW w:w=\"{wide}\" w:type=\"dxa\"/>");
            if span > 1 {
                pr.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
            }
            if cell.rowspan > 1 {
                pr.push_str(if first {
                    r#"<w:vMerge w:val="restart"/>"#
                } else {
                    "<w:vMerge/>"
                });
            }
            pr.push_str(r#"<w:vAlign w:val="center"/>"#);
            let text = if first { cell.text.as_str() } else { "" };
            x.push_str(&format!(
                "<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>",
                para(text, Style::Cell)
            ));
            c += span;
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The package: A4 with GB/T 9704's margins (37/35 mm top/bottom, 28/26 mm
/// left/right), fixed timestamps.
fn package(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let files: [(&str, String); 3] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", document),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default());
    for (name, text) in files {
        // Writing to memory cannot fail.
        let _ = zip.start_file(name, options);
        let _ = zip.write_all(text.as_bytes());
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}
