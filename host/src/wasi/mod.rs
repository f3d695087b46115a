//! The WASI example (`examples/wasi/`), run by the host: a pipeline and a
//! block that both print through WASI and read environment variables,
//! either linked into one module (on Wasmer or WASM3) or wired at run time
//! on Wasmer (the oracle).
//!
//! The protocol is the same for every run: call `_initialize` once if the
//! module exports it (for the wired pair: the block's, then the pipeline's),
//! then `run()`. `--initialize-calls N` calls it N times instead, as some
//! runners do (`wasmer run --invoke` in Wasmer 7.4 calls it twice): a
//! linked module runs each reactor's `_initialize` once however often it
//! is called, where an unlinked wasi-libc reactor traps on the second call. The guest's environment is exactly what the command line
//! gives (`--env KEY=VALUE`), never the host process's. Its stdout is the
//! host's own on every engine, so a run's output is just the guest's lines.
//!
//! - [`wasmer_run`]: one module on Wasmer with `wasmer-wasix`;
//! - [`wired`]: the pipeline and the block as two instances, each with its
//!   own WASI environment, the pipeline's `block.shout` served by host code;
//! - [`command`]: a Wasmer package's command, as `wasmer run PACKAGE.webc`
//!   runs it (the linker's own package);
//! - [`wasm3_run`]: one module on WASM3, whose own WASI is used except for
//!   the environment (WASM3 0.4.7 leaves `environ_get` empty), the
//!   arguments and `proc_exit`;
//! - [`dir`]: `--dir DIR` on Wasmer, the guest's preopened directory served
//!   from memory; `wasm3_files`: the preview 1 file functions WASM3
//!   lacks or gets wrong, for files on WASM3.

use std::path::Path;

use anyhow::{bail, Context, Result};

#[allow(dead_code, unused_imports, unused_mut, clippy::all)]
pub mod calls;
pub mod command;
mod dir;
mod stdio;
#[cfg(unix)]
mod wasm3_files;
mod wasm3_run;
mod wasmer_run;
mod wired;

use crate::Engine;

/// How a run ended, when it did not trap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// `run` returned.
    Returned,
    /// The guest called `proc_exit` with this code.
    Exited(u32),
}

/// One module: a pipeline linked with its blocks (or a linked command),
/// whose only imports are WASI's. The guest's `argv` is the module's file
/// name and `args`. With `dir` (`--dir DIR`), the guest has one preopened
/// directory, `dir`: on Wasmer it is served from memory, copied in before
/// the run and written back after it ([`dir`]); on WASM3, whose WASI
/// preopens the process's current directory, this process changes its
/// current directory to `dir` first.
pub fn run_linked(
    engine: Engine,
    module: &Path,
    env: &[(String, String)],
    args: &[String],
    dir: Option<&Path>,
    initialize_calls: u32,
) -> Result<Exit> {
    let bytes = std::fs::read(module).with_context(|| format!("reading `{}`", module.display()))?;
    if let Some(dir) = dir {
        if !dir.is_dir() {
            bail!("`--dir {}`: not a directory", dir.display());
        }
    }
    match engine {
        Engine::Wasm3 => {
            if let Some(dir) = dir {
                std::env::set_current_dir(dir)
                    .with_context(|| format!("`--dir {}`: making it the current directory", dir.display()))?;
            }
            wasm3_run::run(module, bytes, env, args, initialize_calls)
        }
        _ => wasmer_run::with_runtime(|| wasmer_run::run(engine, module, &bytes, env, args, dir, initialize_calls)),
    }
}

/// The pipeline and the block as two instances wired at run time (Wasmer only).
pub fn run_wired(
    engine: Engine,
    pipeline: &Path,
    block: &Path,
    env: &[(String, String)],
    initialize_calls: u32,
) -> Result<Exit> {
    if engine == Engine::Wasm3 {
        bail!("the wasm3 engine runs one linked module: link the pipeline and the block first");
    }
    let read = |path: &Path| std::fs::read(path).with_context(|| format!("reading `{}`", path.display()));
    let (pipeline_bytes, block_bytes) = (read(pipeline)?, read(block)?);
    wasmer_run::with_runtime(|| {
        wired::run(engine, (pipeline, &pipeline_bytes), (block, &block_bytes), env, initialize_calls)
    })
}

/// `KEY=VALUE` as the command line gives it.
pub fn parse_env(text: &str) -> Result<(String, String)> {
    let Some((key, value)) = text.split_once('=') else {
        bail!("`--env {text}`: expected KEY=VALUE");
    };
    if key.is_empty() || key.contains('\0') || value.contains('\0') {
        bail!("`--env {text}`: the name must be non-empty, and neither part may contain a NUL byte");
    }
    Ok((key.to_string(), value.to_string()))
}

/// The environment as WASI hands it over: `KEY=VALUE` strings.
fn environ(env: &[(String, String)]) -> Vec<String> {
    env.iter().map(|(key, value)| format!("{key}={value}")).collect()
}
