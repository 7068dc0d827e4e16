//! The deploy recipes: the files of `docs/deploy/`, the `Dockerfile` and the code
//! blocks of `docs/deploy.md`, which readers copy as they are.
//!
//! Every YAML and TOML file parses, every shell script and CI step passes `sh -n`,
//! and every `broadsheet ...` command in them is one the real binary accepts: its
//! subcommand exists, each flag is listed by `broadsheet <subcommand> --help`, and
//! `broadsheet <the same arguments> --help` exits 0, so that the values written in
//! full (a date for `--now`) parse too. Values taken from CI (`${{ ... }}`, `$VAR`)
//! are replaced by a sample value first. The CI files are then read as their host
//! reads them: the GitHub Pages workflow runs on a schedule and checks the site
//! before building it, the GitLab job publishes `public/`, and the Dockerfile builds
//! with `--locked` and puts the binary alone in its image.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{CLOCK, repo};
use yaml_rust2::{Yaml, YamlLoader};

/// The files of `docs/deploy/`, sorted.
fn recipe_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(repo().join("docs/deploy"))
        .expect("docs/deploy/")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn recipes_with_extension(extension: &str) -> Vec<PathBuf> {
    recipe_files().into_iter().filter(|path| path.extension().is_some_and(|e| e == extension)).collect()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.strip_prefix(repo()).unwrap_or(path).display().to_string()
}

/// The one YAML document of a file, or a message naming the file.
fn parse_yaml(origin: &str, text: &str) -> Yaml {
    let mut documents = YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{origin}: {e}"));
    assert_eq!(documents.len(), 1, "{origin}: one YAML document expected");
    documents.remove(0)
}

fn recipe_yaml(file: &str) -> Yaml {
    let path = repo().join("docs/deploy").join(file);
    parse_yaml(&name(&path), &read(&path))
}

/// The fenced code blocks of a Markdown text: (info string, body).
fn fenced_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match &mut open {
            None if trimmed.starts_with("```") => open = Some((trimmed[3..].trim().to_string(), String::new())),
            None => {}
            Some(_) if trimmed.starts_with("```") => blocks.push(open.take().unwrap()),
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    assert!(open.is_none(), "docs/deploy.md: a code block is never closed");
    blocks
}

fn guide_blocks() -> Vec<(String, String)> {
    fenced_blocks(&read(&repo().join("docs/deploy.md")))
}

/// The shell text of a YAML document: the values of `run` (GitHub Actions) and of
/// `script`, `before_script` and `after_script` (GitLab CI), in document order.
fn yaml_shell(node: &Yaml, out: &mut Vec<String>) {
    match node {
        Yaml::Hash(map) => {
            for (key, value) in map {
                let shell_key = matches!(key.as_str(), Some("run" | "script" | "before_script" | "after_script"));
                match value {
                    Yaml::String(text) if shell_key => out.push(text.clone()),
                    Yaml::Array(lines) if shell_key => {
                        out.push(lines.iter().filter_map(Yaml::as_str).collect::<Vec<_>>().join("\n"))
                    }
                    _ => yaml_shell(value, out),
                }
            }
        }
        Yaml::Array(items) => items.iter().for_each(|item| yaml_shell(item, out)),
        _ => {}
    }
}

/// The shell text of a TOML document: every `command` (Netlify's build commands).
fn toml_shell(table: &toml::Table, out: &mut Vec<String>) {
    for (key, value) in table {
        match value {
            toml::Value::String(text) if key == "command" => out.push(text.clone()),
            toml::Value::Table(inner) => toml_shell(inner, out),
            _ => {}
        }
    }
}

/// The shell-form `RUN`, `CMD` and `ENTRYPOINT` instructions of a Dockerfile.
fn dockerfile_shell(text: &str) -> Vec<String> {
    dockerfile_instructions(text)
        .into_iter()
        .filter(|(instruction, args)| {
            matches!(instruction.as_str(), "RUN" | "CMD" | "ENTRYPOINT") && !args.trim_start().starts_with('[')
        })
        .map(|(_, args)| args)
        .collect()
}

/// Every piece of shell text of the recipes, with where it comes from: scripts
/// whole, the steps of CI files, Netlify's commands, the Dockerfile's instructions
/// and the guide's code blocks (its YAML and TOML blocks read as such).
fn shell_texts() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut add = |origin: &str, kind: &str, text: &str| {
        let mut pieces = Vec::new();
        match kind {
            "yml" | "yaml" => yaml_shell(&parse_yaml(origin, text), &mut pieces),
            "toml" => toml_shell(&text.parse().unwrap_or_else(|e| panic!("{origin}: {e}")), &mut pieces),
            "Dockerfile" => pieces = dockerfile_shell(text),
            _ => pieces.push(text.to_string()),
        }
        texts.extend(pieces.into_iter().map(|piece| (origin.to_string(), piece)));
    };
    for path in recipe_files() {
        let kind = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        add(&name(&path), &kind, &read(&path));
    }
    add("Dockerfile", "Dockerfile", &read(&repo().join("Dockerfile")));
    for (info, body) in guide_blocks() {
        add(&format!("docs/deploy.md ({info} block)"), &info, &body);
    }
    texts
}

/// Replaces each GitHub Actions expression `${{ ... }}` by a shell variable, so that
/// the text is shell again.
fn without_expressions(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        let end = rest[start..].find("}}").map(|end| start + end + 2).expect("an unclosed ${{");
        out.push_str(&rest[..start]);
        out.push_str("$EXPRESSION");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Splits shell text into simple commands, each a list of words with quotes
/// removed. Handles what the recipes use: comments, quotes, backslash line
/// continuations, `$(...)` and `${...}`, and `&&`, `||`, `|`, `;`, `&` and new lines
/// between commands. Keywords opening a compound command (`if`, `then`...) are
/// dropped, so that the command after them is seen.
fn simple_commands(text: &str) -> Vec<Vec<String>> {
    let text = without_expressions(text);
    let chars: Vec<char> = text.chars().collect();
    let mut commands = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut i = 0;
    let end_word = |words: &mut Vec<String>, word: &mut String, in_word: &mut bool| {
        if *in_word {
            words.push(std::mem::take(word));
            *in_word = false;
        }
    };
    let end_command = |commands: &mut Vec<Vec<String>>, words: &mut Vec<String>| {
        let keywords = ["if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}"];
        let start = words.iter().position(|w| !keywords.contains(&w.as_str())).unwrap_or(words.len());
        if start < words.len() {
            commands.push(words[start..].to_vec());
        }
        words.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' if !in_word => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '\\' if chars.get(i + 1) == Some(&'\n') => i += 1,
            '\\' => {
                if let Some(&next) = chars.get(i + 1) {
                    word.push(next);
                    in_word = true;
                    i += 1;
                }
            }
            '\'' => {
                in_word = true;
                i += 1;
                while i < chars.len() && chars[i] != '\'' {
                    word.push(chars[i]);
                    i += 1;
                }
            }
            '"' => {
                in_word = true;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' && i + 1 < chars.len() && "\"\\$`".contains(chars[i + 1]) {
                        i += 1;
                    }
                    word.push(chars[i]);
                    i += 1;
                }
            }
            '$' if matches!(chars.get(i + 1), Some('(' | '{')) => {
                let (open, close) = if chars[i + 1] == '(' { ('(', ')') } else { ('{', '}') };
                let mut depth = 0;
                in_word = true;
                loop {
                    let c = chars[i];
                    word.push(c);
                    if c == open {
                        depth += 1;
                    } else if c == close {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                    assert!(i < chars.len(), "unclosed {open} in:\n{text}");
                }
            }
            ' ' | '\t' => end_word(&mut words, &mut word, &mut in_word),
            '\n' | ';' | '&' | '|' | '(' | ')' => {
                end_word(&mut words, &mut word, &mut in_word);
                end_command(&mut commands, &mut words);
            }
            _ => {
                word.push(c);
                in_word = true;
            }
        }
        i += 1;
    }
    end_word(&mut words, &mut word, &mut in_word);
    end_command(&mut commands, &mut words);
    commands
}

/// The arguments given to broadsheet by a simple command, if it runs broadsheet:
/// directly (after variable assignments), by a path ending in `/broadsheet`, or as
/// the image `broadsheet` of `docker run`.
fn broadsheet_arguments(command: &[String]) -> Option<Vec<String>> {
    let is_assignment = |w: &str| w.contains('=') && !w.starts_with('-');
    let start = command.iter().position(|w| !is_assignment(w))?;
    let command = &command[start..];
    let is_binary = |w: &str| w == "broadsheet" || w.ends_with("/broadsheet");
    if is_binary(&command[0]) {
        return Some(command[1..].to_vec());
    }
    if command.len() > 2 && command[0] == "docker" && command[1] == "run" {
        let image = command.iter().position(|w| w == "broadsheet")?;
        return Some(command[image + 1..].to_vec());
    }
    None
}

/// Every broadsheet invocation of the recipes: (where, arguments).
fn invocations() -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for (origin, text) in shell_texts() {
        for command in simple_commands(&text) {
            if let Some(arguments) = broadsheet_arguments(&command) {
                found.push((origin.clone(), arguments));
            }
        }
    }
    found
}

/// The broadsheet invocations of one piece of shell text, in order.
fn invocations_in(text: &str) -> Vec<Vec<String>> {
    simple_commands(text).iter().filter_map(|command| broadsheet_arguments(command)).collect()
}

/// `broadsheet <args> --help`, as text; panics when it fails.
fn help(args: &[&str]) -> String {
    let output = common::command(CLOCK).args(args).arg("--help").output().expect("run broadsheet");
    assert!(output.status.success(), "broadsheet {args:?} --help failed:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The subcommands listed by `broadsheet --help`.
fn subcommands() -> BTreeSet<String> {
    help(&[])
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

/// The flags that a help text lists under `Options:` (`-r`, `--root`...).
fn listed_flags(help: &str) -> BTreeSet<String> {
    let mut flags = BTreeSet::new();
    let mut in_options = false;
    for line in help.lines() {
        if !line.is_empty() && !line.starts_with(char::is_whitespace) {
            in_options = line.starts_with("Options:");
            continue;
        }
        let line = line.trim_start();
        if !in_options {
            continue;
        }
        let mut chars = line.chars();
        if chars.next() != Some('-') || !chars.next().is_some_and(|c| c == '-' || c.is_ascii_alphanumeric()) {
            continue;
        }
        let spec = line.split("  ").next().unwrap();
        for part in spec.split(", ") {
            let flag = part.split([' ', '=', '[']).next().unwrap();
            flags.insert(flag.to_string());
        }
    }
    flags
}

/// The flag a word names, if it is one: `--base-url=x` names `--base-url`.
fn flag_of(word: &str) -> Option<&str> {
    (word.starts_with('-') && word.len() > 1 && word != "--").then(|| word.split('=').next().unwrap())
}

/// The arguments with every value taken from CI or the shell replaced by a sample
/// value that the flag before it accepts.
fn with_sample_values(arguments: &[String]) -> Vec<String> {
    let sample = |flag: Option<&str>| match flag {
        Some("--now") => "2026-12-05T08:00:00+01:00",
        _ => "https://news.example.org/news",
    };
    let mut out: Vec<String> = Vec::new();
    for word in arguments {
        let replaced = match word.split_once('=') {
            Some((flag, value)) if word.starts_with("--") && value.contains('$') => {
                format!("{flag}={}", sample(Some(flag)))
            }
            _ if word.contains('$') => sample(out.last().map(String::as_str)).to_string(),
            _ => word.clone(),
        };
        out.push(replaced);
    }
    out
}

#[test]
fn every_yaml_file_of_the_deploy_recipes_parses() {
    let files = recipes_with_extension("yml");
    let names: Vec<String> = files.iter().map(|path| name(path)).collect();
    for expected in ["github-pages.yml", "gitlab-ci.yml", "cloudflare-pages.yml", "netlify.yml"] {
        assert!(names.iter().any(|n| n.ends_with(expected)), "docs/deploy/{expected} is missing: {names:?}");
    }
    for path in files {
        let document = parse_yaml(&name(&path), &read(&path));
        assert!(document.as_hash().is_some_and(|map| !map.is_empty()), "{}: not a mapping", name(&path));
    }
    for (info, body) in guide_blocks() {
        if info == "yaml" || info == "yml" {
            parse_yaml("docs/deploy.md (yaml block)", &body);
        }
    }
}

#[test]
fn every_toml_file_of_the_deploy_recipes_parses() {
    let files = recipes_with_extension("toml");
    assert!(!files.is_empty(), "docs/deploy/ holds no TOML file");
    for path in files {
        let table: toml::Table = read(&path).parse().unwrap_or_else(|e| panic!("{}: {e}", name(&path)));
        assert!(!table.is_empty(), "{}: empty", name(&path));
    }
    let netlify: toml::Table = read(&repo().join("docs/deploy/netlify.toml")).parse().unwrap();
    let build = netlify["build"].as_table().expect("netlify.toml: [build]");
    assert_eq!(build["publish"].as_str(), Some("public"), "netlify.toml publishes public/");
    let commands = invocations_in(build["command"].as_str().expect("netlify.toml: build.command"));
    let subcommands: Vec<&str> = commands.iter().map(|args| args[0].as_str()).collect();
    assert_eq!(subcommands, ["check", "build"], "netlify.toml checks the site, then builds it");
}

#[test]
fn every_shell_script_and_ci_step_of_the_deploy_recipes_passes_sh_n() {
    let scripts = recipes_with_extension("sh");
    assert!(scripts.len() >= 2, "rsync.sh and s3.sh expected: {scripts:?}");
    for path in &scripts {
        let text = read(path);
        assert!(text.starts_with("#!/bin/sh\n"), "{}: starts with #!/bin/sh", name(path));
        assert!(text.lines().any(|line| line.trim() == "set -eu"), "{}: stops at the first failure", name(path));
    }
    let mut checked = 0;
    for (origin, text) in shell_texts() {
        if origin.contains("(crontab block)") {
            continue;
        }
        let output = Command::new("sh").arg("-n").arg("-c").arg(without_expressions(&text)).output().expect("run sh");
        assert!(
            output.status.success(),
            "{origin}: sh -n fails:\n{}\n--- the text:\n{text}",
            String::from_utf8_lossy(&output.stderr)
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} pieces of shell found");
}

#[test]
fn every_broadsheet_command_in_the_deploy_recipes_is_one_the_cli_accepts() {
    let found = invocations();
    let subcommands = subcommands();
    assert!(subcommands.contains("build") && subcommands.contains("check"), "{subcommands:?}");
    let top_level = listed_flags(&help(&[]));
    for (origin, arguments) in &found {
        let shown = format!("{origin}: broadsheet {}", arguments.join(" "));
        let first = arguments.first().unwrap_or_else(|| panic!("{shown}: no subcommand"));
        let listed = if flag_of(first).is_some() {
            top_level.clone()
        } else {
            assert!(subcommands.contains(first), "{shown}: no subcommand {first:?} in {subcommands:?}");
            listed_flags(&help(&[first]))
        };
        for word in arguments {
            if let Some(flag) = flag_of(word) {
                assert!(listed.contains(flag), "{shown}: {flag} is not listed by --help ({listed:?})");
            }
        }
        let sampled = with_sample_values(arguments);
        let output = common::command(CLOCK).args(&sampled).arg("--help").output().expect("run broadsheet");
        assert!(
            output.status.success(),
            "{shown}: broadsheet refuses {sampled:?}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The commands that matter are all found: none hides where the parsing above
    // would miss it.
    let seen: BTreeSet<(String, String)> =
        found.iter().map(|(origin, args)| (origin.split(' ').next().unwrap().to_string(), args.join(" "))).collect();
    for origin in [
        "docs/deploy/github-pages.yml",
        "docs/deploy/gitlab-ci.yml",
        "docs/deploy/netlify.toml",
        "docs/deploy/netlify.yml",
        "docs/deploy/cloudflare-pages.yml",
        "docs/deploy/rsync.sh",
        "docs/deploy/s3.sh",
    ] {
        for subcommand in ["check", "build"] {
            assert!(
                seen.iter().any(|(o, args)| o == origin && args.split(' ').next() == Some(subcommand)),
                "{origin} runs no `broadsheet {subcommand}`: {seen:?}"
            );
        }
    }
    assert!(
        seen.iter().any(|(o, args)| o == "docs/deploy.md" && args.starts_with("build")),
        "docs/deploy.md shows no build command: {seen:?}"
    );
}

/// The steps of every job of a GitHub Actions workflow, in order.
fn workflow_steps(workflow: &Yaml) -> Vec<&Yaml> {
    let jobs = workflow["jobs"].as_hash().expect("jobs");
    jobs.values().flat_map(|job| job["steps"].as_vec().expect("steps").iter()).collect()
}

/// The subcommands that a workflow's steps give broadsheet, in order.
fn workflow_subcommands(workflow: &Yaml) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for step in workflow_steps(workflow) {
        if let Some(run) = step["run"].as_str() {
            for args in invocations_in(run) {
                found.push((args[0].clone(), args));
            }
        }
    }
    found
}

/// Asserts that a workflow runs on pushes to main, by hand and on a schedule, and
/// runs `broadsheet check` before `broadsheet build`.
fn assert_scheduled_and_checked(file: &str) -> Yaml {
    let workflow = recipe_yaml(file);
    let on = &workflow["on"];
    assert!(on.as_hash().is_some(), "{file}: `on` is a mapping of triggers");
    let branches: Vec<&str> =
        on["push"]["branches"].as_vec().expect("push.branches").iter().filter_map(Yaml::as_str).collect();
    assert_eq!(branches, ["main"], "{file}: runs on pushes to main");
    assert!(!on["workflow_dispatch"].is_badvalue(), "{file}: can be started by hand");
    let schedule = on["schedule"].as_vec().unwrap_or_else(|| panic!("{file}: no schedule"));
    assert!(!schedule.is_empty(), "{file}: empty schedule");
    for entry in schedule {
        let cron = entry["cron"].as_str().unwrap_or_else(|| panic!("{file}: a schedule without cron"));
        assert_eq!(cron.split_whitespace().count(), 5, "{file}: {cron:?} is not a five-field cron line");
    }
    let subcommands: Vec<String> = workflow_subcommands(&workflow).into_iter().map(|(sub, _)| sub).collect();
    assert_eq!(subcommands, ["check", "build"], "{file}: checks the site, then builds it");
    workflow
}

#[test]
fn the_github_pages_workflow_runs_on_a_schedule_and_checks_the_site_before_building_it() {
    let workflow = assert_scheduled_and_checked("github-pages.yml");
    let permissions = &workflow["permissions"];
    assert_eq!(permissions["pages"].as_str(), Some("write"));
    assert_eq!(permissions["id-token"].as_str(), Some("write"));
    assert_eq!(permissions["contents"].as_str(), Some("read"));
    assert!(workflow["concurrency"]["group"].as_str().is_some(), "a concurrency group");
    assert_eq!(
        workflow["concurrency"]["cancel-in-progress"].as_bool(),
        Some(false),
        "a publication is never cut short"
    );

    let steps = workflow_steps(&workflow);
    let uses =
        |action: &str| steps.iter().position(|step| step["uses"].as_str().is_some_and(|u| u.starts_with(action)));
    let configure = uses("actions/configure-pages@").expect("actions/configure-pages");
    assert_eq!(steps[configure]["id"].as_str(), Some("pages"), "configure-pages has the id `pages`");
    let upload = uses("actions/upload-pages-artifact@").expect("actions/upload-pages-artifact");
    assert_eq!(steps[upload]["with"]["path"].as_str(), Some("public"), "uploads public/");
    assert!(uses("actions/deploy-pages@").is_some(), "actions/deploy-pages");

    let build = workflow_subcommands(&workflow).into_iter().find(|(sub, _)| sub == "build").unwrap().1;
    let base_url = build.iter().position(|w| w == "--base-url").expect("build --base-url");
    assert_eq!(
        build[base_url + 1],
        "$EXPRESSION",
        "the base URL is configure-pages' (the expression is replaced when read as shell)"
    );
    let run =
        steps.iter().filter_map(|step| step["run"].as_str()).find(|run| run.contains("broadsheet build")).unwrap();
    assert!(
        run.contains("\"${{ steps.pages.outputs.base_url }}\""),
        "--base-url takes configure-pages' base_url: {run}"
    );
    let build_step = steps.iter().position(|step| step["run"].as_str() == Some(run)).unwrap();
    assert!(configure < build_step && build_step < upload, "configure, build, upload: in this order");
}

#[test]
fn the_other_actions_workflows_run_on_a_schedule_and_check_the_site_before_building_it() {
    for file in ["netlify.yml", "cloudflare-pages.yml"] {
        let workflow = assert_scheduled_and_checked(file);
        assert!(workflow["concurrency"]["group"].as_str().is_some(), "{file}: a concurrency group");
    }
    let cloudflare = recipe_yaml("cloudflare-pages.yml");
    let runs: Vec<&str> = workflow_steps(&cloudflare).iter().filter_map(|step| step["run"].as_str()).collect();
    assert!(
        runs.iter().any(|run| run.contains("wrangler") && run.contains("pages deploy public --project-name=")),
        "cloudflare-pages.yml uploads public/ with wrangler pages deploy: {runs:?}"
    );
}

#[test]
fn the_gitlab_pages_job_builds_for_ci_pages_url_and_publishes_public() {
    let ci = recipe_yaml("gitlab-ci.yml");
    let job = &ci["pages"];
    assert!(job.as_hash().is_some(), "a job named `pages`");
    let paths: Vec<&str> =
        job["artifacts"]["paths"].as_vec().expect("artifacts.paths").iter().filter_map(Yaml::as_str).collect();
    assert_eq!(paths, ["public"], "the artifact is public/");
    let script: Vec<&str> = job["script"].as_vec().expect("script").iter().filter_map(Yaml::as_str).collect();
    let commands: Vec<Vec<String>> = script.iter().flat_map(|line| invocations_in(line)).collect();
    let subcommands: Vec<&str> = commands.iter().map(|args| args[0].as_str()).collect();
    assert_eq!(subcommands, ["check", "build"], "checks the site, then builds it");
    assert_eq!(commands[1][1..], ["--base-url", "$CI_PAGES_URL"], "builds for the address GitLab serves");
}

/// The instructions of a Dockerfile: (instruction in capitals, its arguments),
/// continuation lines joined, comments left out.
fn dockerfile_instructions(text: &str) -> Vec<(String, String)> {
    let mut instructions = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if pending.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        if let Some(start) = trimmed.strip_suffix('\\') {
            pending.push_str(start);
            pending.push(' ');
            continue;
        }
        pending.push_str(trimmed);
        let (instruction, args) = pending.split_once(char::is_whitespace).unwrap_or((&pending, ""));
        instructions.push((instruction.to_ascii_uppercase(), args.trim().to_string()));
        pending.clear();
    }
    instructions
}

#[test]
fn the_dockerfile_builds_locked_and_its_image_holds_the_binary_alone() {
    let instructions = dockerfile_instructions(&read(&repo().join("Dockerfile")));
    let stages: Vec<usize> =
        instructions.iter().enumerate().filter(|(_, (i, _))| i == "FROM").map(|(n, _)| n).collect();
    assert!(stages.len() >= 2, "a build stage and the image: {instructions:?}");
    let last = *stages.last().unwrap();
    let (build, image) = instructions.split_at(last);

    let build_runs: Vec<&String> = build.iter().filter(|(i, _)| i == "RUN").map(|(_, args)| args).collect();
    assert!(
        build_runs.iter().any(|run| {
            let words: Vec<&str> = run.split_whitespace().collect();
            words.windows(2).any(|w| w == ["cargo", "build"])
                && words.contains(&"--release")
                && words.contains(&"--locked")
        }),
        "the build stage runs cargo build --release --locked: {build_runs:?}"
    );
    let stage_names: Vec<&str> = build
        .iter()
        .filter(|(i, _)| i == "FROM")
        .filter_map(|(_, args)| match args.split_whitespace().collect::<Vec<_>>()[..] {
            [_, r#as, name] if r#as.eq_ignore_ascii_case("AS") => Some(name),
            _ => None,
        })
        .collect();

    assert!(image[0].1.starts_with("gcr.io/distroless/"), "the image starts from distroless: {}", image[0].1);
    let copies: Vec<&String> = image.iter().filter(|(i, _)| i == "COPY" || i == "ADD").map(|(_, args)| args).collect();
    assert_eq!(copies.len(), 1, "the image copies one thing: {copies:?}");
    let copy: Vec<&str> = copies[0].split_whitespace().collect();
    assert_eq!(copy.len(), 3, "COPY --from=STAGE SOURCE DESTINATION: {copy:?}");
    let from = copy[0].strip_prefix("--from=").unwrap_or_else(|| panic!("COPY --from a stage: {copy:?}"));
    assert!(stage_names.contains(&from), "copied from a build stage ({stage_names:?}): {from}");
    assert!(copy[1].ends_with("/target/release/broadsheet"), "the release binary: {}", copy[1]);
    let binary = copy[2];
    assert!(!image.iter().any(|(i, _)| i == "RUN"), "the image runs nothing while it is built");
    let entrypoint = image.iter().find(|(i, _)| i == "ENTRYPOINT").expect("an ENTRYPOINT");
    assert_eq!(entrypoint.1, format!("[\"{binary}\"]"), "the entry point is the copied binary");
    assert!(image.iter().any(|(i, args)| i == "WORKDIR" && args == "/site"), "WORKDIR /site");

    let ignore = read(&repo().join(".dockerignore"));
    let ignored: BTreeSet<&str> = ignore.lines().map(|l| l.trim().trim_end_matches('/')).collect();
    for entry in ["target", "public", ".git"] {
        assert!(ignored.contains(entry), ".dockerignore leaves out {entry}");
    }
}

#[test]
fn the_deploy_guide_points_at_every_recipe_file() {
    let guide = read(&repo().join("docs/deploy.md"));
    for path in recipe_files() {
        let file = path.file_name().unwrap().to_string_lossy();
        assert!(guide.contains(&format!("(deploy/{file})")), "docs/deploy.md has no link to deploy/{file}");
    }
    assert!(guide.contains("(../Dockerfile)"), "docs/deploy.md has no link to the Dockerfile");
}
