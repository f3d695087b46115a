//! A native Wasmer program that runs the example pipeline.
//!
//! ```text
//! host [--engine cranelift|singlepass|wasm3] rune.wasm            # one linked module
//! host [--engine cranelift|singlepass] guest.wasm dependency.wasm # wired at run time
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
use host::{run, Args, Engine};

const USAGE: &str = "\
usage: host [--engine ENGINE] [--example image-rescale] MODULE.wasm [DEPENDENCY.wasm]

Runs the example pipeline: provides `host.print`, then calls `loaded()`.
With `--example image-rescale`, runs the image-rescale pipeline on a few
inputs instead and prints what each call returned.

arguments:
  MODULE.wasm       the pipeline; with no DEPENDENCY, a linked module whose only
                    imports are `host.*` (e.g. rune.wasm from `cargo xtask link`)
  DEPENDENCY.wasm   the `dependency` processing block, wired to the pipeline at
                    run time by host code that copies strings between memories

options:
  --engine ENGINE   cranelift (default) or singlepass (Wasmer 7 compilers), or
                    wasm3 (interpreter; one linked module of the portable profile)
  --example NAME    image-rescale: the second example (examples/image-rescale)
  -h, --help        show this help

examples:
  host rune.wasm
  host --engine singlepass guest.wasm dependency.wasm
  host --engine wasm3 rune.wasm
";

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Args>> {
    let mut engine = Engine::Cranelift;
    let mut rescale = false;
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
                Some("image-rescale") => rescale = true,
                other => bail!("unknown example `{}`: expected image-rescale", other.unwrap_or("")),
            },
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`"),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    let mut files = files.into_iter();
    let Some(module) = files.next() else {
        bail!("missing MODULE.wasm");
    };
    let dependency = files.next();
    if let Some(extra) = files.next() {
        bail!("unexpected argument `{}`: give at most two modules", extra.display());
    }
    Ok(Some(Args { engine, rescale, module, dependency }))
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(None) => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some(args)) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
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
