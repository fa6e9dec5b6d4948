//! Problems drawn the way rustc draws them: the message, the source line
//! with the value to fix underlined, and the hint.

use super::{Diagnostic, Pos, Severity};

/// Render problems the way rustc does: the message, then the source line
/// with a caret under the value to fix, then the hint. `source` is the YAML
/// text the positions refer to.
pub fn render(problems: &[Diagnostic], source: Option<&str>, color: bool) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in problems {
        let level = match d.severity {
            Severity::Error => Level::ERROR.with_name("错误"),
            Severity::Warning => Level::WARNING.with_name("警告"),
        };
        let title = level.primary_title(d.message.as_str()).id(d.code);
        let label = match (&d.expected, &d.found) {
            (Some(e), Some(f)) => format!("应为 {e}，实际为 {f}"),
            _ => String::new(),
        };
        let mut group = Group::with_title(title);
        let at = d
            .pos
            .zip(source)
            .and_then(|(p, src)| span_of(src, p, d.width).map(|s| (p, src, s)));
        match at {
            Some((_, src, span)) => {
                group = group.element(
                    Snippet::source(src)
                        .path(d.file.as_str())
                        .annotation(AnnotationKind::Primary.span(span).label(label.as_str())),
                );
            }
            None => {
                let place = match (d.pos, &d.printed_at) {
                    (Some(p), _) => format!("{}:{}:{}", d.file, p.line, p.column),
                    (None, Some(at)) => format!("{}（{at}）", d.file),
                    (None, None) => d.file.clone(),
                };
                group = group.element(annotate_snippets::Origin::path(place));
                // No snippet to hang the compared values on: say them apart.
                if d.printed_at.is_some() && !label.is_empty() {
                    group = group.element(Level::NOTE.with_name("核对").message(label.as_str()));
                }
            }
        }
        if let Some(hint) = &d.hint {
            group = group.element(Level::HELP.with_name("提示").message(hint.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// The bytes of the value (or key) that starts at `p`; `width` characters
/// when given (a figure or a reference inside a text, one odd character).
pub(crate) fn span_of(src: &str, p: Pos, width: Option<usize>) -> Option<std::ops::Range<usize>> {
    let line_start: usize = src
        .split_inclusive('\n')
        .take(p.line.checked_sub(1)? as usize)
        .map(str::len)
        .sum();
    let line = src[line_start..].split('\n').next()?.trim_end_matches('\r');
    let col = p.column.checked_sub(1)? as usize;
    let offset = line
        .char_indices()
        .nth(col)
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    let rest = &line[offset..];
    if let Some(w) = width {
        let len = rest
            .char_indices()
            .nth(w.max(1))
            .map_or(rest.len(), |(i, _)| i);
        let start = line_start + offset;
        return Some(start..start + len);
    }
    let len = if rest.starts_with(['"', '\'']) {
        rest[1..].find(&rest[..1]).map_or(rest.len(), |i| i + 2)
    } else if line[..offset].contains(['[', '{']) {
        // Inside a flow list or mapping: up to the next separator (a
        // full-width comma or colon typed for one included).
        rest.find([',', ']', '}', ':', '，', '：', '］', '｝'])
            .unwrap_or(rest.len())
    } else {
        // A block key or value: up to “: ”, a comment or the line's end.
        [
            rest.find(": "),
            rest.strip_suffix(':').map(str::len),
            rest.find(" #"),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len())
    };
    let len = rest[..len]
        .trim_end()
        .len()
        .max(rest.chars().next().map_or(0, char::len_utf8));
    let start = line_start + offset;
    Some(start..start + len.min(rest.len()))
}
