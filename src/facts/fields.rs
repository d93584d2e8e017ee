//! Reading TOML tables field by field, so that every problem in a file is reported
//! at once with its position, instead of serde stopping at the first one.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;

use super::Problem;

/// A data file's name and text, with its line starts for turning byte offsets into
/// line and column.
pub struct SourceText<'a> {
    name: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceText<'a> {
    /// `name` is how problems refer to the file (usually its path).
    pub fn new(name: &'a str, text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            name,
            text,
            line_starts,
        }
    }

    /// How problems refer to the file.
    pub fn name(&self) -> &str {
        self.name
    }

    /// A problem at byte offset `at`, with a 1-based line and character column.
    pub(crate) fn problem(&self, at: usize, message: impl Into<String>) -> Problem {
        let at = at.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= at);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..at)
            .map_or(1, |s| s.chars().count() + 1);
        Problem::new(self.name, line, column, message)
    }

    /// Parses the whole file as `T`; a syntax or shape error becomes one problem.
    pub(crate) fn parse<T: DeserializeOwned>(&self) -> Result<T, Problem> {
        toml::from_str(self.text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            self.problem(at, e.message().trim().to_owned())
        })
    }
}

/// Most edits between a misspelt field name and the field it stands for.
const MAX_MISSPELLING: usize = 2;

/// A TOML table whose keys and values keep their positions.
pub(crate) type RawTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// Takes the fields of one table, recording a problem for each missing, mistyped or
/// unknown field.
pub(crate) struct Fields<'f, 'a> {
    file: &'f SourceText<'a>,
    problems: &'f mut Vec<Problem>,
    what: &'static str,
    known: &'static [&'static str],
    table: RawTable,
    at: usize,
}

impl<'f, 'a> Fields<'f, 'a> {
    /// `what` names the table in messages ("fact", "source"); `known` lists its fields.
    pub(crate) fn new(
        file: &'f SourceText<'a>,
        problems: &'f mut Vec<Problem>,
        what: &'static str,
        known: &'static [&'static str],
        table: Spanned<RawTable>,
    ) -> Self {
        let at = table.span().start;
        Fields {
            file,
            problems,
            what,
            known,
            table: table.into_inner(),
            at,
        }
    }

    /// Records a problem at byte offset `at` of this file.
    pub(crate) fn report(&mut self, at: usize, message: impl Into<String>) {
        self.problems.push(self.file.problem(at, message));
    }

    /// Where the table starts.
    pub(crate) fn start(&self) -> usize {
        self.at
    }

    /// A field that must be present.
    pub(crate) fn required<T: DeserializeOwned>(&mut self, key: &str) -> Option<(T, Range<usize>)> {
        match self.take(key) {
            Taken::Absent => {
                // A misspelling of the field is one problem, not an unknown field and a
                // missing one.
                let message = match self.take_misspelling(key) {
                    Some((typed, at)) => {
                        let message = format!("field `{typed}` in {} should be `{key}`", self.what);
                        self.report(at, message);
                        return None;
                    }
                    None => format!("{} is missing the required field `{key}`", self.what),
                };
                self.report(self.at, message);
                None
            }
            Taken::Mistyped => None,
            Taken::Found(v, span) => Some((v, span)),
        }
    }

    /// A field that may be absent; `None` when absent or mistyped (then reported).
    pub(crate) fn optional<T: DeserializeOwned>(&mut self, key: &str) -> Option<(T, Range<usize>)> {
        match self.take(key) {
            Taken::Found(v, span) => Some((v, span)),
            Taken::Absent | Taken::Mistyped => None,
        }
    }

    /// Takes an unknown field whose name is one or two edits from `key`: its name and
    /// where it is.
    fn take_misspelling(&mut self, key: &str) -> Option<(String, usize)> {
        let typed = self
            .table
            .keys()
            .find(|k| {
                let name = k.get_ref();
                !self.known.contains(&name.as_str())
                    && strsim::damerau_levenshtein(name, key) <= MAX_MISSPELLING
            })?
            .clone();
        self.table.remove(&typed);
        let at = typed.span().start;
        Some((typed.into_inner(), at))
    }

    fn take<T: DeserializeOwned>(&mut self, key: &str) -> Taken<T> {
        let Some((_, value)) = self.table.remove_entry(key) else {
            return Taken::Absent;
        };
        let span = value.span();
        match value.into_inner().try_into::<T>() {
            Ok(v) => Taken::Found(v, span),
            Err(e) => {
                let message = format!("field `{key}`: {}", e.message().trim());
                self.report(span.start, message);
                Taken::Mistyped
            }
        }
    }

    /// Reports every field that was not taken as unknown.
    pub(crate) fn finish(self) {
        let expected = self.known.join(", ");
        for key in self.table.keys() {
            let message = format!(
                "unknown field `{}` in {}; expected one of: {expected}",
                key.get_ref(),
                self.what
            );
            self.problems
                .push(self.file.problem(key.span().start, message));
        }
    }
}

enum Taken<T> {
    Absent,
    Mistyped,
    Found(T, Range<usize>),
}
