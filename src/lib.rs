//! gxreport: the 政府信息公开工作年度报告 from YAML to a print-ready PDF.
//!
//! The one entry is [`pipeline::Pipeline`]: `prepare` (read, load, check,
//! resolve references, check glyphs) then `produce` (render, typeset,
//! export). Its stages, top-down:
//! [`report`] (YAML → typed model) → [`check`] (the format's rules) →
//! [`render`] (model → Typst source through minijinja) → [`typeset`] (Typst
//! in-process → PDF/PNG/SVG) → [`output`] (atomic write).
//! [`format`] holds the official 2021 format as data and is read by all of
//! them; [`diagnostic`] tells a clerk what was found. Around the pipeline:
//! [`batch`] (many reports on worker threads), [`live`] (watch and preview),
//! [`aggregate`] (the 汇总 report), [`drafting`] (`init` and `schema`),
//! [`review`] (the 公开办's review of a folder of reports).

pub mod aggregate;
pub mod batch;
pub mod check;
pub mod diagnostic;
pub mod drafting;
pub mod format;
pub mod html;
pub mod import;
pub mod live;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod review;
pub mod typeset;

pub use pipeline::{Artifact, Export, Pipeline, Prepared};
