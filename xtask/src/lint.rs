//! `cargo xtask lint`: formatting, clippy (native crates, and the wasm crates
//! on their own targets), and generated glue up to date.

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
    setup::wasi_target(sh)?;
    setup::wasip2_target(sh)?;
    for (target, modules) in [
        (setup::WASM_TARGET, build::MODULES),
        (setup::WASI_TARGET, build::WASI_MODULES),
        (setup::WASM_TARGET, build::COMPONENT_MODULES),
        (setup::WASIP2_TARGET, build::WASIP2_MODULES),
    ] {
        let packages = build::package_args(modules);
        cmd!(sh, "cargo clippy --release --target {target} {packages...} -- -D warnings").run()?;
    }
    Ok(())
}
