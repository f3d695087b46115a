//! Section 12: the components example (`examples/components`) linked into
//! one core module, against the same two components run by the component
//! model itself (wasmtime's component runtime, the composition
//! `composed.wasm`).
//!
//! The app's benchmark exports loop inside the app (`cross-live(n)`,
//! `cross-shout(n, len)`, `cross-dot(n, len)`), so a figure is the crossing
//! from the app into the block and back, not the host's call. The physical
//! limit is the same work done inside the app without crossing
//! (`inside-shout`, `inside-dot`), on the same engine.

use std::path::Path;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use linker::{Linker, Profile};

use crate::{nanos, per_call, Report, Wasm3};

/// The string and tensor lengths, and how many crossings one host call makes.
struct Work {
    reps: usize,
    live: u32,
    shout: u32,
    dot: u32,
}

const SHOUT_LEN: u32 = 1024;
const DOT_LEN: u32 = 4096;

/// One way of running the app's benchmark exports: `(n, len)` in, the
/// export's result out (as `f64`, to be checked across configurations).
trait Runs {
    fn call(&mut self, export: &str, n: u32, len: u32) -> Result<f64>;
}

/// The composition, in wasmtime's component model.
struct Component {
    store: wasmtime::Store<()>,
    instance: wasmtime::component::Instance,
}

impl Component {
    fn new(bytes: &[u8]) -> Result<Component> {
        let engine = wasmtime::Engine::default();
        let component = wasmtime::component::Component::new(&engine, bytes).map_err(|e| anyhow!("wasmtime: {e}"))?;
        let mut store = wasmtime::Store::new(&engine, ());
        let linker = wasmtime::component::Linker::new(&engine);
        let instance = linker.instantiate(&mut store, &component).map_err(|e| anyhow!("wasmtime: {e}"))?;
        Ok(Component { store, instance })
    }
}

impl Runs for Component {
    fn call(&mut self, export: &str, n: u32, len: u32) -> Result<f64> {
        let store = &mut self.store;
        let err = |e: wasmtime::Error| anyhow!("wasmtime: `{export}`: {e}");
        Ok(match export {
            "cross-live" => {
                let f = self.instance.get_typed_func::<(u32,), (u32,)>(&mut *store, export).map_err(err)?;
                let (r,) = f.call(&mut *store, (n,)).map_err(err)?;
                r as f64
            }
            "cross-shout" | "inside-shout" => {
                let f = self.instance.get_typed_func::<(u32, u32), (u32,)>(&mut *store, export).map_err(err)?;
                let (r,) = f.call(&mut *store, (n, len)).map_err(err)?;
                r as f64
            }
            _ => {
                let f = self.instance.get_typed_func::<(u32, u32), (f32,)>(&mut *store, export).map_err(err)?;
                let (r,) = f.call(&mut *store, (n, len)).map_err(err)?;
                r as f64
            }
        })
    }
}

/// The linked output as a core module in wasmtime (the same engine as the
/// component row, without the component model).
struct WasmtimeCore {
    store: wasmtime::Store<()>,
    instance: wasmtime::Instance,
}

impl WasmtimeCore {
    fn new(bytes: &[u8]) -> Result<WasmtimeCore> {
        let engine = wasmtime::Engine::default();
        let module = wasmtime::Module::new(&engine, bytes).map_err(|e| anyhow!("wasmtime: {e}"))?;
        let mut store = wasmtime::Store::new(&engine, ());
        let instance = wasmtime::Instance::new(&mut store, &module, &[]).map_err(|e| anyhow!("wasmtime: {e}"))?;
        Ok(WasmtimeCore { store, instance })
    }
}

impl Runs for WasmtimeCore {
    fn call(&mut self, export: &str, n: u32, len: u32) -> Result<f64> {
        let store = &mut self.store;
        let err = |e: wasmtime::Error| anyhow!("wasmtime: `{export}`: {e}");
        Ok(match export {
            "cross-live" => {
                let f = self.instance.get_typed_func::<i32, i32>(&mut *store, export).map_err(err)?;
                f.call(&mut *store, n as i32).map_err(err)? as u32 as f64
            }
            "cross-shout" | "inside-shout" => {
                let f = self.instance.get_typed_func::<(i32, i32), i32>(&mut *store, export).map_err(err)?;
                f.call(&mut *store, (n as i32, len as i32)).map_err(err)? as u32 as f64
            }
            _ => {
                let f = self.instance.get_typed_func::<(i32, i32), f32>(&mut *store, export).map_err(err)?;
                f.call(&mut *store, (n as i32, len as i32)).map_err(err)? as f64
            }
        })
    }
}

/// The linked output on Wasmer (cranelift).
struct OnWasmer {
    store: wasmer::Store,
    instance: wasmer::Instance,
}

impl OnWasmer {
    fn new(bytes: &[u8]) -> Result<OnWasmer> {
        let mut store = wasmer::Store::new(wasmer::sys::Cranelift::default());
        let module = wasmer::Module::new(&store, bytes)?;
        let instance = wasmer::Instance::new(&mut store, &module, &wasmer::Imports::new())?;
        Ok(OnWasmer { store, instance })
    }
}

impl Runs for OnWasmer {
    fn call(&mut self, export: &str, n: u32, len: u32) -> Result<f64> {
        let store = &mut self.store;
        let exports = &self.instance.exports;
        let what = || format!("wasmer: `{export}`");
        Ok(match export {
            "cross-live" => {
                let f = exports.get_typed_function::<i32, i32>(&*store, export).with_context(what)?;
                f.call(store, n as i32).with_context(what)? as u32 as f64
            }
            "cross-shout" | "inside-shout" => {
                let f = exports.get_typed_function::<(i32, i32), i32>(&*store, export).with_context(what)?;
                f.call(store, n as i32, len as i32).with_context(what)? as u32 as f64
            }
            _ => {
                let f = exports.get_typed_function::<(i32, i32), f32>(&*store, export).with_context(what)?;
                f.call(store, n as i32, len as i32).with_context(what)? as f64
            }
        })
    }
}

/// The linked output (`portable`) on WASM3 (the runner's own [`Wasm3`]).
impl Runs for Wasm3 {
    fn call(&mut self, export: &str, n: u32, len: u32) -> Result<f64> {
        let err = |e: wasm3::error::Error| anyhow!("wasm3: `{export}`: {e}");
        Ok(match export {
            "cross-live" => {
                let f = self.runtime.find_function::<i32, i32>(export).map_err(err)?;
                f.call(n as i32).map_err(err)? as u32 as f64
            }
            "cross-shout" | "inside-shout" => {
                let f = self.runtime.find_function::<(i32, i32), i32>(export).map_err(err)?;
                f.call(n as i32, len as i32).map_err(err)? as u32 as f64
            }
            _ => {
                let f = self.runtime.find_function::<(i32, i32), f32>(export).map_err(err)?;
                f.call(n as i32, len as i32).map_err(err)? as f64
            }
        })
    }
}

/// Per crossing (or per unit of inside work): one host call making `n`.
/// The result is checked against `want` first, so every configuration is
/// known to compute the same thing.
fn time(runs: &mut dyn Runs, work: &Work, export: &str, n: u32, len: u32, want: f64) -> Result<Duration> {
    let got = runs.call(export, n, len)?;
    if got != want {
        return Err(anyhow!("`{export}({n}, {len})` returned {got}, expected {want}"));
    }
    per_call(work.reps, n, || runs.call(export, n, len).map(drop))
}

pub fn section(report: &mut Report, quick: bool, wasm_dir: &Path) -> Result<()> {
    let dir = wasm_dir.join("components");
    let read = |file: &str| {
        let path = dir.join(file);
        std::fs::read(&path).with_context(|| format!("reading `{}` (run `cargo xtask build`)", path.display()))
    };
    let (app, block) = (read("app.wasm")?, read("block.wasm")?);
    let link = |profile: Profile| {
        Linker::new()
            .module("app", app.clone())
            .module("block", block.clone())
            .profile(profile)
            .link()
            .with_context(|| format!("linking the components example ({})", profile.name()))
    };
    let (portable, multi) = (link(Profile::Portable)?, link(Profile::MultiMemory)?);
    let work = if quick {
        Work { reps: 1, live: 10, shout: 4, dot: 2 }
    } else {
        Work { reps: 9, live: 200_000, shout: 20_000, dot: 2_000 }
    };
    // What every configuration must return: `live()` is 0 with no tensor
    // alive; `shout` returns `len` bytes; the dot of `i % 8` and half of it.
    let dot: f64 = {
        let one: f32 = (0..DOT_LEN).map(|i| (i % 8) as f32 * ((i % 8) as f32 * 0.5)).sum();
        (0..work.dot).map(|_| one).sum::<f32>() as f64
    };
    // Each configuration, and where its limit row runs (the app's own
    // code, on the same engine), if it has one.
    let mut configs: Vec<(&str, Box<dyn Runs>, Option<&str>)> = vec![
        (
            "the two components in wasmtime's component model (`composed.wasm`)",
            Box::new(Component::new(&read("composed.wasm")?)?),
            Some("wasmtime, in the component"),
        ),
        (
            "linked `portable`, wasmtime (as a core module)",
            Box::new(WasmtimeCore::new(&portable)?),
            Some("wasmtime, linked"),
        ),
        ("linked `multi-memory`, Wasmer cranelift", Box::new(OnWasmer::new(&multi)?), None),
        ("linked `portable`, Wasmer cranelift", Box::new(OnWasmer::new(&portable)?), Some("Wasmer cranelift, linked")),
        ("linked `portable`, WASM3", Box::new(Wasm3::new(&portable)?), Some("WASM3, linked")),
    ];
    let mut rows = Vec::new();
    let mut limits = Vec::new();
    for (name, runs, limit) in &mut configs {
        let live = time(runs.as_mut(), &work, "cross-live", work.live, 0, 0.0)?;
        let shout = time(runs.as_mut(), &work, "cross-shout", work.shout, SHOUT_LEN, (work.shout * SHOUT_LEN) as f64)?;
        let dotted = time(runs.as_mut(), &work, "cross-dot", work.dot, DOT_LEN, dot)?;
        rows.push(format!("| {name} | {} | {} | {} |", nanos(live), nanos(shout), nanos(dotted)));
        if let Some(limit) = limit {
            let shout =
                time(runs.as_mut(), &work, "inside-shout", work.shout, SHOUT_LEN, (work.shout * SHOUT_LEN) as f64)?;
            let dotted = time(runs.as_mut(), &work, "inside-dot", work.dot, DOT_LEN, dot)?;
            limits.push(format!(
                "| limit: the same work inside the app, no crossing ({limit}) | — | {} | {} |",
                nanos(shout),
                nanos(dotted)
            ));
        }
    }
    rows.extend(limits);
    rows.push(String::new());
    rows.push(format!(
        "Per crossing, median of {} host calls each making {} / {} / {} crossings. `live()`: a call into the block \
         and back with no data. `shout`: a {SHOUT_LEN}-byte string copied into the block, upper-cased there, the \
         result copied back and freed. `dot`: two tensors of {DOT_LEN} `f32` made once, then `dot(borrow, borrow)` \
         (both handles lent for the call, the dot computed in the block). The limit rows do the same upper-casing \
         and dot product inside the app, so `shout` minus its limit is what crossing costs, and `dot` against its \
         limit is compute in the block against compute in one module.",
        work.reps, work.live, work.shout, work.dot
    ));
    report.section(
        "12. Components: a crossing between two components, linked, against the component model",
        "| configuration | `live()`: no data | `shout`: 1 KiB string each way | `dot`: 2 x 4096 `f32`, borrowed |",
        rows,
    );
    Ok(())
}
