//! broadsheet: a static site generator for international-news blogs.
//!
//! The modules follow the data, one stage each:
//! [`config`] (site.toml) → [`load`] (content files) → [`front_matter`] →
//! [`markdown`] → [`model`] (the site as data) → [`routes`] (every output file) →
//! [`render`] (Tera templates of a [`theme`]) → [`output`] (staged writes).
//! Besides pages, [`render`] writes the publishing outputs through [`feeds`],
//! [`sitemap`] and [`structured_data`] (with [`xml`]), and each language's search
//! index through [`search`].
//! [`pipeline`] runs them in order for `broadsheet build`, after [`build_state`] has
//! compared the [stamps](stamp) of the site's files with the last build's record, to
//! stop early when nothing changed.
//!
//! `broadsheet serve` adds [`watch`] (file events sorted into kinds of change),
//! [`rebuild`] (the site kept in memory, only what a change touches redone) and
//! [`serve`] (HTTP, live reload, error overlay).
//!
//! Every address an editor writes, in front matter, site.toml or Markdown, is checked
//! by [`links`], which allows only schemes that cannot run script.
//!
//! Beside the pipeline, for editors: [`check`] runs it without writing and adds
//! editorial rules; [`scaffold`] writes new articles, translations and sites.

pub mod ascii;
pub mod assets;
pub mod build;
pub mod build_state;
pub mod check;
pub mod collation;
pub mod config;
pub mod controls;
pub mod dates;
pub mod deps;
pub mod diagnostics;
pub mod excerpt;
pub mod feeds;
pub mod front_matter;
pub mod highlight;
pub mod images;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod normal;
pub mod numbers;
pub mod output;
pub mod output_path;
pub mod pipeline;
pub mod plurals;
pub mod progress;
pub mod rebuild;
pub mod redirect;
pub mod references;
pub mod render;
pub mod resources;
pub mod routes;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod slug;
pub mod stamp;
pub mod structured_data;
pub mod suggest;
pub mod targets;
pub mod taxonomy;
#[cfg(test)]
mod test_random;
pub mod theme;
pub mod toml_text;
pub mod watch;
pub mod words;
pub mod world_map;
pub mod xml;
