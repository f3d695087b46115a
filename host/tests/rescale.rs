//! The image-rescale example, differential: for random inputs the linked
//! pipeline returns exactly what the two modules wired at run time return
//! (Wasmer's own generated glue on both sides), on every profile, layout
//! and engine; and 10 000 calls leak no memory. Needs `cargo xtask build`'s
//! modules (`RUNE_WASM_DIR`). `PROPTEST_CASES=N` changes the number of cases.
//! The harness: `common/rescale.rs`.

mod common;

use common::rescale;

#[test]
fn linked_matches_run_time_wiring_on_every_profile_and_engine() {
    rescale::linked_matches_run_time_wiring("rescale_block", "image-rescale");
}

#[test]
fn ten_thousand_calls_do_not_grow_memory() {
    rescale::ten_thousand_calls_do_not_grow_memory("rescale_block");
}
