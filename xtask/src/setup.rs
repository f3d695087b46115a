//! Set-up checks shared by every task that needs them: what a fresh machine
//! lacks is installed (the wasm target, with rustup) or named with the exact
//! command that installs it.

use anyhow::{bail, Result};
use xshell::{cmd, Shell};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs the `wasm32-unknown-unknown` target when it is missing.
pub fn wasm_target(sh: &Shell) -> Result<()> {
    let Ok(installed) = cmd!(sh, "rustup target list --installed").quiet().read() else {
        // Without rustup we cannot install; the build will say if the target is missing.
        eprintln!("note: rustup not found; make sure the `{WASM_TARGET}` target is installed");
        return Ok(());
    };
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    eprintln!("installing the `{WASM_TARGET}` target (rustup target add {WASM_TARGET})");
    if cmd!(sh, "rustup target add {WASM_TARGET}").run().is_err() {
        bail!("could not install the `{WASM_TARGET}` target: run `rustup target add {WASM_TARGET}`");
    }
    Ok(())
}
