//! The `portable` lowering: one memory, one table, MVP instructions only, so
//! the output runs on WASM3 0.4.7 (and every other engine).
//!
//! Input: a valid merged module (any number of memories and tables, bulk
//! memory) and the owner of each memory. Output: the same program with
//!
//! - **one memory.** Memory `k` becomes a region of memory 0, placed by
//!   [`crate::layout`]: memory 0 (the main module's) at base 0, so the host's
//!   view of the exported memory does not change and the main module's code
//!   is not rewritten at all.
//!   - *Fixed layout* (default): bases are constants. A load or store of
//!     region `k` is the same instruction with `base_k` added to its memarg
//!     offset: no instruction added. (A memarg offset is added without
//!     wrapping, so an address that would wrap past 4 GiB traps instead of
//!     landing in another region.) `memory.size k` reads `size_k` (a global)
//!     or, for the top region, `memory.size 0` minus its base; `memory.grow k`
//!     bumps `size_k` within the capacity and returns -1 beyond it (the top
//!     region grows memory 0 itself). Nothing ever moves.
//!   - *Movable layout*: bases live in globals; loads and stores of memory
//!     `k > 0` add `base_k` to the address; `memory.grow k` grows memory 0,
//!     moves every region above `k` up by the new pages (a backward copy),
//!     zeroes the new pages of region `k`, and returns its old size.
//!
//!   Either way each region stays contiguous and starts at its own address 0:
//!   allocators that use `memory.grow`'s result (dlmalloc) and allocators
//!   that assume contiguity (sbrk) both work. A region that refused to grow
//!   is remembered, and the exported function `wasmer-link.exhausted` tells
//!   the host which, so it can say which module reached its reservation.
//! - **one table.** Table `k`'s entries follow table `k - 1`'s; every
//!   `call_indirect` through table `k` checks the index against table `k`'s
//!   size (a module cannot call into another's entries) and adds its base.
//! - **no bulk memory.** `memory.copy` and `memory.fill` become calls to
//!   generated helpers (bounds-checked like the originals, then an 8-byte
//!   loop for copies, a byte loop for fills). Passive data segments live in
//!   a data area above the top region, and `memory.init`/`data.drop`
//!   become helpers with the instructions' semantics ([`passive`]).
//! - **constant expressions folded** ([`consts`]): extended constant
//!   expressions and `global.get` of known globals become constants.
//! - **one function per export name.** A function exported under several
//!   names (`wit-bindgen` exports one `cabi_post_*` body under the name of
//!   every function whose results need no cleanup beyond it) keeps its first
//!   name; each other name exports a thunk that calls it. WASM3 0.4.7 knows
//!   a function by its first export name only, so without the thunks a host
//!   could not find `cabi_post_<name>` by its own name there.
//! - **minimal encodings.** Everything is re-encoded by `wasm-encoder`, so
//!   the padded LEBs that LLVM leaves in relocatable positions disappear.
//!
//! Invariant: the lowering is additive. Existing functions, globals and
//! types keep their indices; helpers and globals are appended after them
//! (a type that nothing uses and the profile cannot express becomes
//! `(func)`). What it cannot express (SIMD, reference types, bulk table
//! operations, constant expressions that read imported globals, a memory or
//! table imported from the host alongside others) is reported by module,
//! file and function ([`refuse`]), never silently dropped and never left to
//! the final validation.

mod consts;
mod ctx;
mod helpers;
mod parsed;
mod passive;
mod refuse;
mod rewrite;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, ConstExpr, CustomSection, ElementSection, Elements, ExportKind, GlobalType, MemorySection, MemoryType,
    Module, RefType, Section, StartSection, TableSection, TableType, ValType,
};
use wasmparser::{ElementItems, ElementKind, FuncType, Operator};

use crate::error::LinkError;
use crate::ir::debug::{BodyMap, Lowered};
use crate::layout::{self, Layout, Regions, PAGE};
use crate::merge::origins::Origins;
use consts::Folded;
use ctx::{Ctx, Helper, Helpers, Region, Slot};
use parsed::{internal, Parsed};
use refuse::{function_place, place, Feature, Kind, Refusals, Why};

/// What the lowering is told besides the module.
pub struct Options<'a> {
    pub bounds_checks: bool,
    pub layout: Layout,
    /// Capacities in bytes by module name (`--reserve NAME=SIZE`).
    pub reserve: &'a [(String, u64)],
    /// The module that owns each memory of the merged module, in order.
    pub owners: &'a [String],
    /// Record where every instruction goes, for the inputs' debug info.
    pub debug: bool,
}

/// Lowers a merged module to the `portable` profile: parse it, place its
/// memories and tables, fold its constant expressions, rewrite every body,
/// fold elements and data, add the helpers the bodies asked for, assemble.
/// Everything the profile cannot express is reported at once, by module.
pub fn lower(bytes: &[u8], origins: &Origins, options: &Options) -> Result<(Vec<u8>, Lowered), LinkError> {
    let mut refusals = Refusals::default();
    let mut m = Parsed::parse(bytes, origins, &mut refusals)?;
    let placed = match place_memories(&m, options) {
        Ok(placed) => placed,
        Err(problems) => {
            for problem in problems {
                refusals.push_other(problem);
            }
            return Err(LinkError::many(refusals.messages(origins)));
        }
    };
    let globals = fold_globals(&mut m, origins, &mut refusals);
    let uses = passive::Uses::scan(&m.bodies);
    let mut ctx = context(&mut m, &placed, options, &uses)?;
    if ctx.exhausted.is_some() {
        m.exports.export(layout::EXHAUSTED_EXPORT, ExportKind::Func, ctx.helpers.get(Helper::Exhausted));
    }
    let mut maps = options.debug.then(Vec::new);
    let mut code = rewrite_bodies(&mut ctx, &m, origins, &mut refusals, &mut maps)?;
    let data_bases = ctx
        .regions
        .iter()
        .zip(&ctx.offsets)
        .map(|(region, &offset)| region.base_global.is_none().then_some(offset))
        .collect();
    let lowered = Lowered { bodies: maps, data_bases };
    let elements = fold_elements(&ctx, &m, &globals, origins, &mut refusals)?;
    let data = fold_data(&ctx, &m, &globals, origins, &mut refusals)?;
    if !refusals.is_empty() {
        return Err(LinkError::many(refusals.messages(origins)));
    }
    drop_unused_types(&ctx, &mut m);
    add_helpers(&mut ctx, &mut m, &mut code);
    add_aliases(&ctx, &mut m, &mut code);
    let mut module = Module::new();
    module.section(&crate::emit::type_section(&m.types)?);
    module.section(&m.imports);
    module.section(&m.functions);
    if let Some(table) = folded_table(&m.tables) {
        let mut tables = TableSection::new();
        tables.table(table);
        module.section(&tables);
    }
    if !m.memories.is_empty() {
        let area = ctx.passive.as_ref().map_or(0, |p| p.bytes / PAGE);
        let mut memories = MemorySection::new();
        memories.memory(MemoryType {
            minimum: placed.initial_pages() + area,
            maximum: placed.maximum_pages().map(|pages| pages + area),
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&memories);
    }
    module.section(&m.globals);
    module.section(&m.exports);
    if let Some(function_index) = m.start {
        module.section(&StartSection { function_index });
    }
    module.section(&elements);
    module.section(&code);
    module.section(&data);
    let names = crate::emit::Names { funcs: m.names.clone(), ..m.other_names.clone() };
    module.section(&crate::emit::name_section(&names));
    if m.memories.len() > 1 {
        let text = placed.to_section();
        module.section(&CustomSection { name: layout::SECTION.into(), data: text.as_bytes().into() });
    }
    if let Some(producers) = m.producers {
        module.section(&CustomSection { name: "producers".into(), data: producers.into() });
    }
    let mut out = module.finish();
    if let Some(declared) = &m.target_features {
        let data = crate::merge::custom::target_features(declared, crate::profile::Profile::Portable.features());
        CustomSection { name: crate::merge::custom::TARGET_FEATURES.into(), data: data.into() }.append_to(&mut out);
    }
    Ok((out, lowered))
}

/// Where each memory's region goes ([`crate::layout`]).
fn place_memories(m: &Parsed, options: &Options) -> Result<Regions, Vec<String>> {
    let memories: Vec<layout::Memory> = m
        .memories
        .iter()
        .enumerate()
        .map(|(k, memory)| layout::Memory {
            owner: options.owners.get(k).cloned().unwrap_or_else(|| format!("memory {k}")),
            initial: memory.initial,
            maximum: memory.maximum,
        })
        .collect();
    Regions::place(&memories, options.layout, options.reserve)
}

/// The module's own globals, their initializers folded to what the profile
/// can express, into the output's global section; returns what a
/// `global.get` of each global folds to, for the other constant
/// expressions.
fn fold_globals(m: &mut Parsed, origins: &Origins, refusals: &mut Refusals) -> Vec<Option<Folded>> {
    let imported = m.imported_globals as usize;
    let mut known: Vec<Option<Folded>> = m.global_types[..imported]
        .iter()
        .enumerate()
        .map(|(g, ty)| (!ty.mutable).then_some(Folded::Global(g as u32)))
        .collect();
    let defined: Vec<(wasmparser::GlobalType, wasmparser::ConstExpr)> =
        m.global_types[imported..].iter().copied().zip(m.global_inits.iter().cloned()).collect();
    for (i, (ty, init)) in defined.iter().enumerate() {
        let g = imported + i;
        let place = || place(origins.globals.get(g).copied().flatten(), Kind::Global);
        let val_type = match RoundtripReencoder.val_type(ty.content_type) {
            Ok(t) if Feature::of_type(&ty.content_type).is_none() => t,
            _ => {
                let feature = Feature::of_type(&ty.content_type).unwrap_or(Feature::ReferenceTypes);
                refusals.push(place(), feature, format!("a global of `{}`", ty.content_type));
                known.push(None);
                continue;
            }
        };
        let folded = match consts::fold(init, &known) {
            Ok(folded) => folded,
            Err((feature, name)) => {
                refusals.push(place(), feature, name);
                known.push(None);
                continue;
            }
        };
        m.globals.global(GlobalType { val_type, mutable: ty.mutable, shared: false }, &folded.encode());
        known.push((!ty.mutable).then_some(folded));
    }
    known
}

/// The rewrite's context: each region's globals (appended to the module's
/// globals), each table's slot, the helper index space, the data area.
fn context(m: &mut Parsed, placed: &Regions, options: &Options, uses: &passive::Uses) -> Result<Ctx, LinkError> {
    let segments = m.passive_segments()?;
    let has_area = segments.iter().any(|(s, _)| uses.init.contains(s));
    let several = m.memories.len() > 1;
    let multi = several || has_area;
    let fixed = options.layout == Layout::Fixed;
    let globals = &mut m.globals;
    let mut next_global = m.global_types.len() as u32;
    let mut new_global = |init: i64| {
        let ty = GlobalType { val_type: ValType::I32, mutable: true, shared: false };
        globals.global(ty, &ConstExpr::i32_const(init as i32));
        next_global += 1;
        next_global - 1
    };
    let mut regions = Vec::new();
    for (k, r) in placed.regions.iter().enumerate() {
        let top = fixed && k + 1 == placed.regions.len();
        let size_global = multi.then(|| new_global(r.initial as i64));
        let base_global = (multi && !fixed && k > 0).then(|| new_global(r.base as i64));
        regions.push(Region { base: r.base, capacity: r.capacity, top, size_global, base_global });
    }
    let exhausted = (several && fixed).then(|| new_global(-1));
    let passive = passive::layout(&segments, uses, placed.initial_pages() * PAGE, &mut new_global);
    if let Some(p) = &passive {
        let pages = placed.initial_pages() + p.bytes / PAGE;
        let maximum = placed.maximum_pages().map_or(0, |max| max + p.bytes / PAGE);
        if pages.max(maximum) > 65536 {
            return Err(LinkError::one(format!(
                "the passive data segments need {} KiB of memory after the regions, and they do not fit in the 4 GiB of one 32-bit memory: lower the reservations with `--reserve NAME=SIZE`",
                p.bytes / 1024
            )));
        }
        // Movable: the area is one more region, above all, moved with them.
        if !fixed {
            regions.push(Region {
                base: p.initial_base,
                capacity: Some(p.bytes / PAGE),
                top: false,
                size_global: None,
                base_global: Some(p.base_global),
            });
        }
    }
    let mut table_base = 0u64;
    let tables = m
        .tables
        .iter()
        .map(|t| {
            let slot = Slot { initial: t.initial, base: table_base };
            table_base += t.initial;
            slot
        })
        .collect();
    Ok(Ctx {
        offsets: regions.iter().map(|r| if fixed { r.base } else { 0 }).collect(),
        regions,
        fixed,
        exhausted,
        tables,
        helpers: Helpers::new(m.imported_funcs + m.bodies.len() as u32),
        multi,
        bounds_checks: options.bounds_checks,
        type_features: m.types.iter().map(Feature::of_func_type).collect(),
        used_types: vec![false; m.types.len()],
        passive,
    })
}

/// Every function body, rewritten; everything the profile cannot express
/// is refused by module and function.
fn rewrite_bodies(
    ctx: &mut Ctx,
    m: &Parsed,
    origins: &Origins,
    refusals: &mut Refusals,
    maps: &mut Option<Vec<BodyMap>>,
) -> Result<CodeSection, LinkError> {
    for &ty in &m.func_types[..m.imported_funcs as usize] {
        if let Some(used) = ctx.used_types.get_mut(ty as usize) {
            *used = true;
        }
    }
    let mut code = CodeSection::new();
    for (i, body) in m.bodies.iter().enumerate() {
        let f = m.imported_funcs + i as u32;
        let ty = m.func_types[f as usize];
        if let Some(used) = ctx.used_types.get_mut(ty as usize) {
            *used = true;
        }
        if let Some(feature) = ctx.type_features.get(ty as usize).copied().flatten() {
            refusals.push(function_place(origins, &m.names, f), feature, "its signature".to_string());
            continue;
        }
        let params = m.types.get(ty as usize).map_or(0, |t| t.params().len() as u32);
        let map = maps.as_mut().map(|maps| {
            maps.push(BodyMap::default());
            maps.last_mut().expect("just pushed")
        });
        match rewrite::rewrite(ctx, body, params, map) {
            Ok(body) => {
                code.function(&body);
            }
            Err(Why::Feature(feature, detail)) => refusals.push(function_place(origins, &m.names, f), feature, detail),
            Err(Why::Features(all)) => {
                for (feature, detail) in all {
                    refusals.push(function_place(origins, &m.names, f), feature, detail);
                }
            }
            Err(Why::Internal(why)) => {
                let name = m.names.get(&f).cloned().unwrap_or_else(|| format!("function {f}"));
                return Err(internal(format!("`{name}` could not be rewritten: {why}")));
            }
        }
    }
    Ok(code)
}

/// A type that no function, `call_indirect` or block uses, and that the
/// profile cannot express (a dead function's, once merging dropped it),
/// becomes `(func)`: indices stay, the output validates.
fn drop_unused_types(ctx: &Ctx, m: &mut Parsed) {
    for (t, ty) in m.types.iter_mut().enumerate() {
        let unused = !ctx.used_types.get(t).copied().unwrap_or(true);
        if unused && ctx.type_features.get(t).copied().flatten().is_some() {
            *ty = FuncType::new([], []);
        }
    }
}

/// The function section, then the helpers the bodies asked for (generating
/// one may ask for another: growth needs memmove).
fn add_helpers(ctx: &mut Ctx, m: &mut Parsed, code: &mut CodeSection) {
    for f in m.imported_funcs as usize..m.func_types.len() {
        m.functions.function(m.func_types[f]);
    }
    let mut done = 0;
    while done < ctx.helpers.list.len() {
        let helper = ctx.helpers.list[done];
        let (ty, body) = helpers::body(ctx, helper);
        let type_index = match m.types.iter().position(|t| *t == ty) {
            Some(i) => i as u32,
            None => {
                m.types.push(ty);
                m.types.len() as u32 - 1
            }
        };
        m.functions.function(type_index);
        code.function(&body);
        m.names.insert(ctx.helpers.first + done as u32, helper.name());
        done += 1;
    }
}

/// A thunk for each export name of a function exported under another name
/// first (module docs): it passes its parameters on and returns what the
/// function returns. Appended after the helpers, so no index moves.
fn add_aliases(ctx: &Ctx, m: &mut Parsed, code: &mut CodeSection) {
    let first = ctx.helpers.first + ctx.helpers.list.len() as u32;
    for (k, (name, f)) in std::mem::take(&mut m.aliases).into_iter().enumerate() {
        let type_index = m.func_types[f as usize];
        let params = m.types[type_index as usize].params().len() as u32;
        let mut body = wasm_encoder::Function::new([]);
        for p in 0..params {
            body.instruction(&wasm_encoder::Instruction::LocalGet(p));
        }
        body.instruction(&wasm_encoder::Instruction::Call(f));
        body.instruction(&wasm_encoder::Instruction::End);
        let thunk = first + k as u32;
        m.functions.function(type_index);
        code.function(&body);
        m.exports.export(&name, ExportKind::Func, thunk);
        m.names.insert(
            thunk,
            format!("{name} (calls {})", m.names.get(&f).map_or_else(|| format!("function {f}"), |n| n.clone())),
        );
    }
}

/// Every element segment, into table 0 at its table's base.
fn fold_elements(
    ctx: &Ctx,
    m: &Parsed,
    globals: &[Option<Folded>],
    origins: &Origins,
    refusals: &mut Refusals,
) -> Result<ElementSection, LinkError> {
    let mut segments: Vec<(i64, Vec<u32>)> = Vec::new();
    for (e, element) in m.elements.clone().into_iter().flatten().enumerate() {
        let element = element.map_err(internal)?;
        let place = || place(origins.elems.get(e).copied().flatten(), Kind::ElementSegment);
        let mut funcs: Vec<u32> = Vec::new();
        match element.items {
            ElementItems::Functions(r) => {
                funcs = r.into_iter().collect::<Result<_, _>>().map_err(internal)?;
            }
            ElementItems::Expressions(_, r) => {
                for expr in r {
                    match expr.map_err(internal)?.get_operators_reader().read() {
                        Ok(Operator::RefFunc { function_index }) => funcs.push(function_index),
                        _ => refusals.push(place(), Feature::ReferenceTypes, "a null entry".to_string()),
                    }
                }
            }
        }
        // Passive and declared segments serve only `table.init`/`ref.func`,
        // refused in bodies.
        if let ElementKind::Active { table_index, offset_expr } = element.kind {
            let offset = match consts::fold(&offset_expr, globals).map(Folded::i32) {
                Ok(Some(offset)) => offset,
                Ok(None) => {
                    refusals.push_other(format!(
                        "{} places an element segment at an imported global's value, which the `portable` profile cannot add its table's place in the folded table to",
                        who(origins, origins.elems.get(e).copied().flatten())
                    ));
                    continue;
                }
                Err((feature, name)) => {
                    refusals.push(place(), feature, name);
                    continue;
                }
            };
            let base = ctx.tables.get(table_index.unwrap_or(0) as usize).map_or(0, |t| t.base);
            let at = offset as u32 as i64 + base as i64;
            segments.push((at, funcs));
        }
    }
    // WASM3 0.4.7 sizes its table by the end of the LAST segment it
    // initializes (it reallocates the table to each segment's end, smaller
    // too), so a segment ending below an earlier one loses the entries above
    // it. Segments of different modules never overlap (each table has its
    // own place): in offset order, every end is the largest yet. Overlapping
    // segments keep their order, which decides what an entry holds.
    let overlap = {
        let mut spans: Vec<(i64, i64)> = segments.iter().map(|(at, f)| (*at, at + f.len() as i64)).collect();
        spans.sort();
        spans.windows(2).any(|w| w[1].0 < w[0].1)
    };
    if !overlap {
        segments.sort_by_key(|(at, _)| *at);
    }
    let mut elements = ElementSection::new();
    for (at, funcs) in segments {
        elements.active(None, &ConstExpr::i32_const(at as i32), Elements::Functions(funcs.into()));
    }
    Ok(elements)
}

/// Every active data segment, into memory 0 at its region's base; every
/// passive one that `memory.init` uses, into the data area.
fn fold_data(
    ctx: &Ctx,
    m: &Parsed,
    globals: &[Option<Folded>],
    origins: &Origins,
    refusals: &mut Refusals,
) -> Result<wasm_encoder::DataSection, LinkError> {
    let mut data = wasm_encoder::DataSection::new();
    for (d, datum) in m.data.clone().into_iter().flatten().enumerate() {
        let datum = datum.map_err(internal)?;
        let module = origins.data.get(d).copied().flatten();
        match datum.kind {
            wasmparser::DataKind::Active { memory_index, offset_expr } => {
                let offset = match consts::fold(&offset_expr, globals).map(Folded::i32) {
                    Ok(Some(offset)) => offset,
                    Ok(None) => {
                        refusals.push_other(format!(
                            "{} places a data segment at an imported global's value, which the `portable` profile cannot move into the module's region (a dynamic-linking module?)",
                            who(origins, module)
                        ));
                        continue;
                    }
                    Err((feature, name)) => {
                        refusals.push(place(module, Kind::DataSegment), feature, name);
                        continue;
                    }
                };
                // A segment past its memory's initial size makes the module
                // fail to instantiate on its own (and in `multi-memory`);
                // folded into one memory it would land in another region.
                let initial = m.memories.get(memory_index as usize).map_or(0, |mem| mem.initial * layout::PAGE);
                let end = offset as u32 as u64 + datum.data.len() as u64;
                if end > initial {
                    refusals.push_other(format!(
                        "{} has a data segment ({} bytes at offset {}) that does not fit its memory of {} bytes, so it cannot be instantiated even alone: fix the module (its memory's initial size or the segment)",
                        who(origins, module),
                        datum.data.len(),
                        offset as u32,
                        initial
                    ));
                    continue;
                }
                let base = ctx.regions.get(memory_index as usize).map_or(0, |r| r.base);
                let at = offset as u32 as u64 + base;
                data.active(0, &ConstExpr::i32_const(at as i32), datum.data.iter().copied());
            }
            wasmparser::DataKind::Passive => {
                let kept =
                    ctx.passive.as_ref().and_then(|p| p.kept.get(&(d as u32)).map(|k| p.initial_base + k.offset));
                if let Some(at) = kept {
                    data.active(0, &ConstExpr::i32_const(at as i32), datum.data.iter().copied());
                }
            }
        }
    }
    Ok(data)
}

/// `module `m` (file)`, or the host's imports.
fn who(origins: &Origins, module: Option<usize>) -> String {
    match module {
        Some(m) => format!("module {}", origins.label(m)),
        None => "the link".to_string(),
    }
}

/// The one table: every table's entries after the previous table's.
fn folded_table(tables: &[wasmparser::TableType]) -> Option<TableType> {
    if tables.is_empty() {
        return None;
    }
    let total: u64 = tables.iter().map(|t| t.initial).sum();
    let fixed = tables.iter().all(|t| t.maximum == Some(t.initial));
    Some(TableType {
        element_type: RefType::FUNCREF,
        table64: false,
        minimum: total,
        maximum: fixed.then_some(total),
        shared: false,
    })
}
