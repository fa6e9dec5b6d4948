//! gxreport: the 政府信息公开工作年度报告 from YAML to a print-ready PDF.
//!
//! The pipeline, one module per stage:
//! [`report`] (YAML → typed model) → [`render`] (model → Typst source through
//! minijinja) → [`typeset`] (Typst in-process → PDF) → [`output`] (atomic write).
//! [`format`] holds the official 2021 format as data and is read by all of them.

pub mod aggregate;
pub mod batch;
pub mod check;
pub mod diagnostic;
pub mod format;
pub mod import;
pub mod live;
pub mod output;
pub mod render;
pub mod report;
pub mod typeset;

use render::view::Options;
use typeset::fonts::FontSet;
use typeset::Standard;

/// Render, typeset and export a loaded report with the embedded fonts.
/// Figure references in the prose are filled in first.
pub fn build_report_pdf(
    report: &report::Report,
    templates: &render::Templates,
) -> Result<Vec<u8>, Vec<String>> {
    build_report_pdf_with(report, templates, typeset::fonts::embedded())
}

/// The same with a chosen font set (official faces from the machine).
pub fn build_report_pdf_with(
    report: &report::Report,
    templates: &render::Templates,
    fonts: &FontSet,
) -> Result<Vec<u8>, Vec<String>> {
    make_pdf(report, templates, fonts, &Options::default(), &[])
}

/// The whole export: a draft mark, metadata and PDF standards as asked.
pub fn make_pdf(
    report: &report::Report,
    templates: &render::Templates,
    fonts: &FontSet,
    options: &Options,
    standards: &[Standard],
) -> Result<Vec<u8>, Vec<String>> {
    let doc = typeset_report_opts(report, templates, fonts, options)?;
    let ident = format!("gxreport/{}/{}", report.agency.value, report.year.value);
    typeset::pdf_with(&doc, &ident, standards)
        .map_err(|es| es.iter().map(ToString::to_string).collect())
}

/// Render and lay out a report with the embedded fonts (tests inspect the laid-out document).
pub fn typeset_report(
    report: &report::Report,
    templates: &render::Templates,
) -> Result<typeset::PagedDocument, Vec<String>> {
    typeset_report_with(report, templates, typeset::fonts::embedded())
}

/// Render and lay out a report with a chosen font set.
pub fn typeset_report_with(
    report: &report::Report,
    templates: &render::Templates,
    fonts: &FontSet,
) -> Result<typeset::PagedDocument, Vec<String>> {
    typeset_report_opts(report, templates, fonts, &Options::default())
}

/// Render and lay out a report with a chosen font set and options.
pub fn typeset_report_opts(
    report: &report::Report,
    templates: &render::Templates,
    fonts: &FontSet,
    options: &Options,
) -> Result<typeset::PagedDocument, Vec<String>> {
    let report = report::figures::resolve(report, "")
        .map_err(|ds| ds.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let source = render::render(&report, templates, options)
        .map_err(|e| vec![format!("模板错误：{e:#}")])?;
    typeset::compile(source, templates.style.clone(), fonts)
        .map_err(|es| es.iter().map(ToString::to_string).collect())
}

/// Lay out several reports as one gazette volume under `cover`.
pub fn typeset_bundle(
    reports: &[report::Report],
    cover: &[String],
    templates: &render::Templates,
    fonts: &FontSet,
    options: &Options,
) -> Result<typeset::PagedDocument, Vec<String>> {
    let mut resolved = Vec::new();
    for r in reports {
        resolved.push(
            report::figures::resolve(r, "")
                .map_err(|ds| ds.iter().map(ToString::to_string).collect::<Vec<_>>())?,
        );
    }
    let source = render::render_bundle(&resolved, cover, templates, options)
        .map_err(|e| vec![format!("模板错误：{e:#}")])?;
    typeset::compile(source, templates.style.clone(), fonts)
        .map_err(|es| es.iter().map(ToString::to_string).collect())
}
