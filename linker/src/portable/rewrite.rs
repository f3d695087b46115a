//! Rewriting one function body for the `portable` profile: every memory
//! access into its region, `memory.size`/`memory.grow` through the region's
//! size, bulk memory through helpers, `call_indirect` into the folded table.

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{BlockType, Function as Body, Instruction as I, MemArg, ValType};
use wasmparser::Operator;

use super::ctx::{region_bytes, region_pages, Ctx, Helper};
use super::refuse::{operator_feature, Feature, Why};
use crate::emit::Builder;
use crate::ir::debug::BodyMap;
use crate::layout::PAGE;

/// Maps every memory to 0 and every table to 0 while re-encoding, adding
/// each memory's constant base (fixed layout) to memarg offsets.
struct Fold<'a> {
    offsets: &'a [u64],
}

impl Reencode for Fold<'_> {
    type Error = std::convert::Infallible;
    fn memory_index(&mut self, _: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(0)
    }
    fn table_index(&mut self, _: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(0)
    }
    fn mem_arg(&mut self, arg: wasmparser::MemArg) -> Result<MemArg, wasm_encoder::reencode::Error<Self::Error>> {
        let base = match arg.target {
            wasmparser::MemArgTarget::Memory(m) => self.offsets.get(m as usize).copied().unwrap_or(0),
            wasmparser::MemArgTarget::Array(_) => 0,
        };
        let mut out = wasm_encoder::reencode::utils::mem_arg(self, arg)?;
        out.offset += base;
        Ok(out)
    }
}

/// Scratch locals a rewritten body needs, declared only if used.
struct Scratch {
    first: u32,
    /// The kinds handed out so far, in order: local `first + i` is `used[i]`.
    used: Vec<Kind>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A stored `i32` value.
    Value32,
    /// The address of a checked access, or a `call_indirect` index.
    Addr,
    I64,
    F32,
    F64,
}

impl Scratch {
    fn get(&mut self, kind: Kind) -> u32 {
        let at = self.used.iter().position(|&k| k == kind).unwrap_or_else(|| {
            self.used.push(kind);
            self.used.len() - 1
        });
        self.first + at as u32
    }

    fn value(&mut self, ty: ValType) -> u32 {
        self.get(match ty {
            ValType::I32 => Kind::Value32,
            ValType::I64 => Kind::I64,
            ValType::F32 => Kind::F32,
            _ => Kind::F64,
        })
    }

    fn types(&self) -> impl Iterator<Item = ValType> + '_ {
        self.used.iter().map(|k| match k {
            Kind::Value32 | Kind::Addr => ValType::I32,
            Kind::I64 => ValType::I64,
            Kind::F32 => ValType::F32,
            Kind::F64 => ValType::F64,
        })
    }
}

/// Rewrites one function body with `params` parameters; with `map`,
/// records where each instruction went ([`BodyMap`]).
pub(super) fn rewrite(
    ctx: &mut Ctx,
    body: &wasmparser::FunctionBody,
    params: u32,
    map: Option<&mut BodyMap>,
) -> Result<Body, Why> {
    let mut locals = Vec::new();
    let mut count = 0u32;
    // Every feature the body uses beyond the profile, not only the first.
    let mut refused: Vec<(Feature, String)> = Vec::new();
    for pair in body.get_locals_reader().map_err(Why::internal)? {
        let (n, ty) = pair.map_err(Why::internal)?;
        if let Some(feature) = Feature::of_type(&ty) {
            refused.push((feature, format!("a local of `{ty}`")));
        }
        count += n;
        locals.push((n, RoundtripReencoder.val_type(ty).map_err(Why::internal)?));
    }
    let mut scratch = Scratch { first: params + count, used: Vec::new() };
    let mut code = Vec::new();
    // (offset in the body, index in `code` of the first instruction it became)
    let mut marks: Vec<(u32, usize)> = Vec::new();
    let start = body.range().start;
    let mut reader = body.get_operators_reader().map_err(Why::internal)?;
    while !reader.eof() {
        marks.push(((reader.original_position() - start) as u32, code.len()));
        let op = reader.read().map_err(Why::internal)?;
        match rewrite_op(ctx, &mut scratch, op, &mut code) {
            Ok(()) => {}
            Err(Why::Feature(feature, detail)) => {
                if !refused.contains(&(feature, detail.clone())) {
                    refused.push((feature, detail));
                }
            }
            Err(other) => return Err(other),
        }
    }
    if !refused.is_empty() {
        return Err(Why::Features(refused));
    }
    locals.extend(scratch.types().map(|ty| (1, ty)));
    marks.push(((reader.original_position() - start) as u32, code.len()));
    let mut out = Body::new(locals);
    let mut marks = marks.into_iter().peekable();
    let mut record = |at: usize, out: &Body, map: &mut Option<&mut BodyMap>| {
        while let Some((from, _)) = marks.next_if(|&(_, i)| i == at) {
            if let Some(map) = map.as_deref_mut() {
                map.push(from, out);
            }
        }
    };
    let mut map = map;
    for (i, instr) in code.iter().enumerate() {
        record(i, &out, &mut map);
        out.instruction(instr);
    }
    record(code.len(), &out, &mut map);
    Ok(out)
}

fn rewrite_op<'a>(ctx: &mut Ctx, s: &mut Scratch, op: Operator<'a>, out: &mut Vec<I<'a>>) -> Result<(), Why> {
    if let Some(memory) = load_memory(&op).or_else(|| store_memory(&op)) {
        if rewrite_access(ctx, s, memory, &op, out) {
            return Ok(());
        }
    }
    match &op {
        Operator::Block { blockty } | Operator::Loop { blockty } | Operator::If { blockty } => {
            ctx.use_block_type(blockty)?
        }
        Operator::CallIndirect { type_index, .. } => ctx.use_type(*type_index)?,
        Operator::TypedSelect { ty } => {
            if let Some(feature) = Feature::of_type(ty) {
                return Err(Why::Feature(feature, "`select`".to_string()));
            }
        }
        other => {
            if let Some((feature, name)) = operator_feature(other) {
                return Err(Why::Feature(feature, name));
            }
        }
    }
    match op {
        Operator::MemorySize { mem } if ctx.multi => out.extend(region_pages(ctx, mem)),
        Operator::MemoryGrow { mem } if ctx.multi => {
            let below_data = ctx.fixed && ctx.passive.is_some() && ctx.regions[mem as usize].top;
            let helper = if below_data { Helper::GrowBelowData(mem) } else { Helper::Grow(mem) };
            out.push(I::Call(ctx.helpers.get(helper)))
        }
        Operator::MemoryCopy { dst_mem, src_mem } => {
            out.push(I::Call(ctx.helpers.get(Helper::Copy { dst: dst_mem, src: src_mem })))
        }
        Operator::MemoryFill { mem } => out.push(I::Call(ctx.helpers.get(Helper::Fill(mem)))),
        Operator::CallIndirect { type_index, table_index } if ctx.tables.len() > 1 => {
            let slot = &ctx.tables[table_index as usize];
            let idx = s.get(Kind::Addr);
            out.extend([I::LocalTee(idx), I::I32Const(slot.initial as i32), I::I32GeU]);
            out.extend([I::If(BlockType::Empty), I::Unreachable, I::End, I::LocalGet(idx)]);
            if slot.base > 0 {
                out.extend([I::I32Const(slot.base as i32), I::I32Add]);
            }
            out.push(I::CallIndirect { type_index, table_index: 0 });
        }
        Operator::TypedSelect { .. } => out.push(I::Select),
        Operator::MemoryInit { data_index, mem } => {
            out.push(I::Call(ctx.helpers.get(Helper::MemoryInit { segment: data_index, memory: mem })))
        }
        Operator::DataDrop { data_index } => {
            // Only a segment kept in the data area has a length to zero;
            // any other (active, or never used by `memory.init`) has none.
            if ctx.passive.as_ref().is_some_and(|p| p.droppable(data_index)) {
                out.push(I::Call(ctx.helpers.get(Helper::DataDrop(data_index))));
            }
        }
        other => out.push(Fold { offsets: &ctx.offsets }.instruction(other).map_err(Why::internal)?),
    }
    Ok(())
}

/// The part of a load or store that depends on its region: the bounds
/// check, the base of a movable region. Returns `true` if it emitted the
/// whole access (one that can only trap).
fn rewrite_access(ctx: &Ctx, s: &mut Scratch, memory: u32, op: &Operator, out: &mut Vec<I>) -> bool {
    let region = &ctx.regions[memory as usize];
    // A fixed base goes into the memarg offset (in `Fold`), unless the sum
    // does not fit in 32 bits: then the access always traps.
    if ctx.fixed && access_extent(op).0 + region.base > u32::MAX as u64 {
        out.push(I::Drop);
        if store_memory(op).is_some() {
            out.push(I::Drop);
        }
        out.push(I::Unreachable);
        return true;
    }
    // The top region of a fixed layout ends where the memory ends, unless
    // the passive data area sits above it.
    let checked = ctx.bounds_checks && !(ctx.fixed && region.top && ctx.passive.is_none());
    if !checked && region.base_global.is_none() {
        return false;
    }
    // The address is under a stored value: set the value aside.
    let value = store_type(op).map(|ty| s.value(ty));
    if let Some(tmp) = value {
        out.push(I::LocalSet(tmp));
    }
    if checked {
        let mut b = Builder::new(0);
        check_access(ctx, &mut b, memory, op, s.get(Kind::Addr));
        out.extend(b.into_code());
    }
    if let Some(g) = region.base_global {
        out.extend([I::GlobalGet(g), I::I32Add]);
    }
    if let Some(tmp) = value {
        out.push(I::LocalGet(tmp));
    }
    false
}

/// `addr` on the stack -> trap unless the access `op` at `addr` stays
/// within region `k`: its capacity (a constant) in a fixed layout, its
/// current size in a movable one. Leaves `addr` on the stack; `addr` is the
/// scratch local it uses.
fn check_access(ctx: &Ctx, b: &mut Builder, k: u32, op: &Operator, addr: u32) {
    let (offset, width) = access_extent(op);
    let region = &ctx.regions[k as usize];
    match (ctx.fixed, region.capacity) {
        (true, Some(pages)) => {
            b.emit(I::LocalTee(addr));
            // addr + offset + width <= capacity, in 32 bits: the capacity
            // fits in 4 GiB, so the limit is a u32 unless it is negative.
            match (pages * PAGE).checked_sub(offset + width) {
                Some(limit) => {
                    b.i32(limit as u32 as i32);
                    b.emit(I::I32GtU);
                }
                None => {
                    b.emit(I::Drop);
                    b.i32(1);
                }
            }
        }
        _ => {
            // size < addr + offset + width, the size first (see `check_range`).
            b.set(addr);
            region_bytes(ctx, b, k);
            b.get(addr);
            b.emit(I::I64ExtendI32U);
            b.emit(I::I64Const((offset + width) as i64));
            b.emit(I::I64Add);
            b.emit(I::I64LtU);
        }
    }
    b.trap_if();
    b.get(addr);
}

fn store_type(op: &Operator) -> Option<ValType> {
    use Operator::*;
    Some(match op {
        I32Store { .. } | I32Store8 { .. } | I32Store16 { .. } => ValType::I32,
        I64Store { .. } | I64Store8 { .. } | I64Store16 { .. } | I64Store32 { .. } => ValType::I64,
        F32Store { .. } => ValType::F32,
        F64Store { .. } => ValType::F64,
        _ => return None,
    })
}

fn load_memory(op: &Operator) -> Option<u32> {
    use Operator::*;
    match op {
        I32Load { memarg }
        | I64Load { memarg }
        | F32Load { memarg }
        | F64Load { memarg }
        | I32Load8S { memarg }
        | I32Load8U { memarg }
        | I32Load16S { memarg }
        | I32Load16U { memarg }
        | I64Load8S { memarg }
        | I64Load8U { memarg }
        | I64Load16S { memarg }
        | I64Load16U { memarg }
        | I64Load32S { memarg }
        | I64Load32U { memarg } => match memarg.target {
            wasmparser::MemArgTarget::Memory(m) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

fn store_memory(op: &Operator) -> Option<u32> {
    use Operator::*;
    match op {
        I32Store { memarg }
        | I64Store { memarg }
        | F32Store { memarg }
        | F64Store { memarg }
        | I32Store8 { memarg }
        | I32Store16 { memarg }
        | I64Store8 { memarg }
        | I64Store16 { memarg }
        | I64Store32 { memarg } => match memarg.target {
            wasmparser::MemArgTarget::Memory(m) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

/// The static offset and the width in bytes of a load or store (0 and 0
/// for anything else).
fn access_extent(op: &Operator) -> (u64, u64) {
    use Operator::*;
    let (memarg, width) = match op {
        I32Load8S { memarg } | I32Load8U { memarg } | I64Load8S { memarg } | I64Load8U { memarg } => (memarg, 1),
        I32Store8 { memarg } | I64Store8 { memarg } => (memarg, 1),
        I32Load16S { memarg } | I32Load16U { memarg } | I64Load16S { memarg } | I64Load16U { memarg } => (memarg, 2),
        I32Store16 { memarg } | I64Store16 { memarg } => (memarg, 2),
        I32Load { memarg } | F32Load { memarg } | I64Load32S { memarg } | I64Load32U { memarg } => (memarg, 4),
        I32Store { memarg } | F32Store { memarg } | I64Store32 { memarg } => (memarg, 4),
        I64Load { memarg } | F64Load { memarg } | I64Store { memarg } | F64Store { memarg } => (memarg, 8),
        _ => return (0, 0),
    };
    (memarg.offset, width)
}
