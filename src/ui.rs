//! Every string the bot shows, from one catalogue per language: `data/ui.en.toml`
//! and `data/ui.zh.toml`, compiled in. Code names a string by its [`Text`] key, so a
//! key the code uses and a catalogue lacks fails the catalogue test, not a user.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::lang::Lang;

static ENGLISH: &str = include_str!("../data/ui.en.toml");
static CHINESE: &str = include_str!("../data/ui.zh.toml");

macro_rules! texts {
    ($($key:ident = $name:literal,)*) => {
        /// A string of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Text {
            $($key,)*
        }

        impl Text {
            /// Every key, for the catalogue test.
            pub const ALL: &[Text] = &[$(Text::$key,)*];

            /// Its key in the catalogue files.
            pub fn key(self) -> &'static str {
                match self {
                    $(Text::$key => $name,)*
                }
            }
        }
    };
}

texts! {
    SourceAsOf = "source_as_of",
    Source = "source",
    AsOf = "as_of",
    SeeAlso = "see_also",
    LatestNote = "latest_note",
    DidYouMeanTitle = "did_you_mean_title",
    DidYouMeanText = "did_you_mean_text",
    DidYouMeanConsole = "did_you_mean_console",
    UnknownTitle = "unknown_title",
    UnknownText = "unknown_text",
    UnknownTopics = "unknown_topics",
    UnstatedTitle = "unstated_title",
    UnstatedWhoOf = "unstated_who_of",
    UnstatedWho = "unstated_who",
    UnstatedFigureOf = "unstated_figure_of",
    UnstatedFigure = "unstated_figure",
    UnstatedThat = "unstated_that",
    ListSeparator = "list_separator",
    Or = "or",
    Quoted = "quoted",
    Greeting = "greeting",
    Thanks = "thanks",
    HelpIntro = "help_intro",
    IKnowAbout = "i_know_about",
    TryAsking = "try_asking",
    OpenAFact = "open_a_fact",
    TopicsTitle = "topics_title",
    BrowseATopic = "browse_a_topic",
    FactsCountOne = "facts_count_one",
    FactsCount = "facts_count",
    FactsAbout = "facts_about",
    VoteThanksTitle = "vote_thanks_title",
    VoteUpThanks = "vote_up_thanks",
    VoteDownThanks = "vote_down_thanks",
    CommentTitle = "comment_title",
    CommentLabel = "comment_label",
    CommentPlaceholder = "comment_placeholder",
    Sorry = "sorry",
    SlowDownTitle = "slow_down_title",
    SlowDownText = "slow_down_text",
    UnhandledInteraction = "unhandled_interaction",
    StaleButton = "stale_button",
    StaleForm = "stale_form",
    NoMessageText = "no_message_text",
    FactGone = "fact_gone",
    NoSuchPlace = "no_such_place",
    NoSuchTopic = "no_such_topic",
    UnknownCommand = "unknown_command",
    AskMeSomething = "ask_me_something",
    HelpTitle = "help_title",
    ConsolePrompt = "console_prompt",
    AboutTitle = "about_title",
    AboutText = "about_text",
    HelpOtherWays = "help_other_ways",
    HelpMenu = "help_menu",
    SettingsPerServer = "settings_per_server",
    SettingsTitle = "settings_title",
    SettingsSaved = "settings_saved",
    BadCooldown = "bad_cooldown",
    NoMessageContent = "no_message_content",
    LoggingOn = "logging_on",
    LoggingOff = "logging_off",
    CooldownServer = "cooldown_server",
    CooldownDefault = "cooldown_default",
    ChannelsUnavailable = "channels_unavailable",
    ChannelsNone = "channels_none",
    ChannelsSome = "channels_some",
    SettingsSummary = "settings_summary",
    ChartButton = "chart_button",
    ChartTitle = "chart_title",
    ChartGone = "chart_gone",
    WebIntro = "web_intro",
    WebTitle = "web_title",
    WebChartPng = "web_chart_png",
    WebSearchLabel = "web_search_label",
    WebSearchPlaceholder = "web_search_placeholder",
    WebSearchButton = "web_search_button",
    WebTopics = "web_topics",
    WebFigures = "web_figures",
    WebPlaces = "web_places",
    WebRelated = "web_related",
    WebChart = "web_chart",
    WebChartOfWhole = "web_chart_of_whole",
    WebSwitch = "web_switch",
    WebSwitchLabel = "web_switch_label",
    WebSkip = "web_skip",
    WebHome = "web_home",
    WebNotFoundTitle = "web_not_found_title",
    WebNotFoundText = "web_not_found_text",
    WebNoFact = "web_no_fact",
    WebAnswer = "web_answer",
    WebAlso = "web_also",
    WebFooter = "web_footer",
    WebAdmin = "web_admin",
    WebLoginTitle = "web_login_title",
    WebTokenLabel = "web_token_label",
    WebLoginButton = "web_login_button",
    WebLoginWrong = "web_login_wrong",
    WebLoginSlow = "web_login_slow",
    WebAdminOff = "web_admin_off",
    WebLogout = "web_logout",
    WebBadForm = "web_bad_form",
    WebGapsTitle = "web_gaps_title",
    WebGapsNone = "web_gaps_none",
    WebPeriodLabel = "web_period_label",
    WebPeriodAll = "web_period_all",
    WebPeriodDay = "web_period_day",
    WebPeriodWeek = "web_period_week",
    WebPeriodMonth = "web_period_month",
    WebFilter = "web_filter",
    WebAsks = "web_asks",
    WebCount = "web_count",
    WebExamples = "web_examples",
    WebVerdicts = "web_verdicts",
    WebLastSeen = "web_last_seen",
    WebFeedbackTitle = "web_feedback_title",
    WebFeedbackNone = "web_feedback_none",
    WebFact = "web_fact",
    WebComments = "web_comments",
    WebGone = "web_gone",
    WebStatsTitle = "web_stats_title",
    WebStatsNone = "web_stats_none",
    WebPerDay = "web_per_day",
    WebPerVerdict = "web_per_verdict",
    WebTotal = "web_total",
    WebReload = "web_reload",
    WebReloaded = "web_reloaded",
    WebReloadFailed = "web_reload_failed",
    WebStoreFailed = "web_store_failed",
    WebStoreOff = "web_store_off",
}

/// One language's strings.
#[derive(Debug, Deserialize)]
pub struct Catalogue {
    /// How replies name a quantity asked for ("length"), by its English name.
    #[serde(default)]
    pub quantities: HashMap<String, String>,
    /// The commands' names, descriptions, help lines and options, by the command's
    /// registered name.
    #[serde(default)]
    pub commands: HashMap<String, CommandText>,
    /// The strings, by key.
    #[serde(flatten)]
    pub strings: HashMap<String, String>,
}

/// A command's name, description and help line in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandText {
    pub name: String,
    pub description: String,
    pub help: String,
    /// Its options, by the option's name.
    #[serde(default)]
    pub options: HashMap<String, OptionText>,
}

/// An option's name and description in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionText {
    pub name: String,
    pub description: String,
}

/// Parses a catalogue file.
///
/// # Errors
/// The TOML error, when it is not a table of strings.
pub fn parse(text: &str) -> Result<Catalogue, toml::de::Error> {
    toml::from_str(text)
}

/// The English and Chinese catalogues.
static CATALOGUES: LazyLock<[Catalogue; 2]> = LazyLock::new(|| {
    [ENGLISH, CHINESE].map(|text| parse(text).expect("the bundled catalogues parse"))
});

/// The bundled catalogue of `lang`, for tests.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    &CATALOGUES[usize::from(lang.is_chinese())]
}

/// The string `text` in `lang`, in Simplified characters for Chinese (see
/// [`Lang::script`]); the English one where the language lacks it.
pub fn text(lang: Lang, text: Text) -> &'static str {
    let key = text.key();
    catalogue(lang)
        .strings
        .get(key)
        .or_else(|| catalogue(Lang::En).strings.get(key))
        .map_or(key, String::as_str)
}

/// The texts of command `name` (as registered) in `lang`: English where the language
/// lacks them, and none at all only for a command neither catalogue has, which the
/// catalogue test rules out.
pub fn command(lang: Lang, name: &str) -> &'static CommandText {
    static NONE: LazyLock<CommandText> = LazyLock::new(|| CommandText {
        name: String::new(),
        description: String::new(),
        help: String::new(),
        options: HashMap::new(),
    });
    catalogue(lang)
        .commands
        .get(name)
        .or_else(|| catalogue(Lang::En).commands.get(name))
        .unwrap_or(&NONE)
}

/// How a reply in `lang` names the quantity called `english` ("length"): as it is
/// where the catalogue has no name for it.
pub fn quantity(lang: Lang, english: &str) -> &str {
    catalogue(lang)
        .quantities
        .get(english)
        .map_or(english, String::as_str)
}

/// The string `text` in `lang` with each `{name}` replaced by its value.
pub fn fill(lang: Lang, text: Text, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(self::text(lang, text).to_owned(), |out, (name, value)| {
            out.replace(&format!("{{{name}}}"), value)
        })
}

/// "1 fact", "3 facts" in `lang`.
pub fn facts_count(lang: Lang, count: usize) -> String {
    let text = if count == 1 {
        Text::FactsCountOne
    } else {
        Text::FactsCount
    };
    fill(lang, text, &[("count", &count.to_string())])
}

/// Items joined as a list in `lang` ("a, b, c"; "甲、乙、丙").
pub fn list(lang: Lang, items: &[impl AsRef<str>]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(text(lang, Text::ListSeparator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_hold_every_key_and_no_other() {
        for lang in [Lang::En, Lang::ZH] {
            let catalogue = catalogue(lang);
            for text in Text::ALL {
                assert!(
                    catalogue.strings.contains_key(text.key()),
                    "{lang:?} lacks `{}`",
                    text.key()
                );
            }
            for key in catalogue.strings.keys() {
                assert!(
                    Text::ALL.iter().any(|t| t.key() == key),
                    "{lang:?} has `{key}`, which no code uses"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_the_same_in_both_languages() {
        let names = |text: &str| {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            names.sort();
            names
        };
        for text in Text::ALL {
            assert_eq!(
                names(self::text(Lang::En, *text)),
                names(self::text(Lang::ZH, *text)),
                "`{}`",
                text.key()
            );
        }
    }

    #[test]
    fn both_catalogues_describe_every_command_and_option() {
        use crate::command::{Command, Kind};
        for lang in [Lang::En, Lang::ZH] {
            for spec in Command::SPECS {
                let text = catalogue(lang).commands.get(spec.name);
                let text =
                    text.unwrap_or_else(|| panic!("{lang:?} lacks [commands.{}]", spec.name));
                assert!(!text.name.is_empty());
                // A context-menu command has no description; every slash command has.
                let slash = spec.kind == Kind::Slash;
                assert_eq!(text.description.is_empty(), !slash, "{}", spec.name);
                let helped = |lang| !catalogue(lang).commands[spec.name].help.is_empty();
                assert_eq!(helped(lang), helped(Lang::En), "{}", spec.name);
                let mut options: Vec<&str> = text.options.keys().map(String::as_str).collect();
                let mut wanted: Vec<&str> = spec.options.iter().map(|o| o.name).collect();
                options.sort_unstable();
                wanted.sort_unstable();
                assert_eq!(options, wanted, "{lang:?} {}", spec.name);
            }
            assert_eq!(catalogue(lang).commands.len(), Command::SPECS.len());
        }
        assert_eq!(
            command(Lang::En, "ask").name,
            "ask",
            "English names are the registered ones"
        );
    }

    #[test]
    fn chinese_names_every_quantity_a_reply_may_name() {
        let base = crate::data::bundled().expect("bundled data loads");
        let measures = base.synonyms().measures.iter().map(|m| m.name.as_str());
        let kinds = crate::facts::FigureKind::ALL.iter().map(|k| k.noun());
        for name in kinds.chain(measures) {
            assert!(
                catalogue(Lang::ZH).quantities.contains_key(name),
                "data/ui.zh.toml lacks a name for the quantity `{name}`"
            );
        }
    }

    #[test]
    fn fill_replaces_each_placeholder() {
        assert_eq!(
            fill(Lang::ZH, Text::FactsAbout, &[("place", "广西")]),
            "关于广西的资料"
        );
        assert_eq!(
            fill(Lang::En, Text::FactsCount, &[("count", "3")]),
            "3 facts"
        );
    }
}
