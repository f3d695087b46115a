//! The image-rescale example, run by the host: the pipeline either linked
//! into one module (on Wasmer or WASM3) or wired to the block at run time.
//!
//! Run-time wiring here is built from Wasmer's own generated glue: the
//! pipeline's `rescale.*` imports are served by the export glue
//! (`serves.rs`, which lifts every argument out of the pipeline's memory and
//! lowers results back into it), and [`Forward`] hands them to the block
//! through the import glue (`calls.rs`, which lowers into the block's
//! memory and lifts results out). The block lives in a store of its own so
//! that it can be called from inside the pipeline's host functions. That is
//! the oracle the linked module's adapters are compared with.

use anyhow::{anyhow, Context, Result};
use wasmer::{Imports, Module, Store};

#[allow(dead_code, unused_imports, unused_mut, clippy::all)]
pub mod calls;
#[allow(dead_code, unused_imports, unused_mut, clippy::all)]
pub mod serves;

use calls::pipeline::Pipeline;
use calls::rescale as block;
use serves::rescale as served;

use crate::reservation::{self, Reservations};
use crate::Engine;

/// Runs `run(case, seed, size)` of the pipeline, however it is set up.
pub trait Runner {
    fn run(&mut self, case: u32, seed: u64, size: u32) -> Result<String>;

    /// The size of the (main) memory in bytes, for leak checks.
    fn memory_bytes(&mut self) -> u64;
}

fn store(engine: Engine) -> Store {
    match engine {
        Engine::Singlepass => Store::new(wasmer::sys::Singlepass::default()),
        _ => Store::new(wasmer::sys::Cranelift::default()),
    }
}

/// One linked module on Wasmer.
pub struct Linked {
    store: Store,
    pipeline: Pipeline,
    instance: wasmer::Instance,
    memory: wasmer::Memory,
    reservations: Reservations,
}

impl Linked {
    pub fn new(engine: Engine, bytes: &[u8]) -> Result<Linked> {
        let mut store = store(engine);
        let module = Module::new(&store, bytes).context("compiling the linked pipeline")?;
        let (pipeline, instance) = Pipeline::instantiate(&mut store, &module, &mut Imports::new())?;
        let memory = instance.exports.get_memory("memory")?.clone();
        Ok(Linked { store, pipeline, instance, memory, reservations: Reservations::of(bytes) })
    }
}

impl Runner for Linked {
    fn run(&mut self, case: u32, seed: u64, size: u32) -> Result<String> {
        self.pipeline.run(&mut self.store, case, seed, size).map_err(|trap| {
            self.reservations.explain(trap.into(), || reservation::ask_wasmer(&mut self.store, &self.instance))
        })
    }

    fn memory_bytes(&mut self) -> u64 {
        self.memory.view(&self.store).data_size()
    }
}

/// The pipeline and the block as two instances, wired by host code.
pub struct Wired {
    store: Store,
    pipeline: Pipeline,
    memory: wasmer::Memory,
}

/// Serves the pipeline's `rescale.*` imports by calling the block, which
/// lives in a store of its own.
struct Forward {
    store: Store,
    block: block::Rescale,
}

// SAFETY: the export glue requires `Send + Sync` host state, but the host runs
// wasm on one thread only, and this state is used only from inside the
// pipeline's host functions on that thread (the generated glue declares its
// own state `Send + Sync` on the same grounds).
unsafe impl Send for Forward {}
unsafe impl Sync for Forward {}

impl Forward {
    fn call<R>(&mut self, f: impl FnOnce(&mut Store, &block::Rescale) -> Result<R, wasmer::RuntimeError>) -> R {
        // The export glue's methods cannot fail; inputs from the pipeline are
        // valid, so a trap in the block is a bug in the block.
        f(&mut self.store, &self.block).expect("the block trapped while called at run time")
    }
}

fn image<'a>(img: &served::ImageParam<'a>) -> block::ImageParam<'a> {
    block::ImageParam { width: img.width, height: img.height, pixels: img.pixels }
}

fn image_back(img: block::ImageResult) -> served::ImageResult {
    served::ImageResult { width: img.width, height: img.height, pixels: img.pixels }
}

fn interpolation(i: served::Interpolation) -> block::Interpolation {
    match i {
        served::Interpolation::Nearest => block::Interpolation::Nearest,
        served::Interpolation::Bilinear => block::Interpolation::Bilinear,
    }
}

fn tensor_data(t: &served::TensorParam) -> Vec<f32> {
    t.data.iter().map(|v| v.get()).collect()
}

impl served::Rescale for Forward {
    fn rescale(
        &mut self,
        img: served::ImageParam<'_>,
        how: served::Resize,
        interp: served::Interpolation,
    ) -> Result<served::ImageResult, String> {
        let how = match how {
            served::Resize::ToSize(s) => block::Resize::ToSize(s),
            served::Resize::ByFactor(f) => block::Resize::ByFactor(f),
            served::Resize::Keep => block::Resize::Keep,
        };
        self.call(|s, b| b.rescale(s, image(&img), how, interpolation(interp))).map(image_back)
    }

    fn normalize(&mut self, img: served::ImageParam<'_>, mean: f32, std: f32, name: &str) -> served::TensorResult {
        let t = self.call(|s, b| b.normalize(s, image(&img), mean, std, name));
        served::TensorResult { shape: t.shape, data: t.data, name: t.name }
    }

    fn stats(&mut self, t: served::TensorParam<'_>) -> (f64, f64, i64) {
        let data = tensor_data(&t);
        self.call(|s, b| b.stats(s, block::TensorParam { shape: t.shape, data: &data, name: t.name }))
    }

    fn classify(&mut self, t: served::TensorParam<'_>, labels: Vec<&str>, top: u32) -> Vec<served::Label> {
        let data = tensor_data(&t);
        let out = self
            .call(|s, b| b.classify(s, block::TensorParam { shape: t.shape, data: &data, name: t.name }, &labels, top));
        out.into_iter().map(|l| served::Label { id: l.id, name: l.name, score: l.score }).collect()
    }

    fn describe(
        &mut self,
        img: served::ImageParam<'_>,
        channels: served::Channels,
        tag: Option<&str>,
        marker: char,
        flip: bool,
    ) -> String {
        let channels = block::Channels::from_bits_truncate(channels.bits());
        self.call(|s, b| b.describe(s, image(&img), channels, tag, marker, flip))
    }
}

impl Wired {
    pub fn new(engine: Engine, pipeline: &[u8], block_bytes: &[u8]) -> Result<Wired> {
        let mut block_store = store(engine);
        let block_module = Module::new(&block_store, block_bytes).context("compiling the block")?;
        let (block, _) = block::Rescale::instantiate(&mut block_store, &block_module, &mut Imports::new())?;
        let mut store = store(engine);
        let mut imports = Imports::new();
        let init = served::add_to_imports(&mut store, &mut imports, Forward { store: block_store, block });
        let module = Module::new(&store, pipeline).context("compiling the pipeline")?;
        let (pipeline, instance) = Pipeline::instantiate(&mut store, &module, &mut imports)?;
        init(&instance, &store)?;
        let memory = instance.exports.get_memory("memory")?.clone();
        Ok(Wired { store, pipeline, memory })
    }
}

impl Runner for Wired {
    fn run(&mut self, case: u32, seed: u64, size: u32) -> Result<String> {
        Ok(self.pipeline.run(&mut self.store, case, seed, size)?)
    }

    fn memory_bytes(&mut self) -> u64 {
        self.memory.view(&self.store).data_size()
    }
}

/// One linked module on WASM3 (portable profile).
pub struct Wasm3 {
    runtime: wasm3::Runtime,
    _env: wasm3::Environment,
    reservations: Reservations,
}

impl Wasm3 {
    pub fn new(bytes: &[u8]) -> Result<Wasm3> {
        let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: {e}"))?;
        let runtime = env.create_runtime(1 << 20).map_err(|e| anyhow!("wasm3: {e}"))?;
        runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| anyhow!("wasm3 cannot load the pipeline: {e}"))?;
        Ok(Wasm3 { runtime, _env: env, reservations: Reservations::of(bytes) })
    }

    /// One `run` and the `canonical_abi_free` of its result.
    fn call(&self, case: u32, seed: u64, size: u32) -> Result<String> {
        // `run` as a guest export: it returns a pointer to (ptr, len) of the
        // string in its memory, which the caller frees with `canonical_abi_free`.
        let run = self.runtime.find_function::<(i32, i64, i32), i32>("run").map_err(|e| anyhow!("wasm3: {e}"))?;
        let ret = run.call(case as i32, seed as i64, size as i32).map_err(|e| anyhow!("wasm3: `run` trapped: {e}"))?;
        let (ptr, len, text) = {
            // SAFETY: no wasm runs while the memory is borrowed.
            let memory = unsafe { &*self.runtime.memory() };
            let word = |at: usize| -> Result<u32> {
                let bytes = memory.get(at..at + 4).ok_or_else(|| anyhow!("return area out of bounds"))?;
                Ok(u32::from_le_bytes(bytes.try_into().expect("4 bytes")))
            };
            let (ptr, len) = (word(ret as u32 as usize)?, word(ret as u32 as usize + 4)?);
            let text = crate::wasm3_engine::read_str(memory, ptr as i32, len as i32)?.to_string();
            (ptr, len, text)
        };
        let free = self
            .runtime
            .find_function::<(i32, i32, i32), ()>("canonical_abi_free")
            .map_err(|e| anyhow!("wasm3: {e}"))?;
        free.call(ptr as i32, len as i32, 1).map_err(|e| anyhow!("wasm3: {e}"))?;
        Ok(text)
    }
}

impl Runner for Wasm3 {
    fn run(&mut self, case: u32, seed: u64, size: u32) -> Result<String> {
        self.call(case, seed, size)
            .map_err(|trap| self.reservations.explain(trap, || reservation::ask_wasm3(&self.runtime)))
    }

    fn memory_bytes(&mut self) -> u64 {
        // SAFETY: only the length is read.
        unsafe { (&*self.runtime.memory()).len() as u64 }
    }
}
