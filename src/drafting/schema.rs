//! `gxreport schema`: a JSON Schema (draft-07) of the report YAML, for
//! editors (the VS Code YAML extension completes keys, shows the official
//! label on hover and flags wrong types while typing).
//!
//! The three tables are read by the format-driven visitors of `tables.rs`,
//! not by derived `Deserialize` impls, so a derive-based generator
//! (schemars) would see nothing of them. The schema is therefore built here
//! as `serde_json` values from [`crate::format`], the same data the loader
//! reads: a row added to the format appears in the loader, the skeleton and
//! the schema at once. Every schema is written inline (no `$ref`), because
//! draft-07 ignores keywords beside a `$ref`, and the title shown on hover
//! belongs to the property.

use serde_json::{json, Map, Value};

use crate::format::document::{NOTE_KEY, NOTE_LABEL};
use crate::format::{
    AKind, BPlace, Column, A_DOCUMENT_COLUMNS, B_APPLICANTS, B_COLUMNS, B_ITEM_GROUPS, B_RESULTS,
    B_TOTAL_COLUMN, C_COLUMNS, C_GROUPS, C_LITIGATION, C_TOTAL_COLUMN, DEFAULT_OTHER_MATTERS,
    SECTIONS, TABLE_A, TABLE_B,
};

/// The schema as a JSON value.
pub fn schema() -> Value {
    let mut properties = Map::new();
    properties.insert(
        "agency".into(),
        text(
            "机关名称",
            "发布报告的机关全称，如“某某市人民政府办公室”。必填。",
        ),
    );
    properties.insert(
        "year".into(),
        json!({
            "title": "报告年度",
            "description": "报告所统计的年度（公历年份），如 2025。必填。2021 年格式从 2021 年度的报告起使用。",
            "type": "integer",
            "minimum": 2021,
            "maximum": 2999
        }),
    );
    properties.insert(
        "title".into(),
        json!({
            "title": "标题各行",
            "description": "标题的各行，每行单独排印。可省略：默认为机关名称和“某年政府信息公开工作年度报告”两行。",
            "type": "array",
            "items": { "type": "string", "title": "标题的一行" }
        }),
    );
    properties.insert(
        "lead".into(),
        text(
            "导语",
            "标题后的导语段落。可省略：默认引用国令第711号、国办公开办函〔2021〕30号并写明统计期限。",
        ),
    );
    properties.insert(
        "overview".into(),
        prose(
            SECTIONS[0].heading,
            "必填。总述写在 text 中，各方面写在 items 中（自动编号（一）（二）……）。",
        ),
    );
    properties.insert("proactive".into(), table_a());
    properties.insert("requests".into(), table_b());
    properties.insert("appeals".into(), table_c());
    properties.insert(
        "problems".into(),
        prose(SECTIONS[4].heading, "写法同 overview。"),
    );
    properties.insert(
        "other_matters".into(),
        prose(
            SECTIONS[5].heading,
            &format!("须写明信息处理费的收取情况。可省略：默认为“{DEFAULT_OTHER_MATTERS}”"),
        ),
    );
    properties.insert(
        "closing".into(),
        text(
            "结尾段落",
            "第六部分之后的段落，如联系地址、邮编、电话、网址。可省略。",
        ),
    );
    properties.insert(
        "signature".into(),
        text("落款", "落款的机关名称，右对齐排在文末。可省略。"),
    );
    properties.insert(
        "date".into(),
        text(
            "成文日期",
            "如“2026年1月20日”，排在落款下方，也写入 PDF 的创建日期。可省略。",
        ),
    );
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "政府信息公开工作年度报告数据（gxreport）",
        "description": "一个机关一个年度的政府信息公开工作年度报告：表格按国办公开办函〔2021〕30号格式。由 gxreport schema 生成。",
        "type": "object",
        "required": crate::format::document::FIELDS
            .iter()
            .filter(|f| f.required)
            .map(|f| f.key)
            .collect::<Vec<_>>(),
        "additionalProperties": false,
        "properties": properties
    })
}

/// The schema as pretty-printed JSON text, ending in a newline.
pub fn schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

fn text(title: &str, description: &str) -> Value {
    json!({ "title": title, "description": description, "type": "string" })
}

/// Section prose: one string, or `text` plus run-in `items`.
fn prose(title: &str, description: &str) -> Value {
    json!({
        "title": title,
        "description": format!("{title}：一段文字（空一行分段），或含 text（总述）和 items（各方面）的内容。{description}"),
        "anyOf": [
            { "type": "string" },
            {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "text": text("总述", "各方面之前的段落；空一行分段，段内换行会自动接上。"),
                    "items": {
                        "title": "各方面",
                        "description": "自动编号（一）（二）……；小标题用楷体，与正文同一行。",
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["heading"],
                            "properties": {
                                "heading": text("小标题", "如“主动公开方面”；末尾没有标点时自动加“。”。"),
                                "text": text("正文", "小标题之后的文字；空一行分段。")
                            }
                        }
                    }
                }
            }
        ]
    })
}

fn note() -> Value {
    prose(NOTE_LABEL, "排在表格之后的说明文字。可省略。")
}

/// A count: 0 or a positive integer.
fn count(title: &str, description: &str) -> Value {
    json!({
        "title": title,
        "description": description,
        "type": "integer",
        "minimum": 0
    })
}

/// A fee in 万元: a non-negative number, or a numeric string (to keep
/// trailing zeros such as "96171.60").
fn fee(title: &str, description: &str) -> Value {
    json!({
        "title": title,
        "description": description,
        "anyOf": [
            { "type": "number", "minimum": 0 },
            { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*$" }
        ]
    })
}

/// A row of counts: a list (the last `optional` columns may be left out) or
/// a mapping by column key.
fn row(title: &str, context: &str, columns: &[Column], optional: usize) -> Value {
    let labels: Vec<&str> = columns.iter().map(|c| c.label).collect();
    let keys: Vec<String> = columns
        .iter()
        .map(|c| format!("{}（{}）", c.key, c.label))
        .collect();
    let total_note = if optional > 0 {
        format!(
            "，{}可以不写（由各项相加）",
            columns[columns.len() - 1].label
        )
    } else {
        String::new()
    };
    let description = format!(
        "{context}{title}：依次填写 {}{total_note}；也可以按列名写（未写的列为 0）：{}。",
        labels.join("、"),
        keys.join("、")
    );
    let items: Vec<Value> = columns
        .iter()
        .map(|c| count(c.label, &format!("{title}·{}", c.label)))
        .collect();
    let mut by_key = Map::new();
    for c in columns {
        by_key.insert(
            c.key.into(),
            count(c.label, &format!("{title}·{}", c.label)),
        );
    }
    json!({
        "title": title,
        "description": description,
        "anyOf": [
            {
                "type": "array",
                "items": items,
                "additionalItems": false,
                "minItems": columns.len() - optional,
                "maxItems": columns.len()
            },
            {
                "type": "object",
                "additionalProperties": false,
                "properties": by_key
            }
        ]
    })
}

fn table(title: &str, description: &str, properties: Map<String, Value>) -> Value {
    json!({
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": false,
        "properties": properties
    })
}

fn table_a() -> Value {
    let mut properties = Map::new();
    for band in &TABLE_A {
        for r in band.rows {
            let context = format!("表二·{}·", band.band);
            let header = band.headers.join("、");
            let schema = match r.kind {
                AKind::Documents => row(r.label, &context, &A_DOCUMENT_COLUMNS, 0),
                AKind::Count => count(
                    r.label,
                    &format!("{context}{}：{header}（0 或正整数）。", r.label),
                ),
                AKind::Fee => fee(
                    r.label,
                    &format!(
                        "{context}{}：{header}，非负的数字，按原样保留小数位（要保留末尾的 0 请加引号，如 \"12.50\"）。",
                        r.label
                    ),
                ),
            };
            properties.insert(r.key.into(), schema);
        }
    }
    properties.insert(NOTE_KEY.into(), note());
    table(
        SECTIONS[1].heading,
        "表二。可省略，未填的数为 0。",
        properties,
    )
}

fn table_b() -> Value {
    let columns = &B_COLUMNS[..];
    let b_row = |r: &crate::format::BRow, context: &str| row(r.label, context, columns, 1);
    let mut properties = Map::new();
    for r in TABLE_B.iter() {
        match r.place {
            BPlace::Top => {
                properties.insert(r.key.into(), b_row(r, "表三·"));
            }
            BPlace::Result => {
                let mut s = b_row(r, &format!("表三·{}·", B_RESULTS.label));
                if r.key == crate::format::B_TOTAL_ROW {
                    if let Some(d) = s.get_mut("description") {
                        *d = Value::from(format!(
                            "{} 不写则由（一）至（六）各行相加；写了则须与各行之和一致。",
                            d.as_str().unwrap_or_default()
                        ));
                    }
                }
                properties.insert(r.key.into(), s);
            }
            BPlace::Item(_) => {}
        }
    }
    for g in &B_ITEM_GROUPS {
        let Some(key) = g.key else { continue };
        let mut items = Map::new();
        for r in TABLE_B
            .iter()
            .filter(|r| matches!(r.place, BPlace::Item(h) if h.label == g.label))
        {
            items.insert(
                r.key.into(),
                b_row(r, &format!("表三·{}·{}·", B_RESULTS.label, g.label)),
            );
        }
        properties.insert(
            key.into(),
            table(
                g.label,
                &format!("{}的各项，每项一行数字；未写的项为 0。", g.label),
                items,
            ),
        );
    }
    properties.insert(NOTE_KEY.into(), note());
    table(
        SECTIONS[2].heading,
        &format!(
            "表三。每行为{B_APPLICANTS}：{}，总计可不写。可省略，未填的数为 0。",
            B_COLUMNS[..B_TOTAL_COLUMN]
                .iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
                .join("、")
        ),
        properties,
    )
}

fn table_c() -> Value {
    let mut properties = Map::new();
    for (i, g) in C_GROUPS.iter().enumerate() {
        let context = if i == 0 {
            "表四·".to_string()
        } else {
            format!("表四·{C_LITIGATION}·")
        };
        properties.insert(g.key.into(), row(g.label, &context, &C_COLUMNS, 1));
    }
    properties.insert(NOTE_KEY.into(), note());
    table(
        SECTIONS[3].heading,
        &format!(
            "表四。每组依次为 {}，{}可不写。可省略，未填的数为 0。",
            C_COLUMNS
                .iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
                .join("、"),
            C_COLUMNS[C_TOTAL_COLUMN].label
        ),
        properties,
    )
}
