//! Report → Typst source, through minijinja.
//!
//! The templates (`templates/report.typ.j2` and the static `style.typ`) are
//! embedded in the binary; `--template-dir` replaces either file. Every value
//! reaches Typst as a literal (see [`escape`]), never as markup.

pub mod escape;
pub mod text;
pub mod view;

use std::path::Path;

use minijinja::value::{Serde, Value};
use minijinja::{Environment, UndefinedBehavior};

use crate::report::Report;

/// The document templates (minijinja → Typst) and the style they import.
#[derive(Debug, Clone)]
pub struct Templates {
    pub report: String,
    pub body: String,
    pub bundle: String,
    pub style: String,
    /// Whether any file came from `--template-dir` (its errors are the user's).
    pub custom: bool,
}

pub const REPORT_TEMPLATE: &str = "report.typ.j2";
pub const BODY_TEMPLATE: &str = "report-body.typ.j2";
pub const BUNDLE_TEMPLATE: &str = "bundle.typ.j2";
pub const STYLE_FILE: &str = "style.typ";

const EMBEDDED_STYLE: &str = include_str!("../../templates/style.typ");

impl Templates {
    /// The templates built into the binary.
    pub fn embedded() -> Self {
        Templates {
            report: include_str!("../../templates/report.typ.j2").to_string(),
            body: include_str!("../../templates/report-body.typ.j2").to_string(),
            bundle: include_str!("../../templates/bundle.typ.j2").to_string(),
            style: EMBEDDED_STYLE.to_string(),
            custom: false,
        }
    }

    /// The embedded templates, with any file present in `dir` used instead.
    /// The built-in templates with those of `dir` in their place. Errors
    /// (in Chinese, for the clerk): `dir` is not a folder, holds none of the
    /// four files (naming look-alikes such as `style.typ.txt`), or a file
    /// cannot be read.
    pub fn with_overrides(dir: &Path) -> Result<Self, String> {
        let mut t = Self::embedded();
        let names = [REPORT_TEMPLATE, BODY_TEMPLATE, BUNDLE_TEMPLATE, STYLE_FILE];
        if dir.is_file() {
            let folder = dir
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| ".".to_string(), |p| p.display().to_string());
            return Err(format!(
                "“{}”是一个文件；--template-dir 要给出放模板的文件夹（其中可放 {}），例如 --template-dir {folder}",
                dir.display(),
                names.join("、")
            ));
        }
        if !dir.is_dir() {
            return Err(format!("模板文件夹“{}”不存在。", dir.display()));
        }
        let mut custom = false;
        for (name, slot) in
            names
                .into_iter()
                .zip([&mut t.report, &mut t.body, &mut t.bundle, &mut t.style])
        {
            let path = dir.join(name);
            if path.exists() {
                *slot = std::fs::read_to_string(&path).map_err(|e| {
                    format!(
                        "无法读取模板“{}”：{}",
                        path.display(),
                        crate::diagnostic::io_reason(&e)
                    )
                })?;
                custom = true;
            }
        }
        if !custom {
            // A file saved by Notepad as “style.typ.txt” is the usual slip.
            let near: Vec<String> = std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|f| names.iter().any(|n| f.starts_with(n) || f.contains(n)))
                        .collect()
                })
                .unwrap_or_default();
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!(
                    "（文件夹里有“{}”，文件名是否多了扩展名？）",
                    near.join("”“")
                )
            };
            return Err(format!(
                "模板文件夹“{}”中没有 {} 中的任何一个文件{hint}。请把要替换的模板文件放进这个文件夹，或去掉 --template-dir。",
                dir.display(),
                names.join("、")
            ));
        }
        t.custom = custom;
        Ok(t)
    }
}

fn environment(templates: &Templates) -> Result<Environment<'_>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_formatter(|out, _state, value| {
        let mut s = String::new();
        escape::typst_literal(&mut s, value)?;
        out.write_str(&s)
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
    });
    env.add_template(REPORT_TEMPLATE, &templates.report)?;
    env.add_template(BODY_TEMPLATE, &templates.body)?;
    env.add_template(BUNDLE_TEMPLATE, &templates.bundle)?;
    Ok(env)
}

/// The view as the templates will read it: the table heights gxreport
/// bounds are those of the built-in style; any other style (from
/// `--template-dir`, or changed in memory) measures every table itself.
fn styled(mut view: view::View, templates: &Templates) -> view::View {
    if templates.style != EMBEDDED_STYLE {
        for t in [&mut view.table_a, &mut view.table_b, &mut view.table_c] {
            t.fits = false;
        }
    }
    view
}

/// Fill the document template with one report.
pub fn render(
    report: &Report,
    templates: &Templates,
    options: &view::Options,
) -> Result<String, minijinja::Error> {
    let view = styled(view::build(report), templates);
    let meta = view::meta(report, &view, options);
    let env = environment(templates)?;
    env.get_template(REPORT_TEMPLATE)?.render(minijinja::context! { meta => Value::from(Serde(&meta)), report => Value::from(Serde(&view)) })
}

/// Fill the gazette template with several reports: `cover` is the volume's
/// title lines, `missing` the reports that could not be included (named on
/// the contents page); metadata comes from `options` and the volume title.
pub fn render_bundle(
    reports: &[Report],
    cover: &[String],
    missing: &[String],
    templates: &Templates,
    options: &view::Options,
) -> Result<String, minijinja::Error> {
    let views: Vec<view::View> = reports
        .iter()
        .map(|r| styled(view::build(r), templates))
        .collect();
    let meta = view::Meta {
        title: cover.concat(),
        author: cover.first().cloned().unwrap_or_default(),
        subject: "政府信息公开工作年度报告汇编".into(),
        keywords: vec!["政府信息公开".into(), "年度报告".into(), "政府公报".into()],
        date: reports
            .first()
            .and_then(|r| view::document_date(r, options)),
        draft: options.draft.clone(),
    };
    let env = environment(templates)?;
    env.get_template(BUNDLE_TEMPLATE)?
        .render(minijinja::context! {
            meta => Value::from(Serde(&meta)),
            cover => Value::from(Serde(cover)),
            missing => Value::from(Serde(missing)),
            reports => Value::from(Serde(&views)),
        })
}
