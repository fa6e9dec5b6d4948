//! The document as serde reads it, and its turning into a [`Report`]:
//! defaults filled in, text read as the clerk meant it, tables completed.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::dates::{date_zh, parse_date};
use crate::format::{DEFAULT_LEAD, DEFAULT_OTHER_MATTERS, DEFAULT_TITLE_LINE};
use crate::report::prose::{val, Ctx, RawProse};
use crate::report::tables::{RawTableA, RawTableB, RawTableC};
use crate::report::{Report, Val};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReport {
    agency: Spanned<String>,
    pub(super) year: Spanned<u32>,
    #[serde(default)]
    title: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    lead: Option<Spanned<String>>,
    overview: Spanned<RawProse>,
    #[serde(default)]
    proactive: Option<RawTableA>,
    #[serde(default)]
    requests: Option<RawTableB>,
    #[serde(default)]
    appeals: Option<RawTableC>,
    #[serde(default)]
    problems: Option<Spanned<RawProse>>,
    #[serde(default)]
    other_matters: Option<Spanned<RawProse>>,
    #[serde(default)]
    closing: Option<Spanned<String>>,
    #[serde(default)]
    signature: Option<Spanned<String>>,
    #[serde(default)]
    date: Option<Spanned<String>>,
}

impl RawReport {
    pub(super) fn into_report(self, ctx: &Ctx) -> Report {
        let year = self.year.value;
        let title = match &self.title {
            Some(lines) if !lines.is_empty() => lines.iter().map(|l| ctx.line(l)).collect(),
            _ => vec![
                ctx.line(&self.agency),
                Val::computed(DEFAULT_TITLE_LINE.replace("{year}", &year.to_string())),
            ],
        };
        let lead = match &self.lead {
            Some(text) => ctx.paragraphs(&text.value, &text.referenced),
            None => vec![Val::computed(
                DEFAULT_LEAD.replace("{year}", &year.to_string()),
            )],
        };
        let prose = |p: &Option<Spanned<RawProse>>| {
            p.as_ref()
                .map(|p| p.value.to_prose(&p.referenced, ctx))
                .unwrap_or_default()
        };
        let mut other_matters = prose(&self.other_matters);
        if other_matters.is_empty() {
            other_matters
                .paragraphs
                .push(Val::computed(DEFAULT_OTHER_MATTERS.to_string()));
        }
        let a = self.proactive.unwrap_or_default();
        let b = self.requests.unwrap_or_default();
        let c = self.appeals.unwrap_or_default();
        Report {
            agency: ctx.line(&self.agency),
            year: val(&self.year),
            title,
            lead,
            overview: self.overview.value.to_prose(&self.overview.referenced, ctx),
            table_a: a.to_table(),
            proactive_note: prose(&a.note),
            table_b: b.to_table(),
            requests_note: prose(&b.note),
            table_c: c.to_table(),
            appeals_note: prose(&c.note),
            problems: prose(&self.problems),
            other_matters,
            closing: self
                .closing
                .as_ref()
                .map(|t| ctx.paragraphs(&t.value, &t.referenced))
                .unwrap_or_default(),
            signature: self.signature.as_ref().map(|s| ctx.line(s)),
            // A valid date in any accepted form prints as “2026年1月20日”; an
            // invalid one is kept as written for check's error (E-DATE).
            date: self.date.as_ref().map(|s| {
                let v = ctx.line(s);
                match parse_date(&v.value) {
                    Ok(d) => Val {
                        value: date_zh(d),
                        pos: v.pos,
                    },
                    Err(_) => v,
                }
            }),
            notices: Vec::new(),
            source: Some(ctx.original.to_string()),
        }
    }
}
