//! The `ipwest` binary as a user runs it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn ipwest(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ipwest"));
    command.args(args).env_remove("IPWEST_DATA");
    command
}

fn run(args: &[&str]) -> Output {
    ipwest(args).output().expect("ipwest runs")
}

fn run_with_stdin(args: &[&str], input: impl AsRef<[u8]>) -> Output {
    let mut child = ipwest(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_ref())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// Standard output as JSON lines, each parsed.
fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn ask_prints_the_answer_with_figures_source_and_date() {
    let output = run(&["ask", "How many GI products does western China have?"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(
        text.starts_with("GI products recognized in western China\n"),
        "{text}"
    );
    assert!(text.contains("931 GI products"), "{text}");
    assert!(
        text.contains(
            "Source: \u{201c}IP Takes Lead in Western China's Innovation Surge\u{201d} (2024)"
        ),
        "{text}"
    );
    assert!(text.contains("As of:  2024"), "{text}");
}

#[test]
fn ask_says_plainly_when_it_does_not_know() {
    let text = stdout(&run(&[
        "ask", "how", "many", "patents", "does", "eastern", "China", "have",
    ]));
    assert!(text.starts_with("I don't know that"), "{text}");
    assert!(text.contains("I know about: "), "{text}");
}

#[test]
fn ask_json_gives_each_verdict() {
    let cases = [
        ("hello!", "small_talk"),
        ("what is the best pizza topping", "unknown"),
        ("patents", "did_you_mean"),
        ("how many GIs does guangxi have", "answer"),
    ];
    for (question, verdict) in cases {
        let value: Value =
            serde_json::from_str(&stdout(&run(&["ask", "--json", question]))).unwrap();
        assert_eq!(value["verdict"], verdict, "{question}");
        assert_eq!(value["answered"], verdict == "answer", "{question}");
    }
}

/// A Chinese question is answered in Chinese, a Traditional one in Traditional
/// characters, and `--lang` forces either language.
#[test]
fn ask_answers_in_the_question_s_language_unless_told_otherwise() {
    let ask = |args: &[&str]| -> Value {
        serde_json::from_str(&stdout(&run(&[&["ask", "--json"], args].concat()))).unwrap()
    };
    let chinese = ask(&["广西有多少个地理标志？"]);
    assert_eq!(chinese["lang"], "zh");
    assert_eq!(chinese["answer"]["id"], "guangxi-gi-count");
    assert!(
        chinese["answer"]["text"]
            .as_str()
            .unwrap()
            .contains("地理标志")
    );
    let traditional = ask(&["廣西有多少個地理標誌？"]);
    assert_eq!(traditional["answer"]["id"], "guangxi-gi-count");
    assert!(
        traditional["answer"]["text"]
            .as_str()
            .unwrap()
            .contains("地理標誌")
    );
    let forced = ask(&["--lang", "en", "广西有多少个地理标志？"]);
    assert_eq!(forced["lang"], "en");
    assert!(
        forced["answer"]["text"]
            .as_str()
            .unwrap()
            .contains("211 geographical indications")
    );
    let forced = ask(&["--lang", "zh", "how many GIs does guangxi have"]);
    assert_eq!(
        (&forced["lang"], &forced["answer"]["id"]),
        (&json!("zh"), &json!("guangxi-gi-count"))
    );
    let text = stdout(&run(&["ask", "比特币现在多少钱？"]));
    assert!(text.starts_with("这个我不知道"), "{text}");
}

#[test]
fn ask_says_which_date_the_latest_figure_is_for() {
    let text = stdout(&run(&[
        "ask",
        "what was western china's gdp growth last year",
    ]));
    assert!(
        text.starts_with("The latest figure I have is for 2023"),
        "{text}"
    );
    assert!(text.contains("5.5 percent"), "{text}");
}

#[test]
fn ask_json_prints_exactly_the_documented_object() {
    let output = run(&["ask", "--json", "guangxi gi jobs"]);
    assert!(output.status.success());
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        keys(&value),
        [
            "answer",
            "answered",
            "confidence",
            "lang",
            "latest_only",
            "question",
            "suggestions",
            "verdict"
        ]
    );
    assert_eq!(value["question"], "guangxi gi jobs");
    assert_eq!(value["lang"], "en");
    assert_eq!(value["verdict"], "answer");
    assert_eq!(value["answered"], true);
    assert_eq!(value["latest_only"], false);
    let answer = &value["answer"];
    assert_eq!(keys(answer), ["as_of", "id", "source", "text", "title"]);
    assert_eq!(answer["id"], "guangxi-gi-employment");
    assert!(answer["text"].as_str().unwrap().contains("5 million"));
    let confidence = value["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&confidence));
    for suggestion in value["suggestions"].as_array().unwrap() {
        assert_eq!(keys(suggestion), ["id", "title"]);
    }
}

#[test]
fn ask_json_answers_stdin_line_by_line_in_order() {
    let questions = [
        "how many GIs does guangxi have",
        "",
        "what is the weather in Paris",
        "talatan electricity",
    ];
    let output = run_with_stdin(&["ask", "--json"], &(questions.join("\n") + "\n"));
    assert!(output.status.success());
    let lines = json_lines(&output);
    assert_eq!(lines.len(), questions.len());
    for (line, question) in lines.iter().zip(questions) {
        assert_eq!(line["question"], question);
    }
    let answered: Vec<bool> = lines
        .iter()
        .map(|l| l["answered"].as_bool().unwrap())
        .collect();
    assert_eq!(answered, [true, false, false, true]);
    assert_eq!(lines[1]["answer"], Value::Null);
    assert_eq!(lines[3]["answer"]["id"], "talatan-electricity-output");
}

#[test]
fn a_line_that_is_not_utf8_is_answered_not_fatal() {
    let output = run_with_stdin(
        &["ask", "--json"],
        b"guangxi gi jobs\n\xff\xfe gis\r\ntalatan electricity\n",
    );
    assert!(output.status.success());
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["question"], "\u{fffd}\u{fffd} gis");
    assert_eq!(lines[2]["answer"]["id"], "talatan-electricity-output");
}

#[test]
fn ask_without_a_question_off_a_terminal_answers_each_line_as_text() {
    let output = run_with_stdin(&["ask"], "guangxi gi jobs\n");
    assert!(
        stdout(&output).starts_with("Jobs from Guangxi's GIs\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn answers_from_any_directory_with_the_built_in_data() {
    let output = ipwest(&["ask", "--json", "211 GIs"])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["answer"]["id"], "guangxi-gi-count");
}

#[test]
fn data_dir_comes_from_the_flag_or_the_environment() {
    let by_flag = run(&[
        "ask",
        "--json",
        "--data",
        "tests/fixtures/small",
        "how many gadgets in testland",
    ]);
    let by_env = ipwest(&["ask", "--json", "how many gadgets in testland"])
        .env("IPWEST_DATA", "tests/fixtures/small")
        .output()
        .unwrap();
    for output in [by_flag, by_env] {
        let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
        assert_eq!(value["answer"]["id"], "testland-widgets");
        assert_eq!(value["answer"]["as_of"], "2023");
    }
}

#[test]
fn empty_settings_copied_from_the_example_mean_unset() {
    let output = ipwest(&["check"])
        .env("IPWEST_DATA", "")
        .env("RUST_LOG", "")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn facts_lists_every_fact_and_json_is_the_whole_base() {
    let text = stdout(&run(&["facts"]));
    assert!(text.contains("guangxi-gi-count"));
    let value: Value = serde_json::from_str(&stdout(&run(&["facts", "--json"]))).unwrap();
    let facts = value["facts"].as_array().unwrap();
    assert_eq!(
        facts.len(),
        text.lines().filter(|l| l.starts_with("  ")).count()
    );
    assert_eq!(value["sources"]["cnipa"]["via"], "article");
    assert!(
        facts
            .iter()
            .all(|f| f["as_of"].is_string() && f["figures"].is_array())
    );
}

#[test]
fn check_summarises_a_good_base_and_exits_zero() {
    let output = run(&["check"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("ok: "), "{text}");
    assert!(
        text.contains(" facts, ")
            && text.contains(" topics, ")
            && text.contains(" places, ")
            && text.contains(" sources")
    );
}

#[test]
fn check_lists_every_problem_of_a_broken_base_and_exits_one() {
    let output = run(&["check", "--data", "tests/fixtures/broken"]);
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8(output.stderr).unwrap();
    assert!(
        errors.starts_with("11 problems in the fact base:\n"),
        "{errors}"
    );
    assert!(
        errors.contains("tests/fixtures/broken/facts.toml:17:6: duplicate id `testland-widgets`"),
        "{errors}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_missing_data_dir_is_a_clear_error() {
    let output = run(&["ask", "--data", "/no/such/dir", "hello"]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8(output.stderr).unwrap();
    assert!(
        errors.starts_with("ipwest: cannot read /no/such/dir/facts.toml: "),
        "{errors}"
    );
}

#[test]
fn help_and_bad_usage() {
    let help = run(&["--help"]);
    assert!(help.status.success());
    let text = stdout(&help);
    for command in ["ask", "facts", "check"] {
        assert!(text.contains(command), "{text}");
    }
    assert!(run(&["ask", "--help"]).status.success());
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

/// A token of the right shape for application 1310000000000000001; not a real token.
const TOKEN: &str = "MTMxMDAwMDAwMDAwMDAwMDAwMQ.GhJkLm.abcdefghijklmnopqrstuvwxyz0123456789ABCD";

/// `ipwest` with no Discord settings, in a directory without a `.env`.
fn bot_command(args: &[&str]) -> Command {
    let mut command = ipwest(args);
    for var in [
        "DISCORD_TOKEN",
        "DISCORD_APPLICATION_ID",
        "DISCORD_GUILD_ID",
        "DISCORD_API_BASE",
        "IPWEST_COOLDOWN",
    ] {
        command.env_remove(var);
    }
    command.current_dir(std::env::temp_dir());
    command
}

#[test]
fn run_without_a_usable_token_names_discord_token_and_exits_2() {
    let missing = bot_command(&["run"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let errors = String::from_utf8(missing.stderr).unwrap();
    assert!(
        errors.starts_with("ipwest: DISCORD_TOKEN is not set") && errors.lines().count() == 1,
        "{errors}"
    );

    let secret = "my-secret-value-that-is-no-token";
    let invalid = bot_command(&["register"])
        .env("DISCORD_TOKEN", secret)
        .output()
        .unwrap();
    assert_eq!(invalid.status.code(), Some(2));
    let errors = String::from_utf8(invalid.stderr).unwrap();
    assert!(
        errors.starts_with("ipwest: DISCORD_TOKEN is not a Discord bot token"),
        "{errors}"
    );
    assert!(!errors.contains(secret));
}

#[test]
fn invite_prints_the_oauth2_link_for_the_tokens_application() {
    let output = bot_command(&["invite"])
        .env("DISCORD_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        stdout(&output).trim(),
        "https://discord.com/oauth2/authorize?client_id=1310000000000000001&scope=bot+applications.commands&permissions=274877991936"
    );
    let by_id = bot_command(&["invite"])
        .env("DISCORD_APPLICATION_ID", "42")
        .output()
        .unwrap();
    assert!(stdout(&by_id).contains("client_id=42&"));
    assert_eq!(
        bot_command(&["invite"]).output().unwrap().status.code(),
        Some(2)
    );
}

#[test]
fn a_shard_range_needs_a_total_it_fits_in() {
    assert_eq!(
        bot_command(&["run", "--shards", "0..3"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let outside = bot_command(&["run", "--shards", "2..4", "--total", "4"])
        .env("DISCORD_TOKEN", TOKEN)
        .output()
        .unwrap();
    assert_eq!(outside.status.code(), Some(2));
    assert!(
        String::from_utf8(outside.stderr)
            .unwrap()
            .contains("--shards must stay below --total 4")
    );
}

#[test]
fn the_bots_commands_work_from_the_console() {
    let place = run(&["place", "guangxi"]);
    assert!(place.status.success());
    let text = stdout(&place);
    assert!(text.starts_with("Facts about Guangxi\n"), "{text}");
    assert!(text.contains("guangxi-gi-count"));

    let topics = stdout(&run(&["topics"]));
    assert!(
        topics.contains("Geographical indications (9 facts)"),
        "{topics}"
    );
    let one_topic = stdout(&run(&["topics", "geographical", "indications"]));
    assert!(one_topic.contains("guangxi-gi-count"), "{one_topic}");

    let by_title = stdout(&run(&["fact", "guangxi's", "geographical", "indications"]));
    let by_id = stdout(&run(&["fact", "guangxi-gi-count"]));
    assert_eq!(by_title, by_id);
    assert!(by_id.contains("Source: "), "{by_id}");

    let random = stdout(&run(&["random"]));
    assert!(random.contains("As of:"), "{random}");
    assert!(stdout(&run(&["about"])).contains("curated facts"));
}

#[test]
fn a_place_the_base_lacks_fails_and_names_the_places_it_has() {
    let output = run(&["place", "Atlantis"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.contains("“Atlantis”") && error.contains("Guangxi"),
        "{error}"
    );
}

/// A fresh SQLite store for one test.
fn database(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ipwest-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    format!("sqlite://{}/ipwest.db", dir.display())
}

fn with_store(args: &[&str], database: &str, log_questions: &str) -> Output {
    ipwest(args)
        .env("DATABASE_URL", database)
        .env("IPWEST_LOG_QUESTIONS", log_questions)
        .output()
        .unwrap()
}

#[test]
fn gaps_group_two_phrasings_of_a_question_asked_where_logging_is_on() {
    let database = database("gaps");
    for question in [
        "how many GIs does tibet have",
        "Tibet: number of geographical indications?",
    ] {
        assert!(
            with_store(&["ask", question], &database, "on")
                .status
                .success()
        );
    }
    // Not logged: logging is off for this one.
    with_store(&["ask", "best pizza in xian"], &database, "off");
    let gaps: Value =
        serde_json::from_slice(&with_store(&["gaps", "--json"], &database, "off").stdout).unwrap();
    let gaps = gaps.as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(
        keys(&gaps[0]),
        ["asks", "count", "examples", "last_seen", "verdicts"]
    );
    assert_eq!(gaps[0]["count"], 2);
    assert_eq!(gaps[0]["verdicts"], serde_json::json!(["unknown"]));
    let text = stdout(&with_store(&["gaps", "--since", "1d"], &database, "off"));
    assert!(
        text.contains("2×") && text.contains("“how many GIs does tibet have”"),
        "{text}"
    );
}

#[test]
fn feedback_and_stats_print_their_json_shapes() {
    let database = database("reports");
    let feedback = with_store(&["feedback", "--json"], &database, "off");
    assert!(feedback.status.success());
    assert_eq!(stdout(&feedback).trim(), "[]");
    let stats: Value =
        serde_json::from_slice(&with_store(&["stats", "--json"], &database, "off").stdout).unwrap();
    assert_eq!(keys(&stats), ["answers", "by_day", "by_fact", "by_verdict"]);
    assert_eq!(stats["answers"], 0);
}

#[test]
fn a_bad_database_url_is_one_line_and_exit_2() {
    let output = with_store(&["stats"], "mysql://somewhere/db", "off");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(error.contains("DATABASE_URL"), "{error}");
}
