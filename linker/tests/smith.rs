//! Bounded property test on generated modules (`wasm-smith`): for pairs of
//! a main module and a dependency it imports from, the linker never panics,
//! whatever it outputs validates with exactly its profile's features, and
//! (where both only pass numbers) the linked module computes the same as the
//! pair wired at run time: same results, same traps.
//!
//! `SMITH_CASES=N` changes the number of cases (default 200).

use std::panic::{catch_unwind, AssertUnwindSafe};

use arbitrary::Unstructured;
use linker::{Linker, Profile};
use wasm_encoder::{EntityType, ImportSection, Module, TypeSection};
use wasmer::{imports, Extern, Instance, Store, Value};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef};

/// Deterministic bytes for case `seed` (xorshift64*).
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

fn config() -> wasm_smith::Config {
    let mut c = wasm_smith::Config::default();
    // What the linker accepts (and nothing it refuses by design).
    c.exceptions_enabled = false;
    c.gc_enabled = false;
    c.memory64_enabled = false;
    c.threads_enabled = false;
    c.shared_everything_threads_enabled = false;
    c.tail_call_enabled = false;
    c.relaxed_simd_enabled = false;
    c.wide_arithmetic_enabled = false;
    c.custom_page_sizes_enabled = false;
    c.simd_enabled = false;
    c.compact_imports_enabled = false;
    c.custom_descriptors_enabled = false;
    c.canonicalize_nans = true;
    c.max_memories = 1;
    c.max_tables = 2;
    c.max_funcs = 12;
    c.max_instructions = 60;
    c
}

/// An import section offering every function and global `dep` exports, as
/// wasm-smith's `available_imports`.
fn offer(dep: &[u8]) -> Vec<u8> {
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

fn generate(seed: u64) -> Option<(Vec<u8>, Vec<u8>)> {
    let data = bytes(seed, 4096);
    let mut u = Unstructured::new(&data);
    let mut c = config();
    c.max_imports = 0;
    c.export_everything = true;
    let mut dep = wasm_smith::Module::new(c, &mut u).ok()?;
    dep.ensure_termination(1000).ok()?;
    let dep = dep.to_bytes();
    let mut c = config();
    c.available_imports = Some(offer(&dep));
    c.max_imports = 8;
    c.min_funcs = 1;
    let mut main = wasm_smith::Module::new(c, &mut u).ok()?;
    main.ensure_termination(1000).ok()?;
    Some((main.to_bytes(), dep))
}

/// Every export of `instance` callable without arguments: its outcome.
fn outcomes(store: &mut Store, instance: &Instance) -> Vec<(String, Result<Vec<String>, ()>)> {
    let mut out = Vec::new();
    let mut names: Vec<(String, Extern)> = instance.exports.iter().map(|(n, e)| (n.clone(), e.clone())).collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, export) in names {
        if let Extern::Function(f) = export {
            if f.ty(store).params().is_empty() {
                let result = f.call(store, &[]).map(|vals| vals.iter().map(show).collect()).map_err(drop);
                out.push((name, result));
            }
        }
    }
    out
}

fn show(v: &Value) -> String {
    match v {
        Value::F32(f) => format!("f32:{:#x}", f.to_bits()),
        Value::F64(f) => format!("f64:{:#x}", f.to_bits()),
        other => format!("{other:?}"),
    }
}

fn run_linked(bytes: &[u8]) -> Result<Vec<(String, Result<Vec<String>, ()>)>, ()> {
    let mut store = Store::new(wasmer::sys::Cranelift::default());
    let module = wasmer::Module::new(&store, bytes).map_err(drop)?;
    let instance = Instance::new(&mut store, &module, &imports! {}).map_err(drop)?;
    Ok(outcomes(&mut store, &instance))
}

fn run_wired(main: &[u8], dep: &[u8]) -> Result<Vec<(String, Result<Vec<String>, ()>)>, ()> {
    let mut store = Store::new(wasmer::sys::Cranelift::default());
    let dep = wasmer::Module::new(&store, dep).map_err(drop)?;
    let dep = Instance::new(&mut store, &dep, &imports! {}).map_err(drop)?;
    let main = wasmer::Module::new(&store, main).map_err(drop)?;
    let mut imports = wasmer::Imports::new();
    for (name, export) in dep.exports.iter() {
        imports.define("dep", name, export.clone());
    }
    let instance = Instance::new(&mut store, &main, &imports).map_err(drop)?;
    Ok(outcomes(&mut store, &instance))
}

#[test]
fn generated_pairs_link_without_panics_into_valid_modules_that_compute_the_same() {
    let cases: u64 = std::env::var("SMITH_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let (mut generated, mut linked, mut refused, mut compared) = (0, 0, 0, 0);
    for seed in 0..cases {
        let Some((main, dep)) = generate(seed) else { continue };
        generated += 1;
        for profile in [Profile::MultiMemory, Profile::Portable] {
            let result = catch_unwind(AssertUnwindSafe(|| {
                Linker::new().module("main", main.clone()).module("dep", dep.clone()).profile(profile).link()
            }));
            let result = result.unwrap_or_else(|_| panic!("the linker panicked on seed {seed} ({profile:?})"));
            let out = match result {
                Ok(out) => out,
                Err(err) => {
                    refused += 1;
                    if std::env::var_os("SMITH_VERBOSE").is_some() {
                        println!("seed {seed} ({profile:?}): {err}");
                    }
                    continue;
                }
            };
            linked += 1;
            let features = profile.features();
            if let Err(e) = wasmparser::Validator::new_with_features(features).validate_all(&out) {
                panic!("seed {seed} ({profile:?}): the output does not validate: {e}");
            }
            // Numbers only: the dependency has no memory the main module
            // could pass pointers into, so direct wiring is the oracle.
            if profile == Profile::MultiMemory && !has_memory(&dep) {
                let (a, b) = (run_linked(&out), run_wired(&main, &dep));
                assert_eq!(a, b, "seed {seed}: linked and wired differ");
                compared += 1;
            }
        }
    }
    println!(
        "smith: {cases} seeds, {generated} pairs generated, {linked} links (of 2 profiles each), {refused} refused with an error, {compared} compared with run-time wiring"
    );
    assert!(generated > cases / 2, "too few pairs generated: {generated}");
    assert!(compared > 0, "no differential comparison ran");
}

fn has_memory(bytes: &[u8]) -> bool {
    Parser::new(0).parse_all(bytes).flatten().any(|p| matches!(p, Payload::MemorySection(r) if r.count() > 0))
}
