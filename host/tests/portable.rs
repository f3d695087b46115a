//! The `portable` profile on every engine: memory regions that grow
//! alternately (both allocator styles, both layouts), reservations that
//! refuse growth without touching anyone's data and that the host explains
//! when a module traps, and function tables folded into one. Fixtures are
//! `.wat` modules in `tests/fixtures/<case>/`; each case is linked with the
//! library and run in-process on Wasmer (cranelift, singlepass) and WASM3,
//! with `host.print` collecting lines, or by the `host` binary.

mod common;

use std::process::Command;

use common::{call, fixture, fixture_with, portable_fixture, Running, ALL, LAYOUTS, WASMER};
use linker::layout::{Regions, EXHAUSTED_EXPORT, PAGE};
use linker::{Layout, Linker, Profile};

#[test]
fn regions_growing_alternately_keep_their_data_on_every_engine_and_layout() {
    for layout in LAYOUTS {
        let bytes = portable_fixture("grow", "main", &["sbrk", "dlmalloc"], layout);
        for engine in ALL {
            let (lines, _) =
                call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{layout:?} {engine:?}: {trap}"));
            assert_eq!(lines, ["grow ok"], "{layout:?} {engine:?}");
        }
    }
}

#[test]
fn the_same_growth_runs_with_separate_memories() {
    let bytes = fixture("grow", "main", &["sbrk", "dlmalloc"], Profile::MultiMemory);
    for engine in WASMER {
        let (lines, _) = call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{engine:?}: {trap}"));
        assert_eq!(lines, ["grow ok"], "{engine:?}");
    }
}

/// `main`, `block` and `tail` (the top region), 4 pages reserved for each.
fn reserved(main: &str) -> Vec<u8> {
    fixture_with("reserve", main, &["block=region", "tail=region"], |linker| {
        ["main", "block", "tail"].into_iter().fold(linker, |linker, name| linker.reserve(name, 4 * PAGE))
    })
}

#[test]
fn regions_grow_to_their_reservations_and_one_past_it_gets_minus_one_leaving_every_region_intact() {
    let bytes = reserved("main");
    let regions = Regions::read(&bytes).unwrap().expect("the output records its layout");
    assert_eq!(regions.layout, Layout::Fixed);
    let caps: Vec<_> = regions.regions.iter().map(|r| (r.module.as_str(), r.capacity)).collect();
    assert_eq!(caps, [("main", Some(4)), ("block", Some(4)), ("tail", Some(4))]);
    // Region k sits right after region k - 1's reservation: a module filling
    // its last reserved page writes up to the next region's first byte.
    assert_eq!(regions.regions[1].base, 4 * PAGE);
    assert_eq!(regions.regions[2].base, 8 * PAGE);
    for engine in ALL {
        // Below the top, growth stops at the reservation (the fixed layout's
        // own check); the top region's reservation is the memory's maximum,
        // which the engine enforces.
        for (which, module) in ["main", "block", "tail"].into_iter().enumerate() {
            let what = format!("{engine:?}, `{module}` growing past its reservation");
            let mut running = Running::new(engine, &bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
            // Alternately to 4 pages each, every module checking all of its
            // pages after every growth: no refusal yet.
            running.call("fill", &[]).unwrap_or_else(|trap| panic!("{what}: filling trapped: {trap}"));
            assert_eq!(running.call(EXHAUSTED_EXPORT, &[]).unwrap(), Some(-1), "{what}: nothing refused yet");
            // One page more: -1, and the module saw nothing change.
            let got = running.call("overgrow", &[which as i32]).unwrap_or_else(|trap| panic!("{what}: {trap}"));
            assert_eq!(got, Some(-1), "{what}");
            // Every region, the refused one included, holds exactly its data.
            running.call("check", &[]).unwrap_or_else(|trap| panic!("{what}: a region was damaged: {trap}"));
            let refused = format!("{module} refused: -1");
            assert_eq!(running.lines(), ["filled: 4 pages each", refused.as_str(), "all regions intact"], "{what}");
            // The module says whose reservation ran out.
            assert_eq!(running.call(EXHAUSTED_EXPORT, &[]).unwrap(), Some(which as i32), "{what}");
        }
    }
}

/// The `host` binary's stderr and exit code for `args`.
fn host(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_host")).args(args).output().expect("the host binary runs");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const EXHAUSTED: &str =
    "\n  module `block` reached its 256 KiB memory reservation: relink with `--reserve block=1MiB`\n";

#[test]
fn the_host_names_the_module_whose_reservation_ran_out_when_it_traps() {
    let hello = common::write_temp("portable", "exhausted.wasm", &reserved("trap"));
    let wasi = common::write_temp("portable", "exhausted-wasi.wasm", &reserved("trap-wasi"));
    for engine in ["cranelift", "singlepass", "wasm3"] {
        for (example, module) in [("hello", &hello), ("wasi", &wasi)] {
            let mut args = vec!["--engine", engine];
            if example == "wasi" {
                args.extend(["--example", "wasi"]);
            }
            args.push(module.to_str().unwrap());
            let (code, stderr) = host(&args);
            assert_eq!(code, Some(1), "{engine} {example}: {stderr}");
            assert!(stderr.starts_with("error: "), "{engine} {example}: {stderr}");
            assert!(stderr.contains("trapped") || stderr.contains("unreachable"), "{engine} {example}: {stderr}");
            assert!(stderr.ends_with(EXHAUSTED), "{engine} {example}: {stderr}");
        }
    }
}

#[test]
fn the_image_rescale_runners_explain_an_exhausted_reservation_too() {
    use host::rescale::{Linked, Runner, Wasm3};
    let bytes = reserved("trap");
    let mut runners: Vec<(&str, Box<dyn Runner>)> = vec![
        ("cranelift", Box::new(Linked::new(host::Engine::Cranelift, &bytes).unwrap())),
        ("singlepass", Box::new(Linked::new(host::Engine::Singlepass, &bytes).unwrap())),
        ("wasm3", Box::new(Wasm3::new(&bytes).unwrap())),
    ];
    for (engine, runner) in &mut runners {
        let err = format!("{:#}\n", runner.run(0, 0, 0).expect_err("the block traps"));
        assert!(err.ends_with(EXHAUSTED), "{engine}: {err}");
    }
}

#[test]
fn a_trap_without_a_refused_growth_is_reported_as_it_is() {
    // The same link, but the main module traps before anyone grows: the
    // module has the export, which says -1, so the host adds nothing.
    let bytes = Linker::new()
        .module(
            "main",
            wat::parse_str(
                r#"(module
                    (import "block" "check" (func $check (param i32) (result i32)))
                    (memory (export "memory") 1)
                    (func (export "loaded") (drop (call $check (i32.const 1))) unreachable))"#,
            )
            .unwrap(),
        )
        .module(
            "block",
            wat::parse_file(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reserve/region.wat")).unwrap(),
        )
        .interface("block", include_str!("fixtures/reserve/region.wit"))
        .link()
        .unwrap();
    let path = common::write_temp("portable", "plain-trap.wasm", &bytes);
    for engine in ["cranelift", "wasm3"] {
        let (code, stderr) = host(&["--engine", engine, path.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{engine}: {stderr}");
        assert!(!stderr.contains("reservation") && !stderr.contains("refused"), "{engine}: {stderr}");
    }
}

#[test]
fn folded_tables_keep_each_modules_function_pointers_on_every_engine() {
    for layout in LAYOUTS {
        let bytes = portable_fixture("fnptr", "main", &["shapes"], layout);
        for engine in ALL {
            let (lines, _) =
                call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{layout:?} {engine:?}: {trap}"));
            assert_eq!(lines, ["fnptr ok"], "{layout:?} {engine:?}");
        }
    }
}

#[test]
fn an_index_past_a_modules_own_table_traps_instead_of_reaching_another_modules_entries() {
    for layout in LAYOUTS {
        let bytes = portable_fixture("fnptr", "main", &["shapes"], layout);
        for engine in ALL {
            for export in ["escape", "escape_main"] {
                let outcome = call(engine, &bytes, export);
                assert!(outcome.is_err(), "{layout:?} {engine:?} `{export}`: expected a trap, got {outcome:?}");
            }
        }
    }
    // Multi-memory keeps separate tables: the engine's own bounds check traps.
    let bytes = fixture("fnptr", "main", &["shapes"], Profile::MultiMemory);
    for engine in WASMER {
        for export in ["escape", "escape_main"] {
            assert!(call(engine, &bytes, export).is_err(), "{engine:?} `{export}`");
        }
    }
}
