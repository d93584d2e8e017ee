//! Behaviour of the engine on the real fact base, beyond the evaluation set.

use ipwest::engine::SmallTalk;
use ipwest::facts::AsOf;
use ipwest::{Engine, Outcome, data};

/// The day the questions are asked on.
fn today() -> AsOf {
    "2026-12-01".parse().expect("a date")
}

fn engine() -> Engine {
    Engine::new(data::bundled().expect("bundled data loads"))
}

/// Asserts that each question is answered by the fact with the paired id.
fn assert_answers(engine: &Engine, cases: &[(&str, &str)]) {
    for &(question, expected) in cases {
        let outcome = engine.ask(question, today());
        assert_eq!(
            outcome.answer().map(|f| f.id.as_str()),
            Some(expected),
            "{question}: {outcome:?}"
        );
    }
}

/// Asserts that no fact is given as the answer to any of the questions.
fn assert_abstains(engine: &Engine, questions: &[&str]) {
    for question in questions {
        let outcome = engine.ask(question, today());
        assert!(outcome.answer().is_none(), "{question}: {outcome:?}");
    }
}

#[test]
fn every_fact_answers_its_own_example_questions() {
    let engine = engine();
    let mut wrong = Vec::new();
    for fact in engine.base().facts() {
        for question in &fact.questions {
            let got = engine.ask(question, today()).answer().map(|f| f.id.clone());
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
            engine
                .ask(question, today())
                .answer()
                .map(|f| f.id.as_str()),
            Some(id),
            "{question}"
        );
    }
}

#[test]
fn unknown_questions_name_the_closest_topics() {
    let engine = engine();
    match engine.ask("How many trademarks does Xinjiang have?", today()) {
        Outcome::Unknown {
            closest_topics,
            confidence,
        } => {
            assert!(!closest_topics.is_empty() && closest_topics.len() <= 3);
            assert!(confidence < ipwest::matcher::SUGGEST_THRESHOLD);
        }
        Outcome::DidYouMean { suggestions, .. } => assert!(!suggestions.is_empty()),
        other => panic!("expected no answer for a figure the base lacks, got {other:?}"),
    }
    match engine.ask("what is the best pizza topping", today()) {
        Outcome::Unknown { closest_topics, .. } => assert_eq!(closest_topics.len(), 3),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[test]
fn a_lone_common_word_is_a_topic_not_a_question() {
    let engine = engine();
    match engine.ask("patents", today()) {
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
        let outcome = engine.ask(question, today());
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
        .filter(|keyword| engine.ask(keyword, today()).confidence() == 0.0)
        .collect();
    assert!(unheard.is_empty(), "{unheard:?}");
    assert_eq!(
        engine
            .ask("helan wine liters", today())
            .answer()
            .map(|f| f.id.as_str()),
        Some("helan-wine-europe-imports")
    );
}

#[test]
fn small_talk_gets_small_talk_not_i_dont_know() {
    let engine = engine();
    let cases = [
        ("hi", SmallTalk::Greeting),
        ("hello there bot 👋", SmallTalk::Greeting),
        ("thanks!", SmallTalk::Thanks),
        ("thx that was helpful", SmallTalk::Thanks),
        ("help", SmallTalk::Help),
        ("hey, what can you do?", SmallTalk::Help),
        ("who are you?", SmallTalk::Help),
    ];
    for (question, kind) in cases {
        match engine.ask(question, today()) {
            Outcome::SmallTalk(got) => assert_eq!(got, kind, "{question}"),
            other => panic!("{question}: expected small talk, got {other:?}"),
        }
    }
    // A greeting with a question is a question.
    let outcome = engine.ask("hi! how many GIs does guangxi have?", today());
    assert_eq!(
        outcome.answer().map(|f| f.id.as_str()),
        Some("guangxi-gi-count")
    );
}

#[test]
fn repetition_spam_abstains() {
    let engine = engine();
    let spam = ["patent ".repeat(30), "guangxi gi ".repeat(12)];
    for question in &spam {
        let outcome = engine.ask(question, today());
        assert_eq!(outcome.verdict(), "unknown", "{question}");
    }
    assert_answers(
        &engine,
        &[
            // Chat slang is filler, not a misspelt place ("lmao" is not Laos).
            (
                "wait so when did they patent the photovoltaic sheep thing lmao",
                "photovoltaic-sheep-patent",
            ),
            // A name of six words is one concept, not one word repeated.
            (
                "who is the chairman of china national heavy machinery research institute",
                "wang-shechang-ip-path",
            ),
        ],
    );
}

/// "Last year", asked in 2026, is 2025: the base's latest figure is for 2023, and the
/// answer says so. A year before the figure's is not answered with it.
#[test]
fn relative_dates_are_read_against_today() {
    let engine = engine();
    for question in [
        "how fast did western china's gdp grow last year",
        "how many valid invention patents does the west have right now",
        "what was western china's gdp growth in 2025",
    ] {
        match engine.ask(question, today()) {
            Outcome::Answer { latest_only, .. } => assert!(latest_only, "{question}"),
            other => panic!("{question}: expected an answer, got {other:?}"),
        }
    }
    let asked_in_2024: AsOf = "2024-06-01".parse().unwrap();
    match engine.ask(
        "what was western china's gdp growth last year",
        asked_in_2024,
    ) {
        Outcome::Answer {
            fact, latest_only, ..
        } => {
            assert_eq!(fact.id, "western-gdp-growth-2023");
            assert!(!latest_only, "2023 is the year asked about");
        }
        other => panic!("expected an answer, got {other:?}"),
    }
    for question in [
        "what was western china's gdp growth in 2019",
        "how many valid invention patents did the west have back in 2015",
    ] {
        assert!(
            engine.ask(question, today()).answer().is_none(),
            "{question}"
        );
    }
}

/// A question naming a quantity the facts do not state (a cost, a capacity, a
/// duration, a rank) about a subject they do know abstains.
#[test]
fn a_quantity_no_fact_states_is_not_answered_by_its_subject() {
    assert_abstains(
        &engine(),
        &[
            "How much did the China-Laos Railway cost to build?",
            "What's the installed capacity of the Talatan solar park in megawatts?",
            "how long did it take to build the china-laos railway",
            "What rank is Xi'an in WIPO's top 100 cluster ranking?",
            "How much does a bottle of Helan Mountain wine cost?",
            "How many tunnels does the China-Laos railway have?",
            "How many sheep graze at Talatan?",
        ],
    );
}

/// A figure for a whole region is not the figure of a place inside it.
#[test]
fn a_place_inside_the_facts_is_not_given_the_facts_figure() {
    let engine = engine();
    assert_abstains(
        &engine,
        &[
            "how much helan wine did france import",
            "How many valid invention patents does Chengdu have?",
            "how big is the gobi desert",
        ],
    );
    assert_answers(
        &engine,
        &[(
            "how many liters of helan wine did europe import",
            "helan-wine-europe-imports",
        )],
    );
}

/// A known subject asked for a quantity no fact states gets what is known about it,
/// none of it as the answer.
#[test]
fn a_known_subject_without_the_asked_figure_lists_what_is_known() {
    let engine = engine();
    match engine.ask("How long is the China-Laos railway?", today()) {
        Outcome::Unstated {
            asked,
            subject,
            facts,
            ..
        } => {
            assert_eq!(asked, "length");
            assert_eq!(subject.as_deref(), Some("the China-Laos Railway"));
            assert!(!facts.is_empty() && facts.len() <= ipwest::engine::MAX_FACTS_ABOUT);
            assert!(
                facts.iter().all(|f| f.id.starts_with("china-laos-railway")),
                "{facts:?}"
            );
        }
        other => panic!("expected Unstated, got {other:?}"),
    }
    let outcome = engine.ask(
        "What's the installed capacity of the Talatan solar park?",
        today(),
    );
    assert_eq!(outcome.verdict(), "unknown");
    assert!(
        matches!(&outcome, Outcome::Unstated { asked, subject: Some(s), .. } if asked == "capacity" && s == "Talatan"),
        "{outcome:?}"
    );
}

/// A year after today's, or words that look ahead, ask for a forecast, which no fact
/// states; a later year that has passed gets the latest figure instead.
#[test]
fn a_forecast_is_not_answered_with_the_latest_figure() {
    let engine = engine();
    assert_abstains(
        &engine,
        &[
            "What GDP growth is forecast for the western regions?",
            "how many valid invention patents will the west have in 2030",
            "how many valid invention patents does the west have in 2027",
            "what is western china's gdp growth expected to be next year",
        ],
    );
    let asked_in_2031: AsOf = "2031-01-01".parse().unwrap();
    let outcome = engine.ask(
        "how many valid invention patents does the west have in 2030",
        asked_in_2031,
    );
    assert_eq!(
        outcome.answer().map(|f| f.id.as_str()),
        Some("valid-invention-patents")
    );
}

/// "Who runs" and "which agency" ask for a person or body: a fact that names one
/// answers, a fact that merely concerns the subject does not.
#[test]
fn who_asks_for_a_name_the_fact_states() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            ("Who is Wang Shechang?", "wang-shechang-ip-path"),
            (
                "who chairs the heavy machinery research institute in xi'an",
                "wang-shechang-ip-path",
            ),
            (
                "which agency reported the western patent figures",
                "cnipa-western-report",
            ),
            (
                "who heads the xinjiang IP department",
                "xinjiang-gi-brand-value",
            ),
        ],
    );
    assert_abstains(
        &engine,
        &[
            "Who holds the patent on the photovoltaic sheep idea?",
            "Who runs the Guangxi IP department?",
            "who built the china-laos railway",
        ],
    );
}

/// A capitalised word inside a sentence that the base does not know is a name, and
/// so a subject the facts do not cover; a known one stays known.
#[test]
fn an_unknown_name_is_a_subject_not_wording() {
    let engine = engine();
    assert_abstains(&engine, &["How many patents does Apple hold?"]);
    assert_answers(
        &engine,
        &[
            (
                "How many valid invention patents does the west hold?",
                "valid-invention-patents",
            ),
            (
                "How many valid invention patents does Western China hold?",
                "valid-invention-patents",
            ),
        ],
    );
}

/// A place named as an example of the fact's larger one ("European countries such as
/// Britain and France") illustrates it; named alone, it asks for a breakdown.
#[test]
fn a_place_named_as_an_example_does_not_ask_for_a_breakdown() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            (
                "how much helan mountain wine have european countries such as britain and france imported",
                "helan-wine-europe-imports",
            ),
            (
                "How much Ningxia Helan wine have European wine countries like the UK and France bought?",
                "helan-wine-europe-imports",
            ),
        ],
    );
    assert_abstains(
        &engine,
        &["how much helan mountain wine did britain and france import"],
    );
}

/// "How many of" a figure the question quotes asks for a part of it, which the fact
/// does not state; a lone digit ("explain like I'm 5") quotes no figure.
#[test]
fn a_part_of_a_quoted_figure_is_not_the_figure() {
    let engine = engine();
    assert_abstains(
        &engine,
        &[
            "How many of the 493,000 invention patents are for new energy vehicles?",
            "How many of Guangxi's 211 GIs are fruit products?",
        ],
    );
    assert_answers(
        &engine,
        &[(
            "so what even is a GI lol explain like im 5",
            "gi-definition",
        )],
    );
}

/// "Which products ..." asks to have them named: a fact that names them (a name
/// figure) answers, one that only is about them does not. A "which" inside a
/// sentence ("the railway, which links ...") asks nothing.
#[test]
fn which_asks_for_names_the_fact_gives() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            (
                "Which industries do Guangxi and ASEAN collaborate on for patent technology transfer?",
                "guangxi-asean-tech-transfer",
            ),
            (
                "Which two cities does the China-Laos Railway link?",
                "china-laos-railway-route",
            ),
            (
                "The China-Laos Railway, which links Kunming and Vientiane, opened when?",
                "china-laos-railway-opening",
            ),
        ],
    );
    assert_abstains(
        &engine,
        &[
            "Which ASEAN countries take part in the IP forums with Guangxi?",
            "Which EU products are among the 96 EU GIs in the 2021 agreement?",
            "Which GI product in western China has the highest output value?",
            "which western city ranks highest in the wipo cluster list, xi'an or chongqing?",
        ],
    );
}

/// A figure to come ("what will ... be"), the names of what a fact only counts
/// ("what are the names of Guangxi's 211 GIs", "list all 12 regions"), a place
/// written in capitals ("the US", not "tell us") and a thing that is not what the
/// fact counts ("wineries" are not wine) are not answered.
#[test]
fn look_alikes_of_answerable_questions_abstain() {
    let engine = engine();
    assert_abstains(
        &engine,
        &[
            "What will western China's GDP growth be this year?",
            "What are the names of Guangxi's 211 GI products?",
            "Can you list all 12 provincial-level regions that make up western China?",
            "How many liters of Helan Mountain wine has the US imported?",
            "how many wineries are at the eastern foot of helan mountain?",
        ],
    );
    assert_answers(
        &engine,
        &[
            (
                "tell us how many liters of helan wine european countries imported",
                "helan-wine-europe-imports",
            ),
            (
                "What's the direct yearly output value of the west's GI products in US dollars?",
                "western-gi-output-value",
            ),
        ],
    );
}

/// Words that ask something only in some places: "when" where a question starts
/// (not "when it comes to"), a growing thing that "got tall" asks no height, "back and
/// forth" is not a misspelt "fourth"; and origin labels are GIs.
#[test]
fn words_that_ask_only_in_their_place() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            (
                "Why has the west historically fallen behind the coastal east when it comes to the economy?",
                "east-west-gap",
            ),
            (
                "In which industries have Guangxi and its Southeast Asian partners been passing patented technology back and forth?",
                "guangxi-asean-tech-transfer",
            ),
            (
                "How many western origin-protected products were put on the first joint China-EU list?",
                "china-eu-gi-list-western",
            ),
            (
                "when was the photovoltaic sheep idea patented",
                "photovoltaic-sheep-patent",
            ),
        ],
    );
}

/// "How many liters" counts in the unit of a figure of another kind: it asks for
/// that figure, as "how much wine" would.
#[test]
fn how_many_of_a_unit_asks_for_the_figure_in_that_unit() {
    let engine = engine();
    assert_answers(
        &engine,
        &[(
            "helan mountain wine, how many liter european countries import?",
            "helan-wine-europe-imports",
        )],
    );
}

/// What a question sets aside ("not just the west", "other than Guangxi") is not
/// what it asks about.
#[test]
fn what_a_question_sets_aside_is_not_asked() {
    let engine = engine();
    assert_answers(
        &engine,
        &[(
            "wait what was china's overall gdp growth last yr, like the whole country not just the west",
            "china-gdp-growth-2023",
        )],
    );
}

/// A short name that one fact alone has ("Dolkun Awut") names that fact as surely as
/// its title; a name several facts share ("CNIPA") names none of them.
#[test]
fn a_name_only_one_fact_has_names_that_fact() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            (
                "What role does Dolkun Awut have?",
                "xinjiang-gi-brand-value",
            ),
            (
                "so uh who's dolkun awut? saw the name and idk",
                "xinjiang-gi-brand-value",
            ),
        ],
    );
    assert_abstains(&engine, &["Who is the head of CNIPA?"]);
}

/// "Which 36 products", "list the 12 regions": a question that asks for the names of
/// as many things as a number it quotes is not answered by a fact that only counts
/// them; "which 4 cities" (a lone digit) still finds the fact that names them.
#[test]
fn asking_for_the_members_of_a_count_is_not_the_count() {
    let engine = engine();
    assert_abstains(
        &engine,
        &[
            "Which 36 western GI products are on the first China-EU list?",
            "Can you list the 12 provincial-level regions that make up western China?",
            "Can you list the 40-plus countries that import Helan Mountain wine?",
        ],
    );
    assert_answers(
        &engine,
        &[
            (
                "How many western GI products are on the first China-EU list?",
                "china-eu-gi-list-western",
            ),
            ("which 4 cities made the wipo top 100", "wipo-top-clusters"),
        ],
    );
}

/// "Each year", "how often": a rate per year, which only a fact that says its figure
/// is annual states.
#[test]
fn a_rate_per_year_needs_an_annual_figure() {
    let engine = engine();
    assert_abstains(
        &engine,
        &[
            "How many new GIs does Guangxi get approved each year?",
            "How often are the Guangxi-ASEAN IP forums held?",
        ],
    );
    assert_answers(
        &engine,
        &[(
            "how much electricity does the talatan park generate each year",
            "talatan-electricity-output",
        )],
    );
}

/// "What percentage of" a whole asks for a share of it, not a growth rate; "how many
/// years ago" asks for a date; "in plain words" asks for nothing.
#[test]
fn phrasings_of_what_is_asked() {
    let engine = engine();
    assert_abstains(
        &engine,
        &["What percentage of China's valid invention patents are held in the west?"],
    );
    assert_answers(
        &engine,
        &[
            (
                "By what percentage did valid invention patents in the west grow?",
                "valid-invention-patents",
            ),
            (
                "how many years ago was the photovoltaic sheep thing patented, counting from today?",
                "photovoltaic-sheep-patent",
            ),
            (
                "In plain words, what is a geographical indication?",
                "gi-definition",
            ),
        ],
    );
}

/// "How much" also asks for an area ("how much ground does it cover") and "the area
/// of" names one; "in the first place" is an idiom, not a rank; after a place a word
/// the base does not know says what the place did ("did the west *post*"), so it is
/// not an unknown thing asked about as "how much *freight*" is.
#[test]
fn what_a_question_asks_for_is_read_from_its_wording() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            (
                "how much ground does the talatan solar farm cover",
                "talatan-solar-park",
            ),
            (
                "why did the locals plant grass in talatan in the first place",
                "talatan-grass-and-erosion",
            ),
            (
                "what growth rate did the west post in 2023",
                "western-gdp-growth-2023",
            ),
            (
                "what is the area of the talatan solar park",
                "talatan-solar-park",
            ),
        ],
    );
    assert_abstains(
        &engine,
        &[
            "how much freight does the china-laos railway carry",
            "what is the area of ningxia",
        ],
    );
}

/// Only words as typed name a quantity: "talk" is not corrected into "tall" (a
/// height), and "altitude" inside "the low-altitude economy" names no height.
#[test]
fn a_quantity_is_named_only_in_the_askers_own_words() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            (
                "ok real talk why did the grass mess up the solar panels",
                "talatan-grass-and-erosion",
            ),
            (
                "is the low-altitude economy one of the emerging industries the west is pushing",
                "emerging-industries",
            ),
        ],
    );
    assert_abstains(&engine, &["how tall are the solar panels at talatan"]);
}

/// A long message asks what its questions ask: a quantity named in passing in a
/// sentence that is not a question ("would cost him a fortune") does not stop the
/// question's own sentence from answering it.
#[test]
fn a_long_message_asks_what_its_questions_ask() {
    let engine = engine();
    assert_answers(
        &engine,
        &[(
            "My uncle runs a dried fruit stall in Urumqi and says the paperwork would cost him \
             a fortune, so he never bothered. What did the Xinjiang IP head say GI labels have \
             done for products?",
            "xinjiang-gi-brand-value",
        )],
    );
    assert_abstains(
        &engine,
        &[
            "My uncle runs a dried fruit stall in Urumqi and keeps telling me about GI labels \
             and what they did for Xinjiang's products. What did the Xinjiang IP head's office \
             cost?",
        ],
    );
}

/// A question whose words fall short of the threshold is answered when the fact is
/// also the candidate nearest in meaning and passed every check but the title's; a
/// near miss on place or kind is not rescued by meaning.
#[test]
fn words_and_meaning_agreeing_answer() {
    let engine = engine();
    assert_answers(
        &engine,
        &[
            (
                "493k patents, is that more or less than the year before?",
                "valid-invention-patents",
            ),
            (
                "is 493k patents up or down compared with a year earlier?",
                "valid-invention-patents",
            ),
            (
                "what is meaning of GI? i not understand this word in the text",
                "gi-definition",
            ),
        ],
    );
    assert_abstains(
        &engine,
        &[
            "How many valid invention patents does eastern China have?",
            "What did the China-Laos Railway cost?",
        ],
    );
}

/// "Which area of" asks for a place, not an area, and a fact that names no place but
/// the one asked about does not say which; a look ahead outweighs "latest"; a "who"
/// answer is no figure that can be out of date.
#[test]
fn which_place_latest_forecasts_and_who_are_read_as_asked() {
    let engine = engine();
    assert_answers(
        &engine,
        &[(
            "which area of china leads in clean energy technology",
            "clean-energy-lead",
        )],
    );
    assert_abstains(
        &engine,
        &[
            "which area of the west has the most valid invention patents",
            "what is the latest forecast for western china's gdp growth",
        ],
    );
    match engine.ask("who is Wang Shechang now", today()) {
        Outcome::Answer { latest_only, .. } => assert!(!latest_only),
        other => panic!("expected an answer, got {other:?}"),
    }
}

/// A question naming one thing ("the China-EU list", "the heavy machinery
/// institute") is not answered by a fact that does not mention it, however many
/// other words they share.
#[test]
fn a_named_thing_the_fact_does_not_mention_is_another_subject() {
    let engine = engine();
    assert_abstains(
        &engine,
        &[
            "How many Guangxi GI products made the China-EU list?",
            "How many Guangxi GIs are on the China-EU GI list?",
            "how much revenue does the China National Heavy Machinery Research Institute make",
        ],
    );
    assert_answers(
        &engine,
        &[(
            "how many western GI products are on the China-EU list",
            "china-eu-gi-list-western",
        )],
    );
}
