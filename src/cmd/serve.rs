//! `broadsheet serve`: build the site in memory, serve it, rebuild on every save.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use anyhow::Context;
use clap::Args;

use broadsheet::build::BuildOptions;
use broadsheet::config::{check_base_url, path_of};
use broadsheet::diagnostics::{Diagnostics, Severity};
use broadsheet::rebuild::{LiveSite, Rebuilt};
use broadsheet::serve::{LiveReload, Preview, ServeError, Server};
use broadsheet::watch::{ChangeSet, SiteWatcher};

use super::SiteArgs;
use super::clock::ClockArgs;

/// Options of `broadsheet serve`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  broadsheet serve\n  broadsheet serve --root my-site --port 0 --open\n  broadsheet serve --drafts --future\n  broadsheet serve --bind 0.0.0.0            # preview on a phone on the same network\n  broadsheet serve --base-url http://127.0.0.1:1111/news   # as published under /news/"
)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The address to listen on; the default lets only this machine connect.
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short = 'p', default_value_t = 1111)]
    port: u16,
    /// The URL pages are previewed at, a path included to preview a site published
    /// under one (http://127.0.0.1:1111/news); default: the address served, this
    /// machine's network address with --bind 0.0.0.0.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include articles and pages marked draft = true.
    #[arg(long)]
    drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    future: bool,
    /// Open the site in the default web browser.
    #[arg(long)]
    open: bool,
    #[command(flatten)]
    clock: ClockArgs,
}

impl ServeArgs {
    /// Serves until interrupted.
    pub fn run(self) -> anyhow::Result<()> {
        let root = self
            .site
            .root
            .canonicalize()
            .with_context(|| format!("cannot open the site folder {}", self.site.root.display()))?;
        if let Some(url) = &self.base_url {
            check_base_url(url).context("the --base-url of serve")?;
        }
        let server = Server::bind(SocketAddr::new(self.bind, self.port)).map_err(with_port_hint)?;
        let url = self.base_url.map_or_else(|| server.base_url(), |url| url.trim_end_matches('/').to_string());
        let options = BuildOptions {
            root: root.clone(),
            output: root.join("public"),
            base_url: Some(url.clone()),
            drafts: self.drafts,
            future: self.future,
            now: self.clock.now(&root),
            force: false,
            replace_output: false,
        };
        let mut site = LiveSite::new(options);
        let mut watcher = SiteWatcher::new(&root)?;
        site.make_photographs_in_background(watcher.waker());
        let live = Arc::new(LiveReload::default());
        let report = Report { quiet: self.site.quiet, live: live.clone() };
        report.first_build(site.rebuild(&ChangeSet::everything()));
        server.start(Preview { files: site.files(), live, base_path: path_of(&url).to_string() })?;
        println!("Serving the site at {url}/ (press Ctrl-C to stop)");
        if self.open
            && let Err(e) = opener::open(format!("{url}/"))
        {
            tracing::warn!("cannot open a browser: {e}");
        }
        while let Some(changes) = watcher.next_batch() {
            if !changes.is_empty() {
                report.outcome(&changes, site.rebuild(&changes));
            }
        }
        Ok(())
    }
}

fn with_port_hint(e: ServeError) -> anyhow::Error {
    let hint = match e {
        ServeError::PortInUse(_) => {
            "stop the other server, or choose another port with --port (--port 0 picks a free one)"
        }
        ServeError::Listen { .. } => "check the --bind address",
        ServeError::Thread(_) => "the system may be short of memory or threads",
    };
    anyhow::Error::new(e).context(format!("cannot start the server; {hint}"))
}

/// Prints each rebuild's line and tells the open pages.
struct Report {
    quiet: bool,
    live: Arc<LiveReload>,
}

impl Report {
    fn first_build(&self, outcome: Result<Option<Rebuilt>, Diagnostics>) {
        match outcome {
            Ok(built) => {
                if let Some(built) = built.filter(|_| !self.quiet) {
                    println!("Built {} files in {} ms", built.total, built.elapsed.as_millis());
                }
            }
            Err(problems) => {
                eprintln!("error: the site cannot be built; fix these and it will be\n{}", tagged(&problems));
                self.live.failed(&problems);
            }
        }
    }

    fn outcome(&self, changes: &ChangeSet, outcome: Result<Option<Rebuilt>, Diagnostics>) {
        match outcome {
            Ok(Some(rebuilt)) => {
                if !self.quiet {
                    println!("{}", rebuild_line(changes, &rebuilt));
                }
                self.live.built(&rebuilt.changed);
            }
            Ok(None) => {}
            Err(problems) => {
                eprintln!(
                    "error: {} changed and the site cannot be rebuilt; serving the last good build\n{}",
                    changes.describe(),
                    tagged(&problems)
                );
                self.live.failed(&problems);
            }
        }
    }
}

/// Every problem in the form `build` and `check` print them, one a paragraph.
fn tagged(problems: &Diagnostics) -> String {
    let lines: Vec<String> = problems.0.iter().map(|p| p.tagged(Severity::Error).to_string()).collect();
    lines.join("\n")
}

/// `content/articles/x.md changed: 4 of 13873 outputs rendered, 2 changed, in 38 ms`.
fn rebuild_line(changes: &ChangeSet, r: &Rebuilt) -> String {
    format!(
        "{} changed: {} of {} outputs rendered, {} changed, in {} ms",
        changes.describe(),
        r.rendered,
        r.total,
        r.changed.len(),
        r.elapsed.as_millis()
    )
}
