//! The pipeline: when the host says it is `loaded`, it greets the world
//! through the `dependency` processing block.
//!
//! Built to `wasm32-unknown-unknown` by `cargo xtask build`; its interface is
//! `guest.wit` (exports) and `dependency.wit` plus `host.wit` (imports).

// `host.print` is part of the pipeline's interface even though `loaded` does
// not call it; the generated wrapper would otherwise warn as dead code.
#![allow(dead_code)]

use wai_bindgen_rust as _;

include!("bindings.rs");

struct Guest;

impl guest::Guest for Guest {
    fn loaded() {
        dependency::greet("World");
    }
}
