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
//! once ([`Console`]) and shared by every engine.
//!
//! It provides `host.print` to every module and calls the pipeline's
//! `loaded()`. Given two modules it wires them at run time *correctly*: the
//! guest's `dependency.greet` import is a host function that copies the string
//! out of the guest's memory and into the dependency's (the dependency's
//! `canonical_abi_realloc` allocates it) before calling the dependency's export,
//! and `host.print` reads the memory of whichever module called it. That
//! run-time wiring is the oracle the statically linked module is compared with.
//!
//! Architecture invariant: the host knows nothing about linking. A linked
//! module is just a module whose only imports are `host.*`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Imports, Memory, Module, RuntimeError, Store};

// Generated glue: not every generated item is used by this program.
#[allow(dead_code, unused_imports, unused_mut)]
mod bindings;

use bindings::{dependency::Dependency, guest::Guest, host};

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

/// Which Wasmer compiler runs the modules.
#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Cranelift,
    Singlepass,
    Wasm3,
}

struct Args {
    engine: Engine,
    rescale: bool,
    module: PathBuf,
    dependency: Option<PathBuf>,
}

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

fn run(args: &Args) -> Result<()> {
    if args.rescale {
        return run_rescale(args);
    }
    let mut store = match args.engine {
        Engine::Cranelift => Store::new(wasmer::sys::Cranelift::default()),
        Engine::Singlepass => Store::new(wasmer::sys::Singlepass::default()),
        Engine::Wasm3 => {
            if args.dependency.is_some() {
                bail!("the wasm3 engine runs one linked module: link the pipeline first (`cargo xtask link`)");
            }
            let bytes = std::fs::read(&args.module).with_context(|| format!("reading `{}`", args.module.display()))?;
            return wasm3_engine::run(&args.module, bytes);
        }
    };
    let module = load(&store, &args.module)?;
    match &args.dependency {
        None => run_linked(&mut store, &module),
        Some(path) => {
            let dependency = load(&store, path)?;
            run_wired(&mut store, &module, &dependency)
        }
    }
}

fn load(store: &Store, path: &PathBuf) -> Result<Module> {
    let bytes = std::fs::read(path).with_context(|| format!("reading `{}`", path.display()))?;
    Module::new(store, bytes).with_context(|| format!("compiling `{}`", path.display()))
}

/// The image-rescale example: a few calls of every case, printed.
fn run_rescale(args: &Args) -> Result<()> {
    use rescale::Runner;
    let module = std::fs::read(&args.module).with_context(|| format!("reading `{}`", args.module.display()))?;
    let mut runner: Box<dyn Runner> = match (&args.dependency, args.engine) {
        (Some(_), Engine::Wasm3) => bail!("the wasm3 engine runs one linked module"),
        (Some(block), engine) => {
            let block = std::fs::read(block).with_context(|| format!("reading `{}`", block.display()))?;
            Box::new(rescale::Wired::new(engine, &module, &block)?)
        }
        (None, Engine::Wasm3) => Box::new(rescale::Wasm3::new(&module)?),
        (None, engine) => Box::new(rescale::Linked::new(engine, &module)?),
    };
    for case in 0..5 {
        for (seed, size) in [(1, 16), (2, 0), (3, 300)] {
            println!("{}", runner.run(case, seed, size)?);
        }
    }
    Ok(())
}

/// The host's implementation of `host.wit`, the same for every module and
/// every engine.
struct Console;

impl host::Host for Console {
    fn print(&mut self, msg: &str) {
        println!("[*] {msg}");
    }
}

mod rescale;
mod wasm3_engine;

/// One module whose only imports are `host.*`.
fn run_linked(store: &mut Store, module: &Module) -> Result<()> {
    let mut imports = Imports::new();
    let init = host::add_to_imports(store, &mut imports, Console);
    let (guest, instance) = Guest::instantiate(&mut *store, module, &mut imports)?;
    init(&instance, store)?;
    guest.loaded(store).context("calling `loaded`")?;
    Ok(())
}

/// What the guest's `dependency.greet` import needs: the guest's memory to
/// read the argument from, and the dependency's exports to call.
struct GreetForward {
    guest_memory: Option<Memory>,
    dependency: Dependency,
}

/// The guest's `dependency.greet(ptr, len)`: lift the string out of the
/// guest's memory (the guest keeps ownership), then let the generated glue
/// lower it into the dependency's memory and call the export.
fn greet_forward(mut env: FunctionEnvMut<GreetForward>, ptr: i32, len: i32) -> Result<(), RuntimeError> {
    let (forward, mut store) = env.data_and_store_mut();
    let memory = forward
        .guest_memory
        .as_ref()
        .ok_or_else(|| RuntimeError::new("`dependency.greet` called before the guest was instantiated"))?;
    let start = ptr as u32 as u64;
    let end = start + len as u32 as u64;
    let bytes = memory.view(&store).copy_range_to_vec(start..end).map_err(|err| {
        RuntimeError::new(format!("`dependency.greet`: name at {start}..{end} is outside the guest's memory: {err}"))
    })?;
    let name =
        String::from_utf8(bytes).map_err(|_| RuntimeError::new("`dependency.greet`: name is not valid UTF-8"))?;
    forward.dependency.greet(&mut store, &name)
}

/// The guest and the dependency as two instances, wired by host code.
fn run_wired(store: &mut Store, guest_module: &Module, dependency_module: &Module) -> Result<()> {
    // The dependency imports only `host`; its `host.print` reads its own memory.
    let mut dependency_imports = Imports::new();
    let init_dependency = host::add_to_imports(store, &mut dependency_imports, Console);
    let (dependency, dependency_instance) =
        Dependency::instantiate(&mut *store, dependency_module, &mut dependency_imports)
            .context("instantiating the dependency")?;
    init_dependency(&dependency_instance, store)?;

    // The guest's `host.print` reads the guest's memory; its `dependency.greet`
    // goes through `greet_forward`.
    let mut guest_imports = Imports::new();
    let init_guest = host::add_to_imports(store, &mut guest_imports, Console);
    let env = FunctionEnv::new(store, GreetForward { guest_memory: None, dependency });
    let greet = Function::new_typed_with_env(store, &env, greet_forward);
    guest_imports.define("dependency", "greet", greet);
    let (guest, guest_instance) =
        Guest::instantiate(&mut *store, guest_module, &mut guest_imports).context("instantiating the guest")?;
    init_guest(&guest_instance, store)?;
    env.as_mut(store).guest_memory = Some(guest_instance.exports.get_memory("memory")?.clone());

    guest.loaded(store).context("calling `loaded`")?;
    Ok(())
}
