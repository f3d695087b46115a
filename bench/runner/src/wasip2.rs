//! Section 13: `println!` through WASI 0.2 served by the linked module (the
//! shims over `wasi_snapshot_preview1`, issue 24), against the same
//! component under wasmtime's own WASI 0.2 (`wasmtime-wasi`).
//!
//! The program (`bench/wasip2-print/main.rs`) is compiled by `rustc` here,
//! twice per target: printing [`Sizes::lines`] lines and printing none (its
//! line count is fixed at compile time, so no engine needs an environment
//! or arguments). For `wasm32-wasip2` it is a command component: each line
//! is one `blocking-write-and-flush` on WASI 0.2's stdout. For
//! `wasm32-wasip1` it is a core command whose lines are one `fd_write` each:
//! preview 1 directly, the limit row of each engine. A run is a fresh
//! instance and one call of `run` (the component) or `_start` (a core
//! module); the modules are compiled once, before timing. Per line is
//! `(t(lines) - t(0)) / lines` of medians, so start-up is apart.
//!
//! Where stdout goes, no system call anywhere: wasmtime, `SinkOutputStream`
//! (wasmtime-wasi's stream that drops what it is given); Wasmer, `NullFile`
//! (`virtual-fs`'s file that drops writes); WASM3, the host's `fd_write`
//! (replacing WASM3's, which writes to file descriptor 1) that reads the
//! iovecs and drops the bytes. A check run first captures each
//! configuration's stdout and compares it with the expected lines.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use linker::{Linker, Profile};
use wasmer_wasix::virtual_fs::{NullFile, Pipe, VirtualFile};
use wasmtime_wasi::p2::pipe::{MemoryOutputPipe, SinkOutputStream};
use wasmtime_wasi::{I32Exit, ResourceTable, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use crate::{median, nanos, Report};

const SOURCE: &str = include_str!("../../wasip2-print/main.rs");

/// How many lines, and how many runs per median.
struct Sizes {
    lines: u32,
    reps: usize,
}

/// The line the program prints `i`-th.
fn line(i: u32) -> String {
    format!("line {i}: the quick brown fox jumps over the lazy dog\n")
}

/// `bench/wasip2-print` compiled for `target` printing `lines` lines.
fn compile(dir: &Path, target: &str, lines: u32) -> Result<Vec<u8>> {
    let source = dir.join("main.rs");
    std::fs::write(&source, SOURCE)?;
    let out = dir.join(format!("print-{lines}-{target}.wasm"));
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let status = std::process::Command::new(&rustc)
        .args(["--edition", "2021", "-O", "--target", target, "-o"])
        .arg(&out)
        .arg(&source)
        .env("BENCH_LINES", lines.to_string())
        .status()
        .with_context(|| format!("running `{rustc}`"))?;
    if !status.success() {
        bail!("`{rustc} --target {target}` failed on `bench/wasip2-print/main.rs` (is the target installed? `cargo xtask build` installs it)");
    }
    std::fs::read(&out).with_context(|| format!("reading `{}`", out.display()))
}

/// One way of running a program: `run(capture)` runs a fresh instance to
/// the end and, with `capture`, returns its stdout.
trait Runs {
    fn run(&mut self, capture: bool) -> Result<Option<Vec<u8>>>;
}

/// The store's data for wasmtime-wasi's WASI 0.2.
struct P2 {
    ctx: WasiCtx,
    table: ResourceTable,
}

impl WasiView for P2 {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.ctx, table: &mut self.table }
    }
}

/// A component under wasmtime's component model and wasmtime-wasi's WASI 0.2.
struct Component {
    engine: wasmtime::Engine,
    pre: wasmtime_wasi::p2::bindings::sync::CommandPre<P2>,
}

impl Component {
    fn new(bytes: &[u8]) -> Result<Component> {
        let err = |e: wasmtime::Error| anyhow!("wasmtime: {e:#}");
        let engine = wasmtime::Engine::default();
        let component = wasmtime::component::Component::new(&engine, bytes).map_err(err)?;
        let mut linker = wasmtime::component::Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(err)?;
        let pre = linker.instantiate_pre(&component).map_err(err)?;
        let pre = wasmtime_wasi::p2::bindings::sync::CommandPre::new(pre).map_err(err)?;
        Ok(Component { engine, pre })
    }
}

impl Runs for Component {
    fn run(&mut self, capture: bool) -> Result<Option<Vec<u8>>> {
        let err = |e: wasmtime::Error| anyhow!("wasmtime: {e:#}");
        let pipe = MemoryOutputPipe::new(usize::MAX);
        let mut wasi = WasiCtxBuilder::new();
        if capture {
            wasi.stdout(pipe.clone());
        } else {
            wasi.stdout(SinkOutputStream);
        }
        let mut store = wasmtime::Store::new(&self.engine, P2 { ctx: wasi.build(), table: ResourceTable::new() });
        let command = self.pre.instantiate(&mut store).map_err(err)?;
        command.wasi_cli_run().call_run(&mut store).map_err(err)?.map_err(|()| anyhow!("`run` returned `err`"))?;
        drop(store);
        Ok(capture.then(|| pipe.contents().to_vec()))
    }
}

/// A core command under wasmtime with wasmtime-wasi's preview 1.
struct CoreP1 {
    engine: wasmtime::Engine,
    pre: wasmtime::InstancePre<wasmtime_wasi::p1::WasiP1Ctx>,
}

impl CoreP1 {
    fn new(bytes: &[u8]) -> Result<CoreP1> {
        let err = |e: wasmtime::Error| anyhow!("wasmtime: {e:#}");
        let engine = wasmtime::Engine::default();
        let module = wasmtime::Module::new(&engine, bytes).map_err(err)?;
        let mut linker = wasmtime::Linker::new(&engine);
        wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |ctx| ctx).map_err(err)?;
        let pre = linker.instantiate_pre(&module).map_err(err)?;
        Ok(CoreP1 { engine, pre })
    }
}

impl Runs for CoreP1 {
    fn run(&mut self, capture: bool) -> Result<Option<Vec<u8>>> {
        let err = |e: wasmtime::Error| anyhow!("wasmtime: {e:#}");
        let pipe = MemoryOutputPipe::new(usize::MAX);
        let mut wasi = WasiCtxBuilder::new();
        if capture {
            wasi.stdout(pipe.clone());
        } else {
            wasi.stdout(SinkOutputStream);
        }
        let mut store = wasmtime::Store::new(&self.engine, wasi.build_p1());
        let instance = self.pre.instantiate(&mut store).map_err(err)?;
        let start = instance.get_typed_func::<(), ()>(&mut store, "_start").map_err(err)?;
        match start.call(&mut store, ()) {
            Ok(()) => {}
            Err(e) if matches!(e.downcast_ref::<I32Exit>(), Some(I32Exit(0))) => {}
            Err(e) => return Err(err(e)),
        }
        drop(store);
        Ok(capture.then(|| pipe.contents().to_vec()))
    }
}

/// A core command on Wasmer (cranelift) with wasmer-wasix's preview 1.
struct OnWasmer {
    tokio: tokio::runtime::Runtime,
    engine: wasmer::Engine,
    module: wasmer::Module,
}

impl OnWasmer {
    fn new(bytes: &[u8]) -> Result<OnWasmer> {
        let tokio = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_time().build()?;
        let engine = wasmer::Engine::from(wasmer::sys::Cranelift::default());
        let module = wasmer::Module::new(&engine, bytes)?;
        Ok(OnWasmer { tokio, engine, module })
    }
}

impl Runs for OnWasmer {
    fn run(&mut self, capture: bool) -> Result<Option<Vec<u8>>> {
        let _entered = self.tokio.enter();
        let mut store = wasmer::Store::new(self.engine.clone());
        let pipe = Pipe::new();
        let stdout: Box<dyn VirtualFile + Send + Sync> =
            if capture { Box::new(pipe.clone()) } else { Box::new(NullFile::default()) };
        let mut wasi = wasmer_wasix::WasiEnv::builder("print")
            .stdout(stdout)
            .engine(self.engine.clone())
            .finalize(&mut store)
            .map_err(|e| anyhow!("wasmer-wasix: {e}"))?;
        let imports = wasi.import_object(&mut store, &self.module).map_err(|e| anyhow!("wasmer-wasix: {e}"))?;
        let instance = wasmer::Instance::new(&mut store, &self.module, &imports)?;
        wasi.initialize(&mut store, instance.clone()).map_err(|e| anyhow!("wasmer-wasix: {e}"))?;
        let start = instance.exports.get_typed_function::<(), ()>(&store, "_start")?;
        match start.call(&mut store) {
            Ok(()) => {}
            Err(e) => match e.downcast::<wasmer_wasix::WasiError>() {
                Ok(wasmer_wasix::WasiError::Exit(code)) if code.raw() == 0 => {}
                Ok(other) => bail!("wasmer: `_start`: {other}"),
                Err(e) => bail!("wasmer: `_start` trapped: {}", e.message()),
            },
        }
        wasi.on_exit(&mut store, None);
        Ok(capture.then(|| drain(pipe)))
    }
}

/// Everything a pipe received so far.
fn drain(mut pipe: Pipe) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 65536];
    while let Some(n) = pipe.try_read(&mut buf).filter(|&n| n > 0) {
        out.extend_from_slice(&buf[..n]);
    }
    out
}

/// A core command (portable) on WASM3 with its own WASI, `fd_write` replaced.
struct OnWasm3 {
    bytes: Vec<u8>,
}

impl Runs for OnWasm3 {
    fn run(&mut self, capture: bool) -> Result<Option<Vec<u8>>> {
        let err = |e: wasm3::error::Error| anyhow!("wasm3: {e}");
        let env = wasm3::Environment::new().map_err(err)?;
        let runtime = env.create_runtime(1 << 20).map_err(err)?;
        let mut module = runtime.parse_and_load_module(self.bytes.clone()).map_err(err)?;
        module.link_wasi().map_err(err)?;
        let captured = Rc::new(std::cell::RefCell::new(Vec::new()));
        let failed = Rc::new(Cell::new(false));
        let (sink, bad) = (Rc::clone(&captured), Rc::clone(&failed));
        let linked = module.link_closure(
            "wasi_snapshot_preview1",
            "fd_write",
            move |cc, (fd, iovs, count, nwritten): (i32, i32, i32, i32)| {
                // SAFETY: the memory is not resized while this host function runs.
                let memory = unsafe { &mut *cc.memory_mut() };
                let word = |at: usize| memory.get(at..at + 4).map(|b| u32::from_le_bytes(b.try_into().unwrap()));
                let mut total = 0u32;
                for i in 0..count as usize {
                    let at = iovs as usize + 8 * i;
                    let (Some(ptr), Some(len)) = (word(at), word(at + 4)) else { return Ok(21) };
                    let Some(bytes) = memory.get(ptr as usize..ptr as usize + len as usize) else { return Ok(21) };
                    if capture && fd == 1 {
                        sink.borrow_mut().extend_from_slice(bytes);
                    }
                    total += len;
                }
                if fd != 1 {
                    bad.set(true);
                }
                match memory.get_mut(nwritten as usize..nwritten as usize + 4) {
                    Some(out) => out.copy_from_slice(&total.to_le_bytes()),
                    None => return Ok(21),
                }
                Ok(0i32)
            },
        );
        match linked {
            Ok(()) | Err(wasm3::error::Error::FunctionNotFound) => {}
            Err(e) => return Err(err(e)),
        }
        module.find_function::<(), ()>("_start").map_err(err)?.call().map_err(err)?;
        if failed.get() {
            bail!("wasm3: the program wrote to a file descriptor other than stdout");
        }
        let out = captured.borrow().clone();
        Ok(capture.then_some(out))
    }
}

/// Makes a configuration's runner of a module.
type Make = dyn Fn(&[u8]) -> Result<Box<dyn Runs>>;

/// Start-up (the program printing nothing) and per line, medians.
fn measure(quiet: &mut dyn Runs, loud: &mut dyn Runs, sizes: &Sizes) -> Result<(Duration, Duration)> {
    let start = median(sizes.reps, || quiet.run(false).map(drop))?;
    let full = median(sizes.reps, || loud.run(false).map(drop))?;
    Ok((start, full.saturating_sub(start) / sizes.lines.max(1)))
}

pub fn section(report: &mut Report, quick: bool) -> Result<()> {
    let sizes = if quick { Sizes { lines: 20, reps: 1 } } else { Sizes { lines: 20_000, reps: 11 } };
    let dir: PathBuf = std::env::temp_dir().join(format!("bench-wasip2-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let build =
        |target: &str| -> Result<[Vec<u8>; 2]> { Ok([compile(&dir, target, 0)?, compile(&dir, target, sizes.lines)?]) };
    let (p2, p1) = (build("wasm32-wasip2")?, build("wasm32-wasip1")?);
    std::fs::remove_dir_all(&dir).ok();
    let link = |bytes: &[u8], profile: Profile| {
        Linker::new()
            .module("print", bytes.to_vec())
            .profile(profile)
            .link()
            .with_context(|| format!("linking the wasip2 print program ({})", profile.name()))
    };
    let linked = |profile: Profile| -> Result<[Vec<u8>; 2]> { Ok([link(&p2[0], profile)?, link(&p2[1], profile)?]) };
    let (portable, multi) = (linked(Profile::Portable)?, linked(Profile::MultiMemory)?);
    // WASM3 0.4.7 cannot run bulk memory, which Rust's wasip1 output uses:
    // the module alone through the portable profile (no shim: its WASI
    // imports stay preview 1's).
    let p1_portable = [link(&p1[0], Profile::Portable)?, link(&p1[1], Profile::Portable)?];

    type Pair = [Box<dyn Runs>; 2];
    let pair = |make: &Make, bytes: &[Vec<u8>; 2]| -> Result<Pair> { Ok([make(&bytes[0])?, make(&bytes[1])?]) };
    let component = |b: &[u8]| -> Result<Box<dyn Runs>> { Ok(Box::new(Component::new(b)?)) };
    let core_p1 = |b: &[u8]| -> Result<Box<dyn Runs>> { Ok(Box::new(CoreP1::new(b)?)) };
    let wasmer = |b: &[u8]| -> Result<Box<dyn Runs>> { Ok(Box::new(OnWasmer::new(b)?)) };
    let wasm3 = |b: &[u8]| -> Result<Box<dyn Runs>> { Ok(Box::new(OnWasm3 { bytes: b.to_vec() })) };
    let mut configs: Vec<(&str, Pair)> = vec![
        ("wasmtime: the component, wasmtime-wasi's WASI 0.2 (the oracle)", pair(&component, &p2)?),
        (
            "wasmtime: linked `portable` (core module), WASI 0.2 shims over wasmtime-wasi's preview 1",
            pair(&core_p1, &portable)?,
        ),
        ("limit, wasmtime: the `wasm32-wasip1` build, preview 1 directly", pair(&core_p1, &p1)?),
        ("Wasmer cranelift: linked `portable`, WASI 0.2 shims over preview 1", pair(&wasmer, &portable)?),
        ("Wasmer cranelift: linked `multi-memory`", pair(&wasmer, &multi)?),
        ("limit, Wasmer cranelift: the `wasm32-wasip1` build, preview 1 directly", pair(&wasmer, &p1)?),
        ("WASM3: linked `portable`, WASI 0.2 shims over preview 1", pair(&wasm3, &portable)?),
        (
            "limit, WASM3: the `wasm32-wasip1` build (bulk memory lowered), preview 1 directly",
            pair(&wasm3, &p1_portable)?,
        ),
    ];
    let expected: String = (0..sizes.lines).map(line).collect();
    let mut rows = Vec::new();
    for (name, [quiet, loud]) in &mut configs {
        let printed = loud.run(true)?.unwrap_or_default();
        if printed != expected.as_bytes() {
            bail!("{name}: printed {} bytes, not the {} expected lines", printed.len(), sizes.lines);
        }
        if !quiet.run(true)?.unwrap_or_default().is_empty() {
            bail!("{name}: the program printing no lines printed something");
        }
        let (start, per_line) = measure(quiet.as_mut(), loud.as_mut(), &sizes)?;
        rows.push(format!("| {name} | {:.1} µs | {} |", start.as_secs_f64() * 1e6, nanos(per_line)));
    }
    rows.push(String::new());
    rows.push(format!(
        "A Rust command built with `rustc -O` printing {} lines of {} bytes with `println!` (one write per line), \
         against the same program printing none: start-up is a fresh instance running the empty program (median \
         of {}), per line is the difference over the line count. Built for `wasm32-wasip2` it is a component, \
         run by wasmtime itself and linked by `wasmer-link` into a core command whose WASI 0.2 is served over \
         preview 1; built for `wasm32-wasip1` it is the limit (preview 1 directly, no shim). Stdout is dropped \
         without a system call: wasmtime-wasi's `SinkOutputStream`, Wasmer's `NullFile`, on WASM3 an `fd_write` \
         of the host's that reads the iovecs; every configuration's output is checked once first. The modules are \
         compiled before timing; WASM3 compiles lazily, so its runs include parsing and loading the module, \
         and, for the linked module (fixed layout), allocating and zeroing the main module's reservation \
         (section 8).",
        sizes.lines,
        line(0).len(),
        sizes.reps
    ));
    report.section(
        "13. WASI 0.2 `println!`: the linked shims against wasmtime's own WASI 0.2",
        "| configuration | start-up (no line printed) | per `println!` (median) |",
        rows,
    );
    Ok(())
}
