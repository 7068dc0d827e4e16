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
/// about 1% of a build's instructions.
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
        // Each neighbour in each list it shares, packed as (neighbour, distance, weight)
        // in one integer: sorting integers is several times cheaper than tuples.
        let mut seen: Vec<u64> = Vec::with_capacity(8 * (2 * WINDOW + 1));
        for (kind, key, weight) in terms_of(a) {
            let Some(term) = self.term(a.lang, kind, key) else { continue };
            let Some(at) = self.position_in(&term.articles, i) else { continue };
            let from = at.saturating_sub(WINDOW);
            let to = (at + WINDOW + 1).min(term.articles.len());
            let near = term.articles[from..to].iter().enumerate().filter(|&(_, &j)| j != i);
            seen.extend(near.map(|(k, &j)| (j as u64) << 32 | ((from + k).abs_diff(at) as u64) << 8 | weight));
        }
        let mut ranked = ranks(seen);
        // Only the first `count` (and the pinned ones it may repeat) need an order.
        let wanted = count + pinned.len();
        if ranked.len() > wanted {
            ranked.select_nth_unstable(wanted);
            ranked.truncate(wanted);
        }
        ranked.sort_unstable();
        let ranked = ranked.into_iter().map(|r| (r & u64::from(u32::MAX)) as usize);
        let found = ranked.filter(|j| !pinned.contains(j));
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

/// Each neighbour once, as an integer whose order is the order of relatedness: the
/// sum of its weights (highest first), its least distance, then its index. `seen`
/// holds (neighbour, distance, weight) packed by `related`.
fn ranks(mut seen: Vec<u64>) -> Vec<u64> {
    seen.sort_unstable();
    let mut out: Vec<u64> = Vec::with_capacity(seen.len());
    let mut last: Option<(u64, u64, u64)> = None;
    let rank = |(j, weight, near): (u64, u64, u64)| (u64::from(u16::MAX) - weight) << 48 | near << 32 | j;
    for packed in seen {
        let (j, near, weight) = (packed >> 32, (packed >> 8) & 0xFF_FFFF, packed & 0xFF);
        match &mut last {
            // Sorted by neighbour then distance: its first entry has its least distance.
            Some((at, sum, _)) if *at == j => *sum += weight,
            _ => {
                out.extend(last.map(rank));
                last = Some((j, weight, near));
            }
        }
    }
    out.extend(last.map(rank));
    out
}

/// The terms of an article with the weight of sharing each.
fn terms_of(a: &Article) -> impl Iterator<Item = (TaxonomyKind, &str, u64)> {
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
    if fm.related.is_empty() {
        return Vec::new();
    }
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
