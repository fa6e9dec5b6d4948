//! The official 2021 format (国办公开办函〔2021〕30号) as data.
//!
//! Every printed label, every YAML key and every span of the three tables is
//! written here once. The loader, the templates and the tests read these
//! tables; nothing else types an official label. [`cells`] lists every
//! table cell with its path, reference name and label; [`document`] the
//! top-level fields and the named Table B rows.

pub mod cells;
pub mod document;

pub use document::{B_CARRIED_FORWARD, B_CARRIED_OVER, B_RECEIVED, B_TOTAL};

pub mod placeholders;

/// One of the six numbered sections of the report.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// The heading printed verbatim.
    pub heading: &'static str,
}

/// The six sections in print order.
pub const SECTIONS: [Section; 6] = [
    Section {
        heading: "一、总体情况",
    },
    Section {
        heading: "二、主动公开政府信息情况",
    },
    Section {
        heading: "三、收到和处理政府信息公开申请情况",
    },
    Section {
        heading: "四、政府信息公开行政复议、行政诉讼情况",
    },
    Section {
        heading: "五、存在的主要问题及改进情况",
    },
    Section {
        heading: "六、其他需要报告的事项",
    },
];

/// Default second title line; `{year}` is replaced by the report year.
pub const DEFAULT_TITLE_LINE: &str = "{year}年政府信息公开工作年度报告";

/// Default lead paragraph; `{year}` is replaced by the report year.
pub const DEFAULT_LEAD: &str = "本报告根据《中华人民共和国政府信息公开条例》（国令第711号）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）规定编制。本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分内容组成，所列数据的统计期限为{year}年1月1日到{year}年12月31日。";

/// Printed for section 六 when the author leaves it empty.
pub const DEFAULT_OTHER_MATTERS: &str = "本年度未收取信息处理费，无其他需要报告的事项。";

/// The five aspects that 一、总体情况 covers in practice, each a run-in
/// sub-head （一）…（五） (the 2021 notice lists them; used by `gxreport init`).
pub const OVERVIEW_ASPECTS: [&str; 5] = [
    "主动公开",
    "依申请公开",
    "政府信息管理",
    "政府信息公开平台建设",
    "监督保障",
];

// ---------------------------------------------------------------- Table A

/// What a Table A data row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AKind {
    /// 本年制发件数 · 本年废止件数 · 现行有效件数
    Documents,
    /// one count spanning three columns
    Count,
    /// a fee in 万元 spanning three columns
    Fee,
}

/// One data row of Table A.
#[derive(Debug, Clone, Copy)]
pub struct ARow {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: AKind,
}

/// A band of Table A: the 第二十条 item, its header row, its data rows.
#[derive(Debug, Clone, Copy)]
pub struct ABand {
    pub band: &'static str,
    /// Header cells after 信息内容; one cell spans three columns.
    pub headers: &'static [&'static str],
    pub rows: &'static [ARow],
}

pub const A_FIRST_HEADER: &str = "信息内容";

/// A number column: its YAML key and printed label.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

/// The three document counts of 第二十条第（一）项.
pub const A_DOCUMENT_COLUMNS: [Column; 3] = [
    Column {
        key: "issued",
        label: "本年制发件数",
    },
    Column {
        key: "repealed",
        label: "本年废止件数",
    },
    Column {
        key: "in_force",
        label: "现行有效件数",
    },
];

pub const TABLE_A: [ABand; 4] = [
    ABand {
        band: "第二十条第（一）项",
        headers: &[
            A_DOCUMENT_COLUMNS[0].label,
            A_DOCUMENT_COLUMNS[1].label,
            A_DOCUMENT_COLUMNS[2].label,
        ],
        rows: &[
            ARow {
                key: "rules",
                label: "规章",
                kind: AKind::Documents,
            },
            ARow {
                key: "normative_documents",
                label: "行政规范性文件",
                kind: AKind::Documents,
            },
        ],
    },
    ABand {
        band: "第二十条第（五）项",
        headers: &["本年处理决定数量"],
        rows: &[ARow {
            key: "licensing",
            label: "行政许可",
            kind: AKind::Count,
        }],
    },
    ABand {
        band: "第二十条第（六）项",
        headers: &["本年处理决定数量"],
        rows: &[
            ARow {
                key: "punishment",
                label: "行政处罚",
                kind: AKind::Count,
            },
            ARow {
                key: "coercion",
                label: "行政强制",
                kind: AKind::Count,
            },
        ],
    },
    ABand {
        band: "第二十条第（八）项",
        headers: &["本年收费金额（单位：万元）"],
        rows: &[ARow {
            key: "fees",
            label: "行政事业性收费",
            kind: AKind::Fee,
        }],
    },
];

/// The shading of Table A's band rows in the official template.
pub const A_BAND_FILL: &str = "#C6D9F1";

// ---------------------------------------------------------------- Table B

/// The six applicant columns, then 总计.
pub const B_COLUMNS: [Column; 7] = [
    Column {
        key: "natural_person",
        label: "自然人",
    },
    Column {
        key: "commercial",
        label: "商业企业",
    },
    Column {
        key: "research",
        label: "科研机构",
    },
    Column {
        key: "public_interest",
        label: "社会公益组织",
    },
    Column {
        key: "legal_services",
        label: "法律服务机构",
    },
    Column {
        key: "other",
        label: "其他",
    },
    Column {
        key: "total",
        label: "总计",
    },
];
/// Index of 总计 in [`B_COLUMNS`].
pub const B_TOTAL_COLUMN: usize = 6;

pub const B_CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const B_APPLICANTS: &str = "申请人情况";
pub const B_ORGANISATIONS: &str = "法人或其他组织";

/// A group of Table B rows under one label: 三、本年度办理结果 or （三）…（六）.
#[derive(Debug, Clone, Copy)]
pub struct BGroup {
    /// YAML key of the group's mapping (None for 三、, whose rows sit at top level).
    pub key: Option<&'static str>,
    pub label: &'static str,
}

pub const B_RESULTS: BGroup = BGroup {
    key: None,
    label: "三、本年度办理结果",
};

/// Where a Table B row sits in the label columns.
#[derive(Debug, Clone, Copy)]
pub enum BPlace {
    /// 一、二、四: the label spans all three label columns.
    Top,
    /// （一）（二）（七）: under 三、, the label spans two columns.
    Result,
    /// 1.… under （三）…（六）: third label column.
    Item(BGroup),
}

/// One of the 25 body rows of Table B.
#[derive(Debug, Clone, Copy)]
pub struct BRow {
    pub key: &'static str,
    pub label: &'static str,
    pub place: BPlace,
}

impl BRow {
    /// The YAML path of this row, e.g. `refused.state_secret`.
    pub fn path(&self) -> String {
        match self.place {
            BPlace::Item(BGroup {
                key: Some(group), ..
            }) => format!("{group}.{}", self.key),
            _ => self.key.to_string(),
        }
    }
    /// True for rows that R2 adds up into （七）总计.
    pub fn is_leaf_result(&self) -> bool {
        matches!(self.place, BPlace::Item(_))
            || (matches!(self.place, BPlace::Result) && self.key != B_TOTAL_ROW)
    }
}

/// The sum (saturating) over the 21 rows that （七）总计 adds up, of one
/// value per row: `rows` are Table B's rows in [`TABLE_B`] order.
pub fn sum_of_leaves<R>(rows: &[R], value: impl Fn(&R) -> u64) -> u64 {
    TABLE_B
        .iter()
        .zip(rows)
        .filter(|(spec, _)| spec.is_leaf_result())
        .fold(0u64, |a, (_, row)| a.saturating_add(value(row)))
}

const REFUSED: BGroup = BGroup {
    key: Some("refused"),
    label: "（三）不予公开",
};
const UNAVAILABLE: BGroup = BGroup {
    key: Some("unavailable"),
    label: "（四）无法提供",
};
const NOT_PROCESSED: BGroup = BGroup {
    key: Some("not_processed"),
    label: "（五）不予处理",
};
const OTHER_HANDLING: BGroup = BGroup {
    key: Some("other_handling"),
    label: "（六）其他处理",
};

/// The groups of 三、本年度办理结果 that hold numbered items.
pub const B_ITEM_GROUPS: [BGroup; 4] = [REFUSED, UNAVAILABLE, NOT_PROCESSED, OTHER_HANDLING];

/// Key of the （七）总计 row, which may be omitted and is then computed.
pub const B_TOTAL_ROW: &str = "total";

const fn item(key: &'static str, label: &'static str, group: BGroup) -> BRow {
    BRow {
        key,
        label,
        place: BPlace::Item(group),
    }
}

pub const TABLE_B: [BRow; 25] = [
    BRow {
        key: "received",
        label: "一、本年新收政府信息公开申请数量",
        place: BPlace::Top,
    },
    BRow {
        key: "carried_over",
        label: "二、上年结转政府信息公开申请数量",
        place: BPlace::Top,
    },
    BRow {
        key: "granted",
        label: "（一）予以公开",
        place: BPlace::Result,
    },
    BRow {
        key: "partly_granted",
        label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        place: BPlace::Result,
    },
    item("state_secret", "1.属于国家秘密", REFUSED),
    item("prohibited", "2.其他法律行政法规禁止公开", REFUSED),
    item("three_safeties", "3.危及“三安全一稳定”", REFUSED),
    item("third_party", "4.保护第三方合法权益", REFUSED),
    item("internal_affairs", "5.属于三类内部事务信息", REFUSED),
    item("process_info", "6.属于四类过程性信息", REFUSED),
    item("enforcement_files", "7.属于行政执法案卷", REFUSED),
    item("query_matters", "8.属于行政查询事项", REFUSED),
    item("not_held", "1.本机关不掌握相关政府信息", UNAVAILABLE),
    item("needs_creation", "2.没有现成信息需要另行制作", UNAVAILABLE),
    item("still_unclear", "3.补正后申请内容仍不明确", UNAVAILABLE),
    item("petitions", "1.信访举报投诉类申请", NOT_PROCESSED),
    item("repeated", "2.重复申请", NOT_PROCESSED),
    item("publications", "3.要求提供公开出版物", NOT_PROCESSED),
    item("mass_repeated", "4.无正当理由大量反复申请", NOT_PROCESSED),
    item(
        "confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        NOT_PROCESSED,
    ),
    item(
        "no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        OTHER_HANDLING,
    ),
    item(
        "fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        OTHER_HANDLING,
    ),
    item("other", "3.其他", OTHER_HANDLING),
    BRow {
        key: B_TOTAL_ROW,
        label: "（七）总计",
        place: BPlace::Result,
    },
    BRow {
        key: "carried_forward",
        label: "四、结转下年度继续办理",
        place: BPlace::Top,
    },
];

/// Number of rows a group label spans in Table B (三、 spans its results and all items).
pub fn b_group_span(label: &str) -> usize {
    let in_results = label == B_RESULTS.label;
    TABLE_B
        .iter()
        .filter(|r| match r.place {
            BPlace::Item(g) => in_results || g.label == label,
            BPlace::Result => in_results,
            BPlace::Top => false,
        })
        .count()
}

// ---------------------------------------------------------------- Table C

/// A column group of Table C: 行政复议, 未经复议直接起诉, 复议后起诉.
#[derive(Debug, Clone, Copy)]
pub struct CGroup {
    pub key: &'static str,
    pub label: &'static str,
}

pub const C_REVIEW: &str = "行政复议";
pub const C_LITIGATION: &str = "行政诉讼";

pub const C_GROUPS: [CGroup; 3] = [
    CGroup {
        key: "review",
        label: C_REVIEW,
    },
    CGroup {
        key: "direct_suit",
        label: "未经复议直接起诉",
    },
    CGroup {
        key: "suit_after_review",
        label: "复议后起诉",
    },
];

/// The five columns of each group; the last (总计) may be omitted and is then computed.
pub const C_COLUMNS: [Column; 5] = [
    Column {
        key: "upheld",
        label: "结果维持",
    },
    Column {
        key: "corrected",
        label: "结果纠正",
    },
    Column {
        key: "other",
        label: "其他结果",
    },
    Column {
        key: "pending",
        label: "尚未审结",
    },
    Column {
        key: "total",
        label: "总计",
    },
];
/// Index of 总计 in [`C_COLUMNS`].
pub const C_TOTAL_COLUMN: usize = 4;

/// Every official label, in the order it is printed in the report.
pub fn labels_in_print_order() -> Vec<&'static str> {
    let mut out = vec![SECTIONS[0].heading, SECTIONS[1].heading];
    for band in &TABLE_A {
        out.push(band.band);
        out.push(A_FIRST_HEADER);
        out.extend(band.headers.iter().copied());
        out.extend(band.rows.iter().map(|r| r.label));
    }
    out.extend([
        SECTIONS[2].heading,
        B_CORNER,
        B_APPLICANTS,
        B_COLUMNS[0].label,
        B_ORGANISATIONS,
    ]);
    out.push(B_COLUMNS[B_TOTAL_COLUMN].label);
    out.extend(B_COLUMNS[1..B_TOTAL_COLUMN].iter().map(|c| c.label));
    let mut group = None;
    for row in &TABLE_B {
        match row.place {
            BPlace::Result if group.is_none() => {
                out.push(B_RESULTS.label);
                group = Some(B_RESULTS.label);
            }
            BPlace::Item(g) if group != Some(g.label) => {
                out.push(g.label);
                group = Some(g.label);
            }
            _ => {}
        }
        out.push(row.label);
    }
    out.extend([SECTIONS[3].heading, C_REVIEW, C_LITIGATION]);
    out.extend(C_COLUMNS.iter().map(|c| c.label));
    out.extend([C_GROUPS[1].label, C_GROUPS[2].label]);
    for _ in 0..2 {
        out.extend(C_COLUMNS.iter().map(|c| c.label));
    }
    out.extend([SECTIONS[4].heading, SECTIONS[5].heading]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_the_official_format() {
        assert_eq!(b_group_span("三、本年度办理结果"), 22);
        assert_eq!(b_group_span("（三）不予公开"), 8);
        assert_eq!(b_group_span("（四）无法提供"), 3);
        assert_eq!(b_group_span("（五）不予处理"), 5);
        assert_eq!(b_group_span("（六）其他处理"), 3);
    }

    #[test]
    fn leaf_rows_add_up_to_the_total() {
        // （一）1 + （二）1 + （三）8 + （四）3 + （五）5 + （六）3 = 21 rows (FORMAT.md's
        // “20 leaf rows” miscounts); with （七）总计 they make the 22 rows of 三、.
        assert_eq!(TABLE_B.iter().filter(|r| r.is_leaf_result()).count(), 21);
    }

    #[test]
    fn yaml_paths_are_unique() {
        let mut paths: Vec<String> = TABLE_B.iter().map(BRow::path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), TABLE_B.len());
    }
}
