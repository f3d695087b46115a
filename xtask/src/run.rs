//! `cargo xtask run`: the main job. Build the modules, link them into
//! `target/wasm/rune.wasm`, and run that one module on the host.
//! `cargo xtask run --example image-rescale [--engine E]` does the same for
//! the second example (`target/wasm/rescale.wasm`), `--example wit-bindgen
//! [--engine E]` for the same pipeline linked with the block written with
//! today's wit-bindgen (`target/wasm/rescale_wit.wasm`), and `--example wasi
//! [--engine E]` for the WASI example (`target/wasm/wasi.wasm`, run with
//! `--env BLOCK_STYLE=loud`), and `--example components [--engine E]` for
//! the components example (two components linked into
//! `target/wasm/components.wasm`), and `--example wasip2 [--engine E]` for
//! the WASI 0.2 example (a command and a block, `wasm32-wasip2` components,
//! linked into `target/wasm/wasip2.wasm` and run in `target/wasm/store/`).

use std::path::Path;

use anyhow::{Context, Result};
use xshell::{cmd, Shell};

use crate::{build, link};

pub fn run(sh: &Shell, root: &Path, host_args: &[&str]) -> Result<()> {
    build::run(sh, root)?;
    crate::setup::libclang(sh)?;
    if let ["--example", "image-rescale", rest @ ..] = host_args {
        let linked = link::rescale(root)?;
        cmd!(sh, "cargo run --quiet -p host -- --example image-rescale {rest...} {linked}").run()?;
        return Ok(());
    }
    if let ["--example", "wit-bindgen", rest @ ..] = host_args {
        // The image-rescale pipeline with the block written with wit-bindgen:
        // the host runs it exactly as it runs the WAI example.
        let linked = link::rescale_wit(root)?;
        cmd!(sh, "cargo run --quiet -p host -- --example image-rescale {rest...} {linked}").run()?;
        return Ok(());
    }
    if let ["--example", "wasi", rest @ ..] = host_args {
        let linked = link::wasi(root)?;
        cmd!(sh, "cargo run --quiet -p host -- --example wasi --env BLOCK_STYLE=loud {rest...} {linked}").run()?;
        return Ok(());
    }
    if let ["--example", "components", rest @ ..] = host_args {
        let linked = link::components(root)?;
        cmd!(sh, "cargo run --quiet -p host -- --example components {rest...} {linked}").run()?;
        return Ok(());
    }
    if let ["--example", "wasip2", rest @ ..] = host_args {
        let linked = link::wasip2(root)?;
        let store = build::wasm_dir(root).join("store");
        std::fs::create_dir_all(&store).with_context(|| format!("creating `{}`", store.display()))?;
        let input = store.join("input.txt");
        std::fs::write(&input, "one\ntwo\nthree\n").with_context(|| format!("writing `{}`", input.display()))?;
        eprintln!("running in {} (preopened; the block keeps note.txt there)", store.display());
        cmd!(sh, "cargo run --quiet -p host -- --example wasi --env GREETING=Wasmer --env BLOCK_STYLE=loud --dir {store} {rest...} {linked}")
            .run()?;
        return Ok(());
    }
    let rune = link::run(root, None)?;
    cmd!(sh, "cargo run --quiet -p host -- {host_args...} {rune}").run()?;
    Ok(())
}
