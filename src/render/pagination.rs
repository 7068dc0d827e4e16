//! Pagination of list pages: the articles of one page and the bar that links the
//! others.

use serde::Serialize;
use tera::Value;

use crate::routes::{Place, page_count};

use super::Renderer;

/// A page of a list worth a link in its page bar.
#[derive(Serialize)]
pub(super) struct PageNumber {
    pub(super) number: usize,
    pub(super) permalink: String,
    /// Some pages before this one have no link of their own.
    pub(super) gap_before: bool,
}

#[derive(Serialize)]
pub(super) struct Paginator {
    pub(super) items: Vec<Value>,
    pub(super) current: usize,
    pub(super) total: usize,
    pub(super) total_items: usize,
    pub(super) previous: Option<String>,
    pub(super) next: Option<String>,
    pub(super) first: String,
    pub(super) last: String,
    pub(super) pages: Vec<PageNumber>,
}

impl Renderer<'_> {
    /// Page `page` of a list of `items`, whose page `n` lives at `place_of(n)`.
    pub(super) fn paginator(&self, items: &[usize], page: usize, place_of: &dyn Fn(usize) -> Place) -> Paginator {
        let per_page = self.site.config().paginate_by;
        let total = page_count(items.len(), per_page);
        let url = |n: usize| self.site.config().absolute(&place_of(n).url);
        Paginator {
            items: items.iter().skip((page - 1) * per_page).take(per_page).map(|&i| self.card_value(i)).collect(),
            current: page,
            total,
            total_items: items.len(),
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < total).then(|| url(page + 1)),
            first: url(1),
            last: url(total),
            pages: shown_pages(page, total)
                .into_iter()
                .scan(0, |last, number| {
                    let gap_before = number > *last + 1;
                    *last = number;
                    Some(PageNumber { number, permalink: url(number), gap_before })
                })
                .collect(),
        }
    }
}

/// The pages of a list of `total` pages that its page bar links when page `current`
/// is shown: the first, the last, and two on each side of the current one; a gap of
/// a single page shows that page rather than an ellipsis. A bar of ten thousand
/// pages then costs the same as a bar of ten.
pub(super) fn shown_pages(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let mut shown: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(total)).collect();
    shown.dedup();
    let mut filled = Vec::with_capacity(shown.len() + 2);
    for n in shown {
        if filled.last().is_some_and(|&last| n == last + 2) {
            filled.push(n - 1);
        }
        filled.push(n);
    }
    filled
}

#[cfg(test)]
mod tests {
    use super::shown_pages;

    #[test]
    fn page_bar_shows_ends_and_neighbours_with_gaps_between() {
        assert_eq!(shown_pages(1, 1), [1]);
        assert_eq!(shown_pages(1, 4), [1, 2, 3, 4]);
        assert_eq!(shown_pages(1, 10), [1, 2, 3, 10]);
        assert_eq!(shown_pages(5, 10), [1, 2, 3, 4, 5, 6, 7, 10]);
        assert_eq!(shown_pages(6, 10), [1, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(shown_pages(5000, 10_000), [1, 4998, 4999, 5000, 5001, 5002, 10_000]);
    }
}
