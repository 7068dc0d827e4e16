//! Front matter written for people: keys in the order editors read them.
//!
//! Plain keys come first, in the order they are set, then tables (`[source]`,
//! `[[sources]]`, `[extra]`), then commented suggestions. Every value is serialized
//! by the `toml` crate. Within a flat table (a source, an image), keys follow
//! [`FIELD_ORDER`] rather than the alphabet: `name` and `url` before `language`.

use super::ScaffoldError;

/// The order of keys inside flat tables; other keys follow, alphabetically.
const FIELD_ORDER: [&str; 7] = ["name", "src", "url", "title", "alt", "published", "language"];

/// A front matter block being written.
#[derive(Debug, Default)]
pub(super) struct FrontMatterText {
    head: String,
    tables: Vec<String>,
    tail: String,
}

impl FrontMatterText {
    /// `key = value`; a flat table is written inline, `{ src = "…", alt = "…" }`.
    pub(super) fn set(&mut self, key: &str, value: impl Into<toml::Value>) {
        let value = value.into();
        let value = match flat_entries(&value) {
            Some(entries) => format!("{{ {} }}", entries.join(", ")),
            None => value.to_string(),
        };
        self.line(&format!("{} = {value}", key_text(key)));
    }

    /// A line written as it is (a value `toml` would not lay out as wished).
    pub(super) fn line(&mut self, line: &str) {
        self.head.push_str(line);
        self.head.push('\n');
    }

    /// A commented line: a suggestion the editor can uncomment.
    pub(super) fn comment(&mut self, line: &str) {
        self.line(&format!("# {line}"));
    }

    /// A table or array of tables, written after the plain keys.
    pub(super) fn table(&mut self, key: &str, value: toml::Value) -> Result<(), ScaffoldError> {
        let header = |brackets: &str| format!("{brackets}{}{}\n", key_text(key), brackets.replace('[', "]"));
        let text = match &value {
            toml::Value::Table(_) => flat_entries(&value).map(|entries| header("[") + &lines(&entries)),
            toml::Value::Array(items) => items
                .iter()
                .map(|item| flat_entries(item).map(|entries| header("[[") + &lines(&entries)))
                .collect::<Option<Vec<_>>>()
                .map(|tables| tables.join("\n")),
            _ => None,
        };
        let text = match text {
            Some(text) => text,
            None => toml::to_string(&toml::Table::from_iter([(key.to_string(), value)]))?,
        };
        self.tables.push(text);
        Ok(())
    }

    /// A commented line after the tables (inside the last one, once uncommented).
    pub(super) fn tail_comment(&mut self, line: &str) {
        self.tail.push_str(&format!("# {line}\n"));
    }

    /// The block with its `+++` lines.
    pub(super) fn finish(self) -> String {
        let mut out = format!("+++\n{}", self.head);
        for table in &self.tables {
            out.push('\n');
            out.push_str(table);
        }
        if self.tables.is_empty() && !self.tail.is_empty() {
            out.push('\n');
        }
        out.push_str(&self.tail);
        out.push_str("+++\n");
        out
    }
}

/// `key = value` texts of a table holding no tables, in [`FIELD_ORDER`]; `None`
/// for anything else.
fn flat_entries(value: &toml::Value) -> Option<Vec<String>> {
    let table = value.as_table()?;
    if table.values().any(|v| v.is_table() || v.as_array().is_some_and(|a| a.iter().any(toml::Value::is_table))) {
        return None;
    }
    let mut keys: Vec<&String> = table.keys().collect();
    keys.sort_by_key(|k| (FIELD_ORDER.iter().position(|f| f == k).unwrap_or(FIELD_ORDER.len()), k.as_str()));
    Some(keys.into_iter().map(|k| format!("{} = {}", key_text(k), table[k])).collect())
}

fn lines(entries: &[String]) -> String {
    entries.iter().map(|e| format!("{e}\n")).collect()
}

/// A key as TOML needs it: bare when it can be, quoted otherwise.
fn key_text(key: &str) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare { key.to_string() } else { toml::Value::String(key.to_string()).to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> toml::Table {
        toml::from_str(text.trim_start_matches("+++\n").trim_end_matches("+++\n")).unwrap()
    }

    #[test]
    fn values_are_valid_toml_whatever_they_hold() {
        let mut fm = FrontMatterText::default();
        let title = "Il a dit \"non\" \\ puis 'oui'";
        fm.set("title", title);
        fm.set("odd key", 1);
        fm.comment("description = \"...\"");
        let table = parse(&fm.finish());
        assert_eq!(table["title"].as_str(), Some(title));
        assert_eq!(table["odd key"].as_integer(), Some(1));
        assert!(!table.contains_key("description"));
    }

    #[test]
    fn flat_tables_keep_the_editors_order_and_others_stay_valid() {
        let source: toml::Table = toml::from_str("language = 'en'\nurl = 'https://n.org'\nname = 'N'").unwrap();
        let extra: toml::Table = toml::from_str("a = 1\n[b]\nc = 2").unwrap();
        let mut fm = FrontMatterText::default();
        fm.set("image", toml::Value::Table(toml::from_str("alt = 'A'\nsrc = '/a.svg'").unwrap()));
        fm.table("source", source.clone().into()).unwrap();
        fm.table("sources", toml::Value::Array(vec![source.clone().into(), source.into()])).unwrap();
        fm.table("extra", extra.into()).unwrap();
        fm.tail_comment("published = 2025-01-01");
        let text = fm.finish();
        let expected_start = "+++\nimage = { src = \"/a.svg\", alt = \"A\" }\n\n\
                              [source]\nname = \"N\"\nurl = \"https://n.org\"\nlanguage = \"en\"\n\n\
                              [[sources]]\nname = \"N\"\n";
        assert!(text.starts_with(expected_start), "{text}");
        assert!(text.ends_with("# published = 2025-01-01\n+++\n"), "{text}");
        let table = parse(&text);
        assert_eq!(table["sources"].as_array().map(Vec::len), Some(2));
        assert_eq!(table["extra"]["b"]["c"].as_integer(), Some(2));
    }
}
