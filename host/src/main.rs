//! A native Wasmer program that runs the example pipeline.
//!
//! ```text
//! host [--engine cranelift|singlepass|wasm3] rune.wasm            # one linked module
//! host [--engine cranelift|singlepass] guest.wasm dependency.wasm # wired at run time
//! host --example wasi [--engine E] [--env K=V]... wasi.wasm       # the WASI example, linked
//! host --example wasi [--engine E] [--arg A]... [--dir DIR] cmd.wasm # a linked WASI command
//! host --example wasi [--env K=V]... pipeline.wasm block.wasm     # ... wired at run time
//! host --example components [--engine E] linked.wasm               # two components, linked
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

use clap::{CommandFactory, Parser, ValueEnum};
use host::wasi::{self, Exit};
use host::{run, Args, Engine, Example};

const ABOUT: &str = "Run the example pipeline on Wasmer or WASM3";

const LONG_ABOUT: &str = "\
Runs the example pipeline: provides `host.print`, then calls `loaded()`.
With `--example image-rescale`, runs the image-rescale pipeline on a few
inputs instead and prints what each call returned.
With `--example wasi`, runs the WASI example (examples/wasi): provides WASI
(the guest prints to this program's stdout and sees only the `--env`
variables, the `--arg` arguments after its file name, and with `--dir DIR` one
preopened directory), calls `_initialize` once if the module exports it (N
times with `--initialize-calls N`), then `run()` (or `_start`, for a command
such as a linked `wasm32-wasip2` program).
With `--example components`, runs the components example (examples/components)
linked into one core module: prints `run(seed)` for a few seeds, then how
many of the block's tensors are alive.

Exit status: 0 on success, 1 on an error or trap, 2 on bad arguments; a WASI
guest that calls `proc_exit(N)` makes the host exit with N.";

const EXAMPLES: &str = "\
Examples:
  host rune.wasm
  host --engine singlepass guest.wasm dependency.wasm
  host --engine wasm3 rune.wasm
  host --example wasi --engine wasm3 --env BLOCK_STYLE=loud wasi.wasm
  host --example wasi --env BLOCK_STYLE=loud wasi_pipeline.wasm wasi_block.wasm
  host --example wasi --engine wasm3 --arg x --dir ./data linked-command.wasm
  host --example components --engine wasm3 components.wasm";

#[derive(Parser)]
#[command(name = "host", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES)]
struct Cli {
    /// The pipeline: a linked module whose only imports are `host.*` (or WASI's
    /// with `--example wasi`), e.g. rune.wasm from `cargo xtask link`
    #[arg(value_name = "MODULE.wasm")]
    module: PathBuf,

    /// The `dependency` processing block (or, with `--example wasi`, the
    /// `block`), wired to the pipeline at run time by host code that copies
    /// data between memories (Wasmer only)
    #[arg(value_name = "DEPENDENCY.wasm")]
    dependency: Option<PathBuf>,

    /// cranelift or singlepass (Wasmer 7 compilers), or wasm3 (interpreter;
    /// one linked module of the portable profile)
    #[arg(long, value_enum, default_value = "cranelift")]
    engine: EngineArg,

    /// Which example the modules are: image-rescale (examples/image-rescale),
    /// wasi (examples/wasi) or components (examples/components); the
    /// greeting example when absent
    #[arg(long, value_enum)]
    example: Option<ExampleArg>,

    /// With `--example wasi`: an environment variable for the guest
    /// (repeatable; the host's own environment is not passed)
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_env)]
    env: Vec<(String, String)>,

    /// With `--example wasi`: call the module's `_initialize` N times before
    /// `run()`, as some runners do (`wasmer run --invoke` in Wasmer 7.4 calls
    /// it twice). A linked module runs each reactor's `_initialize` once
    /// however often it is called; an unlinked wasi-libc reactor traps on the
    /// second call
    #[arg(long, value_name = "N", default_value_t = 1)]
    initialize_calls: u32,

    /// With `--example wasi`: an argument for the guest after `argv[0]`,
    /// which is the module's file name (repeatable)
    #[arg(long = "arg", value_name = "VALUE", allow_hyphen_values = true)]
    guest_args: Vec<String>,

    /// With `--example wasi`: give the guest DIR as its one preopened
    /// directory (named `/` on Wasmer, `./` on WASM3). On Wasmer, DIR's
    /// files and subdirectories are copied into memory before the run and
    /// what the guest leaves there replaces DIR's contents after it; on
    /// WASM3, whose WASI preopens the current directory, the host makes DIR
    /// its current directory (and serves the file-system functions WASM3's
    /// WASI lacks)
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum EngineArg {
    /// Wasmer with its cranelift compiler
    #[value(alias = "wasmer")]
    Cranelift,
    /// Wasmer with its singlepass compiler
    Singlepass,
    /// The WASM3 interpreter
    Wasm3,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExampleArg {
    /// The second example: every WAI type
    ImageRescale,
    /// The WASI example
    Wasi,
    /// The components example, linked
    Components,
}

fn parse_env(text: &str) -> Result<(String, String), String> {
    wasi::parse_env(text).map_err(|err| format!("{err:#}"))
}

impl Cli {
    fn args(self) -> Result<Args, clap::Error> {
        let example = match self.example {
            None => Example::Hello,
            Some(ExampleArg::ImageRescale) => Example::ImageRescale,
            Some(ExampleArg::Wasi) => Example::Wasi,
            Some(ExampleArg::Components) => Example::Components,
        };
        if self.initialize_calls != 1 && example != Example::Wasi {
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "`--initialize-calls` is for WASI reactors: use it with `--example wasi`",
            ));
        }
        if !self.env.is_empty() && example != Example::Wasi {
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "`--env` sets the environment of a WASI guest: use it with `--example wasi`",
            ));
        }
        if (!self.guest_args.is_empty() || self.dir.is_some()) && example != Example::Wasi {
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "`--arg` and `--dir` are for a WASI guest: use them with `--example wasi`",
            ));
        }
        if (!self.guest_args.is_empty() || self.dir.is_some()) && self.dependency.is_some() {
            return Err(Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                "`--arg` and `--dir` are for one linked module, not a pipeline and a block wired at run time",
            ));
        }
        let engine = match self.engine {
            EngineArg::Cranelift => Engine::Cranelift,
            EngineArg::Singlepass => Engine::Singlepass,
            EngineArg::Wasm3 => Engine::Wasm3,
        };
        let initialize_calls = self.initialize_calls;
        Ok(Args {
            engine,
            example,
            env: self.env,
            initialize_calls,
            args: self.guest_args,
            dir: self.dir,
            module: self.module,
            dependency: self.dependency,
        })
    }
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
    let args = Cli::parse().args().unwrap_or_else(|err| err.exit());
    match run(&args) {
        Ok(Exit::Returned | Exit::Exited(0)) => ExitCode::SUCCESS,
        Ok(Exit::Exited(code)) => {
            eprintln!("error: the guest exited with code {code} (`proc_exit`)");
            ExitCode::from(exit_status(code))
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
