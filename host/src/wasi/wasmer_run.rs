//! WASI modules on Wasmer 7 with `wasmer-wasix`: one WASI environment per
//! instance (the configured variables, the host's stdout and stderr), the
//! run protocol, and how traps and `proc_exit` come back.

use std::path::Path;
use std::sync::Arc;

use anyhow::{anyhow, Context, Result};
use wasmer::{Imports, Instance, Module, RuntimeError, Store};
use wasmer_wasix::virtual_fs::{mem_fs, FileSystem};
use wasmer_wasix::{WasiEnv, WasiError, WasiFunctionEnv};

use super::stdio::HostStream;
use super::Exit;
use crate::reservation::{self, Reservations};
use crate::Engine;

/// Runs `f` with the tokio runtime `wasmer-wasix` expects to find (it
/// schedules its internal tasks there; the guest itself runs on this thread).
pub fn with_runtime<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_time()
        .build()
        .context("starting the tokio runtime that wasmer-wasix needs")?;
    let _entered = runtime.enter();
    f()
}

pub fn store(engine: Engine) -> Store {
    match engine {
        Engine::Singlepass => Store::new(wasmer::sys::Singlepass::default()),
        _ => Store::new(wasmer::sys::Cranelift::default()),
    }
}

pub fn compile(store: &Store, path: &Path, bytes: &[u8]) -> Result<Module> {
    Module::new(store, bytes).with_context(|| format!("compiling `{}`", path.display()))
}

/// A WASI environment for one instance, and the WASI imports of `module`:
/// `name` is the guest's `argv[0]`, `args` the rest; `root`, if given, is
/// the file system whose `/` the guest gets as its preopened directory.
pub fn wasi_imports(
    store: &mut Store,
    name: &str,
    module: &Module,
    env: &[(String, String)],
    args: &[String],
    root: Option<&mem_fs::FileSystem>,
) -> Result<(WasiFunctionEnv, Imports)> {
    let mut builder = WasiEnv::builder(name)
        .envs(env.iter().cloned())
        .args(args)
        .stdout(Box::new(HostStream::Stdout))
        .stderr(Box::new(HostStream::Stderr))
        .engine(store.engine().clone());
    if let Some(root) = root {
        let root: Arc<dyn FileSystem + Send + Sync> = Arc::new(root.clone());
        builder = builder
            .fs(root)
            .preopen_dir("/")
            .map_err(|err| anyhow!("setting up WASI for `{name}`: preopening `/`: {err}"))?;
    }
    let wasi = builder.finalize(store).map_err(|err| anyhow!("setting up WASI for `{name}`: {err}"))?;
    let imports = wasi
        .import_object(store, module)
        .map_err(|err| anyhow!("`{name}` imports nothing from a WASI version Wasmer knows: {err}"))?;
    Ok((wasi, imports))
}

/// After instantiation: WASI learns the instance's memory.
pub fn attach(store: &mut Store, wasi: &mut WasiFunctionEnv, instance: &Instance, name: &str) -> Result<()> {
    wasi.initialize(store, instance.clone()).map_err(|err| anyhow!("setting up WASI for `{name}`: {err}"))
}

/// Calls `_initialize` `calls` times if `instance` exports it; returns
/// `Some` if the guest exited (`proc_exit`) doing so.
pub fn initialize(store: &mut Store, instance: &Instance, name: &str, calls: u32) -> Result<Option<Exit>> {
    if instance.exports.get_function("_initialize").is_err() {
        return Ok(None);
    }
    for _ in 0..calls {
        match call(store, instance, name, "_initialize")? {
            Exit::Returned => {}
            exit => return Ok(Some(exit)),
        }
    }
    Ok(None)
}

/// Calls the export `func: () -> ()` of `instance`.
pub fn call(store: &mut Store, instance: &Instance, name: &str, func: &str) -> Result<Exit> {
    let export = instance
        .exports
        .get_typed_function::<(), ()>(store, func)
        .with_context(|| format!("`{name}` has no export `{func}: func()`"))?;
    match export.call(store) {
        Ok(()) => Ok(Exit::Returned),
        Err(err) => exit_or_trap(err, name, func),
    }
}

/// What the run protocol calls after `_initialize`: the example's `run()`,
/// or `_start` for a command that exports no `run`.
fn entry_point(instance: &Instance) -> &'static str {
    match (instance.exports.get_function("run"), instance.exports.get_function("_start")) {
        (Err(_), Ok(_)) => "_start",
        _ => "run",
    }
}

/// `proc_exit` reaches the host as an error carrying [`WasiError::Exit`];
/// anything else is a trap.
fn exit_or_trap(err: RuntimeError, name: &str, func: &str) -> Result<Exit> {
    match err.downcast::<WasiError>() {
        Ok(WasiError::Exit(code)) => Ok(Exit::Exited(code.raw() as u32)),
        Ok(other) => Err(anyhow!("`{name}`: calling `{func}` failed: {other}")),
        Err(err) => Err(anyhow!("`{name}`: calling `{func}` trapped: {}", err.message())),
    }
}

/// One module whose only imports are WASI's; with `dir`, that host
/// directory is the guest's preopened `/` (served from memory: [`super::dir`]).
pub fn run(
    engine: Engine,
    path: &Path,
    bytes: &[u8],
    env: &[(String, String)],
    args: &[String],
    dir: Option<&Path>,
    initialize_calls: u32,
) -> Result<Exit> {
    let root = dir.map(super::dir::load).transpose()?;
    let ran = run_in(engine, path, bytes, (env, args, root.as_ref()), initialize_calls);
    if let (Some(root), Some(dir)) = (&root, dir) {
        super::dir::store_back(root, dir)?;
    }
    ran
}

/// The environment, the arguments and the root of [`run`].
type Given<'a> = (&'a [(String, String)], &'a [String], Option<&'a mem_fs::FileSystem>);

fn run_in(engine: Engine, path: &Path, bytes: &[u8], given: Given<'_>, initialize_calls: u32) -> Result<Exit> {
    let (env, args, root) = given;
    let mut store = store(engine);
    let module = compile(&store, path, bytes)?;
    let name = path.file_name().map_or("module".into(), |n| n.to_string_lossy());
    let (mut wasi, imports) = wasi_imports(&mut store, &name, &module, env, args, root)?;
    let instance = Instance::new(&mut store, &module, &imports)
        .with_context(|| format!("instantiating `{name}` (only WASI imports are provided: is it linked?)"))?;
    attach(&mut store, &mut wasi, &instance, &name)?;
    let ran = match initialize(&mut store, &instance, &name, initialize_calls) {
        Ok(Some(exit)) => Ok(exit),
        // A command (a linked `wasm32-wasip2` binary) has `_start` and no `run`.
        Ok(None) => call(&mut store, &instance, &name, entry_point(&instance)),
        Err(trap) => Err(trap),
    };
    ran.map_err(|trap| Reservations::of(bytes).explain(trap, || reservation::ask_wasmer(&mut store, &instance)))
}
