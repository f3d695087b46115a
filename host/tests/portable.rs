//! The `portable` profile on every engine: memory regions that grow
//! alternately (both allocator styles) and function tables folded into one.
//! Fixtures are `.wat` modules in `tests/fixtures/<case>/`; each case is
//! linked with the library and run in-process on Wasmer (cranelift,
//! singlepass) and WASM3, with `host.print` collecting lines.

mod common;

use common::{call, fixture, ALL, WASMER};
use linker::Profile;

#[test]
fn regions_growing_alternately_keep_their_data_on_every_engine() {
    let bytes = fixture("grow", "main", &["sbrk", "dlmalloc"], Profile::Portable);
    for engine in ALL {
        let (lines, _) = call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{engine:?}: {trap}"));
        assert_eq!(lines, ["grow ok"], "{engine:?}");
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

#[test]
fn folded_tables_keep_each_modules_function_pointers_on_every_engine() {
    let bytes = fixture("fnptr", "main", &["shapes"], Profile::Portable);
    for engine in ALL {
        let (lines, _) = call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{engine:?}: {trap}"));
        assert_eq!(lines, ["fnptr ok"], "{engine:?}");
    }
}

#[test]
fn an_index_past_a_modules_own_table_traps_instead_of_reaching_another_modules_entries() {
    let bytes = fixture("fnptr", "main", &["shapes"], Profile::Portable);
    for engine in ALL {
        for export in ["escape", "escape_main"] {
            let outcome = call(engine, &bytes, export);
            assert!(outcome.is_err(), "{engine:?} `{export}`: expected a trap, got {outcome:?}");
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
