//! What `--bounds-checks` buys in the portable profile: without it, a
//! module's plain load past its own region reads the next module's (the
//! documented cost of one memory); with it, a load or store that would
//! reach another module's region traps, as it does with separate memories.
//!
//! The two layouts check against different limits. The movable layout
//! checks against the region's current size, so the pipeline's page 1 (not
//! grown yet) is already out of bounds. The fixed layout checks against the
//! region's *capacity*, a constant: the pages between the current size and
//! the reservation belong to the module alone (no other region is ever
//! placed there), so a module may touch its own reserved-but-ungrown pages
//! (a load there reads 0 and a store succeeds, where multi-memory would
//! trap), but it still never reaches another module's region. The tests
//! below say which limit applies by reading the layout the output records.

mod common;

use common::{Running, ALL, LAYOUTS, WASMER};
use linker::layout::{Regions, PAGE};
use linker::{Layout, Linker, Profile};

const SECRET: i32 = i32::from_le_bytes(*b"SCRT");
const MINE: i32 = i32::from_le_bytes(*b"mine");

fn linker() -> Linker {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/isolation");
    let wat = |name: &str| wat::parse_file(dir.join(format!("{name}.wat"))).unwrap();
    Linker::new()
        .module("main", wat("main"))
        .module("secret", wat("secret"))
        .interface("secret", std::fs::read_to_string(dir.join("secret.wit")).unwrap())
}

fn link_portable(layout: Layout, bounds_checks: bool) -> Vec<u8> {
    linker().profile(Profile::Portable).layout(layout).bounds_checks(bounds_checks).link().unwrap()
}

/// Where the secret's region starts, and how far the pipeline's own region
/// reaches for `--bounds-checks`: its capacity (fixed) or its size (movable).
fn layout_of(bytes: &[u8]) -> (i32, i32) {
    let regions = Regions::read(bytes).unwrap().expect("a portable output of two memories records its layout");
    let [main, secret] = regions.regions.as_slice() else { panic!("two regions: {regions:?}") };
    assert_eq!((main.module.as_str(), secret.module.as_str()), ("main", "secret"));
    let limit = match regions.layout {
        Layout::Fixed => main.capacity.expect("a region below the top has a capacity"),
        Layout::Movable => main.initial,
    };
    (secret.base as i32, (limit * PAGE) as i32)
}

#[test]
fn without_bounds_checks_one_memory_does_not_isolate_modules() {
    for layout in LAYOUTS {
        let bytes = link_portable(layout, false);
        let (secret, _) = layout_of(&bytes);
        for engine in ALL {
            let mut running = Running::new(engine, &bytes).unwrap();
            assert_eq!(running.call("peek", &[100]).unwrap(), Some(MINE));
            let got = running.call("peek", &[secret]).unwrap();
            assert_eq!(got, Some(SECRET), "{layout:?} {engine:?}: the next region is readable");
        }
    }
}

#[test]
fn with_bounds_checks_a_load_or_store_past_the_own_region_traps() {
    for layout in LAYOUTS {
        let bytes = link_portable(layout, true);
        let (secret, limit) = layout_of(&bytes);
        // The secret's region starts where the pipeline's ends: nothing in
        // between that the limit would let through.
        assert_eq!(secret, limit, "{layout:?}");
        for engine in ALL {
            let what = format!("{layout:?} {engine:?}");
            let mut running = Running::new(engine, &bytes).unwrap();
            assert_eq!(running.call("peek", &[100]).unwrap(), Some(MINE), "{what}");
            assert_eq!(running.call("peek", &[limit - 4]).unwrap(), Some(0), "{what}: the last word is in bounds");
            assert!(running.call("peek", &[limit - 3]).is_err(), "{what}: a word straddling the end traps");
            assert!(running.call("peek", &[limit]).is_err(), "{what}");
            assert!(running.call("poke", &[limit]).is_err(), "{what}");
            assert!(running.call("peek", &[-4]).is_err(), "{what}: the top of the address space");
            assert_eq!(running.call("answer", &[]).unwrap(), Some(SECRET), "{what}: the block still reads its own");
            if layout == Layout::Fixed {
                // Page 1 is reserved for the pipeline but not grown: its
                // own, so reachable (multi-memory and movable trap here).
                assert_eq!(running.call("peek", &[65536]).unwrap(), Some(0), "{what}");
                running.call("poke", &[65536]).unwrap_or_else(|trap| panic!("{what}: {trap}"));
                assert_eq!(running.call("peek", &[65536]).unwrap(), Some(0x21212121), "{what}");
                assert_eq!(running.call("answer", &[]).unwrap(), Some(SECRET), "{what}: the secret is untouched");
            } else {
                assert!(running.call("peek", &[65536]).is_err(), "{what}");
            }
        }
    }
}

#[test]
fn separate_memories_isolate_without_bounds_checks() {
    for engine in WASMER {
        let mut running = Running::new(engine, &linker().profile(Profile::MultiMemory).link().unwrap()).unwrap();
        assert!(running.call("peek", &[65536]).is_err(), "{engine:?}");
    }
}

#[test]
fn bounds_checks_are_refused_for_the_multi_memory_profile() {
    let err = linker().profile(Profile::MultiMemory).bounds_checks(true).link().unwrap_err();
    assert!(err.to_string().starts_with("bounds checks are for the `portable` profile"), "{err}");
}
