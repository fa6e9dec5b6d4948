//! The intermediate form every extractor produces and the one recogniser
//! reads: the document's blocks in reading order, each a paragraph or a
//! table laid out as a grid of (possibly merged) cells, with where it was found.

/// Where a block was found, told to a clerk: “第3页”, “第12段”, “第40行”.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place(pub String);

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One paragraph of running text, as printed (inner line breaks joined).
#[derive(Debug, Clone)]
pub struct Para {
    pub text: String,
    pub at: Place,
}

/// A table as a grid: `rows[r][c]` is the index into `cells` of the cell
/// covering that slot, so a merged cell appears in every slot it spans.
/// `None` marks a slot no cell covers (ragged rows of a text table).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub cells: Vec<Cell>,
    pub rows: Vec<Vec<Option<usize>>>,
    pub at: Option<Place>,
    /// False when the source kept no column geometry (text copied from a page):
    /// a row's cells may then stand one column off their headers.
    pub aligned: bool,
    /// Where each row was found, when the source tells (a text file's
    /// lines); else rows are counted within the table.
    pub row_at: Vec<Place>,
    /// Where the grid's column boundaries were printed (pt, left to right;
    /// one more than the columns): PDF tables only, to join the pieces of a
    /// table broken over pages whose columns are ruled differently.
    pub xs: Vec<f64>,
}

/// A table cell: its text and the slot of its top-left corner.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub row: usize,
    pub col: usize,
}

/// A block of the document in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// The whole document.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    /// True when spaces next to Chinese characters come from the layout, not
    /// the author (text copied out of a PDF viewer): they are dropped.
    pub layout_spaces: bool,
    /// What the reader left out because a reader of the document does not
    /// see it (deleted revisions, hidden text, text drawn twice…), each kind
    /// once with where it was first met: told as W-IMPORT.
    pub unseen: Vec<String>,
}

/// A cell as given by a source that states spans (HTML, DOCX, PDF rules).
#[derive(Debug, Clone)]
pub struct SpanCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

impl Table {
    /// Lay out rows of cells with spans the way HTML does: each cell takes the
    /// next free slot of its row, slots covered by a rowspan from above are skipped.
    pub fn from_spans(rows: Vec<Vec<SpanCell>>, at: Option<Place>) -> Table {
        let mut t = Table {
            at,
            aligned: true,
            ..Table::default()
        };
        // Spans are capped: a malformed page must not allocate without bound.
        const MAX_SPAN: usize = 64;
        // So is the whole grid; past it the table is cut short and told.
        let mut slots = 0usize;
        for (r, row) in rows.into_iter().enumerate() {
            if t.rows.len() <= r {
                t.rows.push(Vec::new());
            }
            let mut c = 0;
            for cell in row {
                while t.rows[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let id = t.cells.len();
                t.cells.push(Cell {
                    text: cell.text,
                    row: r,
                    col: c,
                });
                let rs = cell.rowspan.clamp(1, MAX_SPAN);
                let cs = cell.colspan.clamp(1, MAX_SPAN);
                for rr in r..r + rs {
                    while t.rows.len() <= rr {
                        t.rows.push(Vec::new());
                    }
                    let line = &mut t.rows[rr];
                    slots += (c + cs).saturating_sub(line.len());
                    if slots > super::bounds::MAX_TABLE_SLOTS {
                        super::bounds::grid_overflowed();
                        return t;
                    }
                    if line.len() < c + cs {
                        line.resize(c + cs, None);
                    }
                    for slot in &mut line[c..c + cs] {
                        if slot.is_none() {
                            *slot = Some(id);
                        }
                    }
                }
                c += cs;
            }
        }
        t
    }

    /// Rows of plain cells (no spans), as a text table gives them.
    pub fn from_rows(rows: Vec<Vec<String>>, at: Option<Place>, aligned: bool) -> Table {
        let spans = rows
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|text| SpanCell {
                        text,
                        rowspan: 1,
                        colspan: 1,
                    })
                    .collect()
            })
            .collect();
        Table {
            aligned,
            ..Table::from_spans(spans, at)
        }
    }

    /// Number of grid columns.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The cell id at a slot.
    pub fn at(&self, r: usize, c: usize) -> Option<usize> {
        self.rows
            .get(r)
            .and_then(|row| row.get(c).copied().flatten())
    }

    /// The distinct cells of a row, left to right, with the first column each covers.
    pub fn row_cells(&self, r: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        if let Some(row) = self.rows.get(r) {
            for (c, slot) in row.iter().enumerate() {
                if let Some(id) = slot {
                    if out.last().is_none_or(|(last, _)| last != id) {
                        out.push((*id, c));
                    }
                }
            }
        }
        out
    }

    /// All text of the table, cell by cell.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.cells.iter().map(|c| c.text.as_str())
    }
}
