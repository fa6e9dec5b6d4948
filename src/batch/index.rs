//! The batch's `index.html`: every report built as a web page, with its
//! agency, year and links to the page and the PDF, in the manifest's order —
//! the page a 公开办 puts in the portal's 年报 column.

use super::{Outcome, Status};
use crate::html::{index, IndexEntry};

/// The index page of a batch written to `dir`.
pub fn page(outcomes: &[Outcome], dir: &std::path::Path) -> String {
    let name = |path: &str| {
        let path = std::path::Path::new(path);
        path.strip_prefix(dir)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    };
    let entries: Vec<IndexEntry> = outcomes
        .iter()
        .filter(|o| o.status == Status::Built)
        .filter_map(|o| {
            let file = |ext: &str| {
                o.outputs
                    .iter()
                    .find(|p| p.ends_with(ext))
                    .map(|p| name(p.as_str()))
            };
            Some(IndexEntry {
                agency: o.agency.clone()?,
                year: o.year?,
                html: file(".html")?,
                pdf: file(".pdf"),
            })
        })
        .collect();
    let mut years: Vec<u32> = entries.iter().map(|e| e.year).collect();
    years.sort_unstable();
    years.dedup();
    let title = match years[..] {
        [year] => format!("{year}年政府信息公开工作年度报告"),
        _ => "政府信息公开工作年度报告".to_string(),
    };
    index(&entries, &title)
}
