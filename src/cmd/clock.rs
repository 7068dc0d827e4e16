//! The clock of the commands that depend on the time: `build` and `serve` leave
//! out what is dated after it, `new` dates articles with it and `check` finds
//! future-dated ones. It can be set, for reproducible runs and to see the site as it
//! will be on a given day.

use std::path::Path;
use std::str::FromStr;

use clap::Args;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use broadsheet::config::Config;

/// `--now`, shared by the commands that read the clock.
#[derive(Debug, Clone, Args)]
pub struct ClockArgs {
    /// Take this moment as now: RFC 3339 (2026-12-05T09:00:00+09:00), or a date
    /// alone for the start of that day in the site's time zone (also
    /// BROADSHEET_NOW); default: the system clock.
    #[arg(long, value_name = "DATETIME", env = "BROADSHEET_NOW")]
    now: Option<Moment>,
}

impl ClockArgs {
    /// The moment given, or the system clock's; a date alone is the start of that
    /// day in the time zone of the site at `root` (UTC when its settings cannot be
    /// read, which the command then reports).
    pub fn now(&self, root: &Path) -> jiff::Timestamp {
        match &self.now {
            None => jiff::Timestamp::now(),
            Some(Moment::At(moment)) => *moment,
            Some(Moment::Day(day)) => {
                let zone = Config::load(&root.join("site.toml")).map_or(TimeZone::UTC, |c| c.timezone);
                jiff::civil::DateTime::from(*day)
                    .to_zoned_datetime(zone)
                    .map_or_else(|_| jiff::Timestamp::now(), |z| z.timestamp())
            }
        }
    }
}

/// A moment as given on the command line.
#[derive(Debug, Clone)]
enum Moment {
    /// A date-time with its offset.
    At(jiff::Timestamp),
    /// A date alone.
    Day(Date),
}

impl FromStr for Moment {
    type Err = String;

    fn from_str(text: &str) -> Result<Moment, String> {
        if let Ok(moment) = text.parse() {
            return Ok(Moment::At(moment));
        }
        // A date-time without its offset would parse as its date: only a date alone is one.
        let date_alone = text.len() == "2026-12-05".len();
        text.parse().ok().filter(|_| date_alone).map(Moment::Day).ok_or_else(|| {
            format!(
                "\"{text}\" is neither a date-time with its offset (2026-12-05T09:00:00+09:00) nor a date (2026-12-05)"
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_alone_or_a_date_time_with_its_offset_is_a_moment() {
        assert!(matches!("2026-12-05T09:00:00+09:00".parse(), Ok(Moment::At(_))));
        assert!(matches!("2026-12-05".parse(), Ok(Moment::Day(_))));
        for wrong in ["2026-12-05 09:00", "2026-12-05T09:00", "05/12/2026"] {
            let error = wrong.parse::<Moment>().unwrap_err();
            assert!(error.contains("(2026-12-05)"), "{error}");
        }
    }
}
