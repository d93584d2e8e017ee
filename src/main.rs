//! The `ipwest` command: parses arguments, loads the fact base, and hands the
//! console's streams to the library.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use ipwest::{Engine, console, data};

/// Answers questions about intellectual property in western China.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Directory holding facts.toml and synonyms.toml [default: the copy built in]
    #[arg(long, global = true, env = "IPWEST_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Answer a question; with none, answer each line of standard input (or open a
    /// prompt on a terminal)
    Ask {
        /// Print JSON: one object, or one per input line
        #[arg(long)]
        json: bool,
        /// The question (several words are joined)
        question: Vec<String>,
    },
    /// List the facts
    Facts {
        /// Print the whole fact base as loaded, as JSON
        #[arg(long)]
        json: bool,
    },
    /// Validate the fact base and print a summary
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader went away (`ipwest facts | head`): nothing left to say.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ipwest: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let base = match &cli.data {
        Some(dir) => data::read_dir(dir),
        None => data::bundled().map_err(Into::into),
    };
    let base = match base {
        Ok(base) => base,
        Err(data::DataError::Invalid(problems)) => {
            eprint!("{problems}");
            return Ok(ExitCode::FAILURE);
        }
        Err(error) => return Err(error.into()),
    };
    let stdout = io::stdout().lock();
    match cli.command {
        Command::Check => write(stdout, &console::summary(&base))?,
        Command::Facts { json: true } => {
            let mut text = serde_json::to_string_pretty(&base)?;
            text.push('\n');
            write(stdout, &text)?;
        }
        Command::Facts { json: false } => write(stdout, &console::list_facts(&base))?,
        Command::Ask { json, question } => {
            let engine = Engine::new(base);
            let stdin = io::stdin();
            if !question.is_empty() {
                let question = question.join(" ");
                let input = io::Cursor::new(question.replace(['\n', '\r'], " "));
                console::answer_lines(&engine, input, stdout, json)?;
            } else if !json && stdin.is_terminal() {
                console::prompt(&engine, stdin.lock(), stdout)?;
            } else {
                console::answer_lines(&engine, stdin.lock(), stdout, json)
                    .context("reading questions")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn write(mut out: impl Write, text: &str) -> io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
