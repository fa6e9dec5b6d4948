//! Units found by name as a clerk finds them: the same agency written with
//! other widths, brackets, spaces or a place in front is the same unit
//! ([`same_unit`]); file names are never used.

use std::collections::HashMap;

use crate::report::unit::{normalise, same_unit};

/// Names looked up as a clerk would: normalised, then by [`same_unit`].
pub(super) struct Names<'a> {
    exact: HashMap<String, usize>,
    norm: Vec<String>,
    names: Vec<&'a str>,
}

impl<'a> Names<'a> {
    pub(super) fn new(names: Vec<&'a str>) -> Self {
        let norm: Vec<String> = names.iter().map(|n| normalise(n)).collect();
        let mut exact = HashMap::new();
        for (i, n) in norm.iter().enumerate() {
            exact.entry(n.clone()).or_insert(i);
        }
        Names { exact, norm, names }
    }

    pub(super) fn find(&self, name: &str, ok: impl Fn(usize) -> bool) -> Option<usize> {
        let q = normalise(name);
        match self.exact.get(&q) {
            Some(&i) if ok(i) => Some(i),
            // Another spelling is one name ending with the other (the place
            // in front): only those are asked of `same_unit`.
            _ => (0..self.names.len()).find(|&i| {
                ok(i)
                    && (self.norm[i].ends_with(&q) || q.ends_with(&self.norm[i]))
                    && same_unit(self.names[i], name)
            }),
        }
    }
}
