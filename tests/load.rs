//! Loading the fact base: the real one loads, and a broken one reports every problem
//! at once, each at its file, line and column.

use ipwest::data;
use ipwest::facts::{ChineseFiles, FactBase, LoadError, SourceText};
use std::path::Path;

const SMALL_SYNONYMS: &str = include_str!("fixtures/small/synonyms.toml");

fn problems(facts: &str) -> Vec<String> {
    let result = FactBase::parse(
        &SourceText::new("facts.toml", facts),
        &SourceText::new("synonyms.toml", SMALL_SYNONYMS),
        None,
    );
    listed(result.expect_err("should not load"))
}

/// Each problem of `error` as its line says it.
fn listed(error: LoadError) -> Vec<String> {
    error.problems().iter().map(ToString::to_string).collect()
}

#[test]
fn the_bundled_fact_base_loads_and_covers_the_article() {
    let base = data::bundled().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        (35..=50).contains(&base.facts().len()),
        "{} facts",
        base.facts().len()
    );
    // Every figure of the source article, exactly as written there. The article lives
    // beside the repository (../shared); where it is absent, the facts are still checked.
    let article = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/source/article.txt"
    ))
    .ok();
    for figure in [
        "493,000",
        "16.7",
        "10.5",
        "12",
        "600",
        "80 million",
        "30",
        "42 million",
        "931",
        "38.8",
        "429.8",
        "60.36",
        "211",
        "200 billion",
        "5 million",
        "36",
        "100",
        "96",
        "40",
        "228,000",
        "5.2",
        "5.5",
        "2018",
        "2021",
    ] {
        if let Some(article) = &article {
            assert!(article.contains(figure), "{figure} is not in the article");
        }
        let stated = base.facts().iter().any(|f| {
            f.answer.contains(figure) || f.figures.iter().any(|g| g.value.contains(figure))
        });
        assert!(stated, "no fact states {figure}");
    }
}

#[test]
fn a_broken_fact_file_reports_every_problem_with_its_position() {
    let error =
        data::read_dir(Path::new("tests/fixtures/broken")).expect_err("broken data must not load");
    let data::DataError::Invalid(error) = error else {
        panic!("expected problems, got {error}")
    };
    let found: Vec<(usize, usize, &str)> = error
        .problems()
        .iter()
        .map(|p| (p.line(), p.column(), p.message()))
        .collect();
    let expected: &[(usize, usize, &str)] = &[
        (
            4,
            7,
            "source `report` is cited via `nowhere`, which is not another source",
        ),
        (11, 9, "field `as_of`: `2023-13` is not a date"),
        (12, 10, "place `Atlantis` is not listed"),
        (
            13,
            11,
            "fact `testland-widgets` is related to `ghost-fact`, which is no fact",
        ),
        (
            17,
            6,
            "duplicate id `testland-widgets` (first defined on line 7)",
        ),
        (20, 10, "field `answer` is empty"),
        (22, 1, "unknown field `colour` in fact"),
        (
            23,
            10,
            "fact `testland-widgets` cites source `missing-source`, which is not in [sources]",
        ),
        (25, 1, "fact is missing the required field `title`"),
        (26, 6, "id `Not Kebab` must be kebab-case"),
        (
            29,
            9,
            "field `as_of`: invalid type: integer `2023`, expected a string",
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{error}");
    for ((line, column, message), (want_line, want_column, want)) in found.iter().zip(expected) {
        assert_eq!((line, column), (want_line, want_column), "{message}");
        assert!(
            message.starts_with(want),
            "{message:?} should start with {want:?}"
        );
    }
    assert!(
        error
            .problems()
            .iter()
            .all(|p| p.file().ends_with("broken/facts.toml"))
    );
}

/// Asserts that `facts` (with the small fixture's synonyms) has exactly these
/// problems, each given by a part of its text.
fn assert_problems(facts: &str, expected: &[&str]) {
    let found = problems(facts);
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (problem, want) in found.iter().zip(expected) {
        assert!(
            problem.contains(want),
            "{problem:?} should contain {want:?}"
        );
    }
}

/// A one-fact file with the given answer and extra lines.
fn one_fact(answer: &str, extra: &str) -> String {
    format!(
        "[sources.s]\ntitle = \"S\"\n[[facts]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"T\"\nanswer = \"{answer}\"\nsource = \"s\"\n{extra}"
    )
}

#[test]
fn a_toml_syntax_error_names_its_line_and_column() {
    assert_problems(
        "[[facts]]\nid = \"a\"\ntitle = \"unterminated\n",
        &["facts.toml:3:22: invalid basic string"],
    );
}

#[test]
fn an_answer_too_long_for_an_embed_is_refused() {
    let facts = one_fact(&"word ".repeat(900), "as_of = \"2024\"\n");
    assert_problems(
        &facts,
        &[
            "facts.toml:3:1: field `answer` is too long for a Discord embed description: 4500 characters, at most 4096",
        ],
    );
}

/// A fact id goes into Discord's component ids ("fact:<id>", at most 100 characters
/// in all), so one too long to fit whole is refused, not cut into a button that
/// finds nothing.
#[test]
fn a_fact_id_too_long_for_a_component_id_is_refused() {
    let long = "a".repeat(65);
    let facts =
        one_fact("A.", "as_of = \"2024\"\n").replace("id = \"a\"", &format!("id = \"{long}\""));
    let want = format!("facts.toml:4:6: id `{long}` is 65 characters; at most 64 fit");
    assert_problems(&facts, &[&want]);
}

#[test]
fn a_fact_related_to_itself_or_an_impossible_date_is_refused() {
    let facts = one_fact("A.", "as_of = \"2023-02-29\"\nrelated = [\"a\"]\n");
    assert_problems(
        &facts,
        &[
            "facts.toml:9:9: field `as_of`: `2023-02-29` is not a date",
            "facts.toml:10:11: fact `a` is related to `a`, which is itself",
        ],
    );
}

#[test]
fn problems_in_the_synonyms_file_are_reported_too() {
    let synonyms = "places = [{ name = \"A\", within = \"Nowhere\" }, { name = \"A\" }]\naliases = [[\"lonely\"]]\n";
    let facts = include_str!("fixtures/small/facts.toml");
    let error = FactBase::parse(
        &SourceText::new("facts.toml", facts),
        &SourceText::new("synonyms.toml", synonyms),
        None,
    )
    .expect_err("must fail");
    let messages = listed(error);
    let expected = [
        "synonyms.toml:1:11: place `A` lies within `Nowhere`, which is not a listed place",
        "synonyms.toml:1:47: place `A` is listed twice (first on line 1)",
        "synonyms.toml:2:12: an alias group needs at least two terms",
    ];
    for want in expected {
        assert!(
            messages.iter().any(|m| m == want),
            "missing {want:?} in {messages:#?}"
        );
    }
}

#[test]
fn one_misspelt_key_in_a_source_is_one_problem_not_forty() {
    let small = include_str!("fixtures/small/facts.toml");
    let broken = small.replacen(
        "title = \"The Widget Report\"",
        "tittle = \"The Widget Report\"",
        1,
    );
    assert_ne!(broken, small);
    assert_eq!(
        problems(&broken),
        ["facts.toml:3:1: field `tittle` in source should be `title`"],
        "the cause, not its echoes"
    );
    // A fact's misspelt field is one problem too.
    let broken = small.replacen("answer = \"Testland", "anwser = \"Testland", 1);
    assert_eq!(
        problems(&broken),
        ["facts.toml:10:1: field `anwser` in fact should be `answer`"]
    );
}

const SMALL_FACTS: &str = include_str!("fixtures/small/facts.toml");
const SMALL_CHINESE: &str = include_str!("fixtures/small/facts.zh.toml");
const SMALL_CHINESE_WORDS: &str = include_str!("fixtures/small/synonyms.zh.toml");

fn bilingual(facts: &str, chinese: &str) -> Result<FactBase, Vec<String>> {
    with_chinese_words(facts, chinese, SMALL_CHINESE_WORDS)
}

fn with_chinese_words(facts: &str, chinese: &str, words: &str) -> Result<FactBase, Vec<String>> {
    FactBase::parse(
        &SourceText::new("facts.toml", facts),
        &SourceText::new("synonyms.toml", SMALL_SYNONYMS),
        Some(ChineseFiles {
            facts: &SourceText::new("facts.zh.toml", chinese),
            words: &SourceText::new("synonyms.zh.toml", words),
        }),
    )
    .map_err(listed)
}

#[test]
fn the_chinese_vocabulary_names_known_places_and_reads_each_word_one_way() {
    let base = bilingual(SMALL_FACTS, SMALL_CHINESE).unwrap_or_else(|p| panic!("{p:#?}"));
    let words = base.chinese_words();
    assert!(words.stop_words.iter().any(|w| w == "的"));
    assert!(
        words
            .places
            .iter()
            .any(|r| r.chinese == "测试国" && r.english == "Testland")
    );
    let broken = "terms = [[\"港口\", \"harbour\"],\n  [\"港口\", \"port\"], [\"\", \"x\"]]\nplaces = [[\"火星\", \"Mars\"]]\n";
    assert_eq!(
        with_chinese_words(SMALL_FACTS, SMALL_CHINESE, broken).unwrap_err(),
        [
            "synonyms.zh.toml:2:3: `港口` reads as `port` here and as `harbour` on line 1",
            "synonyms.zh.toml:2:19: a reading needs a word and its English",
            "synonyms.zh.toml:3:11: place `火星` reads as `Mars`, which is not a place in the synonyms",
        ]
    );
    let malformed = "terms = [[\"港口\"]]\n";
    let problems = with_chinese_words(SMALL_FACTS, SMALL_CHINESE, malformed).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("synonyms.zh.toml:1:"),
        "{problems:?}"
    );
}

#[test]
fn each_fact_has_its_chinese_with_the_same_numbers() {
    let base = bilingual(SMALL_FACTS, SMALL_CHINESE).unwrap_or_else(|p| panic!("{p:#?}"));
    let chinese = base.chinese("testland-widgets").expect("its Chinese");
    assert_eq!(chinese.title, "Testland 的小部件产量");
    assert_eq!(chinese.figures[0].unit, "个");
    assert_eq!(base.translations().topics["Transport"], "交通");
}

#[test]
fn a_chinese_answer_with_other_numbers_is_refused_where_it_is() {
    let wrong = SMALL_CHINESE.replace("生产了1,234个", "生产了1,243个");
    assert_eq!(
        bilingual(SMALL_FACTS, &wrong).unwrap_err(),
        [
            "facts.zh.toml:11:10: the Chinese of `testland-widgets` lacks 1234 (in the English) and states 1243 (not in the English)"
        ]
    );
    let in_wan = SMALL_CHINESE.replace("生产了1,234个", "生产了0.1234万个");
    assert!(
        bilingual(SMALL_FACTS, &in_wan).is_ok(),
        "万 is read as ten thousand"
    );
}

#[test]
fn a_fact_without_chinese_is_reported_at_its_english_id() {
    let start = SMALL_CHINESE.find("[facts.otherland-harbour]").unwrap();
    let without = &SMALL_CHINESE[..start];
    assert_eq!(
        bilingual(SMALL_FACTS, without).unwrap_err(),
        [
            "facts.toml:20:6: fact `otherland-harbour` has no Chinese version ([facts.otherland-harbour] in facts.zh.toml)"
        ]
    );
    let unknown = format!("{SMALL_CHINESE}\n[facts.nowhere]\ntitle = \"无\"\nanswer = \"无\"\n");
    let problems = bilingual(SMALL_FACTS, &unknown).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].contains("no fact `nowhere` in the English facts"));
}

/// The problems of `charts` over the bundled fact base.
fn chart_problems(charts: &str) -> Vec<String> {
    let base = data::bundled().unwrap();
    listed(
        base.with_charts(&SourceText::new("charts.toml", charts))
            .expect_err("should not load"),
    )
}

#[test]
fn a_chart_may_only_draw_exact_figures_the_facts_state() {
    let problems = chart_problems(
        r#"
[[charts]]
id = "wine"
bars = [
  { fact = "helan-wine-exports", figure = "Export markets" },
  { fact = "no-such-fact", figure = "Anything" },
]

[[charts]]
id = "mixed"
bars = [
  { fact = "valid-invention-patents", figure = "Valid invention patents" },
  { fact = "valid-invention-patents", figure = "Year-on-year growth" },
]

[[charts]]
id = "share"
scale = "whole"
bars = [{ fact = "guangxi-gi-count", figure = "Geographical indications" }]

[[charts]]
id = "typo"
bars = [{ fact = "guangxi-gi-count", figure = "Geographical indication" }, { fact = "guangxi-gi-count", figure = "Geographical indications" }]
sclae = "whole"
"#,
    );
    let expected = [
        "charts.toml:4:8: chart `wine`: figure `Export markets` of `helan-wine-exports` is \"over 40\", not an exact number a bar can show",
        "charts.toml:4:8: chart `wine`: there is no fact `no-such-fact`",
        "charts.toml:9:1: chart `mixed` compares figures of different kinds",
        "charts.toml:19:8: chart `share`: figure `Geographical indications` of `guangxi-gi-count` is not a percentage, so it is no share of a whole",
        "charts.toml:24:1: unknown field `sclae` in chart; expected one of: id, scale, bars",
    ];
    for line in expected {
        assert!(
            problems.iter().any(|p| p == line),
            "{line}\nnot in\n{problems:#?}"
        );
    }
    assert!(
        problems.iter().any(|p| p.contains(
            "has no figure `Geographical indication`; its figures: `Geographical indications`"
        )),
        "{problems:#?}"
    );
}
