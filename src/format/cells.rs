//! Every official cell of Tables A, B and C, in print order, with the three
//! names it goes by: its YAML path, its reference name in prose
//! (`{{ b.refused.state_secret.total }}`) and its label as a clerk reads it
//! (“（三）不予公开·1.属于国家秘密·总计”). The aggregate's breakdown, the figure
//! references, the importer and the HTML page all read this one list.

use super::{
    AKind, BPlace, A_DOCUMENT_COLUMNS, B_COLUMNS, C_COLUMNS, C_GROUPS, C_LITIGATION, C_REVIEW,
    TABLE_A, TABLE_B,
};

/// Joins the parts of a cell's label: row, group, column.
pub const LABEL_SEPARATOR: &str = "·";

/// Which table a cell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// 表二（二、主动公开政府信息情况）
    A,
    /// 表三（三、收到和处理政府信息公开申请情况）
    B,
    /// 表四（四、政府信息公开行政复议、行政诉讼情况）
    C,
}

/// One official cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub table: Table,
    /// Index of the row in its table's rows (Table A: data rows flattened
    /// over the bands; Table B: [`TABLE_B`]; Table C: [`C_GROUPS`]).
    pub row: usize,
    /// Index of the column within the row (0 for Table A's single figures).
    pub column: usize,
    /// Where the figure is written, e.g. `requests.refused.state_secret[0]`.
    pub path: String,
    /// The name a reference in prose uses, e.g. `b.refused.state_secret.natural_person`.
    pub reference: String,
    /// The official labels joined by “·”.
    pub label: String,
}

/// Every cell of the three tables, in print order (A, then B row by row, then C).
pub fn cells() -> Vec<Cell> {
    let join = |parts: &[&str]| parts.join(LABEL_SEPARATOR);
    let mut out = Vec::new();
    let rows = TABLE_A
        .iter()
        .flat_map(|band| band.rows.iter().map(move |row| (band, row)));
    for (i, (band, row)) in rows.enumerate() {
        match row.kind {
            AKind::Documents => {
                for (c, col) in A_DOCUMENT_COLUMNS.iter().enumerate() {
                    out.push(Cell {
                        table: Table::A,
                        row: i,
                        column: c,
                        path: format!("proactive.{}.{}", row.key, col.key),
                        reference: format!("a.{}.{}", row.key, col.key),
                        label: join(&[row.label, col.label]),
                    });
                }
            }
            AKind::Count | AKind::Fee => out.push(Cell {
                table: Table::A,
                row: i,
                column: 0,
                path: format!("proactive.{}", row.key),
                reference: format!("a.{}", row.key),
                label: join(&[row.label, band.headers.first().copied().unwrap_or("")]),
            }),
        }
    }
    for (i, row) in TABLE_B.iter().enumerate() {
        for (c, col) in B_COLUMNS.iter().enumerate() {
            out.push(Cell {
                table: Table::B,
                row: i,
                column: c,
                path: format!("requests.{}[{c}]", row.path()),
                reference: format!("b.{}.{}", row.path(), col.key),
                label: match row.place {
                    BPlace::Item(g) => join(&[g.label, row.label, col.label]),
                    _ => join(&[row.label, col.label]),
                },
            });
        }
    }
    for (i, g) in C_GROUPS.iter().enumerate() {
        for (c, col) in C_COLUMNS.iter().enumerate() {
            out.push(Cell {
                table: Table::C,
                row: i,
                column: c,
                path: format!("appeals.{}[{c}]", g.key),
                reference: format!("c.{}.{}", g.key, col.key),
                label: if g.label == C_REVIEW {
                    join(&[g.label, col.label])
                } else {
                    join(&[C_LITIGATION, g.label, col.label])
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_has_unique_names() {
        let cells = cells();
        // 表二 2 document rows × 3 + 4 single figures; 表三 25 × 7; 表四 3 × 5.
        assert_eq!(cells.len(), 200);
        for name in [
            |c: &Cell| c.path.clone(),
            |c: &Cell| c.reference.clone(),
            |c: &Cell| c.label.clone(),
        ] {
            let mut all: Vec<String> = cells.iter().map(name).collect();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), cells.len());
        }
        let refused = cells
            .iter()
            .find(|c| c.reference == "b.refused.three_safeties.natural_person")
            .unwrap();
        assert_eq!(refused.label, "（三）不予公开·3.危及“三安全一稳定”·自然人");
        assert_eq!(refused.path, "requests.refused.three_safeties[0]");
    }
}
