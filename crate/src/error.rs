//! One error type for the whole core, so every failure reaches the page as a sentence a person can act on.

use std::fmt;

/// Everything that can go wrong in the playground core, each with a message meant for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaygroundError {
    /// The dataset handed in is malformed; the message names the offending index and value.
    InvalidData(String),
    /// A configuration value is out of range or unknown.
    InvalidConfig(String),
    /// An operation needs data that is not there (no points, no training split, ...).
    MissingData(String),
    /// The chosen backend could not start or failed while running.
    Backend(String),
    /// Training produced NaN or exploding values.
    Diverged(String),
    /// Another call is still running on the same playground.
    Busy,
}

impl fmt::Display for PlaygroundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidData(m) => write!(f, "Invalid data: {m}"),
            Self::InvalidConfig(m) => write!(f, "Invalid configuration: {m}"),
            Self::MissingData(m) => write!(f, "{m}"),
            Self::Backend(m) => write!(f, "Backend error: {m}"),
            Self::Diverged(m) => write!(f, "{m}"),
            Self::Busy => write!(f, "The playground is busy with another call; wait for it to finish before the next one."),
        }
    }
}

impl std::error::Error for PlaygroundError {}

/// Short alias used across the core.
pub type Result<T> = std::result::Result<T, PlaygroundError>;
