//! Fonts: the embedded open set, plus official faces found in `--font-path`
//! folders and (unless turned off) the system's font folders.
//!
//! Only faces whose family is an official role name are taken from the
//! machine, so a scan of a server's hundreds of fonts loads none of them and
//! the output does not depend on what else happens to be installed.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use super::roles::{official_families, Role, FALLBACK, LATIN, ROLES};

mod embedded;
mod slot;

use embedded::embedded_fonts;
pub use embedded::embedded_infos;
use slot::{Data, Slot};

/// Environment variable with extra font folders, separated like `PATH`.
pub const FONT_PATH_ENV: &str = "GXREPORT_FONT_PATHS";

/// Where fonts may come from.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Folders searched first (`--font-path`, then the environment variable).
    pub font_paths: Vec<PathBuf>,
    /// Whether the system's font folders are searched.
    pub system: bool,
}

impl FontOptions {
    /// Folders from the flag, then from [`FONT_PATH_ENV`]; system fonts unless turned off.
    pub fn from_cli(paths: &[PathBuf], no_system_fonts: bool) -> Self {
        let mut font_paths = paths.to_vec();
        if let Some(env) = std::env::var_os(FONT_PATH_ENV) {
            font_paths.extend(std::env::split_paths(&env));
        }
        FontOptions {
            font_paths,
            system: !no_system_fonts,
        }
    }
}

/// Where a font came from, for `gxreport fonts` and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded(&'static str),
    FontPath(PathBuf),
    System(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Origin::Embedded(name) => write!(f, "内置 fonts/{name}"),
            Origin::FontPath(p) => write!(f, "--font-path {}", p.display()),
            Origin::System(p) => write!(f, "系统 {}", p.display()),
        }
    }
}

/// A set of fonts and the book Typst looks them up in.
///
/// Faces are parsed only when Typst asks for one ([`FontSet::font`]): the
/// book is built from metadata alone, so a report that needs no rare
/// character never parses, hashes or pages in the 12 MB fallback face.
pub struct FontSet {
    pub book: LazyHash<FontBook>,
    slots: Arc<Vec<Slot>>,
    /// Why a folder given to search gave nothing, one Chinese line each.
    pub problems: Vec<String>,
}

/// The family chosen for each role, in the order Typst should try them.
#[derive(Debug, Clone)]
pub struct Choice {
    pub role: Role,
    /// The family that sets the role's text.
    pub family: String,
    /// True when it is one of the official families.
    pub official: bool,
}

impl Choice {
    /// The CJK faces that print this role's text, in the order Typst tries
    /// them: the chosen face, the role's embedded face, the same-style
    /// fallbacks, then [`FALLBACK`]; without repeats.
    pub fn chain(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let all = [self.family.as_str(), self.role.embedded]
            .into_iter()
            .chain(self.role.fallbacks.iter().copied())
            .chain([FALLBACK]);
        for f in all {
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }
}

impl FontSet {
    fn new(slots: Vec<Slot>) -> Self {
        FontSet {
            book: LazyHash::new(FontBook::from_infos(slots.iter().map(|s| s.info.clone()))),
            slots: Arc::new(slots),
            problems: Vec::new(),
        }
    }

    /// The face at `index` of the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.slots.get(index)?.font()
    }

    /// The families of the faces parsed so far (each once, in book order).
    pub fn loaded_families(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in self
            .slots
            .iter()
            .filter(|s| s.font.get().is_some_and(Option::is_some))
        {
            if !out.contains(&s.info.family.as_str()) {
                out.push(&s.info.family);
            }
        }
        out
    }

    /// Every face's metadata and origin, in the book's order.
    pub fn faces(&self) -> impl Iterator<Item = (&FontInfo, &Origin)> {
        self.slots.iter().map(|s| (&s.info, &s.origin))
    }

    /// Embedded fonts, then official faces from the machine.
    pub fn discover(options: &FontOptions) -> Self {
        let mut found: Vec<Slot> = Vec::new();
        let wanted: Vec<String> = official_families().map(str::to_lowercase).collect();
        let mut db = fontdb::Database::new();
        let mut problems = Vec::new();
        for dir in &options.font_paths {
            if !dir.is_dir() {
                problems.push(format!(
                    "字体文件夹“{}”不存在或不是文件夹，已忽略。",
                    dir.display()
                ));
                continue;
            }
            let before = db.len();
            db.load_fonts_dir(dir);
            let faces: Vec<_> = db.faces().skip(before).collect();
            if faces.is_empty() {
                problems.push(format!(
                    "字体文件夹“{}”中没有可读的字体文件（.ttf、.otf、.ttc），已忽略。",
                    dir.display()
                ));
            } else if !faces.iter().any(|f| {
                f.families
                    .iter()
                    .any(|(n, _)| wanted.contains(&n.to_lowercase()))
                    || wanted.contains(&f.post_script_name.to_lowercase())
            }) {
                problems.push(format!(
                    "字体文件夹“{}”中的 {} 个字体都不是版式所用的官方字体（如 FangSong_GB2312、FZXiaoBiaoSong-B05S），未使用。",
                    dir.display(),
                    faces.len()
                ));
            }
        }
        let from_paths = db.len();
        if options.system {
            db.load_system_fonts();
        }
        let mut faces: Vec<(usize, PathBuf, u32)> = db
            .faces()
            .enumerate()
            .filter(|(_, face)| {
                face.families
                    .iter()
                    .any(|(name, _)| wanted.contains(&name.to_lowercase()))
                    || wanted.contains(&face.post_script_name.to_lowercase())
            })
            .filter_map(|(i, face)| match &face.source {
                fontdb::Source::File(path) => Some((i, path.clone(), face.index)),
                _ => None,
            })
            .collect();
        // Deterministic: font-path faces first, each group by path and index.
        faces.sort_by(|a, b| {
            ((a.0 >= from_paths), &a.1, a.2).cmp(&((b.0 >= from_paths), &b.1, b.2))
        });
        faces.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2);
        for (i, path, index) in faces {
            // The metadata now; the face itself is read again when used.
            let Ok(data) = std::fs::read(&path) else {
                continue;
            };
            let Some(info) = FontInfo::new(&data, index) else {
                continue;
            };
            let origin = if i < from_paths {
                Origin::FontPath(path.clone())
            } else {
                Origin::System(path.clone())
            };
            found.push(Slot::new(Data::File(path), index, info, origin));
        }
        found.extend(embedded_fonts());
        let mut set = FontSet::new(found);
        set.problems = problems;
        set
    }

    /// Whether some font of the set has this family (as Typst matches it).
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// Whether some font of `family` has a glyph for `c`.
    pub fn family_covers(&self, family: &str, c: char) -> bool {
        self.slots
            .iter()
            .filter(|s| s.info.family.eq_ignore_ascii_case(family))
            .any(|s| s.covers(c))
    }

    /// Parse the faces the roles print with, and hash them as Typst will, on
    /// a thread of their own: a build overlaps this with reading, checking
    /// and rendering the report instead of waiting for it inside Typst.
    /// The fallback face is left alone unless a role prints with it.
    pub fn prefetch(&self) {
        let families: Vec<String> = self.choices().into_iter().map(|c| c.family).collect();
        let slots = Arc::clone(&self.slots);
        let spawned = std::thread::Builder::new()
            .name("fonts".into())
            .spawn(move || {
                for slot in slots.iter().filter(|s| {
                    families
                        .iter()
                        .any(|f| s.info.family.eq_ignore_ascii_case(f))
                }) {
                    if let Some(font) = slot.font() {
                        // The hash is computed once and kept with the bytes.
                        typst::utils::hash128(&font);
                    }
                }
            });
        // Without a thread the faces load when Typst asks, as before.
        drop(spawned);
    }

    /// The faces of one family.
    pub fn family_fonts<'a>(
        &'a self,
        family: &'a str,
    ) -> impl Iterator<Item = (&'a FontInfo, &'a Origin)> + 'a {
        self.faces()
            .filter(move |(info, _)| info.family.eq_ignore_ascii_case(family))
    }

    /// For each role (Latin last): the official family if one is here, else the embedded one.
    pub fn choices(&self) -> Vec<Choice> {
        ROLES
            .iter()
            .chain([&LATIN])
            .map(
                |role| match role.official.iter().find(|f| self.has_family(f)) {
                    Some(f) => Choice {
                        role: *role,
                        family: f.to_string(),
                        official: true,
                    },
                    None => Choice {
                        role: *role,
                        family: role.embedded.to_string(),
                        official: false,
                    },
                },
            )
            .collect()
    }

    /// The font list of each role as `style.typ` reads it from `fonts.json`:
    /// the Latin face for Latin text where the role wants it, the chosen
    /// face, the role's embedded face, the wide-coverage fallback.
    pub fn chains_json(&self) -> String {
        let choices = self.choices();
        let latin = choices
            .last()
            .map(|c| c.family.clone())
            .unwrap_or_else(|| LATIN.embedded.into());
        let mut map = serde_json::Map::new();
        for c in &choices[..choices.len() - 1] {
            let mut chain = Vec::new();
            if c.role.latin_digits {
                chain.push(serde_json::json!({ "name": latin, "covers": "latin-in-cjk" }));
            }
            for family in c.chain() {
                if !chain.iter().any(|x| x == family) {
                    chain.push(serde_json::Value::from(family));
                }
            }
            map.insert(c.role.key.to_string(), serde_json::Value::Array(chain));
        }
        map.insert(LATIN.key.to_string(), serde_json::Value::from(latin));
        serde_json::Value::Object(map).to_string()
    }
}

/// The embedded set alone, loaded once per process (tests, `--no-system-fonts`
/// without font paths).
pub fn embedded() -> &'static FontSet {
    static SET: OnceLock<FontSet> = OnceLock::new();
    SET.get_or_init(|| FontSet::new(embedded_fonts()))
}

/// The set for these options: the shared embedded set when nothing else is searched.
pub fn for_options(options: &FontOptions) -> std::borrow::Cow<'static, FontSet> {
    if options.font_paths.is_empty() && !options.system {
        std::borrow::Cow::Borrowed(embedded())
    } else {
        std::borrow::Cow::Owned(FontSet::discover(options))
    }
}

impl Clone for FontSet {
    /// The clone shares the faces already parsed.
    fn clone(&self) -> Self {
        FontSet {
            book: self.book.clone(),
            slots: Arc::clone(&self.slots),
            problems: self.problems.clone(),
        }
    }
}
