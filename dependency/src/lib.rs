//! A processing block: `greet(name)` prints a greeting through the host.
//!
//! Built to `wasm32-unknown-unknown` by `cargo xtask build`; its interface is
//! `dependency.wit` (exports) and `host.wit` (imports).

// The generated glue is export-only for `dependency` and never names the
// runtime crate; this keeps its `canonical_abi_realloc`/`canonical_abi_free`
// exports in the module.
use wai_bindgen_rust as _;

include!("bindings.rs");

struct Dependency;

impl dependency::Dependency for Dependency {
    fn greet(name: String) {
        host::print(&format!("Hello, {name}!"));
    }
}
