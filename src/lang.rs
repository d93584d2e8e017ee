//! The language a reply is written in: English, or Chinese in one of its scripts.
//!
//! Chinese replies are written in Simplified characters (the fact base and the
//! catalogue hold Simplified) and converted by zhconv for Traditional: a Discord
//! locale of zh-TW or zh-HK, or a question asked in Traditional characters.

use serde::Serialize;

use crate::matcher::is_chinese;

/// The language of a reply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh(Script),
}

/// The script of a Chinese reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// 简体, as written in mainland China.
    Simplified,
    /// 繁體, as a question in Traditional characters is written.
    Traditional,
    /// 繁體 with Taiwan's usage (zh-TW).
    Taiwan,
    /// 繁體 with Hong Kong's usage (zh-HK).
    HongKong,
}

/// The language as `ask --json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Code {
    En,
    Zh,
}

impl Lang {
    /// Chinese in Simplified characters.
    pub const ZH: Lang = Lang::Zh(Script::Simplified);

    /// The language a question is asked in: Chinese when it holds Chinese characters
    /// (in the script it mostly uses) or the punctuation a Chinese keyboard types
    /// (？，。), else English.
    pub fn of(question: &str) -> Lang {
        if !is_chinese(question) && !question.chars().any(is_chinese_punctuation) {
            return Lang::En;
        }
        // Below 0.5, more characters would change to Simplified than to Traditional.
        if zhconv::is_hans_confidence(question) < 0.5 {
            Lang::Zh(Script::Traditional)
        } else {
            Lang::ZH
        }
    }

    /// The language of a Discord locale ("zh-CN", "zh-TW", "en-US"); `None` for a
    /// language the bot does not write.
    pub fn of_locale(locale: &str) -> Option<Lang> {
        match locale {
            "zh-CN" => Some(Lang::ZH),
            "zh-TW" => Some(Lang::Zh(Script::Taiwan)),
            "zh-HK" => Some(Lang::Zh(Script::HongKong)),
            _ if locale.starts_with("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// The language to reply in to someone whose Discord locale is `locale` (when the
    /// bot writes it) and who typed in `typed`: a Chinese locale wins; otherwise
    /// Chinese is answered in Chinese, in the script it was typed in; anything else in
    /// the locale's language, or English.
    pub fn choose(locale: Option<Lang>, typed: Lang) -> Lang {
        match (locale, typed) {
            (Some(chinese @ Lang::Zh(_)), _) | (_, chinese @ Lang::Zh(_)) => chinese,
            (locale, Lang::En) => locale.unwrap_or(Lang::En),
        }
    }

    /// The language of `code`, in Simplified characters for Chinese.
    pub fn of_code(code: Code) -> Lang {
        match code {
            Code::En => Lang::En,
            Code::Zh => Lang::ZH,
        }
    }

    /// Its code: "en" or "zh".
    pub fn code(self) -> Code {
        match self {
            Lang::En => Code::En,
            Lang::Zh(_) => Code::Zh,
        }
    }

    /// Whether it is Chinese.
    pub fn is_chinese(self) -> bool {
        matches!(self, Lang::Zh(_))
    }

    /// `text`, written in Simplified characters, in this language's script.
    pub fn script(self, text: &str) -> String {
        let variant = match self {
            Lang::En | Lang::Zh(Script::Simplified) => return text.to_owned(),
            Lang::Zh(Script::Traditional) => zhconv::Variant::ZhHant,
            Lang::Zh(Script::Taiwan) => zhconv::Variant::ZhTW,
            Lang::Zh(Script::HongKong) => zhconv::Variant::ZhHK,
        };
        zhconv::zhconv(text, variant)
    }
}

/// CJK punctuation (。、「」) and the full-width forms a Chinese keyboard types (？！，：).
fn is_chinese_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// `text` in Simplified characters.
pub fn simplified(text: &str) -> String {
    zhconv::zhconv(text, zhconv::Variant::ZhHans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_is_in_the_language_and_script_it_is_written_in() {
        assert_eq!(Lang::of("how many GIs does Guangxi have"), Lang::En);
        assert_eq!(Lang::of("广西有多少个地理标志？"), Lang::ZH);
        assert_eq!(
            Lang::of("廣西有多少個地理標誌？"),
            Lang::Zh(Script::Traditional)
        );
        assert_eq!(Lang::of("guangxi 有多少个 GI"), Lang::ZH);
        assert_eq!(Lang::of("？？？"), Lang::ZH, "typed on a Chinese keyboard");
        assert_eq!(Lang::of("???"), Lang::En);
    }

    #[test]
    fn locales_choose_the_script() {
        assert_eq!(Lang::of_locale("zh-CN"), Some(Lang::ZH));
        assert_eq!(Lang::of_locale("en-GB"), Some(Lang::En));
        assert_eq!(Lang::of_locale("fr"), None);
        let taiwan = Lang::of_locale("zh-TW").unwrap();
        assert_eq!(taiwan.script("发明专利"), "發明專利");
        assert_eq!(Lang::of_locale("zh-HK").unwrap().code(), Code::Zh);
        assert_eq!(Lang::ZH.script("发明专利"), "发明专利");
    }
}
