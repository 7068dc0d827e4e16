//! Where a problem is, and a list of problems reported together.
//!
//! Every stage that reads editor input turns its failures into [`Diagnostic`]s: a
//! file, a line and column when known, what is wrong and, where one helps, a hint.
//! A build collects all of them before it fails, so an editor sees every mistake at
//! once, sorted by file and line, in the form `path:line:col: message`. Each carries a
//! [`Kind`] with a stable code (`unknown-key`, `unknown-region`, `broken-link`...),
//! which `check --format json` reports and which hints are chosen by. Every command
//! prints a problem the same way, through [`Diagnostic::tagged`]:
//! `error[unknown-region]: path:line:col: message`, then its hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input file; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub col: Option<usize>,
}

impl Location {
    /// A whole file, without a position.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, col: None }
    }

    /// A line and column in a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location { path: path.into(), line: Some(line), col: Some(col) }
    }

    /// The location of byte `offset` in `text`, `first_line` being the file line of
    /// `text`'s first line (front matter starts on line 2, for example).
    pub fn at_offset(path: impl Into<PathBuf>, text: &str, offset: usize, first_line: usize) -> Self {
        let (line, col) = line_col(text, offset);
        Location::at(path, line + first_line - 1, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The largest character boundary of `text` at or before byte `index`.
pub(crate) fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// What kind of problem a diagnostic reports; its code is stable, for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A TOML file that does not parse (quotes, brackets, `=`).
    TomlSyntax,
    /// A key that settings or front matter do not have.
    UnknownKey,
    /// A value of the wrong type or out of range, or a required key missing.
    InvalidValue,
    /// A date that cannot be read or placed in time.
    InvalidDate,
    /// An article without a date.
    MissingDate,
    /// A content file with nothing in it.
    EmptyFile,
    /// A front matter block not opened or not closed.
    MissingDelimiter,
    /// A file whose bytes are not UTF-8.
    NotUtf8,
    /// A file or folder that cannot be read.
    Unreadable,
    /// A symbolic link where a build reads files.
    Symlink,
    /// A language that site.toml does not declare.
    UnknownLanguage,
    /// A language code that is not BCP 47.
    BadLanguageCode,
    /// A time zone that is not an IANA name.
    BadTimeZone,
    /// A base URL that is not an absolute web address.
    BadBaseUrl,
    /// A region that site.toml does not declare.
    UnknownRegion,
    /// A key (region, category, tag, author, language, theme) that cannot be a folder.
    BadKey,
    /// A slug that cannot be a URL path.
    BadSlug,
    /// An alias that is not a path inside the site.
    BadAlias,
    /// A tag or category that cannot be a folder.
    BadTerm,
    /// A static file whose name cannot be a path of the site.
    BadFileName,
    /// A list longer than an article may have.
    TooMany,
    /// Two content files with one URL.
    DuplicateUrl,
    /// Two outputs that would be one file.
    OutputCollision,
    /// An `@/` link to no content file.
    BrokenLink,
    /// An address with a scheme or form that is not allowed.
    UnsafeLink,
    /// A theme that does not exist.
    UnknownTheme,
    /// A code-highlighting theme that does not exist.
    UnknownHighlightTheme,
    /// A template that does not parse.
    TemplateSyntax,
    /// A template that fails while rendering a page.
    TemplateRender,
    /// A template that does not exist.
    TemplateMissing,
    /// Templates that include or extend each other in a circle.
    TemplateCycle,
    /// An output folder a build may not replace.
    OutputRefused,
    /// An output file that cannot be written.
    OutputWrite,
    /// A root-relative link to no page or file of the site.
    DeadLink,
    /// A root-relative image that is not among the static files.
    MissingImage,
    /// An image that cannot be read as a picture: truncated, of an unsupported format,
    /// or declaring more pixels than a build decodes.
    BadImage,
    /// An image address without a leading `/`, resolved from the page's own address.
    RelativeImage,
    /// A relative path of an article folder that leaves it, or a stray Markdown file in one.
    ResourcePath,
    /// An image without alternative text.
    MissingAlt,
    /// Articles without any image: no lead image, no default image, no logo.
    NoImage,
    /// An article that names no source.
    MissingSource,
    /// A headline over the length search engines show.
    LongTitle,
    /// Two articles of one language with one title.
    DuplicateTitle,
    /// An article dated after now.
    FutureDate,
    /// An article not yet in every language of the site.
    MissingTranslation,
    /// Text still marked `[translate]`.
    Untranslated,
    /// An article whose `summary` is empty.
    EmptySummary,
    /// A category that site.toml does not declare.
    UnknownCategory,
    /// A tag close to a declared one, but not one of them.
    UnknownTag,
    /// An author close to a declared key, but not one of them.
    UnknownAuthor,
    /// A region, tag or category declared in site.toml that no article uses.
    UnusedTerm,
    /// A declared region, tag or category without a name in a language of the site.
    MissingName,
    /// Interface strings the theme lacks in a language.
    MissingStrings,
}

impl Kind {
    /// The stable code (`unknown-key`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::TomlSyntax => "toml-syntax",
            Kind::UnknownKey => "unknown-key",
            Kind::InvalidValue => "invalid-value",
            Kind::InvalidDate => "invalid-date",
            Kind::MissingDate => "missing-date",
            Kind::EmptyFile => "empty-file",
            Kind::MissingDelimiter => "missing-delimiter",
            Kind::NotUtf8 => "not-utf8",
            Kind::Unreadable => "unreadable",
            Kind::Symlink => "symlink",
            Kind::UnknownLanguage => "unknown-language",
            Kind::BadLanguageCode => "bad-language-code",
            Kind::BadTimeZone => "bad-time-zone",
            Kind::BadBaseUrl => "bad-base-url",
            Kind::UnknownRegion => "unknown-region",
            Kind::BadKey => "bad-key",
            Kind::BadSlug => "bad-slug",
            Kind::BadAlias => "bad-alias",
            Kind::BadTerm => "bad-term",
            Kind::BadFileName => "bad-file-name",
            Kind::TooMany => "too-many",
            Kind::DuplicateUrl => "duplicate-url",
            Kind::OutputCollision => "output-collision",
            Kind::BrokenLink => "broken-link",
            Kind::UnsafeLink => "unsafe-link",
            Kind::UnknownTheme => "unknown-theme",
            Kind::UnknownHighlightTheme => "unknown-highlight-theme",
            Kind::TemplateSyntax => "template-syntax",
            Kind::TemplateRender => "template-render",
            Kind::TemplateMissing => "template-missing",
            Kind::TemplateCycle => "template-cycle",
            Kind::OutputRefused => "output-refused",
            Kind::OutputWrite => "output-write",
            Kind::DeadLink => "dead-link",
            Kind::MissingImage => "missing-image",
            Kind::BadImage => "bad-image",
            Kind::RelativeImage => "relative-image",
            Kind::NoImage => "no-image",
            Kind::ResourcePath => "resource-path",
            Kind::MissingAlt => "missing-alt",
            Kind::MissingSource => "missing-source",
            Kind::LongTitle => "long-title",
            Kind::DuplicateTitle => "duplicate-title",
            Kind::FutureDate => "future-date",
            Kind::MissingTranslation => "missing-translation",
            Kind::Untranslated => "untranslated",
            Kind::EmptySummary => "empty-summary",
            Kind::UnknownCategory => "unknown-category",
            Kind::UnknownTag => "unknown-tag",
            Kind::UnknownAuthor => "unknown-author",
            Kind::UnusedTerm => "unused-term",
            Kind::MissingName => "missing-name",
            Kind::MissingStrings => "missing-strings",
        }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build fails, or the page is broken.
    Error,
    /// Advice: nothing fails.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// An error of a stage that can be reported as a diagnostic: it says what kind of
/// problem it is.
pub trait Problem: fmt::Display {
    /// Its kind.
    fn kind(&self) -> Kind;
}

impl<P: Problem + ?Sized> Problem for &P {
    fn kind(&self) -> Kind {
        (**self).kind()
    }
}

/// One problem in the input: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What kind of problem it is.
    pub kind: Kind,
    /// What is wrong, as one sentence.
    pub message: String,
    /// What to do, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem at `location`: a stage's error, which gives its kind and message.
    pub fn new(location: Location, problem: impl Problem) -> Self {
        Diagnostic { location, kind: problem.kind(), message: problem.to_string(), hint: None }
    }

    /// A problem of kind `kind` at `location` described by `message`.
    pub fn of_kind(location: Location, kind: Kind, message: impl fmt::Display) -> Self {
        Diagnostic { location, kind, message: message.to_string(), hint: None }
    }

    /// Adds a hint line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The diagnostic as every command prints it: `error[kind]: path:line:col:
    /// message`, then its hint on a line of its own.
    pub fn tagged(&self, severity: Severity) -> Tagged<'_> {
        Tagged { severity, diagnostic: self }
    }

    /// Makes the path relative to `root` when it is inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.location.path.strip_prefix(root) {
            self.location.path = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A diagnostic with its severity, displayed as every command prints it.
#[derive(Debug, Clone, Copy)]
pub struct Tagged<'a> {
    severity: Severity,
    diagnostic: &'a Diagnostic,
}

impl fmt::Display for Tagged<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity.as_str(), self.diagnostic.kind.code(), self.diagnostic)
    }
}

/// Every problem a build found; displayed one per line, sorted by location.
#[derive(Debug, Default, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts by file, line and column, and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
        self.0.dedup();
        self
    }

    /// True when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Fails with every collected problem, or returns `value` when there is none.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() { Ok(value) } else { Err(self.sorted()) }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        let n = self.0.len();
        if n > 1 {
            write!(f, "\n{n} problems found")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nété x";
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 5));
    }

    #[test]
    fn location_displays_path_line_col() {
        let d = Diagnostic::of_kind(Location::at("content/a.md", 4, 9), Kind::UnknownRegion, "unknown region \"kx\"")
            .with_hint("known regions: jp, kr");
        assert_eq!(d.to_string(), "content/a.md:4:9: unknown region \"kx\"\n  hint: known regions: jp, kr");
    }

    #[test]
    fn a_tagged_diagnostic_leads_with_its_severity_and_kind() {
        let d = Diagnostic::of_kind(Location::at("site.toml", 2, 1), Kind::UnusedTerm, "region \"kp\" is not used");
        assert_eq!(
            d.tagged(Severity::Warning).to_string(),
            "warning[unused-term]: site.toml:2:1: region \"kp\" is not used"
        );
    }
}
