#![allow(dead_code)] // each test file uses a part of this harness
//! In-process engines for tests: one linked module, instantiated once, with
//! `host.print` collecting lines; exports are called with up to three `i32`
//! arguments and at most one `i32` result; the exported memory can be read
//! and written between calls.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use linker::{Layout, Linker, Profile};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Instance, Memory, Module, Store, Value};

pub mod crossing;
pub mod rescale;

#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Cranelift,
    Singlepass,
    Wasm3,
}

pub const WASMER: [Engine; 2] = [Engine::Cranelift, Engine::Singlepass];
pub const ALL: [Engine; 3] = [Engine::Cranelift, Engine::Singlepass, Engine::Wasm3];

/// The `portable` profile's region layouts: every portable test runs on both.
pub const LAYOUTS: [Layout; 2] = [Layout::Fixed, Layout::Movable];

/// Links `tests/fixtures/<case>/<main>.wat` with each `<dep>.wat` (interface
/// `<dep>.wit`).
pub fn fixture(case: &str, main: &str, deps: &[&str], profile: Profile) -> Vec<u8> {
    fixture_with(case, main, deps, |linker| linker.profile(profile))
}

/// [`fixture`], in the portable profile with `layout`.
pub fn portable_fixture(case: &str, main: &str, deps: &[&str], layout: Layout) -> Vec<u8> {
    fixture_with(case, main, deps, |linker| linker.profile(Profile::Portable).layout(layout))
}

/// [`fixture`] with the linker's options set by `options`; a dependency
/// `name=file` is `<file>.wat` (interface `<file>.wit`) under `name`, as
/// `wasmer-link` takes it.
pub fn fixture_with(case: &str, main: &str, deps: &[&str], options: impl FnOnce(Linker) -> Linker) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case);
    let wat = |name: &str| wat::parse_file(dir.join(format!("{name}.wat"))).unwrap();
    let mut linker = Linker::new().module("main", wat(main));
    for dep in deps {
        let (name, file) = dep.split_once('=').unwrap_or((dep, dep));
        linker = linker.module(name, wat(file));
        linker = linker.interface(name, std::fs::read_to_string(dir.join(format!("{file}.wit"))).unwrap());
    }
    options(linker).link().unwrap_or_else(|err| panic!("linking `{case}` failed: {err}"))
}

pub struct Env {
    memory: Option<Memory>,
    lines: Vec<String>,
}

pub enum Running {
    Wasmer { store: Store, instance: Instance, env: FunctionEnv<Env> },
    Wasm3 { runtime: wasm3::Runtime, _env: wasm3::Environment, lines: Rc<RefCell<Vec<String>>> },
}

impl Running {
    pub fn new(engine: Engine, bytes: &[u8]) -> Result<Running, String> {
        match engine {
            Engine::Wasm3 => {
                let env = wasm3::Environment::new().map_err(|e| e.to_string())?;
                let runtime = env.create_runtime(1 << 20).map_err(|e| e.to_string())?;
                let lines = Rc::new(RefCell::new(Vec::new()));
                let mut module = runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| e.to_string())?;
                let sink = Rc::clone(&lines);
                let linked = module.link_closure("host", "print", move |cc, (ptr, len): (i32, i32)| {
                    let memory = unsafe { &*cc.memory() };
                    let text = &memory[ptr as usize..(ptr + len) as usize];
                    sink.borrow_mut().push(String::from_utf8(text.to_vec()).unwrap());
                    Ok(())
                });
                match linked {
                    // A module that does not import `host.print` is fine.
                    Ok(()) | Err(wasm3::error::Error::FunctionNotFound) => {}
                    Err(e) => return Err(e.to_string()),
                }
                Ok(Running::Wasm3 { runtime, _env: env, lines })
            }
            _ => {
                let mut store = match engine {
                    Engine::Singlepass => Store::new(wasmer::sys::Singlepass::default()),
                    _ => Store::new(wasmer::sys::Cranelift::default()),
                };
                let module = Module::new(&store, bytes).map_err(|e| e.to_string())?;
                let env = FunctionEnv::new(&mut store, Env { memory: None, lines: Vec::new() });
                let print = Function::new_typed_with_env(
                    &mut store,
                    &env,
                    |mut env: FunctionEnvMut<Env>, ptr: i32, len: i32| {
                        let (data, store) = env.data_and_store_mut();
                        let view = data.memory.as_ref().unwrap().view(&store);
                        let bytes = view.copy_range_to_vec(ptr as u64..(ptr + len) as u64).unwrap();
                        data.lines.push(String::from_utf8(bytes).unwrap());
                    },
                );
                let imports = wasmer::imports! { "host" => { "print" => print } };
                let instance = Instance::new(&mut store, &module, &imports).map_err(|e| e.to_string())?;
                env.as_mut(&mut store).memory = Some(instance.exports.get_memory("memory").unwrap().clone());
                Ok(Running::Wasmer { store, instance, env })
            }
        }
    }

    /// Calls `export` with `args` (0 to 3 values); `Err` is the trap.
    pub fn call(&mut self, export: &str, args: &[i32]) -> Result<Option<i32>, String> {
        match self {
            Running::Wasmer { store, instance, .. } => {
                let f = instance.exports.get_function(export).map_err(|e| e.to_string())?;
                let args: Vec<Value> = args.iter().map(|a| Value::I32(*a)).collect();
                let result = f.call(store, &args).map_err(|e| e.message())?;
                Ok(result.first().map(|v| v.unwrap_i32()))
            }
            Running::Wasm3 { runtime, .. } => {
                let err = |e: wasm3::error::Error| format!("wasm3 `{export}`: {e}");
                match args {
                    [] => match runtime.find_function::<(), i32>(export) {
                        Ok(f) => f.call().map(Some).map_err(err),
                        Err(_) => {
                            runtime.find_function::<(), ()>(export).map_err(err)?.call().map(|_| None).map_err(err)
                        }
                    },
                    [a] => match runtime.find_function::<i32, i32>(export) {
                        Ok(f) => f.call(*a).map(Some).map_err(err),
                        Err(_) => {
                            runtime.find_function::<i32, ()>(export).map_err(err)?.call(*a).map(|_| None).map_err(err)
                        }
                    },
                    [a, b] => match runtime.find_function::<(i32, i32), i32>(export) {
                        Ok(f) => f.call(*a, *b).map(Some).map_err(err),
                        Err(_) => runtime
                            .find_function::<(i32, i32), ()>(export)
                            .map_err(err)?
                            .call(*a, *b)
                            .map(|_| None)
                            .map_err(err),
                    },
                    [a, b, c] => match runtime.find_function::<(i32, i32, i32), i32>(export) {
                        Ok(f) => f.call(*a, *b, *c).map(Some).map_err(err),
                        Err(_) => runtime
                            .find_function::<(i32, i32, i32), ()>(export)
                            .map_err(err)?
                            .call(*a, *b, *c)
                            .map(|_| None)
                            .map_err(err),
                    },
                    _ => unimplemented!("at most three arguments"),
                }
            }
        }
    }

    /// `len` bytes of the exported memory from `addr` (panics if out of
    /// bounds).
    pub fn read(&mut self, addr: u32, len: usize) -> Vec<u8> {
        match self {
            Running::Wasmer { store, env, .. } => {
                let memory = env.as_ref(store).memory.clone().unwrap();
                let mut out = vec![0; len];
                memory.view(store).read(addr as u64, &mut out).unwrap();
                out
            }
            Running::Wasm3 { runtime, .. } => {
                // SAFETY: no wasm function runs while the slice is borrowed.
                let memory = unsafe { &*runtime.memory() };
                memory[addr as usize..addr as usize + len].to_vec()
            }
        }
    }

    /// Writes `bytes` to the exported memory at `addr` (panics if out of
    /// bounds).
    pub fn write(&mut self, addr: u32, bytes: &[u8]) {
        match self {
            Running::Wasmer { store, env, .. } => {
                let memory = env.as_ref(store).memory.clone().unwrap();
                memory.view(store).write(addr as u64, bytes).unwrap();
            }
            Running::Wasm3 { runtime, .. } => {
                // SAFETY: no wasm function runs while the slice is borrowed.
                let memory = unsafe { &mut *runtime.memory_mut() };
                memory[addr as usize..addr as usize + bytes.len()].copy_from_slice(bytes);
            }
        }
    }

    /// The exported memory's current size in bytes.
    pub fn memory_size(&mut self) -> u64 {
        match self {
            Running::Wasmer { store, env, .. } => {
                let memory = env.as_ref(store).memory.clone().unwrap();
                memory.view(store).data_size()
            }
            // SAFETY: only the length is read.
            Running::Wasm3 { runtime, .. } => unsafe { runtime.memory() }.len() as u64,
        }
    }

    /// The lines `host.print` received so far.
    pub fn lines(&mut self) -> Vec<String> {
        match self {
            Running::Wasmer { store, env, .. } => env.as_mut(store).lines.clone(),
            Running::Wasm3 { lines, .. } => lines.borrow().clone(),
        }
    }
}

/// Instantiates, calls one export, returns what was printed and the result.
pub fn call(engine: Engine, bytes: &[u8], export: &str) -> Result<(Vec<String>, Option<i32>), String> {
    let mut running = Running::new(engine, bytes)?;
    let result = running.call(export, &[])?;
    Ok((running.lines(), result))
}

/// Where `cargo xtask build` put the modules (`RUNE_WASM_DIR`, which `cargo
/// xtask test` sets, else `target/wasm`), checked to hold every one of `files`.
pub fn wasm_dir(files: &[&str]) -> PathBuf {
    let dir = std::env::var_os("RUNE_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/wasm"));
    assert!(
        files.iter().all(|f| dir.join(f).exists()),
        "no {} in `{}`: run `cargo xtask build` (or `cargo xtask test`)",
        files.join("/"),
        dir.display()
    );
    dir
}

/// Compiles the single Rust file `source` (relative to `host/`) with
/// `rustc --edition 2021 ARGS -o OUT`, `OUT` being `out_name` in cargo's
/// temporary directory for tests; returns `OUT`. The wasm targets are
/// installed by `cargo xtask test`.
pub fn rustc(source: &str, args: &[&str], out_name: &str) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(source);
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(out_name);
    let status = std::process::Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args(["--edition", "2021"])
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg(&source)
        .status()
        .expect("rustc runs");
    assert!(
        status.success(),
        "rustc {args:?} failed on {} (`cargo xtask test` installs the wasm targets)",
        source.display()
    );
    out
}

/// Writes `bytes` to `name` in this process's temporary directory for `test`.
pub fn write_temp(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rune-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A small deterministic generator (SplitMix64) for randomised tests: the
/// same seed gives the same cases, so a failure names its seed and input.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `range` (inclusive).
    pub fn between(&mut self, range: std::ops::RangeInclusive<u64>) -> u64 {
        range.start() + self.below(range.end() - range.start() + 1)
    }

    pub fn byte(&mut self) -> u8 {
        self.next_u64() as u8
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }
}
