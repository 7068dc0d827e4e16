//! Which templates a template is made of, so that a template edit re-renders only
//! the pages that use it.
//!
//! A template reaches others through `{% extends %}`, `{% include %}` and
//! `{% import %}`. [`signatures`] hashes, for each template, its own text and the
//! texts of every template it reaches, directly or not; a template naming another
//! through anything but a string literal is taken to reach them all. A page
//! depends on the signature of the template that renders it, so editing
//! `404.html` renders the "not found" pages again, and editing `base.html` every
//! page.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use crate::theme::TemplateSource;

/// Per template name, a hash of its text and of the texts of all it reaches.
pub fn signatures(templates: &BTreeMap<String, TemplateSource>) -> HashMap<String, u64> {
    let references: BTreeMap<&str, References> =
        templates.iter().map(|(name, t)| (name.as_str(), references(&t.text))).collect();
    templates
        .keys()
        .map(|name| {
            let mut h = DefaultHasher::new();
            for reached in reach(name, &references, templates) {
                (reached, &templates[reached].text).hash(&mut h);
            }
            (name.clone(), h.finish())
        })
        .collect()
}

/// The templates a template names.
#[derive(Debug, PartialEq, Eq)]
enum References {
    /// These, by name.
    Named(BTreeSet<String>),
    /// Some name is computed: any template.
    Any,
}

/// Every template `name` reaches, itself included, sorted.
fn reach<'a>(
    name: &'a str,
    references: &BTreeMap<&'a str, References>,
    templates: &'a BTreeMap<String, TemplateSource>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![name];
    while let Some(current) = stack.pop() {
        if !seen.insert(current) {
            continue;
        }
        match references.get(current) {
            Some(References::Any) => return templates.keys().map(String::as_str).collect(),
            Some(References::Named(names)) => {
                stack.extend(names.iter().filter_map(|n| templates.get_key_value(n).map(|(k, _)| k.as_str())))
            }
            None => {}
        }
    }
    seen
}

/// The templates named by the `extends`, `include` and `import` tags of `text`.
fn references(text: &str) -> References {
    let mut names = BTreeSet::new();
    for tag in text.split("{%").skip(1).filter_map(|rest| rest.split_once("%}").map(|(tag, _)| tag)) {
        let tag = tag.trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if !matches!(keyword, "extends" | "include" | "import") {
            continue;
        }
        let literals = quoted(&tag[keyword.len()..]);
        if literals.is_empty() {
            return References::Any;
        }
        names.extend(literals);
    }
    References::Named(names)
}

/// The string literals (in `"` or `'`) of a tag.
fn quoted(tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(start) = rest.find(['"', '\'']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn theme(files: &[(&str, &str)]) -> BTreeMap<String, TemplateSource> {
        files
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    TemplateSource { name: name.to_string(), text: text.to_string(), origin: PathBuf::from(name) },
                )
            })
            .collect()
    }

    #[test]
    fn tags_name_templates_in_any_quoting_and_spacing() {
        let text = "{% extends \"base.html\" %}{%- include 'chips.html' ignore missing -%}{% import \"macros.html\" as m %}{% if x %}";
        assert_eq!(
            references(text),
            References::Named(["base.html", "chips.html", "macros.html"].map(String::from).into())
        );
        assert_eq!(references("{% include name %}"), References::Any);
    }

    #[test]
    fn an_edit_changes_the_signature_of_the_templates_that_reach_it_only() {
        let files = [
            ("base.html", "<html>{% include \"_meta.html\" %}</html>"),
            ("_meta.html", "<meta>"),
            ("article.html", "{% extends \"base.html\" %}"),
            ("404.html", "<p>not found</p>"),
        ];
        let before = signatures(&theme(&files));
        let mut edited = files;
        edited[1].1 = "<meta charset=utf-8>";
        let after = signatures(&theme(&edited));
        assert_ne!(before["article.html"], after["article.html"]);
        assert_ne!(before["base.html"], after["base.html"]);
        assert_eq!(before["404.html"], after["404.html"]);
    }

    #[test]
    fn a_computed_name_reaches_every_template() {
        let files = [("page.html", "{% include which %}"), ("other.html", "x")];
        let before = signatures(&theme(&files));
        let after = signatures(&theme(&[files[0], ("other.html", "y")]));
        assert_ne!(before["page.html"], after["page.html"]);
    }
}
