//! `cargo xtask package`: turn the built `dependency` into a Wasmer package
//! (`wasmer.toml` in Wasmer's manifest format, the module with its
//! interfaces embedded, and its WAI bindings), in both forms `wasmer-link
//! --dep` finds offline: the `.webc` container `wasmer package build` would
//! write (built by Wasmer's own `wasmer-package` from that `wasmer.toml`)
//! and the unpacked directory it is built from:
//! `target/wapm_packages/example/dependency@0.1.0.webc` and
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
    example(root)
}

/// Packages the built `dependency` (`cargo xtask test` calls this after
/// building, for `linker/tests/packages.rs`).
pub fn example(root: &Path) -> Result<()> {
    let wasm_path = build::wasm_dir(root).join("dependency.wasm");
    let wasm = std::fs::read(&wasm_path).with_context(|| format!("reading `{}`", wasm_path.display()))?;
    let wit = |name: &str| {
        let path = root.join(format!("{name}.wit"));
        std::fs::read_to_string(&path).with_context(|| format!("reading `{}`", path.display()))
    };
    let (exports, host) = (wit("dependency")?, wit("host")?);
    let package = linker::package::NewPackage {
        name: PACKAGE,
        version: VERSION,
        description: "The example's processing block: greet(name: string), linkable with wasmer-link",
        module_name: "dependency",
        wasm: &wasm,
        exports: ("dependency", &exports),
        imports: &[("host", &host)],
    };
    let written = write(root, &packages_dir(root), &package)?;
    eprintln!("packaged {PACKAGE}@{VERSION} as {}", written.webc.display());
    Ok(())
}

/// Writes `package` in both forms under `dir`; returns where, relative to
/// `root` where it can.
pub fn write(root: &Path, dir: &Path, package: &linker::package::NewPackage) -> Result<linker::package::Written> {
    let written = linker::package::write(dir, package).map_err(anyhow::Error::msg)?;
    let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    Ok(linker::package::Written { dir: relative(&written.dir), webc: relative(&written.webc) })
}
