//! From a parsed file to its article, page or home text: Markdown rendered (links
//! resolved and checked), regions, tags and categories checked, repeated values
//! merged and the fan-out of one article limited. The root-relative links and the
//! images a file writes (body, summary, lead image) are located in it, for the
//! checks that need the whole site.

use std::sync::Arc;

use crate::config::Config;
use crate::controls;
use crate::diagnostics::{Diagnostic, Location};
use crate::front_matter::{self, ArticleFrontMatter};
use crate::images::Picture;
use crate::load::{Kind, SourceFile};
use crate::markdown::{self, LinkError, LinkTarget, MarkdownContext, Rendered};
use crate::output_path::check_key;
use crate::references::Reference;
use crate::slug::slugify;
use crate::suggest;

use super::ModelError;
use super::parse::{Parsed, ParsedArticle, ParsedKind};
use super::types::{Article, HomeText, Page};
use super::urls::url_slug;
use crate::resources;
use crate::routes::scheme;

/// What one content file becomes, before the site links everything together.
#[derive(Debug, Clone)]
pub(super) enum Item {
    Article(Arc<Article>),
    Page(Page),
    /// A language's home text (language index).
    Home(usize, HomeText),
}

impl Item {
    /// Gives the item its version in the model cache.
    pub(super) fn set_version(&mut self, version: u64) {
        match self {
            Item::Article(a) => Arc::make_mut(a).version = version,
            Item::Page(p) => p.version = version,
            Item::Home(..) => {}
        }
    }
}

/// A file's Markdown, rendered.
pub(super) struct Markdown {
    body: Rendered,
    summary_html: Option<String>,
    /// The root-relative links and the images of the body and summary, and the lead
    /// image written in the file's own front matter, located.
    references: Vec<(Location, Reference)>,
    problems: Vec<Diagnostic>,
}

pub(super) fn render_markdown(p: &Parsed, ctx: &MarkdownContext) -> Markdown {
    let (path, text) = (&p.file.path, &p.file.text);
    let body_text = &text[p.body_offset..];
    let (mut body, errors) = markdown::render(body_text, ctx);
    let mut problems: Vec<Diagnostic> = errors
        .into_iter()
        .map(|e| link_problem(Location::at_offset(path, body_text, e.offset, p.body_line), e))
        .collect();
    let mut references: Vec<(Location, Reference)> = std::mem::take(&mut body.references)
        .into_iter()
        .map(|(offset, r)| (Location::at_offset(path, body_text, offset, p.body_line), r))
        .collect();
    let front_matter = &text[p.front_matter_offset..];
    let summary = match &p.kind {
        ParsedKind::Article(a) => a.fm.summary.as_ref().map(|s| {
            let (summary, errors) = markdown::render(&controls::strip(s.get_ref()), ctx);
            let locate = |offset| front_matter::location_in_string(path, front_matter, s, offset);
            problems.extend(errors.into_iter().map(|e| link_problem(locate(e.offset), e)));
            references.extend(summary.references.into_iter().map(|(offset, r)| (locate(offset), r)));
            summary.html
        }),
        ParsedKind::Page(_) => None,
    };
    if let ParsedKind::Article(a) = &p.kind
        && let Some(image) = a.fm.image.as_ref().filter(|_| p.original.is_none() || sets_key(&p.file, "image"))
    {
        let at = front_matter::location(path, front_matter, image.src.span().start);
        let resource = ctx.resources.and_then(|base| image.src.strip_prefix(base)).map(str::to_string);
        let alt = Some(image.alt().to_string());
        let decorative = image.alt().is_empty();
        references.push((at, Reference { dest: image.src.to_string(), alt, decorative, resource }));
    }
    Markdown { body, summary_html: summary, references, problems }
}

pub(super) fn link_problem(at: Location, e: LinkError) -> Diagnostic {
    let hint = e.hint();
    Diagnostic::new(at, ModelError::Link(e)).with_hint(hint)
}

/// Renders a kept file's Markdown (links resolved by `resolve`) and makes its
/// article, page or home text; returns it with the problems found.
pub(super) fn build_item(
    p: &Parsed,
    (url, output): (String, String),
    config: &Config,
    (resolve, meant, picture): Lookup<'_>,
) -> (Item, Vec<Diagnostic>) {
    let folder_url = resources::folder_of(&p.file.path).map(|_| resources::folder_url(config, &p.file.stem));
    let ctx = MarkdownContext {
        resources: folder_url.as_deref(),
        smart_punctuation: config.markdown.smart_punctuation,
        highlight_code: config.markdown.highlight_code,
        raw_html: config.markdown.raw_html,
        resolve,
        meant,
        picture,
        widths: &config.images.widths,
        base_path: config.base_path(),
    };
    let Markdown { body, summary_html, references, mut problems } = render_markdown(p, &ctx);
    let lang = config.languages.iter().position(|l| l.code == p.file.lang).unwrap_or(0);
    let aliases = match &p.kind {
        ParsedKind::Article(a) => &a.fm.aliases,
        ParsedKind::Page(fm) => &fm.aliases,
    };
    for alias in aliases {
        if let Err(problem) = scheme::alias(alias) {
            let error = ModelError::BadAlias(alias.clone(), problem);
            problems.push(Diagnostic::new(key_location(&p.file, "aliases"), error));
        }
    }
    let item = match &p.kind {
        ParsedKind::Article(a) => {
            let pins = super::related::pins(p, &a.fm, (resolve, meant), &mut problems);
            let picture = a.fm.image.as_ref().and_then(|i| picture(&i.src));
            let parts = ArticleParts { url, output, body, summary_html, references, pins, picture };
            Item::Article(Arc::new(make_article(p, a, parts, lang, config, &mut problems)))
        }
        ParsedKind::Page(fm) if p.file.kind == Kind::Home => Item::Home(
            lang,
            HomeText {
                title: Some(fm.title.clone()),
                description: fm.description.clone(),
                html: body.html,
                references,
            },
        ),
        ParsedKind::Page(fm) => {
            let description =
                fm.description.clone().unwrap_or_else(|| markdown::plain_text(&p.file.text[p.body_offset..], 200));
            Item::Page(Page {
                file: p.file.path.clone(),
                stem: p.file.stem.clone(),
                lang,
                url,
                output,
                title: fm.title.clone(),
                description,
                body: Arc::new(body),
                extra: fm.extra.clone(),
                translations: Vec::new(),
                version: 0,
                aliases: fm.aliases.clone(),
                references,
            })
        }
    };
    (item, problems)
}

/// What an article gets from outside its front matter.
pub(super) struct ArticleParts {
    url: String,
    output: String,
    body: Rendered,
    summary_html: Option<String>,
    references: Vec<(Location, Reference)>,
    /// The `@/` keys of the articles it pins in its related coverage.
    pins: Vec<String>,
    /// The photograph of its lead image.
    picture: Option<Arc<Picture>>,
}

/// How an item looks up an `@/` link target, the target meant by one that is not,
/// and a photograph by its address.
pub(super) type Lookup<'a> = (
    &'a (dyn Fn(&str) -> Option<LinkTarget> + Sync),
    &'a (dyn Fn(&str) -> Option<String> + Sync),
    &'a (dyn Fn(&str) -> Option<Arc<Picture>> + Sync),
);

/// Makes a kept article (dated, its own date or its original's), checking its
/// regions and tags.
pub(super) fn make_article(
    p: &Parsed,
    a: &ParsedArticle,
    parts: ArticleParts,
    lang: usize,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Article {
    let fm = &a.fm;
    check_fan_out(p, fm, problems);
    for region in &fm.regions {
        if !config.regions.contains_key(region) {
            let known: Vec<&str> = config.regions.keys().map(String::as_str).collect();
            let declare = format!("declare it under [regions.{region}] in site.toml (known: {})", known.join(", "));
            let hint = suggest::hint(region, known, &declare);
            let error = ModelError::UnknownRegion(region.clone());
            problems.push(Diagnostic::new(key_location(&p.file, "regions"), error).with_hint(hint));
        }
    }
    let mut tags = Vec::new();
    let mut tag_names = Vec::new();
    for tag in &fm.tags {
        let slug = slugify(tag);
        if slug.is_empty() {
            problems.push(Diagnostic::new(key_location(&p.file, "tags"), ModelError::EmptyTag(tag.clone())));
        } else if let Err(problem) = check_key(&slug) {
            let error = ModelError::BadTerm("tag", tag.clone(), problem);
            problems.push(Diagnostic::new(key_location(&p.file, "tags"), error));
        } else if !tags.contains(&slug) {
            tags.push(slug);
            tag_names.push(tag.trim().to_string());
        }
    }
    let category = fm.category.as_deref().map(slugify).filter(|c| !c.is_empty());
    if let Some(Err(problem)) = category.as_deref().map(check_key) {
        let error = ModelError::BadTerm("category", fm.category.clone().unwrap_or_default(), problem);
        problems.push(Diagnostic::new(key_location(&p.file, "category"), error));
    }
    let description = fm
        .description
        .clone()
        .or_else(|| fm.summary.as_ref().map(|s| markdown::plain_text(s.get_ref(), 200)))
        .unwrap_or_else(|| markdown::plain_text(&p.file.text[p.body_offset..], 200));
    Article {
        slug: url_slug(&parts.url),
        file: p.file.path.clone(),
        stem: p.file.stem.clone(),
        lang,
        url: parts.url,
        output: parts.output,
        title: fm.title.clone(),
        date: a.date.expect("kept articles have a date (has_date)"),
        updated: a.updated,
        expires: a.expires,
        featured_until: a.featured_until,
        pins: parts.pins,
        corrections: a.corrections.clone(),
        description,
        category,
        tags,
        tag_names,
        regions: without_repeats(&fm.regions),
        authors: without_repeats(&fm.authors),
        draft: fm.draft,
        disclaimer: fm.disclaimer.clone(),
        image: fm.image.clone(),
        picture: parts.picture,
        summary_html: parts.summary_html.unwrap_or_default(),
        sources: a.sources.clone(),
        body: Arc::new(parts.body),
        extra: fm.extra.clone(),
        translations: Vec::new(),
        version: 0,
        aliases: fm.aliases.clone(),
        references: parts.references,
    }
}

/// How many values an article may list per key: each tag, region and author puts the
/// article on a page and in a feed of its own, and each alias writes a page, so one
/// file must not be able to fan out without bound.
pub const FAN_OUT_LIMITS: [(&str, usize); 5] =
    [("tags", 50), ("regions", 50), ("authors", 20), ("aliases", 20), ("sources", 50)];

/// Reports every list of article front matter `fm` longer than its limit.
pub(super) fn check_fan_out(p: &Parsed, fm: &ArticleFrontMatter, problems: &mut Vec<Diagnostic>) {
    let counts = [fm.tags.len(), fm.regions.len(), fm.authors.len(), fm.aliases.len(), fm.sources.len()];
    for ((key, limit), count) in FAN_OUT_LIMITS.into_iter().zip(counts) {
        if count > limit {
            let error = ModelError::TooMany { key, count, limit };
            problems.push(Diagnostic::new(key_location(&p.file, key), error));
        }
    }
}

/// `values` in their order, each once.
pub(super) fn without_repeats(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// The line of `key = ...` in a file's front matter (or the file, when not found).
pub(super) fn key_location(file: &SourceFile, key: &str) -> Location {
    front_matter::key_location(&file.path, &file.text, key)
}

/// Whether a file's own front matter sets `key` (a translation may inherit it).
pub(super) fn sets_key(file: &SourceFile, key: &str) -> bool {
    front_matter::key_line(&file.text, key).is_some()
}
