//! The functions the `portable` lowering adds: region growth, bounds-checked
//! copies and fills between regions, and the exhaustion query. Each is
//! interned by what it does ([`Helper`]) and generated once per output.

use wasm_encoder::{Function as Body, Instruction as I, ValType};
use wasmparser::{FuncType, ValType as V};

use super::ctx::{add_region_base, check_range, grown, refuse_if, Ctx, Helper};
use crate::emit::{memarg, Builder};

/// The type and body of `helper` (which may ask for further helpers).
pub(super) fn body(ctx: &mut Ctx, helper: Helper) -> (FuncType, Body) {
    let three = FuncType::new([V::I32, V::I32, V::I32], []);
    match helper {
        Helper::Copy { dst, src } => (three, copy(ctx, dst, src)),
        Helper::Fill(k) => (three, fill(ctx, k)),
        Helper::MemSet => (three, memset()),
        Helper::MemMove => (three, memmove()),
        Helper::Grow(k) if ctx.fixed => (FuncType::new([V::I32], [V::I32]), grow_fixed(ctx, k)),
        Helper::Grow(k) => (FuncType::new([V::I32], [V::I32]), grow_movable(ctx, k)),
        Helper::Exhausted => {
            let mut b = Builder::new(0);
            b.emit(I::GlobalGet(ctx.exhausted.unwrap_or_default()));
            (FuncType::new([], [V::I32]), b.finish())
        }
        Helper::MemoryInit { segment, memory } => (three, super::passive::init_body(ctx, segment, memory)),
        Helper::DataDrop(segment) => (FuncType::new([], []), super::passive::drop_body(ctx, segment)),
        Helper::GrowBelowData(k) => (FuncType::new([V::I32], [V::I32]), super::passive::grow_below_data_body(ctx, k)),
    }
}

/// (dst, src, len): like `memory.copy`, bounds-checked per region.
fn copy(ctx: &mut Ctx, dst: u32, src: u32) -> Body {
    let memmove = ctx.helpers.get(Helper::MemMove);
    let mut b = Builder::new(3);
    check_range(ctx, &mut b, dst, 0, 2);
    check_range(ctx, &mut b, src, 1, 2);
    b.get(0);
    add_region_base(ctx, &mut b, dst);
    b.get(1);
    add_region_base(ctx, &mut b, src);
    b.get(2);
    b.emit(I::Call(memmove));
    b.finish()
}

/// (dst, value, len): like `memory.fill`, bounds-checked in region `k`.
fn fill(ctx: &mut Ctx, k: u32) -> Body {
    let memset = ctx.helpers.get(Helper::MemSet);
    let mut b = Builder::new(3);
    check_range(ctx, &mut b, k, 0, 2);
    b.get(0);
    add_region_base(ctx, &mut b, k);
    b.get(1);
    b.get(2);
    b.emit(I::Call(memset));
    b.finish()
}

/// The widest step of [`memset`] and [`memmove`], in bytes: sixteen 8-byte
/// words. An interpreter pays per instruction dispatched and a compiler per
/// backward branch, so the wide step is what makes a large copy or fill
/// cheap (BENCHMARKS.md section 2); WASM3 has no SIMD, so words are 8 bytes.
const WIDE: i32 = 128;

/// The steps of [`memset`] and [`memmove`]: wide, then words, then bytes.
const STEPS: [i32; 3] = [WIDE, 8, 1];

/// (dst, value, len) at absolute addresses: [`WIDE`] bytes per step (8-byte
/// stores of the byte repeated), then 8, then 1.
fn memset() -> Body {
    let (dst, value) = (0, 1);
    let mut b = Builder::new(3);
    let word = b.local(ValType::I64);
    let stop = b.local(ValType::I32);
    // word = (value & 0xff) * 0x0101_0101_0101_0101
    b.get(value);
    b.i32(0xff);
    b.emit(I::I32And);
    b.emit(I::I64ExtendI32U);
    b.emit(I::I64Const(0x0101_0101_0101_0101));
    b.emit(I::I64Mul);
    b.set(word);
    for width in STEPS {
        steps(&mut b, width, true, stop, None, |b| {
            if width == 1 {
                b.get(dst);
                b.get(value);
                b.emit(I::I32Store8(memarg(0, 0, 0)));
            } else {
                for k in (0..width as u64).step_by(8) {
                    b.get(dst);
                    b.get(word);
                    b.emit(I::I64Store(memarg(k, 0, 0)));
                }
            }
        });
    }
    b.finish()
}

/// (dst, src, len) at absolute addresses, overlapping allowed: [`WIDE`]
/// bytes per step, then 8, then 1; backwards when dst > src.
fn memmove() -> Body {
    let (dst, src, len) = (0, 1, 2);
    let mut b = Builder::new(3);
    let stop = b.local(ValType::I32);
    b.get(dst);
    b.get(src);
    b.emit(I::I32GtU);
    b.emit(I::If(wasm_encoder::BlockType::Empty));
    // Backwards: start from the ends.
    for l in [dst, src] {
        b.get(l);
        b.get(len);
        b.emit(I::I32Add);
        b.set(l);
    }
    for width in STEPS {
        steps(&mut b, width, false, stop, Some(src), |b| move_step(b, width, false));
    }
    b.emit(I::Else);
    for width in STEPS {
        steps(&mut b, width, true, stop, Some(src), |b| move_step(b, width, true));
    }
    b.emit(I::End);
    b.finish()
}

/// Runs `step` once per `width` bytes of `len` (local 2), moving `dst`
/// (local 0) and, for [`memmove`], `src` (local 1) forwards or backwards;
/// leaves `len % width` in `len`. The loop compares `dst` with a
/// precomputed `stop` instead of counting, so a step costs its loads and
/// stores, one add per pointer and a compare. Backwards, the pointers are
/// moved before the step, so they point at its start.
fn steps(b: &mut Builder, width: i32, forward: bool, stop: u32, src: Option<u32>, step: impl FnOnce(&mut Builder)) {
    let (dst, len) = (0, 2);
    // stop = dst ± (len & -width); len &= width - 1
    b.get(dst);
    b.get(len);
    b.i32(-width);
    b.emit(I::I32And);
    b.emit(if forward { I::I32Add } else { I::I32Sub });
    b.set(stop);
    b.get(len);
    b.i32(width - 1);
    b.emit(I::I32And);
    b.set(len);
    b.begin_loop();
    b.get(dst);
    b.get(stop);
    b.emit(I::I32Eq);
    b.break_if();
    let by = if forward { width } else { -width };
    if !forward {
        b.bump(dst, by);
        if let Some(src) = src {
            b.bump(src, by);
        }
    }
    step(b);
    if forward {
        b.bump(dst, by);
        if let Some(src) = src {
            b.bump(src, by);
        }
    }
    b.end_loop();
}

/// One `width`-byte step of [`memmove`] at `dst`/`src`. The 8-byte words of
/// a step are copied in the direction of travel, so an overlap never reads
/// a byte the step has already written.
fn move_step(b: &mut Builder, width: i32, forward: bool) {
    let (dst, src) = (0, 1);
    if width == 1 {
        b.get(dst);
        b.get(src);
        b.emit(I::I32Load8U(memarg(0, 0, 0)));
        b.emit(I::I32Store8(memarg(0, 0, 0)));
        return;
    }
    let words: Vec<u64> = (0..width as u64).step_by(8).collect();
    let order: Vec<u64> = if forward { words } else { words.into_iter().rev().collect() };
    for k in order {
        b.get(dst);
        b.get(src);
        b.emit(I::I64Load(memarg(k, 0, 0)));
        b.emit(I::I64Store(memarg(k, 0, 0)));
    }
}

/// `memory.grow k` of a fixed layout: (delta pages) -> old size of region
/// `k`, or -1. Below the top, the pages up to the capacity are already part
/// of memory 0 (the regions above start past them), so growing is bumping
/// `size_k`; the top region grows memory 0 itself. Nothing moves and no
/// page is zeroed: a page past a region's size was never written, unless by
/// a stray store that `multi-memory` would have trapped (without
/// `--bounds-checks` the portable profile does not promise isolation). A
/// refusal is recorded in `exhausted` for the host.
fn grow_fixed(ctx: &Ctx, k: u32) -> Body {
    let region = &ctx.regions[k as usize];
    let size = region.size_global.unwrap_or_default();
    let delta = 0;
    let mut b = Builder::new(1);
    let old = b.local(ValType::I32);
    b.emit(I::GlobalGet(size));
    b.set(old);
    if region.top {
        // Memory 0's own growth (bounded by the output memory's maximum
        // when the top region has a capacity).
        b.get(delta);
        b.emit(I::MemoryGrow(0));
        b.i32(-1);
        b.emit(I::I32Eq);
    } else {
        // Below the top, the pages up to the capacity are already there.
        b.sum_exceeds(old, delta, region.capacity.unwrap_or_default());
    }
    refuse_if(&mut b, ctx.exhausted, k);
    grown(b, size, old, delta)
}

/// `memory.grow k` of a movable layout: grows memory 0, moves every region
/// above `k` up by the new pages (a backward copy), zeroes region `k`'s new
/// pages, bumps the bases above, and returns region `k`'s old size, or -1.
fn grow_movable(ctx: &mut Ctx, k: u32) -> Body {
    let memmove = ctx.helpers.get(Helper::MemMove);
    let memset = ctx.helpers.get(Helper::MemSet);
    let region = &ctx.regions[k as usize];
    let size = region.size_global.unwrap_or_default();
    let delta = 0;
    let mut b = Builder::new(1);
    let (old, total, moved) = (b.local(ValType::I32), b.local(ValType::I32), b.local(ValType::I32));
    b.emit(I::GlobalGet(size));
    b.set(old);
    // A region's own maximum, if it declared one.
    if let Some(max) = region.capacity {
        b.sum_exceeds(old, delta, max);
        b.return_if(-1);
    }
    b.get(delta);
    b.emit(I::I32Eqz);
    b.emit(I::If(wasm_encoder::BlockType::Empty));
    b.get(old);
    b.emit(I::Return);
    b.emit(I::End);
    b.get(delta);
    b.emit(I::MemoryGrow(0));
    b.emit(I::LocalTee(total));
    b.i32(-1);
    b.emit(I::I32Eq);
    b.return_if(-1);
    let above: Vec<u32> = ctx.regions[k as usize + 1..].iter().filter_map(|r| r.base_global).collect();
    if let Some(&first_above) = above.first() {
        move_regions_up(&mut b, &above, first_above, (delta, total, moved), (memmove, memset));
    }
    b.emit(I::GlobalGet(size));
    b.get(delta);
    b.emit(I::I32Add);
    b.emit(I::GlobalSet(size));
    b.get(old);
    b.finish()
}

/// The body of [`grow_movable`] that moves every region above the growing
/// one up by `delta` pages and zeroes the growing region's new pages.
fn move_regions_up(b: &mut Builder, above: &[u32], first_above: u32, locals: (u32, u32, u32), funcs: (u32, u32)) {
    let (delta, total, moved) = locals;
    let (memmove, memset) = funcs;
    // memmove(base_{k+1} + delta*64K, base_{k+1}, old_total*64K - base_{k+1})
    b.get(delta);
    b.i32(16);
    b.emit(I::I32Shl);
    b.set(moved);
    b.emit(I::GlobalGet(first_above));
    b.get(moved);
    b.emit(I::I32Add);
    b.emit(I::GlobalGet(first_above));
    b.get(total);
    b.i32(16);
    b.emit(I::I32Shl);
    b.emit(I::GlobalGet(first_above));
    b.emit(I::I32Sub);
    b.emit(I::Call(memmove));
    // The new pages of region k (where region k+1 started) must read as zero.
    b.emit(I::GlobalGet(first_above));
    b.i32(0);
    b.get(moved);
    b.emit(I::Call(memset));
    for &g in above {
        b.emit(I::GlobalGet(g));
        b.get(moved);
        b.emit(I::I32Add);
        b.emit(I::GlobalSet(g));
    }
}
