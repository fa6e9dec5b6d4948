//! Single values as written: counts parsed from the raw scalar so that each
//! mistake gets its own Chinese message, and the fee kept exactly as written.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::deferred::defer;
use crate::report::prose::pos;
use crate::report::{Fee, Pos, Val};

// ------------------------------------------------------------ numbers

/// A count as written: a non-negative integer, or why it is not one; and
/// the text as written.
pub(super) struct Count(
    pub(super) Result<u64, String>,
    pub(super) String,
    pub(super) Quoted,
);

/// Whether a count was written in quotes ("12"): the schema refuses it, so
/// the loader does too.
#[derive(Clone, Copy, Default)]
pub(super) struct Quoted(pub(super) bool);

/// A count with its position, and whether it was quoted.
pub(super) fn written(c: Spanned<Count>) -> (Count, Pos) {
    let at = pos(&c);
    let quoted = crate::report::hazards::quoted(&c.referenced);
    let Count(v, raw, _) = c.value;
    (Count(v, raw, Quoted(quoted)), at)
}

/// A fee as written, or why it is not one.
pub(super) struct FeeText(Result<String, String>);

/// The value of a written count; a bad one is reported (R5) and counts as 0.
pub(super) fn count_cell(c: &Count, at: Pos, row: &str, column: Option<&str>) -> Val<u64> {
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
    // “3，repealed”: in `{issued: 3，repealed: 1}` the Chinese comma joined
    // a figure to the next key; the map's own message says how to fix it.
    if let Some((_, after)) = s.split_once('，') {
        if after
            .trim_start()
            .starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return Err(format!(
                "“{s}”：数字后面用了中文逗号“，”，把下一项的键也连在了这个数里。"
            ));
        }
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

/// How the numbers of a row were separated when YAML read them as one
/// value: “3，0，0” (Chinese commas), “3、0、0”, “3；0”, “3 0 0”.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Separator {
    FullWidthComma,
    Enumeration,
    Semicolon,
    Space,
}

impl Separator {
    /// The separator as named to a clerk.
    pub(super) fn name(self) -> &'static str {
        match self {
            Separator::FullWidthComma => "中文逗号“，”",
            Separator::Enumeration => "顿号“、”",
            Separator::Semicolon => "分号“；”",
            Separator::Space => "空格",
        }
    }
    /// Whether a thousands separator is written this way (“3，892”,
    /// “3 892”), so that the parts may be one figure.
    pub(super) fn may_group(self) -> bool {
        matches!(self, Separator::FullWidthComma | Separator::Space)
    }
}

/// The numbers of a row separated by something other than English commas,
/// read by YAML as one value: each part with its own position, and the
/// separator. None unless it is digits parted by one kind of separator.
pub(super) fn split_numbers(raw: &str, at: Pos) -> Option<(Vec<(Count, Pos)>, Separator)> {
    let space = |c: char| c == ' ' || c == '\u{3000}';
    let chars: Vec<char> = raw.chars().collect();
    let mut parts: Vec<(usize, String)> = Vec::new();
    let mut gaps: Vec<String> = Vec::new();
    let mut i = chars.iter().take_while(|c| space(**c)).count();
    while i < chars.len() {
        let start = i;
        let digits: String = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.is_empty() {
            return None;
        }
        i += digits.chars().count();
        parts.push((start, digits));
        let gap: String = chars[i..]
            .iter()
            .take_while(|c| !c.is_ascii_digit())
            .collect();
        i += gap.chars().count();
        if i < chars.len() {
            gaps.push(gap);
        } else if !gap.chars().all(space) {
            return None;
        }
    }
    let kinds: Vec<Separator> = gaps
        .iter()
        .map(|g| match g.trim_matches(space) {
            "" => Some(Separator::Space),
            "，" => Some(Separator::FullWidthComma),
            "、" => Some(Separator::Enumeration),
            "；" => Some(Separator::Semicolon),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let separator = *kinds.first()?;
    if kinds.iter().any(|k| *k != separator) {
        return None;
    }
    let out = parts
        .into_iter()
        .map(|(i, digits)| {
            (
                Count(parse_count(&digits), digits, Quoted(false)),
                Pos {
                    column: at.column + i as u32,
                    ..at
                },
            )
        })
        .collect();
    Some((out, separator))
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
    // “3，repealed”: in `{issued: 3，repealed: 1}` the Chinese comma joined
    // a figure to the next key; the map's own message says how to fix it.
    if let Some((_, after)) = s.split_once('，') {
        if after
            .trim_start()
            .starts_with(|c: char| c.is_ascii_alphabetic())
        {
            return Err(format!(
                "“{s}”：数字后面用了中文逗号“，”，把下一项的键也连在了这个数里。"
            ));
        }
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

/// The value of a written fee; a bad one is reported (R5) and counts as 0.
pub(super) fn fee_cell(f: &Spanned<FeeText>, row: &str) -> Val<Fee> {
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
