//! The image-rescale example with the block written with today's
//! `wit-bindgen` (`examples/wit-bindgen`, the component model's canonical
//! ABI) linked under the WAI pipeline, differential: for random inputs the
//! linked pipeline returns exactly what the pipeline and the WAI block
//! (`examples/image-rescale/block`, the same computation) wired at run time
//! return, on every profile, layout and engine; and 10 000 calls leak no
//! memory (the adapters call `cabi_post_*` and `cabi_realloc`, never
//! `canonical_abi_free`). Wasmer has no run-time glue for the component
//! model, so the WAI block wired at run time is the oracle. Needs `cargo xtask
//! build`'s modules (`RUNE_WASM_DIR`). `PROPTEST_CASES=N` changes the number
//! of cases.

//! The harness: `common/rescale.rs`.

mod common;

use common::rescale;

#[test]
fn linked_wit_block_matches_run_time_wiring_of_the_wai_block_on_every_profile_and_engine() {
    rescale::linked_matches_run_time_wiring("witbindgen_block", "image-rescale (wit-bindgen block)");
}

#[test]
fn ten_thousand_calls_through_wit_adapters_do_not_grow_memory() {
    rescale::ten_thousand_calls_do_not_grow_memory("witbindgen_block");
}
