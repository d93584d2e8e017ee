//! Turning raw chat text into plain lower-case words.
//!
//! Handles what people paste into Discord: mentions and custom emoji (`<@123>`,
//! `<:name:id>`), markdown, links, full-width and other compatibility characters
//! (NFKC), zero-width characters inside words, apostrophes (`Xi'an` = `Xian`) and
//! digit grouping (`493,000` = `493000`).

use unicode_normalization::UnicodeNormalization;

/// Input beyond this many characters is ignored: Discord allows 6,000 in an option,
/// and a question's meaning is never that far in.
pub const MAX_CHARS: usize = 6_000;

/// Lower-case words of `text`, separated by single spaces.
pub fn clean(text: &str) -> String {
    let text: String = text.chars().take(MAX_CHARS).collect();
    // "16.7%" is "16.7 percent": the sign is the only word for it.
    let text = spell_out_us(&strip_discord_markup(&text)).replace('%', " percent ");
    // NFKC leaves ASCII as it is, and most text is ASCII.
    let chars: Vec<char> = if text.is_ascii() {
        text.chars().map(|c| c.to_ascii_lowercase()).collect()
    } else {
        text.nfkc()
            .filter(|c| !is_invisible(*c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut out = String::with_capacity(chars.len());
    let mut word_start = true;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let keep = if c.is_alphanumeric() {
            Some(c)
        } else if is_apostrophe(c) && prev.is_some_and(char::is_alphanumeric) {
            None // join: xi'an -> xian, china's -> chinas
        } else if c == '.'
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            Some('.') // decimal point: 16.7
        } else if c == ','
            && prev.is_some_and(|p| p.is_ascii_digit())
            && is_thousands_group(&chars[i + 1..])
        {
            None // digit grouping: 493,000
        } else {
            Some(' ')
        };
        match keep {
            Some(' ') if !word_start => {
                out.push(' ');
                word_start = true;
            }
            Some(' ') => {}
            Some(c) => {
                out.push(c);
                word_start = false;
            }
            None => {}
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// "US", "U.S." and "U.S.A." in capitals are the country (but "US dollars" a
/// currency); lower case, "us" is the pronoun.
fn spell_out_us(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("U") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let standalone = |len: usize| {
            let prev = out.chars().next_back();
            let next = after[len..].chars().next();
            // "US dollars" is a currency, not a place.
            let currency = after[len..]
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("dollar");
            !prev.is_some_and(char::is_alphanumeric)
                && !next.is_some_and(char::is_alphanumeric)
                && !currency
        };
        let len = ["U.S.A.", "U.S.", "US"]
            .into_iter()
            .find(|abbr| after.starts_with(abbr) && standalone(abbr.len()))
            .map(str::len);
        match len {
            Some(len) => {
                out.push_str("USA");
                rest = &after[len..];
            }
            None => {
                out.push('U');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Removes `<@123>`, `<@!123>`, `<@&123>`, `<#123>`, `<:name:123>`, `<a:name:123>`,
/// `<t:123:R>` and links, which carry no words of the question.
fn strip_discord_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find('>') {
            Some(close) if is_discord_tag(&after[1..close]) => {
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace()
        .filter(|w| !w.starts_with("http://") && !w.starts_with("https://"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_discord_tag(inner: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (head, id) = inner.rsplit_once(':').unwrap_or(("", inner));
    if let Some(mention) = inner.strip_prefix('@') {
        return digits(mention.trim_start_matches(['!', '&']));
    }
    if let Some(channel) = inner.strip_prefix('#') {
        return digits(channel);
    }
    if head.starts_with(':') || head.starts_with("a:") {
        return digits(id); // custom emoji
    }
    match inner.strip_prefix("t:") {
        Some(stamp) => digits(
            stamp
                .split(':')
                .next()
                .unwrap_or("")
                .trim_start_matches('-'),
        ),
        None => false,
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{034f}' | '\u{180e}')
        || ('\u{fe00}'..='\u{fe0f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{00b4}'
    )
}

/// Whether `rest` starts with exactly three digits then a non-digit.
fn is_thousands_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(char::is_ascii_digit)
        && !rest.get(3).is_some_and(char::is_ascii_digit)
}

/// Whether a cleaned word is a number (`211`, `16.7`).
pub fn is_number(word: &str) -> bool {
    word.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && word.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// Whether a word is a single digit ("explain like im 5", "4 cities"): too common to
/// name a figure.
pub fn is_lone_digit(word: &str) -> bool {
    word.len() == 1 && is_number(word)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn cleans_what_people_type() {
        let cases = [
            (
                "How many GIs does Guangxi have?",
                "how many gis does guangxi have",
            ),
            ("Xi'an and Xi\u{2019}an and Xian", "xian and xian and xian"),
            ("pa\u{200b}tents in the w\u{200d}est", "patents in the west"),
            ("\u{ff14}\u{ff19}\u{ff13},000 patents", "493000 patents"),
            ("grew 16.7% yoy.", "grew 16.7 percent yoy"),
            (
                "<@123456> <@!1> <@&2> <#3> hi <:gi:999> <a:spin:1> <t:1700000000:R>",
                "hi",
            ),
            (
                "**bold** __under__ ~~strike~~ `code` > quote",
                "bold under strike code quote",
            ),
            ("see https://example.com/x?y=1 now", "see now"),
            ("1,2 and 10,0000 stay apart", "1 2 and 10 0000 stay apart"),
            ("@everyone 🎉 solar!!!", "everyone solar"),
            ("a < b > c", "a b c"),
            (
                "tell us: did the US or the U.S.A. or USB, in US dollars?",
                "tell us did the usa or the usa or usb in us dollars",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input), expected, "input: {input:?}");
        }
    }
}
