//! Label matching: a printed row or column label against the official one,
//! tolerant of numbering, punctuation, short forms and known misprints.

use super::super::text::squash;

/// A label's key for matching: squashed, leading numbering and punctuation removed.
pub(super) fn key(s: &str) -> String {
    let s = squash(s);
    let s = strip_number(&s);
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '“' | '”'
                    | '"'
                    | '\''
                    | '‘'
                    | '’'
                    | '「'
                    | '」'
                    | '、'
                    | '，'
                    | '。'
                    | '.'
                    | '：'
                    | '；'
                    | '·'
                    | '*'
                    | '＊'
            )
        })
        .collect()
}

/// The text without its leading “（一）”, “一、”, “1.” numbering.
pub(super) fn strip_number(s: &str) -> &str {
    let chinese = |c: char| "一二三四五六七八九十".contains(c);
    if let Some(rest) = s.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            if !rest[..end].is_empty() && rest[..end].chars().all(chinese) {
                return &rest[end + '）'.len_utf8()..];
            }
        }
    }
    let n = s.chars().take_while(|c| chinese(*c)).count();
    if n > 0 {
        let after: String = s.chars().skip(n).take(1).collect();
        if after == "、" {
            return &s[s.char_indices().nth(n).map_or(s.len(), |(i, _)| i) + '、'.len_utf8()..];
        }
    }
    if let Some(rest) = s.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            if (1..3).contains(&end) && rest[..end].chars().all(|c| c.is_ascii_digit()) {
                return &rest[end + '）'.len_utf8()..];
            }
        }
    }
    let d = s.chars().take_while(char::is_ascii_digit).count();
    if d > 0 && d < 3 {
        let rest = &s[d..];
        for sep in ['.', '、', '．'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
        return rest;
    }
    s
}

/// The key up to its first parenthesis: “部分公开（区分处理的…）” → “部分公开”.
pub(super) fn short(k: &str) -> &str {
    k.split('（').next().unwrap_or(k)
}

/// Whether printed cell text stands for an official label.
pub(super) fn matches_label(cell: &str, label: &str) -> bool {
    let (c, l) = (key(cell), key(label));
    if c.is_empty() {
        return false;
    }
    if c == l {
        return true;
    }
    // A label printed without its parenthetical note, or with a short form
    // (规范性文件 for 行政规范性文件).
    let (cs, ls) = (short(&c), short(&l));
    (cs == ls && cs.chars().count() >= 2 && l.contains('（'))
        || (l.ends_with(&c) && c.chars().count() >= 5)
}

/// Column labels printed differently in real reports (本年度止件数 for 本年废止件数).
pub(super) fn matches_column(cell: &str, label: &str) -> bool {
    if matches_label(cell, label) {
        return true;
    }
    let c = key(cell);
    match label {
        "本年废止件数" => c.contains("废止") || c == "本年度止件数",
        "本年制发件数" => c.contains("制发"),
        "现行有效件数" => c.contains("现行有效"),
        _ => false,
    }
}

/// Whether a printed label that matches no official one is a misprint of
/// `official`, the label expected at its place: the same number (“2.”,
/// “（三）”) and at least three fifths of the official words in order (the
/// longest common subsequence of the keys), not a fragment of it.
pub(super) fn misprint_of(printed: &str, official: &str) -> bool {
    let number = |s: &str| -> String {
        let s = squash(s);
        let rest = strip_number(&s).len();
        s[..s.len() - rest]
            .chars()
            .filter(|c| !matches!(c, '.' | '．' | '、' | '（' | '）' | '(' | ')'))
            .collect()
    };
    if number(printed) != number(official) {
        return false;
    }
    let (p, o): (Vec<char>, Vec<char>) = (
        key(printed).chars().collect(),
        key(official).chars().collect(),
    );
    if p.is_empty() || p.len() * 2 < o.len() {
        return false;
    }
    // Longest common subsequence, one row at a time.
    let mut row = vec![0usize; o.len() + 1];
    for &a in &p {
        let mut diagonal = 0;
        for (j, &b) in o.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if a == b {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = up;
        }
    }
    let common = row[o.len()];
    common * 5 >= p.len().max(o.len()) * 3
}

#[cfg(test)]
mod misprint_tests {
    use super::misprint_of;

    #[test]
    fn a_label_with_words_dropped_is_its_row_and_nothing_looser_is() {
        assert!(misprint_of(
            "2.其他法律行政止公开",
            "2.其他法律行政法规禁止公开"
        ));
        assert!(misprint_of("（四）无法提供", "（四）无法提供"));
        // Another number, another row's words, a fragment: not a misprint.
        assert!(!misprint_of(
            "3.其他法律行政止公开",
            "2.其他法律行政法规禁止公开"
        ));
        assert!(!misprint_of(
            "2.危及三安全一稳定",
            "2.其他法律行政法规禁止公开"
        ));
        assert!(!misprint_of("2.其他", "2.其他法律行政法规禁止公开"));
        // Section titles: numbered “三、”, a word dropped.
        assert!(misprint_of(
            "三、收到和处理政府信息公开申情况",
            "三、收到和处理政府信息公开申请情况"
        ));
        assert!(!misprint_of(
            "四、收到和处理政府信息公开申请情况",
            "三、收到和处理政府信息公开申请情况"
        ));
    }
}
