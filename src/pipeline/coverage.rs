//! Coverage preflight: every character the report prints is checked against
//! the fonts of the role that prints it, before Typst runs. A character no
//! font has would print as a blank box (or fail PDF/A); one that only the
//! fallback has mixes two faces on a line of an official-font document.

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::prose::is_wide;
use crate::report::{Report, Val};
use crate::typeset::fonts::{Choice, FontSet};
use crate::typeset::roles::FALLBACK;

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

/// Check every character; `file` names the YAML in the findings.
pub fn check(r: &Report, set: &FontSet, file: &str) -> Vec<Diagnostic> {
    let choices = set.choices();
    let latin = choices.last().map(|c| c.family.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for (text, role) in texts(r) {
        let Some(choice) = choices.iter().find(|c| c.role.key == role) else {
            continue;
        };
        let mut seen = Vec::new();
        for c in text
            .value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
        {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            if choice.role.latin_digits && !is_wide(c) && covers(set, &latin, c) {
                continue;
            }
            let chain = [choice.family.as_str(), choice.role.embedded, FALLBACK];
            match chain.iter().position(|f| covers(set, f, c)) {
                Some(0) => {}
                Some(k) if choice.official => out.push(finding(
                    r,
                    text,
                    c,
                    choice,
                    Severity::Warning,
                    chain[k],
                    file,
                )),
                Some(_) => {}
                None => out.push(finding(r, text, c, choice, Severity::Error, "", file)),
            }
        }
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
                "请安装含有这个字的字体，并用 --font-path 指定其所在文件夹（当前字体：{}、{}）。",
                choice.family, FALLBACK
            ),
        ),
        Severity::Warning => (
            "W-GLYPH",
            format!(
                "字符“{c}”（{code}）在{}字体 {} 中没有，将改用 {used} 印出，同一行字体会不一致。",
                choice.role.name, choice.family
            ),
            "如需统一字体，请安装含有这个字的官方字体（如方正字库的扩展字体）。".to_string(),
        ),
    };
    Diagnostic {
        severity,
        hint: Some(hint),
        width: Some(1),
        ..Diagnostic::error(id, file, pos, message)
    }
}
