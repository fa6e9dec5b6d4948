//! Unit tests of the text preparation.

use super::*;

fn mark(p: &str, align: &'static str) -> Seg {
    Seg::Mark { p: p.into(), align }
}
fn text(t: &str) -> Seg {
    Seg::Text(t.into())
}
fn group(g: Vec<Seg>) -> Seg {
    Seg::Group { group: g }
}

#[test]
fn marks_become_cells_kept_with_their_neighbours() {
    let s = prepare("本机关（一）收到，办结。");
    assert_eq!(
        s,
        [
            text("本机关"),
            group(vec![mark("（", "right"), text("一"), mark("）", "left")]),
            text("收"),
            group(vec![text("到"), mark("，", "left")]),
            text("办"),
            group(vec![text("结"), mark("。", "left")]),
        ]
    );
    assert_eq!(plain(&s), "本机关（一）收到，办结。");
}

#[test]
fn interpunct_and_double_marks_do_not_split() {
    let s = prepare("阿依古丽·买买提——好……");
    assert_eq!(
        s,
        [
            text("阿依古"),
            group(vec![text("丽"), mark("·", "center")]),
            text("买买提"),
            group(vec![mark("—", "center"), mark("—", "center")]),
            text("好"),
            group(vec![mark("…", "center"), mark("…", "center")]),
        ]
    );
    // A Latin token glued to a mark comes along whole.
    let s = prepare("达到99.9%以上，网址gov.cn。");
    assert_eq!(
        s.last(),
        Some(&group(vec![text("gov.cn"), mark("。", "left")]))
    );
}

#[test]
fn long_latin_tokens_get_break_points() {
    let s = prepare("电子邮箱：zhengfuxinxigongkailingdaoxiaozubangongshi@mouxian.gov.cn");
    let pieces: Vec<String> = s
        .split(|s| matches!(s, Seg::Break { .. }))
        .map(plain)
        .collect();
    assert_eq!(
        pieces,
        [
            "电子邮箱：zhengfuxinxi",
            "gongkailingd",
            "aoxiaozubang",
            "ongshi@",
            "mouxian.",
            "gov.",
            "cn"
        ]
    );
    let d = prepare("共计1234567.89万元，电话0812-3322110");
    let pieces: Vec<String> = d
        .split(|s| matches!(s, Seg::Break { .. }))
        .map(plain)
        .collect();
    assert_eq!(pieces, ["共计1234567.89万元，电话0812-", "3322110"]);
}

#[test]
fn word_paste_characters_are_normalised() {
    assert_eq!(normalise("联系\u{2028}电话"), "联系电话");
    assert_eq!(normalise("联系\u{a0}电话 Tel.\u{a0}1"), "联系电话 Tel. 1");
}

#[test]
fn typed_item_numbers_are_found() {
    assert_eq!(
        typed_number("二、依申请公开方面"),
        Some(("二、", "依申请公开方面"))
    );
    assert_eq!(
        typed_number("（二）依申请公开"),
        Some(("（二）", "依申请公开"))
    );
    assert_eq!(typed_number("(3)平台建设"), Some(("(3)", "平台建设")));
    assert_eq!(typed_number("2.平台建设"), Some(("2.", "平台建设")));
    assert_eq!(typed_number("二是加强"), None);
    assert_eq!(typed_number("2024年工作"), None);
    assert_eq!(typed_number("十、"), None);
}

#[test]
fn titles_break_at_word_boundaries() {
    assert_eq!(
        break_title("某某市经济技术开发区管理委员会规划建设分局", 20),
        ["某某市经济技术开发区", "管理委员会规划建设分局"]
    );
    assert_eq!(
        break_title("某某省某某市某某县经济开发区分局", 12),
        ["某某省某某市某某县", "经济开发区分局"]
    );
    assert_eq!(
        break_title("西安市鄠邑区人民政府办公室", 20),
        ["西安市鄠邑区人民政府办公室"]
    );
    // No word to break after: the most even split, every line within 20.
    let lines = break_title("一二三四五六七八九十一二三四五六七八九十一二三四五", 20);
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
}

#[test]
fn a_long_name_without_an_administrative_word_in_reach_breaks_after_a_word() {
    // Its administrative words end before the 13th or after the 26th
    // character: none may end the first of two lines.
    let name = "某某自治州某某县人民政府政务公开与政府信息公开工作领导小组办公室暨县数据管理局";
    let lines = break_title(name, 26);
    assert_eq!(lines.concat(), name);
    assert!(lines.iter().all(|l| l.chars().count() <= 26), "{lines:?}");
    assert!(
        ["工作", "公开", "领导小组", "与", "暨"]
            .iter()
            .any(|w| lines[0].ends_with(w)),
        "{lines:?}"
    );
}
