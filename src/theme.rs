//! Themes: templates, UI strings and static files, from disk or from the binary.
//!
//! A site uses `themes/<name>/` when that folder exists; the default theme is also
//! compiled into the binary, so a site without a `themes/` folder still builds. The
//! site's own `templates/` override the theme's templates by name, and
//! `[strings.<lang>]` in site.toml overrides UI strings. Missing strings fall back to
//! the default language's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::assets::Fingerprints;
use crate::routes::scheme;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Problem};
use crate::highlight;
use crate::load::link_problem;
use crate::output_path::{PathProblem, check_relative};
use crate::plurals::PluralForms;
use crate::toml_text;

static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Problems with a theme.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// No such theme folder, and not the built-in one.
    #[error("theme \"{0}\" not found")]
    NotFound(String),
    /// A file could not be read.
    #[error("cannot read the file: {0}")]
    Read(String),
    /// theme.toml names a code-highlighting theme that does not exist.
    #[error("{0}")]
    Highlight(highlight::HighlightError),
    /// A static file whose name cannot be a path of the site.
    #[error("this name cannot be a path of the site: {0}")]
    BadName(PathProblem),
}

impl Problem for ThemeError {
    fn kind(&self) -> Kind {
        match self {
            ThemeError::NotFound(_) => Kind::UnknownTheme,
            ThemeError::Read(_) => Kind::Unreadable,
            ThemeError::Highlight(_) => Kind::UnknownHighlightTheme,
            ThemeError::BadName(_) => Kind::BadFileName,
        }
    }
}

/// `theme.toml`.
#[derive(Debug, Clone, Deserialize)]
struct ThemeToml {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_highlight_theme")]
    highlight_theme: String,
}

fn default_highlight_theme() -> String {
    "InspiredGitHub".to_string()
}

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum FileSource {
    /// A file on disk.
    Disk(PathBuf),
    /// A file compiled into the binary.
    Embedded(&'static [u8]),
}

impl FileSource {
    /// The bytes.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            FileSource::Disk(p) => std::fs::read(p).map(Into::into),
            FileSource::Embedded(b) => Ok((*b).into()),
        }
    }
}

/// A template's name, text, and the file it came from (for error messages).
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Name used by `extends`/`include` (`article.html`).
    pub name: String,
    /// The template text.
    pub text: String,
    /// Where it came from, for messages (`themes/default/templates/article.html`).
    pub origin: PathBuf,
}

/// A loaded theme, with the site's overrides applied.
#[derive(Debug, Clone)]
pub struct Theme {
    /// The theme's name, from theme.toml.
    pub name: String,
    /// What the theme is, from theme.toml.
    pub description: String,
    /// Templates by name.
    pub templates: BTreeMap<String, TemplateSource>,
    /// UI strings per language code, with fallbacks and site overrides applied.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Keys missing per language (filled from the default language).
    pub missing_strings: BTreeMap<String, Vec<String>>,
    /// Static files: output path → source; site files win over the theme's.
    pub static_files: BTreeMap<String, FileSource>,
    /// The syntect theme for code.
    pub highlight_theme: String,
    /// The code-highlighting stylesheet made from `highlight_theme`.
    pub syntax_css: String,
    /// Fingerprints of the stylesheets and script pages link to.
    pub fingerprints: Fingerprints,
    /// The rules of a `_headers` file among the static files, which the generated
    /// `_headers` ends with (rather than the two colliding).
    pub extra_headers: Option<String>,
}

/// Files of a theme, read from disk or from the binary.
trait ThemeFiles {
    /// (path relative to the theme root, source) for every file, sorted; what
    /// cannot be read goes to `problems`.
    fn files(&self, problems: &mut Vec<Diagnostic>) -> Vec<(String, FileSource)>;
}

/// A theme folder on disk, and how messages name it (`themes/x`).
struct DiskTheme(PathBuf, PathBuf);
struct EmbeddedTheme;

impl ThemeFiles for DiskTheme {
    fn files(&self, problems: &mut Vec<Diagnostic>) -> Vec<(String, FileSource)> {
        walk_files(&self.0, &self.1, problems)
    }
}

impl ThemeFiles for EmbeddedTheme {
    fn files(&self, _problems: &mut Vec<Diagnostic>) -> Vec<(String, FileSource)> {
        let mut out = Vec::new();
        collect_embedded(&DEFAULT_THEME, &mut out);
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

fn collect_embedded(dir: &'static Dir<'static>, out: &mut Vec<(String, FileSource)>) {
    for file in dir.files() {
        out.push((file.path().to_string_lossy().replace('\\', "/"), FileSource::Embedded(file.contents())));
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Every file of the built-in default theme, as (path relative to the theme folder,
/// source), sorted by path; `broadsheet init` writes them out.
pub fn default_theme_files() -> Vec<(String, FileSource)> {
    EmbeddedTheme.files(&mut Vec::new())
}

/// A UI string of the built-in default theme in `lang`, else in English.
pub fn default_theme_string(lang: &str, key: &str) -> Option<String> {
    let in_language = |code: &str| {
        let file = DEFAULT_THEME.get_file(format!("i18n/{code}.toml"))?;
        let strings: BTreeMap<String, String> = toml::from_str(file.contents_utf8()?).ok()?;
        strings.get(key).cloned()
    };
    in_language(lang).or_else(|| in_language("en"))
}

/// Every regular file under `dir`, as (relative path with `/`, source), sorted.
/// Hidden files are left out; links (never followed) and folders that cannot be read
/// go to `problems`, named under `shown` (`static`, `themes/x`).
pub fn walk_files(dir: &Path, shown: &Path, problems: &mut Vec<Diagnostic>) -> Vec<(String, FileSource)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().and_then(|p| p.strip_prefix(dir).ok()).map_or(shown.to_path_buf(), |p| shown.join(p));
                problems.push(Diagnostic::new(Location::file(at), ThemeError::Read(e.to_string())));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        if entry.path_is_symlink() {
            problems.push(link_problem(shown.join(&rel)));
        } else if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
            files.push((rel, FileSource::Disk(entry.path().to_path_buf())));
        }
    }
    files
}

impl Theme {
    /// Loads the configured theme for the site at `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Diagnostics> {
        let folder = root.join("themes").join(&config.theme);
        let origin = Path::new("themes").join(&config.theme);
        let mut problems = Vec::new();
        let files: Vec<(String, FileSource)> = if folder.is_dir() {
            DiskTheme(folder, origin.clone()).files(&mut problems)
        } else if config.theme == "default" {
            EmbeddedTheme.files(&mut problems)
        } else {
            return Err(Diagnostic::new(Location::file("site.toml"), ThemeError::NotFound(config.theme.clone()))
                .with_hint(format!("create {} or use theme = \"default\"", origin.display()))
                .into());
        };
        let mut theme = Theme {
            name: config.theme.clone(),
            description: String::new(),
            templates: BTreeMap::new(),
            strings: BTreeMap::new(),
            missing_strings: BTreeMap::new(),
            static_files: BTreeMap::new(),
            highlight_theme: default_highlight_theme(),
            syntax_css: String::new(),
            fingerprints: Fingerprints::default(),
            extra_headers: None,
        };
        let mut raw_strings: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (rel, source) in files {
            let shown = origin.join(&rel);
            if let Some(name) = rel.strip_prefix("templates/") {
                match read_text(&source, &shown) {
                    Ok(text) => {
                        theme
                            .templates
                            .insert(name.to_string(), TemplateSource { name: name.to_string(), text, origin: shown });
                    }
                    Err(d) => problems.extend(d.0),
                }
            } else if let Some(file) = rel.strip_prefix("static/") {
                add_static(&mut theme.static_files, file, source, &origin.join("static"), &mut problems);
            } else if let Some(lang) = rel.strip_prefix("i18n/").and_then(|f| f.strip_suffix(".toml")) {
                match read_text(&source, &shown).and_then(|t| parse_toml::<BTreeMap<String, String>>(&t, &shown)) {
                    Ok(strings) => {
                        raw_strings.insert(lang.to_string(), strings);
                    }
                    Err(d) => problems.extend(d.0),
                }
            } else if rel == "theme.toml" {
                match read_text(&source, &shown).and_then(|t| parse_toml::<ThemeToml>(&t, &shown)) {
                    Ok(t) => {
                        if let Err(e) = highlight::check_theme(&t.highlight_theme)
                            && config.markdown.highlight_theme.is_none()
                        {
                            problems.push(Diagnostic::new(Location::file(&shown), ThemeError::Highlight(e)));
                        }
                        theme.name = t.name;
                        theme.description = t.description;
                        theme.highlight_theme = t.highlight_theme;
                    }
                    Err(d) => problems.extend(d.0),
                }
            }
        }
        for (rel, source) in walk_files(&root.join("templates"), Path::new("templates"), &mut problems) {
            match read_text(&source, &Path::new("templates").join(&rel)) {
                Ok(text) => {
                    theme.templates.insert(
                        rel.clone(),
                        TemplateSource { name: rel.clone(), text, origin: Path::new("templates").join(&rel) },
                    );
                }
                Err(d) => problems.extend(d.0),
            }
        }
        for (rel, source) in walk_files(&root.join("static"), Path::new("static"), &mut problems) {
            add_static(&mut theme.static_files, &rel, source, Path::new("static"), &mut problems);
        }
        if let Some(name) = &config.markdown.highlight_theme {
            theme.highlight_theme = name.clone();
        }
        theme.resolve_strings(raw_strings, config);
        // A name it does not know was reported with theme.toml or site.toml above.
        if let Ok(css) = highlight::stylesheet(&theme.highlight_theme) {
            theme.syntax_css = css;
        }
        theme.fingerprints = Fingerprints::of(&theme.static_files, theme.syntax_css.as_bytes());
        let headers = scheme::headers_file().file;
        if let Some(source) = theme.static_files.remove(&headers) {
            match read_text(&source, &Path::new("static").join(&headers)) {
                Ok(text) => theme.extra_headers = Some(text),
                Err(d) => problems.extend(d.0),
            }
        }
        Diagnostics(problems).into_result(theme)
    }

    /// Per language: the theme's strings, then site overrides, then fallbacks from
    /// the default language (recording which keys were missing).
    fn resolve_strings(&mut self, raw: BTreeMap<String, BTreeMap<String, String>>, config: &Config) {
        let default_code = &config.default_language().code;
        let with_overrides = |code: &str| {
            let mut s = raw.get(code).cloned().unwrap_or_default();
            if let Some(o) = config.strings.get(code) {
                s.extend(o.clone());
            }
            s
        };
        let fallback = with_overrides(default_code);
        let all_keys: std::collections::BTreeSet<&String> =
            raw.values().flat_map(|m| m.keys()).chain(fallback.keys()).collect();
        let known = |key: &str| all_keys.iter().any(|k| k.as_str() == key);
        for lang in &config.languages {
            let mut strings = with_overrides(&lang.code);
            // A plural form the language never takes (Japanese has no `_one`) is not missing.
            let forms = PluralForms::new(&lang.locale);
            let missing: Vec<String> = all_keys
                .iter()
                .filter(|k| !strings.contains_key(k.as_str()) && !forms.is_unused_form(k, known))
                .map(|k| k.to_string())
                .collect();
            for key in &missing {
                let value = fallback
                    .get(key)
                    .or_else(|| raw.get("en").and_then(|en| en.get(key)))
                    .cloned()
                    .unwrap_or_else(|| key.clone());
                strings.insert(key.clone(), value);
            }
            if !missing.is_empty() {
                self.missing_strings.insert(lang.code.clone(), missing);
            }
            self.strings.insert(lang.code.clone(), strings);
        }
    }
}

/// Interface strings a theme lacks in one language: a warning of `build` and `check`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the theme has no \"{lang}\" text for: {}", keys.join(", "))]
pub struct MissingStrings {
    /// The language.
    pub lang: String,
    /// The keys it lacks.
    pub keys: Vec<String>,
}

impl Problem for MissingStrings {
    fn kind(&self) -> Kind {
        Kind::MissingStrings
    }
}

/// One warning per language in which theme `theme_name` lacks strings (`missing`:
/// language → keys, as [`Theme::missing_strings`] holds them).
pub fn missing_strings_warnings<'a>(
    theme_name: &str,
    missing: impl IntoIterator<Item = (&'a String, &'a Vec<String>)>,
) -> Vec<Diagnostic> {
    let hint =
        "pages show the default language's text instead; add the keys to the file, or under [strings] in site.toml";
    missing
        .into_iter()
        .map(|(lang, keys)| {
            let location = Location::file(format!("themes/{theme_name}/i18n/{lang}.toml"));
            Diagnostic::new(location, MissingStrings { lang: lang.clone(), keys: keys.clone() }).with_hint(hint)
        })
        .collect()
}

/// Adds static file `rel` (from the folder messages call `shown`) to the outputs,
/// when its name can be a path of the site.
fn add_static(
    statics: &mut BTreeMap<String, FileSource>,
    rel: &str,
    source: FileSource,
    shown: &Path,
    problems: &mut Vec<Diagnostic>,
) {
    match check_relative(rel) {
        Ok(()) => {
            statics.insert(rel.to_string(), source);
        }
        Err(problem) => problems.push(
            Diagnostic::new(Location::file(shown.join(rel)), ThemeError::BadName(problem))
                .with_hint("rename the file with letters, digits, dashes and dots"),
        ),
    }
}

fn read_text(source: &FileSource, shown: &Path) -> Result<String, Diagnostics> {
    let bytes = source.read().map_err(|e| Diagnostic::new(Location::file(shown), ThemeError::Read(e.to_string())))?;
    String::from_utf8(bytes.into_owned())
        .map_err(|_| Diagnostic::new(Location::file(shown), ThemeError::Read("not valid UTF-8".into())).into())
}

fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, shown: &Path) -> Result<T, Diagnostics> {
    toml_text::parse_file(text, shown, 1, "docs/themes.md lists what theme.toml may hold")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default theme for a site in French, English, Japanese, Korean and Arabic.
    fn default_theme() -> Theme {
        let text = "title='t'\nbase_url='https://x.org'\ndefault_language='fr'\n\
                    [languages.fr]\n[languages.en]\n[languages.ja]\n[languages.ko]\n[languages.ar]\n";
        let config = Config::parse(text, Path::new("site.toml")).unwrap();
        let root = tempfile::tempdir().unwrap();
        Theme::load(root.path(), &config).unwrap()
    }

    #[test]
    fn counts_of_articles_read_right_in_fr_en_ja_ko_and_ar() {
        let theme = default_theme();
        let expected = [
            ("fr", ["0 article", "1 article", "2 articles", "3 articles", "11 articles", "100 articles"]),
            ("en", ["0 articles", "1 article", "2 articles", "3 articles", "11 articles", "100 articles"]),
            ("ja", ["0件の記事", "1件の記事", "2件の記事", "3件の記事", "11件の記事", "100件の記事"]),
            ("ko", ["기사 0건", "기사 1건", "기사 2건", "기사 3건", "기사 11건", "기사 100건"]),
            ("ar", ["لا مقالات", "مقالة واحدة", "مقالتان", "3 مقالات", "11 مقالة", "100 مقالة"]),
        ];
        for (lang, wanted) in expected {
            let forms = PluralForms::new(&lang.parse().unwrap());
            for (n, want) in [0, 1, 2, 3, 11, 100].into_iter().zip(wanted) {
                let text =
                    forms.pick(&theme.strings[lang], "articles_count", n).unwrap().replace("{n}", &n.to_string());
                assert_eq!(text, want, "{lang} {n}");
            }
        }
    }

    #[test]
    fn a_language_is_not_told_it_misses_plural_forms_it_never_takes() {
        let theme = default_theme();
        for lang in ["ja", "ko"] {
            let missing = theme.missing_strings.get(lang).cloned().unwrap_or_default();
            assert!(!missing.iter().any(|k| k.starts_with("articles_count")), "{lang}: {missing:?}");
        }
    }
}
