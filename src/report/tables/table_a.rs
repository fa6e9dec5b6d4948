//! Table A (二、主动公开政府信息情况) read from YAML, row keys from
//! [`crate::format::TABLE_A`]; the 2019 format's rows are named as such.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::cells::{count_cell, fee_cell, written, Count, FeeText};
use super::counts::{complete, zero_row, Cells, CountsSeed};
use super::deferred::{defer, unknown_key};
use crate::format::{AKind, A_DOCUMENT_COLUMNS, TABLE_A};
use crate::report::prose::{pos, RawProse};
use crate::report::{ACells, Fee, TableA, Val};

#[derive(Default)]
pub(in crate::report) struct RawTableA {
    rows: Vec<Option<RawA>>,
    pub(in crate::report) note: Option<Spanned<RawProse>>,
}

enum RawA {
    Documents(Cells),
    Count(Val<u64>),
    Fee(Val<Fee>),
}

impl RawTableA {
    pub(in crate::report) fn to_table(&self) -> TableA {
        let rows = TABLE_A
            .iter()
            .flat_map(|b| b.rows.iter())
            .enumerate()
            .map(
                |(i, row)| match (row.kind, self.rows.get(i).and_then(Option::as_ref)) {
                    (_, Some(RawA::Documents(c))) => ACells::Documents(three(c)),
                    (_, Some(RawA::Count(v))) => ACells::Count(v.clone()),
                    (_, Some(RawA::Fee(v))) => ACells::Fee(v.clone()),
                    (AKind::Documents, None) => ACells::Documents(three(&zero_row(3))),
                    (AKind::Count, None) => ACells::Count(Val::computed(0)),
                    (AKind::Fee, None) => ACells::Fee(Val::computed(Fee("0".into()))),
                },
            )
            .collect();
        TableA { rows }
    }
}

fn three(c: &Cells) -> [Val<u64>; 3] {
    let v = complete(c.clone(), usize::MAX);
    [v[0].clone(), v[1].clone(), v[2].clone()]
}

impl<'de> Deserialize<'de> for RawTableA {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTableA;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("主动公开情况（规章、行政规范性文件等）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTableA, A::Error> {
                let all: Vec<_> = TABLE_A.iter().flat_map(|b| b.rows.iter()).collect();
                let mut t = RawTableA {
                    rows: (0..all.len()).map(|_| None).collect(),
                    note: None,
                };
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.value == NOTE_KEY {
                        t.note = Some(map.next_value()?);
                        continue;
                    }
                    if PROCUREMENT_2019.contains(&key.value.as_str()) {
                        defer(
                            "E-2019",
                            pos(&key),
                            "“政府集中采购”是2019年格式表二的栏目，2021年格式已没有这一项。".into(),
                            Some("2021年格式的表二只有规章、行政规范性文件、行政许可、行政处罚、行政强制和行政事业性收费；请删去这一行。".into()),
                        );
                        map.next_value::<de::IgnoredAny>()?;
                        continue;
                    }
                    let Some(i) = all.iter().position(|r| r.key == key.value) else {
                        let known = all
                            .iter()
                            .map(|r| (r.key, r.label))
                            .chain([(NOTE_KEY, NOTE_LABEL)]);
                        unknown_key(&key, known);
                        map.next_value::<de::IgnoredAny>()?;
                        continue;
                    };
                    let row = all[i].label;
                    t.rows[i] = Some(match all[i].kind {
                        AKind::Documents => RawA::Documents(map.next_value_seed(CountsSeed {
                            row,
                            columns: &A_DOCUMENT_COLUMNS,
                            total_optional: false,
                        })?),
                        AKind::Count if crate::report::hazards::list_follows(&key.referenced) => {
                            // 2019 format: 上一年项目数量, 本年增/减, 处理决定数量.
                            defer(
                                "E-2019",
                                pos(&key),
                                format!("{row}写成了一行几个数，这是2019年格式的表二（上一年项目数量、本年增/减、处理决定数量）。2021年格式只填一个数：本年处理决定数量。"),
                                Some(format!("请只写本年处理决定数量，如“{}: 12”。", key.value)),
                            );
                            map.next_value::<de::IgnoredAny>()?;
                            continue;
                        }
                        AKind::Count => {
                            let (c, at) = written(map.next_value::<Spanned<Count>>()?);
                            RawA::Count(count_cell(&c, at, row, None))
                        }
                        AKind::Fee => {
                            let f = map.next_value::<Spanned<FeeText>>()?;
                            RawA::Fee(fee_cell(&f, row))
                        }
                    });
                }
                Ok(t)
            }
        }
        d.deserialize_map(V)
    }
}

use crate::format::document::{NOTE_KEY, NOTE_LABEL};

/// Keys a 2019-format Table A would use for 政府集中采购 (第二十条第（九）项).
const PROCUREMENT_2019: [&str; 4] = [
    "procurement",
    "government_procurement",
    "centralized_procurement",
    "purchasing",
];
