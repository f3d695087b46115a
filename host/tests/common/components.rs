//! The components example (`examples/components/`, built by `cargo xtask
//! build` into `target/wasm/components/`) as the tests see it:
//!
//! - [`Oracle`]: the composed component (`composed.wasm`: the app with its
//!   import of `fixture:blocks/ops` satisfied by the block) run by the
//!   component model itself, in wasmtime; [`BlockComponent`] is the block
//!   component alone.
//! - [`CoreApp`]: ANY core module exporting the app's functions under their
//!   canonical-ABI core names (`run`, `shout-twice`, ..., as the app's core
//!   module exports them) with `memory`, `cabi_realloc` and `cabi_post_*`,
//!   called by the canonical ABI's rule on Wasmer (cranelift, singlepass) or
//!   WASM3: parameters flattened (a string or list is copied into the
//!   module's memory through `cabi_realloc` and passed as `(ptr, len)`), a
//!   result that does not flatten to one value read from the returned
//!   pointer, then `cabi_post_<name>` called with the flat results. This is
//!   what the linked output is run by.
//! - [`Core`]: the engine-neutral core instance under both, which also serves
//!   the resource intrinsics a component's core module imports
//!   (`[resource-new]R`, `[resource-rep]R`, `[resource-drop]R` from
//!   `[export]<interface>`) from a [`Handles`] table, as the component model
//!   would.
//!
//! Not in `common/mod.rs` so that only the tests that need wasmtime link it:
//! a test file uses it with
//!
//! ```ignore
//! mod common;
//! #[path = "common/components.rs"]
//! mod components;
//! ```
#![allow(dead_code)] // each test file uses a part of this harness

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use wasmparser::{ExternalKind, Parser, Payload, TypeRef, ValType};

use crate::common::Engine;

/// Typed bindings of the example's two worlds (`examples/components/wit`).
pub mod wit {
    pub mod app {
        wasmtime::component::bindgen!({ path: "../examples/components/wit", world: "app" });
    }
    pub mod block {
        wasmtime::component::bindgen!({ path: "../examples/components/wit", world: "block" });
    }
}

/// `target/wasm/components/<file>`, checked to exist (else: run `cargo xtask build`).
pub fn path(file: &str) -> PathBuf {
    let within = format!("components/{file}");
    crate::common::wasm_dir(&[&within]).join(within)
}

/// The bytes of `target/wasm/components/<file>`.
pub fn read(file: &str) -> Vec<u8> {
    let path = path(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading `{}`: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// The oracle: the component model itself (wasmtime).

/// What wasmtime's store records: every memory growth after instantiation
/// (a [`wasmtime::ResourceLimiter`] sees each `memory.grow` of every core
/// instance inside the component).
#[derive(Default)]
pub struct Growth {
    /// `memory.grow`s seen (with their new sizes in bytes).
    pub grows: Vec<usize>,
}

impl wasmtime::ResourceLimiter for Growth {
    fn memory_growing(&mut self, current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        // A memory being created (current 0) is not a growth of a running one.
        if current != 0 {
            self.grows.push(desired);
        }
        Ok(true)
    }

    fn table_growing(&mut self, _current: usize, _desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(true)
    }
}

fn store(engine: &wasmtime::Engine) -> wasmtime::Store<Growth> {
    let mut store = wasmtime::Store::new(engine, Growth::default());
    store.limiter(|growth| growth);
    store
}

/// One engine and each component compiled once per test process (wasmtime's
/// cranelift is slow in the tests' debug build).
fn engine() -> &'static wasmtime::Engine {
    static ENGINE: OnceLock<wasmtime::Engine> = OnceLock::new();
    ENGINE.get_or_init(wasmtime::Engine::default)
}

fn compiled(file: &'static str) -> &'static (wasmtime::Engine, wasmtime::component::Component) {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static (wasmtime::Engine, wasmtime::component::Component)>>> =
        OnceLock::new();
    let engine = engine();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry(file).or_insert_with(|| {
        let component = wasmtime::component::Component::new(engine, read(file))
            .unwrap_or_else(|e| panic!("wasmtime cannot compile `{file}`: {e:?}"));
        Box::leak(Box::new((engine.clone(), component)))
    })
}

/// Formats a wasmtime error with its causes (the trap is among them).
fn error(e: wasmtime::Error) -> String {
    format!("{e:?}")
}

/// The app and the block composed (`composed.wasm`), run by wasmtime's
/// component model: what the linked output must equal.
pub struct Oracle {
    store: wasmtime::Store<Growth>,
    app: wit::app::App,
}

impl Oracle {
    /// `composed.wasm`, instantiated.
    pub fn new() -> Oracle {
        Oracle::of("composed.wasm")
    }

    /// A component of `target/wasm/components/` that exports the app's
    /// functions and imports nothing.
    pub fn of(file: &'static str) -> Oracle {
        let (engine, component) = compiled(file);
        Oracle::instantiate(engine, component).unwrap_or_else(|e| panic!("wasmtime cannot instantiate `{file}`: {e}"))
    }

    /// Any component that exports the app's functions and imports nothing.
    pub fn from_bytes(component: &[u8]) -> Result<Oracle, String> {
        let component = wasmtime::component::Component::new(engine(), component).map_err(error)?;
        Oracle::instantiate(engine(), &component)
    }

    fn instantiate(engine: &wasmtime::Engine, component: &wasmtime::component::Component) -> Result<Oracle, String> {
        let mut store = store(engine);
        let linker = wasmtime::component::Linker::new(engine);
        let app = wit::app::App::instantiate(&mut store, component, &linker).map_err(error)?;
        store.data_mut().grows.clear();
        Ok(Oracle { store, app })
    }

    pub fn run(&mut self, seed: u32) -> Result<String, String> {
        self.app.call_run(&mut self.store, seed).map_err(error)
    }

    pub fn shout_twice(&mut self, s: &str) -> Result<String, String> {
        self.app.call_shout_twice(&mut self.store, s).map_err(error)
    }

    pub fn stats_of(&mut self, xs: &[f64], label: &str) -> Result<String, String> {
        self.app.call_stats_of(&mut self.store, xs, label).map_err(error)
    }

    pub fn tensor_sum(&mut self, data: &[f32], by: f32) -> Result<f32, String> {
        self.app.call_tensor_sum(&mut self.store, data, by).map_err(error)
    }

    pub fn parse_and_classify(&mut self, s: &str, style: u8) -> Result<String, String> {
        self.app.call_parse_and_classify(&mut self.store, s, style).map_err(error)
    }

    /// Tensors alive in the block.
    pub fn live(&mut self) -> Result<u32, String> {
        self.app.call_live(&mut self.store).map_err(error)
    }

    /// The benchmark exports (`cross-*`, `inside-*`): `(n, len)` in, the
    /// result as `f64`.
    pub fn bench(&mut self, export: &str, n: u32, len: u32) -> Result<f64, String> {
        let store = &mut self.store;
        Ok(match export {
            "cross-live" => self.app.call_cross_live(store, n).map_err(error)? as f64,
            "cross-shout" => self.app.call_cross_shout(store, n, len).map_err(error)? as f64,
            "inside-shout" => self.app.call_inside_shout(store, n, len).map_err(error)? as f64,
            "cross-dot" => self.app.call_cross_dot(store, n, len).map_err(error)? as f64,
            "inside-dot" => self.app.call_inside_dot(store, n, len).map_err(error)? as f64,
            other => return Err(format!("no benchmark export `{other}`")),
        })
    }

    /// Every `memory.grow` since instantiation, as new sizes in bytes.
    pub fn grows(&self) -> &[usize] {
        &self.store.data().grows
    }
}

impl Default for Oracle {
    fn default() -> Oracle {
        Oracle::new()
    }
}

/// The block component (`block.wasm`) alone, in wasmtime: the reference its
/// core module, called through [`Core`], is checked against.
pub struct BlockComponent {
    pub store: wasmtime::Store<Growth>,
    pub block: wit::block::Block,
}

impl BlockComponent {
    pub fn new() -> BlockComponent {
        let (engine, component) = compiled("block.wasm");
        let mut store = store(engine);
        let linker = wasmtime::component::Linker::new(engine);
        let block = wit::block::Block::instantiate(&mut store, component, &linker)
            .unwrap_or_else(|e| panic!("wasmtime cannot instantiate `block.wasm`: {e:?}"));
        BlockComponent { store, block }
    }

    pub fn ops(&self) -> &wit::block::exports::fixture::blocks::ops::Guest {
        self.block.fixture_blocks_ops()
    }
}

impl Default for BlockComponent {
    fn default() -> BlockComponent {
        BlockComponent::new()
    }
}

// ---------------------------------------------------------------------------
// Core modules, called by the canonical ABI.

/// A core value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val {
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
}

impl Val {
    pub fn i32(self) -> Result<i32, String> {
        match self {
            Val::I32(v) => Ok(v),
            other => Err(format!("expected an i32, got {other:?}")),
        }
    }

    fn ty(self) -> ValType {
        match self {
            Val::I32(_) => ValType::I32,
            Val::I64(_) => ValType::I64,
            Val::F32(_) => ValType::F32,
            Val::F64(_) => ValType::F64,
        }
    }
}

/// One resource type's handle table, as the component model keeps it for
/// the component instance that defines the type: `resource.new` gives the
/// lowest free index (from 1) for a representation, `resource.rep` reads
/// it, `resource.drop` frees it and runs the destructor on the
/// representation.
#[derive(Default, Debug)]
pub struct Table {
    slots: Vec<Option<u32>>,
    /// Handles made (`resource.new`) so far.
    pub made: u64,
}

impl Table {
    pub fn new_handle(&mut self, rep: u32) -> u32 {
        self.made += 1;
        match self.slots.iter().position(Option::is_none) {
            Some(free) => {
                self.slots[free] = Some(rep);
                free as u32 + 1
            }
            None => {
                self.slots.push(Some(rep));
                self.slots.len() as u32
            }
        }
    }

    pub fn rep(&self, handle: u32) -> Result<u32, String> {
        handle
            .checked_sub(1)
            .and_then(|i| self.slots.get(i as usize).copied().flatten())
            .ok_or_else(|| format!("unknown handle {handle}"))
    }

    /// Frees `handle`, giving its representation.
    pub fn remove(&mut self, handle: u32) -> Result<u32, String> {
        let rep = self.rep(handle)?;
        self.slots[handle as usize - 1] = None;
        Ok(rep)
    }

    /// Handles in the table.
    pub fn len(&self) -> usize {
        self.slots.iter().flatten().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The handle tables of the resources a core module defines, by
/// `<interface>#<resource>` (e.g. `fixture:blocks/ops#tensor`), and the
/// destructors owed: `resource.drop` inside a call queues the destructor,
/// which [`Core::call`] runs when the call returns.
#[derive(Default, Debug)]
pub struct Handles {
    pub tables: HashMap<String, Table>,
    pending: Vec<(String, u32)>,
}

impl Handles {
    pub fn table(&mut self, key: &str) -> &mut Table {
        self.tables.entry(key.to_string()).or_default()
    }
}

/// Which resource intrinsic an import is, and of which resource.
enum Intrinsic {
    New(String),
    Rep(String),
    Drop(String),
    /// A `wasi_snapshot_preview1` function (a linked `wasm32-wasip2`
    /// build's WASI 0.2, served by the output over preview 1): on Wasmer it
    /// traps, naming itself, so a test sees any WASI call the app makes;
    /// WASM3 links its own WASI.
    Wasi,
}

fn intrinsic(module: &str, name: &str) -> Option<Intrinsic> {
    if module == "wasi_snapshot_preview1" {
        return Some(Intrinsic::Wasi);
    }
    let interface = module.strip_prefix("[export]")?;
    let key = |resource: &str| format!("{interface}#{resource}");
    if let Some(r) = name.strip_prefix("[resource-new]") {
        Some(Intrinsic::New(key(r)))
    } else if let Some(r) = name.strip_prefix("[resource-rep]") {
        Some(Intrinsic::Rep(key(r)))
    } else {
        name.strip_prefix("[resource-drop]").map(|r| Intrinsic::Drop(key(r)))
    }
}

fn trap(e: String) -> String {
    format!("trap: {e}")
}

enum Inner {
    Wasmer { store: wasmer::Store, instance: wasmer::Instance },
    Wasm3 { runtime: wasm3::Runtime, _env: wasm3::Environment },
}

/// A core module instantiated on one engine, its only imports (if any) the
/// resource intrinsics of resources it exports.
pub struct Core {
    inner: Inner,
    /// Each exported function's type.
    exports: HashMap<String, (Vec<ValType>, Vec<ValType>)>,
    /// Each exported function's first export name: WASM3 0.4.7 knows a
    /// function by that name only (`ParseSection_Export` keeps the first),
    /// and `wit-bindgen`'s modules export one function under several
    /// `cabi_post_*` names.
    first_names: HashMap<String, String>,
    pub handles: Arc<Mutex<Handles>>,
}

impl Core {
    pub fn new(engine: Engine, bytes: &[u8]) -> Result<Core, String> {
        let Signatures { imports, exports, first_names } = signatures(bytes)?;
        let handles = Arc::new(Mutex::new(Handles::default()));
        let mut refused = Vec::new();
        let served: Vec<(String, String, Intrinsic)> = imports
            .into_iter()
            .filter_map(|(module, name)| match intrinsic(&module, &name) {
                Some(what) => Some((module, name, what)),
                None => {
                    refused.push(format!("`{module}`.`{name}`"));
                    None
                }
            })
            .collect();
        if !refused.is_empty() {
            return Err(format!(
                "the module imports {}, which the harness cannot serve: only resource intrinsics \
                 (`[export]<interface>`.`[resource-new|rep|drop]<resource>`) and preview 1 are",
                refused.join(", ")
            ));
        }
        let inner = match engine {
            Engine::Wasm3 => {
                let env = wasm3::Environment::new().map_err(|e| e.to_string())?;
                let runtime = env.create_runtime(1 << 20).map_err(|e| e.to_string())?;
                let mut module = runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| format!("wasm3: {e}"))?;
                if served.iter().any(|(_, _, what)| matches!(what, Intrinsic::Wasi)) {
                    module.link_wasi().map_err(|e| format!("wasm3: linking WASI: {e}"))?;
                }
                for (m, n, what) in served {
                    let handles = Arc::clone(&handles);
                    let linked = match what {
                        Intrinsic::Wasi => continue,
                        Intrinsic::New(key) => module.link_closure(&m, &n, move |_, rep: i32| {
                            Ok(handles.lock().unwrap().table(&key).new_handle(rep as u32) as i32)
                        }),
                        Intrinsic::Rep(key) => module.link_closure(&m, &n, move |_, h: i32| {
                            let rep = handles.lock().unwrap().table(&key).rep(h as u32);
                            rep.map(|r| r as i32).map_err(|_| wasm3::error::Trap::Abort)
                        }),
                        Intrinsic::Drop(key) => module.link_closure(&m, &n, move |_, h: i32| {
                            let mut handles = handles.lock().unwrap();
                            let rep = handles.table(&key).remove(h as u32).map_err(|_| wasm3::error::Trap::Abort)?;
                            handles.pending.push((key.clone(), rep));
                            Ok(())
                        }),
                    };
                    linked.map_err(|e| format!("wasm3: linking `{m}`.`{n}`: {e}"))?;
                }
                Inner::Wasm3 { runtime, _env: env }
            }
            Engine::Cranelift | Engine::Singlepass => {
                let mut store = match engine {
                    Engine::Singlepass => wasmer::Store::new(wasmer::sys::Singlepass::default()),
                    _ => wasmer::Store::new(wasmer::sys::Cranelift::default()),
                };
                let module = wasmer::Module::new(&store, bytes).map_err(|e| e.to_string())?;
                let mut imports = wasmer::Imports::new();
                for (m, n, what) in served {
                    let env = wasmer::FunctionEnv::new(&mut store, Arc::clone(&handles));
                    let function = match what {
                        Intrinsic::Wasi => {
                            let ty = module
                                .imports()
                                .find(|i| i.module() == m && i.name() == n)
                                .and_then(|i| i.ty().func().cloned())
                                .ok_or_else(|| format!("`{m}`.`{n}` is not a function"))?;
                            let what =
                                format!("the app called `{m}`.`{n}`, which the harness does not serve on Wasmer");
                            wasmer::Function::new(&mut store, ty, move |_| Err(wasmer::RuntimeError::new(what.clone())))
                        }
                        Intrinsic::New(key) => wasmer::Function::new_typed_with_env(
                            &mut store,
                            &env,
                            move |env: wasmer::FunctionEnvMut<Arc<Mutex<Handles>>>, rep: i32| -> i32 {
                                env.data().lock().unwrap().table(&key).new_handle(rep as u32) as i32
                            },
                        ),
                        Intrinsic::Rep(key) => wasmer::Function::new_typed_with_env(
                            &mut store,
                            &env,
                            move |env: wasmer::FunctionEnvMut<Arc<Mutex<Handles>>>,
                                  h: i32|
                                  -> Result<i32, wasmer::RuntimeError> {
                                let rep = env.data().lock().unwrap().table(&key).rep(h as u32);
                                rep.map(|r| r as i32).map_err(wasmer::RuntimeError::new)
                            },
                        ),
                        Intrinsic::Drop(key) => wasmer::Function::new_typed_with_env(
                            &mut store,
                            &env,
                            move |env: wasmer::FunctionEnvMut<Arc<Mutex<Handles>>>,
                                  h: i32|
                                  -> Result<(), wasmer::RuntimeError> {
                                let mut handles = env.data().lock().unwrap();
                                let rep = handles.table(&key).remove(h as u32).map_err(wasmer::RuntimeError::new)?;
                                handles.pending.push((key.clone(), rep));
                                Ok(())
                            },
                        ),
                    };
                    imports.define(&m, &n, function);
                }
                let instance = wasmer::Instance::new(&mut store, &module, &imports).map_err(|e| e.to_string())?;
                Inner::Wasmer { store, instance }
            }
        };
        Ok(Core { inner, exports, first_names, handles })
    }

    pub fn exports(&self, name: &str) -> bool {
        self.exports.contains_key(name)
    }

    /// Calls the export `name` with `args`; `Err` is the trap (or a wrong
    /// name or signature). Destructors queued by `resource.drop` during the
    /// call run after it.
    pub fn call(&mut self, name: &str, args: &[Val]) -> Result<Vec<Val>, String> {
        let results = self.call_only(name, args)?;
        loop {
            let next = self.handles.lock().unwrap().pending.pop();
            let Some((key, rep)) = next else { break };
            let (interface, resource) = key.split_once('#').unwrap();
            self.call_only(&format!("{interface}#[dtor]{resource}"), &[Val::I32(rep as i32)])?;
        }
        Ok(results)
    }

    fn call_only(&mut self, name: &str, args: &[Val]) -> Result<Vec<Val>, String> {
        let (params, results) = self.exports.get(name).ok_or_else(|| {
            let mut names: Vec<&str> = self.exports.keys().map(String::as_str).collect();
            names.sort();
            format!("the module exports no function `{name}` (it exports: {})", names.join(", "))
        })?;
        let given: Vec<ValType> = args.iter().map(|a| a.ty()).collect();
        if &given != params {
            return Err(format!("`{name}` takes {params:?}, not {given:?}"));
        }
        match &mut self.inner {
            Inner::Wasmer { store, instance } => {
                let f = instance.exports.get_function(name).map_err(|e| e.to_string())?;
                let args: Vec<wasmer::Value> = args
                    .iter()
                    .map(|a| match *a {
                        Val::I32(v) => wasmer::Value::I32(v),
                        Val::I64(v) => wasmer::Value::I64(v),
                        Val::F32(v) => wasmer::Value::F32(v),
                        Val::F64(v) => wasmer::Value::F64(v),
                    })
                    .collect();
                let out = f.call(store, &args).map_err(|e| trap(e.message()))?;
                out.iter()
                    .map(|v| match v {
                        wasmer::Value::I32(v) => Ok(Val::I32(*v)),
                        wasmer::Value::I64(v) => Ok(Val::I64(*v)),
                        wasmer::Value::F32(v) => Ok(Val::F32(*v)),
                        wasmer::Value::F64(v) => Ok(Val::F64(*v)),
                        other => Err(format!("`{name}` returned {other:?}")),
                    })
                    .collect()
            }
            Inner::Wasm3 { runtime, .. } => {
                let known = self.first_names.get(name).map_or(name, String::as_str);
                wasm3_call(runtime, known, args, results)
            }
        }
    }

    /// `len` bytes of the exported memory at `addr`.
    pub fn read(&mut self, addr: u32, len: u32) -> Result<Vec<u8>, String> {
        let oob = || format!("{len} bytes at {addr} are outside memory");
        match &mut self.inner {
            Inner::Wasmer { store, instance } => {
                let memory = instance.exports.get_memory("memory").map_err(|e| e.to_string())?;
                let mut out = vec![0; len as usize];
                memory.view(store).read(addr as u64, &mut out).map_err(|_| oob())?;
                Ok(out)
            }
            Inner::Wasm3 { runtime, .. } => {
                // SAFETY: no wasm function runs while the slice is borrowed.
                let memory = unsafe { &*runtime.memory() };
                let end = (addr as usize).checked_add(len as usize).filter(|&e| e <= memory.len()).ok_or_else(oob)?;
                Ok(memory[addr as usize..end].to_vec())
            }
        }
    }

    /// Writes `bytes` to the exported memory at `addr`.
    pub fn write(&mut self, addr: u32, bytes: &[u8]) -> Result<(), String> {
        let oob = || format!("{} bytes at {addr} are outside memory", bytes.len());
        match &mut self.inner {
            Inner::Wasmer { store, instance } => {
                let memory = instance.exports.get_memory("memory").map_err(|e| e.to_string())?;
                memory.view(store).write(addr as u64, bytes).map_err(|_| oob())
            }
            Inner::Wasm3 { runtime, .. } => {
                // SAFETY: no wasm function runs while the slice is borrowed.
                let memory = unsafe { &mut *runtime.memory_mut() };
                let end = (addr as usize).checked_add(bytes.len()).filter(|&e| e <= memory.len()).ok_or_else(oob)?;
                memory[addr as usize..end].copy_from_slice(bytes);
                Ok(())
            }
        }
    }

    /// The exported memory's size in bytes.
    pub fn memory_size(&mut self) -> u64 {
        match &mut self.inner {
            Inner::Wasmer { store, instance } => {
                instance.exports.get_memory("memory").map(|m| m.view(store).data_size()).unwrap_or(0)
            }
            // SAFETY: only the length is read.
            Inner::Wasm3 { runtime, .. } => unsafe { &*runtime.memory() }.len() as u64,
        }
    }

    // The canonical ABI's lowering and lifting, UTF-8 strings.

    /// `cabi_realloc(0, 0, align, size)`.
    pub fn alloc(&mut self, align: u32, size: u32) -> Result<u32, String> {
        let args = [Val::I32(0), Val::I32(0), Val::I32(align as i32), Val::I32(size as i32)];
        let ptr = self.call_only("cabi_realloc", &args)?[0].i32()? as u32;
        if !ptr.is_multiple_of(align) {
            return Err(format!("cabi_realloc returned {ptr}, not aligned to {align}"));
        }
        Ok(ptr)
    }

    /// Copies `bytes` into fresh memory: `(ptr, len)` with `len` counted in
    /// `elem`-byte elements.
    fn lower_bytes(&mut self, bytes: &[u8], align: u32, elem: u32) -> Result<[Val; 2], String> {
        let ptr = self.alloc(align, bytes.len() as u32)?;
        self.write(ptr, bytes)?;
        Ok([Val::I32(ptr as i32), Val::I32((bytes.len() as u32 / elem) as i32)])
    }

    pub fn lower_string(&mut self, s: &str) -> Result<[Val; 2], String> {
        self.lower_bytes(s.as_bytes(), 1, 1)
    }

    pub fn lower_f32s(&mut self, xs: &[f32]) -> Result<[Val; 2], String> {
        let bytes: Vec<u8> = xs.iter().flat_map(|x| x.to_le_bytes()).collect();
        self.lower_bytes(&bytes, 4, 4)
    }

    pub fn lower_f64s(&mut self, xs: &[f64]) -> Result<[Val; 2], String> {
        let bytes: Vec<u8> = xs.iter().flat_map(|x| x.to_le_bytes()).collect();
        self.lower_bytes(&bytes, 8, 8)
    }

    /// A `list<string>`: each string copied, then the `(ptr, len)` pairs.
    pub fn lower_strings(&mut self, parts: &[String]) -> Result<[Val; 2], String> {
        let mut pairs = Vec::new();
        for part in parts {
            let [ptr, len] = self.lower_string(part)?;
            pairs.extend((ptr.i32()? as u32).to_le_bytes());
            pairs.extend((len.i32()? as u32).to_le_bytes());
        }
        self.lower_bytes(&pairs, 4, 8)
    }

    pub fn u8_at(&mut self, addr: u32) -> Result<u8, String> {
        Ok(self.read(addr, 1)?[0])
    }

    pub fn u32_at(&mut self, addr: u32) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.read(addr, 4)?.try_into().unwrap()))
    }

    pub fn f64_at(&mut self, addr: u32) -> Result<f64, String> {
        Ok(f64::from_le_bytes(self.read(addr, 8)?.try_into().unwrap()))
    }

    /// The `(ptr, len)` pair at `addr`.
    pub fn pair_at(&mut self, addr: u32) -> Result<(u32, u32), String> {
        Ok((self.u32_at(addr)?, self.u32_at(addr + 4)?))
    }

    /// The string whose `(ptr, len)` is at `addr`.
    pub fn string_at(&mut self, addr: u32) -> Result<String, String> {
        let (ptr, len) = self.pair_at(addr)?;
        String::from_utf8(self.read(ptr, len)?).map_err(|_| format!("the string at {ptr} is not UTF-8"))
    }

    /// The `list<f32>` whose `(ptr, len)` is at `addr`.
    pub fn f32s_at(&mut self, addr: u32) -> Result<Vec<f32>, String> {
        let (ptr, len) = self.pair_at(addr)?;
        let bytes = self.read(ptr, len.checked_mul(4).ok_or("list too long")?)?;
        Ok(bytes.chunks(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect())
    }

    /// The `list<string>` whose `(ptr, len)` is at `addr`.
    pub fn strings_at(&mut self, addr: u32) -> Result<Vec<String>, String> {
        let (ptr, len) = self.pair_at(addr)?;
        (0..len).map(|i| self.string_at(ptr + 8 * i)).collect()
    }

    /// Calls `cabi_post_<name>` with the flat results, if the module has it.
    pub fn post_return(&mut self, name: &str, results: &[Val]) -> Result<(), String> {
        let post = format!("cabi_post_{name}");
        if self.exports(&post) {
            self.call(&post, results)?;
        }
        Ok(())
    }

    /// Calls `name`, which returns a pointer to its results, gives that
    /// pointer to `lift`, then runs `cabi_post_<name>`.
    pub fn call_indirect<T>(
        &mut self,
        name: &str,
        args: &[Val],
        lift: impl FnOnce(&mut Core, u32) -> Result<T, String>,
    ) -> Result<T, String> {
        let results = self.call(name, args)?;
        let [Val::I32(area)] = results[..] else {
            return Err(format!("`{name}` returned {results:?}, not a pointer to its results"));
        };
        let value = lift(self, area as u32)?;
        self.post_return(name, &results)?;
        Ok(value)
    }

    /// Calls `name`, whose one result is returned as it is, then runs
    /// `cabi_post_<name>` (if any).
    pub fn call_direct(&mut self, name: &str, args: &[Val]) -> Result<Val, String> {
        let results = self.call(name, args)?;
        let [value] = results[..] else {
            return Err(format!("`{name}` returned {results:?}, not one value"));
        };
        self.post_return(name, &results)?;
        Ok(value)
    }
}

/// What [`Core`] needs to know of a module's functions.
struct Signatures {
    /// Function imports: `(module, name)`.
    imports: Vec<(String, String)>,
    /// Each exported function's `(params, results)`.
    exports: HashMap<String, (Vec<ValType>, Vec<ValType>)>,
    /// Each export name's function's first export name.
    first_names: HashMap<String, String>,
}

fn signatures(bytes: &[u8]) -> Result<Signatures, String> {
    let mut types = Vec::new();
    let mut funcs = Vec::new();
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| format!("not a valid core module: {e}"))? {
            Payload::Version { encoding: wasmparser::Encoding::Component, .. } => {
                return Err("a component, not a core module".to_string());
            }
            Payload::TypeSection(reader) => {
                for ty in reader.into_iter_err_on_gc_types() {
                    let ty = ty.map_err(|e| e.to_string())?;
                    types.push((ty.params().to_vec(), ty.results().to_vec()));
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    if let TypeRef::Func(ty) = import.ty {
                        funcs.push(ty);
                        imports.push((import.module.to_string(), import.name.to_string()));
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    funcs.push(ty.map_err(|e| e.to_string())?);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(|e| e.to_string())?;
                    if export.kind == ExternalKind::Func {
                        exports.push((export.name.to_string(), export.index));
                    }
                }
            }
            _ => {}
        }
    }
    let mut first: HashMap<u32, String> = HashMap::new();
    let first_names = exports
        .iter()
        .map(|(name, index)| (name.clone(), first.entry(*index).or_insert_with(|| name.clone()).clone()))
        .collect();
    let exports = exports
        .into_iter()
        .map(|(name, index)| {
            let ty = funcs.get(index as usize).and_then(|&t| types.get(t as usize)).cloned();
            ty.map(|ty| (name.clone(), ty)).ok_or_else(|| format!("export `{name}`: no such function"))
        })
        .collect::<Result<_, String>>()?;
    Ok(Signatures { imports, exports, first_names })
}

/// Calls a WASM3 function, whose Rust type must be known statically: one
/// arm per signature the example's modules have.
fn wasm3_call(runtime: &wasm3::Runtime, name: &str, args: &[Val], results: &[ValType]) -> Result<Vec<Val>, String> {
    use Val::{F32, F64, I32};
    let err = |e: wasm3::error::Error| trap(format!("wasm3 `{name}`: {e}"));
    macro_rules! call {
        (($($t:ty),*) -> (), $($a:expr),*) => {{
            runtime.find_function::<($($t,)*), ()>(name).map_err(err)?.call($($a),*).map_err(err)?;
            Ok(vec![])
        }};
        (($($t:ty),*) -> $r:ident($rt:ty), $($a:expr),*) => {{
            let f = runtime.find_function::<($($t,)*), $rt>(name).map_err(err)?;
            Ok(vec![$r(f.call($($a),*).map_err(err)?)])
        }};
    }
    match (args, results) {
        ([], [ValType::I32]) => {
            let f = runtime.find_function::<(), i32>(name).map_err(err)?;
            Ok(vec![I32(f.call().map_err(err)?)])
        }
        ([I32(a)], []) => {
            runtime.find_function::<i32, ()>(name).map_err(err)?.call(*a).map_err(err)?;
            Ok(vec![])
        }
        ([I32(a)], [ValType::I32]) => {
            Ok(vec![I32(runtime.find_function::<i32, i32>(name).map_err(err)?.call(*a).map_err(err)?)])
        }
        ([I32(a)], [ValType::F32]) => {
            Ok(vec![F32(runtime.find_function::<i32, f32>(name).map_err(err)?.call(*a).map_err(err)?)])
        }
        ([F64(a)], [ValType::I32]) => {
            Ok(vec![I32(runtime.find_function::<f64, i32>(name).map_err(err)?.call(*a).map_err(err)?)])
        }
        ([I32(a), I32(b)], [ValType::I32]) => call!((i32, i32) -> I32(i32), *a, *b),
        ([I32(a), I32(b)], [ValType::F32]) => call!((i32, i32) -> F32(f32), *a, *b),
        ([I32(a), F32(b)], [ValType::I32]) => call!((i32, f32) -> I32(i32), *a, *b),
        ([I32(a), I32(b), I32(c)], [ValType::I32]) => call!((i32, i32, i32) -> I32(i32), *a, *b, *c),
        ([I32(a), I32(b), F32(c)], [ValType::F32]) => call!((i32, i32, f32) -> F32(f32), *a, *b, *c),
        ([I32(a), I32(b), I32(c), I32(d)], [ValType::I32]) => call!((i32, i32, i32, i32) -> I32(i32), *a, *b, *c, *d),
        _ => Err(format!("the harness cannot call `{name}` on WASM3: no arm for {args:?} -> {results:?}")),
    }
}

// ---------------------------------------------------------------------------
// The app's exports on a core module.

/// A core module exporting the app's functions (the linked output, or
/// anything else that follows the canonical ABI), called as a host would.
pub struct CoreApp {
    pub core: Core,
}

impl CoreApp {
    pub fn new(engine: Engine, bytes: &[u8]) -> Result<CoreApp, String> {
        let core = Core::new(engine, bytes)?;
        let missing: Vec<&str> = ["run", "shout-twice", "stats-of", "tensor-sum", "parse-and-classify", "live"]
            .into_iter()
            .chain(["cabi_realloc"])
            .filter(|name| !core.exports(name))
            .collect();
        if !missing.is_empty() {
            return Err(format!("the module does not export the app's {}", missing.join(", ")));
        }
        Ok(CoreApp { core })
    }

    /// `run: func(seed: u32) -> string`: core `(i32) -> i32`.
    pub fn run(&mut self, seed: u32) -> Result<String, String> {
        self.core.call_indirect("run", &[Val::I32(seed as i32)], Core::string_at)
    }

    /// `shout-twice: func(s: string) -> string`: core `(i32, i32) -> i32`.
    pub fn shout_twice(&mut self, s: &str) -> Result<String, String> {
        let args = self.core.lower_string(s)?;
        self.core.call_indirect("shout-twice", &args, Core::string_at)
    }

    /// `stats-of: func(xs: list<f64>, label: string) -> string`: core
    /// `(i32, i32, i32, i32) -> i32`.
    pub fn stats_of(&mut self, xs: &[f64], label: &str) -> Result<String, String> {
        let [p, n] = self.core.lower_f64s(xs)?;
        let [lp, ln] = self.core.lower_string(label)?;
        self.core.call_indirect("stats-of", &[p, n, lp, ln], Core::string_at)
    }

    /// `tensor-sum: func(data: list<f32>, by: f32) -> f32`: core
    /// `(i32, i32, f32) -> f32`.
    pub fn tensor_sum(&mut self, data: &[f32], by: f32) -> Result<f32, String> {
        let [p, n] = self.core.lower_f32s(data)?;
        match self.core.call_direct("tensor-sum", &[p, n, Val::F32(by)])? {
            Val::F32(v) => Ok(v),
            other => Err(format!("`tensor-sum` returned {other:?}")),
        }
    }

    /// `parse-and-classify: func(s: string, style: u8) -> string`: core
    /// `(i32, i32, i32) -> i32`.
    pub fn parse_and_classify(&mut self, s: &str, style: u8) -> Result<String, String> {
        let [p, n] = self.core.lower_string(s)?;
        self.core.call_indirect("parse-and-classify", &[p, n, Val::I32(style as i32)], Core::string_at)
    }

    /// `live: func() -> u32`: core `() -> i32`.
    pub fn live(&mut self) -> Result<u32, String> {
        Ok(self.core.call_direct("live", &[])?.i32()? as u32)
    }

    pub fn memory_size(&mut self) -> u64 {
        self.core.memory_size()
    }

    /// The benchmark exports: core `(i32, ...) -> i32 | f32`.
    pub fn bench(&mut self, export: &str, n: u32, len: u32) -> Result<f64, String> {
        let args: Vec<Val> = match export {
            "cross-live" => vec![Val::I32(n as i32)],
            _ => vec![Val::I32(n as i32), Val::I32(len as i32)],
        };
        match self.core.call_direct(export, &args)? {
            Val::I32(v) => Ok(v as u32 as f64),
            Val::F32(v) => Ok(v as f64),
            other => Err(format!("`{export}` returned {other:?}")),
        }
    }
}
