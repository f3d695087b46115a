//! Every WAI type across the linker's adapters, with real WAI-generated glue
//! on both sides: `abi_caller.wasm` calls every function of
//! `tests/abi/abi.wit` exported by `abi_callee.wasm` (which has its own
//! memory) and checks every result itself, printing `ok <check>` or
//! `FAIL <check>: <details>` through `host.print`, then `done <n> checks`.
//! The callee's `log` prints from the callee's memory, through the host
//! adapter. Linked with both profiles, run on Cranelift and Singlepass.
//! Needs the modules from `cargo xtask build` (found through
//! `RUNE_WASM_DIR`, which `cargo xtask test` sets).

use std::path::PathBuf;

use linker::{Layout, Linker, Profile};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Instance, Memory, Module, Store};

/// How many checks `abi-caller` makes (`tests/abi/caller/src/lib.rs`).
const CHECKS: usize = 79;

/// What the callee prints through the host (`log`, with the caller's text).
const CALLEE_LINE: &str = "callee: héllo wörld ✓ 𝄞 日本";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn wasm(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("RUNE_WASM_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target/wasm"));
    let path = dir.join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read `{}` ({e}): run `cargo xtask build` (or `cargo xtask test`), which builds the ABI test modules",
            path.display()
        )
    })
}

fn wit(path: &str) -> String {
    let path = root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()))
}

fn link(profile: Profile, layout: Layout) -> Vec<u8> {
    let linker = Linker::new();
    let linker = if profile == Profile::Portable { linker.layout(layout) } else { linker };
    linker
        .module("caller", wasm("abi_caller.wasm"))
        .module("abi", wasm("abi_callee.wasm"))
        .interface("abi", wit("tests/abi/abi.wit"))
        .interface("host", wit("host.wit"))
        .profile(profile)
        .link()
        .unwrap_or_else(|e| panic!("linking the ABI test modules failed:\n{e}"))
}

struct State {
    memory: Option<Memory>,
    lines: Vec<String>,
}

/// Instantiates `bytes` with a `host.print` that collects lines, calls
/// `run`; returns the lines, and the trap if `run` trapped.
fn run(mut store: Store, bytes: &[u8]) -> (Vec<String>, Option<String>) {
    let module = Module::new(&store, bytes).expect("the linked module compiles");
    let env = FunctionEnv::new(&mut store, State { memory: None, lines: Vec::new() });
    let print = Function::new_typed_with_env(&mut store, &env, |mut env: FunctionEnvMut<State>, ptr: i32, len: i32| {
        let (state, store) = env.data_and_store_mut();
        let view = state.memory.as_ref().expect("memory is set after instantiation").view(&store);
        let start = ptr as u32 as u64;
        let line = match view.copy_range_to_vec(start..start + len as u32 as u64) {
            Ok(bytes) => String::from_utf8(bytes)
                .unwrap_or_else(|e| format!("FAIL host.print: invalid UTF-8 {:?}", e.as_bytes())),
            Err(e) => format!("FAIL host.print: ({ptr}, {len}) is out of bounds: {e}"),
        };
        state.lines.push(line);
    });
    let imports = wasmer::imports! { "host" => { "print" => print } };
    let instance = Instance::new(&mut store, &module, &imports).expect("the linked module instantiates");
    env.as_mut(&mut store).memory = Some(instance.exports.get_memory("memory").expect("exports `memory`").clone());
    let run = instance.exports.get_function("run").expect("exports `run`");
    let trap = run.call(&mut store, &[]).err().map(|e| e.to_string());
    let lines = std::mem::take(&mut env.as_mut(&mut store).lines);
    (lines, trap)
}

fn check(engine: &str, store: Store, profile: Profile, layout: Layout) {
    let engine = &format!("{engine}, {profile:?}, {layout:?} layout");
    let (lines, trap) = run(store, &link(profile, layout));
    let report = lines.join("\n");
    if let Some(trap) = trap {
        let last = lines.iter().rev().find(|l| l.starts_with("ok ") || l.starts_with("FAIL "));
        panic!(
            "{engine}: `run` trapped: {trap}\n(the last check before the trap: {})\n{report}",
            last.map_or("none", String::as_str)
        );
    }
    let failed: Vec<&String> = lines.iter().filter(|l| l.starts_with("FAIL")).collect();
    assert!(failed.is_empty(), "{engine}: {} checks failed:\n{report}", failed.len());
    assert_eq!(
        lines.iter().filter(|l| *l == CALLEE_LINE).count(),
        1,
        "{engine}: the callee's `host.print` (through the host adapter) should print `{CALLEE_LINE}` once:\n{report}"
    );
    let (last, checks) = lines.split_last().unwrap_or_else(|| panic!("{engine}: `run` printed nothing"));
    assert_eq!(last, &format!("done {CHECKS} checks"), "{engine}: the last line:\n{report}");
    let checks: Vec<&String> = checks.iter().filter(|l| *l != CALLEE_LINE).collect();
    for line in &checks {
        assert!(line.starts_with("ok "), "{engine}: unexpected line `{line}`:\n{report}");
    }
    assert_eq!(checks.len(), CHECKS, "{engine}: one `ok` line per check:\n{report}");
    println!("{engine}: {CHECKS} checks ok");
}

#[test]
fn every_type_crosses_on_cranelift() {
    check("cranelift", Store::new(wasmer::sys::Cranelift::default()), Profile::MultiMemory, Layout::Fixed);
}

#[test]
fn every_type_crosses_on_singlepass() {
    check("singlepass", Store::new(wasmer::sys::Singlepass::default()), Profile::MultiMemory, Layout::Fixed);
}

/// The same adapters with one memory (bulk-memory copies rewritten as
/// loops), in both region layouts.
#[test]
fn every_type_crosses_portable_on_cranelift() {
    for layout in [Layout::Fixed, Layout::Movable] {
        check("cranelift", Store::new(wasmer::sys::Cranelift::default()), Profile::Portable, layout);
    }
}

#[test]
fn every_type_crosses_portable_on_singlepass() {
    for layout in [Layout::Fixed, Layout::Movable] {
        check("singlepass", Store::new(wasmer::sys::Singlepass::default()), Profile::Portable, layout);
    }
}

#[test]
fn linked_module_imports_only_the_host() {
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let bytes = link(profile, Layout::Fixed);
        let mut imports = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
            if let wasmparser::Payload::ImportSection(section) = payload.expect("the output parses") {
                for import in section.into_imports() {
                    let import = import.expect("the output parses");
                    imports.push(format!("{}.{}", import.module, import.name));
                }
            }
        }
        assert_eq!(imports, ["host.print"], "the imports of the module linked with {profile:?}");
    }
}
