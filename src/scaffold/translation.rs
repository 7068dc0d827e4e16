//! A translation draft of an existing article.
//!
//! [`translation_path`] places the translation beside its original, with the same
//! stem and the new language's suffix, so the build links the two. [`translation`]
//! writes its text: the original's front matter with the fields every language
//! shares (date, category, tags, regions, authors, disclaimer, image, sources, extra)
//! copied as they are, `draft = true`, and the text to translate (title,
//! description, summary, image alt text and caption, and each section of the body) kept in the
//! original language behind a [`TRANSLATE_MARKER`]. The
//! headings of the known commentary sections are already in the new language.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use crate::config::Config;
use crate::front_matter;
use crate::load::{Kind, stem_and_language};

use super::{FrontMatterText, Heading, ScaffoldError, TRANSLATE_MARKER, mark};

/// Plain keys in the order they are written; other plain keys follow.
const KEY_ORDER: [&str; 13] = [
    "title",
    "date",
    "updated",
    "slug",
    "description",
    "draft",
    "category",
    "tags",
    "regions",
    "authors",
    "disclaimer",
    "image",
    "summary",
];

/// Keys whose text is in the article's language.
const TRANSLATED_KEYS: [&str; 3] = ["title", "description", "summary"];

/// Keys not carried over: `aliases` are old addresses of the original page only.
const DROPPED_KEYS: [&str; 1] = ["aliases"];

/// Where a translation goes and what it starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationPlan {
    /// The original's language code.
    pub from: String,
    /// The new file, relative to the site root.
    pub path: PathBuf,
}

/// The path of the translation of `original` (relative to the site root) into `to`.
pub fn translation_path(config: &Config, original: &Path, to: &str) -> Result<TranslationPlan, ScaffoldError> {
    if !original.starts_with("content/articles") || original.extension().is_none_or(|x| x != "md") {
        return Err(ScaffoldError::NotAnArticle(original.to_path_buf()));
    }
    if config.language(to).is_none() {
        return Err(ScaffoldError::UnknownLanguage {
            lang: to.to_string(),
            declared: config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", "),
        });
    }
    let (stem, from) = stem_and_language(original, Kind::Article, config)?;
    if from == to {
        return Err(ScaffoldError::SameLanguage { path: original.to_path_buf(), lang: from });
    }
    let suffix = if to == config.default_language().code { String::new() } else { format!(".{to}") };
    let path = match crate::resources::folder_of(original) {
        Some(folder) => folder.join(format!("index{suffix}.md")),
        None => Path::new("content/articles").join(format!("{stem}{suffix}.md")),
    };
    Ok(TranslationPlan { from, path })
}

/// The text of a translation into `to` of the article `text` (read from `path`,
/// written in `from`); `headings` are the section headings in `to`.
pub fn translation(
    text: &str,
    path: &Path,
    from: &str,
    to: &str,
    headings: &[Heading],
) -> Result<String, ScaffoldError> {
    let split = front_matter::split(text, path)?;
    let original: toml::Table = front_matter::parse(split.front_matter, path)?;
    let note = format!(
        "<!-- {TRANSLATE_MARKER} Translate this section from \"{from}\" into \"{to}\", then delete this line. -->\n"
    );
    Ok(format!("{}{}", translated_front_matter(original)?, translated_body(split.body, &note, headings)))
}

fn translated_front_matter(mut original: toml::Table) -> Result<String, ScaffoldError> {
    original.insert("draft".into(), true.into());
    let mut fm = FrontMatterText::default();
    for key in KEY_ORDER {
        if let Some(value) = original.remove(key) {
            fm.set(key, marked(key, value));
        }
    }
    for (key, value) in original {
        if DROPPED_KEYS.contains(&key.as_str()) {
            continue;
        }
        match value {
            toml::Value::Table(_) => fm.table(&key, value)?,
            toml::Value::Array(ref items) if !items.is_empty() && items.iter().all(toml::Value::is_table) => {
                fm.table(&key, value)?
            }
            _ => fm.set(&key, value),
        }
    }
    Ok(fm.finish())
}

/// The value of `key` with its text marked for translation when it has any.
fn marked(key: &str, value: toml::Value) -> toml::Value {
    match value {
        toml::Value::String(text) if TRANSLATED_KEYS.contains(&key) => mark(&text).into(),
        toml::Value::Table(mut image) if key == "image" => {
            for text_key in ["alt", "caption"] {
                if let Some(toml::Value::String(text)) = image.get(text_key).filter(|t| t.as_str() != Some("")) {
                    let text = mark(text);
                    image.insert(text_key.into(), text.into());
                }
            }
            image.into()
        }
        other => other,
    }
}

/// The body with `note` after each `##` heading (and before an introduction), and
/// the headings of known sections (by their `{#id}`) in the new language.
fn translated_body(body: &str, note: &str, headings: &[Heading]) -> String {
    let sections: Vec<(std::ops::Range<usize>, Option<String>)> =
        Parser::new_ext(body, Options::ENABLE_HEADING_ATTRIBUTES)
            .into_offset_iter()
            .filter_map(|(event, range)| match event {
                Event::Start(Tag::Heading { level: HeadingLevel::H2, id, .. }) => {
                    Some((range, id.map(|id| id.to_string())))
                }
                _ => None,
            })
            .collect();
    let mut out = String::new();
    let intro_end = sections.first().map_or(body.len(), |(range, _)| range.start);
    if !body[..intro_end].trim().is_empty() {
        out.push_str(note);
    }
    let mut done = 0;
    for (range, id) in sections {
        out.push_str(&body[done..range.start]);
        let end = line_end(body, range.end);
        match id.and_then(|id| headings.iter().find(|h| h.id == id)) {
            Some(h) => out.push_str(&format!("## {} {{#{}}}", h.text, h.id)),
            None => out.push_str(body[range.start..end].trim_end_matches('\n')),
        }
        out.push_str("\n\n");
        out.push_str(note);
        done = end;
    }
    out.push_str(&body[done..]);
    out
}

/// The offset just after the line that contains offset `at - 1`.
fn line_end(text: &str, at: usize) -> usize {
    if text[..at].ends_with('\n') {
        return at;
    }
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter::ArticleFrontMatter;

    const ORIGINAL: &str = "+++\n\
        title = \"Le titre\"\n\
        date = 2025-08-29T09:00:00+02:00\n\
        aliases = [\"/old/\"]\n\
        regions = [\"kp\"]\n\
        image = { src = \"/i.svg\", alt = \"Une carte\", caption = \"La frontière\", credit = \"AFP\" }\n\
        summary = \"\"\"\nPremier.\n\nSecond.\n\"\"\"\n\
        [source]\nname = \"N\"\nurl = \"https://n.org\"\n\
        [extra]\nx = 1\n\
        +++\n\
        Intro.\n\n\
        ## Contexte {#context}\n\n\
        Texte.\n\n\
        ```\n## pas un titre\n```\n\n\
        ## Autre chose\n\n\
        Fin.\n";

    fn config() -> Config {
        let text = "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n[languages.fr]\n[languages.ja]\n";
        Config::parse(text, Path::new("site.toml")).unwrap()
    }

    fn ja_translation() -> String {
        let headings = [Heading { id: "context", text: "背景".into() }];
        translation(ORIGINAL, Path::new("content/articles/a.md"), "fr", "ja", &headings).unwrap()
    }

    #[test]
    fn translation_goes_beside_its_original_with_the_language_suffix() {
        let plan = translation_path(&config(), Path::new("content/articles/2025-a.md"), "ja").unwrap();
        assert_eq!(plan, TranslationPlan { from: "fr".into(), path: "content/articles/2025-a.ja.md".into() });
        let back = translation_path(&config(), Path::new("content/articles/2025-a.ja.md"), "fr").unwrap();
        assert_eq!(back.path, Path::new("content/articles/2025-a.md"));
    }

    #[test]
    fn translation_into_its_own_language_or_of_a_page_is_refused() {
        let folder = translation_path(&config(), Path::new("content/articles/2025-a/index.md"), "ja").unwrap();
        assert_eq!(folder.path, Path::new("content/articles/2025-a/index.ja.md"));
        let e = translation_path(&config(), Path::new("content/articles/a.md"), "fr").unwrap_err();
        assert!(matches!(e, ScaffoldError::SameLanguage { .. }), "{e}");
        let e = translation_path(&config(), Path::new("content/pages/about.md"), "ja").unwrap_err();
        assert!(matches!(e, ScaffoldError::NotAnArticle(_)), "{e}");
    }

    #[test]
    fn shared_fields_are_copied_and_text_is_marked() {
        let text = ja_translation();
        let split = front_matter::split(&text, Path::new("a.ja.md")).unwrap();
        let fm: ArticleFrontMatter = front_matter::parse(split.front_matter, Path::new("a.ja.md")).unwrap();
        assert_eq!(fm.title, "[translate] Le titre");
        assert!(fm.draft);
        assert!(fm.aliases.is_empty());
        assert_eq!(fm.regions, ["kp"]);
        assert_eq!(fm.summary.as_ref().map(|s| s.get_ref().as_str()), Some("[translate] Premier.\n\nSecond.\n"));
        let image = fm.image.unwrap();
        assert_eq!((&*image.src, image.alt()), ("/i.svg", "[translate] Une carte"));
        assert_eq!(image.caption.as_deref(), Some("[translate] La frontière"));
        assert_eq!(image.credit.as_deref(), Some("AFP"), "a credit is a name, not translated");
        assert_eq!(&*fm.source.unwrap().url, "https://n.org");
        assert_eq!(fm.extra["x"].as_integer(), Some(1));
        assert!(
            text.starts_with("+++\ntitle = \"[translate] Le titre\"\ndate = 2025-08-29T09:00:00+02:00\n"),
            "{text}"
        );
    }

    #[test]
    fn known_headings_are_translated_and_every_section_is_marked() {
        let text = ja_translation();
        let body = text.split("+++\n").nth(2).unwrap();
        let note = "<!-- [translate] Translate this section from \"fr\" into \"ja\", then delete this line. -->\n";
        let expected = format!(
            "{note}Intro.\n\n## 背景 {{#context}}\n\n{note}\nTexte.\n\n```\n## pas un titre\n```\n\n## Autre chose\n\n{note}\nFin.\n"
        );
        assert_eq!(body, expected);
    }
}
