//! What `--bounds-checks` buys in the portable profile: without it, a
//! module's plain load past its own region reads the next module's (the
//! documented cost of one memory); with it, the same load traps, as it does
//! with separate memories.

mod common;

use common::{Running, ALL, WASMER};
use linker::{Linker, Profile};

const SECRET: i32 = i32::from_le_bytes(*b"SCRT");
const MINE: i32 = i32::from_le_bytes(*b"mine");

fn link(profile: Profile, bounds_checks: bool) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/isolation");
    let wat = |name: &str| wat::parse_file(dir.join(format!("{name}.wat"))).unwrap();
    Linker::new()
        .module("main", wat("main"))
        .module("secret", wat("secret"))
        .interface("secret", std::fs::read_to_string(dir.join("secret.wit")).unwrap())
        .profile(profile)
        .bounds_checks(bounds_checks)
        .link()
        .unwrap()
}

#[test]
fn without_bounds_checks_one_memory_does_not_isolate_modules() {
    for engine in ALL {
        let mut running = Running::new(engine, &link(Profile::Portable, false)).unwrap();
        assert_eq!(running.call("peek", &[100]).unwrap(), Some(MINE));
        assert_eq!(running.call("peek", &[65536]).unwrap(), Some(SECRET), "{engine:?}: the next region is readable");
    }
}

#[test]
fn with_bounds_checks_a_load_or_store_past_the_own_region_traps() {
    for engine in ALL {
        let mut running = Running::new(engine, &link(Profile::Portable, true)).unwrap();
        assert_eq!(running.call("peek", &[100]).unwrap(), Some(MINE), "{engine:?}");
        assert_eq!(running.call("peek", &[65532]).unwrap(), Some(0), "{engine:?}: the last word is in bounds");
        assert!(running.call("peek", &[65533]).is_err(), "{engine:?}: a word straddling the end traps");
        assert!(running.call("peek", &[65536]).is_err(), "{engine:?}");
        assert!(running.call("poke", &[65536]).is_err(), "{engine:?}");
        assert_eq!(running.call("answer", &[]).unwrap(), Some(SECRET), "{engine:?}: the block still reads its own");
    }
}

#[test]
fn separate_memories_isolate_without_bounds_checks() {
    for engine in WASMER {
        let mut running = Running::new(engine, &link(Profile::MultiMemory, false)).unwrap();
        assert!(running.call("peek", &[65536]).is_err(), "{engine:?}");
    }
}

#[test]
fn bounds_checks_are_refused_for_the_multi_memory_profile() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/isolation");
    let err = Linker::new()
        .module("main", wat::parse_file(dir.join("main.wat")).unwrap())
        .module("secret", wat::parse_file(dir.join("secret.wat")).unwrap())
        .interface("secret", std::fs::read_to_string(dir.join("secret.wit")).unwrap())
        .profile(Profile::MultiMemory)
        .bounds_checks(true)
        .link()
        .unwrap_err();
    assert!(err.to_string().starts_with("bounds checks are for the `portable` profile"), "{err}");
}
