//! The report's front and end matter: its title (and the agency and year in
//! it), the lead before 一、, and the 落款 and date that close section 六.

use super::super::doc::Place;
use super::super::text::squash;
use super::prose::{item_start, join_broken, Tagged};

pub(super) fn is_title(s: &str) -> bool {
    let s = squash(s);
    // “标题：…” is a portal's field, not the report's title.
    !s.contains(['：', ':'])
        && s.contains("报告")
        && (s.contains("政府信息公开") || s.contains("政务公开"))
        && s.chars().count() <= 60
        && !s.ends_with('。')
}

/// “2024年1月20日” (digits or 〇一二…).
pub(super) fn is_date(s: &str) -> bool {
    let s = squash(s);
    let re = regex::Regex::new(r"^[0-9〇零○一二三四五六七八九]{4}年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日$")
        .unwrap_or_else(|e| unreachable!("{e}"));
    re.is_match(&s)
}

/// The year of “2024年” or “二〇二四年”.
pub(super) fn year_in(s: &str) -> Option<u32> {
    let re = regex::Regex::new(r"((?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{3})\s*年")
        .unwrap_or_else(|e| unreachable!("{e}"));
    let found = re.captures(s)?;
    let digits: String = found[1]
        .chars()
        .map(|c| match c {
            '〇' | '零' | '○' => '0',
            c => "一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .and_then(|i| char::from_digit(i as u32 + 1, 10))
                .unwrap_or(c),
        })
        .collect();
    digits.parse().ok()
}

/// What comes before 一、: the title lines (and where the title was
/// printed), the agency, the lead paragraphs with where each starts.
pub(super) struct Front {
    pub title: Vec<String>,
    pub title_at: Option<Place>,
    pub agency: String,
    pub lead: Vec<(String, Place)>,
}

/// Title lines, agency and lead from the paragraphs before 一、.
pub(super) fn front_matter(before: &[Tagged]) -> Front {
    // Title: the last title-like paragraph before 一、; a line starting with
    // the year follows the agency's own line.
    // A long title may wrap (“…年度” / “报告”): two short lines joined.
    let mut before: Vec<Tagged> = before.to_vec();
    let line_like = |s: &str| s.chars().count() <= 40 && !s.contains(['。', '，', '：', ':']);
    for k in (1..before.len()).rev() {
        let joined = format!("{}{}", before[k - 1].0, before[k].0);
        if !is_title(&before[k].0)
            && !is_title(&before[k - 1].0)
            && line_like(&before[k - 1].0)
            && line_like(&before[k].0)
            && is_title(&joined)
        {
            before[k - 1].0 = joined;
            before.remove(k);
            break;
        }
    }
    let t = before.iter().rposition(|(p, _, _)| is_title(p));
    let mut title: Vec<String> = Vec::new();
    let mut agency = String::new();
    let lead_from = match t {
        Some(t) => {
            let line = squash(&before[t].0);
            let starts_with_year =
                regex::Regex::new(r"^(?:(?:19|20)\d\d|[一二][〇零○一二三四五六七八九]{3})年")
                    .is_ok_and(|re| re.is_match(&line));
            if starts_with_year && t > 0 && line_like(&before[t - 1].0) {
                agency = before[t - 1].0.clone();
                title.push(before[t - 1].0.clone());
            } else if let Some(y) =
                regex::Regex::new(r"(?:19|20)\d\d\s*年|[一二][〇零○一二三四五六七八九]{3}年")
                    .ok()
                    .and_then(|re| re.find(&before[t].0))
            {
                let name = before[t].0[..y.start()].trim();
                agency = name.strip_suffix("关于").unwrap_or(name).trim().to_string();
                // One printed line “机关2023年…报告” is written as the usual two
                // title lines (agency, then the year's line): the same words,
                // and a long title then never breaks inside a word.
                if name == agency && !agency.is_empty() {
                    title.push(agency.clone());
                    before[t].0 = before[t].0[y.start()..].trim().to_string();
                }
            }
            title.push(before[t].0.clone());
            t + 1
        }
        None => 0,
    };
    let lead: Vec<(String, Place)> = before[lead_from..]
        .iter()
        .map(|(p, at, _)| (p.clone(), at.clone()))
        .collect();
    Front {
        title,
        title_at: t.map(|t| before[t].1.clone()),
        agency,
        lead: join_broken(lead),
    }
}

/// A closing line and where it was printed.
pub(super) type Line = Option<(String, Place)>;

/// The 落款 and date at the end of section 六, taken off its paragraphs.
pub(super) fn closing(six: &mut Vec<(String, Place)>) -> (Line, Line) {
    // 落款 and date at the end of 六; anything after the date is not the report's.
    let mut signature = None;
    let mut date = None;
    if let Some(i) = six.iter().rposition(|(p, _)| is_date(p)) {
        date = Some(six[i].clone());
        six.truncate(i);
        if let Some((last, _)) = six.last() {
            if last.chars().count() <= 30
                && !last.contains(['。', '，', '：', '；'])
                && item_start(last).is_none()
            {
                signature = six.pop();
            }
        }
    }
    (signature, date)
}
