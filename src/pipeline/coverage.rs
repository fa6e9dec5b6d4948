//! Coverage preflight: every character the report prints is checked against
//! the fonts of the role that prints it, before Typst runs. A character no
//! font has would print as a blank box (or fail PDF/A); one that only the
//! fallback has mixes two faces on a line of an official-font document.

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::prose::is_wide;
use crate::report::{Report, Val};
use crate::typeset::fonts::{Choice, FontSet};

/// Every text of the report with the role key that prints it.
fn texts(r: &Report) -> Vec<(&Val<String>, &'static str)> {
    let mut out: Vec<(&Val<String>, &'static str)> = r.title.iter().map(|t| (t, "title")).collect();
    for p in crate::report::figures::paragraphs(r) {
        let is_heading = r
            .proses()
            .iter()
            .any(|prose| prose.items.iter().any(|i| std::ptr::eq(&i.heading, p)));
        out.push((p, if is_heading { "kai" } else { "body" }));
    }
    out.extend(r.signature.iter().chain(&r.date).map(|t| (t, "body")));
    out
}

fn covers(set: &FontSet, family: &str, c: char) -> bool {
    set.family_covers(family, c)
}

/// A character the role's own face lacks, and the face that prints it
/// instead (none: no face has it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    /// Role key (`title`, `body`, `kai`…) and its name for a clerk.
    pub role: &'static str,
    pub role_name: &'static str,
    /// The face that should print it.
    pub family: String,
    pub c: char,
    /// The face that prints it, or None.
    pub used: Option<String>,
}

/// Every character of the report that its role's face lacks (each once per
/// role), with the face that prints it.
pub fn substitutions(r: &Report, set: &FontSet) -> Vec<Substitution> {
    let mut out: Vec<Substitution> = Vec::new();
    for (_, (choice, used), c) in missing(r, set) {
        if !out.iter().any(|s| s.role == choice.role.key && s.c == c) {
            out.push(Substitution {
                role: choice.role.key,
                role_name: choice.role.name,
                family: choice.family.clone(),
                c,
                used,
            });
        }
    }
    out
}

/// A text, its role with the face that prints the character (none: no
/// face has it), and a character the role's face lacks.
type Missing<'r> = (&'r Val<String>, (Choice, Option<String>), char);

/// Each character of each text that its role's face lacks.
fn missing<'r>(r: &'r Report, set: &FontSet) -> Vec<Missing<'r>> {
    let choices = set.choices();
    let latin = choices.last().map(|c| c.family.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for (text, role) in texts(r) {
        let Some(choice) = choices.iter().find(|c| c.role.key == role) else {
            continue;
        };
        let chain = choice.chain();
        let mut seen = Vec::new();
        for c in text
            .value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !is_ignorable(*c))
        {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            if choice.role.latin_digits && !is_wide(c) && covers(set, &latin, c) {
                continue;
            }
            match chain.iter().position(|f| covers(set, f, c)) {
                Some(0) => {}
                Some(k) => out.push((text, (choice.clone(), Some(chain[k].to_string())), c)),
                None => out.push((text, (choice.clone(), None), c)),
            }
        }
    }
    out
}

/// The half-width form of a full-width ASCII letter, digit or sign (U+FF01–FF5E).
fn halfwidth(c: char) -> Option<char> {
    ('\u{ff01}'..='\u{ff5e}')
        .contains(&c)
        .then(|| char::from_u32(c as u32 - 0xfee0))
        .flatten()
        .filter(char::is_ascii_alphanumeric)
}

/// Format characters that print nothing (joiners, variation selectors).
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Check every character; `file` names the YAML in the findings. E-GLYPH
/// when no face has it; W-GLYPH, with its line and column, whenever the
/// role's face lacks it and another face prints it (embedded faces too).
pub fn check(r: &Report, set: &FontSet, file: &str) -> Vec<Diagnostic> {
    missing(r, set)
        .into_iter()
        .map(|(text, (choice, used), c)| match used {
            Some(used) => finding(r, text, c, &choice, Severity::Warning, &used, file),
            None => finding(r, text, c, &choice, Severity::Error, "", file),
        })
        .collect()
}

/// E-GLYPH for each character of an option's text (the draft mark, the
/// volume's title) that no face of `role` (or the Latin face) has: Typst
/// would otherwise fail in the PDF export with an English message.
pub fn check_option(
    set: &FontSet,
    role: &str,
    text: &str,
    what: &str,
    file: &str,
) -> Vec<Diagnostic> {
    let choices = set.choices();
    let latin = choices.last().map(|c| c.family.clone()).unwrap_or_default();
    let Some(choice) = choices.iter().find(|c| c.role.key == role) else {
        return Vec::new();
    };
    let chain = choice.chain();
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !is_ignorable(*c))
    {
        if seen.contains(&c) {
            continue;
        }
        seen.push(c);
        let latin_has = !is_wide(c) && covers(set, &latin, c);
        if latin_has || chain.iter().any(|f| covers(set, f, c)) {
            continue;
        }
        out.push(Diagnostic {
            hint: Some(format!("请从{what}中去掉这个字，或换成常用字。")),
            ..Diagnostic::error(
                "E-GLYPH",
                file,
                None,
                format!(
                    "{what}中的字符“{c}”（U+{:04X}）在{}可用的字体中都没有，无法印出。",
                    c as u32, choice.role.name
                ),
            )
        });
    }
    out
}

fn finding(
    r: &Report,
    text: &Val<String>,
    c: char,
    choice: &Choice,
    severity: Severity,
    used: &str,
    file: &str,
) -> Diagnostic {
    let pos = text.pos.map(|p| r.locate(p, &c.to_string(), 0));
    let code = format!("U+{:04X}", c as u32);
    let (id, message, hint) = match severity {
        Severity::Error => (
            "E-GLYPH",
            format!(
                "字符“{c}”（{code}）在{}可用的字体中都没有，印出来会是空白方框。",
                choice.role.name
            ),
            format!(
                "请安装含有这个字的字体，并用 --font-path 指定其所在文件夹（当前字体：{}）。",
                choice.chain().join("、")
            ),
        ),
        Severity::Warning => (
            "W-GLYPH",
            format!(
                "字符“{c}”（{code}）在{}字体 {} 中没有，将改用 {used} 印出，同一行字体会不一致。",
                choice.role.name, choice.family
            ),
            if let Some(half) = halfwidth(c) {
                // Full-width digits and letters typed in Word: the half-width
                // form prints in the report's own Latin face.
                format!("把全角的“{c}”改为半角的“{half}”即可（数字和字母都用半角）。")
            } else if choice.official {
                "如需统一字体，请安装含有这个字的官方字体（如方正字库的扩展字体）。".to_string()
            } else {
                "内置开源字体只收常用字；如需统一字体，请安装含有这个字的官方字体，并用 --font-path 指定其所在文件夹。".to_string()
            },
        ),
    };
    Diagnostic {
        severity,
        hint: Some(hint),
        width: Some(1),
        ..Diagnostic::error(id, file, pos, message)
    }
}
