//! The open fonts built into the binary (`fonts/README.md` says what each
//! file is) and Typst's metadata of them.

use typst::text::FontInfo;

use super::slot::{Data, Slot};
use super::Origin;

/// The embedded open fonts; `fonts/README.md` says what each file is.
pub(super) const EMBEDDED: [(&str, &[u8]); 8] = [
    (
        "NotoSerifSC-Regular.otf",
        include_bytes!("../../../fonts/NotoSerifSC-Regular.otf"),
    ),
    (
        "GXFangSong-Regular.ttf",
        include_bytes!("../../../fonts/GXFangSong-Regular.ttf"),
    ),
    (
        "GXSong-Regular.otf",
        include_bytes!("../../../fonts/GXSong-Regular.otf"),
    ),
    (
        "GXBiaoSong-Regular.otf",
        include_bytes!("../../../fonts/GXBiaoSong-Regular.otf"),
    ),
    (
        "GXHei-Regular.otf",
        include_bytes!("../../../fonts/GXHei-Regular.otf"),
    ),
    (
        "GXKai-Regular.ttf",
        include_bytes!("../../../fonts/GXKai-Regular.ttf"),
    ),
    (
        "texgyretermes-regular.otf",
        include_bytes!("../../../fonts/texgyretermes-regular.otf"),
    ),
    (
        "texgyretermes-bold.otf",
        include_bytes!("../../../fonts/texgyretermes-bold.otf"),
    ),
];

/// `FontInfo` of each [`EMBEDDED`] file, in order, computed when the fonts
/// were made (`GX_BLESS=1 cargo test -- fonts::the_font_book` rewrites it;
/// that test fails when it differs from the files): reading it is faster
/// than walking every face's character map at each start.
const BOOK: &str = include_str!("../../../fonts/book.json");

pub(super) fn embedded_fonts() -> Vec<Slot> {
    let infos: Vec<FontInfo> = serde_json::from_str(BOOK).unwrap_or_default();
    if infos.len() == EMBEDDED.len() {
        EMBEDDED
            .iter()
            .zip(infos)
            .map(|((name, data), info)| {
                Slot::new(Data::Embedded(data), 0, info, Origin::Embedded(name))
            })
            .collect()
    } else {
        // A stale book (the test above fails): read the files instead.
        EMBEDDED
            .iter()
            .filter_map(|(name, data)| {
                let info = FontInfo::new(data, 0)?;
                Some(Slot::new(
                    Data::Embedded(data),
                    0,
                    info,
                    Origin::Embedded(name),
                ))
            })
            .collect()
    }
}

/// The metadata of each embedded file, read from the files themselves (the
/// content of `fonts/book.json`). Each file is one face (index 0).
pub fn embedded_infos() -> Vec<FontInfo> {
    EMBEDDED
        .iter()
        .filter_map(|(_, data)| FontInfo::new(data, 0))
        .collect()
}
