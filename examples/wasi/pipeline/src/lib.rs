//! The WASI example's pipeline (`pipeline.wit`): `run()` prints with
//! `println!` before and after calling the block's `shout`, so the order of
//! the two modules' lines shows that both write to the same stdout in call
//! order. Built for `wasm32-wasip1` as a reactor (`../reactor.rs`) by
//! `cargo xtask build`.

#![allow(dead_code, static_mut_refs)]

use wai_bindgen_rust as _;

include!("bindings.rs");

struct Pipeline;

impl pipeline::Pipeline for Pipeline {
    fn run() {
        println!("[pipeline] start");
        let said = block::shout("hello from the pipeline");
        println!("[pipeline] block said {said}");
        println!("[pipeline] done: {} characters", said.chars().count());
    }
}
