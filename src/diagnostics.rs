//! Where a problem is, and a list of problems reported together.
//!
//! Every stage that reads editor input turns its failures into [`Diagnostic`]s: a
//! file, a line and column when known, what is wrong and, where one helps, a hint.
//! A build collects all of them before it fails, so an editor sees every mistake at
//! once, sorted by file and line, in the form `path:line:col: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input file; line and column are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub col: Option<usize>,
}

impl Location {
    /// A whole file, without a position.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, col: None }
    }

    /// A line and column in a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location { path: path.into(), line: Some(line), col: Some(col) }
    }

    /// The location of byte `offset` in `text`, `first_line` being the file line of
    /// `text`'s first line (front matter starts on line 2, for example).
    pub fn at_offset(path: impl Into<PathBuf>, text: &str, offset: usize, first_line: usize) -> Self {
        let (line, col) = line_col(text, offset);
        Location::at(path, line + first_line - 1, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// One problem in the input: where, what, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, as one sentence.
    pub message: String,
    /// What to do, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem at `location` described by `message` (usually a stage's error).
    pub fn new(location: Location, message: impl fmt::Display) -> Self {
        Diagnostic { location, message: message.to_string(), hint: None }
    }

    /// Adds a hint line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Makes the path relative to `root` when it is inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.location.path.strip_prefix(root) {
            self.location.path = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem a build found; displayed one per line, sorted by location.
#[derive(Debug, Default, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts by file, line and column, and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
        self.0.dedup();
        self
    }

    /// True when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Fails with every collected problem, or returns `value` when there is none.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() { Ok(value) } else { Err(self.sorted()) }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        let n = self.0.len();
        if n > 1 {
            write!(f, "\n{n} problems found")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nété x";
        assert_eq!(line_col(text, text.find('x').unwrap()), (2, 5));
    }

    #[test]
    fn location_displays_path_line_col() {
        let d = Diagnostic::new(Location::at("content/a.md", 4, 9), "unknown region \"kx\"")
            .with_hint("known regions: jp, kr");
        assert_eq!(d.to_string(), "content/a.md:4:9: unknown region \"kx\"\n  hint: known regions: jp, kr");
    }
}
