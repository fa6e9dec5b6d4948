//! The date a portal says it published the report (“公开日期 2024-01-17”,
//! “发布时间：2024年1月17日”), from the page's own information table or
//! header line. The 公开办's review holds it to the deadline when it is
//! there: it is when the public could read the report, which the 成文日期
//! is not.

use super::super::doc::{Block, Doc};

/// Labels portals print before the publication date.
const LABELS: [&str; 5] = [
    "公开日期",
    "发布日期",
    "发布时间",
    "公开时间",
    "发布日期时间",
];

/// A date at the start of `s`: “2024-01-17”, “2024/1/17”, “2024.01.17”,
/// “2024年1月17日”, as “2024-01-17”.
fn date_at(s: &str) -> Option<String> {
    let s = s.trim_start_matches([' ', '\u{3000}', ':', '：', '\u{a0}']);
    let mut parts = Vec::new();
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if matches!(c, '-' | '/' | '.' | '年' | '月' | '日') && !digits.is_empty() {
            parts.push(std::mem::take(&mut digits));
            if parts.len() == 3 || c == '日' {
                break;
            }
        } else {
            break;
        }
    }
    if !digits.is_empty() && parts.len() == 2 {
        parts.push(digits);
    }
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((2000..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The publication date and where it was printed, if the page says it.
pub(super) fn date(doc: &Doc) -> Option<(String, String)> {
    for b in &doc.blocks {
        match b {
            Block::Para(p) => {
                for label in LABELS {
                    if let Some(i) = p.text.find(label) {
                        if let Some(d) = date_at(&p.text[i + label.len()..]) {
                            return Some((d, p.at.0.clone()));
                        }
                    }
                }
            }
            Block::Table(t) => {
                for r in 0..t.rows.len() {
                    let cells = t.row_cells(r);
                    for (k, (id, _)) in cells.iter().enumerate() {
                        let text = t.cells[*id].text.trim();
                        let Some(label) = LABELS.iter().find(|l| text.starts_with(**l)) else {
                            continue;
                        };
                        // “公开日期：2024-01-17” in one cell, or the date in the next.
                        let here = date_at(&text[label.len()..]);
                        let next = cells
                            .get(k + 1)
                            .and_then(|(n, _)| date_at(t.cells[*n].text.trim()));
                        if let Some(d) = here.or(next) {
                            let at = t.row_at.get(r).map_or_else(
                                || t.at.as_ref().map_or_else(String::new, |p| p.0.clone()),
                                |p| p.0.clone(),
                            );
                            return Some((d, at));
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::date_at;

    #[test]
    fn dates_as_portals_print_them() {
        assert_eq!(date_at("2024-01-17").as_deref(), Some("2024-01-17"));
        assert_eq!(
            date_at("：2024年1月7日 10:00").as_deref(),
            Some("2024-01-07")
        );
        assert_eq!(date_at(" 2024/1/17").as_deref(), Some("2024-01-17"));
        assert_eq!(date_at("2024-13-01"), None);
        assert_eq!(date_at("2024年"), None);
    }
}
