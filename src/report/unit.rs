//! One unit, one identity: an agency's name compared as a clerk would —
//! full-width and half-width brackets, letters and digits alike, spaces
//! ignored, and the city or province in front of a county-level name
//! optional (“西安市鄠邑区市场监督管理局” is “鄠邑区市场监督管理局”).

/// The name with spaces removed and full-width forms made half-width.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Whether two names name the same unit: equal once normalised, or one is
/// the other with a place in front (ending in 省, 市, 区, 县, 州, 盟 or 旗).
pub fn same_unit(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a == b {
        return true;
    }
    let (long, short) = if a.chars().count() >= b.chars().count() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.chars().count() >= 5
        && long.strip_suffix(short.as_str()).is_some_and(|place| {
            place
                .chars()
                .last()
                .is_some_and(|c| "省市区县州盟旗".contains(c))
        })
}

#[cfg(test)]
mod tests {
    use super::same_unit;

    #[test]
    fn one_unit_under_its_spellings_and_not_another() {
        assert!(same_unit("某局（某中心）", "某局(某中心)"));
        assert!(same_unit("某某县 卫生健康局", "某某县卫生健康局"));
        assert!(same_unit(
            "西安市鄠邑区市场监督管理局",
            "鄠邑区市场监督管理局"
        ));
        assert!(!same_unit("鄠邑区市场监督管理局", "长安区市场监督管理局"));
        assert!(!same_unit("某某县卫生健康局", "某某县人民政府办公室"));
        // A name that only ends like another is not it.
        assert!(!same_unit("某某县教育局", "局"));
    }
}
