//! `broadsheet new`: start an article, or the translation of one, as a draft.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use broadsheet::config::Config;
use broadsheet::scaffold::article::{ArticleRequest, new_article};
use broadsheet::scaffold::translation::{translation, translation_path};
use broadsheet::scaffold::{create_file, section_headings};
use broadsheet::theme::Theme;

use super::SiteArgs;
use super::clock::ClockArgs;

const EXAMPLES: &str = "\
Examples:
  broadsheet new \"Tokyo and Seoul meet again on cyber threats\"
  broadsheet new \"日米韓が会合\" --lang ja --tags cybersecurity,diplomacy --regions jp,kr
  broadsheet new \"ECB cuts rates\" --source-url https://www.ecb.europa.eu/press/ --source-name ECB
  broadsheet new \"Ferry capsizes off Busan\" --folder
  broadsheet new --translate content/articles/2025-08-29-trilateral-meeting.md --lang ja
  $EDITOR \"$(broadsheet new \"A title\")\"";

/// Options of `broadsheet new`.
#[derive(Debug, Args)]
#[command(
    long_about = "Start an article: writes content/articles/YYYY-MM-DD-<slug>.md with complete front matter \
                  (dated now in the site's time zone, draft = true) and the headings of the commentary \
                  sections in the article's language, then prints its path. An article in another language \
                  than the default gets the language's suffix (x.ja.md). With --folder, the article is a folder, \
                  content/articles/YYYY-MM-DD-<slug>/index.md, beside which its photographs go.\n\n\
                  With --translate, writes the translation of an existing article beside it instead: the fields \
                  every language shares are copied, and the text still to translate is marked [translate].\n\n\
                  An existing file is never replaced.",
    after_help = EXAMPLES
)]
pub struct NewArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The headline, in quotes.
    #[arg(required_unless_present = "translate")]
    title: Option<String>,
    /// The article's language, a code declared in site.toml (default: the site's default
    /// language); with --translate, the language to translate into.
    #[arg(long, short = 'l', value_name = "CODE")]
    lang: Option<String>,
    /// Tags, separated by commas.
    #[arg(long, short = 't', value_name = "TAG,...", value_delimiter = ',')]
    tags: Vec<String>,
    /// Regions, by their keys in site.toml, separated by commas.
    #[arg(long, value_name = "KEY,...", value_delimiter = ',')]
    regions: Vec<String>,
    /// The address of the source the news summary is based on.
    #[arg(long, value_name = "URL")]
    source_url: Option<String>,
    /// The source's name (default: the host name of --source-url).
    #[arg(long, value_name = "NAME", requires = "source_url")]
    source_name: Option<String>,
    /// Write the article as a folder, content/articles/YYYY-MM-DD-<slug>/index.md, beside
    /// which its photographs go.
    #[arg(long)]
    folder: bool,
    /// Write the translation of this article into --lang instead of a new article.
    #[arg(long, value_name = "FILE", requires = "lang", conflicts_with_all = ["title", "tags", "regions", "source_url", "folder"])]
    translate: Option<PathBuf>,
    #[command(flatten)]
    clock: ClockArgs,
}

impl NewArgs {
    /// Writes the article or translation and prints its path (unless quiet).
    pub fn run(self) -> anyhow::Result<()> {
        let root = &self.site.root;
        let config = Config::load(&root.join("site.toml"))?;
        let theme = Theme::load(root, &config)?;
        let (path, text) = match &self.translate {
            Some(original) => self.translation(&config, &theme, original)?,
            None => self.article(&config, &theme)?,
        };
        let path = if root == Path::new(".") { path } else { root.join(path) };
        create_file(&path, text.as_bytes())?;
        if !self.site.quiet {
            println!("{}", path.display());
        }
        Ok(())
    }

    fn article(&self, config: &Config, theme: &Theme) -> anyhow::Result<(PathBuf, String)> {
        let request = ArticleRequest {
            title: self.title.clone().unwrap_or_default(),
            lang: self.lang.clone(),
            tags: cleaned(&self.tags),
            regions: cleaned(&self.regions),
            source_url: self.source_url.clone(),
            source_name: self.source_name.clone(),
            folder: self.folder,
        };
        let article =
            new_article(config, &request, self.clock.now(&self.site.root), |lang| section_headings(theme, lang))?;
        Ok((article.path, article.text))
    }

    fn translation(&self, config: &Config, theme: &Theme, original: &Path) -> anyhow::Result<(PathBuf, String)> {
        let to = self.lang.as_deref().unwrap_or_default();
        let original = inside_site(&self.site.root, original)?;
        let plan = translation_path(config, &original, to)?;
        let text = std::fs::read_to_string(self.site.root.join(&original))
            .with_context(|| format!("cannot read {}", original.display()))?;
        let text = translation(&text, &original, &plan.from, to, &section_headings(theme, to))?;
        Ok((plan.path, text))
    }
}

/// Trimmed, without empty items (`--tags "a, b,"`).
fn cleaned(items: &[String]) -> Vec<String> {
    items.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// `file` (relative to the current folder, or to the site folder) as a path
/// relative to the site folder.
fn inside_site(root: &Path, file: &Path) -> anyhow::Result<PathBuf> {
    let site = root.canonicalize().with_context(|| format!("cannot find the site folder {}", root.display()))?;
    let found = file.canonicalize().or_else(|_| root.join(file).canonicalize());
    let found = found.with_context(|| format!("cannot find {}", file.display()))?;
    match found.strip_prefix(&site) {
        Ok(rel) => Ok(rel.to_path_buf()),
        Err(_) => anyhow::bail!("{} is not inside the site folder {}", file.display(), root.display()),
    }
}
