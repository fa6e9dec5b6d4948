//! The document's metadata (title, author, keywords, creation date) and the
//! options that make a document beyond the report's own data.

use serde::Serialize;

use crate::report::Report;

use super::View;

/// The document's metadata and marks, passed to `report.with(..meta)`.
#[derive(Serialize)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// (year, month, day, hour, minute, second), or none: never the clock.
    pub date: Option<[i64; 6]>,
    /// Watermark text of a draft (征求意见稿), or none.
    pub draft: Option<String>,
}

/// How a document is made beyond the report's own data.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Mark every page as a draft with this text.
    pub draft: Option<String>,
    /// SHA-256 of the input YAML, recorded in the PDF's keywords.
    pub source_sha256: Option<String>,
    /// Creation time from `SOURCE_DATE_EPOCH` (UTC), instead of the report's date.
    pub epoch: Option<i64>,
}

/// The metadata of one report's PDF.
pub fn meta(r: &Report, view: &View, options: &Options) -> Meta {
    let mut title = view.document_title.clone();
    if let Some(draft) = &options.draft {
        title.push_str(&format!("（{draft}）"));
    }
    let mut keywords = vec![
        "政府信息公开".into(),
        "年度报告".into(),
        r.year.value.to_string(),
    ];
    if let Some(sha) = &options.source_sha256 {
        keywords.push(format!("sha256:{sha}"));
    }
    Meta {
        title,
        author: r.agency.value.clone(),
        subject: format!("{}年政府信息公开工作年度报告", r.year.value),
        keywords,
        date: document_date(r, options),
        draft: options.draft.clone(),
    }
}

/// The PDF's creation time: `SOURCE_DATE_EPOCH` if given (UTC).
pub fn document_date(r: &Report, options: &Options) -> Option<[i64; 6]> {
    if let Some(epoch) = options.epoch {
        let t = time::OffsetDateTime::from_unix_timestamp(epoch).ok()?;
        return Some([
            i64::from(t.year()),
            i64::from(u8::from(t.month())),
            i64::from(t.day()),
            i64::from(t.hour()),
            i64::from(t.minute()),
            i64::from(t.second()),
        ]);
    }
    // Else the report's own date, else 1 January after the report year (the
    // earliest day the report can have been made): from the data, never the clock.
    let (y, m, d) = r
        .date
        .as_ref()
        .and_then(|d| parse_date(&d.value))
        .unwrap_or((r.year.value as i32 + 1, 1, 1));
    Some([i64::from(y), i64::from(m), i64::from(d), 0, 0, 0])
}

/// “2025年1月20日” or “2025-01-20”.
fn parse_date(s: &str) -> Option<(i32, u8, u8)> {
    let nums: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .collect();
    match nums.as_slice() {
        [y, m, d] => {
            let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
            ((1900..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
                .then_some((y, m, d))
        }
        _ => None,
    }
}
