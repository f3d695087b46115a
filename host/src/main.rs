//! A native Wasmer program that runs the example pipeline.
//!
//! ```text
//! host [--engine cranelift|singlepass|wasm3] rune.wasm            # one linked module
//! host [--engine cranelift|singlepass] guest.wasm dependency.wasm # wired at run time
//! host --example wasi [--engine E] [--env K=V]... wasi.wasm       # the WASI example, linked
//! host --example wasi [--env K=V]... pipeline.wasm block.wasm     # ... wired at run time
//! ```
//!
//! Engines: Wasmer 7 with its cranelift (default) or singlepass compiler, or
//! the WASM3 interpreter (for devices Wasmer cannot serve), which runs
//! modules linked with the `portable` profile. `host.print` is implemented
//! once (`host::Console`) and shared by every engine; the engines and the
//! wiring live in the library half (`lib.rs`), this file is the command line.
//!
//! It provides `host.print` to every module and calls the pipeline's
//! `loaded()`. Given two modules it wires them at run time *correctly*: the
//! guest's `dependency.greet` import is a host function that copies the string
//! out of the guest's memory and into the dependency's (the dependency's
//! `canonical_abi_realloc` allocates it) before calling the dependency's export,
//! and `host.print` reads the memory of whichever module called it. That
//! run-time wiring is the oracle the statically linked module is compared with.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use host::wasi::{self, Exit};
use host::{run, Args, Engine, Example};

const USAGE: &str = "\
usage: host [--engine ENGINE] [--example image-rescale] MODULE.wasm [DEPENDENCY.wasm]
       host --example wasi [--engine ENGINE] [--env KEY=VALUE]... MODULE.wasm [BLOCK.wasm]

Runs the example pipeline: provides `host.print`, then calls `loaded()`.
With `--example image-rescale`, runs the image-rescale pipeline on a few
inputs instead and prints what each call returned.
With `--example wasi`, runs the WASI example (examples/wasi): provides WASI
(the guest prints to this program's stdout and sees only the `--env`
variables), calls `_initialize` once if the module exports it, then `run()`.

arguments:
  MODULE.wasm       the pipeline; with no DEPENDENCY, a linked module whose only
                    imports are `host.*` (e.g. rune.wasm from `cargo xtask link`),
                    or WASI's with `--example wasi`
  DEPENDENCY.wasm   the `dependency` processing block, wired to the pipeline at
                    run time by host code that copies strings between memories
  BLOCK.wasm        with `--example wasi`: the `block`, wired to the pipeline at
                    run time, each with its own WASI (Wasmer only; the block's
                    `_initialize` runs first)

options:
  --engine ENGINE   cranelift (default) or singlepass (Wasmer 7 compilers), or
                    wasm3 (interpreter; one linked module of the portable profile)
  --example NAME    image-rescale: the second example (examples/image-rescale)
                    wasi: the WASI example (examples/wasi)
  --env KEY=VALUE   with `--example wasi`: an environment variable for the
                    guest (repeatable; the host's own environment is not passed)
  -h, --help        show this help

exit status: 0 on success, 1 on an error or trap, 2 on bad arguments; a WASI
guest that calls `proc_exit(N)` makes the host exit with N.

examples:
  host rune.wasm
  host --engine singlepass guest.wasm dependency.wasm
  host --engine wasm3 rune.wasm
  host --example wasi --engine wasm3 --env BLOCK_STYLE=loud wasi.wasm
  host --example wasi --env BLOCK_STYLE=loud wasi_pipeline.wasm wasi_block.wasm
";

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Args>> {
    let mut engine = Engine::Cranelift;
    let mut example = Example::Hello;
    let mut env = Vec::new();
    let mut files = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--engine" => {
                let value = args.next().context("`--engine` needs a value: cranelift, singlepass or wasm3")?;
                engine = match value.as_str() {
                    "cranelift" | "wasmer" => Engine::Cranelift,
                    "singlepass" => Engine::Singlepass,
                    "wasm3" => Engine::Wasm3,
                    other => bail!("unknown engine `{other}`: expected cranelift, singlepass or wasm3"),
                };
            }
            "--example" => match args.next().as_deref() {
                Some("image-rescale") => example = Example::ImageRescale,
                Some("wasi") => example = Example::Wasi,
                other => bail!("unknown example `{}`: expected image-rescale or wasi", other.unwrap_or("")),
            },
            "--env" => env.push(wasi::parse_env(&args.next().context("`--env` needs a value: KEY=VALUE")?)?),
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`"),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    if !env.is_empty() && example != Example::Wasi {
        bail!("`--env` sets the environment of a WASI guest: use it with `--example wasi`");
    }
    let mut files = files.into_iter();
    let Some(module) = files.next() else {
        bail!("missing MODULE.wasm");
    };
    let dependency = files.next();
    if let Some(extra) = files.next() {
        bail!("unexpected argument `{}`: give at most two modules", extra.display());
    }
    Ok(Some(Args { engine, example, env, module, dependency }))
}

/// The host's exit status for a guest's `proc_exit(code)` (never 0 for a
/// non-zero code, which a plain `code % 256` could give).
fn exit_status(code: u32) -> u8 {
    match (code % 256) as u8 {
        0 if code != 0 => 1,
        status => status,
    }
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(None) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some(args)) => match run(&args) {
            Ok(Exit::Returned | Exit::Exited(0)) => ExitCode::SUCCESS,
            Ok(Exit::Exited(code)) => {
                eprintln!("error: the guest exited with code {code} (`proc_exit`)");
                ExitCode::from(exit_status(code))
            }
            Err(err) => {
                eprintln!("error: {err:#}");
                ExitCode::FAILURE
            }
        },
        Err(err) => {
            eprintln!("error: {err:#}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
