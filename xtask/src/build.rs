//! `cargo xtask build`: compile the wasm crates ([`MODULES`] to
//! `wasm32-unknown-unknown`, the WASI example's [`WASI_MODULES`] to
//! `wasm32-wasip1`; release profile: small modules, and no second build of
//! the native dependencies) and copy them to `target/wasm/`, each with the
//! `.wit` interfaces it imports and exports embedded (`linker::embed`), so
//! the bare `.wasm` files link without `--wit`. The components example's
//! crates ([`COMPONENT_MODULES`]) become components instead ([`components`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use xshell::{cmd, Shell};

use crate::setup::{self, WASIP2_TARGET, WASI_TARGET, WASM_TARGET};

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

/// The components example's crates (`examples/components/`), built by
/// [`components`] for `wasm32-unknown-unknown` into components that import
/// nothing but each other's interfaces, and for `wasm32-wasip2` into
/// components importing WASI 0.2. Their files are named after the package
/// without `components_`.
pub const COMPONENT_MODULES: &[&str] = &["components_block", "components_app"];

/// The WASI 0.2 example's crates (`examples/wasip2/`): a block and a
/// command, built by [`wasip2_example`] for `wasm32-wasip2` only.
pub const WASIP2_MODULES: &[&str] = &["wasip2_block", "wasip2_app"];

/// Every wasm-only package, whatever its target (none is built natively).
pub fn all_modules() -> impl Iterator<Item = &'static str> {
    MODULES.iter().chain(WASI_MODULES).chain(COMPONENT_MODULES).chain(WASIP2_MODULES).copied()
}

/// `-p P` for each package.
pub fn package_args(packages: &[&str]) -> Vec<String> {
    packages.iter().flat_map(|m| ["-p".to_string(), m.to_string()]).collect()
}

/// Where `cargo xtask build` puts the `.wasm` files (and `link` puts `rune.wasm`).
pub fn wasm_dir(root: &Path) -> PathBuf {
    root.join("target").join("wasm")
}

/// Where [`components`] puts the components example's files.
pub fn components_dir(root: &Path) -> PathBuf {
    wasm_dir(root).join("components")
}

pub fn run(sh: &Shell, root: &Path) -> Result<()> {
    setup::wasm_target(sh)?;
    setup::wasi_target(sh)?;
    setup::wasip2_target(sh)?;
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
    components(sh, root)?;
    wasip2_example(sh, root)
}

/// Where [`wasip2_example`] puts the WASI 0.2 example's files.
pub fn wasip2_dir(root: &Path) -> PathBuf {
    wasm_dir(root).join("wasip2")
}

/// The WASI 0.2 example, in `target/wasm/wasip2/`: `app.wasm` (a command
/// component) and `block.wasm` (a library component), as `wasm32-wasip2`'s
/// linker writes them, both importing WASI 0.2; and `composed.wasm`, the
/// app with its `fixture:store/files` import satisfied by the block
/// (`wasm-compose`), which a WASI 0.2 host runs as the oracle.
pub fn wasip2_example(sh: &Shell, root: &Path) -> Result<()> {
    let dir = wasip2_dir(root);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating `{}`", dir.display()))?;
    let packages = &package_args(WASIP2_MODULES);
    cmd!(sh, "cargo build --release --target {WASIP2_TARGET} {packages...}").run()?;
    for package in WASIP2_MODULES {
        let from = root.join("target").join(WASIP2_TARGET).join("release").join(format!("{package}.wasm"));
        let bytes = std::fs::read(&from).with_context(|| format!("reading `{}`", from.display()))?;
        let name = package.strip_prefix("wasip2_").unwrap_or(package);
        let to = dir.join(format!("{name}.wasm"));
        std::fs::write(&to, bytes).with_context(|| format!("writing `{}`", to.display()))?;
        eprintln!("built {}", to.strip_prefix(root).unwrap_or(&to).display());
    }
    let config = wasm_compose::config::Config {
        dir: dir.clone(),
        definitions: vec![dir.join("block.wasm")],
        ..Default::default()
    };
    let composed = wasm_compose::composer::ComponentComposer::new(&dir.join("app.wasm"), &config)
        .compose()
        .context("composing the WASI 0.2 example's `app.wasm` with `block.wasm` (wasm-compose)")?;
    wasmparser::Validator::new()
        .validate_all(&composed)
        .context("the composition of the WASI 0.2 example does not validate")?;
    let to = dir.join("composed.wasm");
    std::fs::write(&to, composed).with_context(|| format!("writing `{}`", to.display()))?;
    eprintln!("built {}", to.strip_prefix(root).unwrap_or(&to).display());
    Ok(())
}

/// The components example, in `target/wasm/components/`:
///
/// - `block.core.wasm`, `app.core.wasm`: the crates as `wit-bindgen` and
///   rustc leave them for `wasm32-unknown-unknown` (core modules carrying
///   their WIT world in a `component-type` custom section);
/// - `block.wasm`, `app.wasm`: those made components by `wit-component`'s
///   `ComponentEncoder` (what `wasm-tools component new` does); they import
///   nothing but `fixture:blocks/ops` (the app) and export it (the block);
/// - `composed.wasm`: the app with its import satisfied by the block
///   (`wasm-compose`, what `wasm-tools compose -d block.wasm app.wasm` does),
///   importing nothing;
/// - `wasip2/block.wasm`, `wasip2/app.wasm`: the same crates built for
///   `wasm32-wasip2`, whose linker (`wasm-component-ld`) writes components
///   that import WASI 0.2 (std's panic output, environment, exit, ...).
pub fn components(sh: &Shell, root: &Path) -> Result<()> {
    let dir = components_dir(root);
    let wasip2 = dir.join("wasip2");
    std::fs::create_dir_all(&wasip2).with_context(|| format!("creating `{}`", wasip2.display()))?;
    let packages = &package_args(COMPONENT_MODULES);
    let built = |target: &str, package: &str| {
        let path = root.join("target").join(target).join("release").join(format!("{package}.wasm"));
        std::fs::read(&path).with_context(|| format!("reading `{}`", path.display()))
    };
    let write = |path: PathBuf, bytes: &[u8]| -> Result<()> {
        std::fs::write(&path, bytes).with_context(|| format!("writing `{}`", path.display()))?;
        eprintln!("built {}", path.strip_prefix(root).unwrap_or(&path).display());
        Ok(())
    };

    cmd!(sh, "cargo build --release --target {WASM_TARGET} {packages...}").run()?;
    for package in COMPONENT_MODULES {
        let name = component_name(package);
        let core = built(WASM_TARGET, package)?;
        let component = wit_component::ComponentEncoder::default()
            .module(&core)
            .and_then(|encoder| encoder.validate(true).encode())
            .with_context(|| format!("making a component of `{package}` (wit-component)"))?;
        write(dir.join(format!("{name}.core.wasm")), &core)?;
        write(dir.join(format!("{name}.wasm")), &component)?;
    }
    let config = wasm_compose::config::Config {
        dir: dir.clone(),
        definitions: vec![dir.join("block.wasm")],
        disallow_imports: true,
        ..Default::default()
    };
    let app = dir.join("app.wasm");
    let composed = wasm_compose::composer::ComponentComposer::new(&app, &config)
        .compose()
        .context("composing `app.wasm` with `block.wasm` (wasm-compose)")?;
    wasmparser::Validator::new()
        .validate_all(&composed)
        .context("the composition of `app.wasm` and `block.wasm` does not validate")?;
    write(dir.join("composed.wasm"), &composed)?;

    cmd!(sh, "cargo build --release --target {WASIP2_TARGET} {packages...}").run()?;
    for package in COMPONENT_MODULES {
        write(wasip2.join(format!("{}.wasm", component_name(package))), &built(WASIP2_TARGET, package)?)?;
    }
    Ok(())
}

/// `components_block` is `block`.
fn component_name(package: &str) -> &str {
    package.strip_prefix("components_").unwrap_or(package)
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
