//! The three taxonomies of a news site: tags (topics), regions and categories.
//!
//! A leaf module: the model groups articles by these kinds, the URL scheme gives
//! each its folder, and themes receive its name.

/// The three taxonomies of a news site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxonomyKind {
    /// Topics, free strings.
    Tags,
    /// Countries and regions, declared in site.toml.
    Regions,
    /// One per article.
    Categories,
}

impl TaxonomyKind {
    /// All kinds, in display order.
    pub const ALL: [TaxonomyKind; 3] = [TaxonomyKind::Tags, TaxonomyKind::Regions, TaxonomyKind::Categories];

    /// The URL folder and UI-string key: `tags`, `regions`, `categories`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::Regions => "regions",
            TaxonomyKind::Categories => "categories",
        }
    }
}
