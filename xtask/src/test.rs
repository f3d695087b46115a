//! `cargo xtask test`: everything the tests need, then the tests. Builds the
//! example's wasm modules first (tests find them in `target/wasm/`, see
//! `RUNE_WASM_DIR`), so that no test has to run cargo itself.

use std::path::Path;

use anyhow::Result;
use xshell::{cmd, Shell};

use crate::build;

pub fn run(sh: &Shell, root: &Path, extra: &[&str]) -> Result<()> {
    build::run(sh, root)?;
    crate::setup::libclang(sh)?;
    let dir = build::wasm_dir(root);
    let _env = sh.push_env("RUNE_WASM_DIR", &dir);
    cmd!(sh, "cargo test --workspace --exclude dependency --exclude guest {extra...}").run()?;
    Ok(())
}
