//! What may become a path in the output folder, decided in one place.
//!
//! Editors name things that end up as folders and files of the site: region,
//! category, tag and author keys, language codes, slugs, aliases, the theme's name and
//! the names of static files. A key such as `../../x` would write outside the output,
//! `con` cannot be a file on Windows, a name of 300 bytes cannot be one anywhere, and a
//! right-to-left override makes a URL lie about itself. [`check_segment`],
//! [`check_key`] and [`check_relative`] refuse all of these with a [`PathProblem`] that says why;
//! [`collision_key`] tells when two different paths would be one file on a
//! case-insensitive or normalising file system (macOS, Windows). The output writer
//! checks every path again before it writes, so no key can make a write leave the
//! output whatever a caller forgot.

/// The longest name a common file system accepts for one file or folder, in bytes.
pub const MAX_SEGMENT_BYTES: usize = 255;

/// The longest key (of a region, category, tag, author or language), in bytes: a key
/// names folders, and files too, with an extension (`f/tag/<key>.json` in the search
/// index), so it leaves room for `.json`.
pub const MAX_KEY_BYTES: usize = MAX_SEGMENT_BYTES - ".json".len();

/// Why a name cannot be (part of) a path in the output.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathProblem {
    /// Nothing, or an empty part between two `/`.
    #[error("it is empty or has an empty part")]
    Empty,
    /// `.` or `..`, which name the folder itself or its parent.
    #[error("\"{0}\" would name a folder above or the folder itself")]
    DotSegment(String),
    /// A `/` where one name is expected, or `\`.
    #[error("it contains the separator {0:?}")]
    Separator(char),
    /// A path that starts at the root of the file system.
    #[error("it starts with \"/\"; give a path inside the site")]
    Absolute,
    /// A URL path that should start at the site's root and does not.
    #[error("it does not start with \"/\"")]
    NotRooted,
    /// A control or invisible formatting character.
    #[error("it contains the invisible character U+{0:04X}")]
    Invisible(u32),
    /// A character that Windows refuses in file names or that ends a URL path.
    #[error("it contains {0:?}, which cannot be in a file name or URL path")]
    Forbidden(char),
    /// Spaces or dots at an end, which Windows drops from file names.
    #[error("it starts or ends with a space, or ends with a dot")]
    Untrimmed,
    /// A name Windows keeps for devices (`con`, `nul`, `com1`...).
    #[error("\"{0}\" is a device name that cannot be a file on Windows")]
    Reserved(String),
    /// Longer than file systems allow for one name.
    #[error("a part is {0} bytes long; file systems allow at most {MAX_SEGMENT_BYTES}")]
    TooLong(usize),
    /// A key too long to name a file with an extension.
    #[error("it is {0} bytes long; a key also names files, with an extension, so it may have at most {MAX_KEY_BYTES}")]
    KeyTooLong(usize),
}

/// Characters refused in names: Windows' forbidden ones, and those that end or
/// escape a URL path.
const FORBIDDEN: [char; 9] = ['<', '>', ':', '"', '|', '?', '*', '#', '%'];

/// Device names of Windows, refused with any extension (`con.html` too).
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks that `key` (of a region, category, tag, author or language) can name a
/// folder of the output and a file with an extension, on every common system, and be
/// one segment of a URL path.
pub fn check_key(key: &str) -> Result<(), PathProblem> {
    check_segment(key)?;
    if key.len() > MAX_KEY_BYTES {
        return Err(PathProblem::KeyTooLong(key.len()));
    }
    Ok(())
}

/// Checks that `name` can be one folder or file name of the output on every common
/// system, and one segment of a URL path.
pub fn check_segment(name: &str) -> Result<(), PathProblem> {
    match name {
        "" => return Err(PathProblem::Empty),
        "." | ".." => return Err(PathProblem::DotSegment(name.to_string())),
        _ => {}
    }
    if name.len() > MAX_SEGMENT_BYTES {
        return Err(PathProblem::TooLong(name.len()));
    }
    for c in name.chars() {
        check_char(c)?;
    }
    if name.starts_with(' ') || name.ends_with(' ') || name.ends_with('.') {
        return Err(PathProblem::Untrimmed);
    }
    let base = name.split('.').next().unwrap_or(name);
    if RESERVED.iter().any(|r| base.eq_ignore_ascii_case(r)) {
        return Err(PathProblem::Reserved(name.to_string()));
    }
    Ok(())
}

fn check_char(c: char) -> Result<(), PathProblem> {
    if c == '/' || c == '\\' {
        Err(PathProblem::Separator(c))
    } else if is_invisible(c) {
        Err(PathProblem::Invisible(u32::from(c)))
    } else if FORBIDDEN.contains(&c) {
        Err(PathProblem::Forbidden(c))
    } else {
        Ok(())
    }
}

/// Control characters, and the formatting characters that change how a path reads
/// without showing: zero-width spaces and joiners, direction marks and overrides,
/// the byte-order mark.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Checks a `/`-separated path relative to the output folder (a slug with folders,
/// an alias without its leading `/`, a static file): every part is a valid name. A
/// trailing `/` (a folder) is allowed.
pub fn check_relative(path: &str) -> Result<(), PathProblem> {
    if path.starts_with('/') {
        return Err(PathProblem::Absolute);
    }
    path.strip_suffix('/').unwrap_or(path).split('/').try_for_each(check_segment)
}

/// What two output paths are compared by to find the ones that would be one file:
/// the path in Unicode composed form (NFC), lowercased. macOS and Windows file
/// systems ignore case, and macOS ignores the form: `Café`, `café` and `cafe\u{301}`
/// are one name there.
pub fn collision_key(path: &str) -> String {
    if path.is_ascii() {
        return path.to_ascii_lowercase();
    }
    crate::normal::composed_str(path).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_every_script_are_accepted() {
        for ok in ["kp", "jane-doe", "サイバー攻撃", "corée-du-nord", "v1.2", "rss.xml", "_redirects", ".well-known"]
        {
            assert_eq!(check_segment(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn names_that_leave_their_folder_are_refused() {
        assert_eq!(check_segment(""), Err(PathProblem::Empty));
        assert_eq!(check_segment(".."), Err(PathProblem::DotSegment("..".into())));
        assert_eq!(check_segment("."), Err(PathProblem::DotSegment(".".into())));
        assert_eq!(check_segment("../../x"), Err(PathProblem::Separator('/')));
        assert_eq!(check_segment("a/b"), Err(PathProblem::Separator('/')));
        assert_eq!(check_segment("..\\x"), Err(PathProblem::Separator('\\')));
        assert_eq!(check_relative("/abs"), Err(PathProblem::Absolute));
        assert_eq!(check_relative("a//b"), Err(PathProblem::Empty));
        assert_eq!(check_relative("a/../b"), Err(PathProblem::DotSegment("..".into())));
    }

    #[test]
    fn names_no_common_system_can_store_are_refused() {
        assert_eq!(check_segment("a\u{0}b"), Err(PathProblem::Invisible(0)));
        assert_eq!(check_segment("a\u{7}b"), Err(PathProblem::Invisible(7)));
        assert_eq!(check_segment("a\u{85}b"), Err(PathProblem::Invisible(0x85)));
        assert_eq!(check_segment("evil\u{202E}lmth.exe"), Err(PathProblem::Invisible(0x202E)));
        assert_eq!(check_segment("a\u{200B}b"), Err(PathProblem::Invisible(0x200B)));
        assert_eq!(check_segment("CON"), Err(PathProblem::Reserved("CON".into())));
        assert_eq!(check_segment("nul.html"), Err(PathProblem::Reserved("nul.html".into())));
        assert_eq!(check_segment("Lpt9"), Err(PathProblem::Reserved("Lpt9".into())));
        assert_eq!(check_segment("console"), Ok(()));
        assert_eq!(check_segment("a:b"), Err(PathProblem::Forbidden(':')));
        assert_eq!(check_segment("a?b"), Err(PathProblem::Forbidden('?')));
        assert_eq!(check_segment("a#b"), Err(PathProblem::Forbidden('#')));
        assert_eq!(check_segment("name."), Err(PathProblem::Untrimmed));
        assert_eq!(check_segment(" name"), Err(PathProblem::Untrimmed));
        assert_eq!(check_segment(&"é".repeat(128)), Err(PathProblem::TooLong(256)));
        assert_eq!(check_segment(&"a".repeat(255)), Ok(()));
    }

    #[test]
    fn a_key_leaves_room_for_the_extension_of_the_files_it_names() {
        assert_eq!(check_key(&"a".repeat(250)), Ok(()));
        assert_eq!(check_key(&"a".repeat(251)), Err(PathProblem::KeyTooLong(251)));
        assert_eq!(check_key(&"漢".repeat(84)), Err(PathProblem::KeyTooLong(252)));
        assert_eq!(check_key(".."), Err(PathProblem::DotSegment("..".into())));
    }

    #[test]
    fn relative_paths_may_end_with_a_folder() {
        assert_eq!(check_relative("old/path/"), Ok(()));
        assert_eq!(check_relative("old/page.html"), Ok(()));
        assert_eq!(check_relative(""), Err(PathProblem::Empty));
        assert_eq!(check_relative("/"), Err(PathProblem::Absolute));
    }

    #[test]
    fn paths_differing_by_case_or_unicode_form_share_a_key() {
        assert_eq!(collision_key("Tags/KP/index.html"), collision_key("tags/kp/index.html"));
        assert_eq!(collision_key("caf\u{e9}/"), collision_key("CAFE\u{301}/"));
        assert_ne!(collision_key("cafe/"), collision_key("café/"));
    }

    #[test]
    fn random_names_that_pass_stay_inside_their_folder() {
        // A seeded walk over names built from the characters that matter.
        let alphabet = ['a', '.', '/', '\\', ' ', '\0', ':', 'é', '\u{202E}', '-', '%'];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut name = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bits = state;
            for _ in 0..(bits % 7) {
                bits /= 7;
                name.push(alphabet[(bits % alphabet.len() as u64) as usize]);
                bits /= alphabet.len() as u64;
            }
            if check_relative(&name).is_ok() {
                let path = std::path::Path::new(&name);
                assert!(path.is_relative(), "{name:?}");
                assert!(path.components().all(|c| matches!(c, std::path::Component::Normal(_))), "{name:?}");
            }
        }
    }
}
