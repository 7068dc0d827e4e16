//! What `check` reports, made on a copy of the `news` fixture, and `build` printing
//! the same problems in the same form.

mod common;

use common::Site;

/// The line of `check`'s text report that starts with `start`.
fn check_line(site: &Site, start: &str) -> String {
    let text = site.run(&["check", "-q"]).stdout();
    text.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("{start} in:\n{text}")).to_string()
}

#[test]
fn build_prints_its_problems_and_warnings_in_the_form_check_prints_them() {
    let site = Site::fixture("news");
    site.edit("site.toml", "[regions.kp]", "[languages.de]\nname = \"Deutsch\"\n\n[regions.kp]");
    let built = site.build(&[]);
    let warning = check_line(&site, "warning[missing-strings]: ");
    assert!(
        warning
            .starts_with("warning[missing-strings]: themes/default/i18n/de.toml: the theme has no \"de\" text for: ")
    );
    assert!(built.stderr().contains(&format!("{warning}\n  hint: ")), "{}", built.stderr());
}
