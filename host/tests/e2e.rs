//! End to end: the example's real Rust-built modules, on every engine, both
//! wired at run time (the oracle) and statically linked (multi-memory, and
//! portable in both layouts), must print exactly the same line. Needs the modules from `cargo xtask build` (found through
//! `RUNE_WASM_DIR`, which `cargo xtask test` sets).

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::LAYOUTS;
use linker::{Layout, Linker, Profile};

const EXPECTED: &str = "[*] Hello, World!\n";

fn wasm_dir() -> PathBuf {
    common::wasm_dir(&["guest.wasm", "dependency.wasm"])
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the host binary; returns its stdout, failing the test on a non-zero exit.
fn host(args: &[&str]) -> String {
    let out = host_output(args);
    assert!(
        out.status.success(),
        "host {args:?} failed: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn host_output(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_host")).args(args).output().expect("the host binary runs")
}

fn link(profile: Profile) -> Vec<u8> {
    link_with(|linker| linker.profile(profile))
}

fn link_portable(layout: Layout) -> Vec<u8> {
    link_with(|linker| linker.profile(Profile::Portable).layout(layout))
}

fn link_with(options: impl FnOnce(Linker) -> Linker) -> Vec<u8> {
    let dir = wasm_dir();
    let wit = |name: &str| std::fs::read_to_string(root().join(format!("{name}.wit"))).unwrap();
    let linker = Linker::new()
        .module("guest", std::fs::read(dir.join("guest.wasm")).unwrap())
        .module("dependency", std::fs::read(dir.join("dependency.wasm")).unwrap())
        .interface("dependency", wit("dependency"))
        .interface("host", wit("host"));
    options(linker).link().unwrap_or_else(|err| panic!("linking the example failed: {err}"))
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    common::write_temp("e2e", name, bytes)
}

#[test]
fn run_time_wiring_prints_the_greeting_on_both_compilers() {
    let dir = wasm_dir();
    let (guest, dependency) = (dir.join("guest.wasm"), dir.join("dependency.wasm"));
    for engine in ["cranelift", "singlepass"] {
        let out = host(&["--engine", engine, guest.to_str().unwrap(), dependency.to_str().unwrap()]);
        assert_eq!(out, EXPECTED, "engine {engine}");
    }
}

#[test]
fn linked_multi_memory_module_prints_the_greeting_on_both_compilers() {
    let rune = write_temp("rune-multi-memory.wasm", &link(Profile::MultiMemory));
    for engine in ["cranelift", "singlepass"] {
        assert_eq!(host(&["--engine", engine, rune.to_str().unwrap()]), EXPECTED, "engine {engine}");
    }
}

#[test]
fn linked_module_imports_only_the_host_and_exports_the_guests_interface() {
    let bytes = link(Profile::MultiMemory);
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        match payload.unwrap() {
            wasmparser::Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.unwrap();
                    imports.push(format!("{}.{}", import.module, import.name));
                }
            }
            wasmparser::Payload::ExportSection(reader) => {
                exports.extend(reader.into_iter().map(|e| e.unwrap().name.to_string()));
            }
            _ => {}
        }
    }
    assert_eq!(imports, ["host.print"]);
    for name in ["memory", "loaded", "canonical_abi_realloc", "canonical_abi_free"] {
        assert!(exports.iter().any(|e| e == name), "missing export `{name}` in {exports:?}");
    }
}

#[test]
fn linked_portable_module_prints_the_greeting_on_every_engine_and_layout() {
    for layout in LAYOUTS {
        let rune = write_temp(&format!("rune-portable-{}.wasm", layout.name()), &link_portable(layout));
        for engine in ["cranelift", "singlepass", "wasm3"] {
            assert_eq!(host(&["--engine", engine, rune.to_str().unwrap()]), EXPECTED, "{layout:?}, engine {engine}");
        }
    }
}

#[test]
fn portable_output_has_one_memory_one_table_and_no_bulk_memory() {
    for layout in LAYOUTS {
        validates_with_portable_features_only(&link_portable(layout), layout);
    }
}

fn validates_with_portable_features_only(bytes: &[u8], layout: Layout) {
    let mut features = wasmparser::WasmFeatures::empty();
    for f in [
        wasmparser::WasmFeatures::MUTABLE_GLOBAL,
        wasmparser::WasmFeatures::SATURATING_FLOAT_TO_INT,
        wasmparser::WasmFeatures::SIGN_EXTENSION,
        wasmparser::WasmFeatures::MULTI_VALUE,
        wasmparser::WasmFeatures::FLOATS,
    ] {
        features |= f;
    }
    wasmparser::Validator::new_with_features(features).validate_all(bytes).unwrap_or_else(|err| {
        panic!("{layout:?}: the portable output should validate without multi-memory, bulk memory or reference types: {err}")
    });
}

#[test]
fn wasm3_refuses_a_multi_memory_module_with_a_clear_error() {
    let rune = write_temp("rune-for-wasm3.wasm", &link(Profile::MultiMemory));
    let out = host_output(&["--engine", "wasm3", rune.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a clean error exit, not a crash: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("has 2 memories, but WASM3 runs modules with one: link it with `--profile portable`"),
        "stderr: {stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_dependency_resolved_offline_from_a_local_package_directory_links_and_runs() {
    use linker::registry::{link_packages, write_package, Registry};
    let dir = wasm_dir();
    let registry_dir = std::env::temp_dir().join(format!("rune-e2e-packages-{}", std::process::id()));
    let wit = |name: &str| std::fs::read_to_string(root().join(format!("{name}.wit"))).unwrap();
    write_package(
        &registry_dir,
        "example/dependency",
        "0.1.0",
        "dependency",
        &std::fs::read(dir.join("dependency.wasm")).unwrap(),
        ("dependency", &wit("dependency")),
        &[("host", &wit("host"))],
    )
    .unwrap();
    let registry = Registry::new([registry_dir.clone()]);
    let guest = std::fs::read(dir.join("guest.wasm")).unwrap();
    let rune = link_packages("guest", &guest, &["example/dependency@0.1.0"], &registry, &[], Profile::Portable)
        .unwrap_or_else(|err| panic!("{err}"));
    let rune = write_temp("rune-from-package.wasm", &rune);
    assert_eq!(host(&["--engine", "wasm3", rune.to_str().unwrap()]), EXPECTED);
    // `link_packages` links with the default (fixed) layout; the same
    // package through the builder, movable.
    let rune = Linker::new()
        .module("guest", guest.clone())
        .package(registry.resolve("example/dependency@0.1.0").unwrap_or_else(|err| panic!("{err}")))
        .layout(Layout::Movable)
        .link()
        .unwrap_or_else(|err| panic!("{err}"));
    let rune = write_temp("rune-from-package-movable.wasm", &rune);
    assert_eq!(host(&["--engine", "wasm3", rune.to_str().unwrap()]), EXPECTED, "movable");

    let missing = link_packages("guest", &guest, &["example/dependency@9.9.9"], &registry, &[], Profile::Portable)
        .expect_err("an absent version is an error");
    let message = missing.to_string();
    assert!(message.starts_with("package `example/dependency@9.9.9` is not installed locally"), "{message}");
    assert!(message.contains(&registry_dir.join("example/dependency@9.9.9/wasmer.toml").display().to_string()));
    assert!(message.contains("wapm_packages/example/dependency@9.9.9/wasmer.toml"), "{message}");
}

#[test]
fn modules_built_by_xtask_link_without_interface_files() {
    let dir = wasm_dir();
    for layout in LAYOUTS {
        let rune = Linker::new()
            .module("guest", std::fs::read(dir.join("guest.wasm")).unwrap())
            .module("dependency", std::fs::read(dir.join("dependency.wasm")).unwrap())
            .layout(layout)
            .link()
            .unwrap_or_else(|err| panic!("{layout:?}: the embedded interfaces should suffice: {err}"));
        let rune = write_temp(&format!("rune-embedded-{}.wasm", layout.name()), &rune);
        assert_eq!(host(&[rune.to_str().unwrap()]), EXPECTED, "{layout:?}");
    }
}
