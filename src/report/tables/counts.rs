//! A row of counts, read as a list or as a mapping by column key, and the
//! filling in of omitted cells and totals.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::cells::{count_cell, split_numbers, written, Count, Separator};
use super::deferred::{defer, unknown_key, warn};
use crate::format::Column;
use crate::report::prose::pos;
use crate::report::{Pos, Val};

// ------------------------------------------------------------ rows of counts

/// A row of counts, given as a list `[a, b, …]` or a mapping by column key.
/// The last column (总计) may be left out when `total_optional`.
pub(super) struct CountsSeed {
    /// The official label of the row (or group), for messages.
    pub(super) row: &'static str,
    pub(super) columns: &'static [Column],
    pub(super) total_optional: bool,
}

pub(super) type Cells = Vec<Option<Val<u64>>>;

impl<'de> DeserializeSeed<'de> for CountsSeed {
    type Value = Cells;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cells, D::Error> {
        d.deserialize_any(self)
    }
}

impl CountsSeed {
    fn labels(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.label)
            .collect::<Vec<_>>()
            .join("、")
    }
}

impl<'de> Visitor<'de> for CountsSeed {
    type Value = Cells;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "一行数字（依次为{}）", self.labels())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cells, A::Error> {
        let mut cells = Vec::new();
        let mut last = None;
        let mut queue: Vec<(Count, Pos)> = Vec::new();
        // A figure written “3，892”: (as written, parts, place).
        let mut ambiguous: Option<(String, Separator, usize, Pos)> = None;
        loop {
            let c = match queue.pop() {
                Some(c) => c,
                None => match seq.next_element::<Spanned<Count>>()? {
                    Some(c) => match split_numbers(&c.value.1, pos(&c)) {
                        // “3，892”: one figure with a separator, or two? Not
                        // guessed: the cell is unread and the clerk asked.
                        Some((parts, sep))
                            if sep.may_group() && thousands_shaped(c.value.1.trim(), sep) =>
                        {
                            ambiguous =
                                Some((c.value.1.trim().to_string(), sep, parts.len(), pos(&c)));
                            cells.push(Some(crate::report::Val::at(0, pos(&c))));
                            last = Some(pos(&c));
                            continue;
                        }
                        Some((mut parts, sep)) => {
                            let figures: Vec<&str> =
                                parts.iter().map(|p| p.0 .1.as_str()).collect();
                            warn(
                                "W-COMMA",
                                pos(&c),
                                format!(
                                    "{}：数字之间用了{}，已按英文逗号“,”分开读作 {} 个数。",
                                    self.row,
                                    sep.name(),
                                    parts.len()
                                ),
                                Some(format!(
                                    "请把{}改为英文逗号“,”：[{}]。",
                                    sep.name(),
                                    figures.join(", ")
                                )),
                            );
                            parts.reverse();
                            queue = parts;
                            continue;
                        }
                        None => written(c),
                    },
                    None => break,
                },
            };
            if cells.len() == self.columns.len() {
                defer(
                    "E-LENGTH",
                    c.1,
                    format!(
                        "{}：数字太多，这一行应依次填写 {} 个数（{}）。",
                        self.row,
                        self.columns.len(),
                        self.labels()
                    ),
                    Some("请删去多余的数字。".into()),
                );
                queue.clear();
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                break;
            }
            let column = self.columns[cells.len()].label;
            cells.push(Some(count_cell(&c.0, c.1, self.row, Some(column))));
            last = Some(c.1);
        }
        let min = self.columns.len() - usize::from(self.total_optional);
        let fits = |n: usize| (min..=self.columns.len()).contains(&n);
        // “3，892”: one figure with a separator, or two? Not guessed: the
        // cell is unread and the clerk asked, with the fix that fits the
        // row's length (both when both fit).
        if let Some((written, sep, parts, at)) = &ambiguous {
            let (one, two) = (fits(cells.len()), fits(cells.len() + parts - 1));
            defer(
                "E-VALUE",
                *at,
                format!(
                    "{}：“{written}”中间用了{}，不能确定是一个数 {} 还是 {parts} 个数。",
                    self.row,
                    sep.name(),
                    digits_of(written).concat()
                ),
                Some(comma_hint(written, *sep, one || !two, two || !one)),
            );
            if two {
                cells.resize(self.columns.len(), None);
                return Ok(cells);
            }
        }
        if cells.len() < min {
            let message = format!(
                "{}：数字太少，这一行填了 {} 个数，应依次填写 {} 个数（{}）{}。",
                self.row,
                cells.len(),
                self.columns.len(),
                self.labels(),
                if self.total_optional {
                    "，最后的总计可省略"
                } else {
                    ""
                }
            );
            match last {
                Some(at) => defer("E-LENGTH", at, message, Some("没有的填 0。".into())),
                None => return Err(de::Error::custom(message)),
            }
        }
        cells.resize(self.columns.len(), None);
        Ok(cells)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cells, A::Error> {
        let mut cells: Cells = vec![None; self.columns.len()];
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let Some(i) = self.columns.iter().position(|c| c.key == key.value) else {
                unknown_key(&key, self.columns.iter().map(|c| (c.key, c.label)));
                map.next_value::<de::IgnoredAny>()?;
                continue;
            };
            let (c, at) = written(map.next_value::<Spanned<Count>>()?);
            cells[i] = Some(count_cell(&c, at, self.row, Some(self.columns[i].label)));
        }
        // An omitted applicant column is 0; an omitted 总计 is computed later.
        let last = self.columns.len() - 1;
        for (i, cell) in cells.iter_mut().enumerate() {
            if cell.is_none() && !(self.total_optional && i == last) {
                *cell = Some(Val::computed(0));
            }
        }
        Ok(cells)
    }
}

/// Fill a row: written cells keep their values, omitted 总计 is the sum.
pub(super) fn complete(cells: Cells, total: usize) -> Vec<Val<u64>> {
    let sum: u64 = cells
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != total)
        .map(|(_, c)| c.as_ref().map_or(0, |c| c.value))
        .fold(0u64, u64::saturating_add);
    cells
        .into_iter()
        .enumerate()
        .map(|(i, c)| c.unwrap_or_else(|| Val::computed(if i == total { sum } else { 0 })))
        .collect()
}

pub(super) fn zero_row(n: usize) -> Cells {
    vec![Some(Val::computed(0)); n]
}

/// The digit groups of a figure written with separators.
fn digits_of(written: &str) -> Vec<String> {
    written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect()
}

/// “3，892”, “12 345 678”: 1–3 digits, then groups of exactly three, as a
/// thousands separator writes them.
fn thousands_shaped(written: &str, sep: Separator) -> bool {
    let groups = digits_of(written);
    sep.may_group()
        && groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// The fix for a figure that may have a thousands separator: as one
/// figure, or as several, whichever the row's length allows.
fn comma_hint(written: &str, sep: Separator, one: bool, several: bool) -> String {
    let groups = digits_of(written);
    let joined = groups.concat();
    let split = format!("[{}]", groups.join(", "));
    let n = groups.len();
    let name = sep.name();
    match (one, several) {
        (true, false) => format!("这一行按一个数才是应有的个数：请写成 {joined}（数字中不加分节号）。"),
        (false, true) => format!("这一行按 {n} 个数才是应有的个数：请把{name}改为英文逗号“,”：{split}。"),
        _ => format!(
            "如果是一个数，请写成 {joined}（数字中不加分节号）；如果是 {n} 个数，请把{name}改为英文逗号“,”：{split}。"
        ),
    }
}
