//! Where each value of an imported report was printed, so that `check` on a
//! published report can tell a clerk “第4页表格第7行，表三“（一）予以公开”行、
//! “自然人”列” instead of a line of YAML the clerk never saw.
//!
//! Values are keyed by what they are in the report, not by the line of the
//! generated YAML they land on: a figure by its path in [`crate::format::cells`],
//! prose by section, item and paragraph ([`Key`]). The pipeline finds a
//! finding's value through the positions the loader gave the model, the very
//! positions the rules point at, so the YAML writer's layout (totals left
//! out, comments, blank lines) can change without this map going wrong.

use std::collections::BTreeMap;

/// Where one value was printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The block and row: “第4页表格第7行”, “第12段”, “第40行”.
    pub at: String,
    /// What it is there: “表三“（一）予以公开”行”, “一、总体情况”.
    pub what: String,
    /// The column of a figure: “自然人”列.
    pub column: Option<String>,
}

impl Printed {
    /// The place without the column: a finding on a row as a whole.
    pub fn row(&self) -> String {
        format!("{}，{}", self.at, self.what)
    }
}

impl std::fmt::Display for Printed {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.row())?;
        match &self.column {
            Some(c) => write!(f, "、{c}"),
            None => Ok(()),
        }
    }
}

/// A value of the report, as the recogniser writes it and the pipeline
/// finds it in the loaded model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    /// A figure, by its path in [`crate::format::cells`].
    Cell(String),
    Agency,
    Year,
    Title(usize),
    Lead(usize),
    /// Prose of section `0..6` (the notes under Tables A–C are 1–3, as in
    /// [`crate::report::Report::proses`]): a paragraph before the items.
    Text(usize, usize),
    /// An item's heading.
    Heading(usize, usize),
    /// An item's paragraph.
    ItemText(usize, usize, usize),
    Signature,
    Date,
    /// The date a portal says it published the report; its [`Printed::what`]
    /// is that date, “2024-01-17”.
    Published,
}

/// Where every value read was printed.
pub type Places = BTreeMap<Key, Printed>;
