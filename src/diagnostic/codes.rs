//! The one table of finding codes: what each means, how severe it is and
//! whether it stops `build` (and so makes `check` fail). Every decision on
//! severity or blocking reads this table, never the letters of a code.

use super::{Diagnostic, Severity};

/// When a finding stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Never: a warning.
    Never,
    /// Always: the report cannot be printed as meant.
    Always,
    /// Unless `--allow-inconsistent` (reprinting a published report as it was).
    UnlessInconsistentAllowed,
    /// Unless `--draft` (a draft may still hold the skeleton's placeholders).
    UnlessDraft,
}

/// One code of the table.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    pub gate: Gate,
    /// What the code is about, in Chinese (README and `check` summaries).
    pub about: &'static str,
}

const fn code(id: &'static str, severity: Severity, gate: Gate, about: &'static str) -> Code {
    Code {
        id,
        severity,
        gate,
        about,
    }
}

use Gate::*;
use Severity::{Error, Warning};

/// Every code gxreport reports. Codes not listed (none should be) count as
/// blocking errors or non-blocking warnings by their severity.
#[rustfmt::skip]
pub const CODES: &[Code] = &[
    code(
        "R1",
        Error,
        UnlessInconsistentAllowed,
        "表三每一列：新收 + 上年结转 = 总计 + 结转下年度",
    ),
    code(
        "R2",
        Error,
        UnlessInconsistentAllowed,
        "表三每一列：写出的（七）总计 = （一）至（六）各项之和",
    ),
    code(
        "R3",
        Error,
        UnlessInconsistentAllowed,
        "表三每一行：写出的总计 = 各列之和",
    ),
    code(
        "R4",
        Error,
        UnlessInconsistentAllowed,
        "表四每一组：写出的总计 = 各项之和",
    ),
    code(
        "R5",
        Error,
        Always,
        "件数是 0 或正整数；收费金额是非负的数字",
    ),
    code(
        "X1",
        Warning,
        Never,
        "本年上年结转 = 上年结转下年度继续办理",
    ),
    code(
        "X2",
        Warning,
        Never,
        "现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止",
    ),
    code("X3", Warning, Never, "文字中手写的数字与表格一致"),
    code("E-FILE", Error, Always, "文件无法读取"),
    code("E-YAML", Error, Always, "YAML 语法错误"),
    code("E-KEY", Error, Always, "未知的键"),
    code("E-MISSING", Error, Always, "缺少必填项"),
    code("E-TYPE", Error, Always, "类型不对"),
    code("E-VALUE", Error, Always, "取值不对"),
    code("E-DUPLICATE", Error, Always, "重复的键"),
    code("E-LENGTH", Error, Always, "一行数字个数不对"),
    code("E-REF", Error, Always, "引用的数字不存在"),
    code("E-EMPTY", Error, Always, "必填的内容是空的"),
    code("E-YEAR", Error, Always, "报告年度不对（须为 2021 年及以后的四位数）"),
    code("E-DATE", Error, Always, "成文日期不是日历上的日子"),
    code("E-2019", Error, Always, "2019 年版格式的表格"),
    code("E-IMPORT", Error, Always, "已发布的报告无法完整读入"),
    code("E-GLYPH", Error, Always, "字体中没有这个字"),
    code("E-TYPESET", Error, Always, "排版失败"),
    code("E-LAYOUT", Error, Always, "排好的版面缺字或有字排出版心"),
    code("E-EXPORT", Error, Always, "无法写出 PDF"),
    code("W-ENCODING", Warning, Never, "文件不是 UTF-8 编码，已自动读取"),
    code("W-CHAR", Warning, Never, "看不见的字符或形近字符，已去掉或改正"),
    code("W-FOLDED", Warning, Never, "多行文字按原样分行读取"),
    code("W-COMMENT", Warning, Never, "文字中的“ #”被当成了注释"),
    code("W-COMMA", Warning, Never, "一行数字用了中文逗号"),
    code("W-2019", Warning, Never, "2019 年版的（六）其他处理一行，按 3.其他 读取"),
    code("W-YEAR", Warning, Never, "文字中的年度与报告年度不一致"),
    code("W-DATE", Warning, Never, "成文日期不在应有的时间内"),
    code("W-FEE", Warning, Never, "收费金额过大，是否误填为元"),
    code("W-ROW", Warning, Never, "表三一行的“其他”等于前五栏之和，可能少写了一个数"),
    code("W-IMPORT", Warning, Never, "已发布的报告有旧格式或须按官方列序读入的部分"),
    code("W-BLANK", Warning, Never, "已发布的报告中印为空白的格子，按 0 读入"),
    code("W-GLYPH", Warning, Never, "字由备用字体印出"),
    code("W-NUMBER", Warning, Never, "小标题自带的序号已去掉，由程序编号"),
    code("W-TEXT", Warning, Never, "从 Word 粘贴的换行符或不换行空格已去掉"),
    code("W-FIGURE", Warning, Never, "数字太宽，缩小后仍放不进表格的格子"),
    code("W-PREVIOUS", Warning, Never, "--previous 给出的不是同一机关上一年度的报告"),
    code("W-PLACEHOLDER", Warning, UnlessDraft, "仍是待填写的提示文字"),
    code("W-UNCHECKED", Warning, Never, "有读不出的值，依赖它们的规则这次没有检查"),
    code("W-UNFILLED", Warning, UnlessDraft, "Word 草稿中没有填写数字的格子"),
    // `gxreport review` (the 公开办's review of a folder): never a report's
    // own check, so never blocking; their level for a 公开办 (问题/提醒/信息)
    // is in src/review/finding.rs.
    code("V-MISSING", Warning, Never, "名单上的单位没有报告"),
    code("V-LATE", Warning, Never, "成文日期晚于名单或《条例》规定的公开期限"),
    code("V-EXTRA", Warning, Never, "报告的机关不在名单上"),
    code("V-DUP", Warning, Never, "同一机关同一年度有两份报告"),
    code("V-COPY", Warning, Never, "全文与本单位上年报告雷同"),
    code("V-COPYSEC", Warning, Never, "一个部分的文字与本单位上年报告雷同"),
    code("V-TABLE", Warning, Never, "表格与上年逐格相同且有不为 0 的数字"),
    code("V-THIN", Warning, Never, "“五、存在的主要问题及改进情况”内容空泛"),
    code("V-FEE", Warning, Never, "“六、其他需要报告的事项”没有说明信息处理费的收取情况"),
    code("V-SUM", Warning, Never, "汇总报告不等于文件夹中各单位报告之和"),
    code("V-RULES", Warning, Never, "不能制定规章的机关填了规章的数字"),
    code("V-NAME", Warning, Never, "标题、落款或名单中的机关名称与报告的机关不是同一写法"),
    code("V-FILED", Warning, Never, "发布的报告与报送审核的版本数字不同"),
    code("V-FILEDTEXT", Warning, Never, "发布的报告与报送审核的版本文字不同"),
    code("V-NOFILED", Warning, Never, "报送审核的文件夹中没有本单位的报告"),
    code("V-NOPREV", Warning, Never, "上年的文件夹中没有本单位的报告，没有比对雷同"),
];

/// The table's entry for `id`.
pub fn lookup(id: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.id == id)
}

/// The severity a finding with this code has.
pub fn severity(id: &str) -> Severity {
    lookup(id).map_or(Severity::Error, |c| c.severity)
}

/// What the build was asked to tolerate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Leniency {
    /// `--allow-inconsistent`: R1–R4 do not stop the build.
    pub allow_inconsistent: bool,
    /// `--draft`: placeholders do not stop the build.
    pub draft: bool,
}

/// Whether this finding stops a build made with `leniency`.
pub fn blocks(d: &Diagnostic, leniency: Leniency) -> bool {
    let gate = lookup(d.code).map_or(
        match d.severity {
            Severity::Error => Always,
            Severity::Warning => Never,
        },
        |c| c.gate,
    );
    match gate {
        Never => false,
        Always => true,
        UnlessInconsistentAllowed => !leniency.allow_inconsistent,
        UnlessDraft => !leniency.draft,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code the crate's source creates is in the table, once.
    #[test]
    fn every_code_in_the_source_is_in_the_table() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let re = regex::Regex::new(r#""([EWV]-[A-Z0-9]+|[RX][0-9])""#).unwrap();
        let mut stack = vec![std::path::PathBuf::from(src)];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("codes.rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                seen.extend(re.captures_iter(&text).map(|c| c[1].to_string()));
            }
        }
        assert!(seen.len() > 20, "{seen:?}");
        for id in &seen {
            assert!(lookup(id).is_some(), "{id} is not in the table of codes");
        }
        let mut ids: Vec<&str> = CODES.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CODES.len(), "a code is listed twice");
    }
}
