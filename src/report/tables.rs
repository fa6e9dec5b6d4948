//! The three tables read from YAML, driven by [`crate::format`]: every key
//! and column comes from there, so a row is added or renamed in one place.
//! Counts are parsed from the raw scalar so that each mistake gets its own
//! Chinese message; the fee is kept exactly as written.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::prose::{pos, RawProse};
use super::{ACells, Fee, Pos, TableA, TableB, TableC, Val};
use crate::diagnostic::{suggest, Severity};
use crate::format::{
    AKind, BPlace, Column, A_DOCUMENT_COLUMNS, B_COLUMNS, B_ITEM_GROUPS, B_TOTAL_COLUMN,
    B_TOTAL_ROW, C_COLUMNS, C_GROUPS, C_TOTAL_COLUMN, TABLE_A, TABLE_B,
};

// ------------------------------------------------------------ numbers

/// A count as written: a non-negative integer, or why it is not one; and
/// the text as written.
struct Count(Result<u64, String>, String, Quoted);

/// Whether a count was written in quotes ("12"): the schema refuses it, so
/// the loader does too.
#[derive(Clone, Copy, Default)]
struct Quoted(bool);

/// A count with its position, and whether it was quoted.
fn written(c: Spanned<Count>) -> (Count, Pos) {
    let at = pos(&c);
    let quoted = super::hazards::quoted(&c.referenced);
    let Count(v, raw, _) = c.value;
    (Count(v, raw, Quoted(quoted)), at)
}

/// A fee as written, or why it is not one.
struct FeeText(Result<String, String>);

// Problems with single values are collected, not raised, so that one run
// reports all of them; `load_str` drains the list.
thread_local! {
    static DEFERRED: std::cell::RefCell<Vec<Deferred>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A problem found while reading a value, to be reported with the rest.
pub(super) struct Deferred {
    pub severity: Severity,
    pub code: &'static str,
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

fn defer(code: &'static str, pos: Pos, message: String, hint: Option<String>) {
    push_deferred(Severity::Error, code, pos, message, hint);
}

/// A warning found while reading: the value was read, and how is explained.
fn warn(code: &'static str, pos: Pos, message: String, hint: Option<String>) {
    push_deferred(Severity::Warning, code, pos, message, hint);
}

fn push_deferred(
    severity: Severity,
    code: &'static str,
    pos: Pos,
    message: String,
    hint: Option<String>,
) {
    DEFERRED.with(|d| {
        d.borrow_mut().push(Deferred {
            severity,
            code,
            pos,
            message,
            hint,
        })
    });
}

/// Take the problems collected since the last call.
pub(super) fn take_deferred() -> Vec<Deferred> {
    DEFERRED.with(|d| std::mem::take(&mut *d.borrow_mut()))
}

/// The value of a written count; a bad one is reported (R5) and counts as 0.
fn count_cell(c: &Count, at: Pos, row: &str, column: Option<&str>) -> Val<u64> {
    match &c.0 {
        Ok(n) if c.2 .0 => {
            let place = match column {
                Some(col) => format!("{row}·{col}"),
                None => row.to_string(),
            };
            defer(
                "E-TYPE",
                at,
                format!("{place}：件数“{}”加了引号，会被当作文字而不是数字。", c.1),
                Some("请去掉引号，直接写数字。".into()),
            );
            Val::at(*n, at)
        }
        Ok(n) => Val::at(*n, at),
        Err(why) => {
            let place = match column {
                Some(col) => format!("{row}·{col}"),
                None => row.to_string(),
            };
            defer(
                "R5",
                at,
                format!("{place}：{why}"),
                Some("件数只能填写 0 或正整数。".into()),
            );
            Val::at(0, at)
        }
    }
}

/// Parse a count, explaining in Chinese what is wrong with it.
fn parse_count(raw: &str) -> Result<u64, String> {
    let s = raw.trim();
    if s.is_empty() || s == "~" || s == "null" {
        return Err("此处应填写件数（非负整数），没有的填 0。".into());
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse::<u64>().map_err(|_| format!("数字“{s}”过大。"));
    }
    if let Some(rest) = s.strip_prefix('-') {
        if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(format!("件数不能为负数：“{s}”。"));
        }
    }
    if s.contains(['.', '。'])
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '。')
    {
        return Err(format!("件数须为整数：“{s}”。"));
    }
    if s.contains([',', '，']) {
        return Err(format!(
            "“{s}”含有逗号：件数请直接写数字，不要加千分位逗号。"
        ));
    }
    if s.chars().all(|c| ('０'..='９').contains(&c)) {
        return Err(format!("“{s}”是全角数字：请改用半角数字。"));
    }
    Err(format!("“{s}”不是数字：此处应填写件数（非负整数）。"))
}

/// “3，0，0，0，0，0” in a list: the numbers of a row separated by Chinese
/// commas, read by YAML as one value. Each part with its own position.
fn split_fullwidth_commas(raw: &str, at: Pos) -> Option<Vec<(Count, Pos)>> {
    let lead = raw.chars().count() - raw.trim_start().chars().count();
    let raw = raw.trim();
    if !raw.contains('，') {
        return None;
    }
    let parts: Vec<&str> = raw.split('，').collect();
    if !parts
        .iter()
        .all(|p| !p.trim().is_empty() && p.trim().chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let mut out = Vec::new();
    let mut offset = lead;
    for p in parts {
        let pad = p.chars().count() - p.trim_start().chars().count();
        let column = at.column + (offset + pad) as u32;
        out.push((
            Count(parse_count(p), p.trim().to_string(), Quoted(false)),
            Pos { column, ..at },
        ));
        offset += p.chars().count() + 1;
    }
    Some(out)
}

/// Parse a fee in 万元: a non-negative decimal kept as written.
fn parse_fee(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    let mut parts = s.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let frac = parts.next();
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if digits(whole) && frac.is_none_or(digits) {
        return Ok(s.to_string());
    }
    if s.starts_with('-') {
        return Err(format!("收费金额不能为负数：“{s}”。"));
    }
    if s.contains([',', '，']) {
        return Err(format!(
            "“{s}”含有逗号：金额的小数点请用半角“.”，不要加千分位逗号。"
        ));
    }
    Err(format!(
        "“{s}”不是金额：此处应填写以万元为单位的数字，如 0 或 12.5。"
    ))
}

struct RawText;
impl<'de> Visitor<'de> for RawText {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("一个数字")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = d.deserialize_string(RawText)?;
        Ok(Count(parse_count(&raw), raw, Quoted(false)))
    }
}

impl<'de> Deserialize<'de> for FeeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(FeeText(parse_fee(&d.deserialize_string(RawText)?)))
    }
}

// ------------------------------------------------------------ rows of counts

/// A row of counts, given as a list `[a, b, …]` or a mapping by column key.
/// The last column (总计) may be left out when `total_optional`.
struct CountsSeed {
    /// The official label of the row (or group), for messages.
    row: &'static str,
    columns: &'static [Column],
    total_optional: bool,
}

type Cells = Vec<Option<Val<u64>>>;

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
        loop {
            let c = match queue.pop() {
                Some(c) => c,
                None => match seq.next_element::<Spanned<Count>>()? {
                    Some(c) => match split_fullwidth_commas(&c.value.1, pos(&c)) {
                        Some(mut parts) => {
                            warn(
                                "W-COMMA",
                                pos(&c),
                                format!(
                                    "{}：数字之间用了中文逗号“，”，已按英文逗号“,”分开读作 {} 个数。",
                                    self.row,
                                    parts.len()
                                ),
                                Some(format!(
                                    "请把“，”改为英文逗号“,”：[{}]。",
                                    c.value.1.trim().replace('，', ", ")
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

/// The value of a written fee; a bad one is reported (R5) and counts as 0.
fn fee_cell(f: &Spanned<FeeText>, row: &str) -> Val<Fee> {
    let at = pos(f);
    match &f.value.0 {
        Ok(text) => Val::at(Fee(text.clone()), at),
        Err(why) => {
            defer(
                "R5",
                at,
                format!("{row}：{why}"),
                Some("收费金额以万元为单位，没有的填 0。".into()),
            );
            Val::at(Fee("0".into()), at)
        }
    }
}

/// Report a key that the format does not know, with a suggestion; the
/// caller skips its value.
fn unknown_key<'a>(key: &Spanned<String>, known: impl Iterator<Item = (&'a str, &'a str)>) {
    let at = pos(key);
    let key = key.value.as_str();
    if key.contains('\u{3000}') {
        defer(
            "E-KEY",
            at,
            crate::diagnostic::full_width_indent(key),
            Some(
                "YAML 的缩进只能用半角空格：请把全角空格“　”换成两个半角空格（与同一层的键对齐）。"
                    .into(),
            ),
        );
        return;
    }
    let known: Vec<(&str, &str)> = known.collect();
    let list = known
        .iter()
        .map(|(k, l)| format!("{k}（{l}）"))
        .collect::<Vec<_>>()
        .join("、");
    let (message, hint) = match suggest(key, known.iter().map(|(k, _)| *k)) {
        Some(best) => {
            let label = known
                .iter()
                .find(|(k, _)| *k == best)
                .map(|(_, l)| *l)
                .unwrap_or_default();
            (
                format!("未知的键“{key}”。是不是要写“{best}”（{label}）？"),
                format!("这里可以填写的键有：{list}。"),
            )
        }
        None => (
            format!("未知的键“{key}”。"),
            format!("这里可以填写的键有：{list}。"),
        ),
    };
    defer("E-KEY", at, message, Some(hint));
}

/// Fill a row: written cells keep their values, omitted 总计 is the sum.
fn complete(cells: Cells, total: usize) -> Vec<Val<u64>> {
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

fn zero_row(n: usize) -> Cells {
    vec![Some(Val::computed(0)); n]
}

// ------------------------------------------------------------ Table A

#[derive(Default)]
pub(super) struct RawTableA {
    rows: Vec<Option<RawA>>,
    pub(super) note: Option<Spanned<RawProse>>,
}

enum RawA {
    Documents(Cells),
    Count(Val<u64>),
    Fee(Val<Fee>),
}

impl RawTableA {
    pub(super) fn to_table(&self) -> TableA {
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
                        AKind::Count if super::hazards::list_follows(&key.referenced) => {
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

// ------------------------------------------------------------ Table B

#[derive(Default)]
pub(super) struct RawTableB {
    rows: Vec<Option<Cells>>,
    pos: Option<Pos>,
    pub(super) note: Option<Spanned<RawProse>>,
}

impl RawTableB {
    pub(super) fn to_table(&self) -> TableB {
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
        let total = TABLE_B
            .iter()
            .position(|r| r.key == B_TOTAL_ROW)
            .unwrap_or_default();
        if self.rows.get(total).is_none_or(Option::is_none) {
            for col in 0..7 {
                let sum = TABLE_B
                    .iter()
                    .zip(&rows)
                    .filter(|(r, _)| r.is_leaf_result())
                    .map(|(_, cells)| cells[col].value)
                    .fold(0u64, u64::saturating_add);
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

// ------------------------------------------------------------ Table C

#[derive(Default)]
pub(super) struct RawTableC {
    groups: [Option<Cells>; 3],
    pub(super) note: Option<Spanned<RawProse>>,
}

impl RawTableC {
    pub(super) fn to_table(&self) -> TableC {
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
