//! Filed = published (item 9 of the review): where the office keeps the
//! version it reviewed before publication (the YAML a unit filed, or an
//! earlier import), the published report is compared with it figure by
//! figure (every official cell) and paragraph by paragraph (each section's
//! paragraphs, spaces aside). What differs is told with both versions.

use super::finding::{Figure, Finding, Passage};
use super::unit::{Unit, SECTION_NAMES};
use crate::format::cells::{cells, LABEL_SEPARATOR};

/// Paragraphs shown per section when they differ; the rest are counted.
const SHOWN: usize = 3;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Compare `published` with the `filed` version of the same unit.
pub fn compare(published: &Unit, filed: &Unit, out: &mut Vec<Finding>) {
    if let (Some(p), Some(f)) = (&published.figures, &filed.figures) {
        let differ: Vec<Figure> = cells()
            .iter()
            .zip(p.cells().into_iter().zip(f.cells()))
            .filter(|(_, (a, b))| a != b)
            .map(|(cell, (a, b))| Figure {
                cell: cell.label.replace(LABEL_SEPARATOR, "·"),
                reported: a,
                expected: b,
            })
            .collect();
        if !differ.is_empty() {
            let mut finding = Finding::new(
                "V-FILED",
                format!(
                    "发布的报告有 {} 个数字与报送审核的版本（{}）不同：“报告”为发布的数，“应为”为报送的数。",
                    differ.len(),
                    filed.file
                ),
                Some(published.file.clone()),
            );
            finding.figures = differ;
            out.push(finding);
        }
    }
    for (k, name) in SECTION_NAMES.iter().enumerate() {
        let (p, f) = (&published.sections[k], &filed.sections[k]);
        let in_p: Vec<String> = p.iter().map(|x| squeeze(&x.text)).collect();
        let in_f: Vec<String> = f.iter().map(|x| squeeze(&x.text)).collect();
        let only_f: Vec<_> = f
            .iter()
            .filter(|x| !in_p.contains(&squeeze(&x.text)))
            .collect();
        let only_p: Vec<_> = p
            .iter()
            .filter(|x| !in_f.contains(&squeeze(&x.text)))
            .collect();
        if only_f.is_empty() && only_p.is_empty() {
            continue;
        }
        let mut finding = Finding::new(
            "V-FILEDTEXT",
            format!(
                "{name}：发布的报告有 {} 段与报送审核的版本（{}）不同（报送的 {} 段没有发布，发布的 {} 段没有报送）。",
                only_f.len().max(only_p.len()),
                filed.file,
                only_f.len(),
                only_p.len()
            ),
            only_p
                .first()
                .map(|x| format!("{}（{}）", published.file, x.place))
                .or_else(|| Some(published.file.clone())),
        );
        for x in only_f.iter().take(SHOWN) {
            finding.passages.push(Passage {
                label: "报送".into(),
                text: x.text.clone(),
                place: format!("{}（{}）", filed.file, x.place),
            });
        }
        for x in only_p.iter().take(SHOWN) {
            finding.passages.push(Passage {
                label: "发布".into(),
                text: x.text.clone(),
                place: format!("{}（{}）", published.file, x.place),
            });
        }
        out.push(finding);
    }
}
