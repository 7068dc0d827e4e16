//! Printing a command's output. A reader that stops early (`broadsheet man | head`)
//! closes the pipe; that ends the output quietly instead of failing.

use std::io::{self, Write};

use anyhow::Context;

/// Writes `bytes` to standard output; a closed pipe is not an error.
pub fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e).context("cannot write to standard output"),
        _ => Ok(()),
    }
}
