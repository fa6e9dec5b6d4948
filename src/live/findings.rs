//! The findings as the preview page shows them: the same words as `check`,
//! with the pointed text marked inside its source line instead of a line of
//! carets, which a browser's CJK glyph widths would shift off the text and
//! which, unbreakable, would widen the page.

use crate::diagnostic::{Diagnostic, Severity};
use crate::html::writer::escape;

/// The findings as HTML: one block each, every text escaped.
pub fn html(problems: &[Diagnostic], source: Option<&str>) -> String {
    let mut out = String::new();
    for d in problems {
        let (class, word) = match d.severity {
            Severity::Error => ("error", "错误"),
            Severity::Warning => ("warning", "警告"),
        };
        out.push_str(&format!(
            "<div class=\"finding {class}\"><p class=\"title\">{word}[{}]: {}</p>\n",
            d.code,
            escape(&d.message)
        ));
        let place = match (d.pos, &d.printed_at) {
            (Some(p), _) => format!("{}:{}:{}", d.file, p.line, p.column),
            (None, Some(at)) => format!("{}（{at}）", d.file),
            (None, None) => d.file.clone(),
        };
        out.push_str(&format!(
            "<p class=\"place\">--&gt; {}</p>\n",
            escape(&place)
        ));
        let marked = d.pos.zip(source).and_then(|(p, src)| {
            let span = crate::diagnostic::span_of(src, p, d.width)?;
            let start = src[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let end = src[span.end..].find('\n').map_or(src.len(), |i| span.end + i);
            Some(format!(
                "<pre class=\"source\"><span class=\"line\">{} | </span>{}<mark>{}</mark>{}</pre>\n",
                p.line,
                escape(&src[start..span.start]),
                escape(&src[span.clone()]),
                escape(src[span.end..end].trim_end_matches('\r'))
            ))
        });
        if let Some(m) = marked {
            out.push_str(&m);
        }
        if let (Some(e), Some(f)) = (&d.expected, &d.found) {
            out.push_str(&format!(
                "<p class=\"label\">应为 {}，实际为 {}</p>\n",
                escape(e),
                escape(f)
            ));
        }
        if let Some(h) = &d.hint {
            out.push_str(&format!("<p class=\"hint\">提示: {}</p>\n", escape(h)));
        }
        out.push_str("</div>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    #[test]
    fn the_pointed_text_is_marked_in_its_line_not_under_it() {
        let src = "agency: 某局\noverview: 全年共收到<申请>5件。\n";
        let d = Diagnostic {
            width: Some(1),
            hint: Some("改为 \"0\"".into()),
            ..Diagnostic::error(
                "X3",
                "a.yaml",
                Some(Pos {
                    line: 2,
                    column: 20,
                }),
                "不一致".into(),
            )
        };
        let html = html(&[d], Some(src));
        assert!(html.contains("<pre class=\"source\"><span class=\"line\">2 | </span>overview: 全年共收到&lt;申请&gt;<mark>5</mark>件。</pre>"), "{html}");
        assert!(
            html.contains("<p class=\"hint\">提示: 改为 &quot;0&quot;</p>"),
            "{html}"
        );
        assert!(!html.contains('^'));
    }
}
