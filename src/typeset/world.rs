//! The Typst `World` of one report: the generated main file, the style file,
//! the embedded fonts. Nothing is read from disk or the network.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::FontSet;

pub struct ReportWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a FontSet,
    main: Source,
    style: Source,
    /// `fonts.json`: each role's font list, read by `style.typ`.
    chains: Bytes,
    chains_id: FileId,
}

/// The file through which `style.typ` learns the font list of each role.
pub const CHAINS_FILE: &str = "/fonts.json";

fn file_id(path: &str) -> FileId {
    // The paths are constants, so they always parse.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| unreachable!("constant path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl<'a> ReportWorld<'a> {
    pub fn new(main: String, style: String, fonts: &'a FontSet) -> Self {
        ReportWorld {
            library: LazyHash::new(Library::builder().build()),
            chains: Bytes::from_string(fonts.chains_json()),
            chains_id: file_id(CHAINS_FILE),
            fonts,
            main: Source::new(file_id(&format!("/{}", super::MAIN_FILE)), main),
            style: Source::new(file_id(&format!("/{}", super::STYLE_FILE)), style),
        }
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }

    pub fn style_source(&self) -> &Source {
        &self.style
    }
}

impl World for ReportWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        [&self.main, &self.style]
            .into_iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.chains_id {
            return Ok(self.chains.clone());
        }
        self.source(id)
            .map(|s| Bytes::from_string(s.text().to_string()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Never the clock: the same input must give the same bytes.
        None
    }
}
