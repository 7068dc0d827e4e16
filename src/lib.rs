//! broadsheet: a static site generator for international-news blogs.
//!
//! The modules follow the data, one stage each:
//! [`config`] (site.toml) → [`load`] (content files) → [`front_matter`] →
//! [`markdown`] → [`model`] (the site as data) → [`routes`] (every output file) →
//! [`render`] (Tera templates of a [`theme`]) → [`output`] (staged writes).
//! [`pipeline`] runs them in order for `broadsheet build`.
//!
//! Beside the pipeline, for editors: [`check`] runs it without writing and adds
//! editorial rules; [`scaffold`] writes new articles, translations and sites.

pub mod check;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod front_matter;
pub mod highlight;
pub mod load;
pub mod markdown;
pub mod model;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod redirect;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod slug;
pub mod theme;
pub mod words;
