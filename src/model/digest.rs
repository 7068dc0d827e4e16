//! What each part of the site is worth now, as a hash, so that a rebuild can tell
//! which parts an output was made from have changed since it was rendered.
//!
//! A read made while rendering names articles and pages by index in one build's
//! model; [`Site::dep_of`] names them by source file instead, which stays the same
//! from one build to the next. [`Site::value_of`] hashes what the accessor of a part
//! gives out (see `access`): an article by its version in the
//! [`ModelCache`](super::ModelCache) (which changes whenever anything the article is
//! made from may have) and the files of its translations; a list by the files of
//! its articles, in order; a term by its name and its list; the archive's months by
//! their counts; a language's search text by the versions of its articles and
//! pages. The settings and the templates are hashed by the rebuild, which
//! holds them. This runs over the whole site at every rebuild, so paths are hashed
//! as bytes, with a fast hasher.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use ahash::{AHasher, RandomState};

use super::Site;
use crate::deps::{Dep, Part, Read};

/// Where each article and page of a site is, by a hash of its source file (checked
/// against the file itself on lookup), and that hash of each article's file, which
/// lists are hashed with. Made once per model: an article updated in place keeps
/// its file and its place.
#[derive(Debug, Default)]
pub struct Index {
    articles: HashMap<u64, usize>,
    pages: HashMap<u64, usize>,
    article_keys: Vec<u64>,
}

impl Index {
    fn article(&self, site: &Site, file: &Path) -> Option<usize> {
        let i = *self.articles.get(&hash_bytes(bytes(file)))?;
        (site.articles[i].file.as_os_str() == file.as_os_str()).then_some(i)
    }

    fn page(&self, site: &Site, file: &Path) -> Option<usize> {
        let i = *self.pages.get(&hash_bytes(bytes(file)))?;
        (site.pages[i].file.as_os_str() == file.as_os_str()).then_some(i)
    }
}

/// The hasher of values: fast (every article, list and term is hashed at each
/// rebuild) and of good quality (two equal hashes are taken for equal values).
fn hasher() -> AHasher {
    RandomState::with_seeds(0x5eed, 0xb10c, 0x5ade, 0x0ff1).build_hasher()
}

/// A hash of `data`.
fn hash_bytes(data: &[u8]) -> u64 {
    let mut h = hasher();
    h.write(data);
    h.finish()
}

/// The bytes of a path, which hash much faster than its components.
fn bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

impl Site {
    /// The index of this site's articles and pages by source file.
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let article_keys: Vec<u64> = self.articles.iter().map(|a| hash_bytes(bytes(&a.file))).collect();
            Index {
                articles: article_keys.iter().enumerate().map(|(i, &key)| (key, i)).collect(),
                pages: self.pages.iter().enumerate().map(|(i, p)| (hash_bytes(bytes(&p.file)), i)).collect(),
                article_keys,
            }
        })
    }

    /// The dependency a read of this site stands for.
    pub fn dep_of(&self, read: Read) -> Dep {
        match read {
            Part::Article(i) => Part::Article(Arc::from(self.articles[i].file.as_path())),
            Part::ArticleHead(i) => Part::ArticleHead(Arc::from(self.articles[i].file.as_path())),
            Part::Page(i) => Part::Page(Arc::from(self.pages[i].file.as_path())),
            Part::Settings => Part::Settings,
            Part::Template(name) => Part::Template(name),
            Part::HomeText(lang) => Part::HomeText(lang),
            Part::HomeList(lang) => Part::HomeList(lang),
            Part::Recent(lang) => Part::Recent(lang),
            Part::Lead(lang) => Part::Lead(lang),
            Part::HasArticles(lang) => Part::HasArticles(lang),
            Part::Taxonomy(lang, kind) => Part::Taxonomy(lang, kind),
            Part::Term(lang, kind, key) => Part::Term(lang, kind, key),
            Part::TermName(lang, kind, key) => Part::TermName(lang, kind, key),
            Part::Authors(lang) => Part::Authors(lang),
            Part::PagesOf(lang) => Part::PagesOf(lang),
            Part::ArchiveMonths(lang) => Part::ArchiveMonths(lang),
            Part::ArchiveMonth(lang, month) => Part::ArchiveMonth(lang, month),
            Part::AllArticles => Part::AllArticles,
            Part::AllPages => Part::AllPages,
            Part::SearchText(lang) => Part::SearchText(lang),
        }
    }

    /// A hash of what part `dep` of this site is now, `None` when the site has no
    /// such part (a deleted article). The settings and templates are not the
    /// model's: `None`.
    pub fn value_of(&self, dep: &Dep, index: &Index) -> Option<u64> {
        let mut h = hasher();
        match dep {
            Part::Settings | Part::Template(_) => return None,
            Part::Article(file) => {
                let a = &self.articles[index.article(self, file)?];
                a.version.hash(&mut h);
                hash_articles(index, &a.translations, &mut h);
            }
            Part::ArticleHead(file) => {
                let head = self.articles[index.article(self, file)?].head();
                let dates = (head.date, head.updated, head.expires);
                (head.lang, head.url, head.output, head.title, dates, head.draft).hash(&mut h);
                hash_articles(index, head.translations, &mut h);
            }
            Part::Page(file) => {
                let p = &self.pages[index.page(self, file)?];
                p.version.hash(&mut h);
                p.translations.iter().for_each(|&j| h.write(bytes(&self.pages[j].file)));
            }
            Part::HomeText(lang) => {
                let home = &self.lists.get(*lang)?.home;
                (&home.title, &home.description, &home.html).hash(&mut h);
            }
            Part::HomeList(lang) => hash_articles(index, &self.lists.get(*lang)?.articles, &mut h),
            Part::Recent(lang) => {
                let articles = &self.lists.get(*lang)?.articles;
                hash_articles(index, &articles[..articles.len().min(super::RECENT)], &mut h);
            }
            Part::Lead(lang) => hash_articles(index, self.lists.get(*lang)?.lead.as_slice(), &mut h),
            Part::HasArticles(lang) => self.lists.get(*lang)?.articles.is_empty().hash(&mut h),
            Part::Taxonomy(lang, kind) => {
                for term in self.lists.get(*lang)?.taxonomies.get(kind)?.values() {
                    (&term.key, &term.name).hash(&mut h);
                    hash_articles(index, &term.articles, &mut h);
                }
            }
            Part::Term(lang, kind, key) => {
                if let Some(term) = self.lists.get(*lang)?.taxonomies.get(kind)?.get(key) {
                    term.name.hash(&mut h);
                    hash_articles(index, &term.articles, &mut h);
                }
            }
            Part::TermName(lang, kind, key) => {
                let term = self.lists.get(*lang)?.taxonomies.get(kind)?.get(key);
                term.map(|t| &t.name).hash(&mut h);
            }
            Part::Authors(lang) => {
                for (key, articles) in &self.lists.get(*lang)?.authors {
                    key.hash(&mut h);
                    hash_articles(index, articles, &mut h);
                }
            }
            Part::ArchiveMonths(lang) => {
                for (month, articles) in &self.lists.get(*lang)?.archive {
                    (month, articles.len()).hash(&mut h);
                }
            }
            Part::ArchiveMonth(lang, month) => {
                hash_articles(index, self.lists.get(*lang)?.archive.get(month).map_or(&[], Vec::as_slice), &mut h);
            }
            Part::PagesOf(lang) => {
                self.pages.iter().filter(|p| p.lang == *lang).for_each(|p| h.write(bytes(&p.file)));
            }
            Part::AllArticles => self.articles.iter().for_each(|a| h.write(bytes(&a.file))),
            Part::AllPages => self.pages.iter().for_each(|p| h.write(bytes(&p.file))),
            Part::SearchText(lang) => {
                for &i in &self.lists.get(*lang)?.articles {
                    (index.article_keys[i], self.articles[i].version).hash(&mut h);
                }
                for p in self.pages.iter().filter(|p| p.lang == *lang) {
                    h.write(bytes(&p.file));
                    p.version.hash(&mut h);
                }
            }
        }
        Some(h.finish())
    }
}

/// Hashes which articles `indices` are, in their order, by source file.
fn hash_articles(index: &Index, indices: &[usize], h: &mut AHasher) {
    indices.len().hash(h);
    for &i in indices {
        h.write_u64(index.article_keys[i]);
    }
}
