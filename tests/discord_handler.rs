//! The pure Discord handler, fed real Discord payloads (tests/fixtures/discord)
//! deserialised into serenity's types, asserted on the JSON it would send.

#[path = "support/fixtures.rs"]
mod fixtures;

use std::sync::LazyLock;

use fixtures::fixture;
use ipwest::discord::handle::{self, Setup, Summary};
use ipwest::store::{Asked, Event, Vote};
use ipwest::{Engine, data};
use serde_json::{Value, json};
use serenity::all::{Interaction, Message, UserId};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::new(data::bundled().unwrap()));
const BOT: UserId = UserId::new(1_310_000_000_000_000_001);
const EPHEMERAL: u64 = 1 << 6;

fn respond(payload: Value) -> (Value, Summary) {
    let (response, summary, _) = respond_recording(payload);
    (response, summary)
}

fn respond_recording(payload: Value) -> (Value, Summary, Vec<Event>) {
    let interaction: Interaction = serde_json::from_value(payload).expect("a valid interaction");
    let handled = handle::interaction(&Setup::engine(&ENGINE), &interaction);
    (
        serde_json::to_value(&handled.response).unwrap(),
        handled.summary,
        handled.events,
    )
}

fn reply_to(payload: Value) -> Option<(Value, Summary)> {
    let message: Message = serde_json::from_value(payload).expect("a valid message");
    handle::message(&Setup::engine(&ENGINE), &message, BOT, None)
        .map(|h| (serde_json::to_value(&h.response).unwrap(), h.summary))
}

fn ephemeral(response: &Value) -> bool {
    response["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

fn embed(response: &Value) -> &Value {
    &response["data"]["embeds"][0]
}

fn description(response: &Value) -> &str {
    embed(response)["description"].as_str().unwrap()
}

fn custom_ids(data: &Value) -> Vec<String> {
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|c| c["custom_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn slash_ask_answers_with_an_embed_and_related_buttons() {
    let (response, summary) = respond(fixture("slash_ask"));
    assert_eq!(response["type"], 4);
    assert!(!ephemeral(&response));
    let embed = embed(&response);
    assert_eq!(embed["title"], "GI products recognized in western China");
    assert!(embed["description"].as_str().unwrap().contains("931"));
    assert_eq!(
        embed["fields"],
        json!([{"name": "Recognized GI products", "value": "931 GI products", "inline": true}])
    );
    let footer = embed["footer"]["text"].as_str().unwrap();
    assert!(
        footer.starts_with(
            "Source: \u{201c}IP Takes Lead in Western China's Innovation Surge\u{201d}"
        ) && footer.ends_with("As of 2024"),
        "{footer}"
    );
    assert!(embed["color"].as_u64().unwrap() > 0);
    assert_eq!(
        custom_ids(&response["data"]),
        [
            "vote:up:western-gi-products",
            "vote:down:western-gi-products",
            "fact:western-gi-national-share",
            "fact:western-gi-output-value",
            "fact:guangxi-gi-count"
        ]
    );
    assert_eq!(
        response["data"]["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": []})
    );
    assert_eq!(summary.fact.as_deref(), Some("western-gi-products"));
    assert!(summary.confidence.unwrap() > 0.5);
}

#[test]
fn hidden_ask_in_a_dm_says_it_lacks_the_figure_and_pings_nobody() {
    let (response, summary) = respond(fixture("slash_ask_hidden_dm"));
    assert!(ephemeral(&response));
    assert_eq!(embed(&response)["title"], "I don't have that figure");
    assert!(
        description(&response).contains("no figure for the China-Laos Railway's length"),
        "{response}"
    );
    let buttons = custom_ids(&response["data"]);
    assert!(
        buttons
            .iter()
            .any(|b| b.contains("china-laos-railway-route")),
        "{buttons:?}"
    );
    assert_eq!(response["data"]["allowed_mentions"]["parse"], json!([]));
    assert!(
        !response.to_string().contains("@everyone"),
        "the question is not echoed"
    );
    assert_eq!(summary.fact, None);
}

#[test]
fn slash_fact_shows_the_fact_named_by_its_id() {
    let (response, summary) = respond(fixture("slash_fact"));
    assert_eq!(
        embed(&response)["title"],
        "Electricity from the Talatan park"
    );
    assert_eq!(summary.fact.as_deref(), Some("talatan-electricity-output"));
}

#[test]
fn slash_fact_with_free_text_falls_back_to_the_matcher() {
    let mut payload = fixture("slash_fact");
    payload["data"]["options"][0]["value"] = json!("guangxi gi jobs");
    let (response, summary) = respond(payload);
    assert_eq!(embed(&response)["title"], "Jobs from Guangxi's GIs");
    assert!(summary.confidence.is_some());
}

#[test]
fn autocomplete_offers_at_most_25_titles_best_first() {
    let (response, _) = respond(fixture("autocomplete_fact"));
    assert_eq!(response["type"], 8);
    let choices = response["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);
    assert_eq!(
        choices[0],
        json!({"name": "Guangxi's geographical indications", "value": "guangxi-gi-count"})
    );
    let mut empty = fixture("autocomplete_fact");
    empty["data"]["options"][0]["value"] = json!("");
    let (response, _) = respond(empty);
    assert_eq!(response["data"]["choices"].as_array().unwrap().len(), 25);
}

#[test]
fn topics_list_counts_and_a_menu_to_browse() {
    let (response, _) = respond(fixture("slash_topics"));
    let description = description(&response);
    assert!(
        description.contains("**Geographical indications**: 9 facts"),
        "{description}"
    );
    let menu = &response["data"]["components"][0]["components"][0];
    assert_eq!(menu["custom_id"], "topic-menu");
    assert_eq!(
        menu["options"].as_array().unwrap().len(),
        ENGINE.base().topics().len()
    );
}

#[test]
fn choosing_a_topic_lists_its_facts_for_the_chooser_only() {
    let (response, _) = respond(fixture("select_topic"));
    assert!(ephemeral(&response));
    assert_eq!(embed(&response)["title"], "Clean energy");
    let options = response["data"]["components"][0]["components"][0]["options"]
        .as_array()
        .unwrap();
    assert_eq!(options.len(), 6);
}

#[test]
fn a_related_fact_button_shows_that_fact_to_the_presser() {
    let (response, summary) = respond(fixture("button_fact"));
    assert!(ephemeral(&response));
    assert_eq!(
        embed(&response)["title"],
        "Guangxi's geographical indications"
    );
    assert_eq!(summary.fact.as_deref(), Some("guangxi-gi-count"));
    let mut stale = fixture("button_fact");
    stale["data"]["custom_id"] = json!("fact:no-longer-here");
    let (response, _) = respond(stale);
    assert!(ephemeral(&response));
    assert!(description(&response).contains("no longer"));
}

#[test]
fn place_lists_the_facts_about_it() {
    let (response, _) = respond(fixture("slash_place"));
    assert_eq!(embed(&response)["title"], "Facts about Guangxi");
    let menu = &response["data"]["components"][0]["components"][0];
    assert_eq!(menu["custom_id"], "fact-menu");
    assert_eq!(menu["options"].as_array().unwrap().len(), 6);
}

#[test]
fn the_context_menu_answers_the_selected_message() {
    let (response, summary) = respond(fixture("context_menu_ask"));
    assert_eq!(embed(&response)["title"], "Jobs from Guangxi's GIs");
    assert_eq!(summary.what, "Ask ipwest");
}

#[test]
fn unknown_commands_get_an_ephemeral_error_not_silence() {
    let (response, summary) = respond(fixture("slash_unknown"));
    assert_eq!(response["type"], 4);
    assert!(ephemeral(&response));
    assert!(description(&response).contains("frobnicate"));
    assert_eq!(summary.what, "unknown-command");
}

#[test]
fn random_about_and_help() {
    let with_name = |name: &str| {
        let mut payload = fixture("slash_topics");
        payload["data"]["name"] = json!(name);
        respond(payload).0
    };
    let random = with_name("random");
    assert!(
        ENGINE
            .base()
            .facts()
            .iter()
            .any(|f| embed(&random)["title"] == f.title.as_str())
    );
    let about = with_name("about");
    assert!(
        embed(&about)["title"]
            .as_str()
            .unwrap()
            .starts_with("ipwest ")
    );
    assert!(
        description(&about).contains(&format!("{} curated facts", ENGINE.base().facts().len()))
    );
    let help = with_name("help");
    assert!(ephemeral(&help));
    assert!(description(&help).contains("/ask"));
}

#[test]
fn ping_gets_pong() {
    let ping = json!({"id": "1310000000000001011", "application_id": "1310000000000000001", "type": 1, "token": "t", "version": 1});
    let (response, _) = respond(ping);
    assert_eq!(response, json!({"type": 1, "data": null}));
}

#[test]
fn a_mention_gets_a_reply_that_pings_nobody() {
    let (reply, summary) = reply_to(fixture("message_mention")).expect("a reply");
    assert_eq!(
        reply["message_reference"]["message_id"],
        "1310000000000002002"
    );
    assert_eq!(
        reply["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": [], "replied_user": false})
    );
    assert_eq!(
        reply["embeds"][0]["title"],
        "Valid invention patents in western China"
    );
    assert_eq!(summary.fact.as_deref(), Some("valid-invention-patents"));
}

#[test]
fn a_dm_gets_a_reply() {
    let (reply, _) = reply_to(fixture("message_dm")).expect("a reply");
    assert_eq!(
        reply["embeds"][0]["title"],
        "What a geographical indication is"
    );
}

#[test]
fn bots_and_messages_not_for_the_bot_are_ignored() {
    assert!(reply_to(fixture("message_from_bot")).is_none());
    assert!(reply_to(fixture("message_not_for_us")).is_none());
    let mut bare = fixture("message_mention");
    bare["content"] = json!("<@1310000000000000001>");
    let (reply, _) = reply_to(bare).expect("a mention alone gets help");
    assert_eq!(reply["embeds"][0]["title"], "Ask me something");
}

#[test]
fn topics_with_a_name_lists_that_topics_facts_and_suggests_topics() {
    let mut payload = fixture("slash_topics");
    payload["data"]["options"] = json!([{"name": "name", "type": 3, "value": "clean energy"}]);
    let (response, _) = respond(payload.clone());
    assert!(!ephemeral(&response));
    assert_eq!(embed(&response)["title"], "Clean energy");

    payload["type"] = json!(4);
    payload["data"]["options"] =
        json!([{"name": "name", "type": 3, "value": "clen", "focused": true}]);
    let (response, _) = respond(payload);
    assert_eq!(response["type"], 8);
    assert_eq!(response["data"]["choices"][0]["value"], "Clean energy");
}

/// A press of the button `custom_id` on an answer to the slash command 1310000000000001000.
fn press_on_answer(custom_id: &str) -> Value {
    let mut payload = fixture("button_fact");
    payload["data"]["custom_id"] = json!(custom_id);
    let user = payload["message"]["author"].clone();
    payload["message"]["interaction_metadata"] = json!({
        "id": "1310000000000001000",
        "type": 2,
        "user": user,
        "authorizing_integration_owners": {"0": "1310000000000000100"}
    });
    payload
}

#[test]
fn a_thumbs_up_is_recorded_against_the_answer_and_thanked_privately() {
    let (response, summary, events) =
        respond_recording(press_on_answer("vote:up:guangxi-gi-count"));
    assert!(ephemeral(&response));
    assert_eq!(embed(&response)["title"], "Thanks!");
    assert_eq!(summary.fact.as_deref(), Some("guangxi-gi-count"));
    let [Event::Voted(vote)] = events.as_slice() else {
        panic!("one vote: {events:?}")
    };
    assert_eq!(
        *vote,
        Vote {
            pressed_in: 1_310_000_000_000_001_008,
            message: 1_310_000_000_000_002_000,
            user: 1_310_000_000_000_000_300,
            asked_in: 1_310_000_000_000_001_000,
            fact: "guangxi-gi-count".into(),
            guild: Some(1_310_000_000_000_000_100),
            up: true,
            at: vote.at,
        }
    );
}

#[test]
fn a_thumbs_down_asks_what_was_wrong_and_keeps_the_answer() {
    let (response, _, events) = respond_recording(press_on_answer("vote:down:guangxi-gi-count"));
    assert_eq!(response["type"], 9, "a modal");
    assert_eq!(response["data"]["custom_id"], "vote-comment");
    let title = response["data"]["title"].as_str().unwrap();
    assert!(title.chars().count() <= ipwest::limits::MODAL_TITLE);
    let input = &response["data"]["components"][0]["components"][0];
    assert_eq!(input["max_length"], 500);
    assert_eq!(input["required"], false);
    assert!(input["label"].as_str().unwrap().chars().count() <= ipwest::limits::MODAL_TITLE);
    assert!(matches!(
        events.as_slice(),
        [Event::Voted(Vote { up: false, .. })]
    ));

    let mut submitted = press_on_answer("unused");
    submitted["type"] = json!(5);
    submitted["data"] = json!({
        "custom_id": "vote-comment",
        "components": [{"type": 1, "components": [
            {"type": 4, "custom_id": "comment", "value": "  The figure is for 2023, not 2024  "}
        ]}]
    });
    let (response, _, events) = respond_recording(submitted.clone());
    assert!(ephemeral(&response));
    assert_eq!(
        events,
        [Event::Commented {
            message: 1_310_000_000_000_002_000,
            user: 1_310_000_000_000_000_300,
            text: "The figure is for 2023, not 2024".into()
        }]
    );
    submitted["data"]["components"][0]["components"][0]["value"] = json!("   ");
    assert!(
        respond_recording(submitted).2.is_empty(),
        "nothing written, nothing kept"
    );
}

#[test]
fn a_question_is_returned_for_the_log_with_its_verdict_and_candidates() {
    let (_, _, events) = respond_recording(fixture("slash_ask"));
    let asked = events.iter().find_map(|e| match e {
        Event::Asked(asked) => Some(asked),
        _ => None,
    });
    let Some(Asked {
        verdict,
        candidates,
        guild,
        question,
        ..
    }) = asked
    else {
        panic!("the question: {events:?}")
    };
    assert_eq!(*verdict, "answer");
    assert_eq!(candidates[0], "western-gi-products");
    assert_eq!(*guild, Some(1_310_000_000_000_000_100));
    assert!(!question.is_empty());
    assert!(matches!(
        events[0],
        Event::Replied {
            verdict: "answer",
            ..
        }
    ));
    // Browsing asks the engine nothing: served, not logged.
    let (_, _, events) = respond_recording(fixture("slash_topics"));
    assert!(matches!(
        events.as_slice(),
        [Event::Replied {
            verdict: "list",
            fact: None,
            ..
        }]
    ));
}

fn settings_command(options: Value) -> Value {
    let mut payload = fixture("slash_topics");
    payload["data"]["name"] = json!("settings");
    payload["data"]["options"] = options;
    payload
}

const GUILD: u64 = 1_310_000_000_000_000_100;
const CHANNEL: u64 = 1_310_000_000_000_000_200;

#[test]
fn settings_are_shown_to_admins_privately_and_a_change_is_returned_to_record() {
    let (response, _, events) = respond_recording(settings_command(json!([])));
    assert!(ephemeral(&response));
    assert_eq!(embed(&response)["title"], "Settings");
    assert!(
        description(&response).contains("**off**"),
        "{}",
        description(&response)
    );
    assert!(
        events
            .iter()
            .all(|e| !matches!(e, Event::SettingsChanged { .. }))
    );

    let (response, _, events) = respond_recording(settings_command(json!([
        {"name": "log_questions", "type": 5, "value": true},
        {"name": "cooldown", "type": 3, "value": "3/20s"}
    ])));
    assert_eq!(embed(&response)["title"], "Settings saved");
    assert!(description(&response).contains("**3/20s**"));
    let changed = events.iter().find_map(|e| match e {
        Event::SettingsChanged {
            guild, settings, ..
        } => Some((*guild, settings.clone())),
        _ => None,
    });
    let (guild, settings) = changed.expect("the change, to record");
    assert_eq!(guild, GUILD);
    assert!(settings.log_questions);
    assert_eq!(settings.cooldown.unwrap().to_string(), "3/20s");

    let (response, _, events) = respond_recording(settings_command(json!([
        {"name": "cooldown", "type": 3, "value": "fast"}
    ])));
    assert!(description(&response).contains("5/10s"), "names the form");
    assert!(
        events
            .iter()
            .all(|e| !matches!(e, Event::SettingsChanged { .. }))
    );
}

#[test]
fn answering_unasked_needs_the_message_content_intent_and_says_so() {
    let (response, _, events) = respond_recording(settings_command(json!([
        {"name": "answer_in", "type": 7, "value": CHANNEL.to_string()}
    ])));
    assert!(
        description(&response).contains("Message Content"),
        "{}",
        description(&response)
    );
    assert!(
        events
            .iter()
            .all(|e| !matches!(e, Event::SettingsChanged { .. }))
    );
}

#[test]
fn settings_are_registered_for_server_managers_in_servers_only() {
    let commands = serde_json::to_value(ipwest::discord::commands::all()).unwrap();
    let settings = commands
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "settings")
        .expect("registered");
    assert_eq!(
        settings["default_member_permissions"], "32",
        "Manage Server"
    );
    assert_eq!(settings["contexts"], json!([0]), "servers only");
    let channel = &settings["options"][2];
    assert_eq!(channel["type"], 7);
    assert_eq!(
        channel["channel_types"],
        json!([0, 15]),
        "text and forum channels"
    );
}

/// Every command, option and the context menu carries Chinese names and descriptions
/// for zh-CN and zh-TW that Discord accepts: a slash name of 1 to 32 letters, digits,
/// `-` or `_`, a description of 1 to 100 characters.
#[test]
fn commands_are_localised_for_chinese_clients() {
    let commands = serde_json::to_value(ipwest::discord::commands::all()).unwrap();
    let valid_name = |name: &str| {
        (1..=32).contains(&name.chars().count())
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && name.to_lowercase() == name
    };
    for command in commands.as_array().unwrap() {
        let slash = command["type"] != 3;
        let mut localised = vec![command];
        if slash {
            localised.extend(command["options"].as_array().into_iter().flatten());
        }
        for item in localised {
            for locale in ["zh-CN", "zh-TW"] {
                let name = item["name_localizations"][locale].as_str();
                let name = name.unwrap_or_else(|| panic!("{} lacks a {locale} name", item["name"]));
                assert!(!slash || valid_name(name), "{name:?}");
                if slash {
                    let description = item["description_localizations"][locale].as_str();
                    let length = description.map_or(0, |d| d.chars().count());
                    assert!(
                        (1..=100).contains(&length),
                        "{}: {description:?}",
                        item["name"]
                    );
                }
            }
        }
    }
    let ask = &commands[0];
    assert_eq!(ask["name_localizations"]["zh-CN"], "提问");
    assert_eq!(
        ask["options"][0]["name_localizations"]["zh-TW"], "問題",
        "Traditional"
    );
}

#[test]
fn a_chosen_channel_gets_answers_unasked_but_never_an_i_dont_know() {
    let engine = &ENGINE;
    let mut settings = ipwest::settings::Settings::new();
    settings.insert(
        GUILD,
        ipwest::settings::GuildSettings {
            auto_answer: [CHANNEL].into(),
            ..Default::default()
        },
    );
    let setup = Setup {
        engine,
        settings: &settings,
        default_cooldown: Default::default(),
        reads_messages: true,
        public_url: None,
        sends_files: true,
    };
    let unasked = |text: &str| {
        let mut message = fixture("message_not_for_us");
        message["content"] = json!(text);
        message["channel_id"] = json!(CHANNEL.to_string());
        message["guild_id"] = json!(GUILD.to_string());
        serde_json::from_value::<Message>(message).unwrap()
    };
    let known = unasked("how many GI products does western China have?");
    let reply = handle::message(&setup, &known, BOT, None).expect("answered");
    let reply = serde_json::to_value(&reply.response).unwrap();
    assert_eq!(
        reply["embeds"][0]["title"],
        "GI products recognized in western China"
    );
    let unknown = unasked("anyone up for lunch?");
    assert!(handle::message(&setup, &unknown, BOT, None).is_none());
    let without_intent = Setup {
        reads_messages: false,
        ..setup
    };
    assert!(handle::message(&without_intent, &known, BOT, None).is_none());
    // Elsewhere in the server, nothing unless mentioned.
    let mut elsewhere = known.clone();
    elsewhere.channel_id = 42.into();
    assert!(handle::message(&setup, &elsewhere, BOT, None).is_none());
    // A new post in the chosen forum: its thread's parent is the channel.
    assert!(handle::message(&setup, &elsewhere, BOT, Some(CHANNEL.into())).is_some());
}

/// A slash command answers in the asker's Discord locale (zh-TW in Traditional
/// characters); a chat message, which has no locale, in the language and script it is
/// written in.
#[test]
fn replies_follow_the_locale_and_the_question_s_language() {
    let ask = |locale: &str, question: &str| {
        let mut payload = fixture("slash_ask");
        payload["locale"] = json!(locale);
        payload["data"]["options"][0]["value"] = json!(question);
        respond(payload).0
    };
    let english = ask("en-US", "How many GI products does western China have?");
    assert_eq!(
        embed(&english)["title"],
        "GI products recognized in western China"
    );
    let simplified = ask("zh-CN", "How many GI products does western China have?");
    assert_eq!(embed(&simplified)["title"], "西部地区认定的地理标志产品");
    assert!(
        embed(&simplified)["footer"]["text"]
            .as_str()
            .unwrap()
            .starts_with("来源：")
    );
    let taiwan = ask("zh-TW", "西部有多少个地理标志产品？");
    assert_eq!(embed(&taiwan)["title"], "西部地區認定的地理標誌產品");
    let unknown = ask("zh-CN", "what is the best pizza topping");
    assert_eq!(embed(&unknown)["title"], "这个我不知道");
    // An English locale still gets a Chinese question answered in Chinese.
    let chinese = ask("en-GB", "西部有多少个地理标志产品？");
    assert_eq!(embed(&chinese)["title"], "西部地区认定的地理标志产品");

    let mut message = fixture("message_dm");
    message["content"] = json!("西部有多少個地理標誌產品？");
    let (reply, _) = reply_to(message).expect("a reply");
    assert_eq!(reply["embeds"][0]["title"], "西部地區認定的地理標誌產品");
}

/// Autocomplete finds facts by their Chinese titles and names them in Chinese for a
/// Chinese client; `/place` and `/fact` take Chinese names too.
#[test]
fn chinese_names_are_suggested_and_looked_up() {
    let mut typed = fixture("autocomplete_fact");
    typed["locale"] = json!("zh-TW");
    typed["data"]["options"][0]["value"] = json!("廣西的地理");
    let (response, _) = respond(typed);
    assert_eq!(
        response["data"]["choices"][0],
        json!({"name": "廣西的地理標誌數量", "value": "guangxi-gi-count"}),
        "{response}"
    );
    let mut place = fixture("slash_place");
    place["data"]["options"][0]["value"] = json!("宁夏");
    let (response, _) = respond(place);
    assert_eq!(embed(&response)["title"], "关于宁夏的资料");
    assert!(
        description(&response).contains("贺兰山东麓"),
        "{}",
        description(&response)
    );
    let mut fact = fixture("slash_fact");
    fact["data"]["options"][0]["value"] = json!("广西的地理标志数量");
    let (response, _) = respond(fact);
    assert_eq!(embed(&response)["title"], "广西的地理标志数量");
}

/// The response to `payload` from a handler set up like the HTTP endpoint: its
/// responses carry no files, and the pages may be published at `public_url`.
fn respond_over_http(payload: Value, public_url: Option<&str>) -> Value {
    let interaction: Interaction = serde_json::from_value(payload).expect("a valid interaction");
    let setup = Setup {
        public_url,
        sends_files: false,
        ..Setup::engine(&ENGINE)
    };
    serde_json::to_value(&handle::interaction(&setup, &interaction).response).unwrap()
}

fn ask(question: &str) -> Value {
    let mut payload = fixture("slash_ask");
    payload["data"]["options"][0]["value"] = json!(question);
    payload
}

fn press(custom_id: &str) -> Value {
    let mut payload = fixture("button_fact");
    payload["data"]["custom_id"] = json!(custom_id);
    payload
}

#[test]
fn an_answer_links_to_its_fact_page_where_the_pages_are_published() {
    let question = ask("how many GI products does western China have?");
    let published = respond_over_http(question.clone(), Some("https://ipwest.example.org"));
    assert_eq!(
        embed(&published)["url"],
        "https://ipwest.example.org/facts/western-gi-products"
    );
    let (unpublished, _) = respond(question);
    assert_eq!(embed(&unpublished)["url"], Value::Null);
}

#[test]
fn an_answer_whose_figures_compare_offers_its_chart() {
    let (answer, _) = respond(ask("western china gdp growth 2023"));
    assert!(custom_ids(&answer["data"]).contains(&"chart:gdp-growth-2023".to_owned()));
    let (plain, _) = respond(ask(
        "how many provincial-level regions are in western china",
    ));
    assert!(
        !custom_ids(&plain["data"])
            .iter()
            .any(|id| id.starts_with("chart:"))
    );
}

#[test]
fn a_chart_is_attached_or_linked_or_told_as_text() {
    let (attached, _) = respond(press("chart:china-eu-gi-lists"));
    assert!(ephemeral(&attached));
    assert_eq!(
        embed(&attached)["image"]["url"],
        "attachment://china-eu-gi-lists.png"
    );
    assert_eq!(
        attached["data"]["attachments"][0]["filename"],
        "china-eu-gi-lists.png"
    );
    let text = description(&attached);
    assert!(
        text.contains("100 Chinese GIs") && text.contains("96 EU GIs"),
        "{text}"
    );

    let linked = respond_over_http(
        press("chart:china-eu-gi-lists"),
        Some("https://ipwest.example.org"),
    );
    assert_eq!(
        embed(&linked)["image"]["url"],
        "https://ipwest.example.org/charts/china-eu-gi-lists.png"
    );
    assert_eq!(linked["data"]["attachments"], json!([]), "no file");
    let told = respond_over_http(press("chart:china-eu-gi-lists"), None);
    assert_eq!(embed(&told)["image"], Value::Null);
    assert!(description(&told).contains("96 EU GIs"));

    let (gone, _) = respond(press("chart:no-such-chart"));
    assert!(ephemeral(&gone));
    assert_eq!(embed(&gone)["title"], "Sorry");
}
