//! Table C (四、行政复议、行政诉讼情况) read from YAML: three groups of
//! counts from [`crate::format::C_GROUPS`].

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::counts::{complete, zero_row, Cells, CountsSeed};
use super::deferred::unknown_key;
use crate::format::document::{NOTE_KEY, NOTE_LABEL};
use crate::format::{C_COLUMNS, C_GROUPS, C_TOTAL_COLUMN};
use crate::report::prose::RawProse;
use crate::report::{TableC, Val};

// ------------------------------------------------------------ Table C

#[derive(Default)]
pub(in crate::report) struct RawTableC {
    groups: [Option<Cells>; 3],
    pub(in crate::report) note: Option<Spanned<RawProse>>,
}

impl RawTableC {
    pub(in crate::report) fn to_table(&self) -> TableC {
        let groups = std::array::from_fn(|g| {
            let cells = self.groups[g].clone().unwrap_or_else(|| zero_row(5));
            let mut it = complete(cells, C_TOTAL_COLUMN).into_iter();
            std::array::from_fn(|_| it.next().unwrap_or(Val::computed(0)))
        });
        TableC { groups }
    }
}

impl<'de> Deserialize<'de> for RawTableC {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTableC;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("行政复议、行政诉讼情况（review、direct_suit、suit_after_review）")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawTableC, A::Error> {
                let mut t = RawTableC::default();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.value == NOTE_KEY {
                        t.note = Some(map.next_value()?);
                    } else if let Some(g) = C_GROUPS.iter().position(|g| g.key == key.value) {
                        t.groups[g] = Some(map.next_value_seed(CountsSeed {
                            row: C_GROUPS[g].label,
                            columns: &C_COLUMNS,
                            total_optional: true,
                        })?);
                    } else {
                        let known = C_GROUPS
                            .iter()
                            .map(|g| (g.key, g.label))
                            .chain([(NOTE_KEY, NOTE_LABEL)]);
                        unknown_key(&key, known);
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(t)
            }
        }
        d.deserialize_map(V)
    }
}
