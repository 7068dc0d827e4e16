//! Reading the TOML that editors write: `site.toml`, front matter, a theme's files.
//!
//! [`parse`] tells three kinds of mistakes apart by where they happen rather than by
//! what the parser's message says: a document that does not parse (a missing quote,
//! a stray bracket) is [`Kind::TomlSyntax`]; a key the settings do not have is
//! [`Kind::UnknownKey`], found by the deserializer itself (every unknown key, not
//! only the first), with the closest known key as a suggestion; a value of the wrong
//! type, or a required key missing, is [`Kind::InvalidValue`]. Each comes with the
//! byte span it concerns when the parser knows it.

use std::ops::Range;

use serde::de::{self, DeserializeOwned, Visitor};

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Problem};

/// One mistake in a TOML text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct TomlProblem {
    /// What kind of mistake.
    pub kind: Kind,
    /// What the parser or the check says.
    pub message: String,
    /// Where in the text, when known.
    pub span: Option<Range<usize>>,
    /// For an unknown key: its dotted path (`source.colour`).
    pub key: Option<String>,
    /// For an unknown key: the closest key that exists, if one is close.
    pub suggestion: Option<&'static str>,
}

impl Problem for TomlProblem {
    fn kind(&self) -> Kind {
        self.kind
    }
}

impl TomlProblem {
    /// A hint for an editor: the suggestion for an unknown key, else nothing.
    pub fn hint(&self) -> Option<String> {
        let suggestion = self.suggestion.map(|s| format!("did you mean `{s}`?"));
        match self.kind {
            Kind::UnknownKey => Some(suggestion.unwrap_or_else(|| "check the spelling of the key".to_string())),
            _ => None,
        }
    }
}

/// Parses `text` (whose first line is line `first_line` of file `path`) into `T`;
/// on failure, a diagnostic per problem, with the hint its kind calls for
/// (`unknown_key_hint` for an unknown key nothing is close to).
pub fn parse_file<T: DeserializeOwned>(
    text: &str,
    path: &std::path::Path,
    first_line: usize,
    unknown_key_hint: &str,
) -> Result<T, Diagnostics> {
    parse(text).map_err(|problems| {
        let diagnostics = problems.into_iter().map(|p| {
            let at =
                p.span.as_ref().map_or(Location::file(path), |s| Location::at_offset(path, text, s.start, first_line));
            let hint = match p.kind {
                Kind::UnknownKey => {
                    Some(p.hint().filter(|_| p.suggestion.is_some()).unwrap_or_else(|| unknown_key_hint.to_string()))
                }
                Kind::TomlSyntax => Some("check the quotes, brackets and `=` of this line".to_string()),
                _ => None,
            };
            let d = Diagnostic::new(at, p);
            match hint {
                Some(h) => d.with_hint(h),
                None => d,
            }
        });
        Diagnostics(diagnostics.collect())
    })
}

/// Parses `text` into `T`; on failure, every unknown key is reported, or else the
/// syntax or value error.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Vec<TomlProblem>> {
    let document = toml::Deserializer::parse(text).map_err(|e| vec![problem(Kind::TomlSyntax, &e)])?;
    let mut unknown = Vec::new();
    let value = serde_ignored::deserialize(document, |path| unknown.push(dotted(&path)));
    let known = fields_of::<T>();
    if !unknown.is_empty() {
        return Err(unknown.into_iter().map(|key| unknown_key(text, key, known)).collect());
    }
    value.map_err(|e| vec![problem(Kind::InvalidValue, &e)])
}

/// A key's path as an editor writes it: `source.colour`, `updates[1].when`.
fn dotted(path: &serde_ignored::Path) -> String {
    match path {
        serde_ignored::Path::Root => String::new(),
        serde_ignored::Path::Map { parent, key } => match dotted(parent) {
            p if p.is_empty() => key.clone(),
            p => format!("{p}.{key}"),
        },
        serde_ignored::Path::Seq { parent, index } => format!("{}[{index}]", dotted(parent)),
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => dotted(parent),
    }
}

fn problem(kind: Kind, e: &toml::de::Error) -> TomlProblem {
    TomlProblem { kind, message: e.message().trim_end().to_string(), span: e.span(), key: None, suggestion: None }
}

/// The problem of unknown key `key` (a dotted path) in `text`, whose top-level keys are
/// `known`.
fn unknown_key(text: &str, key: String, known: &'static [&'static str]) -> TomlProblem {
    let last = key.rsplit('.').next().unwrap_or(&key).to_string();
    let top_level = !key.contains('.');
    let suggestion = if top_level { closest(&last, known) } else { None };
    let listed =
        if top_level && !known.is_empty() { format!(" (known keys: {})", known.join(", ")) } else { String::new() };
    TomlProblem {
        kind: Kind::UnknownKey,
        message: format!("unknown key `{key}`{listed}"),
        span: key_span(text, &last),
        key: Some(key),
        suggestion,
    }
}

/// The known key closest to `key`, when it is close enough to be a typing mistake.
fn closest(key: &str, known: &'static [&'static str]) -> Option<&'static str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(distance, k)| *distance <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

/// The span of the first line of `text` that sets `key` (`key =` or `[key]`).
fn key_span(text: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let start = offset + (line.len() - trimmed.len());
        let bare = trimmed.trim_start_matches('[').trim_start_matches('"');
        let sets = bare.strip_prefix(key).is_some_and(|rest| {
            let rest = rest.trim_start_matches('"').trim_start();
            rest.starts_with('=') || rest.starts_with(']') || rest.starts_with('.')
        });
        if sets {
            return Some(start..start + trimmed.trim_end().len());
        }
        offset += line.len();
    }
    None
}

/// The names of the fields of struct `T`, as its `Deserialize` implementation
/// declares them (empty for anything but a struct).
pub fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe { fields: &mut fields });
    fields
}

/// A deserializer that only records the fields a struct asks for, then stops.
struct FieldProbe<'a> {
    fields: &'a mut &'static [&'static str],
}

/// Why a [`FieldProbe`] stops.
#[derive(Debug, thiserror::Error)]
#[error("probe")]
struct ProbeDone;

impl de::Error for ProbeDone {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        ProbeDone
    }
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = ProbeDone;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ProbeDone> {
        Err(ProbeDone)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, ProbeDone> {
        *self.fields = fields;
        Err(ProbeDone)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(dead_code)]
    #[derive(Debug, serde::Deserialize)]
    struct Settings {
        title: String,
        #[serde(default)]
        regions: Vec<String>,
        #[serde(default)]
        source: Option<Inner>,
    }

    #[allow(dead_code)]
    #[derive(Debug, serde::Deserialize)]
    struct Inner {
        name: String,
    }

    #[test]
    fn syntax_unknown_keys_and_bad_values_are_told_apart() {
        let syntax = parse::<Settings>("title = \"x").unwrap_err();
        assert_eq!(syntax[0].kind, Kind::TomlSyntax);
        let unknown =
            parse::<Settings>("title = \"x\"\nregoins = []\n[source]\nname = \"n\"\ncolour = 1\n").unwrap_err();
        assert_eq!(unknown.len(), 2);
        assert_eq!(unknown[0].kind, Kind::UnknownKey);
        assert_eq!(unknown[0].key.as_deref(), Some("regoins"));
        assert_eq!(unknown[0].suggestion, Some("regions"));
        assert_eq!(unknown[0].span, Some(12..24));
        assert_eq!(unknown[1].key.as_deref(), Some("source.colour"));
        let value = parse::<Settings>("title = 3\n").unwrap_err();
        assert_eq!(value[0].kind, Kind::InvalidValue);
        assert!(value[0].span.is_some());
        let missing = parse::<Settings>("regions = []\n").unwrap_err();
        assert_eq!(missing[0].kind, Kind::InvalidValue);
    }

    #[test]
    fn the_fields_of_a_struct_come_from_its_deserializer() {
        assert_eq!(fields_of::<Settings>(), ["title", "regions", "source"]);
        assert!(fields_of::<String>().is_empty());
    }
}
