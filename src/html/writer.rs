//! An HTML writer that escapes by construction: markup can only be a
//! `&'static str` written in this crate's code; every other string goes
//! through [`Html::text`] or [`Html::attr`], which escape it.

/// Characters that cannot appear in an HTML document at all (C0 and C1
/// controls other than tab and line feed, and noncharacters). They have no
/// visible form; they are left out, as the PDF prints nothing for them.
fn unrepresentable(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && c != '\t' && c != '\n')
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// The HTML text of `s`: `& < > " '` become character references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A carriage return would be read back as a line feed.
            '\r' => out.push_str("&#13;"),
            c if unrepresentable(c) => {}
            c => out.push(c),
        }
    }
}

/// A document being written.
#[derive(Default)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn new() -> Self {
        Self::default()
    }

    /// Markup: only string constants of this crate can be written unescaped.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.out, text);
        self
    }

    /// ` name="value"` with the value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value);
        self.out.push('"');
        self
    }

    /// `<tag attrs…>text</tag>` in one call, for the common case.
    pub fn element(&mut self, tag: &'static str, text: &str) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push('>');
        self.text(text);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A relative link to a file name: characters that mean something in a URL
/// (`% # ? space` …) are percent-encoded, other characters (Hanzi) kept.
pub fn href(file: &str) -> String {
    let mut out = String::new();
    for c in file.chars() {
        if c.is_ascii_alphanumeric() || "-._~/".contains(c) || !c.is_ascii() {
            if !unrepresentable(c) {
                out.push(c);
            }
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_escaped() {
        assert_eq!(
            escape(r#"<script>alert('x') & "y"</script>"#),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("政府\u{7}信息"), "政府信息");
        let mut h = Html::new();
        h.raw("<a")
            .attr("href", "a\"><b>")
            .raw(">")
            .text("<i>")
            .raw("</a>");
        assert_eq!(h.finish(), "<a href=\"a&quot;&gt;&lt;b&gt;\">&lt;i&gt;</a>");
    }

    #[test]
    fn links_keep_hanzi_and_encode_url_syntax() {
        assert_eq!(href("某局 2025#1?.pdf"), "某局%202025%231%3F.pdf");
        assert_eq!(href("100%.html"), "100%25.html");
    }
}
