//! "Did you mean": the names closest to one that does not exist.
//!
//! An editor who writes `jpn` for the region `jp`, `regoins` for the key `regions` or
//! `cybersecurty` for a tag learns more from the name meant than from a list of every
//! name. [`closest`] picks the known names at the smallest edit distance (Damerau–
//! Levenshtein, ignoring case), when that distance is small enough for a typing
//! mistake: at most a quarter of the name's length (two for short names), and less
//! than the length of either name, so that `zz` suggests nothing rather than every
//! two-letter code.

use strsim::damerau_levenshtein;

/// The most names a suggestion lists.
const MAX_SUGGESTIONS: usize = 3;

/// The names of `known` closest to `word`, in the order given, when close enough to
/// be a typing mistake; empty otherwise, and for `word` itself.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let word_lower = word.to_lowercase();
    let scored: Vec<(usize, &str)> = known
        .into_iter()
        .map(|name| (damerau_levenshtein(&word_lower, &name.to_lowercase()), name))
        .filter(|&(distance, name)| is_typo(word, name, distance))
        .collect();
    let Some(best) = scored.iter().map(|&(distance, _)| distance).min() else {
        return Vec::new();
    };
    scored.into_iter().filter(|&(d, _)| d == best).map(|(_, name)| name).take(MAX_SUGGESTIONS).collect()
}

/// Whether `distance` between `word` and `name` is small enough to be a typing mistake.
fn is_typo(word: &str, name: &str, distance: usize) -> bool {
    let (word_len, name_len) = (word.chars().count(), name.chars().count());
    distance > 0 && distance <= 2.max(name_len / 4) && distance < word_len && distance < name_len
}

/// `did you mean "jp"?` (or `"kp" or "kr"`) for the names of `known` closest to
/// `word`, or `None` when none is close.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let names: Vec<String> = closest(word, known).into_iter().map(|n| format!("\"{n}\"")).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [first @ .., last] => Some(format!("did you mean {} or {last}?", first.join(", "))),
    }
}

/// A hint: the names of `known` closest to `word` if any is close, then `otherwise`,
/// what to do if none was meant (`did you mean "jp"? If not, declare it...`).
pub fn hint<'a>(word: &str, known: impl IntoIterator<Item = &'a str>, otherwise: &str) -> String {
    match did_you_mean(word, known) {
        Some(meant) => format!("{meant} If not, {otherwise}"),
        None => otherwise.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typing_mistake_suggests_the_name_meant() {
        assert_eq!(closest("jpn", ["kp", "kr", "jp", "us"]), ["jp"]);
        assert_eq!(closest("regoins", ["title", "regions", "tags"]), ["regions"]);
        assert_eq!(closest("Cybersecurty", ["cybersecurity", "sanctions"]), ["cybersecurity"]);
    }

    #[test]
    fn names_equally_close_are_all_suggested() {
        assert_eq!(did_you_mean("kx", ["jp", "kp", "kr", "us"]).as_deref(), Some("did you mean \"kp\" or \"kr\"?"));
        assert_eq!(did_you_mean("jpn", ["jp"]).as_deref(), Some("did you mean \"jp\"?"));
    }

    #[test]
    fn nothing_is_suggested_when_no_name_is_close() {
        assert!(closest("zz", ["jp", "kp", "us"]).is_empty(), "every letter differs");
        assert!(closest("colour", ["title", "date", "source"]).is_empty());
        assert!(closest("jp", ["jp"]).is_empty(), "the name itself");
        assert_eq!(did_you_mean("economics", ["science"]), None);
    }

    #[test]
    fn a_hint_says_what_to_do_when_no_name_was_meant() {
        assert_eq!(hint("jpn", ["jp"], "declare it"), "did you mean \"jp\"? If not, declare it");
        assert_eq!(hint("zz", ["jp"], "declare it"), "declare it");
    }
}
