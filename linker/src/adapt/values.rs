//! The machine an interface adapter is written on: where a value is
//! ([`Loc`]: flat in locals, or at an address in a memory), its primitive
//! pieces ([`Prim`]), and [`Gen`], the adapter under construction, with the
//! moves every type's translation is made of (read, write, widen and
//! narrow a variant slot, allocate and free in a side's memory, check an
//! area against its memory).

use wai_parser::abi::WasmType;
use wai_parser::{Int, Type};
use wasm_encoder::{Instruction as I, ValType};

use crate::adapt::ctx::{MemCtx, Syms};
use crate::adapt::shared::Shared;
use crate::emit::{memarg, Builder};
use crate::interface::{val_type, Iface};

/// Where a value is: flat in locals (each with the type of its slot, which
/// for variant payloads may be wider than the value's own type), or at
/// `addr + offset` in a memory.
#[derive(Clone, Debug)]
pub(super) enum Loc {
    Flat(Vec<(u32, WasmType)>),
    Mem { addr: u32, offset: u32 },
}

/// How a scalar is loaded and stored.
#[derive(Clone, Copy, Debug)]
pub(super) enum Prim {
    U8,
    S8,
    U16,
    S16,
    I32,
    I64,
    F32,
    F64,
}

impl Prim {
    pub(super) fn wasm(self) -> WasmType {
        match self {
            Prim::U8 | Prim::S8 | Prim::U16 | Prim::S16 | Prim::I32 => WasmType::I32,
            Prim::I64 => WasmType::I64,
            Prim::F32 => WasmType::F32,
            Prim::F64 => WasmType::F64,
        }
    }

    pub(super) fn of_int(int: Int) -> Prim {
        match int {
            Int::U8 => Prim::U8,
            Int::U16 => Prim::U16,
            Int::U32 => Prim::I32,
            Int::U64 => Prim::I64,
        }
    }
}

pub(super) fn at(offset: u32, align_log2: u32, memory: u32) -> wasm_encoder::MemArg {
    memarg(offset as u64, align_log2, memory)
}

pub(super) struct Gen<'a> {
    pub(super) iface: &'a Iface,
    pub(super) what: &'a str,
    pub(super) b: Builder,
    pub(super) syms: &'a mut Syms,
    pub(super) shared: &'a mut Shared,
    pub(super) problems: Vec<String>,
    /// The resource handles the call moves, and which side is the caller.
    pub(super) handles: crate::adapt::ctx::Handles,
    pub(super) caller_module: String,
}

impl Gen<'_> {
    pub(super) fn local(&mut self, ty: WasmType) -> u32 {
        self.b.local(val_type_enc(ty))
    }

    pub(super) fn emit(&mut self, instr: I<'static>) {
        self.b.emit(instr);
    }

    pub(super) fn call(&mut self, func: u32) {
        self.emit(I::Call(func));
    }

    pub(super) fn realloc(&mut self, mem: &MemCtx) -> Option<u32> {
        if mem.realloc.is_none() {
            self.problems.push(format!(
                "module `{}` does not export `{}`, which {} needs to allocate in its memory ({})",
                mem.module,
                mem.abi.realloc(),
                self.what,
                mem.abi.describe()
            ));
        }
        mem.realloc
    }

    pub(super) fn free_fn(&mut self, mem: &MemCtx) -> Option<u32> {
        if mem.free.is_none() {
            self.problems.push(format!(
                "module `{}` does not export `{}`, which {} needs to free what it copied ({})",
                mem.module,
                mem.abi.free().unwrap_or("a free function"),
                self.what,
                mem.abi.describe()
            ));
        }
        mem.free
    }

    /// `realloc(0, 0, align, <size on stack>)`: leaves the new pointer.
    pub(super) fn alloc_from_stack(&mut self, mem: &MemCtx, align: usize) {
        let size = self.local(WasmType::I32);
        self.emit(I::LocalSet(size));
        self.emit(I::I32Const(0));
        self.emit(I::I32Const(0));
        self.emit(I::I32Const(align as i32));
        self.emit(I::LocalGet(size));
        if let Some(f) = self.realloc(mem) {
            self.call(f);
        }
    }

    pub(super) fn alloc_const(&mut self, mem: &MemCtx, size: usize, align: usize) -> u32 {
        self.emit(I::I32Const(size as i32));
        self.alloc_from_stack(mem, align);
        let ptr = self.local(WasmType::I32);
        self.emit(I::LocalSet(ptr));
        ptr
    }

    pub(super) fn free_const(&mut self, mem: &MemCtx, ptr: u32, size: usize, align: usize) {
        self.emit(I::LocalGet(ptr));
        self.emit(I::I32Const(size as i32));
        self.emit(I::I32Const(align as i32));
        if let Some(f) = self.free_fn(mem) {
            self.call(f);
        }
    }

    pub(super) fn trap_if(&mut self) {
        self.b.trap_if();
    }

    // ---- scalars ----------------------------------------------------------

    /// Pushes the scalar at `src` as a value of `prim.wasm()`.
    pub(super) fn read(&mut self, src: &Loc, prim: Prim, mem: &MemCtx) {
        match src {
            Loc::Flat(slots) => {
                let (local, slot) = slots[0];
                self.emit(I::LocalGet(local));
                self.narrow(slot, prim.wasm());
            }
            Loc::Mem { addr, offset } => {
                self.emit(I::LocalGet(*addr));
                let m = |a| at(*offset, a, mem.memory);
                self.emit(match prim {
                    Prim::U8 => I::I32Load8U(m(0)),
                    Prim::S8 => I::I32Load8S(m(0)),
                    Prim::U16 => I::I32Load16U(m(1)),
                    Prim::S16 => I::I32Load16S(m(1)),
                    Prim::I32 => I::I32Load(m(2)),
                    Prim::I64 => I::I64Load(m(3)),
                    Prim::F32 => I::F32Load(m(2)),
                    Prim::F64 => I::F64Load(m(3)),
                });
            }
        }
    }

    /// Before the value is pushed: a store needs its address first.
    pub(super) fn write_prepare(&mut self, dst: &Loc) {
        if let Loc::Mem { addr, .. } = dst {
            self.emit(I::LocalGet(*addr));
        }
    }

    /// Stores the value of `prim.wasm()` on the stack at `dst` (after
    /// [`Self::write_prepare`]).
    pub(super) fn write(&mut self, dst: &Loc, prim: Prim, mem: &MemCtx) {
        match dst {
            Loc::Flat(slots) => {
                let (local, slot) = slots[0];
                self.widen(prim.wasm(), slot);
                self.emit(I::LocalSet(local));
            }
            Loc::Mem { offset, .. } => {
                let m = |a| at(*offset, a, mem.memory);
                self.emit(match prim {
                    Prim::U8 | Prim::S8 => I::I32Store8(m(0)),
                    Prim::U16 | Prim::S16 => I::I32Store16(m(1)),
                    Prim::I32 => I::I32Store(m(2)),
                    Prim::I64 => I::I64Store(m(3)),
                    Prim::F32 => I::F32Store(m(2)),
                    Prim::F64 => I::F64Store(m(3)),
                });
            }
        }
    }

    pub(super) fn copy_prim(&mut self, prim: Prim, src: &Loc, dst: &Loc, sm: &MemCtx, dm: &MemCtx) {
        self.write_prepare(dst);
        self.read(src, prim, sm);
        self.write(dst, prim, dm);
    }

    /// A value read from a (joined) variant slot of type `slot`, as `want`.
    pub(super) fn narrow(&mut self, slot: WasmType, want: WasmType) {
        use WasmType::*;
        match (slot, want) {
            (a, b) if a == b => {}
            (I32, F32) => self.emit(I::F32ReinterpretI32),
            (I64, I32) => self.emit(I::I32WrapI64),
            (I64, F32) => {
                self.emit(I::I32WrapI64);
                self.emit(I::F32ReinterpretI32);
            }
            (I64, F64) => self.emit(I::F64ReinterpretI64),
            (a, b) => self.problems.push(format!("internal error: {} reads a {b:?} from a {a:?} slot", self.what)),
        }
    }

    /// A value of type `have` stored into a (joined) slot of type `slot`.
    pub(super) fn widen(&mut self, have: WasmType, slot: WasmType) {
        use WasmType::*;
        match (have, slot) {
            (a, b) if a == b => {}
            (F32, I32) => self.emit(I::I32ReinterpretF32),
            (I32, I64) => self.emit(I::I64ExtendI32U),
            (F32, I64) => {
                self.emit(I::I32ReinterpretF32);
                self.emit(I::I64ExtendI32U);
            }
            (F64, I64) => self.emit(I::I64ReinterpretF64),
            (a, b) => self.problems.push(format!("internal error: {} stores a {a:?} into a {b:?} slot", self.what)),
        }
    }

    /// Traps unless `size` bytes at the pointer in local `ptr` lie within
    /// `mem` and the pointer is aligned to `align`. Every pointer to a
    /// return area or argument block that crosses a boundary goes through
    /// this (in the `portable` profile a wild pointer would otherwise wrap
    /// around into another module's region).
    pub(super) fn check_area(&mut self, ptr: u32, size: usize, align: usize, mem: &MemCtx) {
        if align > 1 {
            self.emit(I::LocalGet(ptr));
            self.emit(I::I32Const(align as i32 - 1));
            self.emit(I::I32And);
            self.trap_if();
        }
        self.emit(I::LocalGet(ptr));
        self.emit(I::I64ExtendI32U);
        self.emit(I::I64Const(size as i64));
        self.emit(I::I64Add);
        self.b.memory_bytes(mem.memory);
        self.emit(I::I64GtU);
        self.trap_if();
    }

    // ---- locations --------------------------------------------------------

    pub(super) fn flat_len(&self, ty: &Type) -> usize {
        self.iface.flat(ty).map_or(0, |f| f.len())
    }

    /// The locations of consecutive fields laid out like a record.
    pub(super) fn fields(&self, loc: &Loc, tys: &[Type]) -> Vec<Loc> {
        match loc {
            Loc::Flat(slots) => {
                let mut at = 0;
                tys.iter()
                    .map(|ty| {
                        let n = self.flat_len(ty);
                        let part = Loc::Flat(slots[at..at + n].to_vec());
                        at += n;
                        part
                    })
                    .collect()
            }
            Loc::Mem { addr, offset } => self
                .iface
                .sizes
                .field_offsets(tys.iter())
                .into_iter()
                .map(|o| Loc::Mem { addr: *addr, offset: offset + o as u32 })
                .collect(),
        }
    }

    pub(super) fn payload(&self, loc: &Loc, tag: Int, cases: &[Type], case: &Type) -> Loc {
        match loc {
            Loc::Flat(slots) => Loc::Flat(slots[1..1 + self.flat_len(case)].to_vec()),
            Loc::Mem { addr, offset } => {
                Loc::Mem { addr: *addr, offset: offset + self.iface.sizes.payload_offset(tag, cases.iter()) as u32 }
            }
        }
    }

    /// Fresh locals for a flat value of `ty`.
    pub(super) fn flat_locals(&mut self, ty: &Type) -> Loc {
        let flat = self.iface.flat(ty).unwrap_or_default();
        Loc::Flat(flat.into_iter().map(|t| (self.local(t), t)).collect())
    }

    pub(super) fn push_flat(&mut self, loc: &Loc) {
        if let Loc::Flat(slots) = loc {
            for &(local, _) in slots {
                self.emit(I::LocalGet(local));
            }
        }
    }
}

pub(super) fn val_type_enc(ty: WasmType) -> ValType {
    match val_type(&ty) {
        wasmparser::ValType::I32 => ValType::I32,
        wasmparser::ValType::I64 => ValType::I64,
        wasmparser::ValType::F32 => ValType::F32,
        _ => ValType::F64,
    }
}
