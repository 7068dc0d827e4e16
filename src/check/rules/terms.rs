//! The names that tie articles to site.toml: categories, tags and authors.
//!
//! A category must be declared (`[categories.x]`), as a region must, or its page has
//! no name in any language: an undeclared one is an error of `check` (the build
//! still publishes it, under its key). Tags and authors may be free text (a tag
//! without a declaration is shown as written, an author without one as a name), so
//! only one spelt almost like a declared key is reported, as the likely typing
//! mistake it is. The other way round, a region, tag or category declared but used
//! by no article is dead weight in site.toml, and one without a name in a language
//! of the site shows its key on that language's pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::{Localized, TermNames, table_location};
use crate::diagnostics::Location;
use crate::model::{Article, Site};
use crate::suggest;
use crate::taxonomy::TaxonomyKind;

use super::super::report::Finding;
use super::{Inputs, Problem, own_key};

/// Every finding of this family.
pub(super) fn findings(inputs: &Inputs) -> Vec<Finding> {
    let mut out = Vec::new();
    for article in inputs.site.articles() {
        out.extend(unknown_category(inputs, article));
        out.extend(unknown_tags(inputs, article));
        out.extend(unknown_authors(inputs, article));
    }
    out.extend(unused_terms(inputs));
    out.extend(missing_names(inputs));
    out.extend(missing_author_names(inputs));
    out
}

/// An article's category, when site.toml does not declare it.
fn unknown_category(inputs: &Inputs, article: &Article) -> Option<Finding> {
    let category = article.category.as_ref()?;
    let declared = &inputs.site.config().categories;
    if declared.contains_key(category) {
        return None;
    }
    let at = own_key(inputs, article, "category")?;
    let declare = format!("declare it under [categories.{category}] in site.toml, with its name in each language");
    let hint = suggest::hint(category, declared.keys().map(String::as_str), &declare);
    Some(Problem::UnknownCategory(category.clone()).at(at, hint))
}

/// An article's tags that site.toml does not declare but that are spelt almost like
/// one it declares.
fn unknown_tags(inputs: &Inputs, article: &Article) -> Vec<Finding> {
    let declared = &inputs.site.config().tags;
    let hint = "A tag that site.toml does not declare is shown as written, on a page of its own.";
    near_misses(&article.tags, declared.keys())
        .into_iter()
        .filter_map(|(tag, meant)| {
            let at = own_key(inputs, article, "tags")?;
            Some(Problem::UnknownTag(tag.clone()).at(at, format!("{meant} {hint}")))
        })
        .collect()
}

/// An article's authors that are not declared keys but are spelt almost like one.
fn unknown_authors(inputs: &Inputs, article: &Article) -> Vec<Finding> {
    let declared = &inputs.site.config().authors;
    near_misses(&article.authors, declared.keys())
        .into_iter()
        .filter_map(|(author, meant)| {
            let at = own_key(inputs, article, "authors")?;
            Some(Problem::UnknownAuthor(author.clone()).at(at, meant))
        })
        .collect()
}

/// Each of `used` that is not among `declared` but close to one of them, with the
/// suggestion.
fn near_misses<'a, 'd>(
    used: &'a [String],
    declared: impl Iterator<Item = &'d String> + Clone,
) -> Vec<(&'a String, String)> {
    used.iter()
        .filter(|u| !declared.clone().any(|d| d == *u))
        .filter_map(|u| Some((u, suggest::did_you_mean(u, declared.clone().map(String::as_str))?)))
        .collect()
}

/// The declared terms of each taxonomy, with the table that declares them.
fn declared(site: &Site) -> [(TaxonomyKind, &BTreeMap<String, TermNames>); 3] {
    let config = site.config();
    [
        (TaxonomyKind::Regions, &config.regions),
        (TaxonomyKind::Tags, &config.tags),
        (TaxonomyKind::Categories, &config.categories),
    ]
}

/// The keys of `kind` that articles use (regions as written, tags and categories as
/// their slugs, which is how site.toml declares them).
fn used(site: &Site, kind: TaxonomyKind) -> BTreeSet<&str> {
    let keys = site.articles().flat_map(|a| match kind {
        TaxonomyKind::Regions => a.regions.iter().map(String::as_str).collect::<Vec<_>>(),
        TaxonomyKind::Tags => a.tags.iter().map(String::as_str).collect(),
        TaxonomyKind::Categories => a.category.iter().map(String::as_str).collect(),
    });
    keys.collect()
}

/// Declared regions, tags and categories that no article uses.
fn unused_terms(inputs: &Inputs) -> Vec<Finding> {
    let mut out = Vec::new();
    for (kind, terms) in declared(inputs.site) {
        let used = used(inputs.site, kind);
        for key in terms.keys().filter(|k| !used.contains(k.as_str())) {
            let hint = "remove its table from site.toml, or give it to the articles it was meant for";
            let problem = Problem::UnusedTerm { what: singular(kind), key: key.clone() };
            out.push(problem.at(term_location(inputs, kind, key), hint));
        }
    }
    out
}

/// Declared regions, tags and categories without a name in some language of the site.
fn missing_names(inputs: &Inputs) -> Vec<Finding> {
    let languages: Vec<&str> = inputs.site.config().languages.iter().map(|l| l.code.as_str()).collect();
    let mut out = Vec::new();
    for (kind, terms) in declared(inputs.site) {
        for (key, names) in terms {
            let missing: Vec<&str> = languages.iter().copied().filter(|l| !names.name.contains_key(*l)).collect();
            if missing.is_empty() {
                continue;
            }
            let hint = format!(
                "pages in {} show \"{key}\" instead; add {} to its name table",
                missing.join(", "),
                missing.iter().map(|l| format!("{l} = \"…\"")).collect::<Vec<_>>().join(", ")
            );
            let problem =
                Problem::MissingName { what: singular(kind), key: key.clone(), languages: missing.join(", ") };
            out.push(problem.at(term_location(inputs, kind, key), hint));
        }
    }
    out
}

/// Authors named per language, without a name in some language of the site (an
/// author given one name for every language is named everywhere).
fn missing_author_names(inputs: &Inputs) -> Vec<Finding> {
    let config = inputs.site.config();
    let mut out = Vec::new();
    for (key, author) in &config.authors {
        let Localized::PerLanguage(names) = &author.name else { continue };
        let missing: Vec<&str> =
            config.languages.iter().map(|l| l.code.as_str()).filter(|l| !names.contains_key(*l)).collect();
        if missing.is_empty() {
            continue;
        }
        let hint = format!(
            "pages in {} show the default language's name; add it to the author's name table",
            missing.join(", ")
        );
        let problem = Problem::MissingName { what: "author", key: key.clone(), languages: missing.join(", ") };
        out.push(problem.at(table_location(inputs.settings, Path::new("site.toml"), "authors", key), hint));
    }
    out
}

/// The line of site.toml that declares term `key` of `kind`.
fn term_location(inputs: &Inputs, kind: TaxonomyKind, key: &str) -> Location {
    table_location(inputs.settings, Path::new("site.toml"), kind.as_str(), key)
}

/// `region`, `tag`, `category`.
fn singular(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Regions => "region",
        TaxonomyKind::Tags => "tag",
        TaxonomyKind::Categories => "category",
    }
}
