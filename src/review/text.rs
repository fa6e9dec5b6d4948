//! The copy measure (雷同): how much of this year's prose repeats last
//! year's once the boilerplate is taken out. Text is reduced to its Hanzi
//! and letters after dropping statutory sentences, stock phrases and official
//! labels; years and figures drop out with the digits. A character counts as
//! repeated when it lies in a run of [`SHINGLE`] characters that also occurs
//! in last year's reduced text; a section's share is repeated characters over
//! all its characters (see docs/review.md for the thresholds and figures).

use std::collections::HashSet;

/// Characters in a run that counts as repeated: eight Hanzi make a phrase
/// that two authors rarely write alike by chance.
pub const SHINGLE: usize = 8;

/// Sentences with any of these are statutory or formal (the lead, the fee
/// sentence of 六, contact lines) and are never copied text.
const STATUTORY: &[&str] = &[
    "政府信息公开条例",
    "国办公开办函",
    "年度报告格式",
    "统计期限",
    "本报告由",
    "本报告根据",
    "信息处理费",
    "无其他需要报告",
    "没有其他需要报告",
    "联系电话",
    "联系地址",
    "邮政编码",
    "电子邮箱",
    "网址",
];

/// Political and administrative stock phrases that every report carries.
const STOCK: &[&str] = &[
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "以习近平新时代中国特色社会主义思想为指导",
    "全面贯彻落实党的二十大和二十届二中三中全会精神",
    "全面贯彻党的二十大精神",
    "深入贯彻落实党的二十大精神",
    "认真贯彻落实党中央国务院决策部署",
    "中华人民共和国政府信息公开条例",
    "政府信息公开工作年度报告",
    "以公开促落实促规范促服务",
    "以公开促落实强监管促发展",
];

/// Reduce prose to what the measure compares: boilerplate sentences out,
/// stock phrases and official labels out, then only Hanzi and letters.
pub fn reduce(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for sentence in text.split_inclusive(['。', '；', '！', '？', '\n']) {
        if STATUTORY.iter().any(|s| sentence.contains(s)) {
            continue;
        }
        let mut s = sentence.to_string();
        for phrase in STOCK.iter().chain(labels().iter()) {
            if s.contains(phrase) {
                s = s.replace(phrase, "");
            }
        }
        out.extend(s.chars().filter(|c| is_word(*c)));
    }
    out
}

/// Official labels of the format long enough to be a phrase of their own.
fn labels() -> &'static [&'static str] {
    static LABELS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        let mut v: Vec<&'static str> = crate::format::labels_in_print_order()
            .into_iter()
            .chain(crate::format::SECTIONS.iter().map(|s| s.heading))
            .filter(|l| l.chars().count() >= 6)
            .collect();
        // Longest first, so a label inside another does not cut it up.
        v.sort_by_key(|l| std::cmp::Reverse(l.len()));
        v.dedup();
        v
    })
}

/// Hanzi and letters: digits (years, figures), punctuation and spaces are
/// not compared.
fn is_word(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii_digit()
}

/// A run of [`SHINGLE`] characters.
pub type Shingle = [char; SHINGLE];

/// Every run of [`SHINGLE`] characters of the reduced texts.
pub fn shingles<'a>(texts: impl IntoIterator<Item = &'a [char]>) -> HashSet<Shingle> {
    let mut set = HashSet::new();
    for t in texts {
        for w in t.windows(SHINGLE) {
            if let Ok(s) = Shingle::try_from(w) {
                set.insert(s);
            }
        }
    }
    set
}

/// Characters of `text` inside a run found in `last`, and all characters.
pub fn covered(text: &[char], last: &HashSet<Shingle>) -> (usize, usize) {
    let mut marked = vec![false; text.len()];
    for (i, w) in text.windows(SHINGLE).enumerate() {
        if Shingle::try_from(w).is_ok_and(|s| last.contains(&s)) {
            for m in &mut marked[i..i + SHINGLE] {
                *m = true;
            }
        }
    }
    (marked.iter().filter(|m| **m).count(), text.len())
}

/// Repeated share as a fraction (0 for no text).
pub fn share((covered, total): (usize, usize)) -> f64 {
    if total == 0 {
        0.0
    } else {
        covered as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_figures_and_boilerplate_are_not_compared() {
        let a = reduce("2024年，共公开信息14645条。本年度未收取信息处理费。");
        let b = reduce("2025年，共公开信息9876条。2025年未收取信息处理费。");
        assert_eq!(a, b);
        assert_eq!(a.iter().collect::<String>(), "年共公开信息条");
        let text = reduce("一是拓展公开渠道，依托政府网站开通网上依申请公开功能。");
        let set = shingles([text.as_slice()]);
        assert_eq!(covered(&text, &set), (text.len(), text.len()));
        let other = reduce("一是拓展公开渠道，完善信箱和热线受理的方式方法。");
        let (c, t) = covered(&other, &set);
        // “一是拓展公开渠道” is eight characters: exactly one run repeats.
        assert_eq!((c, t), (8, other.len()));
    }
}
