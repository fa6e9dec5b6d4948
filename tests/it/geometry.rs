//! GB/T 9704 geometry, measured on the laid-out document.

use crate::common::{lines, load_yaml, runs, typeset};

const LEFT: f64 = 28.0;
const TOP: f64 = 37.0;
const WIDTH: f64 = 156.0;
const HEIGHT: f64 = 225.0;

/// A report whose section 一 fills several pages with plain Hanzi.
fn long_report() -> gxreport::report::Report {
    let para = "政务公开工作".repeat(70);
    let text = [para.as_str(); 4].join("\n\n");
    let yaml = format!(
        "agency: 某某市人民政府办公室\nyear: 2025\nproblems: 无。\noverview: |\n  {}\n",
        text.replace("\n\n", "\n\n  ")
    );
    load_yaml(&yaml)
}

#[test]
fn page_is_a4_with_the_gb9704_type_area() {
    let doc = typeset(&long_report());
    let size = doc.pages()[0].frame.size();
    assert!((size.x.to_mm() - 210.0).abs() < 0.1 && (size.y.to_mm() - 297.0).abs() < 0.1);
    let body: Vec<_> = runs(&doc)
        .into_iter()
        .filter(|r| r.page == 2 && r.size == 16.0)
        .collect();
    let left = body.iter().map(|r| r.x).fold(f64::MAX, f64::min);
    let right = body.iter().map(|r| r.x + r.width).fold(0.0, f64::max);
    assert!(
        (left - LEFT).abs() < 0.05,
        "text starts {left:.2} mm from the left edge"
    );
    assert!(
        // A full line may end one tracking (0.21 pt, 0.07 mm) past the
        // 28th cell: its last glyph keeps the 16 pt advance (style.typ).
        right <= LEFT + WIDTH + 0.1 && right > LEFT + WIDTH - 0.5,
        "text ends at {right:.2} mm"
    );
    // First baseline: one line (0.88 em of 16 pt) below the top margin.
    let first = body.iter().map(|r| r.y).fold(f64::MAX, f64::min);
    assert!(
        (first - (TOP + 16.0 * 0.88 * 25.4 / 72.0)).abs() < 0.3,
        "first baseline at {first:.2} mm"
    );
}

#[test]
fn a_full_page_holds_22_lines_of_28_characters() {
    let doc = typeset(&long_report());
    let all = runs(&doc);
    let body: Vec<_> = all
        .iter()
        .filter(|r| r.page == 2 && r.size == 16.0)
        .cloned()
        .collect();
    let page_lines = lines(&body);
    assert_eq!(
        page_lines.len(),
        22,
        "lines on a full page: {page_lines:#?}"
    );
    let full = page_lines
        .iter()
        .filter(|l| l.2.chars().count() == 28)
        .count();
    // Every line is a full line except a paragraph's last and a first (indented) line.
    assert!(
        full >= 18,
        "only {full} of 22 lines hold 28 characters: {:?}",
        page_lines
            .iter()
            .map(|l| l.2.chars().count())
            .collect::<Vec<_>>()
    );
    assert!(page_lines.iter().all(|l| l.2.chars().count() <= 28));
    // The last line's baseline is inside the type area.
    let last = page_lines.last().unwrap().1;
    assert!(
        last <= TOP + HEIGHT && last > TOP + HEIGHT - 3.0,
        "last baseline at {last:.2} mm"
    );
    // An indented first line starts two characters in.
    let indented = body
        .iter()
        .filter(|r| r.x > LEFT + 1.0)
        .map(|r| r.x)
        .fold(f64::MAX, f64::min);
    assert!(
        (indented - (LEFT + 2.0 * WIDTH / 28.0)).abs() < 0.1,
        "indent {indented:.2} mm"
    );
}

#[test]
fn page_numbers_sit_below_the_type_area_outside_edge() {
    let doc = typeset(&long_report());
    let all = runs(&doc);
    let number = |page: usize| -> (f64, f64, f64) {
        let parts: Vec<_> = all
            .iter()
            .filter(|r| r.page == page && r.y > TOP + HEIGHT)
            .collect();
        let text: String = parts.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            text.replace(' ', ""),
            format!("—{page}—"),
            "page {page} number"
        );
        assert!(
            parts.iter().all(|r| r.size == 14.0),
            "page numbers in 四号 (14 pt)"
        );
        let left = parts.iter().map(|r| r.x).fold(f64::MAX, f64::min);
        let right = parts.iter().map(|r| r.x + r.width).fold(0.0, f64::max);
        (left, right, parts[0].y)
    };
    // “空一字”: one body character (156 mm / 28).
    let char = WIDTH / 28.0;
    let em14 = 14.0 * 25.4 / 72.0;
    let (_, right, y) = number(1);
    assert!(
        (right - (LEFT + WIDTH - char)).abs() < 0.3,
        "odd page: one character in from the right, ends at {right:.2}"
    );
    // The line of the number starts 7 mm below the type area.
    assert!(
        y > TOP + HEIGHT + 7.0 && y < TOP + HEIGHT + 7.0 + em14,
        "page number baseline at {y:.2} mm"
    );
    let (left, _, _) = number(2);
    assert!(
        (left - (LEFT + char)).abs() < 0.3,
        "even page: one character in from the left, starts at {left:.2}"
    );
}

#[test]
fn title_is_22pt_centred_and_headings_use_their_faces() {
    let report = crate::common::load_example("panzhihua-2024.yaml");
    let doc = typeset(&report);
    let all = runs(&doc);
    let title = all
        .iter()
        .find(|r| r.text == "攀枝花市人民政府办公室")
        .unwrap();
    assert_eq!(title.size, 22.0);
    assert!(
        (title.center_x() - (LEFT + WIDTH / 2.0)).abs() < 0.5,
        "title centred"
    );
    assert_eq!(title.family, "GX BiaoSong");
    let heading = all.iter().find(|r| r.text == "一、总体情况").unwrap();
    assert_eq!((heading.family.as_str(), heading.size), ("GX Hei", 16.0));
    // The run-in head's marks are cells of their own: “（” “一” “）” “主动公开方” “面” “。”.
    let run_in = all
        .iter()
        .find(|r| r.text.starts_with("主动公开方"))
        .unwrap();
    assert_eq!(run_in.family, "GX Kai");
    let body = all
        .iter()
        .find(|r| r.text.starts_with("围绕市委市政府"))
        .unwrap();
    assert_eq!((body.family.as_str(), body.size), ("GX FangSong", 16.0));
    assert!(
        (body.y - run_in.y).abs() < 0.01,
        "run-in head on the same line as its text"
    );
    // Table cell text is 10.5 pt or smaller.
    let cell = all.iter().find(|r| r.text == "行政规范性文件").unwrap();
    assert!(cell.size <= 10.5);
}
