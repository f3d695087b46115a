//! The image-rescale differential harness, shared by `rescale.rs` (the WAI
//! block) and `rescale_wit.rs` (the same block written with wit-bindgen):
//! the pipeline linked with a block against the pipeline and the WAI block
//! wired at run time, and a leak check. Needs `cargo xtask build`'s modules
//! (`RUNE_WASM_DIR`). `PROPTEST_CASES=N` changes the number of cases.

use std::cell::RefCell;
use std::path::PathBuf;

use host::rescale::{Linked, Runner, Wasm3, Wired};
use host::Engine;
use linker::layout::{Regions, PAGE};
use linker::{Layout, Linker, Profile};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::LAYOUTS;

pub fn wasm(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("RUNE_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/wasm"));
    let path = dir.join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|_| panic!("no `{}`: run `cargo xtask build`", path.display()))
}

/// The pipeline linked with `block` (a `.wasm` of `cargo xtask build`) as
/// `rescale`, with `options`.
fn link(block: &str, options: impl FnOnce(Linker) -> Linker) -> Vec<u8> {
    let linker = Linker::new().module("pipeline", wasm("rescale_pipeline")).module("rescale", wasm(block));
    options(linker).link().unwrap_or_else(|err| panic!("{err}"))
}

/// The pipeline builds 1 MiB images and keeps what the block returns: more
/// than the default 16 MiB reservation of the fixed layout holds for some
/// inputs (it then traps with "module `pipeline` reached its 16 MiB memory
/// reservation"), so it is linked as a user would, with `--reserve`.
const PIPELINE_RESERVE: u64 = 64 << 20;

fn link_portable(block: &str, layout: Layout) -> Vec<u8> {
    link(block, |linker| {
        let linker = linker.profile(Profile::Portable).layout(layout);
        if layout == Layout::Fixed {
            linker.reserve("pipeline", PIPELINE_RESERVE)
        } else {
            linker
        }
    })
}

/// Every case, seeds, and sizes from empty to a 1 MiB image.
fn inputs() -> impl Strategy<Value = (u32, u64, u32)> {
    let size = prop_oneof![4 => 0u32..4, 6 => 4u32..700, 1 => Just(1u32 << 20)];
    (0u32..5, any::<u64>(), size)
}

/// For random inputs, the pipeline linked with `block` returns exactly what
/// the pipeline and the WAI block wired at run time return (Wasmer's own
/// generated glue on both sides), on every profile, layout and engine.
/// `what` names the configuration in messages.
pub fn linked_matches_run_time_wiring(block: &str, what: &str) {
    let multi = link(block, |linker| linker.profile(Profile::MultiMemory));
    let oracle =
        RefCell::new(Wired::new(Engine::Cranelift, &wasm("rescale_pipeline"), &wasm("rescale_block")).unwrap());
    // The cases are shared between the two layouts rather than doubled (the
    // run time stays what it was): each layout gets half of them, and
    // multi-memory runs alongside both, so it still sees them all.
    let cases: u32 = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(40);
    let mut linked: Vec<(String, Box<dyn Runner>)> = vec![
        ("multi-memory, cranelift".into(), Box::new(Linked::new(Engine::Cranelift, &multi).unwrap())),
        ("multi-memory, singlepass".into(), Box::new(Linked::new(Engine::Singlepass, &multi).unwrap())),
    ];
    for layout in LAYOUTS {
        let portable = link_portable(block, layout);
        linked.truncate(2);
        let name = |engine: &str| format!("portable ({} layout), {engine}", layout.name());
        linked.push((name("cranelift"), Box::new(Linked::new(Engine::Cranelift, &portable).unwrap())));
        linked.push((name("singlepass"), Box::new(Linked::new(Engine::Singlepass, &portable).unwrap())));
        linked.push((name("WASM3"), Box::new(Wasm3::new(&portable).unwrap())));
        let names: Vec<String> = linked.iter().map(|(n, _)| n.clone()).collect();
        let linked = RefCell::new(&mut linked);
        let config = Config { cases: cases.div_ceil(2), failure_persistence: None, ..Config::default() };
        let ran = RefCell::new(0u32);
        TestRunner::new(config)
            .run(&inputs(), |(case, seed, size)| {
                let expected = oracle
                    .borrow_mut()
                    .run(case, seed, size)
                    .map_err(|e| TestCaseError::fail(format!("wired: {e:#}")))?;
                for (name, runner) in linked.borrow_mut().iter_mut() {
                    let got =
                        runner.run(case, seed, size).map_err(|e| TestCaseError::fail(format!("{name}: {e:#}")))?;
                    prop_assert_eq!(
                        &got,
                        &expected,
                        "{} ({}) differs from run-time wiring of the WAI block",
                        name,
                        what
                    );
                }
                *ran.borrow_mut() += 1;
                Ok(())
            })
            .unwrap();
        println!(
            "{what} differential: {} cases, each on {} (against run-time wiring on cranelift)",
            ran.borrow(),
            names.join(", ")
        );
    }
}

/// Calls per layout and engine after the warm-up: 10 000 in all, split
/// between the layouts rather than doubled (an adapter that leaks leaks on
/// every call, so 5 000 calls show it as well).
const CALLS: u32 = 5_000;

/// Every case and size once, so the allocators have grown to what this
/// work needs; the memory's size in bytes after.
fn warm_up(runner: &mut dyn Runner) -> u64 {
    for i in 0..200 {
        call(runner, i);
    }
    runner.memory_bytes()
}

fn call(runner: &mut dyn Runner, i: u32) {
    runner.run(i % 5, i as u64, (i * 37) % 300).unwrap_or_else(|e| panic!("call {i}: {e:#}"));
}

/// 10 000 calls of the pipeline linked with `block` leave every region's
/// memory as the warm-up left it.
pub fn ten_thousand_calls_do_not_grow_memory(block: &str) {
    // In the movable layout the memory's size is the sum of the regions'
    // sizes: any region's growth shows. In the fixed layout only the top
    // region (the block's) grows the memory; the pipeline's region grows
    // inside its reservation, invisibly. So the pipeline is reserved exactly
    // what the warm-up needed (the movable layout's total minus the block's
    // region, measured in the fixed layout on WASM3, which compiles nothing;
    // every run makes the same allocations on the same calls): if it ever
    // needs a page more, its growth is refused, and its allocator traps.
    let movable = link_portable(block, Layout::Movable);
    let fixed = link_portable(block, Layout::Fixed);
    let block_base = Regions::read(&fixed).unwrap().expect("a layout").regions[1].base;
    let mut movable_cranelift: Box<dyn Runner> = Box::new(Linked::new(Engine::Cranelift, &movable).unwrap());
    let total = warm_up(movable_cranelift.as_mut());
    let block_region = warm_up(&mut Wasm3::new(&fixed).unwrap()) - block_base;
    let pipeline = total - block_region;
    assert_eq!(pipeline % PAGE, 0);
    let tight = link(block, |linker| linker.profile(Profile::Portable).reserve("pipeline", pipeline));
    let mut runners: Vec<(&str, Box<dyn Runner>)> = vec![
        ("portable (movable layout), cranelift", movable_cranelift),
        ("portable (movable layout), WASM3", Box::new(Wasm3::new(&movable).unwrap())),
        ("portable (fixed layout, tight), cranelift", Box::new(Linked::new(Engine::Cranelift, &tight).unwrap())),
        ("portable (fixed layout, tight), WASM3", Box::new(Wasm3::new(&tight).unwrap())),
    ];
    for (name, runner) in &mut runners {
        let before = warm_up(runner.as_mut());
        for i in 0..CALLS {
            call(runner.as_mut(), i);
        }
        let after = runner.memory_bytes();
        println!("{name}: memory {before} bytes before and {after} bytes after {CALLS} calls");
        assert_eq!(before, after, "{name}: memory grew over {CALLS} calls (one memory holds both modules' heaps)");
    }
}
