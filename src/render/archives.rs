//! The archive's pages: per language, an index of the years and months that have
//! articles, a page per year with its months, and a page per month with its
//! articles, paginated like every list. Years and months are named for the page's
//! locale by ICU4X ("juillet 2025", "2025年7月"); an article is in the month of its
//! date on the site's clock (see [`YearMonth`]).

use serde::Serialize;
use tera::Context;

use super::Renderer;
use crate::dates::YearMonth;
use crate::routes::{HtmlRoute, places};
use crate::structured_data::Crumb;

/// A month of the archive, as templates receive it.
#[derive(Serialize)]
struct MonthValue {
    year: i16,
    month: i8,
    /// The month's name alone ("juillet").
    name: String,
    /// The month and its year ("juillet 2025").
    title: String,
    permalink: String,
    count: usize,
}

/// A year of the archive, with its months newest first.
#[derive(Serialize)]
struct YearValue {
    year: i16,
    name: String,
    permalink: String,
    count: usize,
    months: Vec<MonthValue>,
}

/// A link to the archive, or to the page of a neighbouring year or month.
#[derive(Serialize)]
struct ArchiveLink {
    name: String,
    permalink: String,
}

impl Renderer<'_> {
    /// The archive of a language: its years, each with its months.
    pub(super) fn archive_index_context(&self, lang: usize) -> Context {
        let path = places::archives(self.site.config(), lang).url;
        let mut ctx = self.archive_common(lang, &path, self.string(lang, "archives"));
        ctx.insert("years", &self.years(lang, None));
        ctx
    }

    /// One year of the archive: its months, and the years before and after it.
    pub(super) fn archive_year_context(&self, lang: usize, year: i16) -> Context {
        let value = self.year_value(lang, year);
        let path = places::archive_year(self.site.config(), lang, year).url;
        let mut ctx = self.archive_common(lang, &path, &value.name);
        let (older, newer) = neighbours(self.site.archive_months(lang).map(|(m, _)| m.year), year);
        let link = |y: i16| self.year_link(lang, y);
        ctx.insert("older", &older.map(link));
        ctx.insert("newer", &newer.map(link));
        ctx.insert("year", &value);
        ctx
    }

    /// Page `page` of one month of the archive: its articles, its year, and the
    /// months before and after it.
    pub(super) fn archive_month_context(&self, lang: usize, month: YearMonth, page: usize) -> Context {
        let config = self.site.config();
        let articles = self.site.archive_month(lang, month);
        let place_of = |n: usize| places::archive_month(config, lang, month, n);
        let value = self.month_value(lang, month, articles.len());
        let mut ctx = self.archive_common(lang, &place_of(page).url, &value.title);
        let (older, newer) = neighbours(self.site.archive_months(lang).map(|(m, _)| m), month);
        let link = |m: YearMonth| self.month_link(lang, m);
        ctx.insert("older", &older.map(link));
        ctx.insert("newer", &newer.map(link));
        ctx.insert("year", &self.year_value(lang, month.year));
        ctx.insert("month", &value);
        ctx.insert("paginator", &self.paginator(articles, page, &place_of));
        ctx
    }

    /// The steps of an archive page's breadcrumb after the language's home: the
    /// archive, then the year and the month of the page when it has them.
    pub(super) fn archive_crumbs(&self, route: &HtmlRoute) -> Vec<Crumb> {
        let (lang, year, month) = match route {
            HtmlRoute::ArchiveYear { lang, year } => (*lang, Some(*year), None),
            HtmlRoute::ArchiveMonth { lang, month, .. } => (*lang, Some(month.year), Some(*month)),
            HtmlRoute::ArchiveIndex { lang } => (*lang, None, None),
            _ => return Vec::new(),
        };
        let archive = self.archive_link(lang);
        let year = year.map(|y| self.year_link(lang, y));
        let month = month.map(|m| self.month_link(lang, m));
        [Some(archive), year, month]
            .into_iter()
            .flatten()
            .map(|link| Crumb { name: link.name, permalink: link.permalink })
            .collect()
    }

    /// What every archive page has: its title, and `archive`, the link to the index.
    fn archive_common(&self, lang: usize, path: &str, title: &str) -> Context {
        let mut ctx = self.common(path, title, &self.site.config().languages[lang].description);
        ctx.insert("archive", &self.archive_link(lang));
        ctx
    }

    fn archive_link(&self, lang: usize) -> ArchiveLink {
        let config = self.site.config();
        let permalink = config.absolute(&places::archives(config, lang).url);
        ArchiveLink { name: self.string(lang, "archives").to_string(), permalink }
    }

    fn year_link(&self, lang: usize, year: i16) -> ArchiveLink {
        let config = self.site.config();
        let permalink = config.absolute(&places::archive_year(config, lang, year).url);
        ArchiveLink { name: self.languages[lang].dates.year(year), permalink }
    }

    fn month_link(&self, lang: usize, month: YearMonth) -> ArchiveLink {
        let config = self.site.config();
        let permalink = config.absolute(&places::archive_month(config, lang, month, 1).url);
        ArchiveLink { name: self.languages[lang].dates.month_year(month), permalink }
    }

    /// One year of language `lang` with its months (none when it has no article).
    fn year_value(&self, lang: usize, year: i16) -> YearValue {
        self.years(lang, Some(year)).pop().unwrap_or_else(|| self.empty_year(lang, year))
    }

    /// The years of language `lang` that have articles (only `only`, when given),
    /// newest first, each with its months newest first.
    fn years(&self, lang: usize, only: Option<i16>) -> Vec<YearValue> {
        let mut years: Vec<YearValue> = Vec::new();
        let months = self.site.archive_months(lang).rev().filter(|(m, _)| only.is_none_or(|y| m.year == y));
        for (month, count) in months {
            if years.last().is_none_or(|y| y.year != month.year) {
                years.push(self.empty_year(lang, month.year));
            }
            if let Some(year) = years.last_mut() {
                year.count += count;
                year.months.push(self.month_value(lang, month, count));
            }
        }
        years
    }

    fn empty_year(&self, lang: usize, year: i16) -> YearValue {
        let ArchiveLink { name, permalink } = self.year_link(lang, year);
        YearValue { year, name, permalink, count: 0, months: Vec::new() }
    }

    fn month_value(&self, lang: usize, month: YearMonth, count: usize) -> MonthValue {
        let ArchiveLink { name: title, permalink } = self.month_link(lang, month);
        let name = self.languages[lang].dates.month(month);
        MonthValue { year: month.year, month: month.month, name, title, permalink, count }
    }
}

/// The nearest of `items` (in ascending order, repeats allowed) before `at` and
/// after it.
fn neighbours<T: Ord + Copy>(items: impl Iterator<Item = T>, at: T) -> (Option<T>, Option<T>) {
    let (mut before, mut after) = (None, None);
    for item in items {
        if item < at {
            before = Some(item);
        } else if item > at && after.is_none() {
            after = Some(item);
        }
    }
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::neighbours;

    #[test]
    fn neighbours_are_the_nearest_on_each_side() {
        assert_eq!(neighbours([2021, 2023, 2023, 2025].into_iter(), 2023), (Some(2021), Some(2025)));
        assert_eq!(neighbours([2023].into_iter(), 2023), (None, None));
    }
}
