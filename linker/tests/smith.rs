//! Bounded property test on generated modules (`wasm-smith`): for pairs of
//! a main module and a dependency it imports from, the linker never panics,
//! whatever it outputs validates with exactly its profile's features, and
//! (where both only pass numbers) the linked module computes the same as the
//! pair wired at run time: same results, same traps.
//!
//! `SMITH_CASES=N` changes the number of cases (default 200).

use std::panic::{catch_unwind, AssertUnwindSafe};

use arbitrary::Unstructured;
use linker::{Layout, Linker, Profile};
use wasmer::{imports, Extern, Instance, Store, Value};
use wasmparser::{Parser, Payload};

#[path = "smith/pair.rs"]
mod pair;

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

fn generate(seed: u64) -> Option<(Vec<u8>, Vec<u8>)> {
    let data = bytes(seed, 4096);
    pair::pair(&mut Unstructured::new(&data))
}

/// Each export callable without arguments, with its results or its trap.
type Outcomes = Vec<(String, Result<Vec<String>, ()>)>;

/// Every export of `instance` callable without arguments: its outcome.
fn outcomes(store: &mut Store, instance: &Instance) -> Outcomes {
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

fn run_linked(bytes: &[u8]) -> Result<Outcomes, ()> {
    let mut store = Store::new(wasmer::sys::Cranelift::default());
    let module = wasmer::Module::new(&store, bytes).map_err(drop)?;
    let instance = Instance::new(&mut store, &module, &imports! {}).map_err(drop)?;
    Ok(outcomes(&mut store, &instance))
}

fn run_wired(main: &[u8], dep: &[u8]) -> Result<Outcomes, ()> {
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

fn imports_from_dep(main: &[u8]) -> bool {
    wasmparser::Parser::new(0).parse_all(main).flatten().any(|payload| match payload {
        wasmparser::Payload::ImportSection(reader) => reader.into_imports().flatten().any(|i| i.module == "dep"),
        _ => false,
    })
}

/// Every profile, and both region layouts of the portable one.
const CONFIGS: [(Profile, Layout); 3] =
    [(Profile::MultiMemory, Layout::Fixed), (Profile::Portable, Layout::Fixed), (Profile::Portable, Layout::Movable)];

#[test]
fn generated_pairs_link_without_panics_into_valid_modules_that_compute_the_same() {
    let cases: u64 = std::env::var("SMITH_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let (mut generated, mut linked, mut refused, mut compared) = (0, 0, 0, 0);
    for seed in 0..cases {
        let Some((main, dep)) = generate(seed) else { continue };
        generated += 1;
        for (profile, layout) in CONFIGS {
            let result = catch_unwind(AssertUnwindSafe(|| {
                // A dependency nothing imports from is refused by design:
                // link the main module alone then.
                let linker = Linker::new().module("main", main.clone()).profile(profile);
                let linker = if profile == Profile::Portable { linker.layout(layout) } else { linker };
                if imports_from_dep(&main) { linker.module("dep", dep.clone()) } else { linker }.link()
            }));
            let result = result
                .unwrap_or_else(|_| panic!("the linker panicked on seed {seed} ({profile:?}, {layout:?} layout)"));
            let out = match result {
                Ok(out) => out,
                Err(err) => {
                    refused += 1;
                    if std::env::var_os("SMITH_VERBOSE").is_some() {
                        println!("seed {seed} ({profile:?}, {layout:?} layout): {err}");
                    }
                    continue;
                }
            };
            linked += 1;
            let features = profile.features();
            if let Err(e) = wasmparser::Validator::new_with_features(features).validate_all(&out) {
                panic!("seed {seed} ({profile:?}, {layout:?} layout): the output does not validate: {e}");
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
        "smith: {cases} seeds, {generated} pairs generated, {linked} links (of {} configurations each), {refused} refused with an error, {compared} compared with run-time wiring",
        CONFIGS.len()
    );
    assert!(generated > cases / 2, "too few pairs generated: {generated}");
    assert!(compared > 0, "no differential comparison ran");
}

fn has_memory(bytes: &[u8]) -> bool {
    Parser::new(0).parse_all(bytes).flatten().any(|p| matches!(p, Payload::MemorySection(r) if r.count() > 0))
}
