//! Behaviour of the engine on the real fact base, beyond the evaluation set.

use ipwest::{Engine, Outcome, data};

fn engine() -> Engine {
    Engine::new(data::bundled().expect("bundled data loads"))
}

#[test]
fn every_fact_answers_its_own_example_questions() {
    let engine = engine();
    let mut wrong = Vec::new();
    for fact in engine.base().facts() {
        for question in &fact.questions {
            let got = engine.ask(question).answer().map(|f| f.id.clone());
            if got.as_deref() != Some(fact.id.as_str()) {
                wrong.push(format!("{question:?}: expected {}, got {got:?}", fact.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_question_quoting_a_figure_finds_its_fact() {
    let engine = engine();
    let cases = [
        ("which region has 211 GIs", "guangxi-gi-count"),
        (
            "where did 228,000 liters of wine go",
            "helan-wine-europe-imports",
        ),
        ("what grew 16.7%", "valid-invention-patents"),
        ("429.8 billion yuan", "western-gi-output-value"),
    ];
    for (question, id) in cases {
        assert_eq!(
            engine.ask(question).answer().map(|f| f.id.as_str()),
            Some(id),
            "{question}"
        );
    }
}

#[test]
fn unknown_questions_name_the_closest_topics() {
    let engine = engine();
    match engine.ask("How many trademarks does Xinjiang have?") {
        Outcome::Unknown {
            closest_topics,
            confidence,
        } => {
            assert!(!closest_topics.is_empty() && closest_topics.len() <= 3);
            assert!(confidence < ipwest::matcher::SUGGEST_THRESHOLD);
        }
        Outcome::DidYouMean { suggestions, .. } => assert!(!suggestions.is_empty()),
        Outcome::Answer { fact, .. } => panic!("answered {} for a figure the base lacks", fact.id),
    }
    match engine.ask("what is the best pizza topping") {
        Outcome::Unknown { closest_topics, .. } => assert_eq!(closest_topics.len(), 3),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[test]
fn a_lone_common_word_is_a_topic_not_a_question() {
    let engine = engine();
    match engine.ask("patents") {
        Outcome::DidYouMean { suggestions, .. } => {
            assert!(
                suggestions
                    .iter()
                    .any(|f| f.id == "valid-invention-patents")
            );
            assert!(suggestions.len() <= 3);
        }
        other => panic!("expected DidYouMean, got {other:?}"),
    }
}

#[test]
fn empty_and_noise_only_input_abstains_with_zero_confidence() {
    let engine = engine();
    for question in [
        "",
        "   ",
        "???",
        "<@123> <:x:456>",
        "\u{200b}\u{200b}",
        "the of and",
    ] {
        let outcome = engine.ask(question);
        assert!(outcome.answer().is_none(), "{question:?}");
        assert_eq!(outcome.confidence(), 0.0, "{question:?}");
    }
}

/// A stop word's stem must not hide a word the facts use: "literally" stems to
/// "liter", the unit of the Helan wine figure.
#[test]
fn every_keyword_of_every_fact_is_heard() {
    let engine = engine();
    let unheard: Vec<&str> = engine
        .base()
        .facts()
        .iter()
        .flat_map(|fact| &fact.keywords)
        .map(String::as_str)
        .filter(|keyword| engine.ask(keyword).confidence() == 0.0)
        .collect();
    assert!(unheard.is_empty(), "{unheard:?}");
    assert_eq!(
        engine
            .ask("helan wine liters")
            .answer()
            .map(|f| f.id.as_str()),
        Some("helan-wine-europe-imports")
    );
}
