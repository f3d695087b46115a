//! Section 7: what a WASI call from a dependency pays for its adapter.
//!
//! A dependency calls `fd_write` with two iovecs in its own memory, `n`
//! times. Alone (its memory exported, so the host reads it directly) that
//! is the baseline; linked behind a main module, every call goes through the
//! linker's WASI adapter, which allocates in the main memory, rebuilds the
//! iovecs, copies the bytes and frees. The host's `fd_write` is a fake that
//! reads the bytes and sums them (no system call), so the adapter's share
//! is what the figures show. The main module's allocator is a bump
//! allocator: a real one (dlmalloc) adds its own cost per call.

use anyhow::{anyhow, Result};
use linker::{Linker, Profile};
use wasmer::{imports, Function, FunctionEnv, FunctionEnvMut, Instance, Memory, Module, Store, TypedFunction};

/// `writes(n, len)`: `n` calls of `fd_write(1, iovs, 2, nwritten)` whose two
/// iovecs cover `len` bytes; returns the sum of `nwritten`.
const DEP: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "writes") (param $n i64) (param $len i64) (result i64)
    (local $i i64) (local $sum i64) (local $half i32)
    (local.set $half (i32.wrap_i64 (i64.shr_u (local.get $len) (i64.const 1))))
    (i32.store (i32.const 0) (i32.const 1024))
    (i32.store (i32.const 4) (local.get $half))
    (i32.store (i32.const 8) (i32.add (i32.const 1024) (local.get $half)))
    (i32.store (i32.const 12) (i32.sub (i32.wrap_i64 (local.get $len)) (local.get $half)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 16)))
      (local.set $sum (i64.add (local.get $sum) (i64.load32_u (i32.const 16))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (local.get $sum)))"#;

/// The main module: a bump allocator that starts over when nothing is allocated.
const MAIN: &str = r#"(module
  (import "dep" "writes" (func $writes (param i64 i64) (result i64)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (global $outstanding (mut i32) (i32.const 0))
  (func (export "canonical_abi_realloc") (param i32 i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (global.set $next (i32.add (local.get $ptr) (local.get $size)))
    (global.set $outstanding (i32.add (global.get $outstanding) (local.get $size)))
    (local.get $ptr))
  (func (export "canonical_abi_free") (param i32) (param $size i32) (param i32)
    (global.set $outstanding (i32.sub (global.get $outstanding) (local.get $size)))
    (if (i32.eqz (global.get $outstanding)) (then (global.set $next (i32.const 1024)))))
  (export "writes" (func $writes)))"#;

pub fn dep() -> Result<Vec<u8>> {
    Ok(wat::parse_str(DEP)?)
}

pub fn linked(profile: Profile) -> Result<Vec<u8>> {
    Ok(Linker::new().module("main", wat::parse_str(MAIN)?).module("dep", dep()?).profile(profile).link()?)
}

/// Reads the iovecs and their bytes from `memory`, sums the bytes; returns
/// the byte count, as `fd_write` stores in `nwritten`.
fn fake_fd_write(memory: &[u8], iovs: u32, n: u32, sum: &mut u64) -> Option<u32> {
    let mut total = 0u32;
    for i in 0..n as usize {
        let at = iovs as usize + 8 * i;
        let entry = memory.get(at..at + 8)?;
        let ptr = u32::from_le_bytes(entry[..4].try_into().ok()?) as usize;
        let len = u32::from_le_bytes(entry[4..].try_into().ok()?) as usize;
        *sum += memory.get(ptr..ptr + len)?.iter().map(|&b| b as u64).sum::<u64>();
        total += len as u32;
    }
    Some(total)
}

pub trait Writes {
    fn writes(&mut self, n: u64, len: u64) -> Result<u64>;
}

struct Host {
    memory: Option<Memory>,
    sum: u64,
}

pub struct OnWasmer {
    store: Store,
    writes: TypedFunction<(i64, i64), i64>,
}

impl OnWasmer {
    pub fn new(bytes: &[u8]) -> Result<Self> {
        let mut store = Store::new(wasmer::sys::Cranelift::default());
        let module = Module::new(&store, bytes)?;
        let env = FunctionEnv::new(&mut store, Host { memory: None, sum: 0 });
        let fd_write = Function::new_typed_with_env(
            &mut store,
            &env,
            |mut env: FunctionEnvMut<Host>, _fd: i32, iovs: i32, n: i32, nwritten: i32| -> i32 {
                let (host, store) = env.data_and_store_mut();
                let view = host.memory.as_ref().expect("memory is set after instantiation").view(&store);
                // SAFETY: nothing else touches the memory during this host call.
                let bytes = unsafe { view.data_unchecked_mut() };
                let Some(total) = fake_fd_write(bytes, iovs as u32, n as u32, &mut host.sum) else { return 21 };
                match bytes.get_mut(nwritten as usize..nwritten as usize + 4) {
                    Some(out) => {
                        out.copy_from_slice(&total.to_le_bytes());
                        0
                    }
                    None => 21,
                }
            },
        );
        let imports = imports! { "wasi_snapshot_preview1" => { "fd_write" => fd_write } };
        let instance = Instance::new(&mut store, &module, &imports)?;
        env.as_mut(&mut store).memory = Some(instance.exports.get_memory("memory")?.clone());
        let writes = instance.exports.get_typed_function(&store, "writes")?;
        Ok(OnWasmer { store, writes })
    }
}

impl Writes for OnWasmer {
    fn writes(&mut self, n: u64, len: u64) -> Result<u64> {
        Ok(self.writes.call(&mut self.store, n as i64, len as i64)? as u64)
    }
}

pub struct OnWasm3 {
    runtime: wasm3::Runtime,
    _env: wasm3::Environment,
}

impl OnWasm3 {
    pub fn new(bytes: &[u8]) -> Result<Self> {
        let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: {e}"))?;
        let runtime = env.create_runtime(1 << 20).map_err(|e| anyhow!("wasm3: {e}"))?;
        let mut module = runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| anyhow!("wasm3: {e}"))?;
        module
            .link_closure("wasi_snapshot_preview1", "fd_write", |cc, (_fd, iovs, n, nwritten): (i32, i32, i32, i32)| {
                // SAFETY: the memory is not resized while this host function runs.
                let memory = unsafe { &mut *cc.memory_mut() };
                let mut sum = 0;
                let Some(total) = fake_fd_write(memory, iovs as u32, n as u32, &mut sum) else { return Ok(21) };
                std::hint::black_box(sum);
                Ok(match memory.get_mut(nwritten as usize..nwritten as usize + 4) {
                    Some(out) => {
                        out.copy_from_slice(&total.to_le_bytes());
                        0i32
                    }
                    None => 21,
                })
            })
            .map_err(|e| anyhow!("wasm3: linking fd_write: {e}"))?;
        Ok(OnWasm3 { runtime, _env: env })
    }
}

impl Writes for OnWasm3 {
    fn writes(&mut self, n: u64, len: u64) -> Result<u64> {
        let f = self.runtime.find_function::<(i64, i64), i64>("writes").map_err(|e| anyhow!("wasm3: {e}"))?;
        f.call(n as i64, len as i64).map(|s| s as u64).map_err(|e| anyhow!("wasm3: `writes` trapped: {e}"))
    }
}
