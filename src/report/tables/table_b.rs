//! Table B (三、收到和处理政府信息公开申请情况) read from YAML: rows and
//! groups of numbered items from [`crate::format::TABLE_B`], the omitted
//! （七）总计 row computed.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::counts::{complete, zero_row, Cells, CountsSeed};
use super::deferred::{defer, unknown_key, warn};
use crate::format::document::{NOTE_KEY, NOTE_LABEL};
use crate::format::{BPlace, B_COLUMNS, B_ITEM_GROUPS, B_TOTAL_COLUMN, TABLE_B};
use crate::report::prose::{pos, RawProse};
use crate::report::{Pos, TableB, Val};

// ------------------------------------------------------------ Table B

#[derive(Default)]
pub(in crate::report) struct RawTableB {
    rows: Vec<Option<Cells>>,
    pos: Option<Pos>,
    pub(in crate::report) note: Option<Spanned<RawProse>>,
}

impl RawTableB {
    pub(in crate::report) fn to_table(&self) -> TableB {
        let mut rows: Vec<[Val<u64>; 7]> = TABLE_B
            .iter()
            .enumerate()
            .map(|(i, _)| {
                let cells = self
                    .rows
                    .get(i)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| zero_row(7));
                seven(complete(cells, B_TOTAL_COLUMN))
            })
            .collect();
        // （七）总计 left out: the sum of the 21 leaf rows, column by column.
        let total = crate::format::B_TOTAL;
        if self.rows.get(total).is_none_or(Option::is_none) {
            for col in 0..7 {
                let sum = crate::format::sum_of_leaves(&rows, |cells| cells[col].value);
                rows[total][col] = Val::computed(sum);
            }
        }
        TableB {
            rows,
            pos: self.pos,
        }
    }
}

fn seven(v: Vec<Val<u64>>) -> [Val<u64>; 7] {
    let mut it = v.into_iter();
    std::array::from_fn(|_| it.next().unwrap_or(Val::computed(0)))
}

/// The seed that reads Table B row `i`.
fn b_row(i: usize) -> CountsSeed {
    CountsSeed {
        row: TABLE_B[i].label,
        columns: &B_COLUMNS,
        total_optional: true,
    }
}

impl<'de> Deserialize<'de> for RawTableB {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTableB;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("收到和处理政府信息公开申请情况（received、carried_over 等行）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTableB, A::Error> {
                let mut t = RawTableB {
                    rows: vec![None; TABLE_B.len()],
                    pos: None,
                    note: None,
                };
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    t.pos = t.pos.or(Some(pos(&key)));
                    if key.value == NOTE_KEY {
                        t.note = Some(map.next_value()?);
                    } else if let Some(i) = TABLE_B
                        .iter()
                        .position(|r| !matches!(r.place, BPlace::Item(_)) && r.key == key.value)
                    {
                        t.rows[i] = Some(map.next_value_seed(b_row(i))?);
                    } else if let Some(g) = B_ITEM_GROUPS
                        .iter()
                        .find(|g| g.key == Some(key.value.as_str()))
                    {
                        map.next_value_seed(GroupSeed {
                            group: g.label,
                            rows: &mut t.rows,
                            at: pos(&key),
                        })?;
                    } else {
                        let top = TABLE_B
                            .iter()
                            .filter(|r| !matches!(r.place, BPlace::Item(_)))
                            .map(|r| (r.key, r.label));
                        let groups = B_ITEM_GROUPS
                            .iter()
                            .filter_map(|g| g.key.map(|k| (k, g.label)));
                        unknown_key(&key, top.chain(groups).chain([(NOTE_KEY, NOTE_LABEL)]));
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(t)
            }
        }
        d.deserialize_map(V)
    }
}

/// The numbered items of one group of Table B, e.g. `refused:`.
struct GroupSeed<'a> {
    group: &'static str,
    rows: &'a mut Vec<Option<Cells>>,
    /// Where the group's key is, for the 2019-format warning.
    at: Pos,
}

impl GroupSeed<'_> {
    fn members(&self) -> impl Iterator<Item = (usize, &'static crate::format::BRow)> + '_ {
        TABLE_B
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.place, BPlace::Item(g) if g.label == self.group))
    }
}

impl<'de> DeserializeSeed<'de> for GroupSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for GroupSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}的各项", self.group)
    }
    /// A group written as one row: the 2019 format's single （六）其他处理 row
    /// is read as 3.其他 (real 2021-format reports still print it); other
    /// groups are split into items in both formats.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let members: Vec<(usize, &'static crate::format::BRow)> = self.members().collect();
        let listed = members
            .iter()
            .map(|(_, r)| format!("{}（{}）", r.label, r.key))
            .collect::<Vec<_>>()
            .join("、");
        let group_key = B_ITEM_GROUPS
            .iter()
            .find(|g| g.label == self.group)
            .and_then(|g| g.key)
            .unwrap_or_default();
        let Some(&(i, other)) = members.last().filter(|_| group_key == "other_handling") else {
            defer(
                "E-TYPE",
                self.at,
                format!(
                    "{}分为 {} 项，不能写成一行：{listed}。",
                    self.group,
                    members.len()
                ),
                Some(format!(
                    "请按项填写，如“{group_key}: {{{}: [1, 0, 0, 0, 0, 0]}}”。",
                    members.first().map_or("", |(_, r)| r.key)
                )),
            );
            let mut seq = seq;
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            return Ok(());
        };
        let cells = b_row(i).visit_seq(seq)?;
        self.rows[i] = Some(cells);
        warn(
            "W-2019",
            self.at,
            format!("{}写成了一行（2019年格式的写法），已作为“{}”读取。2021年格式把（六）分为三项：{listed}。", self.group, other.label),
            Some(format!("请按项填写，如“{group_key}: {{{}: [1, 0, 0, 0, 0, 0]}}”；属于前两项的件数请填在 {} 或 {}。", other.key, members[0].1.key, members[1].1.key)),
        );
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let Some((i, _)) = self.members().find(|(_, r)| r.key == key.value) else {
                unknown_key(&key, self.members().map(|(_, r)| (r.key, r.label)));
                map.next_value::<de::IgnoredAny>()?;
                continue;
            };
            self.rows[i] = Some(map.next_value_seed(b_row(i))?);
        }
        Ok(())
    }
}
