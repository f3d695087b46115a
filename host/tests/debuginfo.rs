//! Issue 25's "done when", on wasmtime: a trap inside a linked Rust block
//! shows, in wasmtime's backtrace with details (its DWARF reader, as
//! `WASMTIME_BACKTRACE_DETAILS=1 wasmtime run -D debug-info=y` shows it),
//! the same function names and `file:line:column` frames as the block
//! alone, in both profiles (and both region layouts), and the pipeline's
//! own frame keeps its source line.
//!
//! The inputs are the linker's DWARF fixtures (`linker/tests/debuginfo/`),
//! compiled here by `rustc` as `cargo build --release` with `debug = true`
//! compiles a block.

mod common;

use linker::{Layout, Linker, Profile};

fn build(name: &str) -> Vec<u8> {
    let args =
        ["--crate-type", "cdylib", "--target", "wasm32-unknown-unknown", "-C", "opt-level=3", "-C", "debuginfo=2"];
    let out =
        common::rustc(&format!("../linker/tests/debuginfo/{name}.rs"), &args, &format!("host-debuginfo-{name}.wasm"));
    std::fs::read(out).unwrap()
}

/// One frame as wasmtime tells it: the function's name (as the name
/// section spells it) and, from DWARF, each (possibly inlined) symbol's
/// `name file:line:column`.
fn trap_frames(module: &[u8], export: &str, args: (i32, i32)) -> Vec<String> {
    let mut config = wasmtime::Config::new();
    config.wasm_backtrace_details(wasmtime::WasmBacktraceDetails::Enable);
    let engine = wasmtime::Engine::new(&config).unwrap();
    let module = wasmtime::Module::new(&engine, module).unwrap();
    let mut store = wasmtime::Store::new(&engine, ());
    let instance = wasmtime::Instance::new(&mut store, &module, &[]).unwrap();
    let f = instance.get_typed_func::<(i32, i32), i32>(&mut store, export).unwrap();
    let err = f.call(&mut store, args).expect_err("the call traps");
    let trace = err.downcast_ref::<wasmtime::WasmBacktrace>().expect("a trap carries a backtrace");
    trace
        .frames()
        .iter()
        .map(|frame| {
            let symbols: Vec<String> = frame
                .symbols()
                .iter()
                .map(|s| {
                    let file = s.file().map(|f| f.rsplit('/').next().unwrap_or(f).to_string());
                    format!(
                        "{} {}:{}:{}",
                        s.name().unwrap_or("?"),
                        file.unwrap_or_default(),
                        s.line().unwrap_or(0),
                        s.column().unwrap_or(0)
                    )
                })
                .collect();
            format!("{} [{}]", frame.func_name().unwrap_or("?"), symbols.join(" <- "))
        })
        .collect()
}

#[test]
fn a_trap_in_a_linked_block_shows_the_blocks_source_frames_on_wasmtime() {
    let (block, pipeline) = (build("block"), build("pipeline"));
    // `ratio(1, 0)` divides by zero three calls deep and panics.
    let alone = trap_frames(&block, "ratio", (1, 0));
    let joined = alone.join("\n");
    for wanted in ["ratio_of", "block.rs:11:5", "block.rs:16:5"] {
        assert!(joined.contains(wanted), "the block alone: no `{wanted}` in\n{joined}");
    }
    let runs = [
        (Profile::MultiMemory, Layout::Fixed, "multi-memory"),
        (Profile::Portable, Layout::Fixed, "portable, fixed layout"),
        (Profile::Portable, Layout::Movable, "portable, movable layout"),
    ];
    for (profile, layout, what) in runs {
        let linked = Linker::new()
            .module("pipeline", pipeline.clone())
            .module("block", block.clone())
            .numbers("block", "*") // the fixtures pass numbers only
            .profile(profile)
            .layout(layout)
            .link()
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let frames = trap_frames(&linked, "run", (1, 0));
        // The block's frames, exactly as alone (names, files, lines,
        // columns), then the pipeline's `run` at its own line.
        assert_eq!(frames[..alone.len()], alone[..], "{what}:\n{}", frames.join("\n"));
        let rest = &frames[alone.len()..];
        assert_eq!(rest.len(), 1, "{what}: {rest:?}");
        assert!(rest[0].starts_with("run [") && rest[0].contains("pipeline.rs:27:"), "{what}: {rest:?}");
    }
    println!("the block's frames, alone and linked:\n{joined}");
}
