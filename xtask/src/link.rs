//! `cargo xtask link [--profile P]`: link `target/wasm/guest.wasm` and
//! `target/wasm/dependency.wasm` into `target/wasm/rune.wasm` with the
//! `linker` library (the same call `wasmer-link` makes).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use linker::{Linker, Profile};

use crate::build;

/// A module `cargo xtask build` put in `target/wasm/`.
fn read(root: &Path, name: &str) -> Result<Vec<u8>> {
    let path = build::wasm_dir(root).join(format!("{name}.wasm"));
    std::fs::read(&path).with_context(|| format!("reading `{}` (run `cargo xtask build` first)", path.display()))
}

/// Writes `target/wasm/<name>.wasm` atomically, as `wasmer-link` does
/// (`linker::output`: a temporary file beside it, then a rename).
fn write(root: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let out = build::wasm_dir(root).join(format!("{name}.wasm"));
    linker::output::write_atomically(&out, bytes).with_context(|| format!("writing `{}`", out.display()))?;
    eprintln!("linked {} ({} bytes)", out.strip_prefix(root).unwrap_or(&out).display(), bytes.len());
    Ok(out)
}

/// Links the built example; returns the path of `rune.wasm`.
pub fn run(root: &Path, profile: Option<Profile>) -> Result<PathBuf> {
    let read = |name: &str| read(root, name);
    let wit = |name: &str| {
        let path = root.join(format!("{name}.wit"));
        std::fs::read_to_string(&path).with_context(|| format!("reading `{}`", path.display()))
    };
    let mut linker = Linker::new().module("guest", read("guest")?).module("dependency", read("dependency")?);
    for name in ["dependency", "host"] {
        linker = linker.interface(name, wit(name)?);
    }
    if let Some(profile) = profile {
        linker = linker.profile(profile);
    }
    write(root, "rune", &linker.link()?)
}

/// Links the image-rescale example (`examples/image-rescale`) into
/// `target/wasm/rescale.wasm`; the modules carry their interfaces.
pub fn rescale(root: &Path) -> Result<PathBuf> {
    let bytes = Linker::new()
        .module("pipeline", read(root, "rescale_pipeline")?)
        .module("rescale", read(root, "rescale_block")?)
        .link()?;
    write(root, "rescale", &bytes)
}

/// Links the image-rescale pipeline (WAI) with the same block written with
/// today's wit-bindgen (`examples/wit-bindgen`) into
/// `target/wasm/rescale_wit.wasm`: the pipeline carries its WAI interfaces,
/// the block its WIT world.
pub fn rescale_wit(root: &Path) -> Result<PathBuf> {
    let bytes = Linker::new()
        .module("pipeline", read(root, "rescale_pipeline")?)
        .module("rescale", read(root, "witbindgen_block")?)
        .link()?;
    write(root, "rescale_wit", &bytes)
}

/// Links the WASI example (`examples/wasi`) into `target/wasm/wasi.wasm`; the
/// modules carry their interfaces, and the output imports only WASI.
pub fn wasi(root: &Path) -> Result<PathBuf> {
    let bytes = Linker::new()
        .module("pipeline", read(root, "wasi_pipeline")?)
        .module("block", read(root, "wasi_block")?)
        .link()?;
    write(root, "wasi", &bytes)
}

/// Links the components example (`examples/components`): the app and the
/// block, both components, into ONE core module,
/// `target/wasm/components.wasm` (`portable`, so WASM3 runs it too). The
/// block is found by the interface it exports: no `NAME=`.
pub fn components(root: &Path) -> Result<PathBuf> {
    let read = |file: &str| {
        let path = build::components_dir(root).join(file);
        std::fs::read(&path).with_context(|| format!("reading `{}` (run `cargo xtask build` first)", path.display()))
    };
    let bytes = Linker::new().module("app", read("app.wasm")?).module("block", read("block.wasm")?).link()?;
    write(root, "components", &bytes)
}

/// Links the WASI 0.2 example (`examples/wasip2`): the command and the
/// block, `wasm32-wasip2` components, into ONE core command,
/// `target/wasm/wasip2.wasm` (`portable`), whose imports are preview 1's.
pub fn wasip2(root: &Path) -> Result<PathBuf> {
    let read = |file: &str| {
        let path = build::wasip2_dir(root).join(file);
        std::fs::read(&path).with_context(|| format!("reading `{}` (run `cargo xtask build` first)", path.display()))
    };
    let bytes = Linker::new().module("app", read("app.wasm")?).module("block", read("block.wasm")?).link()?;
    write(root, "wasip2", &bytes)
}
