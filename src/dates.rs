//! Dates of articles: parsed from front matter, printed for machines and for readers.
//!
//! Front matter dates are TOML dates or date-times. A value without an offset is read
//! in the site's time zone. A [`Moment`] keeps the instant and the offset the editor
//! wrote, so pages show the time as the editor meant it, Atom, JSON Feed and
//! sitemaps get RFC 3339 with the zone, and RSS gets RFC 822. [`DateFormatter`]
//! prints the long localized form of a date with ICU4X ("28 août 2025",
//! "2025年8月28日", "August 28, 2025"), and the months and years of the archive
//! ("juillet 2025", "2025年7月"). [`SiteTime`] is what commands tell editors: an
//! instant as the site's clock shows it, to the minute, with the zone's name.
//! [`YearMonth`] is the month of the archive an article is listed in: the month of
//! its date on the site's clock, whatever the offset the date was written in.

use icu::calendar::{Date, Gregorian};
use icu::datetime::FixedCalendarDateTimeFormatter;
use icu::datetime::fieldsets::{M, Y, YM, YMD};
use jiff::Timestamp;
use jiff::fmt::temporal::DateTimePrinter;
use jiff::tz::{Offset, TimeZone};

/// A point in time with the UTC offset it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Moment {
    /// The instant.
    pub timestamp: Timestamp,
    /// The offset to show it in.
    pub offset: Offset,
}

/// Prints RFC 3339 to the second; feeds, sitemaps, JSON-LD and pages print
/// thousands of dates per build, and jiff's printer costs a fraction of `format!`.
const RFC3339: DateTimePrinter = DateTimePrinter::new().precision(Some(0));

/// Why a front matter date cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DateError {
    /// A time of day without a date.
    #[error("a time without a date; write a date (2025-08-28) or a date-time (2025-08-28T09:00:00+02:00)")]
    TimeOnly,
    /// A date or time out of range, or a local time that does not exist in the zone.
    #[error("invalid date: {0}")]
    Invalid(String),
}

impl Moment {
    /// Reads a TOML date or date-time; one without an offset is taken in `tz`.
    pub fn from_toml(value: &toml::value::Datetime, tz: &TimeZone) -> Result<Moment, DateError> {
        let date = value.date.ok_or(DateError::TimeOnly)?;
        let civil_date = jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8)
            .map_err(|e| DateError::Invalid(e.to_string()))?;
        let time = value.time.map_or(Ok(jiff::civil::Time::midnight()), |t| {
            jiff::civil::Time::new(
                t.hour as i8,
                t.minute as i8,
                t.second.unwrap_or(0) as i8,
                t.nanosecond.unwrap_or(0) as i32,
            )
            .map_err(|e| DateError::Invalid(e.to_string()))
        })?;
        let civil = civil_date.to_datetime(time);
        let zoned = match value.offset {
            Some(toml::value::Offset::Z) => civil.to_zoned_datetime(TimeZone::UTC),
            Some(toml::value::Offset::Custom { minutes }) => {
                let offset =
                    Offset::from_seconds(i32::from(minutes) * 60).map_err(|e| DateError::Invalid(e.to_string()))?;
                civil.to_zoned_datetime(TimeZone::fixed(offset))
            }
            None => civil.to_zoned_datetime(tz.clone()),
        }
        .map_err(|e| DateError::Invalid(e.to_string()))?;
        Ok(Moment { timestamp: zoned.timestamp(), offset: zoned.offset() })
    }

    /// The civil date-time in the moment's own offset.
    fn civil(&self) -> jiff::civil::DateTime {
        self.offset.to_datetime(self.timestamp)
    }

    /// RFC 3339 with the offset, to the second: `2025-08-29T09:00:00+09:00`.
    pub fn rfc3339(&self) -> String {
        RFC3339.timestamp_with_offset_to_string(&self.timestamp, self.offset)
    }

    /// RFC 822 (as RSS 2.0 wants it, with a four-digit year) in the moment's own
    /// offset, with English day and month names whatever the page language:
    /// `Fri, 29 Aug 2025 09:00:00 +0900`.
    pub fn rfc822(&self) -> String {
        self.timestamp.to_zoned_datetime(TimeZone::fixed(self.offset)).strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
    }

    /// The calendar date in the moment's own offset, `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        self.civil().date().to_string()
    }

    /// True when this moment is after `now` (a future-dated article).
    pub fn is_after(&self, now: Timestamp) -> bool {
        self.timestamp > now
    }

    /// The month this moment falls in on the clock of time zone `tz` (the site's):
    /// 2025-07-31T23:30:00-05:00 is in August for a site in Europe/Paris.
    pub fn month_in(&self, tz: &TimeZone) -> YearMonth {
        let date = tz.to_datetime(self.timestamp).date();
        YearMonth { year: date.year(), month: date.month() }
    }

    /// `timestamp` shown in time zone `tz` (the site's).
    pub fn in_zone(timestamp: Timestamp, tz: &TimeZone) -> Moment {
        Moment { timestamp, offset: tz.to_offset(timestamp) }
    }
}

/// A month of the calendar: what the archive groups articles by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    /// The year.
    pub year: i16,
    /// The month, 1 to 12.
    pub month: i8,
}

/// An instant as the site's clock shows it, to the minute, and the zone's name:
/// `2026-12-08 09:00` and `Asia/Tokyo`. Kept as text, so that a build's report can
/// be recorded and shown again as it was.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SiteTime {
    /// The civil date and time, `YYYY-MM-DD HH:MM`.
    pub minute: String,
    /// The zone's IANA name, or its offset when it has none.
    pub zone: String,
}

impl SiteTime {
    /// `timestamp` in time zone `tz`.
    pub fn new(timestamp: Timestamp, tz: &TimeZone) -> SiteTime {
        let civil = tz.to_datetime(timestamp);
        SiteTime {
            minute: civil.strftime("%Y-%m-%d %H:%M").to_string(),
            zone: tz.iana_name().map_or_else(|| tz.to_offset(timestamp).to_string(), str::to_string),
        }
    }
}

impl std::fmt::Display for SiteTime {
    /// `2026-12-08 09:00 Asia/Tokyo`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.minute, self.zone)
    }
}

/// Formats dates, months and years the long way for one locale.
pub struct DateFormatter {
    inner: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    month: Option<FixedCalendarDateTimeFormatter<Gregorian, M>>,
    month_year: Option<FixedCalendarDateTimeFormatter<Gregorian, YM>>,
    year: Option<FixedCalendarDateTimeFormatter<Gregorian, Y>>,
}

impl DateFormatter {
    /// A formatter for `locale`; a locale ICU4X has no data for falls back to its
    /// parent (and finally to the root locale), never to an error.
    pub fn new(locale: &icu::locale::Locale) -> DateFormatter {
        let prefs = || locale.clone().into();
        DateFormatter {
            inner: FixedCalendarDateTimeFormatter::try_new(prefs(), YMD::long()).ok(),
            month: FixedCalendarDateTimeFormatter::try_new(prefs(), M::long()).ok(),
            month_year: FixedCalendarDateTimeFormatter::try_new(prefs(), YM::long()).ok(),
            year: FixedCalendarDateTimeFormatter::try_new(prefs(), Y::long()).ok(),
        }
    }

    /// The month's name alone: "juillet" for fr, "7月" for ja.
    pub fn month(&self, month: YearMonth) -> String {
        let date = first_day(month.year, month.month);
        let shown = self.month.as_ref().zip(date).map(|(f, d)| f.format(&d).to_string());
        shown.unwrap_or_else(|| format!("{:02}", month.month))
    }

    /// The month and its year: "juillet 2025" for fr, "2025年7月" for ja.
    pub fn month_year(&self, month: YearMonth) -> String {
        let date = first_day(month.year, month.month);
        let shown = self.month_year.as_ref().zip(date).map(|(f, d)| f.format(&d).to_string());
        shown.unwrap_or_else(|| format!("{}-{:02}", month.year, month.month))
    }

    /// A year: "2025" for fr, "2025年" for ja.
    pub fn year(&self, year: i16) -> String {
        let shown = self.year.as_ref().zip(first_day(year, 1)).map(|(f, d)| f.format(&d).to_string());
        shown.unwrap_or_else(|| year.to_string())
    }

    /// "28 août 2025" for fr, "2025年8月28日" for ja.
    pub fn long_date(&self, moment: &Moment) -> String {
        let c = moment.civil();
        let Some(formatter) = &self.inner else {
            return moment.ymd();
        };
        match Date::try_new_gregorian(i32::from(c.year()), c.month() as u8, c.day() as u8) {
            Ok(date) => formatter.format(&date).to_string(),
            Err(_) => moment.ymd(),
        }
    }
}

/// The first day of `month` of `year`, for formatters that show only part of it.
fn first_day(year: i16, month: i8) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(i32::from(year), u8::try_from(month).ok()?, 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(text: &str) -> Moment {
        let value: toml::Table = toml::from_str(&format!("d = {text}")).unwrap();
        let toml::Value::Datetime(dt) = &value["d"] else { panic!() };
        Moment::from_toml(dt, &TimeZone::get("Europe/Paris").unwrap()).unwrap()
    }

    #[test]
    fn offset_date_time_keeps_its_offset() {
        assert_eq!(moment("2025-08-29T09:00:00+09:00").rfc3339(), "2025-08-29T09:00:00+09:00");
    }

    #[test]
    fn bare_date_is_midnight_in_site_zone() {
        assert_eq!(moment("2025-08-28").rfc3339(), "2025-08-28T00:00:00+02:00");
    }

    #[test]
    fn rfc822_uses_english_names_and_the_written_offset() {
        assert_eq!(moment("2025-08-29T09:00:00+09:00").rfc822(), "Fri, 29 Aug 2025 09:00:00 +0900");
        assert_eq!(moment("2025-03-02").rfc822(), "Sun, 02 Mar 2025 00:00:00 +0100");
    }

    #[test]
    fn site_time_is_the_zone_s_civil_time_to_the_minute_with_its_name() {
        let m = moment("2026-12-08T09:00:30+09:00");
        let tokyo = SiteTime::new(m.timestamp, &TimeZone::get("Asia/Tokyo").unwrap());
        assert_eq!(tokyo.to_string(), "2026-12-08 09:00 Asia/Tokyo");
        assert_eq!(SiteTime::new(m.timestamp, &TimeZone::UTC).to_string(), "2026-12-08 00:00 UTC");
        let fixed = TimeZone::fixed(Offset::from_hours(-5).unwrap());
        assert_eq!(SiteTime::new(m.timestamp, &fixed).to_string(), "2026-12-07 19:00 -05");
        assert_eq!(Moment::in_zone(m.timestamp, &TimeZone::UTC).rfc3339(), "2026-12-08T00:00:30+00:00");
    }

    #[test]
    fn long_dates_follow_the_locale() {
        let m = moment("2025-08-28T10:00:00+02:00");
        let cases =
            [("fr", "28 août 2025"), ("en", "August 28, 2025"), ("ja", "2025年8月28日"), ("ko", "2025년 8월 28일")];
        for (loc, want) in cases {
            let f = DateFormatter::new(&loc.parse().unwrap());
            assert_eq!(f.long_date(&m), want, "{loc}");
        }
    }

    #[test]
    fn months_and_years_follow_the_locale() {
        let july = YearMonth { year: 2025, month: 7 };
        let cases = [
            ("fr", "juillet", "juillet 2025", "2025"),
            ("en", "July", "July 2025", "2025"),
            ("ja", "7月", "2025年7月", "2025年"),
            ("ko", "7월", "2025년 7월", "2025년"),
        ];
        for (loc, month, month_year, year) in cases {
            let f = DateFormatter::new(&loc.parse().unwrap());
            assert_eq!(
                (f.month(july).as_str(), f.month_year(july).as_str(), f.year(2025).as_str()),
                (month, month_year, year),
                "{loc}"
            );
        }
        let ar = DateFormatter::new(&"ar".parse().unwrap());
        assert!(ar.month_year(july).contains("يوليو"), "{}", ar.month_year(july));
    }

    #[test]
    fn an_article_is_in_the_month_of_its_date_on_the_site_s_clock() {
        let late = moment("2025-07-31T23:30:00-05:00");
        assert_eq!(late.month_in(&TimeZone::get("Europe/Paris").unwrap()), YearMonth { year: 2025, month: 8 });
        assert_eq!(late.month_in(&TimeZone::get("America/Chicago").unwrap()), YearMonth { year: 2025, month: 7 });
    }
}
