//! The benchmark pipeline (`pipeline.wit`): loops over calls into the block.

// The WAI-generated glue (wai-bindgen-rust 0.2.3) takes references to its
// static return areas and defines some it does not use.
#![allow(dead_code, static_mut_refs)]

use wai_bindgen_rust as _;

include!("bindings.rs");

struct Pipeline;

// Shared with the bench runner, which does the same work natively.
mod text;
use text::{echo_inside, text};

impl pipeline::Pipeline for Pipeline {
    fn run_nop(n: u32) {
        for _ in 0..n {
            bench::nop();
        }
    }

    fn run_echo(n: u32, len: u32, mixed: bool) -> u32 {
        let s = text(len as usize, mixed);
        (0..n).map(|_| bench::echo(&s).len() as u32).fold(0, u32::wrapping_add)
    }

    fn run_echo_inside(n: u32, len: u32, mixed: bool) -> u32 {
        let s = text(len as usize, mixed);
        (0..n).map(|_| echo_inside(&s).len() as u32).fold(0, u32::wrapping_add)
    }

    fn run_consume(n: u32, len: u32) -> u32 {
        let data = vec![7u8; len as usize];
        (0..n).map(|_| bench::consume(&data)).fold(0, u32::wrapping_add)
    }

    fn run_rescale(width: u32, height: u32, passes: u32) -> u64 {
        bench::rescale(width, height, passes)
    }
}
