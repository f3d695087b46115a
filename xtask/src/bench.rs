//! `cargo xtask bench [--quick]`: build the benchmark modules, then run the
//! `bench` runner. The real run uses the release profile and rewrites
//! `BENCHMARKS.md`; `--quick` runs every benchmark once or twice on tiny
//! inputs (the memory section still starts its fresh processes, one per
//! configuration) in the dev profile (the one the tests use, so CI builds
//! Wasmer only once) just to prove the benchmarks still execute, and writes
//! nothing.

use std::path::Path;

use anyhow::Result;
use xshell::{cmd, Shell};

use crate::{build, setup};

pub fn run(sh: &Shell, root: &Path, quick: bool) -> Result<()> {
    build::run(sh, root)?;
    // Section 11 runs the linker's own `.webc` against the native binary.
    crate::package_linker::run(sh, root)?;
    setup::libclang(sh)?;
    let wasm = build::wasm_dir(root);
    if quick {
        // Built together with `host`, so that cargo resolves the same
        // features of Wasmer and WASM3 as `cargo xtask test` does (the host's
        // `wasmer-wasix` turns on some) and reuses that build; `wasmer-link`
        // (section 11) beside the runner.
        cmd!(sh, "cargo build --quiet -p bench -p host -p wasmer-link").run()?;
        let runner = root.join("target").join("debug").join(format!("bench{}", std::env::consts::EXE_SUFFIX));
        cmd!(sh, "{runner} --quick --wasm-dir {wasm}").run()?;
    } else {
        let out = root.join("BENCHMARKS.md");
        cmd!(sh, "cargo build --release --quiet -p bench -p wasmer-link").run()?;
        let runner = root.join("target").join("release").join(format!("bench{}", std::env::consts::EXE_SUFFIX));
        cmd!(sh, "{runner} --wasm-dir {wasm} --write {out}").run()?;
    }
    Ok(())
}
