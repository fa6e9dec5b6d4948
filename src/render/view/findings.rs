//! The layout's findings: warnings about what the layout changes or cannot
//! hold, told before Typst runs.

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::prose::item_number;
use crate::report::{Report, Val};

use super::fit::{fit_b, fit_c, FIGURE_SIZES};
use super::{item_head, text};

/// What the layout changes or cannot hold, told before Typst runs:
/// W-NUMBER for an item heading whose typed number is dropped (the layout
/// numbers items itself), W-TEXT for Word line separators and no-break
/// spaces that are dropped, W-FIGURE for a figure too wide for its cell
/// even at the smallest size.
pub fn findings(r: &Report, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for prose in r.proses() {
        for (n, item) in prose.items.iter().enumerate() {
            let h = &item.heading;
            if let Some((typed, rest)) = text::typed_number(&h.value) {
                out.push(Diagnostic {
                    severity: Severity::Warning,
                    hint: Some(format!(
                        "删去“{typed}”即可：这一项印出来是“{}”。",
                        item_head(n, rest)
                    )),
                    width: Some(typed.chars().count()),
                    ..Diagnostic::error(
                        "W-NUMBER",
                        file,
                        h.pos.map(|p| r.locate(p, typed, 0)),
                        format!(
                            "小标题“{}”自带序号“{typed}”，排版时会自动编为“{}”，已去掉自带的序号，以免印成两个序号。",
                            h.value.trim(),
                            item_number(n)
                        ),
                    )
                });
            }
        }
    }
    for p in crate::report::figures::paragraphs(r) {
        // U+3000 between characters prints as a two-character gap (a
        // first-line indent typed by hand is dropped as a paragraph's edge).
        if p.value.trim().contains('\u{3000}') {
            out.push(Diagnostic {
                severity: Severity::Warning,
                hint: Some("请删去文字中间的全角空格；段首缩进排版时自动加，不用自己打。".into()),
                ..Diagnostic::error(
                    "W-TEXT",
                    file,
                    p.pos,
                    "这段文字中间有全角空格“　”，会印成一个字宽的空白。".into(),
                )
            });
        }
        if text::needs_normalising(&p.value) {
            out.push(Diagnostic {
                severity: Severity::Warning,
                hint: Some(
                    "从 Word 粘贴的文字常带这些字符；如确需分段，请另起一段（空一行）。".into(),
                ),
                ..Diagnostic::error(
                    "W-TEXT",
                    file,
                    p.pos,
                    "这段文字含有强制换行符（U+2028/U+2029）或不间断空格（U+00A0），排版时强制换行符已去掉，汉字之间的不间断空格已去掉、其余改为普通空格。".into(),
                )
            });
        }
    }
    if !fit_b(r).fits {
        let widest = r
            .table_b
            .rows
            .iter()
            .flatten()
            // The widest figure, one the clerk wrote rather than a computed total.
            .max_by_key(|v| (v.value.to_string().len(), v.pos.is_some()));
        if let Some(v) = widest {
            out.push(too_wide(
                file,
                v,
                "表三",
                FIGURE_SIZES[FIGURE_SIZES.len() - 1],
            ));
        }
    }
    if !fit_c(r).fits {
        if let Some(v) = r
            .table_c
            .groups
            .iter()
            .flatten()
            .max_by_key(|v| (v.value.to_string().len(), v.pos.is_some()))
        {
            out.push(too_wide(
                file,
                v,
                "表四",
                FIGURE_SIZES[FIGURE_SIZES.len() - 1],
            ));
        }
    }
    out
}

fn too_wide(file: &str, v: &Val<u64>, table: &str, size: f64) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        hint: Some("请核对这个数字是否多写了位数。".into()),
        ..Diagnostic::error(
            "W-FIGURE",
            file,
            v.pos,
            format!(
                "{table}中的数字 {} 位数太多，缩小到 {size} 磅字号仍放不进表格的一格，印出来会压住格线。",
                v.value
            ),
        )
    }
}
