//! `cargo xtask build`: compile `dependency` and `guest` to
//! `wasm32-unknown-unknown` (release profile: small modules, and no second
//! build of the native dependencies) and copy them to `target/wasm/`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use xshell::{cmd, Shell};

use crate::setup::{self, WASM_TARGET};

/// The modules of the example, in the order they are built.
pub const MODULES: &[&str] = &["dependency", "guest"];

/// Where `cargo xtask build` puts the `.wasm` files (and `link` puts `rune.wasm`).
pub fn wasm_dir(root: &Path) -> PathBuf {
    root.join("target").join("wasm")
}

pub fn run(sh: &Shell, root: &Path) -> Result<()> {
    setup::wasm_target(sh)?;
    let packages: Vec<String> = MODULES.iter().flat_map(|m| ["-p".to_string(), m.to_string()]).collect();
    cmd!(sh, "cargo build --release --target {WASM_TARGET} {packages...}").run()?;
    let out = wasm_dir(root);
    std::fs::create_dir_all(&out).with_context(|| format!("creating `{}`", out.display()))?;
    for module in MODULES {
        let from = root.join("target").join(WASM_TARGET).join("release").join(format!("{module}.wasm"));
        let to = out.join(format!("{module}.wasm"));
        std::fs::copy(&from, &to).with_context(|| format!("copying `{}` to `{}`", from.display(), to.display()))?;
        eprintln!("built {}", to.strip_prefix(root).unwrap_or(&to).display());
    }
    Ok(())
}
