//! Load errors that say where (file, line, column) and what.

use std::fmt;

/// One problem found while loading the data files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    file: String,
    line: usize,
    column: usize,
    message: String,
}

impl Problem {
    /// A problem at a 1-based line and column of `file`.
    pub fn new(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// The file the problem is in, as it was named when loading.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// 1-based line number.
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column number, in characters.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The problem in a plain sentence.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Every problem found in the data files; loading fails if there is at least one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    problems: Vec<Problem>,
}

impl LoadError {
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        LoadError { problems }
    }

    /// The problems, in file order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        writeln!(
            f,
            "{n} problem{} in the fact base:",
            if n == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            writeln!(f, "  {problem}")?;
        }
        Ok(())
    }
}
