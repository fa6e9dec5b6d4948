//! Exact addition of the fee (万元) as written: decimal strings added digit
//! by digit, never through floats. The sum keeps the scale of the most
//! precise input: 1.5 + 2.25 = 3.75, 1.50 + 2 = 3.50.

/// Add two non-negative decimals written as `digits` or `digits.digits`
/// (the form the loader accepts); None if either is not one.
pub fn add(a: &str, b: &str) -> Option<String> {
    let (ai, af) = split(a)?;
    let (bi, bf) = split(b)?;
    let scale = af.len().max(bf.len());
    let width = ai.len().max(bi.len()) + scale;
    // Both numbers as digit strings of equal length, fraction padded on the right.
    let digits = |int: &str, frac: &str| -> Vec<u8> {
        let mut s = "0".repeat(width - int.len() - scale);
        s.push_str(int);
        s.push_str(frac);
        s.push_str(&"0".repeat(scale - frac.len()));
        s.bytes().map(|c| c - b'0').collect()
    };
    let (x, y) = (digits(ai, af), digits(bi, bf));
    let mut out = Vec::with_capacity(width + 1);
    let mut carry = 0;
    for (p, q) in x.iter().rev().zip(y.iter().rev()) {
        let d = p + q + carry;
        out.push(b'0' + d % 10);
        carry = d / 10;
    }
    if carry > 0 {
        out.push(b'0' + carry);
    }
    out.reverse();
    let text: String = out.into_iter().map(char::from).collect();
    let (int, frac) = text.split_at(text.len() - scale);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    Some(if scale == 0 {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    })
}

/// The sum of several decimals; "0" for none.
pub fn sum<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<String> {
    values
        .into_iter()
        .try_fold("0".to_string(), |acc, v| add(&acc, v))
}

/// Integer and fraction digits of a decimal.
fn split(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    let ok =
        !int.is_empty() && digits(int) && digits(frac) && !(s.contains('.') && frac.is_empty());
    ok.then_some((int, frac))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_scale_of_the_most_precise_input() {
        assert_eq!(add("1.5", "2.25").as_deref(), Some("3.75"));
        assert_eq!(add("1.50", "2").as_deref(), Some("3.50"));
        assert_eq!(add("0.25", "3.75").as_deref(), Some("4.00"));
        assert_eq!(add("0", "0").as_deref(), Some("0"));
        assert_eq!(add("007", "0.1").as_deref(), Some("7.1"));
    }

    #[test]
    fn no_float_rounding_and_no_overflow() {
        assert_eq!(add("0.1", "0.2").as_deref(), Some("0.3"));
        assert_eq!(
            add("99999999999999999999999.999", "0.001").as_deref(),
            Some("100000000000000000000000.000")
        );
        assert_eq!(sum(["96171.60", "0.01", "1"]).as_deref(), Some("96172.61"));
        assert_eq!(sum([]).as_deref(), Some("0"));
    }

    #[test]
    fn refuses_what_is_not_a_decimal() {
        for bad in ["", ".5", "5.", "-1", "1,5", "1e3", "１"] {
            assert_eq!(add(bad, "1"), None, "{bad}");
        }
    }
}
