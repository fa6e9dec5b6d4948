//! Laid-out pages as PNG images (for `gxreport preview`), through typst-render.

use typst::utils::Scalar;
use typst_render::RenderOptions;

use super::PagedDocument;

/// Page `page` (0-based) as PNG at `pixel_per_pt` pixels per point (2.0 ≈ 144 dpi);
/// empty when there is no such page.
pub fn png(doc: &PagedDocument, page: usize, pixel_per_pt: f32) -> Vec<u8> {
    let Some(page) = doc.pages().get(page) else {
        return Vec::new();
    };
    let options = RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(pixel_per_pt)),
        render_bleed: false,
    };
    typst_render::render(page, &options)
        .encode_png()
        .unwrap_or_default()
}
