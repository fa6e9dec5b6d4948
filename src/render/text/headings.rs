//! Headings: the number a clerk typed in front of an item heading (the
//! layout numbers items), and the automatic title broken at word boundaries.

/// A number a clerk typed in front of an item heading that the layout numbers
/// itself: “（二）”, “(二)”, “二、”, “2.”, “2、”, “２．”. Returns the number
/// and the heading without it, or None.
pub fn typed_number(heading: &str) -> Option<(&str, &str)> {
    let h = heading.trim_start();
    let numeral = |c: char| "一二三四五六七八九十〇零".contains(c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let end = if let Some(rest) = h.strip_prefix(['（', '(']) {
        let n = rest.chars().take_while(|&c| numeral(c) || digit(c)).count();
        let mut it = rest.chars().skip(n);
        if n == 0 || !matches!(it.next(), Some('）' | ')')) {
            return None;
        }
        let open = h.chars().next()?.len_utf8();
        let body: usize = rest.chars().take(n).map(char::len_utf8).sum();
        open + body + rest.chars().nth(n)?.len_utf8()
    } else {
        let n: Vec<char> = h.chars().take_while(|&c| numeral(c) || digit(c)).collect();
        if n.is_empty() {
            return None;
        }
        let body: usize = n.iter().map(|c| c.len_utf8()).sum();
        let sep = h[body..].chars().next()?;
        let ok = match sep {
            '、' => true,
            '.' | '．' => n.iter().all(|&c| digit(c)),
            _ => false,
        };
        if !ok {
            return None;
        }
        body + sep.len_utf8()
    };
    let rest = h[end..].trim_start();
    (!rest.is_empty()).then(|| (&h[..end], rest))
}

/// Where the automatic title may break: after these words (longest first).
const TITLE_BREAK_AFTER: [&str; 22] = [
    "人民代表大会常务委员会",
    "管理委员会",
    "人民政府",
    "委员会",
    "办公室",
    "办公厅",
    "工作年度报告",
    "年度报告",
    "开发区",
    "新区",
    "自治州",
    "自治县",
    "自治区",
    "中心",
    "分局",
    "省",
    "市",
    "县",
    "区",
    "局",
    "厅",
    "委",
];

/// Where a long name may break when no administrative word of
/// [`TITLE_BREAK_AFTER`] falls where a line may end: after the common last
/// words of an agency's parts and its conjunctions (“…政府信息公开工作 /
/// 领导小组办公室”), never blindly inside a word while one of these fits.
const NAME_BREAK_AFTER: [&str; 14] = [
    "领导小组",
    "工作",
    "公开",
    "管理",
    "服务",
    "发展",
    "建设",
    "保障",
    "事务",
    "执法",
    "与",
    "和",
    "及",
    "暨",
];

/// Words never split by a title break although they hold a word of
/// [`TITLE_BREAK_AFTER`].
const NO_BREAK_INSIDE: [&str; 8] = [
    "市场", "市政", "城市", "区域", "社区", "县域", "局长", "委托",
];

/// Break a title line that is longer than `max` characters (22pt on the
/// 156 mm type area: 20) into lines of at most `max`, at word boundaries:
/// after an administrative word of [`TITLE_BREAK_AFTER`] (never inside one,
/// so never 开发区分/局), choosing the most even split; without any, after a
/// common last word of a name's part ([`NAME_BREAK_AFTER`]); without that,
/// the most even split that does not part two Latin letters or digits nor
/// break a 禁则 (a closing mark starting a line, an opening one ending it).
pub fn break_title(line: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= max || max == 0 {
        return vec![line.to_string()];
    }
    let n = chars.len();
    let lines_needed = n.div_ceil(max);
    let target = n.div_ceil(lines_needed);
    // A break after chars[k-1] must end a word of TITLE_BREAK_AFTER and
    // fall inside no word of it or of NO_BREAK_INSIDE.
    let spans = |k: usize| {
        TITLE_BREAK_AFTER
            .iter()
            .chain(NO_BREAK_INSIDE.iter())
            .any(|w| {
                let w: Vec<char> = w.chars().collect();
                (k.saturating_sub(w.len() - 1)..k)
                    .any(|s| s + w.len() > k && chars[s..].starts_with(&w))
            })
    };
    let word_ends: Vec<usize> = (1..n)
        .filter(|&k| {
            TITLE_BREAK_AFTER
                .iter()
                .any(|w| chars[..k].iter().collect::<String>().ends_with(w))
                && !spans(k)
        })
        .collect();
    let first_len = |k: usize| k <= max && n - k <= max * (lines_needed - 1);
    let pick = word_ends
        .iter()
        .copied()
        .filter(|&k| first_len(k))
        .min_by_key(|&k| (k as isize - target as isize).unsigned_abs())
        .or_else(|| {
            (1..n)
                .filter(|&k| first_len(k) && !spans(k))
                .filter(|&k| {
                    NAME_BREAK_AFTER
                        .iter()
                        .any(|w| chars[..k].iter().collect::<String>().ends_with(w))
                })
                .min_by_key(|&k| (k as isize - target as isize).unsigned_abs())
        })
        .or_else(|| {
            (1..n)
                .filter(|&k| first_len(k))
                .filter(|&k| {
                    let (a, b) = (chars[k - 1], chars[k]);
                    let latin_word = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
                    let kinsoku = super::no_line_start(b) || super::no_line_end(a);
                    !(latin_word || kinsoku)
                })
                .min_by_key(|&k| (k as isize - target as isize).unsigned_abs())
        })
        .unwrap_or(max.min(n - 1));
    let mut out = vec![chars[..pick].iter().collect::<String>()];
    out.extend(break_title(&chars[pick..].iter().collect::<String>(), max));
    out
}
