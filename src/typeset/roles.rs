//! The typeface roles of GB/T 9704 and which families may play them: the
//! official (proprietary) families first, in order of preference, then the
//! embedded open face. Names are those Typst matches (name ID 1).

/// One role of the layout.
#[derive(Debug, Clone, Copy)]
pub struct Role {
    /// Key used in `fonts.json` and by `style.typ`.
    pub key: &'static str,
    /// The role's name for a clerk.
    pub name: &'static str,
    /// Official families, most preferred first.
    pub official: &'static [&'static str],
    /// The embedded open face that plays the role when none is installed.
    pub embedded: &'static str,
    /// Whether Latin letters and digits come from the Latin role's face.
    pub latin_digits: bool,
    /// Embedded faces nearest in style that print what the role's face lacks,
    /// before the last resort [`FALLBACK`] (a 宋 face with every URO and Ext A
    /// character). There is no open heavy serif or sans with wide coverage
    /// small enough to embed, so 小标宋 and 黑体 fall back to the 宋 face.
    pub fallbacks: &'static [&'static str],
}

/// Covers every CJK character the other faces lack (all of URO and Ext A).
pub const FALLBACK: &str = "Noto Serif SC";

/// The embedded 仿宋: 朱雀仿宋 (Zhuque Fangsong), subset and renamed.
pub const FANGSONG: &str = "GX FangSong";

/// Latin letters and digits (Times-like).
pub const LATIN: Role = Role {
    key: "latin",
    name: "数字和西文（Times 类）",
    official: &["Times New Roman"],
    embedded: "TeX Gyre Termes",
    latin_digits: false,
    fallbacks: &[],
};

pub const ROLES: [Role; 5] = [
    Role {
        key: "title",
        name: "标题（小标宋）",
        official: &["FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"],
        embedded: "GX BiaoSong",
        latin_digits: false,
        fallbacks: &[],
    },
    Role {
        key: "body",
        name: "正文（仿宋）",
        official: &[
            "FangSong_GB2312",
            "FZFangSong-Z02S",
            "FZFangSong-Z02",
            "FangSong",
            "STFangsong",
        ],
        embedded: FANGSONG,
        latin_digits: true,
        fallbacks: &[],
    },
    Role {
        key: "hei",
        name: "一级标题（黑体）",
        official: &["SimHei", "FZHei-B01S", "FZHei-B01", "STHeiti", "Heiti SC"],
        embedded: "GX Hei",
        latin_digits: true,
        fallbacks: &[],
    },
    Role {
        key: "kai",
        name: "二级标题（楷体）",
        official: &[
            "KaiTi_GB2312",
            "FZKai-Z03S",
            "FZKai-Z03",
            "KaiTi",
            "STKaiti",
        ],
        embedded: "GX Kai",
        latin_digits: true,
        // 仿宋 is the brush-drawn face nearest to 楷.
        fallbacks: &[FANGSONG],
    },
    Role {
        key: "table",
        name: "表格（宋体）",
        official: &["SimSun", "FZShuSong-Z01S", "STSong"],
        // GB2312 of the fallback's own design (the labels need no more), so
        // a build never loads the 11 MiB fallback for the tables.
        embedded: "GX Song",
        latin_digits: true,
        fallbacks: &[],
    },
];

/// Every official family name of every role (to pick them out of a system scan).
pub fn official_families() -> impl Iterator<Item = &'static str> {
    ROLES
        .iter()
        .chain([&LATIN])
        .flat_map(|r| r.official.iter().copied())
}
