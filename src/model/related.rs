//! Related coverage: the articles of the same language that share most with an
//! article, for the end of its page.
//!
//! An article's neighbours are looked for in the lists of its own terms only: in
//! each, the [`WINDOW`] articles published nearest to it on either side (the lists
//! are sorted by date), so that the cost does not grow with the size of a popular
//! region's list. A neighbour scores by what it shares: 3 for a tag, 2 for a
//! region, 1 for the category, so that a shared story line counts more than a
//! shared country; ties go to the nearest in time, then to model order. Nothing but
//! the lists of the article's terms decides the result, which is what a page that
//! shows it depends on.
//!
//! An editor can pin articles at the head of the list (`related = ["@/articles/..."]`).
//! Pins are links, checked like the `@/` links of a text where the file writes them
//! ([`pins`]); each is shown in the version of the article's language, and left out
//! where the pinned article has none.

use super::cache::{Meant, Resolve};
use super::items::{link_problem, sets_key};
use super::parse::Parsed;
use super::{Article, ModelError, Site};
use crate::diagnostics::Diagnostic;
use crate::front_matter::{self, ArticleFrontMatter};
use crate::markdown::{LinkError, LinkProblem, LinkTarget};
use crate::taxonomy::TaxonomyKind;

/// How many articles on each side of an article are looked at in each of its lists:
/// enough to find what shares several terms, few enough that finding them costs
/// about 1% of a build.
const WINDOW: usize = 12;

impl Site {
    /// Up to `count` articles related to article `i`: the ones it pins, then the
    /// most related first.
    pub fn related(&self, i: usize, count: usize) -> Vec<usize> {
        if count == 0 {
            return Vec::new();
        }
        let a = &self.articles[i];
        let pinned = self.pinned(a, i);
        if pinned.len() >= count {
            return pinned.into_iter().take(count).collect();
        }
        // (neighbour, weight, distance in the list) for each list it shares.
        let mut seen: Vec<(usize, u32, usize)> = Vec::new();
        for (kind, key, weight) in terms_of(a) {
            let Some(term) = self.term(a.lang, kind, key) else { continue };
            let Some(at) = self.position_in(&term.articles, i) else { continue };
            let from = at.saturating_sub(WINDOW);
            let to = (at + WINDOW + 1).min(term.articles.len());
            let near = term.articles[from..to].iter().enumerate().map(|(k, &j)| (j, weight, (from + k).abs_diff(at)));
            seen.extend(near.filter(|&(j, ..)| j != i));
        }
        let mut ranked = scores(seen);
        ranked.sort_unstable_by(|(x, score_x, near_x), (y, score_y, near_y)| {
            score_y.cmp(score_x).then(near_x.cmp(near_y)).then(x.cmp(y))
        });
        let found = ranked.into_iter().map(|(j, ..)| j).filter(|j| !pinned.contains(j));
        let found: Vec<usize> = found.take(count - pinned.len()).collect();
        pinned.into_iter().chain(found).collect()
    }

    /// The articles article `i` pins, in its language, each once.
    fn pinned(&self, a: &Article, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for key in &a.pins {
            let Some(&t) = self.by_link_key.get(key) else { continue };
            let target = self.article(t);
            let in_language = if target.lang == a.lang {
                Some(t)
            } else {
                target.translations.iter().copied().find(|&t| self.article(t).lang == a.lang)
            };
            if let Some(j) = in_language.filter(|&j| j != i && !out.contains(&j)) {
                out.push(j);
            }
        }
        out
    }

    /// Where article `i` is in `list`, which follows the order of every list.
    fn position_in(&self, list: &[usize], i: usize) -> Option<usize> {
        list.binary_search_by_key(&self.ranks[i], |&j| self.ranks[j]).ok()
    }
}

/// Each neighbour once, with the sum of its weights and its least distance.
fn scores(mut seen: Vec<(usize, u32, usize)>) -> Vec<(usize, u32, usize)> {
    seen.sort_unstable_by_key(|&(j, ..)| j);
    let mut out: Vec<(usize, u32, usize)> = Vec::with_capacity(seen.len());
    for (j, weight, near) in seen {
        match out.last_mut() {
            Some(last) if last.0 == j => {
                last.1 += weight;
                last.2 = last.2.min(near);
            }
            _ => out.push((j, weight, near)),
        }
    }
    out
}

/// The terms of an article with the weight of sharing each.
fn terms_of(a: &Article) -> impl Iterator<Item = (TaxonomyKind, &str, u32)> {
    let tags = a.tags.iter().map(|t| (TaxonomyKind::Tags, t.as_str(), 3));
    let regions = a.regions.iter().map(|r| (TaxonomyKind::Regions, r.as_str(), 2));
    let category = a.category.iter().map(|c| (TaxonomyKind::Categories, c.as_str(), 1));
    tags.chain(regions).chain(category)
}

/// The articles an article's front matter pins, by `@/` key, each checked where the
/// file writes it: an `@/` link to a published article. A translation's inherited
/// pins were checked in its original; the ones published are kept.
pub(super) fn pins(
    p: &Parsed,
    fm: &ArticleFrontMatter,
    (resolve, meant): (&Resolve<'_>, &Meant<'_>),
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let own = p.original.is_none() || sets_key(&p.file, "related");
    let front_matter = &p.file.text[p.front_matter_offset..];
    let mut keys = Vec::new();
    for pin in &fm.related {
        let at = || front_matter::location(&p.file.path, front_matter, pin.span().start);
        let written = pin.get_ref();
        let key = written.strip_prefix("@/").filter(|k| k.starts_with("articles/"));
        let Some(key) = key else {
            if own {
                problems.push(Diagnostic::new(at(), ModelError::BadPin(written.clone())).with_hint(PIN_HINT));
            }
            continue;
        };
        let problem = match resolve(key) {
            Some(LinkTarget::Published(_)) => {
                keys.push(key.to_string());
                continue;
            }
            Some(LinkTarget::Draft) => LinkProblem::ToDraft(key.to_string()),
            Some(LinkTarget::Scheduled(due)) => LinkProblem::ToScheduled { target: key.to_string(), due },
            None => LinkProblem::Unresolved { target: key.to_string(), meant: meant(key) },
        };
        if own {
            problems.push(link_problem(at(), LinkError { problem, offset: 0 }));
        }
    }
    keys
}

/// What to write in `related`.
const PIN_HINT: &str =
    "write each as an @/ link to an article's file, e.g. related = [\"@/articles/2025-08-28-name.md\"]";
