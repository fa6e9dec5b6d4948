//! Characters into lines of text (same baseline, read left to right), and
//! page numbers told apart from report text.

use super::collect::Ch;

#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) x: f64,
    pub(super) right: f64,
    pub(super) y: f64,
    pub(super) size: f64,
}

/// Characters → lines (same baseline), each read left to right.
pub(super) fn lines(mut chars: Vec<Ch>) -> Vec<Line> {
    chars.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups: Vec<Vec<Ch>> = Vec::new();
    for ch in chars {
        match groups.last_mut() {
            Some(g) if (ch.y - g[0].y).abs() <= g[0].size.max(ch.size) * 0.4 => g.push(ch),
            _ => groups.push(vec![ch]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut last_right: Option<f64> = None;
            for ch in &g {
                if ch.text == " " {
                    if !text.is_empty() && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    last_right = Some(ch.right);
                    continue;
                }
                if let Some(r) = last_right {
                    // A gap between Latin words where no space glyph was drawn.
                    let wide = |c: Option<char>| c.is_some_and(crate::report::prose::is_wide);
                    if ch.x - r > ch.size * 0.3
                        && !text.ends_with(' ')
                        && !wide(text.chars().last())
                        && !wide(ch.text.chars().next())
                    {
                        text.push(' ');
                    }
                }
                text.push_str(&ch.text);
                last_right = Some(ch.right);
            }
            let text = text.trim().to_string();
            let ink: Vec<&Ch> = g.iter().filter(|c| c.text != " ").collect();
            let size = ink.iter().map(|c| c.size).fold(0.0, f64::max);
            Line {
                x: ink.first().map_or(g[0].x, |c| c.x),
                right: ink.iter().map(|c| c.right).fold(f64::MIN, f64::max),
                y: g[0].y,
                size,
                text,
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

/// “— 1 —”, “-2-”, “第 3 页”: page furniture, not report text.
pub(super) fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c| matches!(c, '—' | '－' | '-' | '–' | '一'));
    (!core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) && core.len() < 4)
        || (t.starts_with('第') && t.ends_with('页') && t.chars().count() < 12)
}
