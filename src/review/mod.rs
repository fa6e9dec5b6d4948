//! `gxreport review`: the 公开办's review of a whole jurisdiction's reports
//! in one run. This module owns the review: which unit is which (matched to
//! last year's reports and to the roster by normalised agency name, never by
//! file name), every review finding with its code, level, place and
//! evidence, the scores from an office's scoring sheet, and the review's
//! outputs ([`json`], [`html`], [`xlsx`], and a draft 通报: [`notice`]).
//!
//! Reports are read through the pipeline as `check` reads them
//! ([`unit::read_all`]); what `check` finds is carried into the review per
//! unit. The copy measure is [`text`]; the checks are in [`copy`],
//! [`content`] and [`figures`]; the roster and scoring sheet in [`roster`].

pub mod content;
pub mod copy;
pub mod figures;
pub mod filed;
pub mod finding;
pub mod html;
mod names;
pub mod notice;
pub mod roster;
pub mod text;
pub mod unit;
pub mod xlsx;

use std::collections::BTreeMap;

pub use finding::{Finding, Level};
use names::Names;
use roster::{Entry, Scores};
use unit::Unit;

/// One unit's review: this year's report (if any), what it is matched
/// with, the measures and the findings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct UnitReview {
    /// Anchor of the unit in the HTML page: “u1”, “u2”…
    pub id: String,
    /// The agency, the roster's name for a missing unit, or the file.
    pub name: String,
    pub file: Option<String>,
    pub agency: Option<String>,
    pub year: Option<u32>,
    /// The roster's row, name and level, when on the roster.
    pub roster_row: Option<usize>,
    pub roster_name: Option<String>,
    pub level: Option<String>,
    /// 成文日期 as written, and the deadline it is held to.
    pub date: Option<String>,
    pub deadline: Option<String>,
    /// The copy measure against last year's report, when one was found.
    pub copy: Option<copy::Shares>,
    pub ratios: Option<figures::Ratios>,
    /// Points deducted by the scoring sheet and the score (with 满分).
    pub deducted: Option<f64>,
    pub score: Option<f64>,
    pub findings: Vec<Finding>,
}

impl UnitReview {
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }
}

/// The whole review.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Review {
    pub generated_by: &'static str,
    /// The year reviewed (the year most reports are of).
    pub year: Option<u32>,
    pub reports: usize,
    pub previous_reports: Option<usize>,
    pub roster_units: Option<usize>,
    pub full_marks: Option<f64>,
    /// Findings per code, over all units.
    pub counts: BTreeMap<&'static str, usize>,
    pub units: Vec<UnitReview>,
}

/// What the review is given besides this year's reports.
#[derive(Debug, Clone, Default)]
pub struct Inputs<'a> {
    /// Last year's reports, when `--previous` was given.
    pub previous: Option<&'a [Unit]>,
    /// The versions filed for review before publication (`--filed`).
    pub filed: Option<&'a [Unit]>,
    pub roster: Option<&'a [Entry]>,
    pub scores: Option<&'a Scores>,
}

/// Review this year's units with what else is given.
pub fn review(units: &[Unit], inputs: &Inputs) -> Review {
    let year = common_year(units);
    let last_names = Names::new(
        inputs
            .previous
            .unwrap_or_default()
            .iter()
            .map(|u| u.agency.as_deref().unwrap_or(""))
            .collect(),
    );
    let filed_names = Names::new(
        inputs
            .filed
            .unwrap_or_default()
            .iter()
            .map(|u| u.agency.as_deref().unwrap_or(""))
            .collect(),
    );
    let roster = inputs.roster.unwrap_or_default();
    let roster_names = Names::new(roster.iter().map(|e| e.name.as_str()).collect());
    // A second report of a unit already in the folder (another file, another
    // spelling of the name): told once, counted once.
    let this_names = Names::new(
        units
            .iter()
            .map(|u| u.agency.as_deref().unwrap_or(""))
            .collect(),
    );
    let dup_of: Vec<Option<usize>> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let a = u.agency.as_deref()?;
            this_names.find(a, |j| {
                j < i && units[j].agency.is_some() && units[j].year == u.year
            })
        })
        .collect();
    let mut on_roster: Vec<Option<usize>> = Vec::new();
    let mut roster_seen = vec![false; roster.len()];
    for (i, u) in units.iter().enumerate() {
        let hit = match dup_of[i] {
            Some(j) => on_roster[j],
            None => u
                .agency
                .as_deref()
                .and_then(|a| roster_names.find(a, |r| !roster_seen[r])),
        };
        if let Some(r) = hit {
            roster_seen[r] = true;
        }
        on_roster.push(hit);
    }
    // Units the folder lacks: named in every 汇总's sum check.
    let missing: Vec<String> = roster
        .iter()
        .zip(&roster_seen)
        .filter(|(e, seen)| !**seen && !e.level.as_deref().is_some_and(|l| l.contains("汇总")))
        .map(|(e, _)| format!("{}（没有报告）", e.name))
        .collect();
    let level_of = |i: usize| on_roster[i].and_then(|r| roster[r].level.as_deref());
    let combined: Vec<bool> = (0..units.len())
        .map(|i| figures::is_combined(&units[i], level_of(i)))
        .collect();
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let entry = on_roster[i].map(|r| &roster[r]);
        let mut findings: Vec<Finding> = u.checks.iter().map(Finding::carried).collect();
        if let Some(j) = dup_of[i] {
            findings.push(Finding::new(
                "V-DUP",
                format!(
                    "与“{}”是同一机关（{}）同一年度的报告：点名和汇总核对只算“{}”。",
                    units[j].file,
                    units[j].name(),
                    units[j].file
                ),
                Some(u.file.clone()),
            ));
        }
        let mut shares = None;
        let mut last_unit = None;
        if let (Some(prev), Some(agency)) = (inputs.previous, &u.agency) {
            let want = u.year.map(|y| y.saturating_sub(1));
            match last_names.find(agency, |j| want.is_none() || prev[j].year == want) {
                Some(j) => {
                    last_unit = Some(&prev[j]);
                    shares = Some(copy::compare(u, &prev[j], &mut findings));
                    figures::across_years(u, &prev[j], &mut findings);
                }
                None => findings.push(Finding::new(
                    "V-NOPREV",
                    format!("上年的文件夹中没有“{agency}”的报告（按机关名称查找），没有比对雷同。"),
                    Some(u.file.clone()),
                )),
            }
        }
        if let (Some(filed), Some(agency)) = (inputs.filed, &u.agency) {
            match filed_names.find(agency, |j| filed[j].year == u.year) {
                Some(j) => filed::compare(u, &filed[j], &mut findings),
                None => findings.push(Finding::new(
                    "V-NOFILED",
                    format!("报送审核的文件夹中没有“{agency}”同一年度的报告，没有核对发布的版本。"),
                    Some(u.file.clone()),
                )),
            }
        }
        content::problems(u, shares.as_ref(), last_unit, &mut findings);
        content::fee(u, &mut findings);
        content::rules(u, level_of(i), &mut findings);
        content::names(u, entry.map(|e| e.name.as_str()), &mut findings);
        let deadline = u.agency.as_deref().zip(u.year).and_then(|(a, y)| {
            entry
                .and_then(|e| e.deadline)
                .and_then(|d| d.for_year(y))
                .or_else(|| roster::default_deadline(a, y))
        });
        if inputs.roster.is_some() {
            late(u, deadline, &mut findings);
            if entry.is_none() && u.agency.is_some() && dup_of[i].is_none() {
                findings.push(Finding::new(
                    "V-EXTRA",
                    format!("“{}”不在名单上（按机关名称查找）。", u.name()),
                    Some(u.file.clone()),
                ));
            }
        }
        if combined[i] {
            let parts: Vec<&Unit> = units
                .iter()
                .enumerate()
                .filter(|(j, v)| {
                    *j != i
                        && !combined[*j]
                        && dup_of[*j].is_none()
                        && v.figures.is_some()
                        && v.year == u.year
                })
                .map(|(_, v)| v)
                .collect();
            let mut absent = missing.clone();
            absent.extend(
                units
                    .iter()
                    .filter(|v| v.figures.is_none())
                    .map(|v| format!("{}（无法读取）", v.file)),
            );
            figures::sum(u, &parts, &absent, &mut findings);
        }
        out.push(UnitReview {
            id: String::new(),
            name: u.name().to_string(),
            file: Some(u.file.clone()),
            agency: u.agency.clone(),
            year: u.year,
            roster_row: entry.map(|e| e.row),
            roster_name: entry.map(|e| e.name.clone()),
            level: entry.and_then(|e| e.level.clone()),
            date: u.date.as_ref().map(|d| d.0.clone()),
            deadline: deadline.map(crate::report::load::date_zh),
            copy: shares,
            ratios: u.figures.as_ref().map(figures::ratios),
            deducted: None,
            score: None,
            findings,
        });
    }
    for (e, seen) in roster.iter().zip(&roster_seen) {
        if *seen {
            continue;
        }
        out.push(UnitReview {
            id: String::new(),
            name: e.name.clone(),
            file: None,
            agency: None,
            year,
            roster_row: Some(e.row),
            roster_name: Some(e.name.clone()),
            level: e.level.clone(),
            date: None,
            deadline: year.and_then(|y| {
                e.deadline
                    .and_then(|d| d.for_year(y))
                    .or_else(|| roster::default_deadline(&e.name, y))
                    .map(crate::report::load::date_zh)
            }),
            copy: None,
            ratios: None,
            deducted: None,
            score: None,
            findings: vec![Finding::new(
                "V-MISSING",
                format!(
                    "名单第 {} 行的“{}”没有报告（文件夹中没有这个机关的报告）。",
                    e.row, e.name
                ),
                None,
            )],
        });
    }
    let mut counts = BTreeMap::new();
    for (n, u) in out.iter_mut().enumerate() {
        u.id = format!("u{}", n + 1);
        for f in &u.findings {
            *counts.entry(f.code).or_insert(0) += 1;
        }
        if let Some(s) = inputs.scores {
            score(u, s);
        }
    }
    Review {
        generated_by: "gxreport review",
        year,
        reports: units.len(),
        previous_reports: inputs.previous.map(<[Unit]>::len),
        roster_units: inputs.roster.map(<[Entry]>::len),
        full_marks: inputs.scores.and_then(|s| s.full),
        counts,
        units: out,
    }
}

/// The year most reports are of (the earliest among equals).
fn common_year(units: &[Unit]) -> Option<u32> {
    let mut by_year: BTreeMap<u32, usize> = BTreeMap::new();
    for y in units.iter().filter_map(|u| u.year) {
        *by_year.entry(y).or_insert(0) += 1;
    }
    let most = by_year.values().copied().max()?;
    by_year
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(y, _)| y)
}

/// V-LATE: the 成文日期 after the deadline (the roster's, or 《条例》's).
fn late(u: &Unit, deadline: Option<time::Date>, out: &mut Vec<Finding>) {
    let Some(deadline) = deadline else {
        return;
    };
    // When the portal says when it published the report, that is when the
    // public could read it; else the 成文日期.
    let (what, (written, place)) = match (&u.published_on, &u.date) {
        (Some(p), _) => ("网页标明的公开日期", p),
        (None, Some(d)) => ("成文日期", d),
        (None, None) => return,
    };
    let Ok(date) = crate::report::load::parse_date(written) else {
        return; // E-DATE of check
    };
    if date > deadline {
        let days = (date - deadline).whole_days();
        out.push(Finding::new(
            "V-LATE",
            format!(
                "{what} {} 晚于公开期限 {}，晚 {days} 天。",
                crate::report::load::date_zh(date),
                crate::report::load::date_zh(deadline)
            ),
            Some(place.clone()),
        ));
    }
}

/// Deduct each code once per unit, as the scoring rules read (“−5 for a
/// report copied”); the score is 满分 less that, never below 0.
fn score(u: &mut UnitReview, s: &Scores) {
    let mut deducted = 0.0;
    for (code, points) in &s.deductions {
        if u.findings.iter().any(|f| f.code == code) {
            deducted += points;
        }
    }
    u.deducted = Some(deducted);
    u.score = s.full.map(|full| (full - deducted).max(0.0));
}

/// The review as JSON (pretty, one trailing newline): always available.
pub fn json(review: &Review) -> String {
    let mut text = serde_json::to_string_pretty(review).unwrap_or_default();
    text.push('\n');
    text
}
