//! From a content file to its parsed front matter: dates and sources read, and a
//! translation given the shared fields (date, expiry, regions, sources...) of its
//! original. Which parsed files a build keeps (drafts, future-dated articles) is
//! decided here.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::dates::Moment;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::front_matter::{self, ArticleFrontMatter, Disclaimer, Image, PageFrontMatter};
use crate::load::{Kind, SourceFile};
use crate::resources;
use toml::Spanned;

use super::items::key_location;
use super::types::{Correction, LeftOutReason, SourceRef};
use super::{ModelError, ModelOptions};

/// A parsed file waiting for its Markdown.
#[derive(Clone)]
pub(super) struct Parsed {
    pub(super) file: SourceFile,
    pub(super) front_matter_offset: usize,
    pub(super) body_offset: usize,
    pub(super) body_line: usize,
    pub(super) kind: ParsedKind,
    /// For a translation, the text of its original, whose shared fields it took.
    pub(super) original: Option<Arc<str>>,
}

#[derive(Clone)]
pub(super) enum ParsedKind {
    Article(Box<ParsedArticle>),
    Page(PageFrontMatter),
}

/// An article's front matter with its dates and sources parsed. `date` is `None`
/// only until a translation inherits its original's.
#[derive(Clone, PartialEq)]
pub(super) struct ParsedArticle {
    pub(super) fm: ArticleFrontMatter,
    pub(super) date: Option<Moment>,
    pub(super) updated: Option<Moment>,
    pub(super) expires: Option<Moment>,
    pub(super) featured_until: Option<Moment>,
    pub(super) corrections: Vec<Correction>,
    pub(super) sources: Vec<SourceRef>,
}

/// Why a build with `options` leaves `p` out, `None` when it keeps it: a draft is a
/// draft whatever its date; an article dated after the clock is scheduled.
pub(super) fn left_out_reason(p: &Parsed, options: &ModelOptions) -> Option<LeftOutReason> {
    let (draft, date) = match &p.kind {
        ParsedKind::Article(a) => (a.fm.draft, a.date),
        ParsedKind::Page(fm) => (fm.draft, None),
    };
    if draft && !options.drafts {
        Some(LeftOutReason::Draft)
    } else if !options.future && date.is_some_and(|d| d.is_after(options.now)) {
        Some(LeftOutReason::Scheduled)
    } else {
        None
    }
}

/// Whether a build with `options` keeps `p`.
pub(super) fn is_published(p: &Parsed, options: &ModelOptions) -> bool {
    left_out_reason(p, options).is_none()
}

pub(super) fn parse_file(file: SourceFile, config: &Config) -> Result<Parsed, Diagnostics> {
    let split = front_matter::split(&file.text, &file.path)?;
    let (front_matter_offset, body_offset) = (split.front_matter_offset, file.text.len() - split.body.len());
    let body_line = split.body_line;
    let kind = match file.kind {
        Kind::Article => {
            let mut fm: ArticleFrontMatter = front_matter::parse(split.front_matter, &file.path)?;
            let mut problems = fm.refused_links(&file.path, split.front_matter);
            problems.0.extend(fm.image_problems(&file.path, split.front_matter));
            problems.into_result(())?;
            if let (Some(image), Some(_)) = (fm.image.as_mut(), resources::folder_of(&file.path)) {
                image.resolve_resource(&resources::folder_url(config, &file.stem), &file.path, split.front_matter)?;
            }
            let date_of = |key: &'static str, value: &toml::value::Datetime| {
                Moment::from_toml(value, &config.timezone)
                    .map_err(|source| Diagnostic::new(key_location(&file, key), ModelError::Date { key, source }))
            };
            let date = fm.date.as_ref().map(|d| date_of("date", d)).transpose()?;
            let mut corrections = fm
                .updates
                .iter()
                .map(|u| Ok(Correction { date: date_of("updates", &u.date)?, note: u.note.clone() }))
                .collect::<Result<Vec<_>, Diagnostic>>()?;
            corrections.sort_by_key(|c| c.date.timestamp);
            let written = fm.updated.as_ref().map(|u| date_of("updated", u)).transpose()?;
            let updated = latest(written, corrections.last().map(|c| c.date));
            let expires = fm.expires.as_ref().map(|e| date_of("expires", e)).transpose()?;
            let featured_until = fm.featured_until.as_ref().map(|f| date_of("featured_until", f)).transpose()?;
            let mut sources = Vec::new();
            for s in fm.source.iter().chain(&fm.sources) {
                sources.push(SourceRef {
                    name: s.name.clone(),
                    url: s.url.to_string(),
                    title: s.title.clone(),
                    published: s.published.as_ref().map(|d| date_of("published", d)).transpose()?,
                    language: s.language.clone(),
                });
            }
            ParsedKind::Article(Box::new(ParsedArticle {
                fm,
                date,
                updated,
                expires,
                featured_until,
                corrections,
                sources,
            }))
        }
        Kind::Page | Kind::Home => ParsedKind::Page(front_matter::parse(split.front_matter, &file.path)?),
    };
    Ok(Parsed { file, front_matter_offset, body_offset, body_line, kind, original: None })
}

/// The later of two optional moments.
pub(super) fn latest(a: Option<Moment>, b: Option<Moment>) -> Option<Moment> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.timestamp > a.timestamp { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Translations share what their original (the default-language file with the same
/// stem) says about the news: date, expiry, regions, category, sources, image,
/// authors and disclaimer, unless they say otherwise. Titles, tags and text stay their own.
pub(super) fn inherit_shared_fields(parsed: &mut [Arc<Parsed>], default_lang: &str) {
    let originals: HashMap<String, Arc<Parsed>> = parsed
        .iter()
        .filter(|p| p.file.kind == Kind::Article && p.file.lang == default_lang)
        .map(|p| (p.file.stem.clone(), p.clone()))
        .collect();
    for p in parsed.iter_mut() {
        if let Some(original) = originals.get(&p.file.stem) {
            inherit(p, original);
        }
    }
}

/// Gives article `p` the shared fields it leaves out, from `original` (an article of
/// the default language with its stem).
pub(super) fn inherit(p: &mut Arc<Parsed>, original: &Parsed) {
    let ParsedKind::Article(original_article) = &original.kind else {
        return;
    };
    if original.file.path == p.file.path || !matches!(p.kind, ParsedKind::Article(_)) {
        return;
    }
    let p = Arc::make_mut(p);
    p.original = Some(original.file.text.clone());
    let ParsedKind::Article(translation) = &mut p.kind else {
        return;
    };
    let (from, to) = (&original_article.fm, &mut translation.fm);
    translation.date = translation.date.or(original_article.date);
    translation.updated = translation.updated.or(original_article.updated);
    translation.expires = translation.expires.or(original_article.expires);
    translation.featured_until = translation.featured_until.or(original_article.featured_until);
    if translation.sources.is_empty() {
        translation.sources = original_article.sources.clone();
    }
    if to.regions.is_empty() {
        to.regions = from.regions.clone();
    }
    if to.authors.is_empty() {
        to.authors = from.authors.clone();
    }
    if to.related.is_empty() {
        to.related = from.related.clone();
    }
    to.category = to.category.take().or_else(|| from.category.clone());
    to.image = to.image.take().or_else(|| from.image.clone());
    to.disclaimer = to.disclaimer.take().or_else(|| from.disclaimer.clone());
}

/// What a translation takes from its original when it leaves it out: the fields
/// [`inherit`] copies.
#[derive(PartialEq)]
struct Shared<'a> {
    date: Option<Moment>,
    updated: Option<Moment>,
    expires: Option<Moment>,
    featured_until: Option<Moment>,
    related: &'a [Spanned<String>],
    sources: &'a [SourceRef],
    regions: &'a [String],
    authors: &'a [String],
    category: Option<&'a str>,
    image: Option<&'a Image>,
    disclaimer: Option<&'a Disclaimer>,
}

fn shared(p: &Parsed) -> Option<Shared<'_>> {
    let ParsedKind::Article(a) = &p.kind else { return None };
    Some(Shared {
        date: a.date,
        updated: a.updated,
        expires: a.expires,
        featured_until: a.featured_until,
        related: &a.fm.related,
        sources: &a.sources,
        regions: &a.fm.regions,
        authors: &a.fm.authors,
        category: a.fm.category.as_deref(),
        image: a.fm.image.as_ref(),
        disclaimer: a.fm.disclaimer.as_ref(),
    })
}

/// Whether two parses of an original give its translations the same fields.
pub(super) fn same_shared_fields(a: &Parsed, b: &Parsed) -> bool {
    matches!((shared(a), shared(b)), (Some(a), Some(b)) if a == b)
}

/// Articles need a date, their own or their original's; reports the ones without.
pub(super) fn has_date(p: &Parsed, problems: &mut Vec<Diagnostic>) -> bool {
    match &p.kind {
        ParsedKind::Article(a) if a.date.is_none() => {
            problems.push(
                Diagnostic::new(Location::file(&p.file.path), ModelError::MissingDate)
                    .with_hint("add `date = 2025-08-28` (translations take it from their original when it exists)"),
            );
            false
        }
        _ => true,
    }
}

/// Reports an article that expires before its date. A translation that takes both
/// from its original is left to the original's report.
pub(super) fn check_expiry(p: &Parsed, problems: &mut Vec<Diagnostic>) {
    let ParsedKind::Article(a) = &p.kind else { return };
    let (Some(date), Some(expires)) = (a.date, a.expires) else { return };
    if expires.timestamp >= date.timestamp || (a.fm.expires.is_none() && a.fm.date.is_none()) {
        return;
    }
    let key = if a.fm.expires.is_some() { "expires" } else { "date" };
    let error = ModelError::ExpiresBeforeDate { expires: expires.rfc3339(), date: date.rfc3339() };
    problems.push(
        Diagnostic::new(key_location(&p.file, key), error).with_hint(
            "an article expires after its date: correct `expires`, or remove it to list the article for good",
        ),
    );
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn parsed(path: &str, lang: &str, text: &str) -> Arc<Parsed> {
        let config = Config::parse(
            "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[languages.en]\n",
            Path::new("site.toml"),
        )
        .unwrap();
        let file = SourceFile {
            path: PathBuf::from(path),
            kind: Kind::Article,
            stem: "a".into(),
            lang: lang.into(),
            text: text.into(),
        };
        Arc::new(parse_file(file, &config).unwrap_or_else(|e| panic!("{e}")))
    }

    fn translation_of(original: &Parsed) -> ParsedArticle {
        let mut t = parsed("content/articles/a.en.md", "en", "+++\ntitle = \"T\"\n+++\nText.\n");
        inherit(&mut t, original);
        match &t.kind {
            ParsedKind::Article(a) => (**a).clone(),
            ParsedKind::Page(_) => unreachable!(),
        }
    }

    #[test]
    fn a_draft_is_a_draft_whatever_its_date_and_a_later_article_is_scheduled() {
        let options = |drafts| ModelOptions::without_pictures(drafts, false, "2025-06-01T00:00:00Z".parse().unwrap());
        let article =
            |front: &str| parsed("content/articles/a.md", "fr", &format!("+++\ntitle = \"A\"\n{front}\n+++\n"));
        let future_draft = article("date = 2026-01-01\ndraft = true");
        assert_eq!(left_out_reason(&future_draft, &options(false)), Some(LeftOutReason::Draft));
        assert_eq!(left_out_reason(&future_draft, &options(true)), Some(LeftOutReason::Scheduled));
        assert_eq!(left_out_reason(&article("date = 2025-01-01\ndraft = true"), &options(true)), None);
        assert_eq!(left_out_reason(&article("date = 2025-06-01T00:00:00Z"), &options(false)), None, "due at the clock");
    }

    #[test]
    fn an_expiry_before_the_date_is_reported_at_the_key_written() {
        let problems = |p: &Parsed| {
            let mut problems = Vec::new();
            check_expiry(p, &mut problems);
            problems.iter().map(|d| format!("{}: {}", d.location, d.message)).collect::<Vec<_>>()
        };
        let original =
            parsed("content/articles/a.md", "fr", "+++\ntitle = \"A\"\ndate = 2025-03-02\nexpires = 2025-03-01\n+++\n");
        assert_eq!(
            problems(&original),
            ["content/articles/a.md:4:1: the article expires (2025-03-01T00:00:00+00:00) before its date \
              (2025-03-02T00:00:00+00:00)"]
        );
        let mut inheriting = parsed("content/articles/a.en.md", "en", "+++\ntitle = \"T\"\n+++\n");
        inherit(&mut inheriting, &original);
        assert_eq!(problems(&inheriting), Vec::<String>::new(), "the original reports it");
        let mut dated = parsed("content/articles/a.en.md", "en", "+++\ntitle = \"T\"\ndate = 2025-04-01\n+++\n");
        inherit(&mut dated, &original);
        assert_eq!(problems(&dated).len(), 1, "its own date is after the expiry it inherits");
        let same_day =
            parsed("content/articles/a.md", "fr", "+++\ntitle = \"A\"\ndate = 2025-03-02\nexpires = 2025-03-02\n+++\n");
        assert!(problems(&same_day).is_empty());
    }

    #[test]
    fn the_shared_fields_are_exactly_what_translations_inherit() {
        let base = "+++\ntitle = \"A\"\ndate = 2025-01-01\nupdated = 2025-01-02\ntags = [\"x\"]\nregions = [\"kp\"]\n\
                    authors = [\"ana\"]\ncategory = \"c\"\ndisclaimer = true\nsummary = \"S\"\n\
                    image = { src = \"/i.png\", alt = \"I\" }\n[source]\nname = \"N\"\nurl = \"https://s.org/\"\n+++\nBody.\n";
        let original = parsed("content/articles/a.md", "fr", base);
        let variants = [
            ("title = \"A\"", "title = \"B\""),
            ("tags = [\"x\"]", "tags = [\"y\"]"),
            ("summary = \"S\"", "summary = \"Z\""),
            ("Body.", "Other body."),
            ("date = 2025-01-01", "date = 2025-01-03"),
            ("updated = 2025-01-02", "updated = 2025-01-04"),
            ("updated = 2025-01-02", "updated = 2025-01-02\nexpires = 2025-02-01"),
            ("regions = [\"kp\"]", "regions = [\"jp\"]"),
            ("authors = [\"ana\"]", "authors = [\"bo\"]"),
            ("category = \"c\"", "category = \"d\""),
            ("disclaimer = true", "disclaimer = false"),
            ("alt = \"I\"", "alt = \"J\""),
            ("name = \"N\"", "name = \"M\""),
        ];
        for (from, to) in variants {
            let edited = parsed("content/articles/a.md", "fr", &base.replace(from, to));
            let translations_equal = translation_of(&original) == translation_of(&edited);
            assert_eq!(same_shared_fields(&original, &edited), translations_equal, "{from} → {to}");
        }
    }
}
