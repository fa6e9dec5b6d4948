//! Values become Typst *literals*, never markup.
//!
//! Every `{{ … }}` in a template goes through [`typst_literal`]: a string
//! becomes a Typst string literal (`"…"` with `\` `"` and control characters
//! escaped), a list an array, a map a dictionary. Typst prints a string
//! literal as plain text, so `#`, `*`, `$`, `//`, `]` in user text print verbatim.

use std::fmt::Write;

use minijinja::value::{Value, ValueKind};

/// Escape `s` as the body of a Typst string literal, quotes included.
pub fn typst_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Write `value` as a Typst literal.
pub fn typst_literal(out: &mut String, value: &Value) -> Result<(), minijinja::Error> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            // Integers print as integers; other numbers as Typst floats.
            match i64::try_from(value.clone()) {
                Ok(i) => {
                    let _ = write!(out, "{i}");
                }
                Err(_) => {
                    let f = f64::try_from(value.clone()).unwrap_or(0.0);
                    let _ = write!(out, "{f:?}");
                }
            }
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                typst_literal(out, &item)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut empty = true;
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                out.push_str(&typst_string(&key.to_string()));
                out.push_str(": ");
                typst_literal(out, &item)?;
                out.push_str(", ");
                empty = false;
            }
            if empty {
                out.push(':');
            }
            out.push(')');
        }
        _ => out.push_str(&typst_string(&value.to_string())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(typst_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(typst_string("x\ny\u{7}"), r#""x\ny\u{7}""#);
        assert_eq!(
            typst_string("#read(\"x\") *b* $m$ // ]"),
            r##""#read(\"x\") *b* $m$ // ]""##
        );
    }

    #[test]
    fn collections_become_arrays_and_dicts() {
        let mut out = String::new();
        let v = Value::from(minijinja::value::Serde(serde_json_like()));
        typst_literal(&mut out, &v).unwrap();
        assert_eq!(out, r#"("a": 1, "b": ("x", ), "c": (:), )"#);
    }

    fn serde_json_like() -> std::collections::BTreeMap<&'static str, Value> {
        let mut m = std::collections::BTreeMap::new();
        m.insert("a", Value::from(1));
        m.insert("b", Value::from(vec!["x"]));
        m.insert(
            "c",
            Value::from(std::collections::BTreeMap::<String, i32>::new()),
        );
        m
    }
}
