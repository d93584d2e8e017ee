//! The interactive prompt, driven through the library with in-memory streams.

use std::io::Cursor;

use ipwest::console::Session;
use ipwest::{Engine, console, data};

fn session(engine: &Engine) -> Session<'_> {
    Session {
        engine,
        today: "2026-12-01".parse().unwrap(),
        lang: None,
    }
}

#[test]
fn the_prompt_answers_until_an_empty_line() {
    let engine = Engine::new(data::bundled().unwrap());
    let mut out = Vec::new();
    let mut answered = Vec::new();
    console::prompt(
        session(&engine),
        Cursor::new("guangxi gi jobs\nwhat is the weather in Paris\n\nnever asked\n"),
        &mut out,
        |question, reply| answered.push((question.to_owned(), reply.verdict())),
    )
    .unwrap();
    assert_eq!(
        answered,
        [
            ("guangxi gi jobs".to_owned(), "answer"),
            ("what is the weather in Paris".to_owned(), "unknown")
        ]
    );
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("Ask me about intellectual property in western China"),
        "{text}"
    );
    assert_eq!(text.matches("> ").count(), 3, "{text}");
    assert!(text.contains("Jobs from Guangxi's GIs"));
    assert!(text.contains("I don't know that"));
    assert!(!text.contains("never asked"));
}

#[test]
fn the_prompt_ends_cleanly_at_end_of_input() {
    let engine = Engine::new(data::bundled().unwrap());
    let mut out = Vec::new();
    console::prompt(
        session(&engine),
        Cursor::new("talatan electricity"),
        &mut out,
        |_, _| {},
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("80 million kWh"), "{text}");
    assert!(text.ends_with("> \n"), "{text:?}");
}
