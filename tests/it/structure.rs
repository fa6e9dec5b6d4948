//! The structure of the crate, read from every source file (none picked by
//! hand): folders depend only downwards, only `typeset/` knows Typst, and
//! `typeset/` imports nothing else of the crate. The stages that `check`
//! runs therefore cannot reach Typst or fonts except through the pipeline.

use std::path::{Path, PathBuf};

/// The crate's top-level modules, lowest first. A module may use modules
/// of a lower level, never of its own level or higher (except itself).
const LEVELS: &[(&str, u8)] = &[
    ("typeset", 0),
    ("output", 2),
    ("format", 0),
    ("diagnostic", 1),
    ("report", 2),
    ("check", 3),
    ("render", 3),
    ("html", 4),
    // The Word template is laid out on the grid the HTML writer places.
    ("drafting", 5),
    ("import", 6),
    ("pipeline", 7),
    ("batch", 8),
    ("live", 8),
    ("aggregate", 9),
    ("review", 10),
];

fn level(module: &str) -> Option<u8> {
    LEVELS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to (`src/report/load.rs` → `report`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

/// The code of a file without its comments and its `#[cfg(test)]` module.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn modules_depend_only_downwards_and_only_typeset_knows_typst() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut problems = Vec::new();
    let mut seen_modules = std::collections::BTreeSet::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(mine) = level(&module) else { continue }; // lib.rs, main.rs, cli/, bin/
        seen_modules.insert(module.clone());
        let text = code(&std::fs::read_to_string(file).unwrap());
        let name = file.strip_prefix(&src).unwrap().display().to_string();
        if module != "typeset" {
            for krate in [
                "typst::",
                "typst_pdf",
                "typst_layout",
                "typst_render",
                "typst_svg",
            ] {
                if text.contains(krate) {
                    problems.push(format!("{name} uses {krate} outside typeset/"));
                }
            }
        }
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let target: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if target == module || target.is_empty() {
                continue;
            }
            if module == "typeset" {
                problems.push(format!("{name}: typeset/ imports crate::{target}"));
                continue;
            }
            match level(&target) {
                Some(theirs) if theirs < mine => {}
                Some(_) => problems.push(format!("{name}: {module} uses crate::{target} (upward)")),
                None => problems.push(format!("{name}: unknown module crate::{target}")),
            }
        }
    }
    // The scan saw the modules it rules on.
    for m in ["typeset", "report", "check", "pipeline", "batch"] {
        assert!(seen_modules.contains(m), "no file of {m} was read");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_source_file_is_over_400_lines_except_the_format_data() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("format")))
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 400).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
