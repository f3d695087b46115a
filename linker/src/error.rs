//! The one error type of the linker: every problem found, listed at once.

use std::fmt;

/// Why a link failed. Holds every problem found in the phase that failed, so a
/// user fixes them all in one round instead of one per run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    problems: Vec<String>,
}

impl LinkError {
    /// An error with a single problem.
    pub fn one(problem: impl Into<String>) -> Self {
        LinkError { problems: vec![problem.into()] }
    }

    /// An error with several problems (at least one).
    pub fn many(problems: Vec<String>) -> Self {
        assert!(!problems.is_empty(), "an error has at least one problem");
        LinkError { problems }
    }

    /// The problems, each a lowercase sentence naming the module, import and
    /// types involved.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => f.write_str(one),
            many => {
                write!(f, "{} problems:", many.len())?;
                for problem in many {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LinkError {}

/// Collects problems during a phase; the phase ends with [`Problems::finish`].
#[derive(Default)]
pub(crate) struct Problems(Vec<String>);

impl Problems {
    pub fn push(&mut self, problem: impl Into<String>) {
        let problem = problem.into();
        if !self.0.contains(&problem) {
            self.0.push(problem);
        }
    }

    /// `Ok(value)` when nothing went wrong, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, LinkError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(LinkError { problems: self.0 })
        }
    }
}

/// Both results, or every problem of both.
pub(crate) fn both<A, B>(a: Result<A, LinkError>, b: Result<B, LinkError>) -> Result<(A, B), LinkError> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Err(mut e), Err(f)) => {
            for problem in f.problems {
                if !e.problems.contains(&problem) {
                    e.problems.push(problem);
                }
            }
            Err(e)
        }
    }
}
