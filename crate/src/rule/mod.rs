//! Software 1.0 beside it: a small expression language for hand-written classifiers and
//! regressors over `x`, `y` and the features — text → tokens → syntax tree → typed tree →
//! evaluation, each step its own file, every error naming its column (counting from 1).
//!
//! A rule answers with true/false (class 1 or 0) or with a number (a class, rounded, or on a
//! regression dataset the value). It is evaluated here, in the core, so a shared link or lesson can
//! carry a rule without the page ever running text as script.

mod eval;
mod judge;
mod lexer;
mod parser;
mod typed;

use std::fmt;

use serde::Serialize;

pub use eval::At;
pub use judge::{LabelReport, RuleMetrics, agreement, label_changes, labelled_by_rule, rule_grid, rule_metrics};
pub use typed::VARIABLES;

use crate::data::MAX_CLASSES;
use typed::Typed;

/// Longest rule text accepted, in characters.
pub const MAX_RULE_CHARS: usize = 2000;

/// Why a rule's text could not be read: a message and the column it points at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleError {
    /// The column (a character count from 1) where the problem is.
    pub column: usize,
    /// What is wrong there, in words a person can act on.
    pub message: String,
}

impl RuleError {
    /// An error at `column`.
    pub fn at(column: usize, message: impl Into<String>) -> Self {
        RuleError { column, message: message.into() }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

/// What a rule answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// True or false: class 1 or class 0 (or, on values, 1 or 0).
    Truth,
    /// A number: a class (rounded to the nearest whole number) or a value.
    Number,
}

/// A hand-written program: its text and its typed tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    text: String,
    typed: Typed,
}

impl Rule {
    /// Reads `text`; any mistake comes back with its column.
    pub fn parse(text: &str) -> Result<Rule, RuleError> {
        let length = text.chars().count();
        if length > MAX_RULE_CHARS {
            return Err(RuleError::at(MAX_RULE_CHARS + 1, format!("the rule is {length} characters long; at most {MAX_RULE_CHARS}")));
        }
        let tokens = lexer::tokenize(text)?;
        let tree = parser::parse(&tokens, length)?;
        Ok(Rule { text: text.trim().to_string(), typed: typed::check(&tree)? })
    }

    /// The rule as written (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether it answers true/false or with a number.
    pub fn kind(&self) -> Kind {
        match self.typed {
            Typed::Num(_) => Kind::Number,
            Typed::Truth(_) => Kind::Truth,
        }
    }

    /// The raw answer at a point: the number, or 1/0 for true/false.
    pub fn value_at(&self, at: At) -> f64 {
        match &self.typed {
            Typed::Num(n) => n.eval(at),
            Typed::Truth(t) => f64::from(u8::from(t.eval(at))),
        }
    }

    /// The class the rule gives at a point: true → 1, false → 0, a number rounded to the nearest
    /// class; `None` where the number is not finite or lies outside the classes 0..=7.
    pub fn class_at(&self, at: At) -> Option<u8> {
        let v = self.value_at(at).round();
        (v.is_finite() && (0.0..MAX_CLASSES as f64).contains(&v)).then_some(v as u8)
    }

    /// The value the rule gives at a point, `None` where it is not finite.
    pub fn number_at(&self, at: At) -> Option<f64> {
        Some(self.value_at(at)).filter(|v| v.is_finite())
    }
}

/// The rule as JS sees it: `{ text, kind }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleView {
    /// The text, trimmed.
    pub text: String,
    /// `truth` or `number`.
    pub kind: Kind,
}

impl From<&Rule> for RuleView {
    fn from(r: &Rule) -> Self {
        RuleView { text: r.text.clone(), kind: r.kind() }
    }
}
