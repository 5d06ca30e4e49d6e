//! How long work reports on itself: a job advances in slices of a time budget and says how far it
//! got, so the worker can drive every long operation — training a comparison, a k-fold check, a
//! curve — the same way (start, advance, progress events, cancel).

use serde::Serialize;

/// How far a job has come.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// Share of the work done, in [0, 1].
    pub done: f64,
    /// What it is doing, for the person waiting.
    pub message: String,
}

/// What one slice of work ended with.
#[derive(Debug, Clone, PartialEq)]
pub enum Advance<T> {
    /// More to do.
    Working(Progress),
    /// Finished, with the result.
    Done(T),
}

impl<T> Advance<T> {
    /// The same advance with the finished result turned into another type.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Advance<U> {
        match self {
            Advance::Working(p) => Advance::Working(p),
            Advance::Done(t) => Advance::Done(f(t)),
        }
    }
}

/// A slice's time budget: work that checks it stops once `ms` have passed since it began (after at
/// least one unit of work, so every slice gets somewhere however small the budget).
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    began: f64,
    ms: f64,
}

impl Budget {
    /// A budget of `ms` milliseconds starting now.
    pub fn new(ms: f64) -> Self {
        Budget { began: super::clock::now_ms(), ms }
    }

    /// Whether the budget is spent.
    pub fn spent(&self) -> bool {
        super::clock::now_ms() - self.began >= self.ms
    }
}
