//! The 成文日期: every accepted way of writing it, checked against the
//! calendar, and the one way it is printed.

/// A 成文日期 as written: “2026年1月20日”, “2026-01-20”, “2026/1/20”,
/// “2026.1.20”, full-width digits, or Chinese numerals (“二〇二六年一月二十日”).
/// Every form is checked against the calendar; the error says why not.
pub fn parse_date(s: &str) -> Result<time::Date, String> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    let t = hanzi_numerals(&t).unwrap_or(t);
    let parts: Vec<&str> = t
        .split(['年', '月', '日', '-', '/', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let shaped = t
        .chars()
        .all(|c| c.is_ascii_digit() || "年月日-/.".contains(c));
    // The message names what is wrong; the caller's hint shows the form.
    let [y, m, d] = parts.as_slice() else {
        return Err(match parts.len() {
            2 => format!("“{s}”只写到了月，成文日期要写到日。"),
            _ => format!("“{s}”不是日期，认不出其中的年、月、日。"),
        });
    };
    let num = |p: &str| p.parse::<u32>().ok().filter(|_| p.len() <= 4);
    let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d)) else {
        return Err(format!("“{s}”不是日期：年、月、日要写成数字。"));
    };
    if !shaped || !(1000..=9999).contains(&y) {
        return Err(format!("“{s}”不是日期：年份要写四位数字。"));
    }
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or_else(|| format!("“{s}”中没有{m}月：月份只能是 1 到 12。"))?;
    let last = month.length(y as i32);
    u8::try_from(d)
        .ok()
        .filter(|d| (1..=last).contains(d))
        .and_then(|d| time::Date::from_calendar_date(y as i32, month, d).ok())
        .ok_or_else(|| format!("“{s}”中的日期不存在：{y}年{m}月只有 {last} 天。"))
}

/// The date as printed: “2026年1月20日”.
pub fn date_zh(d: time::Date) -> String {
    format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day())
}

/// “二〇二六年一月二十日” → “2026年1月20日”; None when not written so.
fn hanzi_numerals(s: &str) -> Option<String> {
    const DIGITS: &str = "〇一二三四五六七八九";
    let digit = |c: char| {
        if c == '零' || c == 'Ｏ' || c == 'O' || c == '○' {
            Some(0)
        } else {
            DIGITS.chars().position(|d| d == c).map(|i| i as u32)
        }
    };
    if !s.chars().any(|c| digit(c).is_some() || c == '十') {
        return None;
    }
    let mut out = String::new();
    for part in s.split_inclusive(['年', '月', '日']) {
        let (num, unit) = match part.char_indices().last() {
            Some((i, u @ ('年' | '月' | '日'))) => (&part[..i], Some(u)),
            _ => (part, None),
        };
        let value = if unit == Some('年') {
            num.chars()
                .map(|c| digit(c).map(|d| char::from(b'0' + d as u8)))
                .collect::<Option<String>>()?
        } else {
            // 一 … 九, 十, 十一 … 十九, 二十 … 三十一
            let cs: Vec<char> = num.chars().collect();
            let n = match cs.as_slice() {
                [a] if *a == '十' => 10,
                [a] => digit(*a)?,
                ['十', b] => 10 + digit(*b)?,
                [a, '十'] => digit(*a)? * 10,
                [a, '十', b] => digit(*a)? * 10 + digit(*b)?,
                _ => return None,
            };
            n.to_string()
        };
        out.push_str(&value);
        out.extend(unit);
    }
    Some(out)
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn every_form_is_checked_against_the_calendar() {
        for ok in [
            "2026年1月20日",
            "2026-01-20",
            "2026/1/20",
            "2026.1.20",
            "２０２６年１月２０日",
            "二〇二六年一月二十日",
        ] {
            let d = parse_date(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(date_zh(d), "2026年1月20日");
        }
        assert_eq!(
            parse_date("2026年2月30日").unwrap_err(),
            "“2026年2月30日”中的日期不存在：2026年2月只有 28 天。"
        );
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2028-02-29").is_ok());
        assert_eq!(
            parse_date("2026年13月1日").unwrap_err(),
            "“2026年13月1日”中没有13月：月份只能是 1 到 12。"
        );
        assert!(parse_date("明年一月").is_err());
        assert!(parse_date("26-1-20").is_err());
    }
}
