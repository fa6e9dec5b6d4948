//! Text hazards: characters a clerk cannot see or cannot tell apart from the
//! intended ones (pasted from Word, web pages or PDFs). One table, applied to
//! the whole YAML text before it is parsed, so keys, numbers and every text
//! field are treated alike: each hazard is normalised and named in a warning
//! (line, column, code point), never left for the typesetter to trip on.

use std::cell::RefCell;
use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Pos, Severity};
use crate::report::prose::is_wide;

/// What is done with a hazard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// Invisible: deleted.
    Remove,
    /// A look-alike or an odd space: replaced by this character.
    Replace(char),
    /// An odd space (no-break, en, thin…): deleted between Hanzi (Chinese
    /// text has no spaces there; Word and web pages put them in for
    /// justification), an ordinary space elsewhere (indentation, after “:”).
    Space,
    /// A line break inside a line (U+2028, vertical tab…): joined the way
    /// line breaks inside a paragraph are (nothing between Hanzi, else a space).
    Join,
    /// A radical with no single equivalent character: kept, but named.
    Keep,
}

/// The warning code of every hazard.
pub const CODE: &str = "W-CHAR";

/// Kangxi radicals U+2F00–U+2FD5, each as its unified ideograph (NFKC).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// CJK Radicals Supplement forms that stand for one unified ideograph
/// (Unicode's EquivalentUnifiedIdeograph data, the forms met in pasted text).
const SUPPLEMENT: [(char, char); 41] = [
    ('\u{2E85}', '亻'),
    ('\u{2E89}', '刂'),
    ('\u{2E98}', '扌'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA1}', '氵'),
    ('\u{2EA3}', '灬'),
    ('\u{2EA8}', '犭'),
    ('\u{2EB0}', '纟'),
    ('\u{2EBE}', '艹'),
    ('\u{2EBF}', '艹'),
    ('\u{2EC0}', '艹'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECB}', '车'),
    ('\u{2ECC}', '辶'),
    ('\u{2ECD}', '辶'),
    ('\u{2ECF}', '阝'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED6}', '阝'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEC}', '齐'),
    ('\u{2EF3}', '龟'),
];

/// The table: what a character is called and what is done with it; None for
/// ordinary characters. Tab, line feed and carriage return are YAML's own.
pub fn classify(c: char) -> Option<(Fix, &'static str)> {
    let u = c as u32;
    Some(match c {
        '\u{00A0}' => (Fix::Space, "不换行空格"),
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => (Fix::Space, "特殊宽度空格"),
        '\u{200B}' => (Fix::Remove, "零宽空格"),
        '\u{200C}' | '\u{200D}' => (Fix::Remove, "零宽连接符"),
        '\u{2060}' => (Fix::Remove, "词连接符"),
        '\u{FEFF}' => (Fix::Remove, "字节顺序标记 BOM"),
        '\u{00AD}' => (Fix::Remove, "软连字符"),
        '\u{2028}' => (Fix::Join, "行分隔符"),
        '\u{2029}' => (Fix::Join, "段分隔符"),
        '\u{000B}' => (Fix::Join, "垂直制表符（Word 的手动换行）"),
        '\u{000C}' => (Fix::Join, "换页符"),
        '\u{0085}' => (Fix::Join, "下一行符"),
        '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}' => (Fix::Remove, "文字方向控制符"),
        '\u{180E}'
        | '\u{2061}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FFF9}'..='\u{FFFB}' => (Fix::Remove, "不可见格式字符"),
        '\u{E0001}' | '\u{E0020}'..='\u{E007F}' => (Fix::Remove, "不可见标签字符"),
        '\u{2F00}'..='\u{2FD5}' => {
            let i = (u - 0x2F00) as usize;
            match KANGXI.chars().nth(i) {
                Some(to) => (Fix::Replace(to), "康熙部首"),
                None => (Fix::Keep, "康熙部首"),
            }
        }
        '\u{2E80}'..='\u{2EFF}' => match SUPPLEMENT.iter().find(|(f, _)| *f == c) {
            Some((_, to)) => (Fix::Replace(*to), "中日韩部首补充"),
            None => (Fix::Keep, "中日韩部首补充"),
        },
        '\u{0000}'..='\u{0008}' | '\u{000E}'..='\u{001F}' | '\u{007F}'..='\u{009F}' => {
            (Fix::Remove, "控制字符")
        }
        '\u{FE00}'..='\u{FE0F}' | '\u{034F}' => (Fix::Remove, "变体选择符"),
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{17B4}' | '\u{17B5}' => {
            (Fix::Remove, "不可见填充字符")
        }
        // Every other format character (general category Cf) is invisible too.
        _ if unicode_general_category::get_general_category(c)
            == unicode_general_category::GeneralCategory::Format =>
        {
            (Fix::Remove, "不可见格式字符")
        }
        _ => return None,
    })
}

/// One hazard as found: 1-based line and column (characters) in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hazard {
    pub line: u32,
    pub column: u32,
    pub ch: char,
    pub fix: Fix,
    /// What was put in its place ("" when deleted).
    pub became: String,
    /// Inside a YAML comment line: fixed without a word.
    pub in_comment: bool,
}

/// The text after the table was applied, and what was changed where.
#[derive(Debug, Clone, Default)]
pub struct Normalised {
    pub text: String,
    pub hazards: Vec<Hazard>,
    /// Per line, the original columns of characters that were deleted.
    removed: BTreeMap<u32, Vec<u32>>,
}

impl Normalised {
    /// The column in the original text of a column in the normalised one.
    pub fn original_column(&self, line: u32, column: u32) -> u32 {
        let mut o = column;
        if let Some(cols) = self.removed.get(&line) {
            for &c in cols {
                if c <= o {
                    o += 1;
                }
            }
        }
        o
    }

    /// A position in the normalised text as a position in the original.
    pub fn original(&self, p: Pos) -> Pos {
        Pos {
            line: p.line,
            column: self.original_column(p.line, p.column),
        }
    }
}

/// Apply the table to a whole text (a YAML file or one value).
pub fn normalise(src: &str) -> Normalised {
    let mut out = Normalised::default();
    if !src.chars().any(|c| classify(c).is_some()) {
        out.text = src.to_string();
        return out;
    }
    let mut text = String::with_capacity(src.len());
    for (n, line) in src.split_inclusive('\n').enumerate() {
        let line_no = n as u32 + 1;
        let in_comment = line.trim_start().starts_with('#');
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let Some((fix, _)) = classify(c) else {
                text.push(c);
                continue;
            };
            let became = match fix {
                Fix::Remove => String::new(),
                Fix::Replace(to) => to.to_string(),
                Fix::Keep => c.to_string(),
                Fix::Space => {
                    let before = text.chars().last();
                    let after = chars[i + 1..]
                        .iter()
                        .copied()
                        .find(|c| classify(*c).is_none());
                    let inside = before
                        .is_some_and(|b| !b.is_whitespace() && !":-[{,#".contains(b))
                        && after.is_some_and(|a| !a.is_whitespace());
                    if inside && (before.is_some_and(is_wide) || after.is_some_and(is_wide)) {
                        String::new()
                    } else {
                        " ".into()
                    }
                }
                Fix::Join => {
                    let before = text.chars().last().filter(|c| *c != '\n');
                    let after = chars[i + 1..]
                        .iter()
                        .copied()
                        .find(|c| classify(*c).is_none());
                    let wide = before.is_some_and(is_wide) || after.is_some_and(is_wide);
                    let edge = before.is_none_or(char::is_whitespace)
                        || after.is_none_or(char::is_whitespace);
                    if wide || edge {
                        String::new()
                    } else {
                        " ".into()
                    }
                }
            };
            if became.is_empty() {
                out.removed.entry(line_no).or_default().push(i as u32 + 1);
            }
            text.push_str(&became);
            out.hazards.push(Hazard {
                line: line_no,
                column: i as u32 + 1,
                ch: c,
                fix,
                became,
                in_comment,
            });
        }
    }
    out.text = text;
    out
}

/// The warnings for the hazards of one file: one per line and kind of
/// character, naming each code point.
pub fn findings(n: &Normalised, file: &str) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<(u32, &'static str), Vec<&Hazard>> = BTreeMap::new();
    for h in n.hazards.iter().filter(|h| !h.in_comment) {
        let name = classify(h.ch).map(|(_, n)| n).unwrap_or_default();
        groups.entry((h.line, name)).or_default().push(h);
    }
    let mut out: Vec<Diagnostic> = groups
        .into_iter()
        .map(|((_, name), hs)| finding(&hs, name, file))
        .collect();
    out.sort_by_key(|d| d.pos.map(|p| (p.line, p.column)));
    out
}

/// “U+200B”
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn finding(hs: &[&Hazard], name: &str, file: &str) -> Diagnostic {
    let first = hs[0];
    let mut chars: Vec<char> = Vec::new();
    for h in hs {
        if !chars.contains(&h.ch) {
            chars.push(h.ch);
        }
    }
    let points = chars
        .iter()
        .map(|c| code_point(*c))
        .collect::<Vec<_>>()
        .join("、");
    let count = if hs.len() > 1 {
        format!("（共 {} 处）", hs.len())
    } else {
        String::new()
    };
    let (message, hint) = match first.fix {
        Fix::Remove => (
            format!("这一行有看不见的字符 {points}（{name}）{count}，印出来会出错或多出空隙，已删除。"),
            "这类字符多来自从 Word、网页或 PDF 复制的文字，已自动处理；在编辑器中删除后此警告消失。",
        ),
        Fix::Space => {
            let removed = hs.iter().filter(|h| h.became.is_empty()).count();
            let done = if removed == hs.len() {
                "紧挨着汉字，印出来会多出空隙，已删除"
            } else if removed == 0 {
                "已换成普通空格"
            } else {
                "紧挨着汉字的已删除，其余已换成普通空格"
            };
            (
                format!("这一行有 {points}（{name}）{count}，{done}。"),
                "这类空格多来自从 Word 或网页复制的文字；中文之间不空格，需要空格处请用普通空格。",
            )
        }
        Fix::Replace(_) => {
            let each = chars
                .iter()
                .map(|c| match classify(*c) {
                    Some((Fix::Replace(to), _)) => {
                        format!("“{c}”（{}）→“{to}”", code_point(*c))
                    }
                    _ => format!("“{c}”（{}）", code_point(*c)),
                })
                .collect::<Vec<_>>()
                .join("、");
            (
                format!("这一行有{name}{count}：{each}。它们看起来像汉字，但 PDF 中的文字和检索会是部首符号，已改为对应的汉字。"),
                "这类字符多来自从 PDF 复制的文字；请在编辑器中改为正常的汉字，此警告即消失。",
            )
        }
        Fix::Join => (
            format!("这一行有 {points}（{name}）{count}，已按段内换行处理（接在一起）。"),
            "段落之间请空一行；同一段内的换行会自动接上。",
        ),
        Fix::Keep => (
            format!(
                "这一行有{name}{count}：{}。它们是部首符号而不是汉字，PDF 中的文字和检索会与所见不同。",
                chars
                    .iter()
                    .map(|c| format!("“{c}”（{}）", code_point(*c)))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            "请改为对应的汉字。",
        ),
    };
    Diagnostic {
        severity: Severity::Warning,
        hint: Some(hint.into()),
        width: Some(1),
        ..Diagnostic::error(
            CODE,
            file,
            Some(Pos {
                line: first.line,
                column: first.column,
            }),
            message,
        )
    }
}

// The normalised → original column map of the file being loaded, for the
// positions serde-saphyr reports while parsing the normalised text.
thread_local! {
    static CURRENT: RefCell<Option<Normalised>> = const { RefCell::new(None) };
}

/// Make `n` the text and map used by [`original`] and [`source_at`] until [`clear`].
pub(super) fn set_current(n: &Normalised) {
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Normalised {
            text: n.text.clone(),
            hazards: Vec::new(),
            removed: n.removed.clone(),
        })
    });
}

/// The text being parsed from the start of a node on (empty when unknown),
/// for what serde does not tell: was a value quoted, is a list coming.
pub(super) fn source_at<R>(at: &serde_saphyr::Location, f: impl FnOnce(&str) -> R) -> R {
    CURRENT.with(|c| {
        let c = c.borrow();
        let text = c.as_ref().map_or("", |n| n.text.as_str());
        let start = at.span().byte_offset().unwrap_or(u64::MAX) as usize;
        f(text.get(start..).unwrap_or(""))
    })
}

/// Whether the scalar at `at` was written in quotes.
pub(super) fn quoted(at: &serde_saphyr::Location) -> bool {
    source_at(at, |s| s.starts_with(['"', '\'']))
}

/// Whether the value after the key at `key` is a list (`[…]` or `- ` lines).
pub(super) fn list_follows(key: &serde_saphyr::Location) -> bool {
    source_at(key, |s| {
        let len = key.span().byte_len().unwrap_or(0) as usize;
        let Some(after) = s.get(len..) else {
            return false;
        };
        let after = after.trim_start_matches(['"', '\'']).trim_start();
        let Some(after) = after.strip_prefix(':') else {
            return false;
        };
        let rest = after.trim_start_matches([' ', '\t']);
        if rest.starts_with('[') {
            return true;
        }
        // A block list on the following lines.
        rest.starts_with(['\n', '\r', '#'])
            && rest
                .lines()
                .skip(1)
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .is_some_and(|l| l == "-" || l.starts_with("- "))
    })
}

pub(super) fn clear() {
    CURRENT.with(|c| *c.borrow_mut() = None);
}

/// A parser position as a position in the file the clerk wrote.
pub(super) fn original(p: Pos) -> Pos {
    CURRENT.with(|c| c.borrow().as_ref().map_or(p, |n| n.original(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_character_is_in_the_table() {
        use unicode_general_category::{get_general_category, GeneralCategory};
        let format = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| get_general_category(*c) == GeneralCategory::Format);
        for c in format {
            assert!(
                matches!(classify(c), Some((Fix::Remove, _))),
                "{}",
                code_point(c)
            );
        }
    }

    #[test]
    fn kangxi_radicals_become_hanzi() {
        assert_eq!(normalise("⼯⼈⾏⽂").text, "工人行文");
        assert_eq!(KANGXI.chars().count(), 0x2FD6 - 0x2F00);
    }

    #[test]
    fn invisible_characters_go_and_columns_map_back() {
        let n = normalise("a: 甲\u{200B}乙\u{2060}丙 x\n");
        assert_eq!(n.text, "a: 甲乙丙 x\n");
        assert_eq!(n.original_column(1, 7), 9);
        assert_eq!(n.original_column(1, 4), 4);
        assert_eq!(n.hazards.len(), 2);
    }

    #[test]
    fn line_separators_join_like_a_paragraph() {
        assert_eq!(normalise("甲\u{2028}乙").text, "甲乙");
        assert_eq!(normalise("ab\u{000B}cd").text, "ab cd");
        assert_eq!(normalise("a:\u{00A0}1").text, "a: 1");
        assert_eq!(normalise("信息\u{00A0}120条").text, "信息120条");
        assert_eq!(normalise("GB/T\u{00A0}9704").text, "GB/T 9704");
    }
}
