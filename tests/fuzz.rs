//! A proptest stand-in for a fuzzer: mangled reports and random bytes go
//! through the loader and the checks; nothing may panic, and every failure
//! must be a message with a code.

use gxreport::report::load::load_str;
use proptest::prelude::*;

const REFERENCE: &str = include_str!("../examples/panzhihua-2024.yaml");

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

fn run(text: &str) {
    match load_str(text, "f.yaml") {
        Ok(report) => {
            let findings = gxreport::check::check(&report, "f.yaml", Some(&report));
            for f in &findings {
                assert!(!f.message.is_empty() && !f.code.is_empty());
            }
            let _ = gxreport::diagnostic::render(&findings, report.source.as_deref(), false);
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            let rendered = gxreport::diagnostic::render(&problems, Some(text), false);
            assert!(rendered.contains("错误["), "{rendered}");
        }
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
