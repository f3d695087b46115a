//! The front door for components: an input that is a component (binary
//! layer 1, what `wasm32-wasip2`, `cargo component`, `wit-component` and
//! `wac` write) is turned into the core modules it instantiates, before the
//! read phase, so that nothing after `read` knows a component was there.
//!
//! Input: the [`Source`]s as given. Output: the same list with each
//! component replaced by one [`Source`] per core instance it creates (its
//! *main* instance, the one whose memory its canonical options name, first
//! and under the component's name; the others `NAME/1`, `NAME/2`, ...),
//! each carrying [`FromComponent`]: how the component wires every import
//! (to another instance's export, or, for a `canon lower` of a function
//! another component lifts, as a canonical call [`Canon`] described by a WAI
//! interface written from the WIT types), plus those interfaces' texts.
//!
//! - [`parse`]: a component's declarations, nested modules and components
//!   kept as bytes.
//! - [`flatten`]: the static evaluation of the index spaces, nested
//!   instantiation included (so compositions flatten too).
//! - [`wai`]: a WIT function as WAI text; the layout check against the
//!   component model is [`crate::wit::check::compare`].
//!
//! - [`resolve`], [`bind`]: what every import is bound to, across input
//!   components; [`resources`]: the handle tables' module.
//! - [`wasi02`]: WASI 0.2 served by generated shims over
//!   `wasi_snapshot_preview1`, or refused naming the import.
//!
//! Refused, naming the component and the item: component-model async,
//! UTF-16 strings, imports no input component exports (and WASI 0.2 the
//! shims do not serve), options the linker cannot map (a `realloc` other than the
//! instance's `cabi_realloc`, a memory other than the instance's own), a
//! core module that an imported instance exports.

mod bind;
mod flatten;
mod parse;
mod resolve;
mod resources;
mod wai;
mod wasi02;

use wasmparser::{Parser, Validator, WasmFeatures};

use crate::error::LinkError;
use crate::ir::input::Source;
use bind::FrontDoor;
use flatten::Flat;

/// Whether `bytes` are a component (rather than a core module).
pub fn is_component(bytes: &[u8]) -> bool {
    Parser::is_component(bytes)
}

/// What the front door hands the read phase.
pub struct Flattened {
    /// The core modules to link: the inputs, each component replaced by
    /// its core instances.
    pub sources: Vec<Source>,
    /// The WAI interfaces the canonical calls are described by, as
    /// `(name, text)`.
    pub interfaces: Vec<(String, String)>,
}

/// The front door: every component of `sources` replaced by its core
/// instances, and the WAI interfaces of their canonical calls. Core
/// modules pass through unchanged.
pub fn flatten(sources: &[Source]) -> Result<Flattened, LinkError> {
    let components: Vec<usize> = (0..sources.len()).filter(|&i| is_component(&sources[i].bytes)).collect();
    if components.is_empty() {
        return Ok(Flattened { sources: sources.iter().map(copy).collect(), interfaces: Vec::new() });
    }
    let mut problems = Vec::new();
    let mut defs = Vec::new();
    for &i in &components {
        let source = &sources[i];
        let features = WasmFeatures::default() | WasmFeatures::COMPONENT_MODEL;
        if let Err(e) = Validator::new_with_features(features).validate_all(&source.bytes) {
            problems.push(format!(
                "module {} is not a valid component: {} (at byte {}); rebuild it, or give the core module it was made from",
                source.label(),
                e.message(),
                e.offset()
            ));
            continue;
        }
        match parse::parse(&source.bytes) {
            Ok(def) => defs.push((i, def)),
            Err(why) => problems.push(format!("component {} cannot be linked: {why}", source.label())),
        }
    }
    if !problems.is_empty() {
        return Err(LinkError::many(problems));
    }
    let mut flat = Flat::default();
    let inputs: Vec<_> = defs.iter().map(|(i, def)| (def, sources[*i].label())).collect();
    flat.add_files(&inputs);
    let files: Vec<&Source> = defs.iter().map(|(i, _)| &sources[*i]).collect();
    for (file, name) in flat.bind_imports() {
        let Some(source) = files.get(file) else { continue };
        // WASI 0.2: served by the shims, or refused with why.
        if name.starts_with("wasi:") {
            flat.add_wasi_types();
            problems.extend(wasi02::interface_problem(&source.label(), &name));
            continue;
        }
        problems.push(format!(
            "component {} imports `{name}`, but no other input component exports it: give the component that exports `{name}`",
            source.label()
        ));
    }
    let mut front = FrontDoor::new(&flat, &files);
    front.bind_all();
    problems.append(&mut flat.problems.clone());
    problems.append(&mut front.problems);
    if !problems.is_empty() {
        let mut seen = std::collections::BTreeSet::new();
        problems.retain(|p| seen.insert(p.clone()));
        return Err(LinkError::many(problems));
    }
    let tables = front.tables();
    let interfaces = std::mem::take(&mut front.interfaces);
    let mut per_file: Vec<Vec<Source>> = std::mem::take(&mut front.sources);
    let mut out = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        match components.iter().position(|&c| c == i) {
            Some(file) => out.append(&mut per_file[file]),
            None => out.push(copy(source)),
        }
    }
    let (shims, problems) = match out.first() {
        Some(main) => front.wasi_shims(main),
        None => (Vec::new(), Vec::new()),
    };
    if !problems.is_empty() {
        return Err(LinkError::many(problems));
    }
    out.extend(tables);
    out.extend(shims);
    Ok(Flattened { sources: out, interfaces })
}

fn copy(source: &Source) -> Source {
    Source { name: source.name.clone(), bytes: source.bytes.clone(), origin: source.origin.clone(), component: None }
}
