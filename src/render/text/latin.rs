//! Latin tokens (e-mail, URL, file name, code, number) and the break
//! opportunities a long one gets.

use super::Unit;

/// Characters of a Latin token (e-mail, URL, file name, code, number).
pub(super) fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._-@/:?=&%+~#\\".contains(c)
}

/// Break opportunities in long Latin tokens: after . @ / - _ (not a decimal
/// point between digits), and every 12 characters of a run that has none.
pub(super) fn breakable_tokens(s: &str) -> Vec<Unit> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_token_char(chars[i]) {
            out.push(Unit::Char(chars[i]));
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_token_char(chars[i]) {
            i += 1;
        }
        let token = &chars[start..i];
        if token.len() < 10 {
            out.extend(token.iter().map(|&c| Unit::Char(c)));
            continue;
        }
        let mut run = 0;
        for (k, &c) in token.iter().enumerate() {
            out.push(Unit::Char(c));
            run += 1;
            let Some(&next) = token.get(k + 1) else {
                break;
            };
            let decimal =
                c == '.' && k > 0 && token[k - 1].is_ascii_digit() && next.is_ascii_digit();
            let after_mark = "./@-_".contains(c) && !decimal;
            if after_mark || (run >= 12 && !"./@-_".contains(next)) {
                out.push(Unit::Brk);
                run = 0;
            }
        }
    }
    out
}
