//! Adapters from an interface's types: one `translate_*` method per kind
//! of type, recursive (a `list<record { name: string }>` is a loop that
//! copies each record and, inside it, each string), and a `free_*` method
//! for each kind that owns allocations.

use std::borrow::Cow;

use wai_parser::abi::{AbiVariant, WasmType};
use wai_parser::{Function, Int, Type, TypeDefKind};
use wasm_encoder::{BlockType, Instruction as I};
use wasmparser::FuncType;

use crate::adapt::ctx::{Far, Handles, MemCtx, Syms};
use crate::adapt::shared::Shared;
use crate::adapt::values::{Gen, Loc, Prim};
use crate::emit::Builder;
use crate::interface::Iface;

/// Generates one adapter's body. `ty` is the caller's core type of the
/// import; `what` names the adapter in messages. Problems (a missing
/// allocator, a type that cannot cross) are returned as sentences.
#[allow(clippy::too_many_arguments)] // the adapter's whole context, each part distinct
pub(super) fn generate(
    iface: &Iface,
    func: &Function,
    ty: &FuncType,
    caller: &MemCtx,
    far: Far,
    what: &str,
    syms: &mut Syms,
    shared: &mut Shared,
    handles: Handles,
) -> Result<wasm_encoder::Function, Vec<String>> {
    let b = Builder::new(ty.params().len() as u32);
    let caller_module = caller.module.clone();
    let mut g = Gen { iface, what, b, syms, shared, problems: Vec::new(), handles, caller_module };
    match far {
        Far::Export { func: callee, mem, post_return } => g.export_adapter(func, caller, &mem, callee, post_return),
        Far::Host { func: callee, mem } => g.host_adapter(func, caller, &mem, callee),
    }
    if !g.problems.is_empty() {
        return Err(g.problems);
    }
    Ok(g.b.finish())
}

impl Gen<'_> {
    /// Copies a value of `ty` from `src` (in `sm`) to `dst` (in `dm`).
    pub(super) fn translate(&mut self, ty: &Type, src: &Loc, dst: &Loc, sm: &MemCtx, dm: &MemCtx) {
        let prim = match ty {
            Type::Unit => return,
            Type::Bool | Type::U8 => Prim::U8,
            Type::S8 => Prim::S8,
            Type::U16 => Prim::U16,
            Type::S16 => Prim::S16,
            Type::U32 | Type::S32 | Type::Char => Prim::I32,
            Type::U64 | Type::S64 => Prim::I64,
            Type::Float32 => Prim::F32,
            Type::Float64 => Prim::F64,
            Type::String => return self.translate_string(src, dst, sm, dm),
            Type::Handle(r) => return self.translate_handle(*r, src, dst, sm, dm),
            Type::Id(id) => return self.translate_def(*id, src, dst, sm, dm),
        };
        self.copy_prim(prim, src, dst, sm, dm);
    }

    /// A resource handle: the caller's becomes the callee's (or a result
    /// the callee's becomes the caller's) through the handle tables.
    fn translate_handle(&mut self, r: wai_parser::ResourceId, src: &Loc, dst: &Loc, sm: &MemCtx, dm: &MemCtx) {
        let name = self.iface.iface.resources[r].name.clone();
        let to_callee = sm.module == self.caller_module;
        let func = match self.handles.of(&name) {
            Some((there, _)) if to_callee => Some(there),
            Some((_, back)) => back,
            None => None,
        };
        let Some(func) = func else {
            self.problems.push(format!(
                "{} would pass a resource handle (`{name}`) the linker cannot move between components",
                self.what
            ));
            return;
        };
        self.write_prepare(dst);
        self.read(src, Prim::I32, sm);
        self.call(func);
        self.write(dst, Prim::I32, dm);
    }

    pub(super) fn translate_def(&mut self, id: wai_parser::TypeId, src: &Loc, dst: &Loc, sm: &MemCtx, dm: &MemCtx) {
        let kind = self.iface.iface.types[id].kind.clone();
        match &kind {
            TypeDefKind::Type(t) => self.translate(t, src, dst, sm, dm),
            TypeDefKind::Record(r) => {
                let tys: Vec<Type> = r.fields.iter().map(|f| f.ty).collect();
                self.translate_fields(&tys, src, dst, sm, dm);
            }
            TypeDefKind::Tuple(t) => self.translate_fields(&t.types, src, dst, sm, dm),
            TypeDefKind::Flags(f) => match f.repr() {
                wai_parser::FlagsRepr::U8 => self.copy_prim(Prim::U8, src, dst, sm, dm),
                wai_parser::FlagsRepr::U16 => self.copy_prim(Prim::U16, src, dst, sm, dm),
                wai_parser::FlagsRepr::U32(n) => {
                    let tys = vec![Type::U32; n];
                    self.translate_fields(&tys, src, dst, sm, dm);
                }
            },
            TypeDefKind::Enum(e) => {
                let cases = vec![Type::Unit; e.cases.len()];
                self.translate_variant(e.tag(), &cases, src, dst, sm, dm);
            }
            TypeDefKind::Variant(v) => {
                let cases: Vec<Type> = v.cases.iter().map(|c| c.ty).collect();
                self.translate_variant(v.tag(), &cases, src, dst, sm, dm);
            }
            TypeDefKind::Union(u) => {
                let cases: Vec<Type> = u.cases.iter().map(|c| c.ty).collect();
                self.translate_variant(u.tag(), &cases, src, dst, sm, dm);
            }
            TypeDefKind::Option(t) => self.translate_variant(Int::U8, &[Type::Unit, *t], src, dst, sm, dm),
            TypeDefKind::Expected(e) => self.translate_variant(Int::U8, &[e.ok, e.err], src, dst, sm, dm),
            TypeDefKind::List(elem) => self.translate_list(elem, src, dst, sm, dm),
            TypeDefKind::Future(_) | TypeDefKind::Stream(_) => {
                self.problems
                    .push(format!("{} would pass a future or stream, which the linker does not support", self.what));
            }
        }
    }

    pub(super) fn translate_fields(&mut self, tys: &[Type], src: &Loc, dst: &Loc, sm: &MemCtx, dm: &MemCtx) {
        let srcs = self.fields(src, tys);
        let dsts = self.fields(dst, tys);
        for ((ty, s), d) in tys.iter().zip(&srcs).zip(&dsts) {
            self.translate(ty, s, d, sm, dm);
        }
    }

    /// Reads a discriminant into a local and traps unless it is `< cases`.
    pub(super) fn discriminant(&mut self, tag: Int, cases: usize, src: &Loc, sm: &MemCtx) -> u32 {
        let prim = Prim::of_int(tag);
        self.read(src, prim, sm);
        if prim.wasm() == WasmType::I64 {
            self.emit(I::I32WrapI64); // no interface has 2^32 cases
        }
        let disc = self.local(WasmType::I32);
        self.emit(I::LocalTee(disc));
        self.emit(I::I32Const(cases as i32));
        self.emit(I::I32GeU);
        self.trap_if();
        disc
    }

    /// Emits `case(i)` for the case selected by local `disc`, with nested
    /// blocks and one `br_table`.
    pub(super) fn switch(&mut self, disc: u32, n: usize, mut case: impl FnMut(&mut Self, usize)) {
        // block $done (block $c[n-1] ... (block $c0 (br_table $c0..$c[n-1] disc)) case0 br $done ...)
        self.emit(I::Block(BlockType::Empty));
        for _ in 0..n {
            self.emit(I::Block(BlockType::Empty));
        }
        self.emit(I::LocalGet(disc));
        let targets: Vec<u32> = (0..n as u32).collect();
        self.emit(I::BrTable(Cow::Owned(targets), n.saturating_sub(1) as u32));
        for i in 0..n {
            self.emit(I::End);
            case(self, i);
            self.emit(I::Br((n - 1 - i) as u32));
        }
        self.emit(I::End);
    }

    pub(super) fn translate_variant(
        &mut self,
        tag: Int,
        cases: &[Type],
        src: &Loc,
        dst: &Loc,
        sm: &MemCtx,
        dm: &MemCtx,
    ) {
        let disc_loc = |loc: &Loc| match loc {
            Loc::Flat(slots) => Loc::Flat(slots[..1].to_vec()),
            mem => mem.clone(),
        };
        let disc = self.discriminant(tag, cases.len(), &disc_loc(src), sm);
        let prim = Prim::of_int(tag);
        let d = disc_loc(dst);
        self.write_prepare(&d);
        self.emit(I::LocalGet(disc));
        if prim.wasm() == WasmType::I64 {
            self.emit(I::I64ExtendI32U);
        }
        self.write(&d, prim, dm);
        if cases.iter().all(|c| *c == Type::Unit) {
            return;
        }
        self.switch(disc, cases.len(), |g, i| {
            let s = g.payload(src, tag, cases, &cases[i]);
            let d = g.payload(dst, tag, cases, &cases[i]);
            g.translate(&cases[i], &s, &d, sm, dm);
        });
    }

    /// Reads a list's `(ptr, len)` and checks `ptr + len * size` against the
    /// memory it points into. Returns the `ptr`, `len` and byte-size locals.
    pub(super) fn list_header(&mut self, elem: &Type, src: &Loc, sm: &MemCtx) -> (u32, u32, u32) {
        let size = self.iface.sizes.size(elem) as i64;
        let parts = self.fields(src, &[Type::U32, Type::U32]);
        let (ptr, len, bytes) = (self.local(WasmType::I32), self.local(WasmType::I32), self.local(WasmType::I32));
        let wide = self.local(WasmType::I64);
        self.read(&parts[0], Prim::I32, sm);
        self.emit(I::LocalSet(ptr));
        self.read(&parts[1], Prim::I32, sm);
        self.emit(I::LocalSet(len));
        // bytes = len * size, in 64 bits: more than 4 GiB is a lie.
        self.emit(I::LocalGet(len));
        self.emit(I::I64ExtendI32U);
        self.emit(I::I64Const(size));
        self.emit(I::I64Mul);
        self.emit(I::LocalTee(wide));
        self.emit(I::I64Const(u32::MAX as i64));
        self.emit(I::I64GtU);
        self.trap_if();
        self.emit(I::LocalGet(wide));
        self.emit(I::I32WrapI64);
        self.emit(I::LocalSet(bytes));
        // ptr must be aligned for the element type.
        let align = self.iface.sizes.align(elem) as i32;
        if align > 1 {
            self.emit(I::LocalGet(ptr));
            self.emit(I::I32Const(align - 1));
            self.emit(I::I32And);
            self.trap_if();
        }
        // ptr + bytes must lie within the source memory.
        self.emit(I::LocalGet(ptr));
        self.emit(I::I64ExtendI32U);
        self.emit(I::LocalGet(wide));
        self.emit(I::I64Add);
        self.b.memory_bytes(sm.memory);
        self.emit(I::I64GtU);
        self.trap_if();
        self.b.release(wide);
        (ptr, len, bytes)
    }

    /// A loop over `len` elements of `size` bytes from `base`: calls `body`
    /// with a local holding each element's address.
    pub(super) fn each(&mut self, base: u32, len: u32, size: usize, body: impl FnOnce(&mut Self, u32)) {
        let at = self.local(WasmType::I32);
        let left = self.local(WasmType::I32);
        self.emit(I::LocalGet(base));
        self.emit(I::LocalSet(at));
        self.emit(I::LocalGet(len));
        self.emit(I::LocalSet(left));
        self.b.begin_loop();
        self.emit(I::LocalGet(left));
        self.emit(I::I32Eqz);
        self.b.break_if();
        body(self, at);
        self.bump(at, size as i32);
        self.bump(left, -1);
        self.b.end_loop();
        self.b.release(at);
        self.b.release(left);
    }

    pub(super) fn translate_string(&mut self, src: &Loc, dst: &Loc, sm: &MemCtx, dm: &MemCtx) {
        self.translate_list_checked(&Type::U8, src, dst, sm, dm, true);
    }

    pub(super) fn translate_list(&mut self, elem: &Type, src: &Loc, dst: &Loc, sm: &MemCtx, dm: &MemCtx) {
        self.translate_list_checked(elem, src, dst, sm, dm, false);
    }

    pub(super) fn translate_list_checked(
        &mut self,
        elem: &Type,
        src: &Loc,
        dst: &Loc,
        sm: &MemCtx,
        dm: &MemCtx,
        utf8: bool,
    ) {
        let size = self.iface.sizes.size(elem);
        let align = self.iface.sizes.align(elem);
        let plain = self.iface.iface.all_bits_valid(elem);
        let (sptr, len, bytes) = self.list_header(elem, src, sm);
        if utf8 {
            self.validate_utf8(sptr, len, sm);
        }
        // Allocate in the destination. The receiver of a list of non-plain
        // elements deallocates even an empty one in WAI: give it a real block.
        if plain || !dm.abi.frees_empty_lists() {
            self.emit(I::LocalGet(bytes));
        } else {
            self.emit(I::I32Const(align as i32));
            self.emit(I::LocalGet(bytes));
            self.emit(I::LocalGet(bytes));
            self.emit(I::I32Eqz);
            self.emit(I::Select);
        }
        self.alloc_from_stack(dm, align);
        let dptr = self.local(WasmType::I32);
        self.emit(I::LocalSet(dptr));
        if plain {
            self.emit(I::LocalGet(dptr));
            self.emit(I::LocalGet(sptr));
            self.emit(I::LocalGet(bytes));
            self.emit(I::MemoryCopy { src_mem: sm.memory, dst_mem: dm.memory });
        } else {
            // Element by element: both addresses advance together.
            let delta = self.local(WasmType::I32);
            self.emit(I::LocalGet(dptr));
            self.emit(I::LocalGet(sptr));
            self.emit(I::I32Sub);
            self.emit(I::LocalSet(delta));
            let elem = *elem;
            self.each(sptr, len, size, |g, at| {
                let to = g.local(WasmType::I32);
                g.emit(I::LocalGet(at));
                g.emit(I::LocalGet(delta));
                g.emit(I::I32Add);
                g.emit(I::LocalSet(to));
                g.translate(&elem, &Loc::Mem { addr: at, offset: 0 }, &Loc::Mem { addr: to, offset: 0 }, sm, dm);
            });
        }
        let parts = self.fields(dst, &[Type::U32, Type::U32]);
        for (part, value) in parts.iter().zip([dptr, len]) {
            self.write_prepare(part);
            self.emit(I::LocalGet(value));
            self.write(part, Prim::I32, dm);
        }
    }

    /// Traps unless the `len` bytes at `ptr` in `mem` are valid UTF-8: a
    /// call to the validator of that memory, generated once per output
    /// ([`crate::shared`]).
    pub(super) fn validate_utf8(&mut self, ptr: u32, len: u32, mem: &MemCtx) {
        let validator = self.shared.utf8_validator(self.syms.memories[mem.memory as usize], &mem.module);
        let f = self.syms.func(validator);
        self.emit(I::LocalGet(ptr));
        self.emit(I::LocalGet(len));
        self.call(f);
    }

    pub(super) fn bump(&mut self, local: u32, by: i32) {
        self.b.bump(local, by);
    }

    // ---- freeing ----------------------------------------------------------

    /// Frees every allocation owned by the value of `ty` at `loc` in `mem`.
    pub(super) fn free_value(&mut self, ty: &Type, loc: &Loc, mem: &MemCtx) {
        if !self.iface.has_pointers(ty) {
            return;
        }
        match ty {
            Type::String => self.free_list(&Type::U8, loc, mem),
            Type::Id(id) => {
                let kind = self.iface.iface.types[*id].kind.clone();
                match &kind {
                    TypeDefKind::Type(t) => self.free_value(t, loc, mem),
                    TypeDefKind::List(elem) => self.free_list(elem, loc, mem),
                    TypeDefKind::Record(r) => {
                        let tys: Vec<Type> = r.fields.iter().map(|f| f.ty).collect();
                        self.free_fields(&tys, loc, mem);
                    }
                    TypeDefKind::Tuple(t) => self.free_fields(&t.types.clone(), loc, mem),
                    TypeDefKind::Variant(v) => {
                        let cases: Vec<Type> = v.cases.iter().map(|c| c.ty).collect();
                        self.free_variant(v.tag(), &cases, loc, mem);
                    }
                    TypeDefKind::Union(u) => {
                        let cases: Vec<Type> = u.cases.iter().map(|c| c.ty).collect();
                        self.free_variant(u.tag(), &cases, loc, mem);
                    }
                    TypeDefKind::Option(t) => self.free_variant(Int::U8, &[Type::Unit, *t], loc, mem),
                    TypeDefKind::Expected(e) => self.free_variant(Int::U8, &[e.ok, e.err], loc, mem),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    pub(super) fn free_fields(&mut self, tys: &[Type], loc: &Loc, mem: &MemCtx) {
        for (ty, at) in tys.iter().zip(self.fields(loc, tys)) {
            self.free_value(ty, &at, mem);
        }
    }

    pub(super) fn free_variant(&mut self, tag: Int, cases: &[Type], loc: &Loc, mem: &MemCtx) {
        let disc_loc = match loc {
            Loc::Flat(slots) => Loc::Flat(slots[..1].to_vec()),
            m => m.clone(),
        };
        let disc = self.discriminant(tag, cases.len(), &disc_loc, mem);
        self.switch(disc, cases.len(), |g, i| {
            let at = g.payload(loc, tag, cases, &cases[i]);
            g.free_value(&cases[i], &at, mem);
        });
    }

    pub(super) fn free_list(&mut self, elem: &Type, loc: &Loc, mem: &MemCtx) {
        let size = self.iface.sizes.size(elem);
        let align = self.iface.sizes.align(elem);
        let (ptr, len, bytes) = self.list_header(elem, loc, mem);
        if self.iface.has_pointers(elem) {
            let elem = *elem;
            self.each(ptr, len, size, |g, at| g.free_value(&elem, &Loc::Mem { addr: at, offset: 0 }, mem));
        }
        self.emit(I::LocalGet(ptr));
        self.emit(I::LocalGet(bytes));
        self.emit(I::I32Const(align as i32));
        if let Some(f) = self.free_fn(mem) {
            self.call(f);
        }
    }

    // ---- whole adapters ---------------------------------------------------

    /// The arguments as the caller passed them: flat params, or a pointer to
    /// them in the caller's memory.
    pub(super) fn caller_args(&mut self, func: &Function, indirect: bool, caller: &MemCtx) -> Vec<Loc> {
        let tys: Vec<Type> = func.params.iter().map(|(_, t)| *t).collect();
        if indirect {
            let (size, align) = self.iface.sizes.record(tys.iter());
            self.check_area(0, size, align, caller);
            return self.fields(&Loc::Mem { addr: 0, offset: 0 }, &tys);
        }
        let sig = self.iface.signature(AbiVariant::GuestImport, func);
        let slots: Vec<(u32, WasmType)> = sig.params.iter().enumerate().map(|(i, t)| (i as u32, *t)).collect();
        self.fields(&Loc::Flat(slots), &tys)
    }

    /// Guest import → guest export in another memory.
    pub(super) fn export_adapter(
        &mut self,
        func: &Function,
        caller: &MemCtx,
        callee: &MemCtx,
        target: u32,
        post: Option<u32>,
    ) {
        let imp = self.iface.signature(AbiVariant::GuestImport, func);
        let exp = self.iface.signature(AbiVariant::GuestExport, func);
        let tys: Vec<Type> = func.params.iter().map(|(_, t)| *t).collect();
        // Handles lent to a callee that must give them back before it
        // returns: count the borrowed handles alive before and after.
        let borrows = self.handles.borrows.map(|count| {
            let before = self.local(WasmType::I32);
            self.call(count);
            self.emit(I::LocalSet(before));
            (count, before)
        });
        let srcs = self.caller_args(func, imp.indirect_params, caller);
        if exp.indirect_params {
            // The callee takes a pointer to its arguments in its own memory
            // and frees that block itself.
            let (size, align) = self.iface.sizes.record(tys.iter());
            let area = self.alloc_const(callee, size, align);
            let dsts = self.fields(&Loc::Mem { addr: area, offset: 0 }, &tys);
            for ((ty, s), d) in tys.iter().zip(&srcs).zip(&dsts) {
                self.translate(ty, s, d, caller, callee);
            }
            self.emit(I::LocalGet(area));
        } else {
            let mut dsts = Vec::new();
            for (ty, s) in tys.iter().zip(&srcs) {
                let d = self.flat_locals(ty);
                self.translate(ty, s, &d, caller, callee);
                dsts.push(d);
            }
            for d in &dsts {
                self.push_flat(d);
            }
        }
        self.call(target);
        if let Some((count, before)) = borrows {
            self.call(count);
            self.emit(I::LocalGet(before));
            self.emit(I::I32Ne);
            self.trap_if();
        }
        if exp.retptr {
            // The callee returned a pointer to its result in its memory; the
            // caller passed a pointer to where it wants it in its own.
            let ret = self.local(WasmType::I32);
            self.emit(I::LocalSet(ret));
            let caller_ret = imp.params.len() as u32 - 1;
            let (size, align) = (self.iface.sizes.size(&func.result), self.iface.sizes.align(&func.result));
            self.check_area(ret, size, align, callee);
            self.check_area(caller_ret, size, align, caller);
            let from = Loc::Mem { addr: ret, offset: 0 };
            self.translate(&func.result, &from, &Loc::Mem { addr: caller_ret, offset: 0 }, callee, caller);
            if callee.abi.frees_results_by_post_return() {
                // The callee frees its results itself, given the pointer.
                if let Some(post) = post {
                    self.emit(I::LocalGet(ret));
                    self.call(post);
                }
            } else {
                self.free_value(&func.result, &from, callee);
            }
        } else if post.is_some() || self.iface.has_handles(&func.result) {
            // Flat results: a handle among them moves to the caller's table;
            // the post-return function takes them as the callee returned
            // them, after the caller has them (they stay on the stack).
            let results: Vec<u32> = exp.results.iter().map(|t| self.local(*t)).collect();
            for &r in results.iter().rev() {
                self.emit(I::LocalSet(r));
            }
            let from = Loc::Flat(results.iter().copied().zip(exp.results.iter().copied()).collect());
            let out = if self.iface.has_handles(&func.result) {
                let to = self.flat_locals(&func.result);
                self.translate(&func.result, &from, &to, callee, caller);
                to
            } else {
                from
            };
            self.push_flat(&out);
            if let Some(post) = post {
                for &r in &results {
                    self.emit(I::LocalGet(r));
                }
                self.emit(I::Call(post));
            }
        }
    }

    /// Guest import in a module whose memory is not the main one → host
    /// import, which reads and writes the main module's memory.
    pub(super) fn host_adapter(&mut self, func: &Function, caller: &MemCtx, host: &MemCtx, target: u32) {
        let sig = self.iface.signature(AbiVariant::GuestImport, func);
        let tys: Vec<Type> = func.params.iter().map(|(_, t)| *t).collect();
        let srcs = self.caller_args(func, sig.indirect_params, caller);
        let (lowered, area) = if sig.indirect_params {
            let (size, align) = self.iface.sizes.record(tys.iter());
            let area = self.alloc_const(host, size, align);
            let dsts = self.fields(&Loc::Mem { addr: area, offset: 0 }, &tys);
            for ((ty, s), d) in tys.iter().zip(&srcs).zip(&dsts) {
                self.translate(ty, s, d, caller, host);
            }
            self.emit(I::LocalGet(area));
            (dsts, Some((area, size, align)))
        } else {
            let mut dsts = Vec::new();
            for (ty, s) in tys.iter().zip(&srcs) {
                let d = self.flat_locals(ty);
                self.translate(ty, s, &d, caller, host);
                dsts.push(d);
            }
            for d in &dsts {
                self.push_flat(d);
            }
            (dsts, None)
        };
        let ret = sig.retptr.then(|| {
            let size = self.iface.sizes.size(&func.result);
            let align = self.iface.sizes.align(&func.result);
            let ptr = self.alloc_const(host, size, align);
            self.emit(I::LocalGet(ptr));
            (ptr, size, align)
        });
        self.call(target);
        // The caller of an import keeps ownership of its arguments: the host
        // did not free our copies, so we do.
        for (ty, d) in tys.iter().zip(&lowered) {
            self.free_value(ty, d, host);
        }
        if let Some((area, size, align)) = area {
            self.free_const(host, area, size, align);
        }
        if let Some((ptr, size, align)) = ret {
            let caller_ret = sig.params.len() as u32 - 1;
            self.check_area(caller_ret, size, align, caller);
            let from = Loc::Mem { addr: ptr, offset: 0 };
            self.translate(&func.result, &from, &Loc::Mem { addr: caller_ret, offset: 0 }, host, caller);
            self.free_value(&func.result, &from, host);
            self.free_const(host, ptr, size, align);
        }
    }
}
