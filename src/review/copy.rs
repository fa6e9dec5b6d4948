//! 雷同: a unit's report against its own report of last year — each part's
//! prose and the whole, measured by [`super::text`], and each table compared
//! figure by figure. Only the same unit's report is compared (matched by
//! agency name, not file name).

use std::collections::HashSet;

use super::finding::{Finding, Passage};
use super::text::{covered, reduce, share, shingles, Shingle};
use super::unit::{Para, Unit, PROBLEMS, SECTION_NAMES};
use crate::report::values::AFigure;

/// The whole report is a copy when at least this share of its compared
/// text repeats last year's (宿迁's rule: more than half).
pub const WHOLE: f64 = 0.5;
/// One part is a copy at this share.
pub const SECTION: f64 = 0.8;
/// Parts shorter than this (compared characters) are not judged: a two-line
/// 六 says the same thing every year.
pub const MIN_CHARS: usize = 60;

/// The repeated share of one part.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SectionShare {
    pub section: &'static str,
    pub share: f64,
    /// Characters compared (after the boilerplate is taken out).
    pub chars: usize,
}

/// What the measure gives for one unit against last year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Shares {
    /// Last year's file compared with.
    pub previous: String,
    pub whole: f64,
    pub chars: usize,
    pub sections: Vec<SectionShare>,
}

impl Shares {
    /// The share of part `i`, if it had text.
    pub fn of(&self, i: usize) -> Option<&SectionShare> {
        self.sections.iter().find(|s| s.section == SECTION_NAMES[i])
    }
}

/// “93%”.
pub fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Measure `this` against `last` and say what is copied.
pub fn compare(this: &Unit, last: &Unit, out: &mut Vec<Finding>) -> Shares {
    let last_paras: Vec<(&Para, Vec<char>)> = last
        .sections
        .iter()
        .flatten()
        .map(|p| (p, reduce(&p.text)))
        .collect();
    let set = shingles(last_paras.iter().map(|(_, r)| r.as_slice()));
    let mut sections = Vec::new();
    let (mut all_c, mut all_t) = (0, 0);
    // The paragraph with most repeated characters, per part and overall.
    let mut best: Vec<Option<(usize, &Para, Vec<char>)>> = vec![None; 6];
    for (i, paras) in this.sections.iter().enumerate() {
        let (mut c, mut t) = (0, 0);
        for p in paras {
            let r = reduce(&p.text);
            let (pc, pt) = covered(&r, &set);
            c += pc;
            t += pt;
            if pc > 0 && best[i].as_ref().is_none_or(|(b, _, _)| pc > *b) {
                best[i] = Some((pc, p, r));
            }
        }
        if t > 0 {
            sections.push(SectionShare {
                section: SECTION_NAMES[i],
                share: share((c, t)),
                chars: t,
            });
        }
        all_c += c;
        all_t += t;
    }
    let shares = Shares {
        previous: last.file.clone(),
        whole: share((all_c, all_t)),
        chars: all_t,
        sections,
    };
    let pair = |b: &(usize, &Para, Vec<char>)| passages(b.1, &b.2, &last_paras);
    if shares.whole >= WHOLE && all_t >= MIN_CHARS {
        let parts = shares
            .sections
            .iter()
            .map(|s| format!("{} {}", s.section, percent(s.share)))
            .collect::<Vec<_>>()
            .join("，");
        let mut f = Finding::new(
            "V-COPY",
            format!(
                "全文 {} 的文字与上年报告（{}）相同（导语、法定语句、官方标题和栏目名称、年份和数字不计）：{parts}。",
                percent(shares.whole),
                last.file
            ),
            Some(this.file.clone()),
        );
        if let Some(b) = best.iter().flatten().max_by_key(|b| b.0) {
            f.passages = pair(b);
        }
        out.push(f);
    } else {
        for s in &shares.sections {
            let i = SECTION_NAMES
                .iter()
                .position(|n| *n == s.section)
                .unwrap_or(0);
            // 五 copied from last year is told by V-THIN.
            if i == PROBLEMS || s.share < SECTION || s.chars < MIN_CHARS {
                continue;
            }
            let mut f = Finding::new(
                "V-COPYSEC",
                format!(
                    "“{}”{} 的文字与上年报告（{}）相同。",
                    s.section,
                    percent(s.share),
                    last.file
                ),
                this.sections[i].first().map(|p| p.place.clone()),
            );
            if let Some(b) = &best[i] {
                f.passages = pair(b);
            }
            out.push(f);
        }
    }
    tables(this, last, out);
    shares
}

/// This year's paragraph and last year's that shares most runs with it.
fn passages(this: &Para, reduced: &[char], last: &[(&Para, Vec<char>)]) -> Vec<Passage> {
    let mine: HashSet<Shingle> = shingles([reduced]);
    let mut out = vec![Passage {
        label: "本年".into(),
        text: this.text.clone(),
        place: this.place.clone(),
    }];
    let mut top: Option<(usize, &Para)> = None;
    for (p, r) in last {
        let n = covered(r, &mine).0;
        if n > 0 && top.is_none_or(|(t, _)| n > t) {
            top = Some((n, p));
        }
    }
    if let Some((_, p)) = top {
        out.push(Passage {
            label: "上年".into(),
            text: p.text.clone(),
            place: p.place.clone(),
        });
    }
    out
}

/// Tables printed with the same figures as last year, when they hold
/// figures of the year's work (a stock such as 现行有效件数 alone may stay).
fn tables(this: &Unit, last: &Unit, out: &mut Vec<Finding>) {
    let (Some(a), Some(b)) = (&this.figures, &last.figures) else {
        return;
    };
    let flows = a.a.iter().any(|f| match f {
        AFigure::Documents([issued, repealed, _]) => *issued > 0 || *repealed > 0,
        AFigure::Count(n) => *n > 0,
        AFigure::Fee(fee) => fee.chars().any(|c| ('1'..='9').contains(&c)),
    });
    let same = [
        ("表二（主动公开政府信息情况）", a.a == b.a && flows),
        (
            "表三（收到和处理政府信息公开申请情况）",
            a.b == b.b && a.b.iter().flatten().any(|n| *n > 0),
        ),
        (
            "表四（行政复议、行政诉讼情况）",
            a.c == b.c && a.c.iter().flatten().any(|n| *n > 0),
        ),
    ];
    let names: Vec<&str> = same.iter().filter(|s| s.1).map(|s| s.0).collect();
    if !names.is_empty() {
        out.push(Finding::new(
            "V-TABLE",
            format!(
                "{}的数字与上年报告（{}）逐格相同，且有不为 0 的数字：请核对是否沿用了上年的表格。",
                names.join("、"),
                last.file
            ),
            Some(this.file.clone()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::unit::Para;

    fn unit(file: &str, sections: &[(usize, &str)]) -> Unit {
        let mut u = Unit {
            file: file.into(),
            agency: Some("某某县教育局".into()),
            ..Unit::default()
        };
        for (i, text) in sections {
            u.sections[*i].push(Para {
                text: text.to_string(),
                place: format!("{file}:{i}"),
            });
        }
        u
    }

    const OLD_ONE: &str = "2024年，本局围绕教育改革发展中心工作，公开招生入学政策、学校布局调整方案和教育经费使用情况，在门户网站开设“双减”专栏，发布校外培训机构白名单和黑名单，全年更新信息三百余条。";
    const NEW_ONE: &str = "2025年，本局把义务教育招生作为公开重点，招生范围、时间和录取结果在报名前一个月集中发布，新建学校的选址论证材料同步公开，家长可在线查询学位申请的办理进度。";
    const NEW_TWO: &str = "课后服务覆盖全部义务教育学校，服务时段、收费标准和自愿参加的告知书统一在学校公众号公布，学期末对家长满意度调查的结果也一并公开，作为下学期调整服务内容的依据。";
    const SIX: &str = "本局开展“校长接待日”活动十二次，接待家长咨询四百余人次，所有答复意见在七个工作日内反馈并公开办理情况，对反映集中的课后服务时间问题专门召开家长座谈会并调整了放学时间。";

    #[test]
    fn a_part_copied_in_a_report_rewritten_elsewhere_is_a_section_copy() {
        let last = unit("2024.yaml", &[(0, OLD_ONE), (5, SIX)]);
        let six = SIX.replace("十二", "十五");
        let this = unit("2025.yaml", &[(0, NEW_ONE), (0, NEW_TWO), (5, &six)]);
        let mut out = Vec::new();
        let shares = compare(&this, &last, &mut out);
        assert!(shares.whole < WHOLE, "{shares:?}");
        assert!(shares.of(0).unwrap().share < 0.1, "{shares:?}");
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].code, "V-COPYSEC");
        // “十二”→“十五” leaves the runs on either side of it repeated.
        assert!(
            out[0].message.starts_with("“六、其他需要报告的事项”9"),
            "{}",
            out[0].message
        );
        assert_eq!(out[0].place.as_deref(), Some("2025.yaml:5"));
        assert_eq!(out[0].passages[1].text, SIX);
        // Nothing repeated: nothing said.
        let mut none = Vec::new();
        compare(
            &unit("a", &[(0, NEW_ONE)]),
            &unit("b", &[(0, OLD_ONE)]),
            &mut none,
        );
        assert!(none.is_empty(), "{none:?}");
    }
}
