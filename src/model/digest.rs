//! What each part of the site is worth now, as a hash, so that a rebuild can tell
//! which parts an output was made from have changed since it was rendered.
//!
//! A read made while rendering names articles and pages by index in one build's
//! model; [`Site::dep_of`] names them by source file instead, which stays the same
//! from one build to the next. [`Site::value_of`] hashes what the accessor of a part
//! gives out (see `access`): an article by its version in the [`ModelCache`](super::ModelCache)
//! (which changes whenever anything the article is made from may have) and the
//! files of its translations; a list by the files of its articles, in order; a term
//! by its name and its list. The settings and the templates are hashed by the
//! rebuild, which holds them.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use super::Site;
use crate::deps::{Dep, Part, Read};

/// Where each article and page of a site is, by source file.
pub struct Index<'s> {
    articles: HashMap<&'s Path, usize>,
    pages: HashMap<&'s Path, usize>,
}

impl Site {
    /// The index of this site's articles and pages by source file.
    pub fn index(&self) -> Index<'_> {
        Index {
            articles: self.articles.iter().enumerate().map(|(i, a)| (a.file.as_path(), i)).collect(),
            pages: self.pages.iter().enumerate().map(|(i, p)| (p.file.as_path(), i)).collect(),
        }
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
            Part::HasArticles(lang) => Part::HasArticles(lang),
            Part::Taxonomy(lang, kind) => Part::Taxonomy(lang, kind),
            Part::Term(lang, kind, key) => Part::Term(lang, kind, key),
            Part::TermName(lang, kind, key) => Part::TermName(lang, kind, key),
            Part::Authors(lang) => Part::Authors(lang),
            Part::PagesOf(lang) => Part::PagesOf(lang),
            Part::AllArticles => Part::AllArticles,
            Part::AllPages => Part::AllPages,
        }
    }

    /// A hash of what part `dep` of this site is now, `None` when the site has no
    /// such part (a deleted article). `version` gives a file's version in the model
    /// cache. The settings and templates are not the model's: `None`.
    pub fn value_of(&self, dep: &Dep, index: &Index, version: &dyn Fn(&Path) -> Option<u64>) -> Option<u64> {
        let mut h = DefaultHasher::new();
        match dep {
            Part::Settings | Part::Template(_) => return None,
            Part::Article(file) => {
                let a = &self.articles[*index.articles.get(file.as_ref())?];
                (version(file)?, self.files_of_articles(&a.translations)).hash(&mut h);
            }
            Part::ArticleHead(file) => {
                let head = self.articles[*index.articles.get(file.as_ref())?].head();
                (head.lang, head.url, head.output, head.title, head.date, head.updated, head.draft).hash(&mut h);
                self.files_of_articles(head.translations).hash(&mut h);
            }
            Part::Page(file) => {
                let p = &self.pages[*index.pages.get(file.as_ref())?];
                let translations: Vec<&Path> = p.translations.iter().map(|&j| self.pages[j].file.as_path()).collect();
                (version(file)?, translations).hash(&mut h);
            }
            Part::HomeText(lang) => {
                let home = &self.lists.get(*lang)?.home;
                (&home.title, &home.description, &home.html).hash(&mut h);
            }
            Part::HomeList(lang) => self.files_of_articles(&self.lists.get(*lang)?.articles).hash(&mut h),
            Part::HasArticles(lang) => self.lists.get(*lang)?.articles.is_empty().hash(&mut h),
            Part::Taxonomy(lang, kind) => {
                for term in self.lists.get(*lang)?.taxonomies.get(kind)?.values() {
                    (&term.key, &term.name, self.files_of_articles(&term.articles)).hash(&mut h);
                }
            }
            Part::Term(lang, kind, key) => {
                let term = self.lists.get(*lang)?.taxonomies.get(kind)?.get(key);
                term.map(|t| (&t.name, self.files_of_articles(&t.articles))).hash(&mut h);
            }
            Part::TermName(lang, kind, key) => {
                let term = self.lists.get(*lang)?.taxonomies.get(kind)?.get(key);
                term.map(|t| &t.name).hash(&mut h);
            }
            Part::Authors(lang) => {
                for (key, articles) in &self.lists.get(*lang)?.authors {
                    (key, self.files_of_articles(articles)).hash(&mut h);
                }
            }
            Part::PagesOf(lang) => {
                let files: Vec<&Path> =
                    self.pages.iter().filter(|p| p.lang == *lang).map(|p| p.file.as_path()).collect();
                files.hash(&mut h);
            }
            Part::AllArticles => self.articles.iter().map(|a| a.file.as_path()).for_each(|f| f.hash(&mut h)),
            Part::AllPages => self.pages.iter().map(|p| p.file.as_path()).for_each(|f| f.hash(&mut h)),
        }
        Some(h.finish())
    }

    /// The source files of articles `indices`, in their order.
    fn files_of_articles(&self, indices: &[usize]) -> Vec<&Path> {
        indices.iter().map(|&i| self.articles[i].file.as_path()).collect()
    }
}
