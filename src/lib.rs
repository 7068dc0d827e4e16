//! broadsheet: a static site generator for international-news blogs.
//!
//! The modules follow the data, one stage each:
//! [`config`] (site.toml) → [`load`] (content files) → [`front_matter`] →
//! [`markdown`] → [`model`] (the site as data) → [`routes`] (every output file) →
//! [`render`] (Tera templates of a [`theme`]) → [`output`] (staged writes).
//! [`pipeline`] runs them in order for `broadsheet build`.
//!
//! `broadsheet serve` adds [`watch`] (file events sorted into kinds of change),
//! [`rebuild`] (the site kept in memory, only what a change touches redone) and
//! [`serve`] (HTTP, live reload, error overlay).

pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod front_matter;
pub mod highlight;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod rebuild;
pub mod render;
pub mod routes;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod watch;
pub mod words;
