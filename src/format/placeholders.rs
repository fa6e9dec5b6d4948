//! The placeholder texts that `init` and `aggregate` write for the author to
//! replace, as data: the writers print them, `check` warns while any is left
//! (W-PLACEHOLDER) and `build` refuses them unless `--draft`.
//!
//! Every placeholder is one whole instruction in full-width brackets,
//! “（请……）”; [`is_placeholder`] also knows that shape, so a placeholder
//! edited slightly (or from an older version) is still caught, while a
//! sentence that merely contains “（请见附件）” is not.

/// Agency written when none is given (`init`, `aggregate`).
pub const AGENCY: &str = "（请填写机关名称）";

/// `init`: the opening paragraph of 一、总体情况.
pub const INIT_OVERVIEW: &str = "（请概述{{ year }}年本机关政府信息公开工作的总体情况，再按下列五个方面分述。本部分篇幅原则上不超过一千字。）";

/// `init`: one paragraph per aspect of 一、总体情况 (see [`super::OVERVIEW_ASPECTS`]).
pub const INIT_ASPECTS: [&str; 5] = [
    "（请写明本年度主动公开政府信息的做法和成效：通过政府网站、政务新媒体等渠道公开的信息，重点领域信息公开，政策解读等。规章、行政规范性文件和行政许可、处罚、强制等处理决定的数字填在第二部分表格中。）",
    "（请写明依申请公开的受理、办理和答复情况。本年度新收申请{{ b.received.total }}件，办理完毕{{ b.total.total }}件，这两个数由引用自动取自第三部分表格。）",
    "（请写明政府信息公开属性源头认定、发布前保密审查、已公开信息动态更新和清理等管理工作情况。）",
    "（请写明政府网站政府信息公开专栏、政务新媒体、政务服务场所等公开平台的建设和维护情况。）",
    "（请写明组织领导、工作机制、人员培训、考核评议和社会监督等情况，以及责任追究情况。）",
];

/// `init`: the two run-in items of 五 (heading, placeholder text).
pub const INIT_PROBLEMS: [(&str, &str); 2] = [
    (
        "存在的主要问题",
        "（请如实写明本年度政府信息公开工作存在的主要问题。）",
    ),
    (
        "改进情况",
        "（请写明上一年度报告所列问题的改进情况和下一步的改进措施。）",
    ),
];

/// `init`: section 六.
pub const INIT_OTHER_MATTERS: &str = "（请按《政府信息公开信息处理费管理办法》写明本年度收取信息处理费的情况，未收取的写明“本年度未收取信息处理费”。可另列落实上级年度政务公开工作要点情况、人大代表建议和政协提案办理结果公开情况等。）";

/// `aggregate`: the rest of section 一 after the generated paragraphs.
pub const AGGREGATE_OVERVIEW: &str = "（请在此补充本地区主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的情况。）";

/// `aggregate`: the two run-in items of 五.
pub const AGGREGATE_PROBLEMS: [(&str, &str); 2] = [
    (
        "存在的主要问题",
        "（请填写本地区政府信息公开工作存在的主要问题。）",
    ),
    ("改进情况", "（请填写针对上述问题的改进情况。）"),
];

/// `aggregate`: section 六.
pub const AGGREGATE_OTHER_MATTERS: &str =
    "（请填写信息处理费收取情况和其他需要报告的事项；没有的写明“无”。）";

/// Every placeholder text written by `init` and `aggregate`.
pub fn all() -> impl Iterator<Item = &'static str> {
    [AGENCY, INIT_OVERVIEW, INIT_OTHER_MATTERS]
        .into_iter()
        .chain(INIT_ASPECTS)
        .chain(INIT_PROBLEMS.iter().map(|(_, t)| *t))
        .chain([AGGREGATE_OVERVIEW, AGGREGATE_OTHER_MATTERS])
        .chain(AGGREGATE_PROBLEMS.iter().map(|(_, t)| *t))
}

/// The official template's own placeholders (国办公开办函〔2021〕30号, as
/// published and as copied in WPS and Word): a clerk drafting in Word
/// leaves them where a section is not yet written.
pub const TEMPLATE: [&str; 2] = [
    "（文字描述）",
    "（文字描述，收取信息处理费情况在此处报告。）",
];

/// Whether a text is one of the official template's placeholders, or of
/// their shape “（文字描述……）” (copies differ in the words after it).
pub fn from_template(text: &str) -> bool {
    let t = squeeze(text);
    TEMPLATE.contains(&t.as_str()) || (t.starts_with("（文字描述") && t.ends_with('）'))
}

/// The text without spaces (full-width ones too), as a placeholder is
/// compared: WPS keeps the spaces a clerk typed around it.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// Whether a text (a paragraph, a heading, the agency) is a placeholder: one
/// of [`all`], the official template's ([`from_template`]), or wholly one
/// instruction “（请……）”.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    if all().any(|p| p == t) || from_template(t) {
        return true;
    }
    let Some(inner) = t.strip_prefix("（请").and_then(|r| r.strip_suffix('）')) else {
        return false;
    };
    // One bracket pair around the whole text, not “（请见附件）……（二）”.
    let mut depth = 0i32;
    for c in inner.chars() {
        match c {
            '（' => depth += 1,
            '）' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_known_and_shaped_alike() {
        assert!(all().all(is_placeholder));
        assert!(all().all(|p| p.starts_with("（请") && p.ends_with('）')));
        assert!(TEMPLATE
            .iter()
            .all(|p| is_placeholder(p) && from_template(p)));
        assert!(is_placeholder("　（文字描述）　"));
        assert!(!is_placeholder("（文字描述）之外还写了正文。"));
        assert!(is_placeholder("（请补充本机关的情况。）"));
        assert!(!is_placeholder("详见公开指南（请见附件）。"));
        assert!(!is_placeholder("（请见附件）正文（二）"));
    }
}
