//! Typst source → laid-out document → PDF, PNG or SVG. The only module that
//! knows Typst; it imports nothing else of the crate. Its whole interface is
//! this file: [`compile`], [`pdf`], [`png`], [`svg`], [`evict_cache`] and the
//! font set of [`fonts`].

pub mod fonts;
pub mod glyphs;
pub mod roles;
mod world;

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst::WorldExt;
pub use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use world::ReportWorld;

/// The generated main file and the style file, as Typst's messages name them.
pub const MAIN_FILE: &str = "report.typ";
pub const STYLE_FILE: &str = "style.typ";

/// A Typst error, located in the generated source or the style file.
#[derive(Debug, Clone)]
pub struct TypesetError {
    pub message: String,
    /// File ([`MAIN_FILE`] or [`STYLE_FILE`]), 1-based line and column.
    pub location: Option<(&'static str, usize, usize)>,
}

impl std::fmt::Display for TypesetError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if let Some((file, line, column)) = self.location {
            write!(f, "{file}:{line}:{column}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Lay out a Typst document with the given fonts.
pub fn compile(
    main: String,
    style: String,
    fonts: &fonts::FontSet,
) -> Result<PagedDocument, Vec<TypesetError>> {
    let world = ReportWorld::new(main, style, fonts);
    let result = typst::compile::<PagedDocument>(&world);
    result
        .output
        .map_err(|errors| errors.iter().map(|d| describe(&world, d)).collect())
}

/// Stack size for threads that typeset: Typst's layout recurses deeply and
/// overflows the 2 MiB default of spawned threads on long reports.
pub const STACK_SIZE: usize = 64 * 1024 * 1024;

/// PDF standards a document can be made to conform to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// PDF/A-2b: what archives expect (all fonts embedded, metadata, no encryption).
    A2b,
    /// PDF/UA-1: tagged and accessible.
    Ua1,
}

/// Export a laid-out document as PDF conforming to `standards`, with a fixed
/// identifier, so the same document always gives the same bytes.
pub fn pdf(
    doc: &PagedDocument,
    ident: &str,
    standards: &[Standard],
) -> Result<Vec<u8>, Vec<TypesetError>> {
    let list: Vec<typst_pdf::PdfStandard> = standards
        .iter()
        .map(|s| match s {
            Standard::A2b => typst_pdf::PdfStandard::A_2b,
            Standard::Ua1 => typst_pdf::PdfStandard::Ua_1,
        })
        .collect();
    let standards = typst_pdf::PdfStandards::new(&list).map_err(|e| {
        vec![TypesetError {
            message: format!("无法同时满足这些 PDF 标准：{}", e.message()),
            location: None,
        }]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|d| TypesetError {
                message: d.message.to_string(),
                location: None,
            })
            .collect()
    })
}

/// Page `page` (0-based) as PNG at `pixel_per_pt` pixels per point (2.0 ≈
/// 144 dpi); empty when there is no such page.
pub fn png(doc: &PagedDocument, page: usize, pixel_per_pt: f32) -> Vec<u8> {
    let Some(page) = doc.pages().get(page) else {
        return Vec::new();
    };
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(pixel_per_pt)),
        render_bleed: false,
    };
    typst_render::render(page, &options)
        .encode_png()
        .unwrap_or_default()
}

/// Page `page` (0-based) as SVG; empty when there is no such page.
pub fn svg(doc: &PagedDocument, page: usize) -> String {
    let options = typst_svg::SvgOptions {
        render_bleed: false,
        pretty: false,
    };
    doc.pages()
        .get(page)
        .map(|p| typst_svg::svg(p, &options))
        .unwrap_or_default()
}

/// Drop Typst's memoized results older than `max_age` compilations, so a
/// long batch stays within bounded memory.
pub fn evict_cache(max_age: usize) {
    typst::comemo::evict(max_age);
}

fn describe(world: &ReportWorld, d: &SourceDiagnostic) -> TypesetError {
    let level = match d.severity {
        Severity::Error => "排版错误",
        Severity::Warning => "排版警告",
    };
    let location = d.span.id().and_then(|id| {
        let (source, name) = [
            (world.main_source(), MAIN_FILE),
            (world.style_source(), STYLE_FILE),
        ]
        .into_iter()
        .find(|(s, _)| s.id() == id)?;
        let range = world.range(d.span)?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        Some((name, line + 1, column + 1))
    });
    TypesetError {
        message: format!("{level}：{}", d.message),
        location,
    }
}
