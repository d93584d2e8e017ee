//! What the store holds, read for the people who run the bot: what members asked and
//! could not get (`ipwest gaps`), how they voted (`ipwest feedback`), and what was
//! served (`ipwest stats`). Pure: the rows in, the report out, as data (serialised for
//! `--json`) and as terminal text.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::Engine;
use crate::facts::{AsOf, FactBase};
use crate::store::{Logged, Stats, Votes};

/// Most example questions shown per gap.
const EXAMPLES: usize = 3;

/// Questions that ask for one thing, and what became of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// What they ask for, as the engine reads it ([`Engine::gist`]).
    pub asks: String,
    pub count: usize,
    /// Different wordings, most recent first.
    pub examples: Vec<String>,
    /// "unknown", "did_you_mean", or "downvoted" for an answer that got a 👎.
    pub verdicts: Vec<String>,
    /// When it was last asked (UTC, `2026-12-03T12:00:00Z`).
    pub last_seen: String,
}

/// The votes on one fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactFeedback {
    pub id: String,
    /// Its title; empty when the fact is no longer in the base.
    pub title: String,
    pub up: i64,
    pub down: i64,
    pub comments: Vec<String>,
}

/// The logged questions grouped by what they ask for, most asked first.
pub fn gaps(engine: &Engine, logged: &[Logged]) -> Vec<Gap> {
    let mut groups: Vec<(String, Vec<&Logged>)> = Vec::new();
    for question in logged {
        let asks = engine.gist(&question.question);
        match groups.iter_mut().find(|(key, _)| *key == asks) {
            Some((_, members)) => members.push(question),
            None => groups.push((asks, vec![question])),
        }
    }
    let mut gaps: Vec<Gap> = groups
        .into_iter()
        .map(|(asks, mut members)| {
            members.sort_by_key(|m| std::cmp::Reverse(m.at));
            let mut examples: Vec<String> = Vec::new();
            for member in &members {
                let text = member.question.trim();
                if examples.len() < EXAMPLES && !examples.iter().any(|e| e == text) {
                    examples.push(text.to_owned());
                }
            }
            let verdicts: BTreeSet<&str> = members
                .iter()
                .map(|m| {
                    if m.downvoted {
                        "downvoted"
                    } else {
                        m.verdict.as_str()
                    }
                })
                .collect();
            Gap {
                asks,
                count: members.len(),
                examples,
                verdicts: verdicts.into_iter().map(str::to_owned).collect(),
                last_seen: moment(members[0].at),
            }
        })
        .collect();
    gaps.sort_by(|a, b| b.count.cmp(&a.count).then(b.last_seen.cmp(&a.last_seen)));
    gaps
}

/// The votes per fact, with the facts' titles.
pub fn feedback(base: &FactBase, votes: Vec<Votes>) -> Vec<FactFeedback> {
    votes
        .into_iter()
        .map(|v| FactFeedback {
            title: base
                .get(&v.fact)
                .map_or_else(String::new, |f| f.title.clone()),
            id: v.fact,
            up: v.up,
            down: v.down,
            comments: v.comments,
        })
        .collect()
}

/// The gaps as terminal text.
pub fn gaps_text(gaps: &[Gap]) -> String {
    if gaps.is_empty() {
        return "No unanswered questions logged. (Is question logging on? See /settings and IPWEST_LOG_QUESTIONS.)\n".to_owned();
    }
    let mut out = String::new();
    for gap in gaps {
        let _ = writeln!(
            out,
            "{:>4}×  {}  [{}]  last {}",
            gap.count,
            gap.asks,
            gap.verdicts.join(", "),
            gap.last_seen
        );
        for example in &gap.examples {
            let _ = writeln!(out, "       \u{201c}{example}\u{201d}");
        }
    }
    out
}

/// The feedback as terminal text.
pub fn feedback_text(feedback: &[FactFeedback]) -> String {
    if feedback.is_empty() {
        return "No votes yet.\n".to_owned();
    }
    let mut out = String::new();
    for fact in feedback {
        let title = if fact.title.is_empty() {
            "(no longer in the fact base)"
        } else {
            &fact.title
        };
        let _ = writeln!(
            out,
            "👍 {:>3}  👎 {:>3}  {}  {title}",
            fact.up, fact.down, fact.id
        );
        for comment in &fact.comments {
            let _ = writeln!(out, "             \u{201c}{comment}\u{201d}");
        }
    }
    out
}

/// The stats as terminal text.
pub fn stats_text(stats: &Stats) -> String {
    let mut out = format!("{} replies\n", stats.answers);
    let mut section =
        |title: &str, counts: &std::collections::BTreeMap<String, i64>, by_count: bool| {
            if counts.is_empty() {
                return;
            }
            let mut rows: Vec<(&String, &i64)> = counts.iter().collect();
            if by_count {
                rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            }
            let _ = writeln!(out, "\n{title}");
            for (name, count) in rows {
                let _ = writeln!(out, "  {count:>6}  {name}");
            }
        };
    section("by verdict", &stats.by_verdict, true);
    section("by fact", &stats.by_fact, true);
    section("by day", &stats.by_day, false);
    out
}

/// A moment as ISO 8601 in UTC.
fn moment(at: i64) -> String {
    let day = AsOf::from_unix_seconds(at).map_or_else(|| "1970-01-01".to_owned(), |d| d.iso());
    let seconds = at.rem_euclid(86_400);
    format!(
        "{day}T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

/// Reads a period such as `7d`, `12h` or `30m` as seconds.
pub fn parse_period(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let unit = match text.chars().last() {
        Some('d') => 86_400,
        Some('h') => 3_600,
        Some('m') => 60,
        Some('w') => 7 * 86_400,
        _ => return Err(format!("`{text}` is not a period such as 7d, 12h or 30m")),
    };
    let count: i64 = text[..text.len() - 1]
        .parse()
        .map_err(|_| format!("`{text}` is not a period such as 7d, 12h or 30m"))?;
    Ok(count * unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;

    fn logged(question: &str, at: i64, verdict: &str, downvoted: bool) -> Logged {
        Logged {
            at,
            verdict: verdict.into(),
            question: question.into(),
            candidates: Vec::new(),
            downvoted,
        }
    }

    #[test]
    fn two_phrasings_of_one_question_are_one_gap() {
        let engine = Engine::new(data::bundled().unwrap());
        let logged = [
            logged("how many GIs does tibet have", 100, "unknown", false),
            logged(
                "Tibet: number of geographical indications?",
                200,
                "unknown",
                false,
            ),
            logged("best pizza in xian", 150, "unknown", false),
            logged(
                "how many geographical indicaitons in tibet",
                300,
                "did_you_mean",
                false,
            ),
            logged("how many GIs does guangxi have", 400, "answer", true),
        ];
        let gaps = gaps(&engine, &logged);
        assert_eq!(gaps.len(), 3);
        assert_eq!(gaps[0].count, 3);
        assert_eq!(
            gaps[0].examples,
            [
                "how many geographical indicaitons in tibet",
                "Tibet: number of geographical indications?",
                "how many GIs does tibet have"
            ]
        );
        assert_eq!(gaps[0].verdicts, ["did_you_mean", "unknown"]);
        assert_eq!(gaps[0].last_seen, "1970-01-01T00:05:00Z");
        assert_eq!(gaps[1].verdicts, ["downvoted"]);
    }

    #[test]
    fn periods() {
        assert_eq!(parse_period("7d"), Ok(604_800));
        assert_eq!(parse_period("12h"), Ok(43_200));
        assert_eq!(parse_period("2w"), Ok(1_209_600));
        assert!(parse_period("soon").is_err());
        assert!(parse_period("d").is_err());
    }
}
