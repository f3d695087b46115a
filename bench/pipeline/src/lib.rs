//! The benchmark pipeline (`pipeline.wit`): loops over calls into the block.

// The WAI-generated glue (wai-bindgen-rust 0.2.3) takes references to its
// static return areas and defines some it does not use.
#![allow(dead_code, static_mut_refs)]

use wai_bindgen_rust as _;

include!("bindings.rs");

struct Pipeline;

/// `len` bytes of text: `x`s, or (`mixed`) a cycle of ASCII and 2-, 3- and
/// 4-byte characters (about a third of the bytes in multi-byte ones).
fn text(len: usize, mixed: bool) -> String {
    const MIXED: &str = "the quick brown fox, é à ü ß — 漢字 ✓ 𝄞 ";
    let unit = if mixed { MIXED } else { "x" };
    let mut s = String::with_capacity(len);
    for c in unit.chars().cycle() {
        if s.len() + c.len_utf8() > len {
            break;
        }
        s.push(c);
    }
    while s.len() < len {
        s.push('x');
    }
    s
}

/// The least a crossing of `s` into another module and back costs, done
/// here: a validated copy in (allocation, copy, UTF-8 check), a validated
/// copy of the result out, and both frees (`black_box` keeps the compiler
/// from seeing that the copies are equal).
#[inline(never)]
fn echo_inside(s: &str) -> String {
    let arg = String::from_utf8(std::hint::black_box(s.as_bytes()).to_vec()).unwrap();
    String::from_utf8(std::hint::black_box(arg.as_bytes()).to_vec()).unwrap()
}

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
