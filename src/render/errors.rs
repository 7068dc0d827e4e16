//! Template errors as diagnostics naming the template's file (the site's
//! `templates/x.html` or the theme's `themes/default/templates/x.html`), line and
//! column, in the one form every problem takes. A syntax error caused by a block
//! left open points at that block, where it opens ([`blocks`](super::blocks)), not
//! where Tera noticed; an error Tera gives without a place names the template being
//! rendered.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Kind, Location, Problem};

use super::blocks::unclosed;

/// A template that failed to compile or render.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct TemplateError {
    /// Syntax, rendering, a missing template or a cycle.
    pub kind: Kind,
    /// What Tera says.
    pub message: String,
}

impl Problem for TemplateError {
    fn kind(&self) -> Kind {
        self.kind
    }
}

fn error(kind: Kind, message: impl Into<String>) -> TemplateError {
    TemplateError { kind, message: message.into() }
}

/// A Tera error as a diagnostic naming the template file, line and column;
/// `rendering` is the template being rendered, if any, for errors Tera gives
/// without a place.
pub(super) fn template_diagnostic(
    e: &tera::Error,
    origins: &BTreeMap<String, (String, String)>,
    rendering: Option<&str>,
) -> Diagnostic {
    let origin = |name: &str| origins.get(name).map_or_else(|| name.to_string(), |(o, _)| o.clone());
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) => {
            let (line, col) = (r.span().start_line, r.span().start_col + 1);
            let text = origins.get(r.filename()).map_or("", |(_, text)| text.as_str());
            match unclosed(text).filter(|open| (open.line, open.col) <= (line, col)) {
                Some(open) => {
                    let message = format!("\"{}\" opened here is never closed (Tera: {})", open.shown, r.message());
                    let hint = format!("close it with {{% end{} %}} where its block ends", open_name(&open.shown));
                    Diagnostic::new(
                        Location::at(origin(r.filename()), open.line, open.col),
                        error(Kind::TemplateSyntax, message),
                    )
                    .with_hint(hint)
                }
                None => Diagnostic::new(
                    Location::at(origin(r.filename()), line, col),
                    error(Kind::TemplateSyntax, r.message()),
                ),
            }
        }
        tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let at = Location::at(origin(r.filename()), span.start_line, span.start_col + 1);
            Diagnostic::new(at, error(Kind::TemplateRender, r.message()))
        }
        tera::ErrorKind::CircularInclude { include_chain: chain, .. }
        | tera::ErrorKind::CircularExtend { inheritance_chain: chain, .. } => cycle_diagnostic(chain, origins),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::new(
            Location::file(origin(current)),
            error(Kind::TemplateMissing, format!("extends \"{parent}\", which does not exist")),
        ),
        tera::ErrorKind::TemplateNotFound(name) => Diagnostic::new(
            Location::file(format!("templates/{name}")),
            error(Kind::TemplateMissing, format!("the theme has no template \"{name}\"")),
        )
        .with_hint("add it to the theme or to the site's templates/ folder"),
        _ => {
            let at = rendering.map_or_else(|| Location::file("templates"), |name| Location::file(origin(name)));
            Diagnostic::new(at, error(Kind::TemplateRender, e.to_string()))
        }
    }
}

/// The keyword of a tag as shown (`if` for `{% if %}`, `block` for `{% block x %}`).
fn open_name(shown: &str) -> &str {
    shown.trim_start_matches("{% ").split(' ').next().unwrap_or_default()
}

/// Templates that include or extend one another in a circle: the error points at
/// the line of the last template of `chain` that names the next one.
pub(super) fn cycle_diagnostic(chain: &[String], origins: &BTreeMap<String, (String, String)>) -> Diagnostic {
    let (from, to) = match chain {
        [.., from, to] => (from.as_str(), to.as_str()),
        _ => ("templates", ""),
    };
    let location = match origins.get(from) {
        Some((origin, text)) => {
            let line = text.lines().position(|l| l.contains(&format!("\"{to}\""))).map_or(1, |i| i + 1);
            Location::at(origin.clone(), line, 1)
        }
        None => Location::file(from),
    };
    let cycle = error(
        Kind::TemplateCycle,
        format!("templates include or extend each other in a circle: {}", chain.join(" → ")),
    );
    Diagnostic::new(location, cycle).with_hint("remove the include or extends that closes the circle")
}
