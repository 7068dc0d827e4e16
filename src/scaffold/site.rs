//! The files of a new site: settings, an example article and page, the theme.
//!
//! The starter site lives in the repository's `starter/` folder and is compiled into
//! the binary, like the default theme, so `broadsheet init` needs nothing else. Two
//! placeholders make the example article today's: `{{today}}` in file names (the
//! date, `YYYY-MM-DD`) and `{{now}}` in file text (the date-time, RFC 3339). The
//! default theme is written to `themes/default/` so that it can be changed; a site
//! without that folder uses the copy in the binary.

use std::path::PathBuf;

use include_dir::{Dir, include_dir};

use crate::dates::Moment;
use crate::theme::default_theme_files;

use super::ScaffoldError;

static STARTER: Dir = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// One file of a new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarterFile {
    /// Path relative to the site folder.
    pub path: PathBuf,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// Every file of a new site created at `now`, sorted by path.
pub fn starter_files(now: &Moment) -> Result<Vec<StarterFile>, ScaffoldError> {
    let mut files = Vec::new();
    collect(&STARTER, now, &mut files);
    for (rel, source) in default_theme_files() {
        let path = PathBuf::from("themes/default").join(rel);
        let bytes = source.read().map_err(|source| ScaffoldError::Write { path: path.clone(), source })?;
        files.push(StarterFile { path, bytes: bytes.into_owned() });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn collect(dir: &'static Dir<'static>, now: &Moment, out: &mut Vec<StarterFile>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace("{{today}}", &now.ymd());
        let bytes = match file.contents_utf8() {
            Some(text) => text.replace("{{now}}", &now.rfc3339()).into_bytes(),
            None => file.contents().to_vec(),
        };
        out.push(StarterFile { path: PathBuf::from(path), bytes });
    }
    for sub in dir.dirs() {
        collect(sub, now, out);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn starter_site_is_dated_today_and_carries_the_theme() {
        let now: jiff::Timestamp = "2025-09-01T08:00:00Z".parse().unwrap();
        let files = starter_files(&Moment { timestamp: now, offset: jiff::tz::Offset::UTC }).unwrap();
        let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        for expected in [
            "site.toml",
            ".gitignore",
            "content/articles/2025-09-01-welcome.md",
            "content/pages/about.md",
            "themes/default/templates/article.html",
            "themes/default/i18n/en.toml",
        ] {
            assert!(paths.contains(&Path::new(expected)), "{expected} in {paths:?}");
        }
        let article = files.iter().find(|f| f.path.ends_with("2025-09-01-welcome.md")).unwrap();
        let text = String::from_utf8(article.bytes.clone()).unwrap();
        assert!(text.contains("date = 2025-09-01T08:00:00+00:00\n"), "{text}");
    }
}
