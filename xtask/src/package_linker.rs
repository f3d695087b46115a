//! `cargo xtask package-linker`: the linker itself as a Wasmer package.
//!
//! Builds the `wasmer-link` command for `wasm32-wasip1` (release; every
//! feature builds there, `packages` included), copies it to
//! `target/wasm/wasmer-link.wasm`, and packages it as
//! `example/wasmer-link@VERSION`, a WASI module with one command,
//! `wasmer-link`, in both forms `cargo xtask package` writes:
//! `target/wapm_packages/example/wasmer-link@VERSION/` (`wasmer.toml`, read
//! back by Wasmer's `wasmer-config`) and the `.webc` beside it, built from
//! that directory by Wasmer's `wasmer-package`, the code path of `wasmer
//! package build`. So a machine with Wasmer and no Rust toolchain links:
//!
//! ```sh
//! wasmer run target/wapm_packages/example/wasmer-link@0.1.0.webc --dir . -- \
//!     target/wasm/guest.wasm target/wasm/dependency.wasm -o rune.wasm
//! ```
//!
//! `host/tests/linker_package.rs` runs the `.webc`'s command on
//! `wasmer-wasix` and checks its outputs against the native linker's.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use xshell::{cmd, Shell};

use crate::setup::{self, WASI_TARGET};
use crate::{build, package};

/// The package's name; a published one takes its publisher's namespace.
pub const PACKAGE: &str = "example/wasmer-link";
/// The command (and the module) the package holds.
pub const COMMAND: &str = "wasmer-link";
/// The linker's version: `xtask` and `wasmer-link` both take the workspace's.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where the package's `.webc` is written.
pub fn webc_path(root: &Path) -> PathBuf {
    package::packages_dir(root).join(format!("{PACKAGE}@{VERSION}.webc"))
}

pub fn run(sh: &Shell, root: &Path) -> Result<()> {
    let wasm = build_wasm(sh, root)?;
    let webc = write(root, &wasm)?;
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    eprintln!("packaged {PACKAGE}@{VERSION} (command `{COMMAND}`) as {}", shown(&webc));
    eprintln!("run it: wasmer run {} --dir . -- MAIN.wasm DEP.wasm -o OUT.wasm", shown(&webc));
    Ok(())
}

/// Builds `wasmer-link` for `wasm32-wasip1` into `target/wasm/wasmer-link.wasm`.
pub fn build_wasm(sh: &Shell, root: &Path) -> Result<PathBuf> {
    setup::wasi_target(sh)?;
    cmd!(sh, "cargo build --release --target {WASI_TARGET} -p wasmer-link --bin wasmer-link").run()?;
    let from = root.join("target").join(WASI_TARGET).join("release").join(format!("{COMMAND}.wasm"));
    let out = build::wasm_dir(root);
    std::fs::create_dir_all(&out).with_context(|| format!("creating `{}`", out.display()))?;
    let to = out.join(format!("{COMMAND}.wasm"));
    std::fs::copy(&from, &to).with_context(|| format!("copying `{}` to `{}`", from.display(), to.display()))?;
    eprintln!("built {}", to.strip_prefix(root).unwrap_or(&to).display());
    Ok(to)
}

/// The package's manifest: one WASI module, one command running it.
fn manifest() -> String {
    format!(
        r#"[package]
name = "{PACKAGE}"
version = "{VERSION}"
description = "wasmer-link: statically links WebAssembly modules into one, with canonical-ABI adapters between their memories"
license = "MIT OR Apache-2.0"
entrypoint = "{COMMAND}"

[[module]]
name = "{COMMAND}"
source = "{COMMAND}.wasm"
abi = "wasi"

[[command]]
name = "{COMMAND}"
module = "{COMMAND}"
runner = "wasi"
"#
    )
}

/// Writes the unpacked package and its `.webc`; returns the `.webc`'s path.
fn write(root: &Path, wasm: &Path) -> Result<PathBuf> {
    let (namespace, name) = PACKAGE.split_once('/').expect("PACKAGE is namespace/name");
    let dir = package::packages_dir(root).join(namespace).join(format!("{name}@{VERSION}"));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating `{}`", dir.display()))?;
    let module = dir.join(format!("{COMMAND}.wasm"));
    std::fs::copy(wasm, &module).with_context(|| format!("copying `{}` to `{}`", wasm.display(), module.display()))?;
    let text = manifest();
    // Wasmer's own reader must accept what we write.
    wasmer_config::package::Manifest::parse(&text)
        .map_err(|e| anyhow::anyhow!("the generated `wasmer.toml` is not valid: {}", e.message()))?;
    let manifest_path = dir.join("wasmer.toml");
    linker::output::write_atomically(&manifest_path, text.as_bytes())
        .with_context(|| format!("writing `{}`", manifest_path.display()))?;
    let webc = wasmer_package::package::Package::from_manifest(&manifest_path)
        .with_context(|| format!("reading the package `{}`", manifest_path.display()))?
        .serialize()
        .with_context(|| format!("building the container from `{}`", manifest_path.display()))?;
    let webc_path = webc_path(root);
    linker::output::write_atomically(&webc_path, &webc)
        .with_context(|| format!("writing `{}`", webc_path.display()))?;
    Ok(webc_path)
}
