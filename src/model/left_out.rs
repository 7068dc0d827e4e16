//! What a build leaves out, and why. Drafts and articles dated after the clock are
//! set aside here, before any Markdown is rendered; the model keeps a small record
//! of each (file, language, title, date, reason), so that a build can say what it
//! left out and `broadsheet list` can show it, and an `@/` link to one of them is
//! told apart from a link to nothing. Articles whose expiry has passed are built
//! but listed nowhere: they are found among the built articles.

use std::sync::Arc;

use jiff::Timestamp;

use crate::config::Config;
use crate::dates::{Moment, SiteTime};
use crate::diagnostics::Diagnostic;
use crate::load::Kind;
use crate::markdown::LinkTarget;

use super::parse::{Parsed, ParsedKind, check_expiry, has_date, left_out_reason};
use super::types::{LeftOut, LeftOutReason};
use super::urls::link_key;
use super::{ModelOptions, Site};

/// The files a build keeps, and what it knows of those it leaves out.
pub(super) struct Partition {
    /// The files to build, in their order.
    pub(super) kept: Vec<Arc<Parsed>>,
    /// A record of each article left out.
    pub(super) left_out: Vec<LeftOut>,
    /// The `@/` key and target of each file left out, pages included.
    pub(super) targets: Vec<(String, LinkTarget)>,
}

/// Splits `all` into the files a build with `options` keeps and those it leaves
/// out; articles without a date, or expiring before it, are reported.
pub(super) fn partition(
    all: Vec<Arc<Parsed>>,
    config: &Config,
    options: &ModelOptions,
    problems: &mut Vec<Diagnostic>,
) -> Partition {
    let mut out = Partition { kept: Vec::with_capacity(all.len()), left_out: Vec::new(), targets: Vec::new() };
    for p in all {
        if !has_date(&p, problems) {
            continue;
        }
        check_expiry(&p, problems);
        let Some(why) = left_out_reason(&p, options) else {
            out.kept.push(p);
            continue;
        };
        let date = match &p.kind {
            ParsedKind::Article(a) => a.date,
            ParsedKind::Page(_) => None,
        };
        if p.file.kind != Kind::Home {
            out.targets.push((link_key(&p.file), link_target(why, date, config)));
        }
        if let ParsedKind::Article(a) = &p.kind {
            let lang = config.languages.iter().position(|l| l.code == p.file.lang).unwrap_or(0);
            out.left_out.push(LeftOut { file: p.file.path.clone(), lang, title: a.fm.title.clone(), date, why });
        }
    }
    out
}

/// What an `@/` link to a file left out for `why` finds.
fn link_target(why: LeftOutReason, date: Option<Moment>, config: &Config) -> LinkTarget {
    match (why, date) {
        (LeftOutReason::Scheduled, Some(date)) => {
            LinkTarget::Scheduled(SiteTime::new(date.timestamp, &config.timezone))
        }
        _ => LinkTarget::Draft,
    }
}

impl Site {
    /// Every article the build left out or off its lists, and why: drafts and
    /// scheduled articles as the build set them aside, then the articles whose
    /// expiry the clock has passed.
    pub fn left_out(&self) -> Vec<LeftOut> {
        let expired = self.articles.iter().filter(|a| a.head().expired_at(self.now)).map(|a| LeftOut {
            file: a.file.clone(),
            lang: a.lang,
            title: a.title.clone(),
            date: Some(a.date),
            why: LeftOutReason::Expired,
        });
        self.left_out.iter().cloned().chain(expired).collect()
    }

    /// The first article left out for being dated after the clock, with its date
    /// (none when future articles are built): the output changes once the clock
    /// reaches it.
    pub fn next_scheduled(&self) -> Option<(&LeftOut, Timestamp)> {
        self.left_out
            .iter()
            .filter(|l| l.why == LeftOutReason::Scheduled)
            .filter_map(|l| Some((l, l.date?.timestamp)))
            .min_by(|(a, at), (b, bt)| at.cmp(bt).then_with(|| a.file.cmp(&b.file)))
    }

    /// The first expiry or end of a feature after the clock: the lists or a front
    /// page change once the clock reaches it.
    pub fn next_list_change(&self) -> Option<Timestamp> {
        let ends = self.articles.iter().flat_map(|a| [a.expires, a.featured_until]).flatten();
        ends.map(|e| e.timestamp).filter(|&t| t > self.now).min()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::load::SourceFile;

    fn file(name: &str, kind: Kind, front_matter: &str) -> SourceFile {
        let folder = if kind == Kind::Page { "pages" } else { "articles" };
        SourceFile {
            path: PathBuf::from(format!("content/{folder}/{name}.md")),
            kind,
            stem: name.into(),
            lang: "en".into(),
            text: format!("+++\ntitle = \"{name}\"\n{front_matter}\n+++\nText.\n").into(),
        }
    }

    fn site() -> Site {
        let settings = "title='t'\nbase_url='https://x.org'\ntimezone='Asia/Tokyo'\n";
        let config = Config::parse(settings, std::path::Path::new("site.toml")).unwrap();
        let files = vec![
            file("listed", Kind::Article, "date = 2025-05-01"),
            file("expired", Kind::Article, "date = 2025-04-01\nexpires = 2025-05-31"),
            file("expiring", Kind::Article, "date = 2025-04-02\nexpires = 2025-07-01"),
            file("draft", Kind::Article, "date = 2026-01-01\ndraft = true"),
            file("scheduled", Kind::Article, "date = 2025-12-08T09:00:00+09:00"),
            file("about", Kind::Page, "draft = true"),
        ];
        let options = ModelOptions::without_pictures(false, false, "2025-06-01T00:00:00Z".parse().unwrap());
        Site::build(config, files, &options).unwrap()
    }

    #[test]
    fn the_model_records_what_it_leaves_out_and_lists_no_expired_article() {
        let site = site();
        let left_out: Vec<(&str, LeftOutReason)> = site.left_out.iter().map(|l| (l.title.as_str(), l.why)).collect();
        assert_eq!(left_out, [("draft", LeftOutReason::Draft), ("scheduled", LeftOutReason::Scheduled)]);
        assert_eq!(
            site.left_out().last().map(|l| (l.title.as_str(), l.why)),
            Some(("expired", LeftOutReason::Expired))
        );
        let listed: Vec<&str> = site.home_list(0).iter().map(|&i| site.articles[i].title.as_str()).collect();
        assert_eq!(listed, ["listed", "expiring"]);
        assert_eq!(site.article_count(), 3, "the expired article's page is built");
        let (next, due) = site.next_scheduled().unwrap();
        assert_eq!((next.title.as_str(), due), ("scheduled", "2025-12-08T00:00:00Z".parse().unwrap()));
        assert_eq!(site.next_list_change(), Some("2025-06-30T15:00:00Z".parse().unwrap()));
    }

    #[test]
    fn links_know_the_files_left_out_and_until_when() {
        let site = site();
        let due = SiteTime { minute: "2025-12-08 09:00".into(), zone: "Asia/Tokyo".into() };
        assert_eq!(site.links.get("articles/scheduled.md"), Some(&LinkTarget::Scheduled(due)));
        assert_eq!(site.links.get("articles/draft.md"), Some(&LinkTarget::Draft));
        assert_eq!(site.links.get("pages/about.md"), Some(&LinkTarget::Draft));
        assert_eq!(site.links.get("articles/expired.md"), Some(&LinkTarget::Published("/articles/expired/".into())));
    }
}
