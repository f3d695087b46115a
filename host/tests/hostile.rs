//! A hostile block cannot corrupt the pipeline: every lie an adapter can
//! see (pointers out of bounds, huge or overflowing lengths, misaligned
//! lists, invalid UTF-8, a return area outside memory) traps, on every
//! engine, profile and layout, and the pipeline's memory is the same
//! afterwards.

mod common;

use common::{fixture, portable_fixture, Running, ALL, LAYOUTS, WASMER};
use linker::Profile;

const LIES: &[(&str, i32, &str)] = &[
    ("name", 1, "string pointer out of bounds"),
    ("name", 2, "huge string length"),
    ("name", 3, "invalid UTF-8"),
    ("name", 4, "an encoded surrogate"),
    ("name", 5, "an overlong encoding"),
    ("name", 6, "return area outside memory"),
    ("name", 7, "length 2^32 - 1"),
    ("numbers", 1, "misaligned list of u32"),
    ("numbers", 2, "list length * 4 overflowing 32 bits"),
];

/// Runs every lie of the linked `bytes` on `engine`; `what` names the run.
fn check(engine: common::Engine, bytes: &[u8], what: &str) {
    let what = format!("{engine:?} {what}");
    let mut running = Running::new(engine, bytes).unwrap();
    // The honest answers go through.
    running.call("name", &[0]).unwrap();
    assert_eq!(running.lines(), ["ok"], "{what}");
    assert_eq!(running.call("numbers", &[0]).unwrap(), Some(6), "{what}");
    let before = running.call("checksum", &[]).unwrap();
    for (export, which, lie) in LIES {
        let outcome = running.call(export, &[*which]);
        assert!(outcome.is_err(), "{what}: `{export}({which})` ({lie}) should trap, got {outcome:?}");
        let after = running.call("checksum", &[]).unwrap();
        assert_eq!(before, after, "{what}: `{export}({which})` ({lie}) changed the pipeline's memory");
    }
    assert_eq!(running.lines(), ["ok"], "nothing else was printed");
}

#[test]
fn every_lie_traps_and_leaves_the_pipeline_untouched_with_separate_memories() {
    let bytes = fixture("hostile", "main", &["evil"], Profile::MultiMemory);
    for engine in WASMER {
        check(engine, &bytes, "multi-memory");
    }
}

#[test]
fn every_lie_traps_and_leaves_the_pipeline_untouched_in_one_memory() {
    for layout in LAYOUTS {
        let bytes = portable_fixture("hostile", "main", &["evil"], layout);
        for engine in ALL {
            check(engine, &bytes, &format!("portable, {} layout", layout.name()));
        }
    }
}
