//! The clock of the commands that depend on the time: `new` dates articles with it
//! and `check` finds future-dated ones. It can be set, for reproducible runs.

use clap::Args;

/// `--now`, shared by the commands that read the clock.
#[derive(Debug, Clone, Args)]
pub struct ClockArgs {
    /// Take this moment as now, RFC 3339 (also BROADSHEET_NOW); default: the system clock.
    #[arg(long, value_name = "DATETIME", env = "BROADSHEET_NOW")]
    now: Option<jiff::Timestamp>,
}

impl ClockArgs {
    /// The moment given, or the system clock's.
    pub fn now(&self) -> jiff::Timestamp {
        self.now.unwrap_or_else(jiff::Timestamp::now)
    }
}
