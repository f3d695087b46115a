//! `cargo xtask run`: the main job. Build the modules, link them into
//! `target/wasm/rune.wasm`, and run that one module on the host.

use std::path::Path;

use anyhow::Result;
use xshell::{cmd, Shell};

use crate::{build, link};

pub fn run(sh: &Shell, root: &Path, host_args: &[&str]) -> Result<()> {
    build::run(sh, root)?;
    crate::setup::libclang(sh)?;
    let rune = link::run(root, None)?;
    cmd!(sh, "cargo run --quiet -p host -- {host_args...} {rune}").run()?;
    Ok(())
}
