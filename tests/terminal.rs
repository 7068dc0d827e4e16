//! What `build` prints depends on where it goes: progress and colours on a terminal
//! (a real pseudo-terminal, made by util-linux's `script`), plain lines in a pipe or
//! a CI log, no colour with `NO_COLOR` set.

mod common;

use std::process::Command;

use common::Site;

/// A site whose build warns: German has no strings in the default theme.
fn site_that_warns() -> Site {
    let site = Site::fixture("news");
    let config = std::fs::read_to_string(site.path("site.toml")).unwrap() + "\n[languages.de]\nname = \"Deutsch\"\n";
    site.write("site.toml", config);
    site
}

/// Everything a build of `site` printed on a terminal, with `env` set.
fn build_on_a_terminal(site: &Site, env: &[(&str, &str)]) -> String {
    let binary = env!("CARGO_BIN_EXE_broadsheet");
    let root = site.root().display().to_string();
    let command = format!("'{binary}' build --root '{root}'");
    let run = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("BROADSHEET_NOW", site.clock())
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .expect("util-linux's script makes the terminal: apt-get install bsdutils");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stdout));
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// Whether `text` holds an escape sequence that sets a colour or style.
fn has_colour(text: &str) -> bool {
    text.split("\x1b[").skip(1).any(|rest| {
        let code: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ';').collect();
        rest[code.len()..].starts_with('m')
    })
}

#[test]
fn a_build_into_a_pipe_prints_plain_lines_without_any_control_code() {
    let site = site_that_warns();
    let run = site.run(&["build"]);
    assert!(run.ok());
    let printed = run.stdout() + &run.stderr();
    assert!(printed.contains("warning[missing-strings]: themes/default/i18n/de.toml"), "{printed}");
    assert!(!printed.contains(['\x1b', '\r']), "{printed:?}");
}

#[test]
fn a_build_on_a_terminal_shows_its_progress_and_colours_its_warnings() {
    let printed = build_on_a_terminal(&site_that_warns(), &[]);
    assert!(printed.contains("Rendering"), "{printed:?}");
    assert!(printed.contains('\r'), "the bar is redrawn in place: {printed:?}");
    assert!(has_colour(&printed), "{printed:?}");
    assert!(printed.contains("Built "), "{printed:?}");
}

#[test]
fn no_color_removes_every_colour_from_a_terminal() {
    let printed = build_on_a_terminal(&site_that_warns(), &[("NO_COLOR", "1")]);
    assert!(printed.contains("warning[missing-strings]"), "{printed:?}");
    assert!(!has_colour(&printed), "{printed:?}");
}
