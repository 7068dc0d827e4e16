//! The block a template leaves open.
//!
//! Tera reports a block tag that is never closed where it finds out, which is far
//! from the mistake: an `{% if %}` without its `{% endif %}` inside a `{% block %}`
//! is "Unknown tag" at the `{% endblock %}`, or "Unexpected end of input" at the end
//! of the file. [`unclosed`] reads the template's block tags (`if`, `for`, `block`,
//! `filter`, `macro`, `component`, `raw` and `set` without `=`) and their `end` tags
//! the way a stack does, skipping comments and what `raw` holds, and finds the tag
//! left open, so that the error can point at it.

use crate::diagnostics::line_col;

/// Tags that open a block closed by `end<name>` (`set` only without `=`).
const BLOCKS: [&str; 8] = ["if", "for", "block", "filter", "macro", "component", "raw", "set"];

/// A block tag of a template, where it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OpenTag {
    /// The tag as shown in messages: `{% if %}`, `{% block content %}`.
    pub shown: String,
    /// 1-based line of its `{%`.
    pub line: usize,
    /// 1-based column (in characters) of its `{%`.
    pub col: usize,
    name: String,
}

/// The innermost block tag of `text` that is never closed, when the template's only
/// mistake in its block tags is one left open; `None` when every block is closed or
/// when an end tag closes nothing (a mistake of another kind).
pub(super) fn unclosed(text: &str) -> Option<OpenTag> {
    let mut open: Vec<OpenTag> = Vec::new();
    let mut at = 0;
    while let Some((start, end, inner)) = next_tag(text, at) {
        at = end;
        let mut words = inner.split_whitespace();
        let name = words.next().unwrap_or_default();
        if let Some(closed) = name.strip_prefix("end") {
            let matching = open.iter().rposition(|tag| tag.name == closed)?;
            if matching + 1 < open.len() {
                return open.pop();
            }
            open.truncate(matching);
        } else if BLOCKS.contains(&name) && !(name == "set" && inner.contains('=')) {
            let (line, col) = line_col(text, start);
            let shown = match (name, words.next()) {
                ("block" | "macro" | "component", Some(label)) => format!("{{% {name} {label} %}}"),
                _ => format!("{{% {name} %}}"),
            };
            open.push(OpenTag { shown, line, col, name: name.to_string() });
            if name == "raw" {
                at = end_of_raw(text, at)?;
                open.pop();
            }
        }
    }
    open.pop()
}

/// The next `{% ... %}` tag at or after byte `from`, comments skipped: its start,
/// its end and what it holds, without whitespace control (`-`).
fn next_tag(text: &str, mut from: usize) -> Option<(usize, usize, &str)> {
    loop {
        let start = from + text[from..].find('{')?;
        let rest = &text[start..];
        if let Some(comment) = rest.strip_prefix("{#") {
            from = start + 2 + comment.find("#}")? + 2;
        } else if let Some(tag) = rest.strip_prefix("{%") {
            let close = tag.find("%}")?;
            let inner = tag[..close].trim_start_matches('-').trim_end_matches('-').trim();
            return Some((start, start + 2 + close + 2, inner));
        } else {
            from = start + 1;
        }
    }
}

/// The end of the `{% endraw %}` tag after byte `from`, if any.
fn end_of_raw(text: &str, mut from: usize) -> Option<usize> {
    loop {
        let start = from + text[from..].find("{%")?;
        let close = start + text[start..].find("%}")?;
        if text[start + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace()) == "endraw" {
            return Some(close + 2);
        }
        from = close + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(String, usize, usize)> {
        unclosed(text).map(|t| (t.shown, t.line, t.col))
    }

    #[test]
    fn an_if_left_open_inside_a_block_is_found_where_it_opens() {
        let text =
            "{% block content %}\n<main>\n  {%- if page.draft %}\n  <p>Draft</p>\n</main>\n{% endblock content %}\n";
        assert_eq!(at(text), Some(("{% if %}".to_string(), 3, 3)));
    }

    #[test]
    fn a_block_left_open_at_the_end_is_found() {
        let text = "{% block head %}{% endblock %}\n{% block content %}\n{% for a in list %}{{ a }}{% endfor %}\n";
        assert_eq!(at(text), Some(("{% block content %}".to_string(), 2, 1)));
    }

    #[test]
    fn closed_blocks_comments_raw_text_and_inline_sets_are_not_open() {
        let text = "{# {% if %} #}{% set x = 1 %}{% raw %}{% if %}{% endraw %}\
                    {% if a %}{% elif b %}{% else %}{% endif %}{% set y %}Y{% endset %}";
        assert_eq!(at(text), None);
    }

    #[test]
    fn an_end_tag_that_closes_nothing_is_another_mistake() {
        assert_eq!(at("{% if a %}{% endif %}{% endfor %}\n{% if b %}"), None);
    }
}
