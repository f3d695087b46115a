//! The WASI example's processing block (`block.wit`): `shout(text)` prints a
//! line with `println!` and reads `BLOCK_STYLE` with `std::env::var`, both
//! through WASI (`wasi_snapshot_preview1`), and returns the text shouted.
//! Built for `wasm32-wasip1` as a reactor (`../reactor.rs`) by
//! `cargo xtask build`.

// The WAI-generated glue (wai-bindgen-rust 0.2.3) takes references to its
// static return areas and defines some it does not use.
#![allow(dead_code, static_mut_refs)]

use wai_bindgen_rust as _;

include!("bindings.rs");

struct Block;

impl block::Block for Block {
    fn shout(text: String) -> String {
        let style = std::env::var("BLOCK_STYLE").ok();
        let shown = style.as_deref().unwrap_or("unset");
        println!("[block] shouting {text:?} (BLOCK_STYLE={shown})");
        let end = match style.as_deref() {
            Some("loud") => "!!!",
            Some("quiet") => ".",
            _ => "!",
        };
        format!("{}{end}", text.to_uppercase())
    }
}
