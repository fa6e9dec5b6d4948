//! Slips inside a block of text (`text: |`) that the YAML parser reports
//! far from their cause: a pasted paragraph left without indentation, and a
//! first line indented more than the rest (a first-line indent typed by
//! hand). Told by the cause, with the fix to apply literally.

/// A block of text opened by `key: |` (or `>`): the line of the key (0-based),
/// the key's indentation and the first content line's indentation.
struct Block {
    key_line: usize,
    key_indent: usize,
    first: usize,
    indent: usize,
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The block of text that line `n` (0-based) follows, if any: the nearest
/// `key: |` above with only its own content lines in between.
fn block_above(lines: &[&str], n: usize) -> Option<Block> {
    for k in (0..n).rev() {
        let l = lines[k];
        if l.trim().is_empty() {
            continue;
        }
        let head = l.split(" #").next().unwrap_or(l).trim_end();
        let opens = ["|", "|-", "|+", ">", ">-", ">+"]
            .iter()
            .any(|m| head.ends_with(&format!(": {m}")) || head.ends_with(&format!(":{m}")));
        if opens {
            let first = (k + 1..n).find(|&j| !lines[j].trim().is_empty())?;
            // The block must run up to the line in error: a key between
            // them (the next item's `- heading:`) ends it.
            let runs_on = (first..n)
                .filter(|&j| !lines[j].trim().is_empty())
                .all(|j| indent(lines[j]) >= indent(lines[first]));
            if !runs_on {
                return None;
            }
            return Some(Block {
                key_line: k,
                key_indent: indent(l),
                first,
                indent: indent(lines[first]),
            });
        }
        // A line of the block (deeper than some key above) or anything else:
        // keep looking only through lines indented deeper than the error.
        if indent(l) <= indent(lines[n]) && k + 1 < n {
            return None;
        }
    }
    None
}

/// The message and hint for a parser error at line `line` (1-based) when
/// its cause is a slip in a block of text.
pub(super) fn slip(source: &str, line: u32) -> Option<(String, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let n = (line as usize).checked_sub(1)?;
    let here = *lines.get(n)?;
    if here.trim().is_empty() {
        return None;
    }
    let own = indent(here);
    let text_like = !here.trim_start().starts_with(['-', '#'])
        && !here.split_once(':').is_some_and(|(k, _)| {
            !k.trim().is_empty()
                && k.trim()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    if !text_like {
        return None;
    }
    let Some(block) = block_above(&lines, n) else {
        // Chinese text with no colon at all, under no block of text: a
        // paragraph pasted where no text belongs.
        // Not a key missing its colon (“agency 某局”), nor a file that is
        // one sentence: text after other lines of the report.
        let chinese = here.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let key_like = here
            .trim_start()
            .starts_with(|c: char| c.is_ascii_alphanumeric());
        let after_lines = lines[..n]
            .iter()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if chinese && !key_like && after_lines && !here.contains([':', '：']) {
            return Some((
                "这一行是一段文字，但不在任何“text: |”的文字中。".into(),
                "把这一行移到它所属的那段文字里，与那段文字左对齐（比“text: |”多缩进）；如果是多余的，删去这一行。"
                    .into(),
            ));
        }
        return None;
    };
    if own <= block.key_indent {
        // A paragraph pasted without indentation below the block.
        return Some((
            format!(
                "这一行像是一段文字，但没有缩进，不在第 {} 行“|”下面的文字中。",
                block.key_line + 1
            ),
            format!(
                "在这一行前面加 {} 个空格，与第 {} 行的文字对齐（“|”下面的每一行都要比键多缩进）。",
                block.indent - own,
                block.first + 1
            ),
        ));
    }
    if own < block.indent && block.first < n {
        // The first line sets the block's indentation: typed deeper (a
        // first-line indent), it leaves the next lines outside.
        return Some((
            format!(
                "第 {} 行（“|”下面的第一行）比后面的行多缩进了 {} 个空格，多半是手打的首行缩进：YAML 按第一行的缩进读整段文字。",
                block.first + 1,
                block.indent - own
            ),
            format!(
                "删去第 {} 行开头多出的 {} 个空格（段首缩进排版时自动加，不用自己打）。",
                block.first + 1,
                block.indent - own
            ),
        ));
    }
    None
}
