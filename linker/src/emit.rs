//! The code-emission toolkit every generator of function bodies shares: the
//! adapters ([`crate::adapter`], [`crate::wasi`]) and the portable lowering's
//! helpers ([`crate::portable`]).
//!
//! A [`Builder`] holds one function body under construction: its locals
//! (numbered after the parameters; temporaries can be handed back with
//! [`Builder::release`] and are reused), its instructions, and the few
//! shapes every generator writes over and over: trap-if, return-if, a
//! counted loop, a memory's size in bytes, a bump of a local.
//!
//! Invariant: nothing here knows about interfaces, plans or layouts; it
//! only writes instructions. Indices (functions, memories) are whatever
//! index space the caller works in.

use wasm_encoder::reencode::Reencode;
use wasm_encoder::{BlockType, Function, Instruction as I, MemArg, MemArgTarget, ValType};

use crate::error::LinkError;

/// A memarg for `memory` with a static `offset` and `2^align_log2` alignment.
pub fn memarg(offset: u64, align_log2: u32, memory: u32) -> MemArg {
    MemArg { offset, align: align_log2, target: MemArgTarget::Memory(memory), ordering: None }
}

/// One function body under construction.
pub struct Builder {
    params: u32,
    locals: Vec<ValType>,
    /// Released locals, ready for reuse.
    free: Vec<u32>,
    code: Vec<I<'static>>,
}

impl Builder {
    /// A body for a function with `params` parameters.
    pub fn new(params: u32) -> Builder {
        Builder { params, locals: Vec::new(), free: Vec::new(), code: Vec::new() }
    }

    /// A local of type `ty`: a released one of that type if there is one.
    pub fn local(&mut self, ty: ValType) -> u32 {
        if let Some(at) = self.free.iter().position(|&l| self.locals[(l - self.params) as usize] == ty) {
            return self.free.swap_remove(at);
        }
        self.locals.push(ty);
        self.params + self.locals.len() as u32 - 1
    }

    /// Hands `local` back for reuse: the caller no longer reads it.
    pub fn release(&mut self, local: u32) {
        if local >= self.params && !self.free.contains(&local) {
            self.free.push(local);
        }
    }

    pub fn emit(&mut self, instr: I<'static>) {
        self.code.push(instr);
    }

    pub fn get(&mut self, local: u32) {
        self.emit(I::LocalGet(local));
    }

    pub fn set(&mut self, local: u32) {
        self.emit(I::LocalSet(local));
    }

    pub fn i32(&mut self, value: i32) {
        self.emit(I::I32Const(value));
    }

    /// `local += by`.
    pub fn bump(&mut self, local: u32, by: i32) {
        self.get(local);
        self.i32(by);
        self.emit(I::I32Add);
        self.set(local);
    }

    /// Traps if the `i32` on the stack is non-zero.
    pub fn trap_if(&mut self) {
        self.emit(I::If(BlockType::Empty));
        self.emit(I::Unreachable);
        self.emit(I::End);
    }

    /// Returns `value` if the `i32` on the stack is non-zero.
    pub fn return_if(&mut self, value: i32) {
        self.emit(I::If(BlockType::Empty));
        self.i32(value);
        self.emit(I::Return);
        self.emit(I::End);
    }

    /// Opens a loop: `block loop`. Inside, [`Builder::break_if`] leaves it
    /// and [`Builder::end_loop`] closes it, jumping back to the top.
    pub fn begin_loop(&mut self) {
        self.emit(I::Block(BlockType::Empty));
        self.emit(I::Loop(BlockType::Empty));
    }

    /// Leaves the innermost loop opened by [`Builder::begin_loop`] if the
    /// `i32` on the stack is non-zero (only at the loop's own nesting level).
    pub fn break_if(&mut self) {
        self.emit(I::BrIf(1));
    }

    /// Closes the innermost loop: `br 0 end end`.
    pub fn end_loop(&mut self) {
        self.emit(I::Br(0));
        self.emit(I::End);
        self.emit(I::End);
    }

    /// Pushes `local(a) + local(b)` (both `i32`), computed in 64 bits so
    /// it cannot wrap.
    pub fn wide_sum(&mut self, a: u32, b: u32) {
        self.get(a);
        self.emit(I::I64ExtendI32U);
        self.get(b);
        self.emit(I::I64ExtendI32U);
        self.emit(I::I64Add);
    }

    /// Pushes whether `local(a) + local(b) > limit`, without wrapping.
    pub fn sum_exceeds(&mut self, a: u32, b: u32, limit: u64) {
        self.wide_sum(a, b);
        self.emit(I::I64Const(limit as i64));
        self.emit(I::I64GtU);
    }

    /// Pushes the size of `memory` in bytes, as an `i64`.
    pub fn memory_bytes(&mut self, memory: u32) {
        self.emit(I::MemorySize(memory));
        self.pages_to_bytes();
    }

    /// An `i32` page count on the stack -> that many bytes, as an `i64`.
    pub fn pages_to_bytes(&mut self) {
        self.emit(I::I64ExtendI32U);
        self.emit(I::I64Const(16));
        self.emit(I::I64Shl);
    }

    /// The instructions so far, to splice into another body (no `end`, no
    /// locals: the caller declared the ones used).
    pub fn into_code(self) -> Vec<I<'static>> {
        self.code
    }

    /// The finished body (with its final `end`).
    pub fn finish(mut self) -> Function {
        self.emit(I::End);
        let mut body = Function::new_with_locals_types(self.locals.iter().copied());
        for instr in &self.code {
            body.instruction(instr);
        }
        body
    }
}

/// The type section for `types` (function types).
pub fn type_section(types: &[wasmparser::FuncType]) -> Result<wasm_encoder::TypeSection, LinkError> {
    let mut rt = wasm_encoder::reencode::RoundtripReencoder;
    let mut section = wasm_encoder::TypeSection::new();
    let bad = |e| LinkError::one(format!("a function type could not be re-encoded: {e}"));
    for ty in types {
        let params = ty.params().iter().map(|t| rt.val_type(*t)).collect::<Result<Vec<_>, _>>().map_err(bad)?;
        let results = ty.results().iter().map(|t| rt.val_type(*t)).collect::<Result<Vec<_>, _>>().map_err(bad)?;
        section.ty().function(params, results);
    }
    Ok(section)
}

/// The names an output carries: functions, each function's locals,
/// globals and data segments, by index.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Names {
    pub funcs: std::collections::BTreeMap<u32, String>,
    pub locals: std::collections::BTreeMap<u32, std::collections::BTreeMap<u32, String>>,
    pub globals: std::collections::BTreeMap<u32, String>,
    pub data: std::collections::BTreeMap<u32, String>,
}

/// A name section with `names` (subsections in the order the format
/// requires; an empty one left out).
pub fn name_section(names: &Names) -> wasm_encoder::NameSection {
    let map = |names: &std::collections::BTreeMap<u32, String>| {
        let mut map = wasm_encoder::NameMap::new();
        for (index, name) in names {
            map.append(*index, name);
        }
        map
    };
    let mut section = wasm_encoder::NameSection::new();
    section.functions(&map(&names.funcs));
    if !names.locals.is_empty() {
        let mut locals = wasm_encoder::IndirectNameMap::new();
        for (f, names) in &names.locals {
            locals.append(*f, &map(names));
        }
        section.locals(&locals);
    }
    if !names.globals.is_empty() {
        section.globals(&map(&names.globals));
    }
    if !names.data.is_empty() {
        section.data(&map(&names.data));
    }
    section
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn released_locals_are_reused_by_type() {
        let mut b = Builder::new(2);
        let a = b.local(ValType::I32);
        let w = b.local(ValType::I64);
        assert_eq!((a, w), (2, 3));
        b.release(a);
        b.release(a);
        assert_eq!(b.local(ValType::I64), 4, "a released i32 does not serve as an i64");
        assert_eq!(b.local(ValType::I32), 2);
        assert_eq!(b.local(ValType::I32), 5);
        b.release(0);
        assert_eq!(b.local(ValType::I32), 6, "parameters are never handed out");
    }
}
