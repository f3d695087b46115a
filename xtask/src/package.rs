//! `cargo xtask package`: turn the built `dependency` into a Wasmer package
//! directory (`wasmer.toml` in Wasmer's manifest format, the module with its
//! interfaces embedded, and its WAI bindings), i.e. what `wasmer publish`
//! would upload, installed where `wasmer-link --dep` finds it offline:
//! `target/wapm_packages/example/dependency@0.1.0/`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use xshell::Shell;

use crate::build;

pub const PACKAGE: &str = "example/dependency";
pub const VERSION: &str = "0.1.0";

/// The local package directory `cargo xtask package` fills.
pub fn packages_dir(root: &Path) -> PathBuf {
    root.join("target").join("wapm_packages")
}

pub fn run(sh: &Shell, root: &Path) -> Result<()> {
    build::run(sh, root)?;
    let wasm_path = build::wasm_dir(root).join("dependency.wasm");
    let wasm = std::fs::read(&wasm_path).with_context(|| format!("reading `{}`", wasm_path.display()))?;
    let wit = |name: &str| std::fs::read_to_string(root.join(format!("{name}.wit"))).context("reading interfaces");
    let (exports, host) = (wit("dependency")?, wit("host")?);
    let dir = linker::registry::write_package(
        &packages_dir(root),
        PACKAGE,
        VERSION,
        "dependency",
        &wasm,
        ("dependency", &exports),
        &[("host", &host)],
    )
    .context("writing the package")?;
    eprintln!("packaged {PACKAGE}@{VERSION} in {}", dir.strip_prefix(root).unwrap_or(&dir).display());
    Ok(())
}
