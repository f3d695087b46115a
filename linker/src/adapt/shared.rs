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

use crate::emit::{memarg, Builder};
use crate::ir::generated::{FuncSym, Generated};
use crate::ir::plan::Target;

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

/// The locals of the validator.
struct Utf8 {
    /// The current byte's address, and the string's end.
    p: u32,
    end: u32,
    /// The current (lead) byte.
    b: u32,
    /// The lowest second byte the lead byte allows.
    lo: u32,
}

/// The ASCII fast path's block: four 8-byte words checked at once.
const BLOCK: i32 = 32;

/// `(ptr, len)` in memory 0: traps unless the bytes are valid UTF-8 (no
/// overlong forms, no surrogates, nothing above U+10FFFF), and never reads
/// a byte past the string. Written for an interpreter, which pays per
/// instruction: one pointer walks the string; an ASCII byte tries to skip
/// the next 8 bytes with one test and then whole 32-byte blocks in a tight
/// loop; a lead byte is classified by one range test per length, and the
/// second byte's range (narrower after E0, ED, F0, F4) is chosen with
/// `select`, not branches.
fn utf8_validator() -> wasm_encoder::Function {
    let mut g = Builder::new(2);
    let (ptr, len) = (0, 1);
    let (p, end, b, lo) = (g.local(ValType::I32), g.local(ValType::I32), g.local(ValType::I32), g.local(ValType::I32));
    let u = Utf8 { p, end, b, lo };
    g.get(ptr);
    g.set(p);
    g.get(ptr);
    g.get(len);
    g.emit(I::I32Add);
    g.set(end);
    g.begin_loop(); // br 1: done, br 0: next character
    g.get(p);
    g.get(end);
    g.emit(I::I32Eq);
    g.break_if();
    g.get(p);
    g.emit(I::I32Load8U(memarg(0, 0, 0)));
    g.emit(I::LocalTee(b));
    g.i32(0x80);
    g.emit(I::I32LtU);
    g.emit(I::If(BlockType::Empty));
    ascii(&mut g, &u);
    g.emit(I::Br(1)); // next
    g.emit(I::End);
    // Two bytes: C2..DF, one continuation byte.
    lead(&mut g, &u, 0xC2, 0x1E);
    g.emit(I::If(BlockType::Empty));
    fits(&mut g, &u, 2);
    continuation(&mut g, &u, 1);
    g.bump(p, 2);
    g.emit(I::Br(1)); // next
    g.emit(I::End);
    // Three bytes: E0..EF; the second byte A0..BF after E0 (no overlong
    // form), 80..9F after ED (no surrogate).
    lead(&mut g, &u, 0xE0, 0x10);
    g.emit(I::If(BlockType::Empty));
    fits(&mut g, &u, 3);
    second(&mut g, &u, (0xE0, 0xA0), (0xED, 0x9F));
    continuation(&mut g, &u, 2);
    g.bump(p, 3);
    g.emit(I::Br(1)); // next
    g.emit(I::End);
    // Four bytes: F0..F4; the second byte 90..BF after F0 (no overlong
    // form), 80..8F after F4 (nothing above U+10FFFF). Anything else (a
    // continuation byte, C0, C1, F5..FF) is not a lead byte.
    lead(&mut g, &u, 0xF0, 0x05);
    g.emit(I::I32Eqz);
    g.trap_if();
    fits(&mut g, &u, 4);
    second(&mut g, &u, (0xF0, 0x90), (0xF4, 0x8F));
    g.get(p);
    g.emit(I::I32Load16U(memarg(2, 0, 0)));
    g.i32(0xC0C0);
    g.emit(I::I32And);
    g.i32(0x8080);
    g.emit(I::I32Ne);
    g.trap_if();
    g.bump(p, 4);
    g.end_loop();
    g.finish()
}

/// At an ASCII byte: if the 8 bytes from it are all ASCII, skips them and
/// then every whole [`BLOCK`] of ASCII after them; else skips the byte.
fn ascii(g: &mut Builder, u: &Utf8) {
    remaining_below(g, u, 8);
    g.emit(I::If(BlockType::Empty));
    g.bump(u.p, 1);
    g.emit(I::Else);
    g.get(u.p);
    g.emit(I::I64Load(memarg(0, 0, 0)));
    g.emit(I::I64Const(0x8080_8080_8080_8080u64 as i64));
    g.emit(I::I64And);
    g.emit(I::I64Eqz);
    g.emit(I::If(BlockType::Empty));
    g.bump(u.p, 8);
    g.begin_loop();
    remaining_below(g, u, BLOCK);
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
    g.emit(I::Else);
    g.bump(u.p, 1);
    g.emit(I::End);
    g.emit(I::End);
}

/// Pushes whether fewer than `n` bytes remain from `p`.
fn remaining_below(g: &mut Builder, u: &Utf8, n: i32) {
    g.get(u.end);
    g.get(u.p);
    g.emit(I::I32Sub);
    g.i32(n);
    g.emit(I::I32LtU);
}

/// Pushes whether the lead byte `b` is in `first..first + count`.
fn lead(g: &mut Builder, u: &Utf8, first: i32, count: i32) {
    g.get(u.b);
    g.i32(first);
    g.emit(I::I32Sub);
    g.i32(count);
    g.emit(I::I32LtU);
}

/// Traps unless the `n` bytes of the sequence are all within the string.
fn fits(g: &mut Builder, u: &Utf8, n: i32) {
    remaining_below(g, u, n);
    g.trap_if();
}

/// Traps unless byte `p + k` is a continuation byte (10xxxxxx).
fn continuation(g: &mut Builder, u: &Utf8, k: u64) {
    g.get(u.p);
    g.emit(I::I32Load8U(memarg(k, 0, 0)));
    g.i32(0xC0);
    g.emit(I::I32And);
    g.i32(0x80);
    g.emit(I::I32Ne);
    g.trap_if();
}

/// Traps unless the second byte is in the range its lead byte allows:
/// `low.1..=BF` after `low.0`, `80..=high.1` after `high.0`, else `80..=BF`.
fn second(g: &mut Builder, u: &Utf8, low: (i32, i32), high: (i32, i32)) {
    // lo = b == low.0 ? low.1 : 0x80
    g.i32(low.1);
    g.i32(0x80);
    g.get(u.b);
    g.i32(low.0);
    g.emit(I::I32Eq);
    g.emit(I::Select);
    g.set(u.lo);
    // (byte - lo) > (hi - lo), hi = b == high.0 ? high.1 : 0xBF
    g.get(u.p);
    g.emit(I::I32Load8U(memarg(1, 0, 0)));
    g.get(u.lo);
    g.emit(I::I32Sub);
    g.i32(high.1);
    g.i32(0xBF);
    g.get(u.b);
    g.i32(high.0);
    g.emit(I::I32Eq);
    g.emit(I::Select);
    g.get(u.lo);
    g.emit(I::I32Sub);
    g.emit(I::I32GtU);
    g.trap_if();
}
