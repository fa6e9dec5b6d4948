//! One report of the folder as the review needs it: who, when, the prose
//! of each section with the place every paragraph was printed, the figures,
//! and what `check` found. Read through the pipeline (a published report is
//! imported first, as `check` does); the model itself is not kept, so a run
//! over a thousand units holds only these digests.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::import::places::{Key, Places};
use crate::pipeline::Pipeline;
use crate::report::values::Figures;
use crate::report::Val;

/// The names of the six prose parts, in the order of [`Report::proses`].
pub const SECTION_NAMES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况（表后文字）",
    "三、收到和处理政府信息公开申请情况（表后文字）",
    "四、政府信息公开行政复议、行政诉讼情况（表后文字）",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// Index of 五 and 六 in [`SECTION_NAMES`].
pub const PROBLEMS: usize = 4;
pub const OTHER_MATTERS: usize = 5;

/// A paragraph and where a clerk finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub text: String,
    pub place: String,
}

/// What the review keeps of one report.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// The file's name within its folder.
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<u32>,
    /// The 成文日期 as written, and its place.
    pub date: Option<(String, String)>,
    /// The date the portal says it published the report, and its place.
    pub published_on: Option<(String, String)>,
    /// The title lines joined, and the 落款 (with their places).
    pub title: Option<(String, String)>,
    pub signature: Option<(String, String)>,
    /// A published document (PDF, Word, web page, text), not YAML.
    pub published: bool,
    /// The prose of each part, in the order of [`SECTION_NAMES`].
    pub sections: [Vec<Para>; 6],
    pub figures: Option<Figures>,
    /// Where Table A's 规章 row and Table B's fee-notice row were printed.
    pub rules_place: String,
    pub fee_row_place: String,
    /// Where 二、上年结转 and the 现行有效件数 of 规章 and 行政规范性文件 were
    /// printed (for X1 and X2 against last year).
    pub carried_place: String,
    pub in_force_places: [String; 2],
    /// What `check` found (the import's notes among them).
    pub checks: Vec<Diagnostic>,
    /// A 汇总 written by `gxreport aggregate` (its mark in the first comments).
    pub aggregate_mark: bool,
}

impl Unit {
    /// The agency, or the file name when the report did not load.
    pub fn name(&self) -> &str {
        self.agency.as_deref().unwrap_or(&self.file)
    }

    /// A part's text, paragraphs joined by line breaks.
    pub fn section_text(&self, i: usize) -> String {
        self.sections[i]
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Read one report through the pipeline (no layout: the review reads what
/// a report says, not how it is set).
pub fn read(pipeline: &Pipeline, path: &Path) -> Unit {
    let prepared = pipeline.prepare(path);
    let file = crate::aggregate::file_name(path);
    let mut unit = Unit {
        file: file.clone(),
        published: prepared.places.is_some(),
        checks: prepared.findings,
        aggregate_mark: !crate::pipeline::is_published(path)
            && crate::aggregate::is_aggregate_output(path),
        ..Unit::default()
    };
    let Some(report) = prepared.report else {
        return unit;
    };
    let places = prepared.places.unwrap_or_default();
    let at = Locator {
        file: &file,
        places: &places,
    };
    unit.agency = Some(report.agency.value.clone());
    unit.year = Some(report.year.value);
    unit.date = report
        .date
        .as_ref()
        .map(|d| (d.value.clone(), at.place(Key::Date, d)));
    unit.published_on = places
        .get(&Key::Published)
        .map(|p| (p.what.clone(), format!("{file}（{}）", p.at)));
    if let Some(first) = report.title.first() {
        let joined: String = report.title.iter().map(|t| t.value.as_str()).collect();
        unit.title = Some((joined, at.place(Key::Title(0), first)));
    }
    unit.signature = report
        .signature
        .as_ref()
        .map(|s| (s.value.clone(), at.place(Key::Signature, s)));
    for (s, prose) in report.proses().into_iter().enumerate() {
        let mut paras = Vec::new();
        for (p, v) in prose.paragraphs.iter().enumerate() {
            paras.push(at.para(Key::Text(s, p), v));
        }
        for (i, item) in prose.items.iter().enumerate() {
            for (p, v) in item.paragraphs.iter().enumerate() {
                paras.push(at.para(Key::ItemText(s, i, p), v));
            }
        }
        unit.sections[s] = paras;
    }
    let rules_pos = match report.table_a.rows.first() {
        Some(crate::report::ACells::Documents(v)) => v[0].pos,
        _ => None,
    };
    unit.rules_place = at.cell("proactive.rules.issued", rules_pos);
    let fee_row = crate::format::TABLE_B
        .iter()
        .position(|r| r.key == "fee_unpaid")
        .and_then(|i| report.table_b.rows.get(i))
        .and_then(|row| row[0].pos);
    unit.fee_row_place = at.cell("requests.other_handling.fee_unpaid[6]", fee_row);
    let carried = crate::format::B_CARRIED_OVER;
    let carried_pos = report.table_b.rows.get(carried).and_then(|r| r[0].pos);
    unit.carried_place = at.cell("requests.carried_over[0]", carried_pos);
    for (i, key) in ["rules", "normative_documents"].iter().enumerate() {
        let pos = match report.table_a.rows.get(i) {
            Some(crate::report::ACells::Documents(v)) => v[2].pos,
            _ => None,
        };
        unit.in_force_places[i] = at.cell(&format!("proactive.{key}.in_force"), pos);
    }
    unit.figures = Some(Figures::of(&report));
    unit
}

/// Places of values: the printed place of a published report, else the
/// YAML line.
struct Locator<'a> {
    file: &'a str,
    places: &'a Places,
}

impl Locator<'_> {
    fn place<T>(&self, key: Key, v: &Val<T>) -> String {
        match (self.places.get(&key), v.pos) {
            (Some(printed), _) => format!("{}（{}）", self.file, printed.row()),
            (None, Some(pos)) => format!("{}:{}", self.file, pos.line),
            (None, None) => self.file.to_string(),
        }
    }

    fn para(&self, key: Key, v: &Val<String>) -> Para {
        Para {
            text: v.value.clone(),
            place: self.place(key, v),
        }
    }

    /// A table row's place: printed, or its line in the YAML.
    fn cell(&self, path: &str, pos: Option<crate::report::Pos>) -> String {
        match (self.places.get(&Key::Cell(path.to_string())), pos) {
            (Some(printed), _) => format!("{}（{}）", self.file, printed.row()),
            (None, Some(pos)) => format!("{}:{}", self.file, pos.line),
            (None, None) => self.file.to_string(),
        }
    }
}

/// Read every file on `jobs` worker threads; the units come back in the
/// order of `paths`. `tick` is called once per file read (progress).
pub fn read_all(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    jobs: usize,
    tick: &(dyn Fn() + Sync),
) -> Vec<Unit> {
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Unit>>> = Mutex::new(vec![None; paths.len()]);
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, 64).min(paths.len().max(1)) {
            let work = || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let unit = read(pipeline, path);
                if let Ok(mut slots) = slots.lock() {
                    slots[i] = Some(unit);
                }
                tick();
            };
            // Large stacks, as the batch's workers: the PDF reader recurses.
            let spawned = std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn_scoped(scope, work);
            if spawned.is_err() {
                break;
            }
        }
    });
    let slots = slots.into_inner().unwrap_or_default();
    // A slot left empty (no thread could start) is read here, in order.
    slots
        .into_iter()
        .zip(paths)
        .map(|(u, p)| u.unwrap_or_else(|| read(pipeline, p)))
        .collect()
}
