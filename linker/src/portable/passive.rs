//! Passive data segments (`memory.init`, `data.drop`) in the `portable`
//! profile, which has neither instruction (WASM3 0.4.7 has no bulk memory).
//!
//! Every passive segment that a `memory.init` uses keeps its bytes in a
//! *data area*: a few pages of memory 0 right after the top region (the
//! last one), written there by ordinary active segments at instantiation.
//! Its base lives in a global, because the area moves up whenever the
//! region below it grows (regions have constant bases; the area is the one
//! thing that moves, and only while a segment can still be used):
//!
//! ```text
//! | main | dep ... | top region (grows) | data area (moves up) |
//! ```
//!
//! - `memory.init s k (dst, src, len)` becomes a call to a helper that
//!   traps, as the instruction does, if `src + len` passes the segment's
//!   current length or `dst + len` passes region `k`'s current size (both in
//!   64 bits, so nothing wraps), and otherwise copies from the area into the
//!   region (`memmove`).
//! - `data.drop s` becomes a call that sets the segment's length (a global,
//!   for segments that are ever dropped) to 0, so that a later
//!   `memory.init s` traps unless it copies nothing from offset 0, as the
//!   specification says. When the last segment is dropped, the area is
//!   zeroed and stops moving: the top region then grows into zeros.
//! - `memory.grow` of the top region (fixed layout) grows memory 0, moves
//!   the area up by the new pages while a segment is live, and zeroes the
//!   bytes of the top region's new pages that the area occupied. In the
//!   movable layout the area is one more region above the others, moved by
//!   the usual growth.
//! - `memory.init` of an active segment (dropped at instantiation, length
//!   0) only checks; `data.drop` of it, or of a passive segment no
//!   `memory.init` uses, does nothing.
//!
//! Cost: the area's pages (each kept segment's bytes, 8-byte aligned), and,
//! while any kept segment is not dropped, a copy of the area on each growth
//! of the top region. Toolchains drop their segments right after copying
//! them (`__wasm_init_memory`), so in practice only memory is spent.

use std::collections::{BTreeMap, BTreeSet};

use wasm_encoder::{Function as Body, Instruction as I, ValType};
use wasmparser::Operator;

use super::ctx::{add_region_base, check_range, grown, refuse_if, Ctx, Helper, Kept, Passive};
use crate::emit::Builder;
use crate::layout::PAGE;

/// The data segments the bodies use: those `memory.init` copies from, and
/// those `data.drop` drops.
#[derive(Default)]
pub(super) struct Uses {
    pub init: BTreeSet<u32>,
    pub drop: BTreeSet<u32>,
}

impl Uses {
    pub fn scan(bodies: &[wasmparser::FunctionBody]) -> Uses {
        let mut uses = Uses::default();
        for body in bodies {
            let Ok(mut reader) = body.get_operators_reader() else { continue };
            while !reader.eof() {
                match reader.read() {
                    Ok(Operator::MemoryInit { data_index, .. }) => {
                        uses.init.insert(data_index);
                    }
                    Ok(Operator::DataDrop { data_index }) => {
                        uses.drop.insert(data_index);
                    }
                    Ok(_) => {}
                    Err(_) => break, // reported when the body is rewritten
                }
            }
        }
        uses
    }
}

/// Lays out the area for the passive segments `segments` (data index,
/// bytes) that `memory.init` uses, starting at `initial_base`; `new_global`
/// appends a mutable `i32` global with the given value and returns its
/// index. `None` when no passive segment is used.
pub(super) fn layout(
    segments: &[(u32, usize)],
    uses: &Uses,
    initial_base: u64,
    mut new_global: impl FnMut(i64) -> u32,
) -> Option<Passive> {
    let used: Vec<&(u32, usize)> = segments.iter().filter(|(s, _)| uses.init.contains(s)).collect();
    if used.is_empty() {
        return None;
    }
    let base_global = new_global(initial_base as i64);
    let live_global = new_global(used.len() as i64);
    let mut kept = BTreeMap::new();
    let mut offset = 0u64;
    for &&(s, len) in &used {
        let len_global = uses.drop.contains(&s).then(|| new_global(len as i64));
        kept.insert(s, Kept { offset, len: len as u32, len_global });
        offset = (offset + len as u64).next_multiple_of(8);
    }
    let bytes = offset.max(1).next_multiple_of(PAGE);
    Some(Passive { base_global, live_global, bytes, initial_base, kept })
}

/// `memory.init segment memory`: (dst, src, len), trapping as the
/// instruction does, then a copy from the area.
pub(super) fn init_body(ctx: &mut Ctx, segment: u32, memory: u32) -> Body {
    let (dst, src, len) = (0, 1, 2);
    let memmove = ctx.helpers.get(Helper::MemMove);
    let mut b = Builder::new(3);
    // The region first: WASM3 0.4.7 cannot compile `memory.size` while an
    // i64 sits in its register (see `check_range`).
    check_range(ctx, &mut b, memory, dst, len);
    let kept = ctx.passive.as_ref().and_then(|p| p.kept.get(&segment).map(|k| (p.base_global, k)));
    // src + len <= the segment's current length (0 for a segment not kept:
    // an active one, dropped at instantiation).
    match kept {
        Some((_, k)) => match k.len_global {
            Some(g) => b.emit(I::GlobalGet(g)),
            None => b.i32(k.len as i32),
        },
        None => b.i32(0),
    }
    b.emit(I::I64ExtendI32U);
    b.wide_sum(src, len);
    b.emit(I::I64LtU);
    b.trap_if();
    if let Some((base, k)) = kept {
        b.get(dst);
        add_region_base(ctx, &mut b, memory);
        b.emit(I::GlobalGet(base));
        if k.offset > 0 {
            b.i32(k.offset as i32);
            b.emit(I::I32Add);
        }
        b.get(src);
        b.emit(I::I32Add);
        b.get(len);
        b.emit(I::Call(memmove));
    }
    b.finish()
}

/// `data.drop segment`: its length becomes 0; the last drop zeroes the
/// area, which then stops moving.
pub(super) fn drop_body(ctx: &mut Ctx, segment: u32) -> Body {
    let memset = ctx.helpers.get(Helper::MemSet);
    let mut b = Builder::new(0);
    let Some(p) = &ctx.passive else { return b.finish() };
    let Some(len_global) = p.kept.get(&segment).and_then(|k| k.len_global) else { return b.finish() };
    b.emit(I::GlobalGet(len_global));
    b.emit(I::If(wasm_encoder::BlockType::Empty));
    b.i32(0);
    b.emit(I::GlobalSet(len_global));
    b.emit(I::GlobalGet(p.live_global));
    b.i32(-1);
    b.emit(I::I32Add);
    b.emit(I::GlobalSet(p.live_global));
    b.emit(I::GlobalGet(p.live_global));
    b.emit(I::I32Eqz);
    b.emit(I::If(wasm_encoder::BlockType::Empty));
    b.emit(I::GlobalGet(p.base_global));
    b.i32(0);
    b.i32(p.bytes as i32);
    b.emit(I::Call(memset));
    b.emit(I::End);
    b.emit(I::End);
    b.finish()
}

/// `memory.grow k` of the top region `k` of a fixed layout, with the data
/// area above it: (delta pages) -> old size of region `k`, or -1. Grows
/// memory 0; while a kept segment is live, moves the area up by the new
/// pages and zeroes what it leaves behind (the top region's new pages must
/// read as zero; once every segment is dropped the area is zero already).
pub(super) fn grow_below_data_body(ctx: &mut Ctx, k: u32) -> Body {
    let memmove = ctx.helpers.get(Helper::MemMove);
    let memset = ctx.helpers.get(Helper::MemSet);
    let region = &ctx.regions[k as usize];
    let size = region.size_global.unwrap_or_default();
    let delta = 0;
    let mut b = Builder::new(1);
    let (old, moved) = (b.local(ValType::I32), b.local(ValType::I32));
    let Some(p) = &ctx.passive else { return b.finish() };
    b.emit(I::GlobalGet(size));
    b.set(old);
    b.get(delta);
    b.emit(I::I32Eqz);
    b.emit(I::If(wasm_encoder::BlockType::Empty));
    b.get(old);
    b.emit(I::Return);
    b.emit(I::End);
    if let Some(capacity) = region.capacity {
        b.sum_exceeds(old, delta, capacity);
        refuse_if(&mut b, ctx.exhausted, k);
    }
    b.get(delta);
    b.emit(I::MemoryGrow(0));
    b.i32(-1);
    b.emit(I::I32Eq);
    refuse_if(&mut b, ctx.exhausted, k);
    b.get(delta);
    b.i32(16);
    b.emit(I::I32Shl);
    b.set(moved);
    b.emit(I::GlobalGet(p.live_global));
    b.emit(I::If(wasm_encoder::BlockType::Empty));
    // memmove(base + moved, base, area); memset(base, 0, min(area, moved))
    b.emit(I::GlobalGet(p.base_global));
    b.get(moved);
    b.emit(I::I32Add);
    b.emit(I::GlobalGet(p.base_global));
    b.i32(p.bytes as i32);
    b.emit(I::Call(memmove));
    b.emit(I::GlobalGet(p.base_global));
    b.i32(0);
    b.get(moved);
    b.i32(p.bytes as i32);
    b.get(moved);
    b.i32(p.bytes as i32);
    b.emit(I::I32LtU);
    b.emit(I::Select);
    b.emit(I::Call(memset));
    b.emit(I::End);
    b.emit(I::GlobalGet(p.base_global));
    b.get(moved);
    b.emit(I::I32Add);
    b.emit(I::GlobalSet(p.base_global));
    grown(b, size, old, delta)
}
