//! R1–R4 within the tables, X1–X2 against last year's report.

use super::{finding, first_written};
use crate::diagnostic::Diagnostic;
use crate::format::{
    sum_of_leaves, A_DOCUMENT_COLUMNS, B_CARRIED_FORWARD, B_CARRIED_OVER, B_COLUMNS, B_RECEIVED,
    B_TOTAL, B_TOTAL_COLUMN, C_COLUMNS, C_GROUPS, C_TOTAL_COLUMN, TABLE_B,
};
use crate::report::{ACells, Report, Val};

fn sum<'a>(vals: impl Iterator<Item = &'a Val<u64>>) -> u64 {
    vals.map(|v| v.value).fold(0, u64::saturating_add)
}

pub(super) fn rules(r: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    let b = &r.table_b.rows;
    let (received, carried, total, forward) =
        (B_RECEIVED, B_CARRIED_OVER, B_TOTAL, B_CARRIED_FORWARD);
    let label = |i: usize| TABLE_B[i].label;
    // One mistake, one finding: a written total that disagrees with its parts
    // is reported once, and the rules after it use the sum of the parts.
    let mut trusted: Vec<[u64; 7]> = b
        .iter()
        .map(|cells| cells.each_ref().map(|c| c.value))
        .collect();
    // R3: each row's 总计 is the sum of the six applicant columns.
    for (i, (spec, cells)) in r.table_b_rows().enumerate() {
        let t = &cells[B_TOTAL_COLUMN];
        let parts = sum(cells[..B_TOTAL_COLUMN].iter());
        if t.pos.is_some() && t.value != parts {
            out.push(finding(
                "R3",
                file,
                t.pos,
                format!(
                    "{}·总计 应等于自然人至其他六列之和 {parts}，实际填写 {}。",
                    spec.label, t.value
                ),
                parts,
                t.value,
                "改正总计或各列数字；总计也可以不写，由程序相加。",
            ));
            trusted[i][B_TOTAL_COLUMN] = parts;
        }
    }
    // R2: （七）总计 is the sum of the 21 leaf rows, per column.
    for (c, col) in B_COLUMNS.iter().enumerate() {
        let t = &b[total][c];
        let written = trusted[total][c];
        let parts = sum_of_leaves(&trusted, |row| row[c]);
        if t.pos.is_some() && written != parts {
            // The 总计 cell already reported by R3 is not reported again.
            if written == t.value {
                out.push(finding(
                    "R2",
                    file,
                    t.pos,
                    format!(
                        "{}·{} 应等于（一）至（六）各项之和 {parts}，实际填写 {}。",
                        label(total),
                        col.label,
                        t.value
                    ),
                    parts,
                    t.value,
                    "核对（一）至（六）各项；（七）总计也可以整行不写，由程序相加。",
                ));
            }
            trusted[total][c] = parts;
        }
    }
    // R1, printed in the table: 一 + 二 = （七）总计 + 四, per column. The 总计
    // column is only reported when no applicant column already is. The caret
    // goes under one written cell; expected and found are that cell's.
    let mut r1_found = false;
    for (c, col) in B_COLUMNS.iter().enumerate() {
        let v = |i: usize| trusted[i][c];
        let sources = v(received).saturating_add(v(carried));
        let results = v(total).saturating_add(v(forward));
        // Holding with the totals as written is enough: then the R2/R3
        // finding already names the one mistake.
        let w = |i: usize| b[i][c].value;
        let holds_as_written =
            w(received).saturating_add(w(carried)) == w(total).saturating_add(w(forward));
        if sources != results && !holds_as_written && !(c == B_TOTAL_COLUMN && r1_found) {
            r1_found = true;
            let others = |i: usize| -> i64 {
                let (side, other) = if i == received || i == carried {
                    (sources, results)
                } else {
                    (results, sources)
                };
                other as i64 - (side as i64 - v(i) as i64)
            };
            let at = [forward, total, received, carried]
                .into_iter()
                .find(|&i| b[i][c].pos.is_some() && b[i][c].value == v(i) && others(i) >= 0);
            let (pos, expected, found) = match at {
                Some(i) => (b[i][c].pos, others(i) as u64, v(i)),
                None => (
                    [forward, total, received, carried]
                        .iter()
                        .find_map(|&i| first_written(&b[i].iter().collect::<Vec<_>>())),
                    sources,
                    results,
                ),
            };
            // A carried_over row never written, and the results exceed the
            // sources: the missing row is the likely cause, said first.
            let no_carried = b[carried].iter().all(|v| v.pos.is_none());
            let hint = if no_carried && results > sources {
                format!(
                    "文件中没有写“{}”（carried_over）这一行，按 0 计算：如果有上年结转的申请，请补上这一行（{}列为 {}）；否则请核对本年新收、办理结果和结转下年度的数字。",
                    label(carried),
                    col.label,
                    results - sources
                )
            } else {
                "第一项加第二项之和应等于第三项加第四项之和：请核对本年新收、上年结转、办理结果和结转下年度的数字。".to_string()
            };
            out.push(finding(
                "R1",
                file,
                pos,
                format!(
                    "{col}列勾稽关系不成立：{}加{}为 {sources}，{}加{}却为 {results}。",
                    label(received),
                    label(carried),
                    label(total),
                    label(forward),
                    col = col.label,
                ),
                expected,
                found,
                &hint,
            ));
        }
    }
    // R4: each group of Table C adds up to its 总计.
    for (group, cells) in C_GROUPS.iter().zip(&r.table_c.groups) {
        let t = &cells[C_TOTAL_COLUMN];
        let parts = sum(cells[..C_TOTAL_COLUMN].iter());
        if t.pos.is_some() && t.value != parts {
            out.push(finding(
                "R4",
                file,
                t.pos,
                format!(
                    "{}·总计 应等于{}之和 {parts}，实际填写 {}。",
                    group.label,
                    C_COLUMNS[..C_TOTAL_COLUMN]
                        .iter()
                        .map(|c| c.label)
                        .collect::<Vec<_>>()
                        .join("、"),
                    t.value
                ),
                parts,
                t.value,
                "改正总计或各项数字；总计也可以不写，由程序相加。",
            ));
        }
    }
}

/// X1 and X2: this year's report against last year's.
pub(super) fn across_years(r: &Report, prev: &Report, file: &str, out: &mut Vec<Diagnostic>) {
    let (carried, forward) = (B_CARRIED_OVER, B_CARRIED_FORWARD);
    let mut x1_found = false;
    for (c, col) in B_COLUMNS.iter().enumerate() {
        let now = &r.table_b.rows[carried][c];
        let then = prev.table_b.rows[forward][c].value;
        if now.value != then && !(c == B_TOTAL_COLUMN && x1_found) {
            x1_found = true;
            out.push(finding(
                "X1",
                file,
                now.pos.or(r.table_b.pos),
                format!(
                    "{}·{} 为 {}，但上年报告的{}·{} 为 {then}。",
                    TABLE_B[carried].label, col.label, now.value, TABLE_B[forward].label, col.label
                ),
                then,
                now.value,
                "上年结转的数字通常等于上年报告中结转下年度继续办理的数字。",
            ));
        }
    }
    let in_force = A_DOCUMENT_COLUMNS.len() - 1;
    for ((spec, now), (_, then)) in r.table_a_rows().zip(prev.table_a_rows()) {
        let (ACells::Documents(now), ACells::Documents(then)) = (now, then) else {
            continue;
        };
        let expected = (then[in_force].value + now[0].value).saturating_sub(now[1].value);
        if now[in_force].value != expected {
            out.push(finding(
                "X2",
                file,
                now[in_force].pos,
                format!(
                    "{}·{} 为 {}，按上年 {} 加{} {}、减{} {} 应为 {expected}。",
                    spec.label,
                    A_DOCUMENT_COLUMNS[2].label,
                    now[in_force].value,
                    then[in_force].value,
                    A_DOCUMENT_COLUMNS[0].label,
                    now[0].value,
                    A_DOCUMENT_COLUMNS[1].label,
                    now[1].value,
                ),
                expected,
                now[in_force].value,
                "如本年开展了文件清理、重新核定了现行有效件数，可不理会此警告。",
            ));
        }
    }
}
