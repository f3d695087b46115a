//! Static linking of WebAssembly modules that each own a memory.
//!
//! `linker` takes a main module and the modules it depends on, each compiled
//! separately (e.g. Rust to `wasm32-unknown-unknown`) with its own linear
//! memory and allocator, and produces ONE module whose only imports are the
//! host's. It is not `wasm-merge`: a call that passes a string or a list
//! from one module to another cannot simply be wired to the other module's
//! export, because the pointer means nothing in the callee's memory. For
//! every such call the linker generates an *adapter* (a fused adapter in
//! component-model terms) that copies the data across following the
//! canonical ABI of WAI (`.wit`) interfaces, exactly as the host glue would
//! at run time.
//!
//! ```text
//! guest.wasm                      dependency.wasm                 rune.wasm
//! (import "dependency" "greet")   (export "greet")        ==>     guest code + dependency code
//! (import "host" "print")         (import "host" "print")         + adapter guest -> greet
//! (memory 0)                      (memory 0)                      + adapter dependency -> host.print
//!                                                                 (import "host" "print"), 2 memories
//! ```
//!
//! The pipeline, one module per phase, passing plain data:
//!
//! 1. [`read`](read): parse and validate the inputs.
//! 2. [`plan`](plan): resolve imports against exports; decide the adapters.
//! 3. [`adapter`](adapter): generate each adapter's body from the interface;
//!    [`wasi`] does the same for `wasi_snapshot_preview1` calls from a module
//!    whose memory is not the one the host reads, from each function's shape.
//! 4. [`merge`](merge): lay everything out in one index space, drop
//!    unreachable code, re-encode.
//! 5. [`lower`](lower): fit the output to its profile (`multi-memory` keeps
//!    one memory per input; `portable` folds them into one, each module's
//!    memory a region placed by [`layout`], at a constant address by
//!    default).
//! 6. validate the output with exactly the profile's features.
//! 7. [`debug`]: the inputs' DWARF, rewritten for the output (every
//!    address through the instruction it names), or stripped.
//!
//! ```no_run
//! let bytes = linker::Linker::new()
//!     .module("guest", std::fs::read("guest.wasm")?)
//!     .module("dependency", std::fs::read("dependency.wasm")?)
//!     .interface("dependency", &std::fs::read_to_string("dependency.wit")?)
//!     .interface("host", &std::fs::read_to_string("host.wit")?)
//!     .profile(linker::Profile::MultiMemory)
//!     .link()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod abi;
mod adapt;
mod component;
mod debug;
pub mod embed;
mod emit;
mod error;
mod interface;
mod ir;
pub mod layout;
mod lower;
mod merge;
pub mod output;
#[cfg(feature = "packages")]
pub mod package;
mod plan;
mod portable;
mod profile;
mod read;
#[cfg(feature = "packages")]
pub mod registry;
pub mod wasi;
mod wit;

pub use error::LinkError;
pub use layout::Layout;
pub use profile::Profile;

use error::Problems;
use interface::{Iface, Interfaces};

/// Builds one linked module from several. The first module added is the
/// main module: its exports (including `memory` and `canonical_abi_*`) are
/// the output's exports, and its memory is the one the host sees.
#[derive(Default)]
pub struct Linker {
    modules: Vec<ir::input::Source>,
    interfaces: Vec<(String, String)>,
    profile: Profile,
    bounds_checks: bool,
    layout: Layout,
    reserve: Vec<(String, u64)>,
    numbers: Vec<(String, String)>,
    command: Option<String>,
    keep: debug::Keep,
}

impl Linker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a module under `name`, the import module name its importers
    /// use (e.g. `dependency` for `(import "dependency" "greet" ...)`).
    pub fn module(mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.modules.push(ir::input::Source { name: name.into(), bytes: bytes.into(), ..Default::default() });
        self
    }

    /// Like [`Linker::module`], and says where the bytes came from (e.g. the
    /// file's path), so that messages about the module name it:
    /// `` module `dependency` (./dependency.wasm) is not a wasm module ``.
    pub fn module_from(
        mut self,
        name: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
        origin: impl Into<String>,
    ) -> Self {
        self.modules.push(ir::input::Source {
            name: name.into(),
            bytes: bytes.into(),
            origin: Some(origin.into()),
            ..Default::default()
        });
        self
    }

    /// Adds an interface in WAI syntax, named like the import module whose
    /// functions it describes (`host` for `host.wit`).
    pub fn interface(mut self, name: impl Into<String>, wit: impl Into<String>) -> Self {
        self.interfaces.push((name.into(), wit.into()));
        self
    }

    /// Adds a package resolved by [`registry::Registry::resolve`] (or read with [`package`]): its module
    /// under the name its importers use, and the interfaces it declares.
    #[cfg(feature = "packages")]
    pub fn package(mut self, package: package::Package) -> Self {
        self = self.module(package.module_name, package.wasm);
        for (name, text) in package.interfaces {
            self = self.interface(name, text);
        }
        self
    }

    /// Chooses the output profile (default: [`Profile::Portable`]).
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = profile;
        self
    }

    /// In the `portable` profile, checks every plain load and store against
    /// the region of the module that makes it, so a module cannot read or
    /// write another's memory (default: off; the cost is in BENCHMARKS.md).
    pub fn bounds_checks(mut self, on: bool) -> Self {
        self.bounds_checks = on;
        self
    }

    /// In the `portable` profile, how memories are placed in the one memory
    /// (default: [`Layout::Fixed`], constant bases and capacities; see
    /// [`layout`]).
    pub fn layout(mut self, layout: Layout) -> Self {
        self.layout = layout;
        self
    }

    /// In the `portable` profile's fixed layout, reserves `bytes` (rounded up
    /// to 64 KiB pages) for the memory of `module`: its `memory.grow`
    /// succeeds up to there and returns -1 beyond. Without it, a module
    /// below the top region gets its declared maximum, else
    /// [`layout::DEFAULT_RESERVE`]; the top region grows freely.
    pub fn reserve(mut self, module: impl Into<String>, bytes: u64) -> Self {
        self.reserve.push((module.into(), bytes));
        self
    }

    /// Says that the import `module.function` passes numbers only (no
    /// pointers), so that it is wired directly even between two memories,
    /// where no interface says what its `i32`s are; `function` `*` means
    /// every function imported from `module`. An interface, where there is
    /// one, still decides; a rule that names no import is an error.
    pub fn numbers(mut self, module: impl Into<String>, function: impl Into<String>) -> Self {
        self.numbers.push((module.into(), function.into()));
        self
    }

    /// Makes the output a WASI command as well: it exports `_start`, which
    /// runs every reactor's `_initialize` once and then the main module's
    /// export `function` (`() -> ()`), for runners that only call `_start`
    /// (`wasmer run linked.wasm`).
    pub fn command(mut self, function: impl Into<String>) -> Self {
        self.command = Some(function.into());
        self
    }

    /// Leaves the inputs' DWARF (`.debug_*` sections) out of the output
    /// (default: kept, rewritten for the output); the name section stays.
    pub fn strip_debug(mut self, on: bool) -> Self {
        self.keep.dwarf = !on;
        self
    }

    /// Leaves out every kind of debug info: DWARF and the name section.
    pub fn strip_all(mut self, on: bool) -> Self {
        self.keep = debug::Keep { dwarf: !on && self.keep.dwarf, names: !on };
        self
    }

    /// Options that contradict each other, found before any work is done.
    fn option_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.modules.is_empty() {
            problems.push("no modules to link: give at least the main module".to_string());
        }
        if self.profile == Profile::MultiMemory {
            if self.bounds_checks {
                problems.push("bounds checks are for the `portable` profile: with `multi-memory` every module keeps its own memory, which the engine checks".to_string());
            }
            if self.layout != Layout::default() {
                problems.push(format!("a `{}` layout is for the `portable` profile: with `multi-memory` every module keeps its own memory", self.layout.name()));
            }
        }
        if !self.reserve.is_empty() && (self.profile == Profile::MultiMemory || self.layout == Layout::Movable) {
            problems.push("reservations (`--reserve`) are for the `portable` profile's fixed layout: memories of `multi-memory` and of the movable layout grow without one".to_string());
        }
        problems
    }

    /// Links. Every problem found is reported at once (the problems of
    /// the options, then of the interfaces and modules together, then of
    /// each later phase).
    pub fn link(&self) -> Result<Vec<u8>, LinkError> {
        self.link_with_warnings().map(|(bytes, _)| bytes)
    }

    /// Links, and also returns what of the inputs' debug info could not be
    /// carried into the output correctly and was dropped, one sentence
    /// each naming the section and the module.
    pub fn link_with_warnings(&self) -> Result<(Vec<u8>, Vec<String>), LinkError> {
        let option_problems = self.option_problems();
        if !option_problems.is_empty() {
            return Err(LinkError::many(option_problems));
        }
        let flat = component::flatten(&self.modules)?;
        let (interfaces, inputs) = error::both(self.interfaces(&flat.interfaces), read::read(flat.sources))?;
        wit_agrees(&inputs, &interfaces)?;
        let plan = plan::plan(&inputs, &interfaces, &plan::Options { numbers: &self.numbers })?;
        let adapters = adapt::adapt(&inputs, &plan, &interfaces)?;
        let record = debug::wanted(&inputs, self.keep);
        let (merged, moves) = merge::merge(&inputs, &plan, adapters, self.command.as_deref(), record)?;
        let owners = memory_owners(&inputs, &plan);
        let options = portable::Options {
            bounds_checks: self.bounds_checks,
            layout: self.layout,
            reserve: &self.reserve,
            owners: &owners,
            debug: record,
        };
        let (output, lowered) = lower::lower(merged, self.profile, &options)?;
        self.profile.validate(&output)?;
        Ok(debug::finish(output, &inputs, moves.as_ref(), &lowered, self.keep))
    }

    /// The adapters this link generates, each as a small module in WAT (the
    /// adapter, and imports naming what it calls), without linking further.
    pub fn print_adapters(&self) -> Result<String, LinkError> {
        let option_problems = self.option_problems();
        if !option_problems.is_empty() {
            return Err(LinkError::many(option_problems));
        }
        let flat = component::flatten(&self.modules)?;
        let (interfaces, inputs) = error::both(self.interfaces(&flat.interfaces), read::read(flat.sources))?;
        wit_agrees(&inputs, &interfaces)?;
        let plan = plan::plan(&inputs, &interfaces, &plan::Options { numbers: &self.numbers })?;
        let mut out = String::new();
        let generated = adapt::adapt(&inputs, &plan, &interfaces)?;
        for g in &generated {
            out.push_str(&format!(";; {}\n{}\n", g.name, adapt::wat::to_wat(g, &generated, &inputs, &plan)?));
        }
        if out.is_empty() {
            out.push_str(";; no adapters: no call moves data from one memory to another\n");
        }
        Ok(out)
    }

    /// The interfaces, given explicitly or embedded in the modules
    /// ([`embed`]); the same name must always mean the same interface, and
    /// module names must be unique.
    fn interfaces(&self, written: &[(String, String)]) -> Result<Interfaces, LinkError> {
        let mut problems = Problems::default();
        let mut names = std::collections::HashSet::new();
        for source in &self.modules {
            if !names.insert(source.name.as_str()) {
                problems.push(format!("two modules are named `{}`: module names must be unique", source.name));
            }
        }
        let mut texts: Vec<(String, String, String)> = Vec::new(); // (name, text, where it came from)
        for (name, text) in &self.interfaces {
            texts.push((name.clone(), text.clone(), format!("interface `{name}` given explicitly")));
        }
        for (name, text) in written {
            texts.push((name.clone(), text.clone(), format!("interface `{name}` written from the WIT")));
        }
        for source in &self.modules {
            match embed::embedded(&source.bytes) {
                Ok(found) => texts.extend(found.into_iter().map(|e| {
                    let origin = format!("interface `{}` embedded in module {}", e.name, source.label());
                    (e.name, e.wit, origin)
                })),
                Err(why) => problems.push(format!("module {}: {why}", source.label())),
            }
        }
        let mut interfaces = Interfaces::default();
        let mut seen: std::collections::HashMap<&str, (&str, &str)> = std::collections::HashMap::new();
        for (name, text, origin) in &texts {
            if let Some((first_text, first_origin)) = seen.get(name.as_str()) {
                if !embed::same_interface(first_text, text) {
                    problems.push(format!(
                        "{first_origin} and {origin} disagree: the same name must describe the same functions"
                    ));
                }
                continue;
            }
            seen.insert(name, (text, origin));
            match Iface::parse(name, text) {
                Ok(iface) => interfaces.insert(iface),
                Err(problem) => problems.push(problem),
            }
        }
        problems.finish(interfaces)
    }
}

/// Blocks built with today's `wit-bindgen` ([`wit`]): every import they
/// serve exists in their WIT world and agrees with the importer's WAI.
fn wit_agrees(inputs: &[ir::input::Input], interfaces: &Interfaces) -> Result<(), LinkError> {
    let problems = wit::check::check(inputs, interfaces);
    if problems.is_empty() {
        return Ok(());
    }
    Err(LinkError::many(problems))
}

/// The module owning each memory of the merged module, in order: the
/// host's, then each module's own, as `merge` lays them out.
fn memory_owners(inputs: &[ir::input::Input], plan: &ir::plan::Plan) -> Vec<String> {
    std::iter::repeat_n("host".to_string(), plan.host_memories.len())
        .chain(inputs.iter().flat_map(|input| {
            let own = input.memories.len() - input.imported.memories as usize;
            std::iter::repeat_n(input.name.clone(), own)
        }))
        .collect()
}
