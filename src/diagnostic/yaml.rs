//! Parser errors told to a clerk: serde-saphyr's error kinds and the YAML
//! parser's messages, in Chinese with the likely cause and the fix.

use super::{suggest, Diagnostic, Pos};

impl Diagnostic {
    /// Translate a serde-saphyr error into a message for a clerk.
    pub fn from_yaml(file: &str, source: &str, err: &serde_saphyr::Error) -> Self {
        use serde_saphyr::Error as E;
        let pos = err.location().filter(|l| l.line() > 0).map(|l| Pos {
            line: l.line() as u32,
            column: l.column() as u32,
        });
        let (code, message, hint): (&'static str, String, Option<String>) =
            match err.without_snippet() {
                E::SerdeUnknownField { field, .. } if field.contains('\u{3000}') => (
                    "E-KEY",
                    full_width_indent(field),
                    Some("YAML 的缩进只能用半角空格：请把全角空格“　”换成两个半角空格（与同一层的键对齐）。".into()),
                ),
                E::SerdeUnknownField {
                    field, expected, ..
                } => (
                    "E-KEY",
                    match suggest(field, expected.iter().copied()) {
                        Some(best) => format!("未知的键“{field}”。是不是要写“{best}”？"),
                        None => format!("未知的键“{field}”。"),
                    },
                    Some(format!("这里可以填写的键有：{}。", expected.join("、"))),
                ),
                E::SerdeMissingField { field, .. } => (
                    "E-MISSING",
                    format!(
                        "缺少必填项“{field}”{}。",
                        field_label(field)
                            .map(|l| format!("（{l}）"))
                            .unwrap_or_default()
                    ),
                    Some(format!("请补上“{field}: …”这一行。")),
                ),
                E::DuplicateMappingKey { key, .. } => (
                    "E-DUPLICATE",
                    format!("键“{}”重复出现。", key.as_deref().unwrap_or("?")),
                    Some("同一个键只能写一次，请删除或合并重复的一项。".into()),
                ),
                E::SerdeInvalidType {
                    unexpected,
                    expected,
                    ..
                } => (
                    "E-TYPE",
                    format!(
                        "这里应填写{}，实际是{}。",
                        kind_zh(expected),
                        kind_zh(unexpected)
                    ),
                    row_hint(
                        expected,
                        pos.and_then(|p| source.lines().nth(p.line as usize - 1)),
                    ),
                ),
                E::Message { msg, .. } if msg.chars().any(|c| c > '\u{2e80}') => {
                    ("E-VALUE", msg.clone(), None)
                }
                other => {
                    let line = pos.and_then(|p| source.lines().nth(p.line as usize - 1));
                    let before = pos
                        .and_then(|p| (p.line as usize).checked_sub(2))
                        .and_then(|n| source.lines().nth(n));
                    // A “[” left open: the parser stops a line or more
                    // later at something else; name the bracket and its line.
                    let open = pos.and_then(|p| {
                        let lines: Vec<&str> = source.lines().collect();
                        let end = (p.line as usize).min(lines.len());
                        (end.saturating_sub(10)..end)
                            .rev()
                            .find_map(|n| unclosed_bracket(lines[n]).map(|b| (lines[n], n, b)))
                    });
                    if let Some((l, n, (open, close))) = open {
                        let at = Pos {
                            line: n as u32 + 1,
                            column: l.split(" #").next().unwrap_or(l).trim_end().chars().count() as u32 + 1,
                        };
                        return Diagnostic {
                            hint: Some(format!("请在这一行的最后一项后面补上“{close}”。")),
                            width: Some(1),
                            ..Diagnostic::error(
                                "E-YAML",
                                file,
                                Some(at),
                                format!(
                                    "YAML 格式错误：{}“{open}”没有闭合。",
                                    if open == '[' { "方括号" } else { "花括号" }
                                ),
                            )
                        };
                    }
                    // “{issued: 3，repealed: 1}”: the items parted by Chinese
                    // commas; the fix is the line with English ones.
                    if let Some(l) = line.filter(|l| {
                        let head = l.split(" #").next().unwrap_or(l);
                        head.contains('{') && head.contains('，')
                    }) {
                        let head = l.split(" #").next().unwrap_or(l);
                        let fixed = head.replace('，', ", ");
                        return Diagnostic {
                            hint: Some(format!(
                                "花括号中的各项用英文逗号“,”分开，这一行改为：{}",
                                fixed.trim()
                            )),
                            ..Diagnostic::error(
                                "E-YAML",
                                file,
                                pos,
                                "YAML 格式错误：花括号“{ }”中的各项用了中文逗号“，”分开。".into(),
                            )
                        };
                    }
                    if let Some((message, hint)) =
                        pos.and_then(|p| super::blocks::slip(source, p.line))
                    {
                        return Diagnostic {
                            hint: Some(hint),
                            ..Diagnostic::error("E-YAML", file, pos, format!("YAML 格式错误：{message}"))
                        };
                    }
                    let (message, hint) = yaml_error_zh(&other.to_string(), line, before);
                    ("E-YAML", message, Some(hint))
                }
            };
        Diagnostic {
            hint,
            ..Diagnostic::error(code, file, pos, message)
        }
    }
}

/// How to write a row of figures that was read as text: the brackets.
fn row_hint(expected: &str, line: Option<&str>) -> Option<String> {
    if !expected.contains("一行数字") {
        return None;
    }
    let line = line.unwrap_or_default();
    // The comment after the row is not part of it (“  # 注释”).
    let line = line.split(" #").next().unwrap_or(line);
    let value = line.split_once(':').map_or("", |(_, v)| v.trim());
    let fixed = value
        .trim_matches([
            '【', '】', '[', ']', '［', '］', '〔', '〕', '（', '）', '(', ')',
        ])
        .replace(['，', '、'], ", ");
    let how = format!(
        "一行数字写在英文方括号中、用英文逗号分开：[{}]",
        fixed.trim()
    );
    if !value.contains([',', '，', '、', ']', '】']) {
        return Some(format!(
            "这里要写一整行数字（没有的填 0），写在英文方括号中、用英文逗号分开，如 [{}, 0, 0, …]。",
            if value.is_empty() { "0" } else { value }
        ));
    }
    Some(if value.contains(['【', '】', '〔', '〕', '［', '］']) {
        format!("不能用中文或全角方括号（“【】”“［］”）。{how}")
    } else if !value.starts_with('[') {
        format!("开头的“[”不能少。{how}")
    } else {
        how
    })
}

/// “键“licensing”前面有全角空格……” for a key indented with U+3000.
pub fn full_width_indent(key: &str) -> String {
    format!(
        "键“{}”前面有全角空格“　”，被当作键的一部分。",
        key.trim_matches(|c: char| c.is_whitespace())
    )
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Labels of keys, for messages about missing fields: the report's
/// top-level fields from the format, and an item's heading.
fn field_label(key: &str) -> Option<&'static str> {
    match key {
        "heading" => Some("小标题"),
        _ => crate::format::document::field_of(key).map(|f| f.label),
    }
}

/// serde's English type words, in Chinese.
fn kind_zh(s: &str) -> String {
    let s = s.to_ascii_lowercase();
    let zh = if s.contains("string") || s.contains("char") {
        "文字"
    } else if s.contains("u32") || s.contains("u64") || s.contains("integer") || s.contains("i64") {
        "整数"
    } else if s.contains("float") || s.contains("f64") {
        "小数"
    } else if s.contains("sequence") || s.contains("vec") || s.contains("list") {
        "列表（- 开头的各行）"
    } else if s.contains("map") || s.contains("struct") {
        "键值对（键: 值）"
    } else if s.contains("bool") {
        "是/否"
    } else if s.contains("unit") || s.contains("null") {
        "空值"
    } else {
        return s;
    };
    zh.to_string()
}

/// The parser's messages (serde-saphyr and granit-parser), in Chinese with
/// the likely cause, for every error kind they produce; the line the parser
/// stopped at (and the one before) tell the common causes apart.
pub fn yaml_error_zh(raw: &str, line: Option<&str>, before: Option<&str>) -> (String, String) {
    let text = first_line(raw);
    let text = text.split(" at line ").next().unwrap_or(text);
    let zh = |m: &str| format!("YAML 格式错误：{m}");
    // Causes seen on the line itself come first: they name the fix exactly.
    for l in [line, before].into_iter().flatten() {
        if let Some(cause) = line_cause(l) {
            return (zh(&cause.0), cause.1);
        }
    }
    let known: &[(&str, &str, &str)] = &[
        ("expected string scalar", "这里应填写单个数字或文字，不能是列表或键值对。", "一个格子只填一个数字。"),
        ("expected sequence start", "这里应填写列表。", "列表的每一项各占一行、以“- ”开头，或写成 [甲, 乙]。"),
        ("expected mapping start", "这里应填写“键: 值”的各行。", "报告文件由“键: 值”的各行组成，例如“agency: 某某局”。"),
        ("mapping values are not allowed", "缩进或冒号的位置不对。", "同一层的键要左对齐；值里如果有英文冒号，请用引号把值括起来。"),
        ("mapping keys are not allowed", "缩进或冒号的位置不对。", "同一层的键要左对齐；值里如果有英文冒号，请用引号把值括起来。"),
        ("illegal placement of ':'", "冒号的位置不对。", "值里如果有英文冒号“:”，请用引号把值括起来，或改用中文冒号“：”。"),
        ("':' must be followed by", "英文冒号后面没有空格。", "键和值之间写“: ”（英文冒号加一个空格），如“licensing: 12”。"),
        ("':' may not precede", "英文冒号后面紧跟着括号。", "键和值之间写“: ”（英文冒号加一个空格）。"),
        ("unexpected EOF while parsing a flow sequence", "方括号“[”没有闭合。", "请在这一行末尾补上“]”。"),
        ("unexpected EOF while parsing a flow mapping", "花括号“{”没有闭合。", "请补上“}”；如果是文字中的引用 {{ … }}，请把整段文字用引号括起来或改用 | 写法。"),
        ("unexpected EOF while parsing an implicit flow mapping", "方括号或花括号没有闭合。", "请补上“]”或“}”；如果是文字，请把整段文字用引号括起来或改用 | 写法。"),
        ("unexpected EOF while parsing a block", "文件在一项没有写完时结束了。", "请检查最后几行的缩进和冒号。"),
        ("while parsing a flow mapping, did not find expected", "花括号“{ }”中的内容不对。", "花括号中写“键: 值”，各项用英文逗号分开；如果是文字，请把整段用引号括起来或改用 | 写法。"),
        ("while parsing a flow sequence, expected", "方括号“[ ]”中的内容不对。", "方括号中的各项用英文逗号“,”分开，最后以“]”结束。"),
        ("did not find expected '-' indicator", "列表的缩进不齐。", "列表的每一项都以“- ”开头，并且左对齐。"),
        ("block sequence entries are not allowed", "“- ”开头的列表项位置不对。", "列表项要比它的键多缩进，并且左对齐；如果“-”是文字的一部分，请用引号把值括起来。"),
        ("plain scalar cannot start with '-'", "值以“-”开头，后面紧跟着逗号或括号。", "如果是负数或文字，请用引号括起来；件数不能为负数。"),
        ("did not find expected key", "缩进不对，或在一项的值后面多写了内容。", "同一层的键要左对齐；一段文字写在引号里时，引号后面不能再有文字（整段文字可以改用 | 写法）。"),
        ("did not find expected node content", "这里缺少内容。", "请检查这一行的冒号、逗号和括号。"),
        ("invalid trailing content after", "引号后面还有文字：YAML 把引号中的部分当作整个值。", "文字以引号开头时，请改用 | 写法（冒号后写“|”，文字从下一行起缩进书写）。"),
        ("simple key expected ':'", "这一行缺少“键: 值”中的冒号。", "键和值之间写“: ”（英文冒号加一个空格）。"),
        ("simple key is no longer valid", "这一行缺少“键: 值”中的冒号，或键太长。", "键和值之间写“: ”（英文冒号加一个空格）。"),
        ("invalid indentation", "缩进不对。", "同一层的键要左对齐，下一层多缩进两个空格。"),
        ("wrongly indented line in block scalar", "“|”写法的文字缩进不齐。", "“|”下面的每一行都要比键多缩进，并且至少和第一行一样多。"),
        ("folded block scalars must indent", "“>”写法的文字没有缩进。", "文字从下一行起缩进书写；建议用“|”写法。"),
        ("unclosed bracket", "方括号没有闭合。", "请在这一行末尾补上“]”或“}”。"),
        ("mismatched bracket", "括号不配对。", "“[”要用“]”闭合，“{”要用“}”闭合。"),
        ("misplaced bracket", "多了一个右括号。", "请删去多余的“]”或“}”。"),
        ("unclosed quote", "引号没有闭合。", "请补上另一半引号。"),
        ("tabs disallowed", "缩进用了 Tab 键。", "YAML 只能用空格缩进，请把 Tab 换成空格。"),
        ("tab cannot be used", "缩进用了 Tab 键。", "YAML 只能用空格缩进，请把 Tab 换成空格。"),
        ("found a tab", "这一行有 Tab 键。", "YAML 只能用空格，请把 Tab 换成空格。"),
        ("start with a tab", "这一行有 Tab 键。", "YAML 只能用空格，请把 Tab 换成空格。"),
        ("unknown anchor", "以“*”开头的值被当作 YAML 的别名。", "如果是文字，请用引号把值括起来。"),
        ("anchor or alias", "以“&”或“*”开头的值被当作 YAML 的锚点或别名。", "如果是文字，请用引号把值括起来。"),
        ("comments must be separated", "“#”前面没有空格。", "如果“#”是文字的一部分，请用引号把值括起来。"),
        ("expected whitespace", "缺少空格。", "键和值之间写“: ”，列表项写“- ”。"),
        ("unexpected character", "这里有一个不该出现的字符。", "请检查这一行的标点：键、冒号、逗号和括号都要用英文半角。"),
        ("Documents", "文件里有多份文档（用“---”分隔）。", "一个文件只写一份报告。"),
        ("multiple", "文件里有多份文档（用“---”分隔）。", "一个文件只写一份报告。"),
        ("budget breached", "文件结构过于复杂（嵌套过深或别名引用过多），不像一份年度报告的数据。", "请检查文件是否选错。"),
        ("too large or too complex", "文件结构过于复杂（嵌套过深或别名引用过多），不像一份年度报告的数据。", "请检查文件是否选错。"),
        ("recursion limit", "文件结构过于复杂（嵌套过深或别名引用过多），不像一份年度报告的数据。", "请检查文件是否选错。"),
        ("document", "文件里有多份文档或文档标记（“---”“...”）。", "一个文件只写一份报告；请删去“---”和“...”行。"),
        ("invalid u32", "这里应填写整数。", "年度写四位数字，如 2025。"),
        ("null into string", "这里是空值。", "请填写内容；没有的数字填 0。"),
        ("null is not allowed", "这里是空值。", "请填写内容；没有的数字填 0。"),
        ("merge", "文件中用了 YAML 的合并键“<<”。", "请直接写出各项。"),
        ("tag ", "文件中用了 YAML 的标签（“!”开头）。", "如果“!”是文字的一部分，请用引号把值括起来。"),
        ("escape", "引号中的反斜杠“\\”写法不对。", "双引号中的“\\”要写成“\\\\”；也可以改用单引号或 | 写法。"),
        ("unexpected end", "文件在一项没有写完时结束了。", "请检查最后几行的缩进、冒号和括号。"),
        ("UTF-8", "文件不是 UTF-8 编码。", "请用编辑器“另存为”UTF-8 编码后重试。"),
    ];
    match known.iter().find(|(k, _, _)| text.contains(k)) {
        Some((_, m, hint)) => (zh(m), hint.to_string()),
        None => (
            zh(text),
            "请检查缩进和冒号：缩进只能用空格，不能用 Tab；冒号后要有一个空格。".into(),
        ),
    }
}

/// The bracket a line opens more often than it closes (outside quotes and
/// the comment): a row of figures “[” or a group “{” left open.
fn unclosed_bracket(line: &str) -> Option<(char, char)> {
    let code = line.split(" #").next().unwrap_or(line);
    if code.contains(['"', '\'', '|', '>']) {
        return None;
    }
    [('[', ']'), ('{', '}')]
        .into_iter()
        .find(|(open, close)| code.matches(*open).count() > code.matches(*close).count())
}

/// A mistake visible on one source line: a full-width colon after a key, a
/// full-width space after the colon, a reference or list at the start of a
/// plain text value.
fn line_cause(line: &str) -> Option<(String, String)> {
    let t = line.trim_start().trim_start_matches("- ");
    // “coercion:　0”: a full-width (or no-break) space after the colon.
    if let Some((key, rest)) = t.split_once(':') {
        let ascii_key =
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if ascii_key && rest.starts_with(['\u{3000}', '\u{a0}']) {
            let space = if rest.starts_with('\u{3000}') {
                "全角空格“　”"
            } else {
                "不换行空格"
            };
            return Some((
                format!("键“{key}”的冒号后面是{space}，YAML 不认作空格。"),
                format!(
                    "键和值之间要用英文冒号加一个半角空格：{key}: {}",
                    rest.trim_start_matches(['\u{3000}', '\u{a0}', ' '])
                ),
            ));
        }
    }
    // “licensing：1256”: an ASCII key, then a full-width colon.
    if let Some((key, value)) = t.split_once('：') {
        let key = key.trim_end();
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            let value = value.trim();
            return Some((
                format!("键“{key}”后面用了全角冒号“：”。"),
                format!("键和值之间要用英文冒号加一个空格：{key}: {value}"),
            ));
        }
    }
    if let Some((key, value)) = t.split_once(": ") {
        let value = value.trim_start();
        if !key.contains(['"', '\'', '[', '{']) && value.starts_with("{{") {
            return Some((
                format!("“{key}”的值以引用“{{{{”开头，YAML 会把“{{”当作键值对的开始。"),
                format!("请把整段文字用引号括起来：{key}: \"{}\"，或改用 | 写法（冒号后写“|”，文字从下一行起缩进书写）。", value.trim_end().replace('"', "\\\"")),
            ));
        }
    }
    None
}
