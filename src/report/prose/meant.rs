//! Text values read against their source ([`Ctx`]): the lines of a plain,
//! quoted or `>` scalar kept as the clerk broke them, and a “#” that YAML
//! took for a comment, each reported once.

use serde_saphyr::{Location, Spanned};

use super::{loc_pos, paragraphs, pos, text_paragraphs};
use crate::report::{Pos, Val};

/// How a scalar was written in the YAML file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Literal,
    Folded,
    Quoted,
    Plain,
}

/// Reading text values against their source: YAML folds the lines of a
/// plain or `>` scalar with spaces (and merges paragraphs) and drops
/// everything after “ #”; the clerk meant neither. Findings go to `notes`.
pub(in crate::report) struct Ctx<'a> {
    /// The file as written (positions refer to it).
    pub original: &'a str,
    /// The text the parser read (after [`crate::report::hazards`]).
    pub normalised: &'a str,
    pub file: &'a str,
    pub notes: std::cell::RefCell<Vec<crate::diagnostic::Diagnostic>>,
}

impl Ctx<'_> {
    /// The source text of a scalar, its style, and its byte range.
    fn raw(&self, at: &Location) -> Option<(&str, Style, usize)> {
        let span = at.span();
        let (start, len) = match (span.byte_offset(), span.byte_len()) {
            (Some(o), Some(l)) => (o as usize, l as usize),
            _ => {
                let mut it = self.normalised.char_indices().map(|(i, _)| i);
                let o = it.nth(span.offset() as usize)?;
                let end = self
                    .normalised
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([self.normalised.len()])
                    .nth((span.offset() + span.len()) as usize)?;
                (o, end - o)
            }
        };
        let raw = self.normalised.get(start..start.checked_add(len)?)?;
        // A block scalar's span starts at its content, on a new line; its
        // header (“|”, “>-”…) ends the last non-blank line before it.
        let before = self.normalised[..start].trim_end_matches([' ', '\t']);
        let header = (before.is_empty() || before.ends_with('\n'))
            .then(|| before.trim_end().lines().last())
            .flatten()
            .map(|l| l.split(" #").next().unwrap_or(l).trim_end())
            .and_then(|l| {
                let ind = l.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
                let first = ind.chars().last()?;
                let rest = &ind[..ind.len() - first.len_utf8()];
                (matches!(first, '|' | '>') && (rest.is_empty() || rest.ends_with([' ', ':', '-'])))
                    .then_some(first)
            });
        let style = match (header, raw.chars().next()) {
            (Some('|'), _) | (None, Some('|')) => Style::Literal,
            (Some('>'), _) | (None, Some('>')) => Style::Folded,
            (_, Some('"' | '\'')) => Style::Quoted,
            _ => Style::Plain,
        };
        Some((raw, style, start))
    }

    /// Record a finding once (a value read twice, like the agency that is
    /// also the default title, is reported once).
    fn note(&self, d: crate::diagnostic::Diagnostic) {
        let mut notes = self.notes.borrow_mut();
        if !notes.iter().any(|n| n.code == d.code && n.pos == d.pos) {
            notes.push(d);
        }
    }

    /// Paragraphs of a text value as the clerk meant them.
    pub(in crate::report) fn paragraphs(&self, value: &str, at: &Location) -> Vec<Val<String>> {
        let start = loc_pos(at);
        if let Some((_, Style::Literal, _)) = self.raw(at) {
            self.joined_lines(value, start);
        }
        let meant = self.meant(value, at);
        text_paragraphs(meant.as_deref().unwrap_or(value), start, self.original)
    }

    /// Lines of a `|` block joined into one paragraph although each ends a
    /// sentence: paragraphs pasted from Word one per line. Three such lines
    /// in a row tell it apart from a paragraph the clerk wrapped by hand at
    /// a sentence's end; they stay one paragraph (the rule), told once.
    fn joined_lines(&self, value: &str, start: Pos) {
        let lines: Vec<&str> = value.lines().collect();
        let ends = |l: &str| l.trim().ends_with(['。', '！', '？']);
        for (i, three) in lines.windows(3).enumerate() {
            if !three.iter().all(|l| !l.trim().is_empty()) || !ends(three[0]) || !ends(three[1]) {
                continue;
            }
            // Where the value starts: its “|”, or (as the parser gives a
            // block's place) its first line.
            let on_bar = self
                .original
                .lines()
                .nth(start.line.saturating_sub(1) as usize)
                .and_then(|l| l.chars().nth(start.column.saturating_sub(1) as usize))
                == Some('|');
            let line = start.line + u32::from(on_bar) + i as u32;
            self.note(crate::diagnostic::Diagnostic {
                severity: crate::diagnostic::Severity::Warning,
                hint: Some("如果是几段，请在段与段之间空一行；如果是同一段，可以把这几行接成一行。".into()),
                ..crate::diagnostic::Diagnostic::error(
                    "W-TEXT",
                    self.file,
                    Some(Pos { line, column: 1 }),
                    "从这一行起，几行都以句号结束、中间没有空行（多半是从 Word 粘贴的几段）：它们按同一段读入。".into(),
                )
            });
            return;
        }
    }

    /// A one-line value (agency, heading, title line, signature, date) as meant.
    pub(in crate::report) fn line(&self, s: &Spanned<String>) -> Val<String> {
        let meant = self.meant(&s.value, &s.referenced);
        let text = match meant {
            Some(m) => paragraphs(&m)
                .into_iter()
                .map(|(_, p)| p)
                .collect::<Vec<_>>()
                .join(""),
            None => s.value.clone(),
        };
        Val::at(text, pos(s))
    }

    /// The text as meant when YAML read it otherwise; reports what it found.
    fn meant(&self, value: &str, at: &Location) -> Option<String> {
        let (raw, style, start) = self.raw(at)?;
        if style == Style::Plain {
            self.trailing_comment(value, raw, start, at);
        }
        let meant = match style {
            Style::Plain if raw.contains('\n') => {
                raw.lines().map(str::trim).collect::<Vec<_>>().join("\n")
            }
            Style::Folded => raw
                .lines()
                .skip(usize::from(raw.starts_with('>')))
                .collect::<Vec<_>>()
                .join("\n"),
            // Quoted lines are folded the same way; escapes are left to YAML.
            Style::Quoted if raw.contains('\n') && !raw.contains('\\') => {
                let quote = raw.chars().next()?;
                let inner = raw.strip_prefix(quote)?.strip_suffix(quote)?;
                let inner = if quote == '\'' {
                    inner.replace("''", "'")
                } else {
                    inner.to_string()
                };
                inner.lines().map(str::trim).collect::<Vec<_>>().join("\n")
            }
            _ => return None,
        };
        if paragraphs(&meant) == paragraphs(value) {
            return None;
        }
        let (message, hint) = if style == Style::Quoted {
            (
                "这段引号中的文字写了多行：YAML 会把各行用空格接起来，空一行分开的两段也会并成一段。已按“|”写法读取：段内换行直接接上，空行分段。",
                "多行文字请用“|”写法（冒号后写“|”，文字从下一行起缩进书写，不加引号），此警告即消失。",
            )
        } else if style == Style::Folded {
            (
                "这段文字用了“>”（折叠）写法：YAML 会把各行用空格接起来，空一行分开的两段也会并成一段。已按“|”写法读取：段内换行直接接上，空行分段。",
                "请把“>”改为“|”，此警告即消失。",
            )
        } else {
            (
                "这段文字没有用“|”却写了多行：YAML 会把各行用空格接起来，空一行分开的两段也会并成一段。已按“|”写法读取：段内换行直接接上，空行分段。",
                "请在冒号后写“|”，文字从下一行起缩进书写，此警告即消失。",
            )
        };
        // A folded block is pointed at by its “>”, the character to change.
        let at_pos = match style {
            Style::Folded => self.indicator(start).unwrap_or_else(|| loc_pos(at)),
            _ => loc_pos(at),
        };
        self.note(crate::diagnostic::Diagnostic {
            severity: crate::diagnostic::Severity::Warning,
            hint: Some(hint.into()),
            width: Some(1),
            ..crate::diagnostic::Diagnostic::error(
                "W-FOLDED",
                self.file,
                Some(at_pos),
                message.into(),
            )
        });
        Some(meant)
    }

    /// Where the “>” of the block whose content starts at byte `start` is.
    fn indicator(&self, start: usize) -> Option<Pos> {
        let before = self.normalised[..start].trim_end();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = &before[line_start..];
        let code = line.split(" #").next().unwrap_or(line);
        let i = code.rfind('>')?;
        Some(crate::report::hazards::original(Pos {
            line: before.matches('\n').count() as u32 + 1,
            column: line[..i].chars().count() as u32 + 1,
        }))
    }

    /// “text: 甲 #乙” — YAML drops “#乙” as a comment. A comment set off by
    /// two spaces and starting “# ” (as `init` writes them) is left alone.
    fn trailing_comment(&self, value: &str, raw: &str, start: usize, at: &Location) {
        let end = start + raw.len();
        let rest = self.normalised[end..].split('\n').next().unwrap_or("");
        let rest = rest.trim_end_matches('\r');
        let gap = rest.len() - rest.trim_start().len();
        let Some(comment) = rest.trim_start().strip_prefix('#') else {
            return;
        };
        let hashtag = comment.chars().next().is_some_and(|c| !c.is_whitespace());
        if gap != 1 && !hashtag {
            return;
        }
        let comment = format!("#{comment}");
        // Where the comment starts, in the file as written.
        let line_start = self.normalised[..end].rfind('\n').map_or(0, |i| i + 1);
        let line_no = self.normalised[..end].matches('\n').count() as u32 + 1;
        let col = self.normalised[line_start..end].chars().count() as u32 + gap as u32 + 1;
        let at_line = &self.normalised[line_start..end];
        let value_line = raw.lines().last().unwrap_or(raw);
        let key = &at_line[..at_line.len() - value_line.len()];
        let whole = format!("{} {}", value.trim_end(), comment.trim_end());
        let quoted = format!("\"{}\"", whole.replace('\\', "\\\\").replace('"', "\\\""));
        let fix = if raw.contains('\n') {
            "请改用“|”写法（冒号后写“|”，文字从下一行起缩进书写），“#”在“|”块中原样印出。"
                .to_string()
        } else {
            format!("如果“#”是正文的一部分，请把整个值用引号括起来：{}{quoted}；如果确是注释，请在“#”前空两格并在“#”后加空格。", key.trim_start())
        };
        let _ = at;
        self.note(crate::diagnostic::Diagnostic {
            severity: crate::diagnostic::Severity::Warning,
            hint: Some(fix),
            width: Some(comment.trim_end().chars().count()),
            ..crate::diagnostic::Diagnostic::error(
                "W-COMMENT",
                self.file,
                Some(crate::report::hazards::original(Pos {
                    line: line_no,
                    column: col,
                })),
                format!("“{}”被 YAML 当作注释，不会印出。", comment.trim_end()),
            )
        });
    }
}
