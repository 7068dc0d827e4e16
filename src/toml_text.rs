//! Reading the TOML that editors write: `site.toml`, front matter, a theme's files.
//!
//! [`parse`] tells three kinds of mistakes apart by where they happen rather than by
//! what the parser's message says: a document that does not parse (a missing quote,
//! a stray bracket) is [`Kind::TomlSyntax`]; a key the settings do not have is
//! [`Kind::UnknownKey`], found by the deserializer itself (every unknown key, not
//! only the first), with the closest known key of its own table as a suggestion (the
//! keys of `[authors.x]` for a key in it, found by `fields_at`); a value of the wrong
//! type, or a required key missing, is [`Kind::InvalidValue`], with the value written
//! the right way as a hint when the mistake is a common one (a quoted date, a string
//! where a list goes). Each comes with the byte span it concerns when the parser
//! knows it.

use std::ops::Range;

use serde::de::{self, DeserializeOwned, Visitor};

use crate::diagnostics::{Diagnostic, Diagnostics, Kind, Location, Problem};
use crate::suggest;

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
                    Some(p.suggestion.map_or_else(|| unknown_key_hint.to_string(), |s| format!("did you mean `{s}`?")))
                }
                Kind::TomlSyntax => Some("check the quotes, brackets and `=` of this line".to_string()),
                _ => p.span.as_ref().and_then(|span| value_hint(text, span.clone(), &p.message)),
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
    let value = serde_ignored::deserialize(document, |path| unknown.push(segments(&path)));
    if !unknown.is_empty() {
        return Err(unknown.into_iter().map(|key| unknown_key::<T>(text, &key)).collect());
    }
    value.map_err(|e| vec![problem(Kind::InvalidValue, &e)])
}

/// One step of a key's path: a key of a table, or an element of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The steps of a path that `serde_ignored` reports.
fn segments(path: &serde_ignored::Path) -> Vec<Segment> {
    let (parent, step) = match path {
        serde_ignored::Path::Root => return Vec::new(),
        serde_ignored::Path::Map { parent, key } => (parent, Segment::Key(key.clone())),
        serde_ignored::Path::Seq { parent, index } => (parent, Segment::Index(*index)),
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => return segments(parent),
    };
    let mut out = segments(parent);
    out.push(step);
    out
}

/// A key's path as an editor writes it: `source.colour`, `updates[1].when`.
fn dotted(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) if out.is_empty() => out.push_str(key),
            Segment::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

fn problem(kind: Kind, e: &toml::de::Error) -> TomlProblem {
    TomlProblem { kind, message: e.message().trim_end().to_string(), span: e.span(), key: None, suggestion: None }
}

/// The problem of unknown key `path` in `text`, a document of `T`: the keys its table
/// may hold are listed, and the closest is suggested.
fn unknown_key<T: DeserializeOwned>(text: &str, path: &[Segment]) -> TomlProblem {
    let key = dotted(path);
    let last = match path.last() {
        Some(Segment::Key(k)) => k.clone(),
        _ => key.clone(),
    };
    let known = fields_at::<T>(&path[..path.len().saturating_sub(1)]);
    let suggestion = suggest::closest(&last, known.iter().copied()).first().copied();
    let listed = if known.is_empty() { String::new() } else { format!(" (known keys: {})", known.join(", ")) };
    TomlProblem {
        kind: Kind::UnknownKey,
        message: format!("unknown key `{key}`{listed}"),
        span: key_span(text, &last),
        key: Some(key),
        suggestion,
    }
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
    fields_at::<T>(&[])
}

/// The names of the fields of the struct found at `path` in `T` (`authors.jane` in
/// the settings: an author's fields), as the `Deserialize` implementations declare
/// them; empty when what is there is not a struct.
fn fields_at<T: DeserializeOwned>(path: &[Segment]) -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe { path, fields: &mut fields });
    fields
}

/// A deserializer that follows `path` into the type that drives it (a struct field,
/// a map entry, an array element at each step), records the fields of the struct it
/// ends on, then stops.
struct FieldProbe<'a> {
    path: &'a [Segment],
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
        visitor: V,
    ) -> Result<V::Value, ProbeDone> {
        if self.path.is_empty() {
            *self.fields = fields;
            return Err(ProbeDone);
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeDone> {
        match self.path.split_first() {
            Some((Segment::Key(key), rest)) => visitor
                .visit_map(OneEntry { key: Some(key), value: Some(FieldProbe { path: rest, fields: self.fields }) }),
            _ => Err(ProbeDone),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeDone> {
        match self.path.split_first() {
            Some((Segment::Index(_), rest)) => {
                visitor.visit_seq(OneEntry { key: None, value: Some(FieldProbe { path: rest, fields: self.fields }) })
            }
            _ => Err(ProbeDone),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ProbeDone> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, ProbeDone> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct tuple tuple_struct enum identifier ignored_any
    }
}

/// The one entry of a table (a key and its value) or element of an array that a
/// [`FieldProbe`] walks into.
struct OneEntry<'a> {
    key: Option<&'a str>,
    value: Option<FieldProbe<'a>>,
}

impl<'de> de::MapAccess<'de> for OneEntry<'_> {
    type Error = ProbeDone;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ProbeDone> {
        match self.key.take() {
            Some(key) => seed.deserialize(de::value::StrDeserializer::<ProbeDone>::new(key)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, ProbeDone> {
        seed.deserialize(self.value.take().ok_or(ProbeDone)?)
    }
}

impl<'de> de::SeqAccess<'de> for OneEntry<'_> {
    type Error = ProbeDone;

    fn next_element_seed<S: de::DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, ProbeDone> {
        self.value.take().map(|probe| seed.deserialize(probe)).transpose()
    }
}

/// How to write a value that has the wrong type, when the mistake is a common one:
/// a date in quotes (`date = "2026-12-04"`), a list written as one string (`tags =
/// "a, b"`). `span` is the value's, in `text`; `message` the parser's.
fn value_hint(text: &str, span: Range<usize>, message: &str) -> Option<String> {
    let written = text.get(span.clone())?;
    let mut table = toml::from_str::<toml::Table>(&format!("v = {written}")).ok()?;
    let Some(toml::Value::String(value)) = table.remove("v") else {
        return None;
    };
    let key = key_before(&text[..span.start])?;
    if message.contains("expected a sequence") {
        let items: Vec<String> = value
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| toml::Value::String(item.to_string()).to_string())
            .collect();
        return Some(format!("a list is written in brackets: {key} = [{}]", items.join(", ")));
    }
    if message.contains("datetime") {
        return Some(date_hint(key, value.trim()));
    }
    None
}

/// The hint for a date written in quotes: the same without them, or the two forms a
/// date may take.
fn date_hint(key: &str, value: &str) -> String {
    match value.parse::<toml::value::Datetime>() {
        Ok(date) if date.time.is_some() => format!("write the date without quotes: {key} = {date}"),
        Ok(date) => {
            format!("write the date without quotes: {key} = {date}, or with a time, {key} = {date}T09:00:00+09:00")
        }
        Err(_) => format!(
            "write a date without quotes: {key} = 2026-12-04, or with a time, {key} = 2026-12-04T09:00:00+09:00"
        ),
    }
}

/// The key a value is given to, from the text before the value on its line
/// (`date = `, `updates = [{ date = `).
fn key_before(before: &str) -> Option<&str> {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let key = line.trim_end().strip_suffix('=')?.trim_end();
    let start = key.rfind(|c: char| !(c.is_alphanumeric() || "_-\"'.".contains(c))).map_or(0, |i| i + 1);
    let key = &key[start..];
    (!key.is_empty()).then_some(key)
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

    #[allow(dead_code)]
    #[derive(Debug, serde::Deserialize)]
    struct Nested {
        #[serde(default)]
        people: std::collections::BTreeMap<String, Inner>,
        #[serde(default)]
        list: Vec<Inner>,
    }

    #[test]
    fn an_unknown_key_in_a_nested_table_is_told_the_keys_of_that_table() {
        let mut problems =
            parse::<Nested>("[people.jane]\nname = \"J\"\nnmae = \"x\"\n[[list]]\nname = \"n\"\nbio = 1\n")
                .unwrap_err();
        problems.sort_by(|a, b| a.message.cmp(&b.message));
        let found: Vec<(&str, Option<&str>)> = problems.iter().map(|p| (p.message.as_str(), p.suggestion)).collect();
        assert_eq!(
            found,
            [
                ("unknown key `list[0].bio` (known keys: name)", None),
                ("unknown key `people.jane.nmae` (known keys: name)", Some("name")),
            ]
        );
    }

    #[allow(dead_code)]
    #[derive(Debug, serde::Deserialize)]
    struct Dated {
        date: toml::value::Datetime,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn value_hint_of(text: &str) -> Option<String> {
        let problem = parse::<Dated>(text).unwrap_err().remove(0);
        assert_eq!(problem.kind, Kind::InvalidValue);
        value_hint(text, problem.span.unwrap(), &problem.message)
    }

    #[test]
    fn a_quoted_date_is_shown_without_quotes() {
        assert_eq!(
            value_hint_of("date = \"2026-12-04\"\n").as_deref(),
            Some("write the date without quotes: date = 2026-12-04, or with a time, date = 2026-12-04T09:00:00+09:00")
        );
        assert_eq!(
            value_hint_of("date = \"2026-12-04T10:30:00+01:00\"\n").as_deref(),
            Some("write the date without quotes: date = 2026-12-04T10:30:00+01:00")
        );
        let hint = value_hint_of("date = \"4 December\"\n").unwrap();
        assert!(hint.starts_with("write a date without quotes: date = 2026-12-04"), "{hint}");
    }

    #[test]
    fn a_string_where_a_list_goes_is_shown_as_a_list_of_its_parts() {
        assert_eq!(
            value_hint_of("date = 2026-12-04\ntags = \"trade, \\\"EU\\\"\"\n").as_deref(),
            Some("a list is written in brackets: tags = [\"trade\", '\"EU\"']")
        );
        assert_eq!(
            value_hint_of("date = 2026-12-04\ntags = 'diplomacy'\n").as_deref(),
            Some("a list is written in brackets: tags = [\"diplomacy\"]")
        );
        assert_eq!(value_hint_of("date = 2026-12-04\ntags = 3\n"), None, "not a string");
    }
}
