//! `cargo xtask lint`: formatting, clippy (native crates, and the wasm crates
//! on their own target), and generated glue up to date.

use std::path::Path;

use anyhow::Result;
use xshell::{cmd, Shell};

use crate::{bindings, build, setup};

pub fn run(sh: &Shell, root: &Path) -> Result<()> {
    cmd!(sh, "cargo fmt --all -- --check").run()?;
    setup::libclang(sh)?;
    bindings::run(root, true)?;
    cmd!(sh, "cargo clippy --all-targets -- -D warnings").run()?;
    setup::wasm_target(sh)?;
    let target = setup::WASM_TARGET;
    let packages: Vec<String> = build::MODULES.iter().flat_map(|m| ["-p".to_string(), m.to_string()]).collect();
    cmd!(sh, "cargo clippy --release --target {target} {packages...} -- -D warnings").run()?;
    Ok(())
}
