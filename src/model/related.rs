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

use super::{Article, Site};
use crate::taxonomy::TaxonomyKind;

/// How many articles on each side of an article are looked at in each of its lists:
/// enough to find what shares several terms, few enough that finding them costs
/// about 1% of a build.
const WINDOW: usize = 12;

impl Site {
    /// Up to `count` articles related to article `i`, most related first.
    pub fn related(&self, i: usize, count: usize) -> Vec<usize> {
        if count == 0 {
            return Vec::new();
        }
        let a = &self.articles[i];
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
        ranked.into_iter().take(count).map(|(j, ..)| j).collect()
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
