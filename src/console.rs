//! The console transport: answers as terminal text, as JSON lines, and an
//! interactive prompt. Reads and writes only the streams it is given.

use std::fmt::Write as _;
use std::io::{self, BufRead, Write};

use clap::{Arg, ArgMatches, FromArgMatches, Subcommand};
use serde::Serialize;

use crate::Engine;
use crate::command::{Command, Context, Invocation, OptionKind, Spec, Value};
use crate::engine::MAX_SUGGESTIONS;
use crate::facts::{AsOf, FactBase};
use crate::lang::{Code, Lang};
use crate::reply::{FactCard, Link, Reply, latest_note, small_talk_lines, unstated_text};
use crate::ui::{self, Text};

/// What the console answers with: the engine, the day questions are asked on, and
/// the language forced by `--lang` (none: each question's own).
#[derive(Clone, Copy)]
pub struct Session<'a> {
    pub engine: &'a Engine,
    pub today: AsOf,
    pub lang: Option<Lang>,
}

/// One answer as a JSON object, the contract of `ipwest ask --json`.
#[derive(Debug, Serialize)]
pub struct JsonAnswer<'a> {
    pub question: &'a str,
    /// The language of the reply: "en" or "zh".
    pub lang: Code,
    /// "answer", "did_you_mean", "unknown" or "small_talk" ([`Reply::verdict`]).
    pub verdict: &'static str,
    pub answered: bool,
    pub answer: Option<JsonFact>,
    pub confidence: f32,
    pub suggestions: Vec<Link>,
    /// The question asked about a later date than the answer's: it is the latest
    /// figure there is.
    pub latest_only: bool,
}

/// The answering fact in [`JsonAnswer`].
#[derive(Debug, Serialize)]
pub struct JsonFact {
    pub id: String,
    pub title: String,
    pub text: String,
    pub source: String,
    pub as_of: String,
}

impl<'a> JsonAnswer<'a> {
    /// The JSON answer to `question`, replied in `lang` (and written in its script).
    pub fn new(question: &'a str, reply: Reply, lang: Lang) -> Self {
        let confidence = round(reply.confidence().unwrap_or(1.0));
        let verdict = reply.verdict();
        let latest_only = matches!(
            reply,
            Reply::Answer {
                latest_only: true,
                ..
            }
        );
        let (answer, suggestions) = match reply {
            Reply::Answer { card, also, .. } => (Some(JsonFact::new(*card, lang)), also),
            Reply::Fact(card) => (Some(JsonFact::new(*card, lang)), Vec::new()),
            Reply::DidYouMean { suggestions, .. } => (None, suggestions),
            Reply::Unstated { mut facts, .. } => {
                facts.truncate(MAX_SUGGESTIONS);
                (None, facts)
            }
            Reply::Facts { facts, .. } => {
                let links = facts.into_iter().map(|f| Link {
                    id: f.id,
                    title: f.title,
                });
                (None, links.collect())
            }
            Reply::Unknown { .. }
            | Reply::SmallTalk { .. }
            | Reply::Topics(_)
            | Reply::Notice(_) => (None, Vec::new()),
        };
        let suggestions = suggestions
            .into_iter()
            .map(|link| Link {
                title: lang.script(&link.title),
                ..link
            })
            .collect();
        JsonAnswer {
            question,
            lang: lang.code(),
            verdict,
            answered: answer.is_some(),
            answer,
            confidence,
            suggestions,
            latest_only,
        }
    }
}

impl JsonFact {
    fn new(card: FactCard, lang: Lang) -> JsonFact {
        JsonFact {
            id: card.id,
            title: lang.script(&card.title),
            text: lang.script(&card.text),
            source: lang.script(&card.source),
            as_of: card.as_of_iso,
        }
    }
}

/// Three decimals are plenty for a confidence, and keep the output readable.
fn round(confidence: f32) -> f32 {
    (confidence * 1000.0).round() / 1000.0
}

impl Session<'_> {
    /// The reply to `question` and its language: `--lang`'s, else the question's.
    pub fn reply(&self, question: &str) -> (Reply, Lang) {
        let lang = self.lang.unwrap_or_else(|| Lang::of(question));
        let outcome = self.engine.ask(question, self.today);
        (Reply::new(self.engine.base(), &outcome, lang), lang)
    }
}

/// A reply in `lang` as terminal text, written in its script.
pub fn render(reply: &Reply, lang: Lang) -> String {
    lang.script(&render_simplified(reply, lang))
}

fn render_simplified(reply: &Reply, lang: Lang) -> String {
    let text = |key| ui::text(lang, key);
    let mut out = String::new();
    match reply {
        Reply::Answer {
            card, latest_only, ..
        } => {
            if *latest_only {
                let _ = writeln!(out, "{}\n", latest_note(lang, &card.as_of));
            }
            render_card(&mut out, card, lang);
        }
        Reply::DidYouMean { suggestions, .. } => {
            let _ = writeln!(out, "{}", text(Text::DidYouMeanConsole));
            for link in suggestions {
                let _ = writeln!(out, "  - {} ({})", link.title, link.id);
            }
        }
        Reply::Unknown { topics, .. } => {
            let _ = writeln!(
                out,
                "{}: {}",
                text(Text::UnknownTitle),
                text(Text::UnknownText)
            );
            if !topics.is_empty() {
                let topics = ui::list(lang, topics);
                let _ = writeln!(
                    out,
                    "{}",
                    ui::fill(lang, Text::IKnowAbout, &[("topics", &topics)])
                );
            }
        }
        Reply::Unstated {
            asked,
            subject,
            facts,
            ..
        } => {
            let _ = writeln!(out, "{}", unstated_text(lang, asked, subject.as_deref()));
            for link in facts {
                let _ = writeln!(out, "  - {} ({})", link.title, link.id);
            }
        }
        Reply::SmallTalk {
            kind,
            topics,
            examples,
        } => {
            for line in small_talk_lines(lang, *kind, topics, examples) {
                let _ = writeln!(out, "{line}");
            }
        }
        Reply::Fact(card) => render_card(&mut out, card, lang),
        Reply::Facts { heading, facts } => {
            let _ = writeln!(out, "{heading}\n");
            for fact in facts {
                let _ = writeln!(out, "  {:<34} {}", fact.id, fact.title);
            }
        }
        Reply::Topics(topics) => {
            for topic in topics {
                let count = ui::facts_count(lang, topic.facts);
                let _ = writeln!(out, "{} ({count})", topic.name);
            }
        }
        Reply::Notice(notice) => {
            let _ = writeln!(out, "{}\n\n{}", notice.title, plain(&notice.text));
        }
    }
    out
}

/// Discord's markdown (`**bold**`, `*italic*`, `` `code` ``) as plain text.
fn plain(text: &str) -> String {
    text.replace(['*', '`'], "")
}

fn render_card(out: &mut String, card: &FactCard, lang: Lang) {
    let text = |key| ui::text(lang, key);
    let _ = writeln!(out, "{}\n\n{}\n", card.title, card.text);
    if !card.figures.is_empty() {
        let width = card
            .figures
            .iter()
            .map(|figure| figure.label.chars().count())
            .max()
            .unwrap_or(0);
        for figure in &card.figures {
            let _ = writeln!(out, "  {:<width$}  {}", figure.label, figure.value);
        }
        out.push('\n');
    }
    let (source, as_of) = (text(Text::Source), text(Text::AsOf));
    let width = source.chars().count().max(as_of.chars().count()) + 1;
    let _ = writeln!(out, "{:<width$} {}", format!("{source}:"), card.source);
    let _ = writeln!(out, "{:<width$} {}", format!("{as_of}:"), card.as_of);
    if !card.related.is_empty() {
        let titles: Vec<&str> = card.related.iter().map(|l| l.title.as_str()).collect();
        let _ = writeln!(out, "{}: {}", text(Text::SeeAlso), titles.join("; "));
    }
}

/// Answers each line of `input` in order, as JSON lines or as text, flushing after
/// each answer so that a caller can converse over a pipe, and then tells `answered`.
/// A line that is not UTF-8 is read with replacement characters rather than ending
/// the stream.
pub fn answer_lines(
    session: Session<'_>,
    mut input: impl BufRead,
    mut out: impl Write,
    json: bool,
    mut answered: impl FnMut(&str, &Reply),
) -> io::Result<()> {
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        if input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&bytes);
        let question = line.strip_suffix('\n').unwrap_or(&line);
        let question = question.strip_suffix('\r').unwrap_or(question);
        let (reply, lang) = session.reply(question);
        if json {
            serde_json::to_writer(&mut out, &JsonAnswer::new(question, reply.clone(), lang))?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", render(&reply, lang))?;
        }
        out.flush()?;
        answered(question, &reply);
    }
}

/// An interactive prompt: answers each question until an empty line, "quit" or
/// end of input, telling `answered` after each answer.
pub fn prompt(
    session: Session<'_>,
    mut input: impl BufRead,
    mut out: impl Write,
    mut answered: impl FnMut(&str, &Reply),
) -> io::Result<()> {
    let lang = session.lang.unwrap_or_default();
    let count = session.engine.base().facts().len().to_string();
    let greeting = ui::fill(lang, Text::ConsolePrompt, &[("count", &count)]);
    writeln!(out, "{}", lang.script(&greeting))?;
    loop {
        write!(out, "> ")?;
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(());
        }
        let question = line.trim();
        if question.is_empty() || matches!(question, "quit" | "exit" | "q") {
            return Ok(());
        }
        let (reply, lang) = session.reply(question);
        writeln!(out, "\n{}", render(&reply, lang))?;
        answered(question, &reply);
    }
}

/// The list of facts, one line each, grouped by topic.
pub fn list_facts(base: &FactBase) -> String {
    let mut out = String::new();
    for (topic, count) in base.topics() {
        let _ = writeln!(out, "{topic} ({count})");
        for fact in base.facts().iter().filter(|f| f.topic == topic) {
            let _ = writeln!(out, "  {:<34} {}", fact.id, fact.title);
        }
    }
    out
}

/// The summary `ipwest check` prints for a valid fact base.
pub fn summary(base: &FactBase) -> String {
    let topics = base.topics();
    let names: Vec<String> = topics.iter().map(|(t, n)| format!("{t} ({n})")).collect();
    format!(
        "ok: {} facts, {} topics, {} places, {} sources\ntopics: {}\nplaces: {}\nsources: {}\n",
        base.facts().len(),
        topics.len(),
        base.places().len(),
        base.sources().len(),
        names.join(", "),
        base.places().join(", "),
        base.sources()
            .keys()
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// The commands the console offers besides `ask` (`ipwest place Guangxi`, `ipwest
/// topics` …), as clap subcommands written from [`Command::SPECS`]: a command's text
/// option is its words, joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleCommand(pub Invocation);

impl ConsoleCommand {
    /// The command's reply and its language, asked on `today`; `seed` chooses at
    /// random.
    pub fn run(&self, engine: &Engine, today: AsOf, seed: u64) -> (Reply, Lang) {
        let context = Context {
            engine,
            today,
            seed,
            server: None,
            locale: None,
        };
        let command = Command::parse(&self.0);
        let lang = command.lang(&context);
        (command.run(&context), lang)
    }
}

fn console_spec(name: &str) -> Option<&'static Spec> {
    Command::spec_named(name).filter(|spec| spec.console)
}

impl FromArgMatches for ConsoleCommand {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let (name, arguments) = matches
            .subcommand()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))?;
        let spec = console_spec(name)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidSubcommand))?;
        let options = spec
            .options
            .iter()
            .filter(|option| option.kind == OptionKind::Text)
            .filter_map(|option| {
                let words = arguments.get_many::<String>(option.name)?;
                let text = words.map(String::as_str).collect::<Vec<_>>().join(" ");
                Some((option.name.to_owned(), Value::Text(text)))
            });
        Ok(ConsoleCommand(Invocation {
            name: name.to_owned(),
            options: options.collect(),
            target: None,
        }))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = ConsoleCommand::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Subcommand for ConsoleCommand {
    fn augment_subcommands(cli: clap::Command) -> clap::Command {
        let specs = Command::SPECS.iter().filter(|spec| spec.console);
        specs.fold(cli, |cli, spec| {
            let texts = spec.options.iter().filter(|o| o.kind == OptionKind::Text);
            let subcommand = texts.fold(
                clap::Command::new(spec.name).about(spec.description(Lang::En)),
                |subcommand, option| {
                    subcommand.arg(
                        Arg::new(option.name)
                            .help(spec.option_description(option.name, Lang::En))
                            .required(option.required)
                            .num_args(1..),
                    )
                },
            );
            cli.subcommand(subcommand)
        })
    }

    fn augment_subcommands_for_update(cli: clap::Command) -> clap::Command {
        ConsoleCommand::augment_subcommands(cli)
    }

    fn has_subcommand(name: &str) -> bool {
        console_spec(name).is_some()
    }
}
