//! A long build's progress on a terminal: one line redrawn in place and cleared at
//! the end, without colours. Nothing at all is drawn when standard error is not a
//! terminal (a pipe, a CI log) or with `--quiet`.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use broadsheet::progress::Progress;

/// The bar of one build.
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar on standard error, hidden unless it is a terminal and `quiet` is off.
    pub fn on_stderr(quiet: bool) -> Bar {
        let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(ProgressStyle::default_spinner());
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&self, name: &'static str, total: Option<usize>) {
        let (template, length) = match total {
            Some(total) => ("{msg} {wide_bar} {human_pos}/{human_len}", Some(total as u64)),
            None => ("{msg} {spinner}", None),
        };
        self.0.reset();
        self.0.set_message(name);
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.0.set_style(style.progress_chars("=> "));
        }
        match length {
            Some(length) => {
                self.0.disable_steady_tick();
                self.0.set_length(length);
            }
            None => {
                self.0.unset_length();
                self.0.enable_steady_tick(Duration::from_millis(120));
            }
        }
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
