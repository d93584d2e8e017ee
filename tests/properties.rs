//! Property tests: for any input, the engine never panics and keeps its contract.

use std::sync::LazyLock;

use ipwest::console::JsonAnswer;
use ipwest::engine::MAX_SUGGESTIONS;
use ipwest::lang::Lang;
use ipwest::matcher::normalize::clean;
use ipwest::reply::Reply;
use ipwest::{Engine, Outcome, data};
use proptest::prelude::*;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(data::bundled().unwrap()));

/// Any Unicode text up to 10,000 characters.
fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..10_000).prop_map(String::from_iter)
}

/// Questions built from the fact base's own words, numbers, typos and chat noise,
/// which reach the deeper paths (cues, places, gates, typo correction).
fn question_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "how many",
        "how much",
        "when",
        "which region",
        "GI",
        "geografical",
        "patents",
        "pattents",
        "western",
        "China",
        "Guangxi",
        "Xi'an",
        "Xi\u{2019}an",
        "Talatan",
        "2023",
        "211",
        "493,000",
        "16.7%",
        "\u{ff12}\u{ff11}\u{ff11}",
        "<@123>",
        "@everyone",
        "**",
        "\u{200b}",
        "?",
        ".",
        "\n",
        "\u{1f411}",
        "in yuan",
        "China-Laos",
        "the",
        "zzzq",
    ]);
    prop::collection::vec((pieces, any::<char>()), 0..60).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(piece, c)| format!("{piece}{c} "))
            .collect()
    })
}

fn check_contract(question: &str) -> Result<(), TestCaseError> {
    let outcome = ENGINE.ask(question, "2026-12-01".parse().unwrap());
    let confidence = outcome.confidence();
    prop_assert!((0.0..=1.0).contains(&confidence), "confidence {confidence}");
    prop_assert!(outcome.suggestions().len() <= MAX_SUGGESTIONS);
    prop_assert_eq!(
        outcome.answer().is_some(),
        matches!(outcome, Outcome::Answer { .. })
    );
    if let Outcome::Unknown { closest_topics, .. } = &outcome {
        prop_assert!(closest_topics.len() <= 3);
    }
    let lang = Lang::of(question);
    let json = JsonAnswer::new(question, Reply::new(ENGINE.base(), &outcome, lang), lang);
    prop_assert_eq!(json.lang, lang.code());
    prop_assert_eq!(json.answered, json.answer.is_some());
    prop_assert!(json.suggestions.len() <= MAX_SUGGESTIONS);
    prop_assert!(serde_json::to_string(&json).is_ok());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_keeps_the_contract(question in any_text()) {
        check_contract(&question)?;
    }

    #[test]
    fn question_like_text_keeps_the_contract(question in question_like()) {
        check_contract(&question)?;
    }

    #[test]
    fn cleaning_is_idempotent_and_leaves_only_words(text in any_text()) {
        let once = clean(&text);
        prop_assert_eq!(clean(&once), once.clone());
        prop_assert!(once.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '.'));
        prop_assert!(!once.contains("  ") && !once.starts_with(' ') && !once.ends_with(' '));
    }
}
