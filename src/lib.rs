//! gxreport: the 政府信息公开工作年度报告 from YAML to a print-ready PDF.
//!
//! The pipeline, one module per stage:
//! [`report`] (YAML → typed model) → [`render`] (model → Typst source through
//! minijinja) → [`typeset`] (Typst in-process → PDF) → [`output`] (atomic write).
//! [`format`] holds the official 2021 format as data and is read by all of them.

pub mod check;
pub mod diagnostic;
pub mod format;
pub mod output;
pub mod render;
pub mod report;
pub mod typeset;

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
    fonts: &typeset::fonts::FontSet,
) -> Result<Vec<u8>, Vec<String>> {
    let doc = typeset_report_with(report, templates, fonts)?;
    let ident = format!("gxreport/{}/{}", report.agency.value, report.year.value);
    typeset::pdf(&doc, &ident).map_err(|es| es.iter().map(ToString::to_string).collect())
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
    fonts: &typeset::fonts::FontSet,
) -> Result<typeset::PagedDocument, Vec<String>> {
    let report = report::figures::resolve(report, "")
        .map_err(|ds| ds.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let source =
        render::render(&report, templates).map_err(|e| vec![format!("模板错误：{e:#}")])?;
    typeset::compile(source, templates.style.clone(), fonts)
        .map_err(|es| es.iter().map(ToString::to_string).collect())
}
