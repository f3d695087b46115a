//! `cargo xtask test`: everything the tests need, then the tests. Builds the
//! example's wasm modules first (tests find them in `target/wasm/`, see
//! `RUNE_WASM_DIR`) and packages `dependency` (`cargo xtask package`, in
//! `target/wapm_packages/`, see `RUNE_PACKAGES_DIR`) and the linker itself
//! (`cargo xtask package-linker`), so that no test has to
//! run cargo itself. One exception: `linker/tests/debuginfo_builds.rs`
//! builds debug variants of the example and image-rescale with `cargo build
//! --offline` into its own directory (`target/tmp/debuginfo-builds`), as
//! they differ from what `target/wasm/` holds.

use std::path::Path;

use anyhow::Result;
use xshell::{cmd, Shell};

use crate::build;

pub fn run(sh: &Shell, root: &Path, extra: &[&str]) -> Result<()> {
    build::run(sh, root)?;
    crate::setup::libclang(sh)?;
    crate::setup::llvm_dwarfdump(sh)?;
    let dir = build::wasm_dir(root);
    let _env = sh.push_env("RUNE_WASM_DIR", &dir);
    // The `.webc` that `linker/tests/packages.rs` reads back.
    crate::package::example(root)?;
    // The linker's own `.webc` (wasm32-wasip1) that `host/tests/linker_package.rs` runs.
    crate::package_linker::run(sh, root)?;
    let _packages = sh.push_env("RUNE_PACKAGES_DIR", crate::package::packages_dir(root));
    // The wasm-only crates are built by `build::run`, not natively.
    let excludes: Vec<String> = build::all_modules().flat_map(|p| ["--exclude".to_string(), p.to_string()]).collect();
    // The differential and property tests print what they covered (cases,
    // engines); `--show-output` puts that in the log.
    let show: &[&str] = if extra.is_empty() { &["--", "--show-output"] } else { &[] };
    cmd!(sh, "cargo test --workspace {excludes...} {extra...} {show...}").run()?;
    Ok(())
}
