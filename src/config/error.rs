//! What can be wrong in `site.toml` beyond its TOML syntax, each with its kind of
//! diagnostic.

use crate::diagnostics::{Kind, Problem};
use crate::highlight;
use crate::output_path::PathProblem;

/// What can be wrong in `site.toml` beyond its TOML syntax.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A language code that is not a BCP 47 language tag.
    #[error("\"{0}\" is not a valid BCP 47 language code")]
    BadLanguageCode(String),
    /// `default_language` names no entry of `[languages]`.
    #[error("default_language \"{0}\" is not declared in [languages]")]
    UnknownDefaultLanguage(String),
    /// `timezone` is not an IANA time zone name.
    #[error("unknown time zone \"{0}\"")]
    BadTimeZone(String),
    /// `base_url` is not an absolute http(s) URL without query or fragment.
    #[error("base_url \"{0}\" must be an absolute http:// or https:// URL, without ? or #")]
    BadBaseUrl(String),
    /// `paginate_by` is zero.
    #[error("paginate_by must be at least 1")]
    ZeroPagination,
    /// `[feeds] limit` is zero.
    #[error("[feeds] limit must be at least 1")]
    ZeroFeedLimit,
    /// `[markdown] highlight_theme` names no theme.
    #[error("{0}")]
    Highlight(highlight::HighlightError),
    /// A key that names a folder of the output (a region, category, tag, author,
    /// language or theme) and cannot be one.
    #[error("{table} key \"{key}\" cannot be a folder of the site: {problem}")]
    BadKey {
        /// `regions`, `categories`, `tags`, `authors`, `languages` or `theme`.
        table: &'static str,
        /// The key as written.
        key: String,
        /// Why it cannot.
        problem: PathProblem,
    },
    /// An author's name or biography in a language the site does not declare.
    #[error("author \"{key}\" has a text in \"{code}\", a language the site does not declare")]
    UndeclaredLanguage {
        /// The author's key.
        key: String,
        /// The language code.
        code: String,
    },
    /// A `[front_page]` block naming a category or region that is not declared.
    #[error("[front_page] {list} names \"{key}\", which site.toml does not declare")]
    UndeclaredBlock {
        /// `categories` or `regions`.
        list: &'static str,
        /// The key as written.
        key: String,
    },
    /// An image of link previews that networks would not show.
    #[error("image \"{0}\" is not a raster image (PNG, JPEG, WebP or GIF)")]
    NotRaster(String),
    /// `[images] widths` empty or with a width no screen needs.
    #[error("[images] widths {0:?} must be one or more widths from 16 to 8192 pixels")]
    BadWidths(Vec<u32>),
    /// `[images] quality` outside 1 to 100.
    #[error("[images] quality {0} is not between 1 and 100")]
    BadQuality(u8),
    /// A default image written relative to nothing (`social.png`).
    #[error("image \"{0}\" must be written from the site root or as an http(s) address")]
    RelativeDefaultImage(String),
    /// Two keys of a table that name one term once made slugs
    /// (`"politique monétaire"` and `politique-monétaire`).
    #[error("{table} keys \"{key}\" and \"{other}\" are the same term (\"{slug}\")")]
    SameTerm {
        /// `tags` or `categories`.
        table: &'static str,
        /// The later key.
        key: String,
        /// The earlier key.
        other: String,
        /// The slug they share.
        slug: String,
    },
    /// A `[search]` list naming something search does not know.
    #[error("[search] {key} has no \"{value}\"")]
    UnknownSearchValue {
        /// `sections` or `fields`.
        key: &'static str,
        /// The value as written.
        value: String,
    },
    /// A `[search]` list that names nothing while search is on.
    #[error("[search] {0} is empty")]
    EmptySearchList(&'static str),
}

impl Problem for ConfigError {
    fn kind(&self) -> Kind {
        match self {
            ConfigError::BadLanguageCode(_) => Kind::BadLanguageCode,
            ConfigError::UnknownDefaultLanguage(_) | ConfigError::UndeclaredLanguage { .. } => Kind::UnknownLanguage,
            ConfigError::BadTimeZone(_) => Kind::BadTimeZone,
            ConfigError::BadBaseUrl(_) => Kind::BadBaseUrl,
            ConfigError::ZeroPagination
            | ConfigError::ZeroFeedLimit
            | ConfigError::NotRaster(_)
            | ConfigError::RelativeDefaultImage(_)
            | ConfigError::BadWidths(_)
            | ConfigError::BadQuality(_)
            | ConfigError::UnknownSearchValue { .. }
            | ConfigError::EmptySearchList(_) => Kind::InvalidValue,
            ConfigError::Highlight(_) => Kind::UnknownHighlightTheme,
            ConfigError::BadKey { .. } | ConfigError::SameTerm { .. } => Kind::BadKey,
            ConfigError::UndeclaredBlock { list: "regions", .. } => Kind::UnknownRegion,
            ConfigError::UndeclaredBlock { .. } => Kind::UnknownCategory,
        }
    }
}
