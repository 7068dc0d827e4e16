//! Template errors as diagnostics naming the template's file, line and column.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Kind, Location, Problem};

/// A template that failed to compile or render.
#[derive(Debug, thiserror::Error)]
#[error("template error: {message}")]
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

/// A Tera error as a diagnostic naming the template file, line and column.
pub(super) fn template_diagnostic(e: &tera::Error, origins: &BTreeMap<String, (String, String)>) -> Diagnostic {
    let origin = |name: &str| origins.get(name).map_or_else(|| name.to_string(), |(o, _)| o.clone());
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let kind = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                Kind::TemplateSyntax
            } else {
                Kind::TemplateRender
            };
            Diagnostic::new(
                Location::at(origin(r.filename()), span.start_line, span.start_col + 1),
                error(kind, r.message()),
            )
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
        _ => Diagnostic::new(Location::file("templates"), error(Kind::TemplateRender, e.to_string())),
    }
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
