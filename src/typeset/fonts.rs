//! The fonts built into the binary, loaded once per process.
//!
//! `Font::iter` reads the embedded bytes in place; the set is shared by every
//! build in the process (a batch, a watch loop, the test suite).

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// The embedded open fonts; `fonts/README.md` says what each file is.
const EMBEDDED: [&[u8]; 6] = [
    include_bytes!("../../fonts/NotoSerifSC-Regular.otf"),
    include_bytes!("../../fonts/GXBiaoSong-Regular.otf"),
    include_bytes!("../../fonts/GXHei-Regular.otf"),
    include_bytes!("../../fonts/GXKai-Regular.ttf"),
    include_bytes!("../../fonts/texgyretermes-regular.otf"),
    include_bytes!("../../fonts/texgyretermes-bold.otf"),
];

/// A set of fonts and the book Typst looks them up in.
pub struct FontSet {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

impl FontSet {
    fn from_fonts(fonts: Vec<Font>) -> Self {
        FontSet {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }
}

/// The embedded set, loaded on first use.
pub fn embedded() -> &'static FontSet {
    static SET: OnceLock<FontSet> = OnceLock::new();
    SET.get_or_init(|| {
        let fonts = EMBEDDED
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        FontSet::from_fonts(fonts)
    })
}
