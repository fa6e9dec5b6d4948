//! Word's automatic numbering (`word/numbering.xml`).

use std::collections::HashMap;

use super::{attr, is};

/// One level of a Word list: its number format and text (“%1、”, “（%1）”).
#[derive(Debug, Clone, Default)]
pub(super) struct Level {
    pub(super) format: String,
    pub(super) text: String,
    pub(super) start: u32,
}

/// Word's automatic numbering (`word/numbering.xml`): the number a list
/// paragraph shows is not in its text, so headings like “一、总体情况” typed
/// as a numbered list are rebuilt from here.
#[derive(Debug, Clone, Default)]
pub(super) struct Numbering {
    /// numId → levels (of its abstractNum).
    pub(super) lists: HashMap<String, Vec<Level>>,
}

impl Numbering {
    pub(super) fn read(tree: &roxmltree::Document) -> Numbering {
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        for a in tree.descendants().filter(|n| is(*n, "abstractNum")) {
            let Some(id) = attr(a, "abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for lvl in a.children().filter(|n| is(*n, "lvl")) {
                let Some(i) = attr(lvl, "ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                let child = |name: &str| {
                    lvl.children()
                        .find(|n| is(*n, name))
                        .and_then(|n| attr(n, "val"))
                        .map(str::to_string)
                };
                if let Some(level) = levels.get_mut(i) {
                    *level = Level {
                        format: child("numFmt").unwrap_or_default(),
                        text: child("lvlText").unwrap_or_default(),
                        start: child("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
            }
            abstracts.insert(id.to_string(), levels);
        }
        let mut lists = HashMap::new();
        for num in tree.descendants().filter(|n| is(*n, "num")) {
            let abstract_id = num
                .children()
                .find(|n| is(*n, "abstractNumId"))
                .and_then(|n| attr(n, "val"));
            if let (Some(id), Some(levels)) = (
                attr(num, "numId"),
                abstract_id.and_then(|a| abstracts.get(a)),
            ) {
                lists.insert(id.to_string(), levels.clone());
            }
        }
        Numbering { lists }
    }
}

/// A number in a Word list format: 一、二… for the Chinese counting formats.
pub(super) fn format_number(n: u32, format: &str) -> String {
    if format.starts_with("chinese")
        || format.starts_with("ideograph")
        || format == "japaneseCounting"
    {
        const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        let n = n as usize;
        return match n {
            0..=9 => DIGITS[n].to_string(),
            10 => "十".into(),
            11..=19 => format!("十{}", DIGITS[n - 10]),
            20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
            20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
            _ => n.to_string(),
        };
    }
    n.to_string()
}
