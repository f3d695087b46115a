//! The host's library half: the engines, `host.print` ([`Console`]), the
//! run-time wiring of the example, the image-rescale runners, and the WASI
//! example's runs ([`wasi`]). The command line (`main.rs`) and the tests use
//! it.
//!
//! Architecture invariant: the host knows nothing about linking. A linked
//! module is just a module whose only imports are `host.*` (WASI's, for the
//! WASI example). The one exception is [`reservation`]: after a trap, the
//! host reads the layout the linker recorded to say which module's memory
//! reservation ran out.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Imports, Memory, Module, RuntimeError, Store};

// Generated glue: not every generated item is used by this program.
#[allow(dead_code, unused_imports, unused_mut)]
pub mod bindings;
pub mod components;
pub mod rescale;
pub mod reservation;
pub mod wasi;
pub mod wasm3_engine;

use bindings::{dependency::Dependency, guest::Guest, host};
use reservation::Reservations;

/// Which Wasmer compiler runs the modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Cranelift,
    Singlepass,
    Wasm3,
}

/// Which example the modules are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Example {
    /// `guest` and `dependency` (`host.print`, `loaded()`).
    Hello,
    /// `examples/image-rescale`.
    ImageRescale,
    /// `examples/wasi`: WASI modules (`_initialize`, `run()`).
    Wasi,
    /// `examples/components`: two components linked into one core module.
    Components,
}

/// What to run, as the command line says it.
pub struct Args {
    pub engine: Engine,
    pub example: Example,
    /// Environment variables for a WASI guest (`--env KEY=VALUE`).
    pub env: Vec<(String, String)>,
    /// How many times a WASI guest's `_initialize` is called before `run()`
    /// (`--initialize-calls`; 1 normally).
    pub initialize_calls: u32,
    /// A WASI guest's arguments after `argv[0]` (`--arg`).
    pub args: Vec<String>,
    /// A WASI guest's preopened directory (`--dir`; one linked module only).
    pub dir: Option<PathBuf>,
    pub module: PathBuf,
    pub dependency: Option<PathBuf>,
}

/// Runs the example; says how the guest ended (only a WASI guest can exit).
pub fn run(args: &Args) -> Result<wasi::Exit> {
    match (args.example, &args.dependency) {
        (Example::Wasi, None) => {
            let dir = args.dir.as_deref();
            return wasi::run_linked(args.engine, &args.module, &args.env, &args.args, dir, args.initialize_calls);
        }
        (Example::Wasi, Some(_)) if args.dir.is_some() || !args.args.is_empty() => {
            bail!("`--dir` and `--arg` are for one linked module, not a pipeline and a block wired at run time")
        }
        (Example::Wasi, Some(block)) => {
            return wasi::run_wired(args.engine, &args.module, block, &args.env, args.initialize_calls);
        }
        (Example::Components, Some(_)) => {
            bail!("the components example runs one linked module: link `app.wasm` and `block.wasm` with `wasmer-link` first")
        }
        (Example::Components, None) => components::run(args.engine, &args.module)?,
        (Example::ImageRescale, _) => run_rescale(args)?,
        (Example::Hello, _) => run_hello(args)?,
    }
    Ok(wasi::Exit::Returned)
}

fn run_hello(args: &Args) -> Result<()> {
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
    let (module, bytes) = load(&store, &args.module)?;
    match &args.dependency {
        None => run_linked(&mut store, &module, &Reservations::of(&bytes)),
        Some(path) => {
            let (dependency, _) = load(&store, path)?;
            run_wired(&mut store, &module, &dependency)
        }
    }
}

/// The compiled module, and its bytes.
fn load(store: &Store, path: &PathBuf) -> Result<(Module, Vec<u8>)> {
    let bytes = std::fs::read(path).with_context(|| format!("reading `{}`", path.display()))?;
    let module = Module::new(store, &bytes).with_context(|| format!("compiling `{}`", path.display()))?;
    Ok((module, bytes))
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
pub struct Console;

impl host::Host for Console {
    fn print(&mut self, msg: &str) {
        println!("[*] {msg}");
    }
}

/// One module whose only imports are `host.*`.
fn run_linked(store: &mut Store, module: &Module, reservations: &Reservations) -> Result<()> {
    let mut imports = Imports::new();
    let init = host::add_to_imports(store, &mut imports, Console);
    let (guest, instance) = Guest::instantiate(&mut *store, module, &mut imports)?;
    init(&instance, store)?;
    guest
        .loaded(store)
        .context("calling `loaded`")
        .map_err(|trap| reservations.explain(trap, || reservation::ask_wasmer(store, &instance)))
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
