//! Explaining a trap that an exhausted memory reservation caused: the one
//! thing the host knows about linking.
//!
//! The `portable` profile's fixed layout gives every module's memory a
//! region with a capacity; past it, `memory.grow` returns -1, and a module
//! that cannot cope traps (Rust's allocator aborts with `unreachable`). The
//! engine then reports only the trap. A linked module remembers which region
//! last refused to grow (its export `wasmer-link.exhausted`) and records
//! whose region is which (the `wasmer-link.layout` section), so after a trap
//! the host asks the module and adds the linker's sentence: which module ran
//! out and how to relink it.
//!
//! Every runner of a linked module uses this: read the module's
//! [`Reservations`] when loading it, and on a trap call
//! [`Reservations::explain`] with the engine's way of asking the module
//! ([`ask_wasmer`], [`ask_wasm3`]).

use anyhow::{anyhow, Error};
use linker::layout::{Regions, EXHAUSTED_EXPORT};

/// The memory layout a module records, read when it is loaded.
pub struct Reservations {
    /// `Ok(None)`: the module records none (it was not folded by the linker).
    regions: Result<Option<Regions>, String>,
}

impl Reservations {
    /// Reads the layout section of `module` (one pass over its sections).
    pub fn of(module: &[u8]) -> Reservations {
        Reservations { regions: Regions::read(module) }
    }

    /// `trap`, with a line saying which module's reservation ran out if the
    /// module says a region refused to grow. `ask` calls the module's
    /// `wasmer-link.exhausted` export: `None` if it has none (or could not
    /// be called), else the index of the region that last refused, or -1.
    pub fn explain(&self, trap: Error, ask: impl FnOnce() -> Option<i32>) -> Error {
        let Some(k) = ask().and_then(|k| usize::try_from(k).ok()) else {
            return trap;
        };
        let why = match &self.regions {
            Ok(Some(regions)) => regions.exhausted_message(k).unwrap_or_else(|| {
                format!("memory region {k} refused to grow, but the module's layout has only {}", regions.regions.len())
            }),
            Ok(None) => format!(
                "memory region {k} refused to grow (the module records no `{}` section to say whose)",
                linker::layout::SECTION
            ),
            Err(why) => format!("memory region {k} refused to grow ({why})"),
        };
        anyhow!("{trap:#}\n  {why}")
    }
}

/// Asks a Wasmer instance which region last refused to grow.
pub fn ask_wasmer(store: &mut impl wasmer::AsStoreMut, instance: &wasmer::Instance) -> Option<i32> {
    let exhausted = instance.exports.get_typed_function::<(), i32>(&*store, EXHAUSTED_EXPORT).ok()?;
    exhausted.call(store).ok()
}

/// Asks a WASM3 runtime's module which region last refused to grow.
pub fn ask_wasm3(runtime: &wasm3::Runtime) -> Option<i32> {
    runtime.find_function::<(), i32>(EXHAUSTED_EXPORT).ok()?.call().ok()
}
