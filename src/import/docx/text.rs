//! The text of a paragraph as Word shows it: the final view of tracked
//! changes (deleted and moved-away text left out, inserted and moved-to
//! text kept), no hidden runs, no field instructions, special characters
//! as they print.

use roxmltree::Node;

use super::{attr, is, W};

/// What the final view of a document does not show, met while reading it.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Unseen {
    /// Deleted or moved-away text of tracked changes (`w:del`, `w:moveFrom`).
    pub(super) revisions: bool,
    /// Hidden runs (`w:vanish`).
    pub(super) hidden: bool,
}

/// Whether a run is hidden text (Word's 隐藏文字, `w:vanish` not turned off).
pub(super) fn hidden_run(r: Node) -> bool {
    r.children()
        .find(|n| is(*n, "rPr"))
        .and_then(|pr| pr.children().find(|n| is(*n, "vanish")))
        .is_some_and(|v| !matches!(attr(v, "val"), Some("0" | "false" | "off")))
}

/// Text of a paragraph as Word shows it (the final view of tracked changes,
/// no hidden text): runs, tabs as spaces, breaks as line breaks, no-break
/// hyphens as “-”, symbols as their characters; deleted and moved-away
/// text, hidden runs, field instructions and the fallback copy of drawing
/// content are skipped (the last repeats the choice).
pub(super) fn para_text(p: Node, out: &mut String, unseen: &mut Unseen) {
    for n in p.children() {
        if !n.is_element() {
            continue;
        }
        let word = n.tag_name().namespace() == Some(W);
        match n.tag_name().name() {
            "t" if word => out.push_str(n.text().unwrap_or("")),
            "tab" if word => out.push(' '),
            "br" | "cr" if word => out.push('\n'),
            "noBreakHyphen" if word => out.push('-'),
            // Shown only where Word breaks the line there.
            "softHyphen" if word => {}
            "sym" if word => out.extend(symbol(n)),
            "del" | "moveFrom" if word => unseen.revisions = true,
            "r" if word && hidden_run(n) => unseen.hidden = true,
            "rPr" | "pPr" if word => {}
            "Fallback" | "instrText" | "delText" | "delInstrText" => {}
            _ => para_text(n, out, unseen),
        }
    }
}

/// The character a `w:sym` shows: its code, or for a symbol font's private
/// code (F020–F0FF) the character at that place of the font's ASCII range.
pub(super) fn symbol(n: Node) -> Option<char> {
    let code = u32::from_str_radix(attr(n, "char")?, 16).ok()?;
    let code = if (0xF020..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    char::from_u32(code).filter(|c| !c.is_control())
}

/// A cell's text: its paragraphs joined by line breaks.
pub(super) fn cell_text(tc: Node, unseen: &mut Unseen) -> String {
    let mut out = String::new();
    for n in tc.descendants().filter(|n| is(*n, "p")) {
        // Paragraphs of nested tables are part of the cell too.
        if !out.is_empty() {
            out.push('\n');
        }
        para_text(n, &mut out, unseen);
    }
    out
}

/// Whether a table row was deleted with tracked changes on.
pub(super) fn deleted_row(tr: Node) -> bool {
    tr.children()
        .find(|n| is(*n, "trPr"))
        .is_some_and(|pr| pr.children().any(|n| is(n, "del")))
}
