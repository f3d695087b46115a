//! The oracle: the pipeline and the block as two instances in one store,
//! each with its own WASI environment (both write to the host's stdout), and
//! the pipeline's `block.shout` import served by host code.
//!
//! `shout_forward` follows the canonical ABI the way the linker's adapter
//! does: it copies the string argument out of the pipeline's memory (the
//! pipeline keeps ownership), calls the block through the generated import
//! glue (`calls.rs`, which allocates the argument in the block's memory and
//! frees the block's result), then allocates the result in the pipeline's
//! memory with the pipeline's `canonical_abi_realloc` (the pipeline frees it)
//! and writes `(ptr, len)` to the pipeline's return area. A trap or
//! `proc_exit` in the block comes back as the pipeline's trap.

use std::path::Path;

use anyhow::{Context, Result};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Instance, Memory, RuntimeError, Store, TypedFunction};

use super::calls::block::Block;
use super::wasmer_run::{attach, call, compile, initialize, store, wasi_imports};
use super::Exit;
use crate::Engine;

/// What the pipeline's `block.shout` import needs.
struct ShoutForward {
    block: Block,
    /// Set once the pipeline is instantiated.
    pipeline: Option<PipelineSide>,
}

struct PipelineSide {
    memory: Memory,
    realloc: TypedFunction<(i32, i32, i32, i32), i32>,
}

/// The pipeline's `block.shout(ptr, len, ret)`.
fn shout_forward(mut env: FunctionEnvMut<ShoutForward>, ptr: i32, len: i32, ret: i32) -> Result<(), RuntimeError> {
    let (forward, mut store) = env.data_and_store_mut();
    let pipeline = forward
        .pipeline
        .as_ref()
        .ok_or_else(|| RuntimeError::new("`block.shout` called before the pipeline was instantiated"))?;
    let (start, end) = (ptr as u32 as u64, ptr as u32 as u64 + len as u32 as u64);
    let bytes = pipeline.memory.view(&store).copy_range_to_vec(start..end).map_err(|err| {
        RuntimeError::new(format!("`block.shout`: text at {start}..{end} is outside the pipeline's memory: {err}"))
    })?;
    let text = String::from_utf8(bytes).map_err(|_| RuntimeError::new("`block.shout`: text is not valid UTF-8"))?;

    let said = forward.block.shout(&mut store, &text)?;

    let said_len = i32::try_from(said.len()).map_err(|_| RuntimeError::new("`block.shout`: result too long"))?;
    let dst = pipeline.realloc.call(&mut store, 0, 0, 1, said_len)?;
    let mut ret_area = [0u8; 8];
    ret_area[..4].copy_from_slice(&dst.to_le_bytes());
    ret_area[4..].copy_from_slice(&said_len.to_le_bytes());
    let view = pipeline.memory.view(&store);
    view.write(dst as u32 as u64, said.as_bytes())
        .and_then(|()| view.write(ret as u32 as u64, &ret_area))
        .map_err(|err| RuntimeError::new(format!("`block.shout`: writing the result into the pipeline: {err}")))
}

pub fn run(
    engine: Engine,
    (pipeline_path, pipeline_bytes): (&Path, &[u8]),
    (block_path, block_bytes): (&Path, &[u8]),
    env: &[(String, String)],
    initialize_calls: u32,
) -> Result<Exit> {
    let mut store: Store = store(engine);
    let pipeline_module = compile(&store, pipeline_path, pipeline_bytes)?;
    let block_module = compile(&store, block_path, block_bytes)?;

    // The block: WASI imports only.
    let (mut block_wasi, mut block_imports) = wasi_imports(&mut store, "block", &block_module, env, &[], None)?;
    let (block, block_instance) =
        Block::instantiate(&mut store, &block_module, &mut block_imports).context("instantiating the block")?;
    attach(&mut store, &mut block_wasi, &block_instance, "block")?;

    // The pipeline: WASI, and `block.shout` served by `shout_forward`.
    let (mut pipeline_wasi, mut pipeline_imports) =
        wasi_imports(&mut store, "pipeline", &pipeline_module, env, &[], None)?;
    let forward = FunctionEnv::new(&mut store, ShoutForward { block, pipeline: None });
    let shout = Function::new_typed_with_env(&mut store, &forward, shout_forward);
    pipeline_imports.define("block", "shout", shout);
    let pipeline_instance =
        Instance::new(&mut store, &pipeline_module, &pipeline_imports).context("instantiating the pipeline")?;
    attach(&mut store, &mut pipeline_wasi, &pipeline_instance, "pipeline")?;
    let memory = pipeline_instance.exports.get_memory("memory").context("the pipeline exports no memory")?.clone();
    let realloc = pipeline_instance
        .exports
        .get_typed_function(&store, "canonical_abi_realloc")
        .context("the pipeline has no `canonical_abi_realloc` export")?;
    forward.as_mut(&mut store).pipeline = Some(PipelineSide { memory, realloc });

    for (instance, name) in [(&block_instance, "block"), (&pipeline_instance, "pipeline")] {
        if let Some(exit) = initialize(&mut store, instance, name, initialize_calls)? {
            return Ok(exit);
        }
    }
    call(&mut store, &pipeline_instance, "pipeline", "run")
}
