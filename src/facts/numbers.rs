//! The numbers a text states, as quantities: "493,000", "42 million" and "49.3万" are
//! all read as what they count, so that the English and Chinese answers of a fact can
//! be checked to state the same numbers. Full-width digits count as digits; numbers
//! written as words ("four", "四") are not read; nor is a Chinese month ("9月"), which
//! English writes as a word.

/// Multipliers written after a number.
const ENGLISH_SCALES: [(&str, f64); 4] = [
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];
const CHINESE_SCALES: [(&str, f64); 4] = [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3)];

/// The quantities `text` states, in order of appearance, each once.
pub fn quantities(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().map(half_width).collect();
    let mut found: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && !continues_number(&chars[..i]);
        if !starts {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        while i < chars.len() {
            let c = chars[i];
            let joins_group = (c == ',' || c == '.')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && !digits.is_empty();
            if c.is_ascii_digit() || (c == '.' && joins_group) {
                digits.push(c);
            } else if c != ',' || !joins_group {
                break;
            }
            i += 1;
        }
        let Ok(value) = digits.parse::<f64>() else {
            continue;
        };
        let rest: String = chars[i..].iter().take(12).collect();
        if rest.starts_with('月') {
            continue;
        }
        let scale = scale(&rest);
        let quantity = value * scale;
        if !found.iter().any(|q| same(*q, quantity)) {
            found.push(quantity);
        }
    }
    found
}

/// Whether two quantities are the same, allowing for floating point.
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The multiplier written right after a number, if any.
fn scale(rest: &str) -> f64 {
    for (word, scale) in CHINESE_SCALES {
        if rest.starts_with(word) {
            return scale;
        }
    }
    let word: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    ENGLISH_SCALES
        .iter()
        .find(|(name, _)| *name == word)
        .map_or(1.0, |(_, scale)| *scale)
}

/// Whether a digit after `before` continues a number rather than starting one: it
/// follows a digit, or a comma or point that follows one ("1,234", "16.7"; not "，100").
fn continues_number(before: &[char]) -> bool {
    match before {
        [.., c] if c.is_ascii_digit() => true,
        [.., d, ',' | '.'] => d.is_ascii_digit(),
        _ => false,
    }
}

/// Full-width digits and punctuation as their ASCII forms.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | '．' | '，' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<f64> {
        quantities(text)
    }

    #[test]
    fn english_and_chinese_forms_read_as_the_same_quantities() {
        assert_eq!(
            read("493,000 valid invention patents, up 16.7 percent"),
            [493_000.0, 16.7]
        );
        assert_eq!(read("有效发明专利49.3万件，增长16.7%"), [493_000.0, 16.7]);
        assert_eq!(read("42 million trips"), [42e6]);
        assert_eq!(read("4200万人次"), [42e6]);
        assert_eq!(
            read("429.8 billion yuan ($60.36 billion)"),
            [429.8e9, 60.36e9]
        );
        assert_eq!(read("4298亿元（603.6亿美元）"), [429.8e9, 60.36e9]);
        assert_eq!(read("more than 5 million people"), [5e6]);
        assert_eq!(read("超过500万人"), [5e6]);
        assert_eq!(read("２０２４年"), [2024.0]);
        assert_eq!(
            read("根据协定，100个中国地理标志和96个欧盟地理标志"),
            [100.0, 96.0]
        );
    }

    #[test]
    fn months_words_and_repeats_are_not_read() {
        assert_eq!(read("截至2024年9月底"), [2024.0]);
        assert_eq!(
            read("Four cities, two-thirds of the land"),
            Vec::<f64>::new()
        );
        assert_eq!(read("2023 and again 2023"), [2023.0]);
        assert_eq!(read("30 September 2024"), [30.0, 2024.0]);
        assert_eq!(read("2024年9月30日"), [2024.0, 30.0]);
    }
}
