//! What an `@/` link can find, and what can be wrong with a link or an image of a
//! Markdown text: a target that does not exist, one the build leaves out for now (a
//! draft, an article scheduled for later), or an address that is not allowed. Each
//! problem has its kind and a hint.

use pulldown_cmark::{Event, Tag};

use crate::dates::SiteTime;
use crate::diagnostics::{Kind, Problem};
use crate::links::{self, LinkKind, RefusedLink};
use crate::resources::ResourceError;

/// What to write instead of a relative image address that leaves its article folder.
pub const OUTSIDE_HINT: &str = "put the file in the article's folder and name it from there, such as photo.jpg or \
                                photos/map.png; a file of static/ is written from the site root, such as /maps/a.svg";

/// The content file an `@/` link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Published at this site path (`/articles/x/`).
    Published(String),
    /// A draft, which the build leaves out.
    Draft,
    /// An article dated after the build clock, which the build leaves out until this
    /// time (the site's).
    Scheduled(SiteTime),
}

/// A link or image that cannot be published, where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct LinkError {
    /// What is wrong.
    pub problem: LinkProblem,
    /// Byte offset of the link in the Markdown text.
    pub offset: usize,
}

/// What can be wrong with a link or an image of a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkProblem {
    /// An `@/` link whose target (written without `@/`) does not exist.
    #[error("internal link \"@/{target}\" points to no content file")]
    Unresolved {
        /// The target, without `@/`.
        target: String,
        /// The existing target closest to it, when one is close enough to be meant.
        meant: Option<String>,
    },
    /// An `@/` link to a draft.
    #[error("internal link \"@/{0}\" points to a draft: this link would be broken until it is published")]
    ToDraft(String),
    /// An `@/` link to an article dated after the build clock.
    #[error(
        "internal link \"@/{target}\" points to an article scheduled for {} ({}): this link would be broken until then",
        due.minute,
        due.zone
    )]
    ToScheduled {
        /// The target, without `@/`.
        target: String,
        /// When the article is due, in the site's time zone.
        due: SiteTime,
    },
    /// An address that is not allowed (`javascript:`, `data:`, a control character...).
    #[error(transparent)]
    Refused(RefusedLink),
    /// A relative image address of an article folder that leaves the folder.
    #[error(transparent)]
    Outside(ResourceError),
}

impl Problem for LinkProblem {
    fn kind(&self) -> Kind {
        match self {
            LinkProblem::Unresolved { .. } | LinkProblem::ToDraft(_) | LinkProblem::ToScheduled { .. } => {
                Kind::BrokenLink
            }
            LinkProblem::Refused(_) => Kind::UnsafeLink,
            LinkProblem::Outside(e) => e.kind(),
        }
    }
}

impl LinkError {
    /// What to write instead.
    pub fn hint(&self) -> String {
        let fixed: &str = match &self.problem {
            LinkProblem::Unresolved { meant: Some(meant), .. } => return format!("did you mean @/{meant}?"),
            LinkProblem::Unresolved { .. } => "link to a file under content/, e.g. @/articles/2025-08-28-name.md",
            LinkProblem::ToDraft(_) => "build with --drafts to preview the link, or add it once the draft is published",
            LinkProblem::ToScheduled { .. } => {
                "build with --future to preview the link, or add it once the article is published"
            }
            LinkProblem::Refused(refused) => refused.hint(),
            LinkProblem::Outside(_) => OUTSIDE_HINT,
        };
        fixed.to_string()
    }
}

/// The links (other than `@/` ones, resolved later) and images whose address is refused.
/// Reference links and autolinks come as links too, their address resolved.
pub(super) fn refused_addresses(events: &[(Event, std::ops::Range<usize>)]) -> Vec<LinkError> {
    let checked = events.iter().filter_map(|(event, range)| match event {
        Event::Start(Tag::Link { dest_url, .. }) if !dest_url.starts_with("@/") => {
            Some((links::check("link", dest_url, LinkKind::Markdown), range.start))
        }
        Event::Start(Tag::Image { dest_url, .. }) => {
            Some((links::check("image", dest_url, LinkKind::Resource), range.start))
        }
        _ => None,
    });
    checked
        .filter_map(|(result, offset)| result.err().map(|e| LinkError { problem: LinkProblem::Refused(e), offset }))
        .collect()
}
