//! Section 10: calls through WIT↔WAI adapters against WAI↔WAI ones. The
//! image-rescale pipeline (WAI glue) linked with the WAI block and with the
//! block written with today's wit-bindgen (`examples/wit-bindgen`), which
//! compute the same thing; the pipeline's `run(case, seed, size)` exercises
//! every function of the interface (records, lists, strings, variants,
//! flags, options) in turn, so a round of five calls crosses with every
//! type both ways.

use anyhow::{anyhow, Context, Result};
use linker::{Linker, Profile};
use wasmer::{Imports, Instance, Module, Store, TypedFunction};

/// One linked image-rescale pipeline, on Wasmer (cranelift) or WASM3.
pub enum Rescale {
    Wasmer { store: Store, run: TypedFunction<(i32, i64, i32), i32> },
    Wasm3 { runtime: wasm3::Runtime, _env: wasm3::Environment },
}

/// The pipeline linked (portable, fixed layout) with `block` as `rescale`.
pub fn link(pipeline: &[u8], block: &[u8]) -> Result<Vec<u8>> {
    Linker::new()
        .module("pipeline", pipeline.to_vec())
        .module("rescale", block.to_vec())
        .profile(Profile::Portable)
        .link()
        .context("linking the image-rescale pipeline")
}

impl Rescale {
    pub fn wasmer(bytes: &[u8]) -> Result<Rescale> {
        let mut store = Store::new(wasmer::sys::Cranelift::default());
        let module = Module::new(&store, bytes)?;
        let instance = Instance::new(&mut store, &module, &Imports::new())?;
        let run = instance.exports.get_typed_function(&store, "run")?;
        Ok(Rescale::Wasmer { store, run })
    }

    pub fn wasm3(bytes: &[u8]) -> Result<Rescale> {
        let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: {e}"))?;
        let runtime = env.create_runtime(1 << 20).map_err(|e| anyhow!("wasm3: {e}"))?;
        runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| anyhow!("wasm3 cannot load the module: {e}"))?;
        Ok(Rescale::Wasm3 { runtime, _env: env })
    }

    /// `rounds` rounds of the five cases, on images of `size`. The
    /// returned strings stay in the pipeline's memory (nobody frees them):
    /// a few hundred bytes a call, well within its reservation.
    pub fn rounds(&mut self, rounds: u32, size: u32) -> Result<()> {
        for round in 0..rounds {
            for case in 0..5 {
                let seed = (round * 5 + case) as i64;
                match self {
                    Rescale::Wasmer { store, run } => {
                        run.call(store, case as i32, seed, size as i32)?;
                    }
                    Rescale::Wasm3 { runtime, .. } => {
                        let run = runtime.find_function::<(i32, i64, i32), i32>("run").map_err(|e| anyhow!("{e}"))?;
                        run.call(case as i32, seed, size as i32).map_err(|e| anyhow!("wasm3: {e}"))?;
                    }
                }
            }
        }
        Ok(())
    }
}
