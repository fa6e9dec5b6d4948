//! A proptest stand-in for a fuzzer: mangled reports and random bytes go
//! through the loader and the checks; nothing may panic, and every failure
//! must be a message with a code.

use proptest::prelude::*;

const REFERENCE: &str = include_str!("../../examples/panzhihua-2024.yaml");

/// The reference report with a few random edits: characters deleted,
/// inserted or replaced, lines duplicated or dropped.
fn mangled() -> impl Strategy<Value = String> {
    let edits = proptest::collection::vec(
        (
            0usize..4,
            any::<prop::sample::Index>(),
            any::<char>(),
            "[-\\[\\]{}:,#&*!|>'\"0-9 \t\n]",
        ),
        1..8,
    );
    edits.prop_map(|edits| {
        let mut lines: Vec<String> = REFERENCE.lines().map(String::from).collect();
        for (kind, at, c, piece) in edits {
            let i = at.index(lines.len());
            match kind {
                0 => {
                    lines.remove(i);
                }
                1 => lines.insert(i, lines[i].clone()),
                2 => {
                    let chars: Vec<char> = lines[i].chars().collect();
                    let j = at.index(chars.len() + 1);
                    lines[i] = chars[..j]
                        .iter()
                        .chain([c].iter())
                        .chain(chars[j..].iter())
                        .collect();
                }
                _ => {
                    let chars: Vec<char> = lines[i].chars().collect();
                    let j = at.index(chars.len() + 1);
                    lines[i] = chars[..j].iter().collect::<String>()
                        + &piece
                        + &chars[j..].iter().collect::<String>();
                }
            }
        }
        lines.join("\n")
    })
}

/// Through the pipeline's checks (as `check` runs them): every finding has
/// a code of the table, a message, and a position inside the text.
fn run(text: &str) {
    let pipeline = gxreport::Pipeline::embedded();
    let prepared = pipeline.prepare_text(text, "f.yaml");
    if let Some(report) = &prepared.report {
        // Against itself as last year's: the cross-year rules run too.
        let _ = pipeline.prepare_report(report.clone(), "f.yaml", Some(report));
    }
    // Lines as YAML counts them: \r\n, \r and \n each end one.
    let normal = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = normal
        .strip_prefix('\u{feff}')
        .unwrap_or(&normal)
        .split('\n')
        .collect();
    for f in &prepared.findings {
        assert!(
            gxreport::diagnostic::codes::lookup(f.code).is_some(),
            "{} is not in the table of codes",
            f.code
        );
        assert!(!f.message.is_empty());
        if let Some(p) = f.pos {
            let line = lines.get(p.line as usize - 1);
            assert!(
                line.is_some(),
                "{}: line {} of {}",
                f.code,
                p.line,
                lines.len()
            );
            let width = line.map_or(0, |l| l.chars().count());
            assert!(
                (p.column as usize) <= width + 1,
                "{}: column {} past the end of line {} ({width} chars)",
                f.code,
                p.column,
                p.line
            );
        }
    }
    let rendered = gxreport::diagnostic::render(&prepared.findings, Some(text), false);
    if prepared.report.is_none() {
        assert!(
            rendered.contains("错误["),
            "a file that does not load says why: {rendered}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mangled_reports_never_panic(text in mangled()) {
        run(&text);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        run(&text);
    }
}
