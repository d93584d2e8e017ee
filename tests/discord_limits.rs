//! Every message the bot renders fits Discord's limits, whatever the text it carries:
//! checked on the JSON Discord would receive.

use ipwest::discord::render::{self, DiscordMessage};
use ipwest::engine::SmallTalk;
use ipwest::lang::{Lang, Script};
use ipwest::limits;
use ipwest::reply::{FactCard, FigureLine, Link, Listed, Reply, TopicCount};
use proptest::prelude::*;
use serde_json::Value;

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

fn link() -> impl Strategy<Value = Link> {
    (text(150), text(300)).prop_map(|(id, title)| Link { id, title })
}

fn card() -> impl Strategy<Value = FactCard> {
    (
        (text(400), text(6000), text(300), text(3000)),
        prop::collection::vec(
            (text(400), text(1500)).prop_map(|(label, value)| FigureLine { label, value }),
            0..40,
        ),
        prop::collection::vec(link(), 0..10),
    )
        .prop_map(
            |((title, body, topic, source), figures, related)| FactCard {
                id: "x".into(),
                title,
                topic,
                text: body,
                figures,
                source,
                as_of: "2024".into(),
                as_of_iso: "2024".into(),
                related,
                charts: vec!["gdp-growth-2023".into()],
            },
        )
}

/// Every language and script a reply is written in: converting to Traditional may
/// change a text's length, and the cut comes after it.
fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![
        Just(Lang::En),
        Just(Lang::Zh(Script::Simplified)),
        Just(Lang::Zh(Script::Traditional)),
        Just(Lang::Zh(Script::Taiwan)),
        Just(Lang::Zh(Script::HongKong)),
    ]
}

fn message() -> impl Strategy<Value = DiscordMessage> {
    (replies(), lang()).prop_map(|((reply, notice), lang)| match reply {
        Some(reply) => render::reply(&reply, lang),
        None => notice.in_script(lang),
    })
}

/// A reply to render, or (when none) a message built directly.
fn replies() -> impl Strategy<Value = (Option<Reply>, DiscordMessage)> {
    let reply = |r: Reply| (Some(r), DiscordMessage::default());
    prop_oneof![
        card().prop_map(move |c| reply(Reply::Fact(Box::new(c)))),
        card().prop_map(move |c| reply(Reply::Answer {
            card: Box::new(c),
            confidence: 0.9,
            also: Vec::new(),
            latest_only: true,
        })),
        (text(300), text(300), prop::collection::vec(link(), 0..10)).prop_map(
            move |(asked, subject, facts)| reply(Reply::Unstated {
                asked,
                subject: Some(subject),
                facts,
                confidence: 0.2,
            })
        ),
        (
            prop::collection::vec(text(200), 0..40),
            prop::collection::vec(text(300), 0..4)
        )
            .prop_map(move |(topics, examples)| reply(Reply::SmallTalk {
                kind: SmallTalk::Help,
                topics,
                examples,
            })),
        prop::collection::vec(link(), 0..40).prop_map(move |suggestions| reply(
            Reply::DidYouMean {
                suggestions,
                confidence: 0.4
            }
        )),
        prop::collection::vec(text(200), 0..40).prop_map(move |topics| reply(Reply::Unknown {
            topics,
            confidence: 0.0
        })),
        prop::collection::vec(
            (text(200), 0..100usize).prop_map(|(name, facts)| TopicCount { name, facts }),
            0..40
        )
        .prop_map(move |topics| reply(Reply::Topics(topics))),
        (
            text(400),
            prop::collection::vec(
                (text(150), text(300), text(300)).prop_map(|(id, title, topic)| Listed {
                    id,
                    title,
                    topic
                }),
                0..60
            )
        )
            .prop_map(move |(heading, facts)| reply(Reply::Facts { heading, facts })),
        (text(400), text(9000), text(3000)).prop_map(|(title, body, content)| (
            None,
            DiscordMessage {
                content: Some(content),
                ..render::notice(&title, &body)
            }
        )),
    ]
}

fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

fn check(json: &Value) -> Result<(), TestCaseError> {
    let data = &json["data"];
    prop_assert_eq!(&data["allowed_mentions"]["parse"], &Value::Array(vec![]));
    prop_assert!(chars(&data["content"]) <= limits::CONTENT);
    for embed in data["embeds"].as_array().into_iter().flatten() {
        let fields = embed["fields"].as_array().cloned().unwrap_or_default();
        prop_assert!(fields.len() <= limits::EMBED_FIELDS);
        prop_assert!(chars(&embed["title"]) <= limits::EMBED_TITLE);
        prop_assert!(chars(&embed["description"]) <= limits::EMBED_DESCRIPTION);
        prop_assert!(chars(&embed["footer"]["text"]) <= limits::FOOTER);
        let mut total =
            chars(&embed["title"]) + chars(&embed["description"]) + chars(&embed["footer"]["text"]);
        for field in &fields {
            prop_assert!((1..=limits::FIELD_NAME).contains(&chars(&field["name"])));
            prop_assert!((1..=limits::FIELD_VALUE).contains(&chars(&field["value"])));
            total += chars(&field["name"]) + chars(&field["value"]);
        }
        prop_assert!(total <= limits::EMBED_TOTAL, "embed total {}", total);
    }
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    prop_assert!(rows.len() <= limits::ACTION_ROWS);
    for row in &rows {
        let components = row["components"].as_array().unwrap();
        prop_assert!((1..=limits::BUTTONS_PER_ROW).contains(&components.len()));
        for component in components {
            prop_assert!(chars(&component["custom_id"]) <= limits::CUSTOM_ID);
            prop_assert!(chars(&component["label"]) <= limits::BUTTON_LABEL);
            prop_assert!(chars(&component["placeholder"]) <= limits::SELECT_PLACEHOLDER);
            let options = component["options"].as_array().cloned().unwrap_or_default();
            prop_assert!(options.len() <= limits::SELECT_OPTIONS);
            for option in &options {
                for key in ["label", "value", "description"] {
                    prop_assert!(chars(&option[key]) <= limits::SELECT_OPTION_TEXT);
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_rendered_message_fits_discord(message in message(), ephemeral in any::<bool>()) {
        let json = serde_json::to_value(message.ephemeral(ephemeral).into_response()).unwrap();
        check(&json)?;
        prop_assert_eq!(json["data"]["flags"].as_u64().unwrap_or(0) & 64 != 0, ephemeral);
    }
}
