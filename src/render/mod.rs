//! Report → Typst source, through minijinja.
//!
//! The templates (`templates/report.typ.j2` and the static `style.typ`) are
//! embedded in the binary; `--template-dir` replaces either file. Every value
//! reaches Typst as a literal (see [`escape`]), never as markup.

pub mod escape;
pub mod view;

use std::path::Path;

use minijinja::{Environment, UndefinedBehavior};

use crate::report::Report;

/// The document template (minijinja → Typst) and the style it imports.
#[derive(Debug, Clone)]
pub struct Templates {
    pub report: String,
    pub style: String,
}

pub const REPORT_TEMPLATE: &str = "report.typ.j2";
pub const STYLE_FILE: &str = "style.typ";
/// The name of the generated Typst source, in messages.
pub const MAIN_FILE: &str = "report.typ";

impl Templates {
    /// The templates built into the binary.
    pub fn embedded() -> Self {
        Templates {
            report: include_str!("../../templates/report.typ.j2").to_string(),
            style: include_str!("../../templates/style.typ").to_string(),
        }
    }

    /// The embedded templates, with any file present in `dir` used instead.
    pub fn with_overrides(dir: &Path) -> std::io::Result<Self> {
        let mut t = Self::embedded();
        if !dir.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "template directory not found",
            ));
        }
        for (name, slot) in [(REPORT_TEMPLATE, &mut t.report), (STYLE_FILE, &mut t.style)] {
            let path = dir.join(name);
            if path.exists() {
                *slot = std::fs::read_to_string(path)?;
            }
        }
        Ok(t)
    }
}

/// Fill the document template with the report.
pub fn render(report: &Report, templates: &Templates) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_formatter(|out, _state, value| {
        let mut s = String::new();
        escape::typst_literal(&mut s, value)?;
        out.write_str(&s)
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
    });
    env.add_template(REPORT_TEMPLATE, &templates.report)?;
    let view = view::build(report);
    env.get_template(REPORT_TEMPLATE)?
        .render(minijinja::value::Value::from(minijinja::value::Serde(
            &view,
        )))
}
