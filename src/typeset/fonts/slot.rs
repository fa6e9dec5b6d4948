//! One face of a [`super::FontSet`]: where its bytes are, its metadata, and
//! the face itself, parsed on first use.

use std::path::PathBuf;
use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

use super::Origin;

/// One face: where its bytes are, what it is, and the face once parsed.
pub(super) struct Slot {
    data: Data,
    index: u32,
    pub(super) info: FontInfo,
    pub(super) origin: Origin,
    pub(super) font: OnceLock<Option<Font>>,
    /// The code points of `info.coverage`, sorted, for binary search (the
    /// coverage's own lookup walks its runs, thousands for a CJK face).
    chars: OnceLock<Vec<u32>>,
}

pub(super) enum Data {
    Embedded(&'static [u8]),
    File(PathBuf),
}

impl Slot {
    pub(super) fn new(data: Data, index: u32, info: FontInfo, origin: Origin) -> Slot {
        Slot {
            data,
            index,
            info,
            origin,
            font: OnceLock::new(),
            chars: OnceLock::new(),
        }
    }

    pub(super) fn covers(&self, c: char) -> bool {
        self.chars
            .get_or_init(|| self.info.coverage.iter().collect())
            .binary_search(&(c as u32))
            .is_ok()
    }

    pub(super) fn font(&self) -> Option<Font> {
        self.font
            .get_or_init(|| {
                let bytes = match &self.data {
                    Data::Embedded(data) => Bytes::new(*data),
                    Data::File(path) => Bytes::new(std::fs::read(path).ok()?),
                };
                Font::new(bytes, self.index)
            })
            .clone()
    }
}
