//! Generated module pairs for the property test (`tests/smith.rs`) and the
//! fuzz target (`fuzz/fuzz_targets/link.rs`), which includes this file.

use arbitrary::Unstructured;
use wasm_encoder::{EntityType, ImportSection, Module, TypeSection};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef};

pub fn config() -> wasm_smith::Config {
    // What the linker accepts (and nothing it refuses by design).
    wasm_smith::Config {
        exceptions_enabled: false,
        gc_enabled: false,
        memory64_enabled: false,
        threads_enabled: false,
        shared_everything_threads_enabled: false,
        tail_call_enabled: false,
        relaxed_simd_enabled: false,
        wide_arithmetic_enabled: false,
        custom_page_sizes_enabled: false,
        simd_enabled: false,
        compact_imports_enabled: false,
        custom_descriptors_enabled: false,
        canonicalize_nans: true,
        max_memories: 1,
        max_tables: 2,
        max_funcs: 12,
        max_instructions: 60,
        ..Default::default()
    }
}

/// An import section offering every function and global `dep` exports, as
/// wasm-smith's `available_imports`.
pub fn offer(dep: &[u8]) -> Vec<u8> {
    let mut types = Vec::new();
    let mut func_types = Vec::new();
    let mut globals = Vec::new();
    let mut exports = Vec::new();
    for payload in Parser::new(0).parse_all(dep).flatten() {
        match payload {
            Payload::TypeSection(r) => {
                for group in r.into_iter().flatten() {
                    for sub in group.into_types() {
                        if let wasmparser::CompositeInnerType::Func(f) = sub.composite_type.inner {
                            types.push(f);
                        }
                    }
                }
            }
            Payload::ImportSection(r) => {
                for import in r.into_imports().flatten() {
                    match import.ty {
                        TypeRef::Func(t) => func_types.push(t),
                        TypeRef::Global(g) => globals.push(g),
                        _ => {}
                    }
                }
            }
            Payload::FunctionSection(r) => func_types.extend(r.into_iter().flatten()),
            Payload::GlobalSection(r) => globals.extend(r.into_iter().flatten().map(|g| g.ty)),
            Payload::ExportSection(r) => {
                exports.extend(r.into_iter().flatten().map(|e| (e.name.to_string(), e.kind, e.index)))
            }
            _ => {}
        }
    }
    let mut type_section = TypeSection::new();
    let mut imports = ImportSection::new();
    let mut rt = wasm_encoder::reencode::RoundtripReencoder;
    use wasm_encoder::reencode::Reencode;
    let mut n = 0;
    for (name, kind, index) in exports {
        match kind {
            ExternalKind::Func => {
                let ty = &types[func_types[index as usize] as usize];
                let params: Vec<_> = ty.params().iter().map(|t| rt.val_type(*t).unwrap()).collect();
                let results: Vec<_> = ty.results().iter().map(|t| rt.val_type(*t).unwrap()).collect();
                type_section.ty().function(params, results);
                imports.import("dep", &name, EntityType::Function(n));
                n += 1;
            }
            ExternalKind::Global => {
                imports.import("dep", &name, EntityType::Global(rt.global_type(globals[index as usize]).unwrap()));
            }
            _ => {}
        }
    }
    let mut module = Module::new();
    module.section(&type_section).section(&imports);
    module.finish()
}

/// A main module and a dependency that exports what the main module may
/// import (as `dep.*`), both with fuel so that they terminate.
pub fn pair(u: &mut Unstructured) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut c = config();
    c.max_imports = 0;
    c.export_everything = true;
    let mut dep = wasm_smith::Module::new(c, u).ok()?;
    dep.ensure_termination(1000).ok()?;
    let dep = dep.to_bytes();
    let mut c = config();
    c.available_imports = Some(offer(&dep));
    c.max_imports = 8;
    c.min_funcs = 1;
    let mut main = wasm_smith::Module::new(c, u).ok()?;
    main.ensure_termination(1000).ok()?;
    Some((main.to_bytes(), dep))
}
