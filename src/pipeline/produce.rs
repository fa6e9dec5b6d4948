//! The second half of the pipeline: a prepared report laid out (Typst,
//! through [`crate::render`] and [`crate::typeset`]) and exported as PDF,
//! PNG or SVG, or made into the portal page; several as a gazette volume.

use super::verify::{self, Member};
use super::{Pipeline, Prepared};
use crate::diagnostic::codes;
use crate::diagnostic::Diagnostic;
use crate::render::view::Options;
use crate::report::Report;
use crate::typeset::{self, PagedDocument, TypesetError};

/// What to export a report as.
#[derive(Debug, Clone, PartialEq)]
pub enum Export {
    Pdf,
    /// One PNG per page at this many pixels per pt.
    Png {
        pixel_per_pt: f32,
    },
    /// One SVG per page.
    Svg,
    /// The portal page: one self-contained HTML file, linking to the PDF
    /// named `pdf` (a file beside it) when given.
    Html {
        pdf: Option<String>,
    },
}

/// The exports of a laid-out document.
enum Paged {
    Pdf,
    Png(f32),
    Svg,
}

/// What [`Pipeline::produce`] made: one PDF, or one image per page.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub pages: usize,
    pub files: Vec<Vec<u8>>,
}

impl Pipeline {
    /// Lay out a prepared report (tests inspect the laid-out document).
    ///
    /// Errors: the blocking findings when the report may not be built;
    /// E-TYPESET when Typst fails (a defect of gxreport or of a custom template).
    /// Errors: the blocking findings when the report may not be built;
    /// E-TYPESET when Typst fails (a defect of gxreport or of a custom
    /// template); E-LAYOUT when the laid-out document does not show the
    /// report in full inside the type area ([`super::verify`]).
    pub fn layout(&self, prepared: &Prepared) -> Result<PagedDocument, Vec<Diagnostic>> {
        let source = self.typst_source(prepared)?;
        let doc = typeset::compile(source, self.templates.style.clone(), &self.fonts)
            .map_err(|es| self.typeset_errors(&prepared.file, &es))?;
        let member = Member {
            report: self.buildable(prepared)?,
            file: &prepared.file,
        };
        let breaches = verify::verify(&doc, &[member], self.templates.custom);
        if breaches.is_empty() {
            Ok(doc)
        } else {
            Err(breaches)
        }
    }

    /// `check`'s last step: lay the report out as `build` would and add what
    /// the layout could not do (E-TYPESET, E-LAYOUT), so that `check` passes
    /// exactly when `build` builds. A report that may not be built anyway
    /// is not laid out.
    pub fn check_layout(&self, mut prepared: Prepared) -> Prepared {
        if prepared.blocked || prepared.report.is_none() {
            return prepared;
        }
        if let Err(mut problems) = self.layout(&prepared) {
            let Prepared {
                file,
                source,
                input_sha256,
                report,
                mut findings,
                places,
                ..
            } = prepared;
            // A published report's findings name where it was printed.
            if let Some(places) = &places {
                super::printed::to_printed(&mut problems, report.as_ref(), places);
            }
            findings.extend(problems);
            prepared = self.finish(file, source, input_sha256, report, findings);
            prepared.places = places;
        }
        prepared
    }

    /// The Typst source [`Pipeline::layout`] compiles (beside the style file
    /// and `fonts.json`); the benchmark gives the same file to the typst CLI.
    pub fn typst_source(&self, prepared: &Prepared) -> Result<String, Vec<Diagnostic>> {
        let report = self.buildable(prepared)?;
        let options = Options {
            source_sha256: prepared.input_sha256.clone(),
            ..self.options.clone()
        };
        crate::render::render(report, &self.templates, &options)
            .map_err(|e| vec![self.template_error(&prepared.file, &e)])
    }

    /// Lay out and export a prepared report.
    pub fn produce(
        &self,
        prepared: &Prepared,
        export: Export,
    ) -> Result<Artifact, Vec<Diagnostic>> {
        let paged = match export {
            // The portal page is made from the model, without a layout.
            Export::Html { pdf } => {
                let report = self.buildable(prepared)?;
                let options = crate::html::Options {
                    pdf,
                    draft: self.options.draft.clone(),
                };
                return Ok(Artifact {
                    pages: 0,
                    files: vec![crate::html::render(report, &options).into_bytes()],
                });
            }
            Export::Pdf => Paged::Pdf,
            Export::Png { pixel_per_pt } => Paged::Png(pixel_per_pt),
            Export::Svg => Paged::Svg,
        };
        let doc = self.layout(prepared)?;
        let ident = match &prepared.report {
            Some(r) => format!("gxreport/{}/{}", r.agency.value, r.year.value),
            None => "gxreport".into(),
        };
        self.export(&doc, &ident, paged, &prepared.file)
    }

    /// Several prepared reports as one gazette volume under `cover` (title
    /// lines): cover, contents, odd-page starts, running numbers, bookmarks.
    pub fn bundle(
        &self,
        members: &[&Prepared],
        cover: &[String],
        missing: &[String],
    ) -> Result<Artifact, Vec<Diagnostic>> {
        // The cover and the contents print these: a character no face has
        // would fail the export in English.
        let mut glyphs = Vec::new();
        for line in cover {
            glyphs.extend(super::coverage::check_option(
                &self.fonts,
                "title",
                line,
                "汇编封面标题（--bundle-title）",
                "汇编",
            ));
        }
        for m in missing {
            glyphs.extend(super::coverage::check_option(
                &self.fonts,
                "body",
                m,
                "汇编目录",
                "汇编",
            ));
        }
        if !glyphs.is_empty() {
            return Err(glyphs);
        }
        let mut reports = Vec::new();
        for p in members {
            reports.push(self.buildable(p)?.clone());
        }
        let source =
            crate::render::render_bundle(&reports, cover, missing, &self.templates, &self.options)
                .map_err(|e| vec![self.template_error("汇编", &e)])?;
        let doc = typeset::compile(source, self.templates.style.clone(), &self.fonts)
            .map_err(|es| self.typeset_errors("汇编", &es))?;
        let members: Vec<Member> = members
            .iter()
            .zip(&reports)
            .map(|(p, report)| Member {
                report,
                file: &p.file,
            })
            .collect();
        let breaches = verify::verify(&doc, &members, self.templates.custom);
        if !breaches.is_empty() {
            return Err(breaches);
        }
        self.export(&doc, "gxreport/bundle", Paged::Pdf, "汇编")
    }

    fn buildable<'a>(&self, prepared: &'a Prepared) -> Result<&'a Report, Vec<Diagnostic>> {
        match &prepared.report {
            Some(report) if !prepared.blocked => Ok(report),
            _ => {
                let leniency = self.leniency();
                let loaded = prepared.report.is_some();
                Err(prepared
                    .findings
                    .iter()
                    .filter(|d| codes::blocks(d, leniency) || !loaded)
                    .cloned()
                    .collect())
            }
        }
    }

    fn export(
        &self,
        doc: &PagedDocument,
        ident: &str,
        export: Paged,
        file: &str,
    ) -> Result<Artifact, Vec<Diagnostic>> {
        let pages = doc.pages().len();
        let files = match export {
            Paged::Pdf => vec![typeset::pdf(doc, ident, &self.standards).map_err(|es| {
                es.iter()
                    .map(|e| {
                        Diagnostic {
                            hint: Some("请检查 --pdf-standard 和 SOURCE_DATE_EPOCH 的设置；若无误，这是 gxreport 的缺陷，请报告给维护者。".into()),
                            ..Diagnostic::error("E-EXPORT", file, None, format!("无法写出 PDF：{}", e.message))
                        }
                    })
                    .collect::<Vec<_>>()
            })?],
            Paged::Png(pixel_per_pt) => (0..pages)
                .map(|i| typeset::png(doc, i, pixel_per_pt))
                .collect(),
            Paged::Svg => (0..pages)
                .map(|i| typeset::svg(doc, i).into_bytes())
                .collect(),
        };
        Ok(Artifact { pages, files })
    }

    fn template_error(&self, file: &str, e: &minijinja::Error) -> Diagnostic {
        self.internal(file, format!("模板出错：{e:#}"))
    }

    fn typeset_errors(&self, file: &str, errors: &[TypesetError]) -> Vec<Diagnostic> {
        errors
            .iter()
            .map(|e| self.internal(file, e.to_string()))
            .collect()
    }

    /// A failure inside the layout: the user's own template, or a defect of ours.
    fn internal(&self, file: &str, detail: String) -> Diagnostic {
        let (message, hint) = if self.templates.custom {
            (
                format!("自定义模板（--template-dir）排版失败：{detail}"),
                "请检查自定义模板；去掉 --template-dir 可用内置模板生成。",
            )
        } else {
            (
                format!("排版失败，这是 gxreport 的内部错误，不是数据的问题：{detail}"),
                "请把数据文件和这条信息发给 gxreport 的维护者。",
            )
        };
        Diagnostic {
            hint: Some(hint.into()),
            ..Diagnostic::error("E-TYPESET", file, None, message)
        }
    }
}
