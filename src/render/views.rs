//! What templates receive: the values of a site, an article, a card in a list, a
//! term, made from the model and shared between the pages that show them.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tera::Value;

use crate::collation::NameOrder;
use crate::dates::DateFormatter;
use crate::front_matter::Disclaimer;
use crate::images::{self, Format};
use crate::markdown::TocEntry;
use crate::model::{Article, Site, TaxonomyKind};

use super::Renderer;
use super::filters::Counting;
use super::publishing;
use crate::deps::{self, Read};
use crate::routes::places;

/// A link to a term, as themes receive it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct TermLink {
    pub(super) key: String,
    pub(super) name: String,
    /// None when the term has no page in the language (its only articles expired).
    pub(super) permalink: Option<String>,
}

/// The same page in another language.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Alternate {
    pub(super) lang: String,
    pub(super) name: String,
    pub(super) permalink: String,
}

/// A lead image as a page shows it: its `src` from the host's root, its caption
/// and credit; for a photograph of the site, its size and the `srcset` of its
/// versions in its own format and in WebP.
#[derive(Serialize)]
pub(super) struct ImageValue<'a> {
    pub(super) src: String,
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
    pub(super) srcset: Option<String>,
    pub(super) webp_srcset: Option<String>,
    pub(super) alt: &'a str,
    pub(super) caption: Option<&'a str>,
    pub(super) credit: Option<&'a str>,
    pub(super) credit_url: Option<&'a str>,
    /// `[x, y]`, fractions of the width and height from the top left corner.
    pub(super) focus: Option<[f64; 2]>,
}

/// The image of a page's link previews (`og:image`): an absolute URL of a raster
/// image, with its size when known.
#[derive(Serialize)]
pub(super) struct SocialImage<'a> {
    pub(super) url: String,
    pub(super) alt: &'a str,
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
}

#[derive(Serialize)]
pub(super) struct SiteValue<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) base_url: &'a str,
    pub(super) home: String,
    /// The tag and region indexes of the language.
    pub(super) tags: String,
    pub(super) regions: String,
    pub(super) archives: String,
    pub(super) lang: &'a str,
    pub(super) dir: &'static str,
    pub(super) default_language: &'a str,
    pub(super) languages: Vec<LanguageLink<'a>>,
    pub(super) pages: Vec<PageLink<'a>>,
    pub(super) generator: &'static str,
    /// The default image of link previews (`[images] default`).
    pub(super) image: Option<SocialImage<'a>>,
    pub(super) extra: &'a toml::Table,
}

#[derive(Serialize)]
pub(super) struct LanguageLink<'a> {
    pub(super) code: &'a str,
    pub(super) name: &'a str,
    pub(super) home: String,
}

#[derive(Serialize)]
pub(super) struct PageLink<'a> {
    pub(super) title: &'a str,
    pub(super) permalink: String,
}

/// When a card's article was last updated or corrected. One field of the card
/// rather than three: a card with fewer fields is a smaller map, and every article
/// has a card (three fields cost 8 MB at 10,000 articles).
#[derive(Serialize)]
pub(super) struct UpdateValue {
    date: String,
    display: String,
    /// Within `[front_page] updated_days` of the build clock.
    recent: bool,
}

#[derive(Serialize)]
pub(super) struct Card<'a> {
    pub(super) title: &'a str,
    pub(super) permalink: String,
    pub(super) path: &'a str,
    pub(super) lang: &'a str,
    pub(super) date: String,
    pub(super) date_display: String,
    /// The last update or correction, when there is one after the publication.
    pub(super) updated: Option<UpdateValue>,
    pub(super) description: &'a str,
    pub(super) category: Option<Value>,
    pub(super) tags: Vec<Value>,
    pub(super) regions: Vec<Value>,
    pub(super) image: Option<ImageValue<'a>>,
    pub(super) reading_time: usize,
}

#[derive(Serialize)]
pub(super) struct SourceValue<'a> {
    pub(super) name: &'a str,
    pub(super) url: &'a str,
    pub(super) title: Option<&'a str>,
    pub(super) published: Option<String>,
    pub(super) published_display: Option<String>,
    pub(super) language: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct Translation<'a> {
    pub(super) lang: &'a str,
    pub(super) name: &'a str,
    pub(super) permalink: String,
    pub(super) title: &'a str,
}

#[derive(Serialize)]
pub(super) struct ArticleValue<'a> {
    pub(super) title: &'a str,
    pub(super) permalink: String,
    pub(super) path: &'a str,
    pub(super) lang: &'a str,
    pub(super) slug: &'a str,
    pub(super) date: String,
    pub(super) date_display: String,
    pub(super) updated: Option<String>,
    pub(super) updated_display: Option<String>,
    pub(super) description: &'a str,
    pub(super) category: Option<Value>,
    pub(super) tags: Vec<Value>,
    pub(super) regions: Vec<Value>,
    pub(super) authors: Vec<String>,
    pub(super) bylines: Vec<publishing::Byline>,
    pub(super) corrections: Vec<publishing::CorrectionValue>,
    pub(super) image_url: Option<String>,
    /// The image of link previews: the lead image when it is a raster one, else the
    /// site's default.
    pub(super) social_image: Option<SocialImage<'a>>,
    pub(super) summary_html: &'a str,
    pub(super) sources: Vec<SourceValue<'a>>,
    pub(super) intro_html: &'a str,
    pub(super) sections: Vec<SectionValue<'a>>,
    pub(super) content_html: &'a str,
    pub(super) toc: &'a [TocEntry],
    pub(super) reading_time: usize,
    pub(super) word_count: usize,
    pub(super) image: Option<ImageValue<'a>>,
    pub(super) disclaimer: Option<String>,
    pub(super) draft: bool,
    pub(super) translations: Vec<Translation<'a>>,
    pub(super) extra: &'a toml::Table,
}

/// A `##` section of an article's commentary.
#[derive(Serialize)]
pub(super) struct SectionValue<'a> {
    pub(super) heading: &'a str,
    pub(super) id: &'a str,
    pub(super) html: &'a str,
}

#[derive(Serialize)]
pub(super) struct PageValue<'a> {
    pub(super) title: &'a str,
    pub(super) permalink: String,
    pub(super) path: &'a str,
    pub(super) lang: &'a str,
    pub(super) description: &'a str,
    pub(super) content_html: &'a str,
    pub(super) toc: &'a [TocEntry],
    pub(super) extra: &'a toml::Table,
}

#[derive(Serialize)]
pub(super) struct TaxonomyValue<'a> {
    pub(super) kind: TaxonomyKind,
    pub(super) name: &'a str,
    pub(super) permalink: String,
}

#[derive(Serialize)]
pub(super) struct TermValue<'a> {
    pub(super) key: &'a str,
    pub(super) name: &'a str,
    pub(super) permalink: String,
    pub(super) count: usize,
    /// The code of the country on the world map, for a region that is one.
    pub(super) country: Option<&'a str>,
}

/// The code on the world map of term `key` of `kind`: regions whose key is a
/// country's code are on it.
pub(super) fn country_of(kind: TaxonomyKind, key: &str) -> Option<&str> {
    (kind == TaxonomyKind::Regions && crate::world_map::is_country(key)).then_some(key)
}

/// What every page of one language shares.
pub(super) struct LanguageValues {
    pub(super) site: Value,
    /// What making `site` read, which every page of the language shows.
    pub(super) site_reads: Vec<Read>,
    pub(super) t: Value,
    pub(super) strings: BTreeMap<String, String>,
    pub(super) dates: DateFormatter,
    /// The order of names for readers of the language.
    pub(super) names: Arc<NameOrder>,
    /// Its words that change with a count.
    pub(super) counting: Arc<Counting>,
}

impl Renderer<'_> {
    pub(super) fn string<'a>(&'a self, lang: usize, key: &'a str) -> &'a str {
        self.languages[lang].strings.get(key).map_or(key, String::as_str)
    }

    pub(super) fn alternate(&self, lang: usize, path: &str) -> Alternate {
        let l = &self.site.config().languages[lang];
        Alternate { lang: l.code.clone(), name: l.name.clone(), permalink: self.site.config().absolute(path) }
    }

    /// The link to a term as a template value, shared when the term has articles.
    /// The link to a term, prepared once per language; a term without a page is
    /// named as `written` unless site.toml names it.
    pub(super) fn term_value(&self, lang: usize, kind: TaxonomyKind, key: &str, written: &str) -> Value {
        // The prepared link shows the term's name: what this page depends on.
        deps::record_with(|| Read::TermName(lang, kind, key.to_string()));
        self.term_links[lang]
            .get(&(kind, key))
            .cloned()
            .unwrap_or_else(|| Value::from_serializable(&term_link(self.site, lang, kind, key, written)))
    }

    pub(super) fn terms(&self, a: &Article) -> (Option<Value>, Vec<Value>, Vec<Value>) {
        (
            a.category.as_ref().map(|c| self.term_value(a.lang, TaxonomyKind::Categories, c, c)),
            a.tags
                .iter()
                .zip(&a.tag_names)
                .map(|(t, name)| self.term_value(a.lang, TaxonomyKind::Tags, t, name))
                .collect(),
            a.regions.iter().map(|r| self.term_value(a.lang, TaxonomyKind::Regions, r, r)).collect(),
        )
    }

    fn image_value<'a>(&self, a: &'a Article) -> Option<ImageValue<'a>> {
        let config = self.site.config();
        let widths = &config.images.widths;
        let base = config.base_path();
        let picture = a.picture.as_deref();
        let fallback = picture.map(|p| p.fallback(widths));
        a.image.as_ref().map(|i| ImageValue {
            src: config.link_href(fallback.as_ref().map_or(&*i.src, |f| &f.address)),
            width: fallback.as_ref().map(|f| f.width),
            height: fallback.as_ref().map(|f| f.height),
            srcset: picture.map(|p| p.srcset(widths, p.format, base)),
            webp_srcset: picture.filter(|p| p.format != Format::Webp).map(|p| p.srcset(widths, Format::Webp, base)),
            alt: i.alt(),
            caption: i.caption.as_deref().filter(|c| !c.is_empty()),
            credit: i.credit.as_deref().filter(|c| !c.is_empty()),
            credit_url: i.credit_url.as_deref(),
            focus: i.focus(),
        })
    }

    /// The image of article `a`'s link previews: its own
    /// ([`preview`](crate::images::preview)), else the site's default.
    fn social_image<'a>(&'a self, a: &'a Article) -> Option<SocialImage<'a>> {
        let own = images::preview(a.image.as_ref(), a.picture.as_deref()).and_then(|p| {
            let alt = a.image.as_ref().map_or("", |i| i.alt());
            let (width, height) = p.size.unzip();
            Some(SocialImage { url: self.site.config().resolve_link(&p.address)?, alt, width, height })
        });
        own.or_else(|| site_image(self.site, a.lang))
    }

    pub(super) fn reading_time(&self, a: &Article) -> usize {
        let l = &self.site.config().languages[a.lang];
        a.body.stats.reading_minutes(l.words_per_minute, l.chars_per_minute)
    }

    pub(super) fn card_value(&self, i: usize) -> Value {
        self.cards[i].get(|| Value::from_serializable(&self.card(self.site.article(i)))).clone()
    }

    pub(super) fn card<'a>(&'a self, a: &'a Article) -> Card<'a> {
        let (category, tags, regions) = self.terms(a);
        Card {
            title: &a.title,
            permalink: self.site.config().absolute(&a.url),
            path: &a.url,
            lang: &self.site.config().languages[a.lang].code,
            date: a.date.rfc3339(),
            date_display: self.languages[a.lang].dates.long_date(&a.date),
            updated: a.updated.filter(|u| u.timestamp > a.date.timestamp).map(|u| UpdateValue {
                date: u.rfc3339(),
                display: self.languages[a.lang].dates.long_date(&u),
                recent: self.updated_lately(u),
            }),
            description: &a.description,
            category,
            tags,
            regions,
            image: self.image_value(a),
            reading_time: self.reading_time(a),
        }
    }

    /// Whether an update made at `moment` is within `[front_page] updated_days` of the
    /// build clock.
    fn updated_lately(&self, moment: crate::dates::Moment) -> bool {
        let days = i64::from(self.site.config().front_page.updated_days);
        let since = jiff::SignedDuration::from_hours(24 * days);
        self.site.now().duration_since(moment.timestamp) <= since && !moment.is_after(self.site.now())
    }

    /// The cards of the articles related to article `i`, most related first, as one
    /// value: cards are shared, and a value holding them is not copied into a page.
    pub(super) fn related_value(&self, i: usize) -> Value {
        let related = self.site.related(i, self.site.config().related_articles);
        Value::from(related.into_iter().map(|j| self.card_value(j)).collect::<Vec<_>>())
    }

    pub(super) fn article_value<'a>(&'a self, a: &'a Article) -> ArticleValue<'a> {
        let (category, tags, regions) = self.terms(a);
        let dates = &self.languages[a.lang].dates;
        let disclaimer = match &a.disclaimer {
            Some(Disclaimer::Flag(true)) => Some(self.string(a.lang, "disclaimer_default").to_string()),
            Some(Disclaimer::Text(text)) => Some(text.clone()),
            _ => None,
        };
        let authors = a
            .authors
            .iter()
            .map(|key| self.site.config().author_name(key, a.lang).unwrap_or(key).to_string())
            .collect();
        ArticleValue {
            title: &a.title,
            permalink: self.site.config().absolute(&a.url),
            path: &a.url,
            lang: &self.site.config().languages[a.lang].code,
            slug: &a.slug,
            date: a.date.rfc3339(),
            date_display: dates.long_date(&a.date),
            updated: a.updated.map(|u| u.rfc3339()),
            updated_display: a.updated.map(|u| dates.long_date(&u)),
            description: &a.description,
            category,
            tags,
            regions,
            authors,
            bylines: self.bylines(a),
            corrections: self.corrections(a),
            image_url: a.image.as_ref().and_then(|i| self.site.config().resolve_link(&i.src)),
            social_image: self.social_image(a),
            summary_html: &a.summary_html,
            sources: a
                .sources
                .iter()
                .map(|s| SourceValue {
                    name: &s.name,
                    url: &s.url,
                    title: s.title.as_deref(),
                    published: s.published.map(|p| p.ymd()),
                    published_display: s.published.map(|p| dates.long_date(&p)),
                    language: s.language.as_deref(),
                })
                .collect(),
            intro_html: a.body.intro_html(),
            sections: a
                .body
                .sections
                .iter()
                .map(|s| SectionValue { heading: &s.heading, id: &s.id, html: a.body.section_html(s) })
                .collect(),
            content_html: &a.body.html,
            toc: &a.body.toc,
            reading_time: self.reading_time(a),
            word_count: a.body.stats.word_count(),
            image: self.image_value(a),
            disclaimer,
            draft: a.draft,
            translations: a
                .translations
                .iter()
                .map(|&j| {
                    let t = self.site.article(j);
                    let l = &self.site.config().languages[t.lang];
                    Translation {
                        lang: &l.code,
                        name: &l.name,
                        permalink: self.site.config().absolute(&t.url),
                        title: &t.title,
                    }
                })
                .collect(),
            extra: &a.extra,
        }
    }
}

/// The link to a term of language `lang`; named by its key when no article of the
/// language has it.
pub(super) fn term_link(site: &Site, lang: usize, kind: TaxonomyKind, key: &str, written: &str) -> TermLink {
    let config = site.config();
    let listed = site.term_name(lang, kind, key);
    TermLink {
        key: key.to_string(),
        name: listed.or_else(|| declared_name(site, lang, kind, key)).unwrap_or(written).to_string(),
        permalink: listed.map(|_| config.absolute(&places::term(config, lang, kind, key, 1).url)),
    }
}

/// The name of a term in language `lang`: as the language's articles list it, else
/// as `site.toml` declares it, else as `written`.
pub(super) fn term_name<'a>(site: &'a Site, lang: usize, kind: TaxonomyKind, key: &str, written: &'a str) -> &'a str {
    site.term_name(lang, kind, key).or_else(|| declared_name(site, lang, kind, key)).unwrap_or(written)
}

/// The name `site.toml` declares for a term in language `lang`, if it does.
fn declared_name<'a>(site: &'a Site, lang: usize, kind: TaxonomyKind, key: &str) -> Option<&'a str> {
    let config = site.config();
    config.terms(kind).get(key)?.name.get(&config.languages[lang].code).map(String::as_str)
}

/// The links to every term of language `lang`, as template values.
pub(super) fn term_link_values(site: &Site, lang: usize) -> HashMap<(TaxonomyKind, &str), Value> {
    let terms =
        TaxonomyKind::ALL.into_iter().flat_map(|kind| site.taxonomy(lang, kind).keys().map(move |key| (kind, key)));
    terms
        .map(|(kind, key)| ((kind, key.as_str()), Value::from_serializable(&term_link(site, lang, kind, key, key))))
        .collect()
}

pub(super) fn site_value(site: &Site, lang: usize) -> SiteValue<'_> {
    let l = &site.config().languages[lang];
    SiteValue {
        title: &l.title,
        description: &l.description,
        base_url: &site.config().base_url,
        home: site.config().absolute(&places::home(site.config(), lang, 1).url),
        tags: site.config().absolute(&places::taxonomy(site.config(), lang, TaxonomyKind::Tags).url),
        regions: site.config().absolute(&places::taxonomy(site.config(), lang, TaxonomyKind::Regions).url),
        archives: site.config().absolute(&places::archives(site.config(), lang).url),
        lang: &l.code,
        dir: if l.rtl { "rtl" } else { "ltr" },
        default_language: &site.config().default_language().code,
        languages: site
            .config()
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| LanguageLink {
                code: &l.code,
                name: &l.name,
                home: site.config().absolute(&places::home(site.config(), i, 1).url),
            })
            .collect(),
        pages: site
            .pages_of(lang)
            .into_iter()
            .map(|i| site.page(i))
            .map(|p| PageLink { title: &p.title, permalink: site.config().absolute(&p.url) })
            .collect(),
        generator: concat!("broadsheet ", env!("CARGO_PKG_VERSION")),
        image: site_image(site, lang),
        extra: &site.config().extra,
    }
}

/// The site's default image of link previews in language `lang`, when site.toml
/// names one.
fn site_image(site: &Site, lang: usize) -> Option<SocialImage<'_>> {
    let config = site.config();
    let image = config.images.default.as_ref()?;
    let (url, alt) = (config.resolve_link(&image.src)?, config.default_image_alt(lang)?);
    Some(SocialImage { url, alt, width: None, height: None })
}
