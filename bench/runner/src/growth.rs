//! Section 4: what growing memory costs under each region layout.
//!
//! The main module grows its memory one page at a time, `n` times, beside a
//! dependency whose memory is one 16 MiB region (in `--quick`, 1 MiB). In the
//! `portable` profile the main module's region is at the bottom and the
//! dependency's above it. With the fixed layout the main region has a
//! capacity reserved at instantiation, so each growth only bumps a size; with
//! the movable layout each growth grows the one memory and moves the whole
//! dependency region up by a page (a copy of its 16 MiB). The main module
//! writes to every page it gets, and at the end asks the dependency for the
//! two words at the ends of its region, which must have survived every move.

use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use linker::layout::PAGE;
use linker::{Layout, Linker, Profile};
use wasmer::{imports, Instance, Module, Store};

/// Pages the main module starts with.
pub const MAIN_PAGES: u64 = 1;

/// What `check` returns when the dependency's region is intact.
const INTACT: i32 = 42;

/// `grow(n)`: `n` times `memory.grow 1`, writing into each new page; -1 if a
/// growth was refused, else the dependency's `check()`.
fn main_wat() -> String {
    format!(
        r#"(module
  (import "dep" "check" (func $check (result i32)))
  (memory (export "memory") {MAIN_PAGES})
  (func (export "grow") (param $n i32) (result i32)
    (local $i i32) (local $old i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $old (memory.grow (i32.const 1)))
      (if (i32.lt_s (local.get $old) (i32.const 0)) (then (return (i32.const -1))))
      (i32.store (i32.shl (local.get $old) (i32.const 16)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $check)))"#
    )
}

/// A dependency of `pages` pages with a word at each end of its memory.
fn dep_wat(pages: u64) -> String {
    let last = pages * PAGE - 4;
    format!(
        r#"(module
  (memory (export "memory") {pages})
  (data (i32.const 0) "\01\00\00\00")
  (data (i32.const {last}) "\29\00\00\00")
  (func (export "check") (result i32)
    (i32.add (i32.load (i32.const 0)) (i32.load (i32.const {last})))))"#
    )
}

const DEP_WIT: &str = "check: func() -> u32\n";

/// The pair linked with `profile` and `layout`; in the fixed layout the main
/// module reserves `reserve` bytes.
pub fn linked(dep_pages: u64, profile: Profile, layout: Layout, reserve: u64) -> Result<Vec<u8>> {
    let main = wat::parse_str(main_wat()).context("assembling the growth benchmark's main module")?;
    let dep = wat::parse_str(dep_wat(dep_pages)).context("assembling the growth benchmark's dependency")?;
    let mut linker = Linker::new().module("main", main).module("dep", dep).interface("dep", DEP_WIT).profile(profile);
    if profile == Profile::Portable {
        linker = linker.layout(layout);
        if layout == Layout::Fixed {
            linker = linker.reserve("main", reserve);
        }
    }
    Ok(linker.link()?)
}

/// The main module's reservation for `n` growths: its initial pages plus
/// `n`, rounded up to whole MiB.
pub fn reservation(n: u32) -> u64 {
    ((MAIN_PAGES + n as u64) * PAGE).next_multiple_of(1 << 20)
}

/// Times `grow(n)` on a fresh instance of `bytes`, `reps` times.
pub fn on_wasmer(bytes: &[u8], n: u32, reps: usize) -> Result<Vec<Duration>> {
    let engine: wasmer::Engine = wasmer::sys::Cranelift::default().into();
    let module = Module::new(&engine, bytes).context("compiling the growth benchmark")?;
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        let mut store = Store::new(engine.clone());
        let instance = Instance::new(&mut store, &module, &imports! {})?;
        let grow = instance.exports.get_typed_function::<i32, i32>(&store, "grow")?;
        let start = Instant::now();
        let result = grow.call(&mut store, n as i32)?;
        times.push(start.elapsed());
        check(result)?;
    }
    Ok(times)
}

/// The same on WASM3, a fresh runtime each time.
pub fn on_wasm3(bytes: &[u8], n: u32, reps: usize) -> Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: {e}"))?;
        let runtime = env.create_runtime(1 << 20).map_err(|e| anyhow!("wasm3: {e}"))?;
        runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| anyhow!("wasm3 cannot load the module: {e}"))?;
        let grow = runtime.find_function::<i32, i32>("grow").map_err(|e| anyhow!("wasm3: {e}"))?;
        let start = Instant::now();
        let result = grow.call(n as i32).map_err(|e| anyhow!("wasm3: `grow` trapped: {e}"))?;
        times.push(start.elapsed());
        check(result)?;
    }
    Ok(times)
}

fn check(result: i32) -> Result<()> {
    match result {
        INTACT => Ok(()),
        -1 => bail!("the main module's memory.grow returned -1: its reservation is too small"),
        other => {
            bail!("the dependency's region was not intact after the growths: check() = {other}, expected {INTACT}")
        }
    }
}
