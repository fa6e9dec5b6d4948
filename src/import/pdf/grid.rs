//! Ruled tables: ruling lines grouped into tables, the grid of each from its
//! lines, slots merged where a rule is missing, and every character placed
//! in the cell it stands in.

use std::collections::BTreeMap;

use super::super::doc::{Cell, Table};
use super::collect::{Ch, Seg};
use super::lines::lines;

/// Values within `tol` of each other, merged (sorted).
fn cluster(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<Vec<f64>> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(g) if x - g[g.len() - 1] <= tol => g.push(x),
            _ => out.push(vec![x]),
        }
    }
    out.iter()
        .map(|g| g.iter().sum::<f64>() / g.len() as f64)
        .collect()
}

const TOL: f64 = 1.5;

/// Connected groups of ruling lines: each with both directions is a table.
pub(super) fn table_groups(segs: &[Seg]) -> Vec<Vec<Seg>> {
    let n = segs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touches = |h: &Seg, v: &Seg| {
        v.at >= h.a - TOL && v.at <= h.b + TOL && h.at >= v.a - TOL && h.at <= v.b + TOL
    };
    for i in 0..n {
        for j in i + 1..n {
            let (s, t) = (&segs[i], &segs[j]);
            let joined = match (s.horizontal, t.horizontal) {
                (true, false) => touches(s, t),
                (false, true) => touches(t, s),
                _ => (s.at - t.at).abs() <= TOL && s.a <= t.b + TOL && t.a <= s.b + TOL,
            };
            if joined {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<Seg>> = BTreeMap::new();
    for (i, seg) in segs.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(*seg);
    }
    groups
        .into_values()
        .filter(|g| {
            g.iter().filter(|s| s.horizontal).count() >= 2
                && g.iter().filter(|s| !s.horizontal).count() >= 2
        })
        .collect()
}

/// Whether a ruling line runs at `at` across `from..to` (its middle).
fn ruled(segs: &[Seg], horizontal: bool, at: f64, from: f64, to: f64) -> bool {
    let mid = (from + to) / 2.0;
    segs.iter()
        .any(|s| s.horizontal == horizontal && (s.at - at).abs() <= TOL && s.a <= mid && s.b >= mid)
}

/// A ruled table: grid from its lines, merged slots where a rule is missing,
/// each character placed in the cell it stands in. Returns the table, its
/// top and its box (x0, y0, x1, y1).
pub(super) fn ruled_table(
    segs: &[Seg],
    chars: &[Ch],
    used: &mut [bool],
) -> Option<(Table, (f64, f64, f64, f64))> {
    // The ends of the rules bound the table too: a row cut by a page break
    // often has its side rules but not its bottom rule. Only ends beyond the
    // outermost rules count; inner ends are where merged cells begin.
    let bounded = |rules: Vec<f64>, ends: Vec<f64>| {
        let (lo, hi) = rules
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let outer: Vec<f64> = ends
            .into_iter()
            .filter(|e| *e < lo - TOL || *e > hi + TOL)
            .collect();
        let extra = [
            outer.iter().copied().fold(f64::MAX, f64::min),
            outer.iter().copied().fold(f64::MIN, f64::max),
        ];
        cluster(
            rules
                .into_iter()
                .chain(extra.into_iter().filter(|v| v.is_finite() && v.abs() < 1e6))
                .collect(),
            TOL,
        )
    };
    let xs = bounded(
        segs.iter()
            .filter(|s| !s.horizontal)
            .map(|s| s.at)
            .collect(),
        segs.iter()
            .filter(|s| s.horizontal)
            .flat_map(|s| [s.a, s.b])
            .collect(),
    );
    let ys = bounded(
        segs.iter().filter(|s| s.horizontal).map(|s| s.at).collect(),
        segs.iter()
            .filter(|s| !s.horizontal)
            .flat_map(|s| [s.a, s.b])
            .collect(),
    );
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows * cols > 20_000 {
        return None;
    }
    // Union slots not separated by a rule.
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !ruled(segs, false, xs[c + 1], ys[r], ys[r + 1]) {
                let (a, b) = (
                    find(&mut parent, r * cols + c),
                    find(&mut parent, r * cols + c + 1),
                );
                parent[a] = b;
            }
            if r + 1 < rows && !ruled(segs, true, ys[r + 1], xs[c], xs[c + 1]) {
                let (a, b) = (
                    find(&mut parent, r * cols + c),
                    find(&mut parent, (r + 1) * cols + c),
                );
                parent[a] = b;
            }
        }
    }
    let mut ids: BTreeMap<usize, usize> = BTreeMap::new();
    let mut t = Table {
        aligned: true,
        ..Table::default()
    };
    let mut boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
    t.rows = vec![vec![None; cols]; rows];
    for r in 0..rows {
        for c in 0..cols {
            let root = find(&mut parent, r * cols + c);
            let id = *ids.entry(root).or_insert_with(|| {
                t.cells.push(Cell {
                    text: String::new(),
                    row: r,
                    col: c,
                });
                boxes.push((xs[c], ys[r], xs[c + 1], ys[r + 1]));
                t.cells.len() - 1
            });
            let b = &mut boxes[id];
            *b = (
                b.0.min(xs[c]),
                b.1.min(ys[r]),
                b.2.max(xs[c + 1]),
                b.3.max(ys[r + 1]),
            );
            t.rows[r][c] = Some(id);
        }
    }
    let area = (xs[0], ys[0], xs[cols], ys[rows]);
    t.xs.clone_from(&xs);
    let mut inside: Vec<Vec<Ch>> = vec![Vec::new(); t.cells.len()];
    for (i, ch) in chars.iter().enumerate() {
        let (cx, cy) = ((ch.x + ch.right) / 2.0, ch.y - ch.size * 0.35);
        if let Some(id) = boxes
            .iter()
            .position(|b| cx >= b.0 && cx <= b.2 && cy >= b.1 && cy <= b.3)
        {
            inside[id].push(ch.clone());
            used[i] = true;
        }
    }
    for (cell, chars) in t.cells.iter_mut().zip(inside) {
        cell.text = lines(chars)
            .into_iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join("\n");
    }
    // Drop rows that hold nothing at all (double rules make hairline rows).
    let keep: Vec<bool> = (0..rows).map(|r| ys[r + 1] - ys[r] > 2.0).collect();
    if keep.iter().any(|k| !k) {
        t.rows = t
            .rows
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(r, _)| r)
            .collect();
    }
    Some((t, area))
}
