//! The table of text hazards: every character a clerk cannot see or cannot
//! tell from the intended one, what it is called, and what is done with it.

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
        // Only inside a line's text (normalise leaves indentation alone,
        // where the parser explains a tab).
        '\t' => (Fix::Space, "制表符（Tab）"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::hazards::{code_point, normalise};

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
}
