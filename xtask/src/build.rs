//! `cargo xtask build`: compile the wasm crates ([`MODULES`] to
//! `wasm32-unknown-unknown`, the WASI example's [`WASI_MODULES`] to
//! `wasm32-wasip1`; release profile: small modules, and no second build of
//! the native dependencies) and copy them to `target/wasm/`, each with the
//! `.wit` interfaces it imports and exports embedded (`linker::embed`), so
//! the bare `.wasm` files link without `--wit`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use xshell::{cmd, Shell};

use crate::setup::{self, WASI_TARGET, WASM_TARGET};

/// The modules of the example, in the order they are built (package names;
/// the `.wasm` file is named after the library, `-` spelled `_`).
pub const MODULES: &[&str] = &[
    "dependency",
    "guest",
    "bench_block",
    "bench_pipeline",
    "rescale_block",
    "rescale_pipeline",
    // The image-rescale block written with today's wit-bindgen: it carries
    // its WIT world itself (no WAI interface is embedded).
    "witbindgen_block",
    "abi-callee",
    "abi-caller",
];

/// The WASI example's modules and the standard-library probe of the tests,
/// built for `wasm32-wasip1` as reactors (see `examples/wasi/reactor.rs`).
pub const WASI_MODULES: &[&str] = &["wasi_block", "wasi_pipeline", "wasi-std-probe"];

/// Every wasm-only package, whatever its target (none is built natively).
pub fn all_modules() -> impl Iterator<Item = &'static str> {
    MODULES.iter().chain(WASI_MODULES).copied()
}

/// `-p P` for each package.
pub fn package_args(packages: &[&str]) -> Vec<String> {
    packages.iter().flat_map(|m| ["-p".to_string(), m.to_string()]).collect()
}

/// Where `cargo xtask build` puts the `.wasm` files (and `link` puts `rune.wasm`).
pub fn wasm_dir(root: &Path) -> PathBuf {
    root.join("target").join("wasm")
}

pub fn run(sh: &Shell, root: &Path) -> Result<()> {
    setup::wasm_target(sh)?;
    setup::wasi_target(sh)?;
    let out = wasm_dir(root);
    std::fs::create_dir_all(&out).with_context(|| format!("creating `{}`", out.display()))?;
    for (target, modules) in [(WASM_TARGET, MODULES), (WASI_TARGET, WASI_MODULES)] {
        let packages = package_args(modules);
        cmd!(sh, "cargo build --release --target {target} {packages...}").run()?;
        for module in modules {
            let module = &module.replace('-', "_");
            let from = root.join("target").join(target).join("release").join(format!("{module}.wasm"));
            let to = out.join(format!("{module}.wasm"));
            let bytes = std::fs::read(&from).with_context(|| format!("reading `{}`", from.display()))?;
            let bytes = embed_interfaces(root, module, &bytes)?;
            std::fs::write(&to, bytes).with_context(|| format!("writing `{}`", to.display()))?;
            eprintln!("built {}", to.strip_prefix(root).unwrap_or(&to).display());
        }
    }
    Ok(())
}

/// Embeds the interfaces that `bindings::GLUE` says the module imports and exports.
fn embed_interfaces(root: &Path, module: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    use linker::embed::{Direction, Embedded};
    let Some(glue) = crate::bindings::GLUE.iter().find(|g| g.wasm == Some(module)) else {
        return Ok(bytes.to_vec());
    };
    let mut interfaces = Vec::new();
    for (direction, names) in [(Direction::Import, glue.imports), (Direction::Export, glue.exports)] {
        for name in names {
            let path = root.join(format!("{name}.wit"));
            let wit = std::fs::read_to_string(&path).with_context(|| format!("reading `{}`", path.display()))?;
            let name = Path::new(name).file_name().map_or(name.to_string(), |n| n.to_string_lossy().into_owned());
            interfaces.push(Embedded { direction, name, wit });
        }
    }
    linker::embed::embed(bytes, &interfaces).map_err(|why| anyhow::anyhow!("embedding interfaces in `{module}`: {why}"))
}
