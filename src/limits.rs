//! Discord's limits, in one place: loading checks that every fact fits them, and
//! everything the bot sends is cut to fit here, so a long fact or a long question can
//! never make Discord refuse a reply. Cuts end with an ellipsis and never split a
//! character.

/// Message content.
pub const CONTENT: usize = 2000;
/// Embed title.
pub const EMBED_TITLE: usize = 256;
/// Embed description.
pub const EMBED_DESCRIPTION: usize = 4096;
/// Fields in one embed.
pub const EMBED_FIELDS: usize = 25;
/// Embed field name.
pub const FIELD_NAME: usize = 256;
/// Embed field value.
pub const FIELD_VALUE: usize = 1024;
/// Embed footer text.
pub const FOOTER: usize = 2048;
/// All the text of one embed together.
pub const EMBED_TOTAL: usize = 6000;
/// Action rows in one message.
pub const ACTION_ROWS: usize = 5;
/// Buttons in one action row.
pub const BUTTONS_PER_ROW: usize = 5;
/// A component's custom id.
pub const CUSTOM_ID: usize = 100;
/// A fact's id, which goes into custom ids (`fact:<id>`) and select option values:
/// bounded well under [`CUSTOM_ID`] so that every one it goes into fits whole.
pub const FACT_ID: usize = 64;
/// A button's label.
pub const BUTTON_LABEL: usize = 80;
/// Options in a select menu.
pub const SELECT_OPTIONS: usize = 25;
/// A select option's label, value and description.
pub const SELECT_OPTION_TEXT: usize = 100;
/// A select menu's placeholder.
pub const SELECT_PLACEHOLDER: usize = 150;
/// A command's or option's name.
pub const COMMAND_NAME: usize = 32;
/// A command's or option's description.
pub const COMMAND_DESCRIPTION: usize = 100;
/// What a 👎 voter may write in "What was wrong?".
pub const COMMENT: usize = 500;
/// A modal's title, and a text input's label.
pub const MODAL_TITLE: usize = 45;
/// Autocomplete choices.
pub const AUTOCOMPLETE_CHOICES: usize = 25;
/// An autocomplete choice's name and value.
pub const AUTOCOMPLETE_TEXT: usize = 100;

/// `text` cut to at most `max` characters, ending with "…" when cut.
pub fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// An identifier (custom id, option value) cut to `max` characters without an
/// ellipsis: it is matched, not read.
pub fn fit_id(id: &str, max: usize) -> String {
    id.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_on_characters_with_an_ellipsis() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("exactly10!", 10), "exactly10!");
        assert_eq!(fit("one too many", 11), "one too ma…");
        assert_eq!(fit("西部地区知识产权", 4), "西部地…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit_id("fact:abcdef", 7), "fact:ab");
    }
}
