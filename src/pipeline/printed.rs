//! Findings on a published report (PDF, Word, web page, text), told where
//! they were printed. The report was checked as YAML generated in memory;
//! its lines and columns mean nothing to a clerk, who sees the page, the
//! paragraph, the table row. Each finding's position is looked up among the
//! positions the loader gave the model's values (the ones the rules point
//! at), the value found is named by its [`Key`], and the importer's
//! [`Places`] says where that value was printed. Then the position goes.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Pos};
use crate::import::places::{Key, Places};
use crate::report::{ACells, Prose, Report};

/// Rewrite the findings of a report read from a published document: no
/// YAML position or underline; where it was printed, when the finding is on
/// a value the importer placed (else the file alone names it).
pub fn to_printed(findings: &mut [Diagnostic], report: Option<&Report>, places: &Places) {
    let index = report.map(|r| Index::of(r, places)).unwrap_or_default();
    for d in findings {
        if let Some(p) = d.pos.take() {
            d.printed_at = index.at(p);
        }
        d.width = None;
        d.hint = d.hint.take().map(|h| printed_hint(&h));
    }
}

/// A hint as it reads for a printed document: its second clause, when it
/// is about writing the YAML (a total left out and summed, a figure written
/// as a reference), says nothing to someone holding a published report.
fn printed_hint(hint: &str) -> String {
    match hint.split_once('；') {
        Some((first, rest)) if ["不写", "引用"].iter().any(|w| rest.contains(w)) => {
            format!("{first}。")
        }
        _ => hint.to_string(),
    }
}

/// Printed places by the YAML position of each value, and by line (a
/// finding inside a paragraph, or on a table row but not on one figure).
#[derive(Default)]
struct Index {
    exact: HashMap<(u32, u32), String>,
    lines: HashMap<u32, String>,
}

impl Index {
    fn at(&self, p: Pos) -> Option<String> {
        self.exact
            .get(&(p.line, p.column))
            .or_else(|| self.lines.get(&p.line))
            .cloned()
    }

    fn of(r: &Report, places: &Places) -> Index {
        let mut index = Index::default();
        let mut put = |key: Key, pos: Option<Pos>| {
            let (Some(pos), Some(printed)) = (pos, places.get(&key)) else {
                return;
            };
            index
                .exact
                .entry((pos.line, pos.column))
                .or_insert_with(|| printed.to_string());
            index.lines.entry(pos.line).or_insert_with(|| printed.row());
        };
        // Figures: the model's cells are in the order of the format's list.
        let mut cells: Vec<Option<Pos>> = Vec::new();
        for row in &r.table_a.rows {
            match row {
                ACells::Documents(v) => cells.extend(v.iter().map(|c| c.pos)),
                ACells::Count(v) => cells.push(v.pos),
                ACells::Fee(v) => cells.push(v.pos),
            }
        }
        cells.extend(r.table_b.rows.iter().flatten().map(|c| c.pos));
        cells.extend(r.table_c.groups.iter().flatten().map(|c| c.pos));
        let format = crate::format::cells::cells();
        if cells.len() == format.len() {
            for (cell, pos) in format.into_iter().zip(cells) {
                put(Key::Cell(cell.path), pos);
            }
        }
        put(Key::Agency, r.agency.pos);
        put(Key::Year, r.year.pos);
        for (i, t) in r.title.iter().enumerate() {
            put(Key::Title(i), t.pos);
        }
        for (i, p) in r.lead.iter().enumerate() {
            put(Key::Lead(i), p.pos);
        }
        for (k, prose) in r.proses().into_iter().enumerate() {
            if same_shape(k, prose, places) {
                for (i, p) in prose.paragraphs.iter().enumerate() {
                    put(Key::Text(k, i), p.pos);
                }
                for (j, item) in prose.items.iter().enumerate() {
                    put(Key::Heading(k, j), item.heading.pos);
                    for (i, p) in item.paragraphs.iter().enumerate() {
                        put(Key::ItemText(k, j, i), p.pos);
                    }
                }
            }
        }
        put(Key::Signature, r.signature.as_ref().and_then(|v| v.pos));
        put(Key::Date, r.date.as_ref().and_then(|v| v.pos));
        index
    }
}

/// Whether section `k` loaded as the paragraphs and items the importer
/// placed: were one paragraph split in two, every later one would be
/// named by its neighbour's place, so then none is.
fn same_shape(k: usize, prose: &Prose, places: &Places) -> bool {
    let count = |f: &dyn Fn(&Key) -> bool| places.keys().filter(|key| f(key)).count();
    count(&|key| matches!(key, Key::Text(s, _) if *s == k)) == prose.paragraphs.len()
        && count(&|key| matches!(key, Key::Heading(s, _) if *s == k)) == prose.items.len()
        && prose.items.iter().enumerate().all(|(j, item)| {
            count(&|key| matches!(key, Key::ItemText(s, i, _) if *s == k && *i == j))
                == item.paragraphs.len()
        })
}

#[cfg(test)]
mod hint_tests {
    use super::printed_hint;

    #[test]
    fn hints_about_writing_the_yaml_lose_that_clause() {
        assert_eq!(
            printed_hint("改正总计或各列数字；总计也可以不写，由程序相加。"),
            "改正总计或各列数字。"
        );
        assert_eq!(
            printed_hint("改正文字或表格；文字中的数字也可以写成引用（如 {{ b.received.total }}），自动取自表格。"),
            "改正文字或表格。"
        );
        let r1 = "第一项加第二项之和应等于第三项加第四项之和：请核对本年新收、上年结转、办理结果和结转下年度的数字。";
        assert_eq!(printed_hint(r1), r1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::places::Printed;

    const YAML: &str = "agency: 某局
year: 2025
overview: |
  第一段。
requests:
  received: [5, 0, 0, 0, 0, 0]
problems: 无。
";

    fn at(line: u32, column: u32) -> Diagnostic {
        Diagnostic::error("R1", "r.pdf", Some(Pos { line, column }), String::new())
    }

    fn printed(at: &str, what: &str, column: Option<&str>) -> Printed {
        Printed {
            at: at.into(),
            what: what.into(),
            column: column.map(Into::into),
        }
    }

    #[test]
    fn a_figure_by_its_cell_a_row_by_its_line_prose_by_its_paragraph() {
        let report = crate::report::load::load_str(YAML, "r.yaml").unwrap();
        let mut places = Places::new();
        places.insert(
            Key::Cell("requests.received[0]".into()),
            printed("第3页表格第4行", "表三“一、本年新收”行", Some("“自然人”列")),
        );
        places.insert(Key::Text(0, 0), printed("第1页第5段", "一、总体情况", None));
        // Line 6 is `  received: [5, 0, …]`: the 5 at column 14.
        let mut findings = [at(6, 14), at(6, 3), at(4, 5), at(1, 9)];
        to_printed(&mut findings, Some(&report), &places);
        let got: Vec<Option<&str>> = findings.iter().map(|d| d.printed_at.as_deref()).collect();
        assert_eq!(
            got,
            [
                Some("第3页表格第4行，表三“一、本年新收”行、“自然人”列"),
                Some("第3页表格第4行，表三“一、本年新收”行"),
                Some("第1页第5段，一、总体情况"),
                None,
            ]
        );
        assert!(findings.iter().all(|d| d.pos.is_none()));
    }

    #[test]
    fn prose_that_loaded_in_another_shape_is_not_placed() {
        let report = crate::report::load::load_str(YAML, "r.yaml").unwrap();
        let mut places = Places::new();
        for n in 0..2 {
            places.insert(Key::Text(0, n), printed("第1页第5段", "一、总体情况", None));
        }
        let mut findings = [at(4, 5)];
        to_printed(&mut findings, Some(&report), &places);
        assert_eq!(findings[0].printed_at, None);
        assert_eq!(findings[0].pos, None);
    }
}
