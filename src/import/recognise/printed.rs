//! Where the prose was printed: each paragraph, heading and closing line of
//! the report by its [`Key`], for `check` on a published report.

use super::super::doc::Place;
use super::super::draft::Section;
use super::super::places::{Key, Places, Printed};
use super::front::Front;
use super::prose::section_parts;
use crate::format::SECTIONS;

fn put(places: &mut Places, key: Key, at: &Place, what: &str) {
    places.insert(
        key,
        Printed {
            at: at.to_string(),
            what: what.to_string(),
            column: None,
        },
    );
}

/// The six sections' prose (the notes under Tables A–C as plain
/// paragraphs), each part's place recorded.
pub(super) fn sections(places: &mut Places, bodies: &[Vec<(String, Place)>]) -> Vec<Section> {
    let mut out = Vec::new();
    for (k, body) in bodies.iter().enumerate() {
        let texts: Vec<String> = body.iter().map(|(p, _)| p.clone()).collect();
        let (section, from) = if (1..=3).contains(&k) {
            let from = (0..texts.len()).map(|n| (Key::Text(k, n), n)).collect();
            (
                Section {
                    paragraphs: texts,
                    items: Vec::new(),
                },
                from,
            )
        } else {
            section_parts(&texts, k)
        };
        for (key, n) in from {
            put(places, key, &body[n].1, SECTIONS[k].heading);
        }
        out.push(section);
    }
    out
}

/// Title, lead, agency and year, 落款 and date.
pub(super) fn front(
    places: &mut Places,
    front: &Front,
    agency_in_signature: bool,
    signature: Option<&Place>,
    date: Option<&Place>,
    year_in_lead: Option<usize>,
) {
    if let Some(at) = &front.title_at {
        for i in 0..front.title.len() {
            put(places, Key::Title(i), at, "标题");
        }
        if !agency_in_signature {
            put(places, Key::Agency, at, "标题");
        }
        if year_in_lead.is_none() {
            put(places, Key::Year, at, "标题");
        }
    }
    for (i, (_, at)) in front.lead.iter().enumerate() {
        put(places, Key::Lead(i), at, "导语");
        if year_in_lead == Some(i) {
            put(places, Key::Year, at, "导语");
        }
    }
    if let Some(at) = signature {
        put(places, Key::Signature, at, "落款");
        if agency_in_signature {
            put(places, Key::Agency, at, "落款");
        }
    }
    if let Some(at) = date {
        put(places, Key::Date, at, "成文日期");
    }
}
