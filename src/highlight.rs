//! Code highlighting with syntect, as CSS classes plus one generated stylesheet.
//!
//! The syntax definitions load once, lazily, the first time a code block needs them,
//! so a site without code pays nothing. Highlighted code uses class names (not inline
//! styles), and [`stylesheet`] writes the colours of the chosen syntect theme once
//! for the whole site. A block in a language syntect does not know is shown plain.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;

use crate::diagnostics::{Kind, Problem};
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Why a highlighting theme cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum HighlightError {
    /// The theme name is not one syntect ships.
    #[error("unknown highlighting theme \"{name}\" (known: {known})")]
    UnknownTheme {
        /// The name asked for.
        name: String,
        /// The names available.
        known: String,
    },
}

impl Problem for HighlightError {
    fn kind(&self) -> Kind {
        Kind::UnknownHighlightTheme
    }
}

/// The inner HTML of a `<code>` element for `code` in `lang`, or `None` when the
/// language is unknown (the caller then escapes the code as plain text).
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

/// Checks that syntect has a theme called `name`.
pub fn check_theme(name: &str) -> Result<(), HighlightError> {
    let themes = ThemeSet::load_defaults();
    if themes.themes.contains_key(name) {
        return Ok(());
    }
    Err(HighlightError::UnknownTheme {
        name: name.to_string(),
        known: themes.themes.keys().cloned().collect::<Vec<_>>().join(", "),
    })
}

/// The stylesheet that colours highlighted code for syntect theme `name`.
pub fn stylesheet(name: &str) -> Result<String, HighlightError> {
    let themes = ThemeSet::load_defaults();
    let theme = themes.themes.get(name).ok_or_else(|| HighlightError::UnknownTheme {
        name: name.to_string(),
        known: themes.themes.keys().cloned().collect::<Vec<_>>().join(", "),
    })?;
    css_for_theme_with_class_style(theme, CLASS_STYLE)
        .map_err(|_| HighlightError::UnknownTheme { name: name.to_string(), known: String::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_language_is_none() {
        assert!(highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn stylesheet_for_default_theme_exists_and_unknown_is_an_error() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(stylesheet("nope").is_err());
    }
}
