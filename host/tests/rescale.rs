//! The image-rescale example, differential: for random inputs the linked
//! pipeline returns exactly what the two modules wired at run time return
//! (Wasmer's own generated glue on both sides), on every profile and engine;
//! and 10 000 calls leak no memory. Needs `cargo xtask build`'s modules
//! (`RUNE_WASM_DIR`). `PROPTEST_CASES=N` changes the number of cases.

use std::cell::RefCell;
use std::path::PathBuf;

use host::rescale::{Linked, Runner, Wasm3, Wired};
use host::Engine;
use linker::{Linker, Profile};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn wasm(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("RUNE_WASM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/wasm"));
    let path = dir.join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|_| panic!("no `{}`: run `cargo xtask build`", path.display()))
}

fn link(profile: Profile) -> Vec<u8> {
    Linker::new()
        .module("pipeline", wasm("rescale_pipeline"))
        .module("rescale", wasm("rescale_block"))
        .profile(profile)
        .link()
        .unwrap_or_else(|err| panic!("{err}"))
}

/// Every case, seeds, and sizes from empty to a 1 MiB image.
fn inputs() -> impl Strategy<Value = (u32, u64, u32)> {
    let size = prop_oneof![4 => 0u32..4, 6 => 4u32..700, 1 => Just(1u32 << 20)];
    (0u32..5, any::<u64>(), size)
}

#[test]
fn linked_matches_run_time_wiring_on_every_profile_and_engine() {
    let (multi, portable) = (link(Profile::MultiMemory), link(Profile::Portable));
    let oracle =
        RefCell::new(Wired::new(Engine::Cranelift, &wasm("rescale_pipeline"), &wasm("rescale_block")).unwrap());
    let mut linked: Vec<(&str, Box<dyn Runner>)> = vec![
        ("multi-memory, cranelift", Box::new(Linked::new(Engine::Cranelift, &multi).unwrap())),
        ("multi-memory, singlepass", Box::new(Linked::new(Engine::Singlepass, &multi).unwrap())),
        ("portable, cranelift", Box::new(Linked::new(Engine::Cranelift, &portable).unwrap())),
        ("portable, singlepass", Box::new(Linked::new(Engine::Singlepass, &portable).unwrap())),
        ("portable, WASM3", Box::new(Wasm3::new(&portable).unwrap())),
    ];
    let names: Vec<&str> = linked.iter().map(|(n, _)| *n).collect();
    let linked = RefCell::new(&mut linked);
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(40);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let ran = RefCell::new(0u32);
    runner
        .run(&inputs(), |(case, seed, size)| {
            let expected =
                oracle.borrow_mut().run(case, seed, size).map_err(|e| TestCaseError::fail(format!("wired: {e:#}")))?;
            for (name, runner) in linked.borrow_mut().iter_mut() {
                let got = runner.run(case, seed, size).map_err(|e| TestCaseError::fail(format!("{name}: {e:#}")))?;
                prop_assert_eq!(&got, &expected, "{} differs from run-time wiring", name);
            }
            *ran.borrow_mut() += 1;
            Ok(())
        })
        .unwrap();
    println!(
        "image-rescale differential: {} cases, each on {} (against run-time wiring on cranelift)",
        ran.borrow(),
        names.join(", ")
    );
}

#[test]
fn ten_thousand_calls_do_not_grow_memory() {
    let portable = link(Profile::Portable);
    let mut runners: Vec<(&str, Box<dyn Runner>)> = vec![
        ("portable, cranelift", Box::new(Linked::new(Engine::Cranelift, &portable).unwrap())),
        ("portable, WASM3", Box::new(Wasm3::new(&portable).unwrap())),
    ];
    for (name, runner) in &mut runners {
        // Warm up: every case and size once, so the allocators have grown to
        // what this work needs.
        let call = |runner: &mut Box<dyn Runner>, i: u32| runner.run(i % 5, i as u64, (i * 37) % 300).unwrap();
        for i in 0..200 {
            call(runner, i);
        }
        let before = runner.memory_bytes();
        for i in 0..10_000 {
            call(runner, i);
        }
        let after = runner.memory_bytes();
        println!("{name}: memory {before} bytes before and {after} bytes after 10 000 calls");
        assert_eq!(before, after, "{name}: memory grew over 10 000 calls (one memory holds both modules' heaps)");
    }
}
