//! Functions the adapters share, generated once per output rather than
//! inlined into every adapter: today, UTF-8 validation (one validator per
//! memory that strings are read from).
//!
//! Input: requests from the adapt phase ("validate in the memory of module
//! m"). Output: [`Generated`] functions, placed after the adapters; an
//! adapter calls one through [`FuncSym::Generated`].
//!
//! Invariant: a shared function is a pure function of its key; asking twice
//! gives the same function.

use wasm_encoder::{BlockType, Instruction as I, ValType};
use wasmparser::{FuncType, ValType as V};

use crate::adapter::{FuncSym, Generated};
use crate::emit::{memarg, Builder};
use crate::plan::Target;

/// The shared functions generated so far. Their indices in the adapt
/// phase's output start at `first` (after the adapters).
pub struct Shared {
    first: usize,
    validators: Vec<(Target, String)>,
}

impl Shared {
    pub fn new(first: usize) -> Shared {
        Shared { first, validators: Vec::new() }
    }

    /// The UTF-8 validator of `memory` (owned by `owner`, for its name):
    /// `(ptr, len) -> ()`, trapping unless the bytes are valid UTF-8.
    pub fn utf8_validator(&mut self, memory: Target, owner: &str) -> FuncSym {
        let at = match self.validators.iter().position(|(m, _)| *m == memory) {
            Some(at) => at,
            None => {
                self.validators.push((memory, owner.to_string()));
                self.validators.len() - 1
            }
        };
        FuncSym::Generated(self.first + at)
    }

    /// The functions, in the order their [`FuncSym::Generated`] indices say.
    pub fn finish(self) -> Vec<Generated> {
        self.validators
            .into_iter()
            .map(|(memory, owner)| Generated {
                name: format!("utf-8 validation in the memory of `{owner}`"),
                ty: FuncType::new([V::I32, V::I32], []),
                body: utf8_validator().into_raw_body(),
                funcs: Vec::new(),
                memories: vec![memory],
                globals: Vec::new(),
            })
            .collect()
    }
}

/// The locals of the validation loop.
struct Utf8 {
    ptr: u32,
    len: u32,
    /// The index of the current byte.
    i: u32,
    /// The current (lead) byte.
    b: u32,
    /// How many continuation bytes follow it.
    n: u32,
    /// The ASCII loop's address, and its last start of a block.
    p: u32,
    last: u32,
}

/// The ASCII fast path's block: four 8-byte words checked at once.
const BLOCK: i32 = 32;

/// `(ptr, len)` in memory 0: traps unless the bytes are valid UTF-8 (no
/// overlong forms, no surrogates, nothing above U+10FFFF). ASCII goes a
/// block of 32 bytes per step in a tight inner loop, then 8 bytes, then
/// one: an interpreter pays per instruction, so checking four words with
/// one test and one branch is what makes long strings cheap.
fn utf8_validator() -> wasm_encoder::Function {
    let mut g = Builder::new(2);
    let (i, b, n) = (g.local(ValType::I32), g.local(ValType::I32), g.local(ValType::I32));
    let (p, last) = (g.local(ValType::I32), g.local(ValType::I32));
    let u = Utf8 { ptr: 0, len: 1, i, b, n, p, last };
    g.begin_loop(); // br 1: done, br 0: next character
    g.get(i);
    g.get(u.len);
    g.emit(I::I32GeU);
    g.break_if();
    ascii_blocks(&mut g, &u);
    ascii_run(&mut g, &u, 8);
    byte(&mut g, &u, 0);
    g.emit(I::LocalTee(u.b));
    g.i32(0x80);
    g.emit(I::I32LtU);
    g.emit(I::If(BlockType::Empty));
    g.bump(u.i, 1);
    g.emit(I::Br(1)); // next
    g.emit(I::End);
    sequence(&mut g, &u);
    g.get(i);
    g.get(n);
    g.emit(I::I32Add);
    g.i32(1);
    g.emit(I::I32Add);
    g.set(i);
    g.end_loop();
    g.finish()
}

/// Inside the loop: skips every whole [`BLOCK`] of ASCII from `i` on, in a
/// loop of its own (`p` walks the blocks up to `last = ptr + len - BLOCK`),
/// leaving `i` at the first block that is not all ASCII or too short; if
/// that is the end of the string, leaves the validation loop.
fn ascii_blocks(g: &mut Builder, u: &Utf8) {
    g.get(u.len);
    g.get(u.i);
    g.emit(I::I32Sub);
    g.i32(BLOCK);
    g.emit(I::I32GeU);
    g.emit(I::If(BlockType::Empty));
    g.get(u.ptr);
    g.get(u.i);
    g.emit(I::I32Add);
    g.set(u.p);
    g.get(u.ptr);
    g.get(u.len);
    g.emit(I::I32Add);
    g.i32(BLOCK);
    g.emit(I::I32Sub);
    g.set(u.last);
    g.begin_loop();
    g.get(u.p);
    g.get(u.last);
    g.emit(I::I32GtU);
    g.break_if();
    for k in 0..BLOCK as u64 / 8 {
        g.get(u.p);
        g.emit(I::I64Load(memarg(8 * k, 0, 0)));
        if k > 0 {
            g.emit(I::I64Or);
        }
    }
    g.emit(I::I64Const(0x8080_8080_8080_8080u64 as i64));
    g.emit(I::I64And);
    g.emit(I::I64Const(0));
    g.emit(I::I64Ne);
    g.break_if();
    g.bump(u.p, BLOCK);
    g.end_loop();
    g.get(u.p);
    g.get(u.ptr);
    g.emit(I::I32Sub);
    g.emit(I::LocalTee(u.i));
    // The blocks may have ended the string: done (nothing past it is read).
    g.get(u.len);
    g.emit(I::I32GeU);
    g.emit(I::BrIf(2));
    g.emit(I::End);
}

/// Pushes byte `i + k`.
fn byte(g: &mut Builder, u: &Utf8, k: u64) {
    g.get(u.ptr);
    g.get(u.i);
    g.emit(I::I32Add);
    g.emit(I::I32Load8U(memarg(k, 0, 0)));
}

/// Inside the loop: if `width` bytes remain and are all ASCII, skips them
/// and continues.
fn ascii_run(g: &mut Builder, u: &Utf8, width: u64) {
    g.get(u.len);
    g.get(u.i);
    g.emit(I::I32Sub);
    g.i32(width as i32);
    g.emit(I::I32GeU);
    g.emit(I::If(BlockType::Empty));
    for k in 0..width / 8 {
        g.get(u.ptr);
        g.get(u.i);
        g.emit(I::I32Add);
        g.emit(I::I64Load(memarg(8 * k, 0, 0)));
        if k > 0 {
            g.emit(I::I64Or);
        }
    }
    g.emit(I::I64Const(0x8080_8080_8080_8080u64 as i64));
    g.emit(I::I64And);
    g.emit(I::I64Eqz);
    g.emit(I::If(BlockType::Empty));
    g.bump(u.i, width as i32);
    g.emit(I::Br(2)); // next
    g.emit(I::End);
    g.emit(I::End);
}

/// Inside the loop, at a lead byte `b >= 0x80`: `n` continuation bytes
/// follow (trap unless 0xC2..=0xF4), all within the string, all 10xxxxxx,
/// and the second in the range its lead byte allows.
fn sequence(g: &mut Builder, u: &Utf8) {
    g.i32(0);
    g.set(u.n);
    for (below, count) in [(0xF5, 3), (0xF0, 2), (0xE0, 1), (0xC2, 0)] {
        g.get(u.b);
        g.i32(below);
        g.emit(I::I32LtU);
        g.emit(I::If(BlockType::Empty));
        g.i32(count);
        g.set(u.n);
        g.emit(I::End);
    }
    g.get(u.n);
    g.emit(I::I32Eqz);
    g.trap_if();
    // The sequence must fit: i + n < len.
    g.get(u.i);
    g.get(u.n);
    g.emit(I::I32Add);
    g.get(u.len);
    g.emit(I::I32GeU);
    g.trap_if();
    for k in 1..=3 {
        g.get(u.n);
        g.i32(k as i32);
        g.emit(I::I32GeU);
        g.emit(I::If(BlockType::Empty));
        byte(g, u, k);
        g.i32(0xC0);
        g.emit(I::I32And);
        g.i32(0x80);
        g.emit(I::I32Ne);
        g.trap_if();
        g.emit(I::End);
    }
    // Overlong 3- and 4-byte forms, surrogates, above U+10FFFF.
    for (lead, lo, hi) in [(0xE0, 0xA0, 0xBF), (0xED, 0x80, 0x9F), (0xF0, 0x90, 0xBF), (0xF4, 0x80, 0x8F)] {
        g.get(u.b);
        g.i32(lead);
        g.emit(I::I32Eq);
        g.emit(I::If(BlockType::Empty));
        byte(g, u, 1);
        g.i32(lo);
        g.emit(I::I32Sub);
        g.i32(hi - lo);
        g.emit(I::I32GtU);
        g.trap_if();
        g.emit(I::End);
    }
}
