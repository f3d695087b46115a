//! The components example (`examples/components`), linked: the app and the
//! block were components; `wasmer-link` made them ONE core module that
//! exports the app's functions by the canonical ABI's core names. This runs
//! its `run(seed) -> string` for a few seeds and its `live() -> u32` (the
//! block's tensors not yet destroyed), on Wasmer or WASM3.
//!
//! The canonical ABI, for these two functions: `run` takes the seed as an
//! `i32` and returns a pointer to the string's `(ptr, len)` in the exported
//! memory; the caller reads the string, then hands the area back with
//! `cabi_post_run(pointer)`. `live` returns an `i32`.

use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use wasmer::{Imports, Instance, Module, Store, TypedFunction};

use crate::wasm3_engine::{check_runs_on_wasm3, read_str, STACK};
use crate::Engine;

/// The seeds `run` is called with.
pub const SEEDS: [u32; 3] = [1, 2, 3];

/// Runs the linked example: each seed's transcript, then the live count.
pub fn run(engine: Engine, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("reading `{}`", path.display()))?;
    if bytes.get(4..8) != Some(&[1, 0, 0, 0]) {
        bail!(
            "`{}` is not a core module (a component?): link the example first (`wasmer-link app.wasm block.wasm -o linked.wasm`)",
            path.display()
        );
    }
    let mut app: Box<dyn App> = match engine {
        Engine::Wasm3 => Box::new(OnWasm3::new(path, bytes)?),
        engine => Box::new(OnWasmer::new(engine, path, &bytes)?),
    };
    for seed in SEEDS {
        println!("run({seed}):\n{}", app.run(seed)?);
    }
    println!("tensors alive: {}", app.live()?);
    Ok(())
}

trait App {
    fn run(&mut self, seed: u32) -> Result<String>;
    fn live(&mut self) -> Result<u32>;
}

/// The string whose `(ptr, len)` is at `at` in `memory`.
fn string_at(memory: &[u8], at: i32) -> Result<String> {
    let at = at as u32 as usize;
    let pair = memory.get(at..at + 8).ok_or_else(|| anyhow!("`run` returned {at}, outside memory"))?;
    let ptr = i32::from_le_bytes(pair[..4].try_into().unwrap());
    let len = i32::from_le_bytes(pair[4..].try_into().unwrap());
    Ok(read_str(memory, ptr, len)?.to_string())
}

struct OnWasmer {
    store: Store,
    instance: Instance,
}

impl OnWasmer {
    fn new(engine: Engine, path: &Path, bytes: &[u8]) -> Result<OnWasmer> {
        let mut store = match engine {
            Engine::Singlepass => Store::new(wasmer::sys::Singlepass::default()),
            _ => Store::new(wasmer::sys::Cranelift::default()),
        };
        let module = Module::new(&store, bytes).with_context(|| format!("compiling `{}`", path.display()))?;
        if let Some(import) = module.imports().next() {
            bail!(
                "`{}` imports `{}.{}`, but the components example imports nothing: is it the linked example?",
                path.display(),
                import.module(),
                import.name()
            );
        }
        let instance = Instance::new(&mut store, &module, &Imports::new())
            .with_context(|| format!("instantiating `{}`", path.display()))?;
        Ok(OnWasmer { store, instance })
    }

    fn function<A: wasmer::WasmTypeList, R: wasmer::WasmTypeList>(&self, name: &str) -> Result<TypedFunction<A, R>> {
        self.instance.exports.get_typed_function(&self.store, name).with_context(|| format!("the export `{name}`"))
    }
}

impl App for OnWasmer {
    fn run(&mut self, seed: u32) -> Result<String> {
        let at = self.function::<i32, i32>("run")?.call(&mut self.store, seed as i32).context("calling `run`")?;
        let memory = self.instance.exports.get_memory("memory").context("the export `memory`")?;
        let text = string_at(&memory.view(&self.store).copy_to_vec()?, at)?;
        self.function::<i32, ()>("cabi_post_run")?.call(&mut self.store, at).context("calling `cabi_post_run`")?;
        Ok(text)
    }

    fn live(&mut self) -> Result<u32> {
        Ok(self.function::<(), i32>("live")?.call(&mut self.store).context("calling `live`")? as u32)
    }
}

struct OnWasm3 {
    // The module borrows the runtime, which borrows the environment; both
    // are kept, the functions looked up per call.
    runtime: wasm3::Runtime,
    _env: wasm3::Environment,
}

impl OnWasm3 {
    fn new(path: &Path, bytes: Vec<u8>) -> Result<OnWasm3> {
        check_runs_on_wasm3(path, &bytes)?;
        let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: creating the environment: {e}"))?;
        let runtime = env.create_runtime(STACK).map_err(|e| anyhow!("wasm3: creating the runtime: {e}"))?;
        runtime.parse_and_load_module(bytes).map_err(|e| anyhow!("wasm3 cannot load `{}`: {e}", path.display()))?;
        Ok(OnWasm3 { runtime, _env: env })
    }
}

impl App for OnWasm3 {
    fn run(&mut self, seed: u32) -> Result<String> {
        let run = self.runtime.find_function::<i32, i32>("run").map_err(|e| anyhow!("wasm3: the export `run`: {e}"))?;
        let at = run.call(seed as i32).map_err(|e| anyhow!("wasm3: calling `run` trapped: {e}"))?;
        // SAFETY: the memory is not resized while it is read.
        let text = string_at(unsafe { &*self.runtime.memory() }, at)?;
        let post = self
            .runtime
            .find_function::<i32, ()>("cabi_post_run")
            .map_err(|e| anyhow!("wasm3: the export `cabi_post_run`: {e}"))?;
        post.call(at).map_err(|e| anyhow!("wasm3: calling `cabi_post_run` trapped: {e}"))?;
        Ok(text)
    }

    fn live(&mut self) -> Result<u32> {
        let live =
            self.runtime.find_function::<(), i32>("live").map_err(|e| anyhow!("wasm3: the export `live`: {e}"))?;
        Ok(live.call().map_err(|e| anyhow!("wasm3: calling `live` trapped: {e}"))? as u32)
    }
}
