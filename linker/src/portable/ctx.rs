//! The state of the `portable` lowering that every part of it reads: how
//! code reaches each region ([`Region`], [`Ctx`]), the helpers asked for so
//! far ([`Helpers`]), the passive data area ([`Passive`]), and the small
//! emitters the rewrite and the helpers share (a region's base and size, a
//! range check, the end of a growth helper). A leaf of `portable/`: the
//! rewrite, the helpers and the passive-data code all use it, it uses none
//! of them.

use std::collections::{BTreeMap, HashMap};

use wasm_encoder::{Function as Body, Instruction as I};

use super::refuse::{Feature, Why};
use crate::emit::Builder;

/// How code reaches one region: its placement and the globals behind it.
pub(super) struct Region {
    /// Byte address of the region's address 0: constant in the fixed layout,
    /// the value at instantiation in the movable one.
    pub base: u64,
    /// Pages the region may grow to (`None`: as far as memory 0 grows).
    pub capacity: Option<u64>,
    /// The last region of a fixed layout: it grows with memory 0 itself.
    pub top: bool,
    /// Global `size_k` (pages), when there are several regions. (Even the
    /// top region of a fixed layout keeps one rather than reading
    /// `memory.size`: WASM3 0.4.7 cannot compile `memory.size` while an i64
    /// sits in its register, which the adapters' bounds checks do.)
    pub size_global: Option<u32>,
    /// Global `base_k` (bytes): regions `k > 0` of a movable layout.
    pub base_global: Option<u32>,
}

/// One table of the input, as a slice of the output's one table.
pub(super) struct Slot {
    pub initial: u64,
    pub base: u64,
}

/// What a body rewrite needs to know about the module.
pub(super) struct Ctx {
    pub regions: Vec<Region>,
    /// Per memory, what `Fold` adds to memarg offsets: the constant bases
    /// of a fixed layout, zeros for a movable one.
    pub offsets: Vec<u64>,
    pub fixed: bool,
    /// Global `exhausted`: the region that last refused to grow, or -1.
    pub exhausted: Option<u32>,
    pub tables: Vec<Slot>,
    /// Helpers by what they do; function indices are assigned on demand.
    pub helpers: Helpers,
    pub multi: bool,
    /// `--bounds-checks`: every plain load and store is checked against its
    /// own region (a module cannot read or write another's).
    pub bounds_checks: bool,
    /// Per type index: the feature beyond the profile its values need.
    pub type_features: Vec<Option<Feature>>,
    /// Per type index: whether a rewritten body refers to it.
    pub used_types: Vec<bool>,
    /// The passive data segments' area, when `memory.init` is used.
    pub passive: Option<Passive>,
}

impl Ctx {
    /// Records a body's use of type `ty`; refuses it if its values need a
    /// feature beyond the profile.
    pub fn use_type(&mut self, ty: u32) -> Result<(), Why> {
        if let Some(used) = self.used_types.get_mut(ty as usize) {
            *used = true;
        }
        match self.type_features.get(ty as usize).copied().flatten() {
            Some(feature) => Err(Why::Feature(feature, "a type with `v128` or reference values".to_string())),
            None => Ok(()),
        }
    }

    pub fn use_block_type(&mut self, ty: &wasmparser::BlockType) -> Result<(), Why> {
        match ty {
            wasmparser::BlockType::Empty => Ok(()),
            wasmparser::BlockType::Type(t) => match Feature::of_type(t) {
                Some(feature) => Err(Why::Feature(feature, format!("a block of `{t}`"))),
                None => Ok(()),
            },
            wasmparser::BlockType::FuncType(index) => self.use_type(*index),
        }
    }
}

/// The data area and the segments it keeps.
pub(super) struct Passive {
    /// Global: the area's address (moves up with the top region's growth).
    pub base_global: u32,
    /// Global: how many kept segments have not been dropped.
    pub live_global: u32,
    /// The area's size in bytes (whole pages).
    pub bytes: u64,
    /// Where the area starts when the module is instantiated.
    pub initial_base: u64,
    /// Kept segments by data index.
    pub kept: BTreeMap<u32, Kept>,
}

/// One passive segment kept in the area.
pub(super) struct Kept {
    /// Its offset in the area.
    pub offset: u64,
    pub len: u32,
    /// Global: its current length (`len`, 0 once dropped), if any
    /// `data.drop` names it; a segment never dropped keeps `len`.
    pub len_global: Option<u32>,
}

impl Passive {
    /// Whether `data.drop` of segment `s` has anything to do.
    pub fn droppable(&self, s: u32) -> bool {
        self.kept.get(&s).is_some_and(|k| k.len_global.is_some())
    }
}

/// What a helper does.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) enum Helper {
    /// `memory.grow k`: (delta pages) -> old size of region `k`, or -1.
    Grow(u32),
    /// `memory.copy dst src`: (dst, src, len), bounds-checked per region.
    Copy { dst: u32, src: u32 },
    /// `memory.fill k`: (dst, value, len), bounds-checked in region `k`.
    Fill(u32),
    /// (dst, src, len) at absolute addresses, overlapping allowed, unchecked.
    MemMove,
    /// (dst, value, len) at absolute addresses, unchecked.
    MemSet,
    /// () -> the region that last refused to grow, or -1; exported.
    Exhausted,
    /// `memory.init segment memory`: (dst, src, len) from the data area
    /// ([`super::passive`]).
    MemoryInit { segment: u32, memory: u32 },
    /// `data.drop segment` of a segment kept in the data area.
    DataDrop(u32),
    /// `memory.grow k` of a fixed layout's top region `k` with the data area
    /// above it: (delta pages) -> old size, or -1; moves the area.
    GrowBelowData(u32),
}

impl Helper {
    pub fn name(self) -> String {
        match self {
            Helper::Grow(k) => format!("portable::grow memory {k}"),
            Helper::Copy { dst, src } => format!("portable::copy memory {src} to memory {dst}"),
            Helper::Fill(k) => format!("portable::fill memory {k}"),
            Helper::MemMove => "portable::memmove".to_string(),
            Helper::MemSet => "portable::memset".to_string(),
            Helper::Exhausted => "portable::exhausted (the region that last refused to grow, or -1)".to_string(),
            Helper::MemoryInit { segment, memory } => {
                format!("portable::memory.init data {segment} to memory {memory}")
            }
            Helper::DataDrop(segment) => format!("portable::data.drop data {segment}"),
            Helper::GrowBelowData(k) => format!("portable::grow memory {k} (moves the passive data area)"),
        }
    }
}

/// The helpers asked for so far; function indices follow the module's own.
#[derive(Default)]
pub(super) struct Helpers {
    pub first: u32,
    pub list: Vec<Helper>,
    index: HashMap<Helper, u32>,
}

impl Helpers {
    /// No helpers yet; the first will be function `first`.
    pub fn new(first: u32) -> Helpers {
        Helpers { first, ..Default::default() }
    }

    /// The function index of `helper`, interned: asked for twice, it is
    /// generated once.
    pub fn get(&mut self, helper: Helper) -> u32 {
        if let Some(&f) = self.index.get(&helper) {
            return f;
        }
        let f = self.first + self.list.len() as u32;
        self.list.push(helper);
        self.index.insert(helper, f);
        f
    }
}

/// Emits: trap unless `local(addr) + local(len) <= size of region k`.
/// (The size is pushed first: WASM3 0.4.7 fails to compile `memory.size`
/// while an i64 sits in its register, "no operation found for opcode".)
pub(super) fn check_range(ctx: &Ctx, b: &mut Builder, k: u32, addr: u32, len: u32) {
    region_bytes(ctx, b, k);
    b.wide_sum(addr, len);
    b.emit(I::I64LtU);
    b.trap_if();
}

/// `addr` on the stack -> the absolute address of region `k`'s `addr`.
pub(super) fn add_region_base(ctx: &Ctx, b: &mut Builder, k: u32) {
    let region = &ctx.regions[k as usize];
    if let Some(g) = region.base_global {
        b.emit(I::GlobalGet(g));
        b.emit(I::I32Add);
    } else if region.base > 0 {
        b.i32(region.base as i32);
        b.emit(I::I32Add);
    }
}

/// The current size of region `k` in pages (what `memory.size k` was).
pub(super) fn region_pages<'a>(ctx: &Ctx, k: u32) -> [I<'a>; 1] {
    match ctx.regions[k as usize].size_global {
        Some(g) => [I::GlobalGet(g)],
        None => [I::MemorySize(0)], // the only memory
    }
}

/// Pushes the current size of region `k` in bytes, as an i64.
pub(super) fn region_bytes(ctx: &Ctx, b: &mut Builder, k: u32) {
    let [size] = region_pages(ctx, k);
    b.emit(size);
    b.pages_to_bytes();
}

/// The end of every growth helper: `size += delta`, return the old size.
pub(super) fn grown(mut b: Builder, size: u32, old: u32, delta: u32) -> Body {
    b.get(old);
    b.get(delta);
    b.emit(I::I32Add);
    b.emit(I::GlobalSet(size));
    b.get(old);
    b.finish()
}

/// If the `i32` on the stack is non-zero: record region `k` as the one
/// that refused to grow (when the output tells the host) and return -1.
pub(super) fn refuse_if(b: &mut Builder, exhausted: Option<u32>, k: u32) {
    b.emit(I::If(wasm_encoder::BlockType::Empty));
    if let Some(exhausted) = exhausted {
        b.i32(k as i32);
        b.emit(I::GlobalSet(exhausted));
    }
    b.i32(-1);
    b.emit(I::Return);
    b.emit(I::End);
}
