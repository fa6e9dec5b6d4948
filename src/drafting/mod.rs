//! Writing report files for people to fill in: `gxreport init` (a
//! skeleton, or next year's from last year's, [`skeleton`]), the editor
//! schema (`gxreport schema`, [`schema`]), and the one YAML writer that
//! `init`, `aggregate` and the importer share ([`yaml`]).

pub mod docx;
pub mod schema;
pub mod skeleton;
pub mod yaml;
