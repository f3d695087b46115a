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
//!   loop for copies, a byte loop for fills).
//! - **minimal encodings.** Everything is re-encoded by `wasm-encoder`, so
//!   the padded LEBs that LLVM leaves in relocatable positions disappear.
//!
//! Invariant: the lowering is additive. Existing functions, globals and
//! types keep their indices; helpers and globals are appended after them.
//! What it cannot express (`memory.init`, table instructions, a memory or
//! table imported from the host alongside others) is reported, never
//! silently dropped.

use std::collections::{BTreeMap, HashMap};

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{
    BlockType, CodeSection, ConstExpr, ElementSection, Elements, EntityType, ExportKind, ExportSection,
    Function as Body, FunctionSection, GlobalSection, GlobalType, ImportSection, Instruction as I, MemArg,
    MemArgTarget, MemorySection, MemoryType, Module, RefType, StartSection, TableSection, TableType, ValType,
};
use wasmparser::{
    CompositeInnerType, ElementItems, ElementKind, ExternalKind, FuncType, Name, NameSectionReader, Operator, Parser,
    Payload, TypeRef,
};

use crate::error::{LinkError, Problems};
use crate::layout::{self, Layout, Regions, PAGE};

/// How code reaches one region: its placement and the globals behind it.
struct Region {
    /// Byte address of the region's address 0: constant in the fixed layout,
    /// the value at instantiation in the movable one.
    base: u64,
    /// Pages the region may grow to (`None`: as far as memory 0 grows).
    capacity: Option<u64>,
    /// The last region of a fixed layout: it grows with memory 0 itself.
    top: bool,
    /// Global `size_k` (pages), when there are several regions. (Even the
    /// top region of a fixed layout keeps one rather than reading
    /// `memory.size`: WASM3 0.4.7 cannot compile `memory.size` while an i64
    /// sits in its register, which the adapters' bounds checks do.)
    size_global: Option<u32>,
    /// Global `base_k` (bytes): regions `k > 0` of a movable layout.
    base_global: Option<u32>,
}

/// What the lowering is told besides the module.
pub struct Options<'a> {
    pub bounds_checks: bool,
    pub layout: Layout,
    /// Capacities in bytes by module name (`--reserve NAME=SIZE`).
    pub reserve: &'a [(String, u64)],
    /// The module that owns each memory of the merged module, in order.
    pub owners: &'a [String],
}

struct Slot {
    initial: u64,
    base: u64,
}

/// What a body rewrite needs to know about the module.
struct Ctx {
    regions: Vec<Region>,
    /// Per memory, what `Fold` adds to memarg offsets: the constant bases
    /// of a fixed layout, zeros for a movable one.
    offsets: Vec<u64>,
    fixed: bool,
    /// Global `exhausted`: the region that last refused to grow, or -1.
    exhausted: Option<u32>,
    tables: Vec<Slot>,
    /// Helpers by what they do; function indices are assigned on demand.
    helpers: Helpers,
    multi: bool,
    /// `--bounds-checks`: every plain load and store is checked against its
    /// own region (a module cannot read or write another's).
    bounds_checks: bool,
}

#[derive(Default)]
struct Helpers {
    first: u32,
    list: Vec<Helper>,
    index: HashMap<Helper, u32>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Helper {
    Grow(u32),
    Copy {
        dst: u32,
        src: u32,
    },
    Fill(u32),
    MemMove,
    /// (dst, value, len) at absolute addresses, unchecked.
    MemSet,
    /// () -> the region that last refused to grow, or -1; exported.
    Exhausted,
}

impl Helpers {
    fn get(&mut self, helper: Helper) -> u32 {
        if let Some(&f) = self.index.get(&helper) {
            return f;
        }
        let f = self.first + self.list.len() as u32;
        self.list.push(helper);
        self.index.insert(helper, f);
        f
    }
}

struct Func<'a> {
    ty: u32,
    body: wasmparser::FunctionBody<'a>,
}

pub fn lower(bytes: &[u8], options: &Options) -> Result<Vec<u8>, LinkError> {
    let mut problems = Problems::default();
    let mut types: Vec<FuncType> = Vec::new();
    let mut imports = ImportSection::new();
    let mut imported_funcs = 0u32;
    let mut imported_globals = 0u32;
    let mut func_types: Vec<u32> = Vec::new();
    let mut memories: Vec<wasmparser::MemoryType> = Vec::new();
    let mut tables: Vec<wasmparser::TableType> = Vec::new();
    let mut globals = GlobalSection::new();
    let mut global_count = 0u32;
    let mut exports = ExportSection::new();
    let mut start = None;
    let mut element_section = None;
    let mut data_section = None;
    let mut funcs: Vec<Func> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut rt = RoundtripReencoder;
    let internal =
        |e: &dyn std::fmt::Display| LinkError::one(format!("internal error while lowering to `portable`: {e}"));

    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| internal(&e))? {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group.map_err(|e| internal(&e))?.into_types() {
                        if let CompositeInnerType::Func(f) = sub.composite_type.inner {
                            types.push(f);
                        }
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| internal(&e))?;
                    match import.ty {
                        TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                            imported_funcs += 1;
                            func_types.push(t);
                            imports.import(import.module, import.name, EntityType::Function(t));
                        }
                        TypeRef::Global(g) => {
                            imported_globals += 1;
                            imports.import(import.module, import.name, EntityType::Global(rt.global_type(g).map_err(|e| internal(&e))?));
                        }
                        TypeRef::Memory(_) | TypeRef::Table(_) => problems.push(format!(
                            "the `portable` profile cannot fold the {} `{}.{}` imported from the host into the output's single {}: link with `--profile multi-memory`",
                            if matches!(import.ty, TypeRef::Memory(_)) { "memory" } else { "table" },
                            import.module,
                            import.name,
                            if matches!(import.ty, TypeRef::Memory(_)) { "memory" } else { "table" },
                        )),
                        TypeRef::Tag(_) => problems.push("the `portable` profile cannot express tags".to_string()),
                    }
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    func_types.push(ty.map_err(|e| internal(&e))?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    let table = table.map_err(|e| internal(&e))?;
                    if !matches!(table.init, wasmparser::TableInit::RefNull) {
                        problems.push("the `portable` profile cannot express a table with an initializer expression");
                    }
                    tables.push(table.ty);
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    memories.push(memory.map_err(|e| internal(&e))?);
                }
            }
            Payload::GlobalSection(reader) => {
                global_count = reader.count();
                rt.parse_global_section(&mut globals, reader).map_err(|e| internal(&e))?;
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(|e| internal(&e))?;
                    let (kind, index) = match export.kind {
                        ExternalKind::Func | ExternalKind::FuncExact => (ExportKind::Func, export.index),
                        ExternalKind::Global => (ExportKind::Global, export.index),
                        ExternalKind::Memory | ExternalKind::Table if export.index != 0 => {
                            problems.push(format!(
                                "the `portable` profile folds every {0} into one, so it cannot export `{1}` ({0} {2}): only the main module's first {0} can be exported",
                                if export.kind == ExternalKind::Memory { "memory" } else { "table" },
                                export.name,
                                export.index
                            ));
                            continue;
                        }
                        ExternalKind::Memory => (ExportKind::Memory, 0),
                        ExternalKind::Table => (ExportKind::Table, 0),
                        ExternalKind::Tag => continue,
                    };
                    exports.export(export.name, kind, index);
                }
            }
            Payload::StartSection { func, .. } => start = Some(func),
            Payload::ElementSection(reader) => element_section = Some(reader),
            Payload::DataSection(reader) => data_section = Some(reader),
            Payload::CodeSectionEntry(body) => {
                let ty = func_types[imported_funcs as usize + funcs.len()];
                funcs.push(Func { ty, body });
            }
            Payload::CustomSection(c) if c.name() == "name" => {
                let reader = NameSectionReader::new(wasmparser::BinaryReader::new(c.data(), c.data_offset()));
                for sub in reader.into_iter().flatten() {
                    if let Name::Function(map) = sub {
                        for naming in map.into_iter().flatten() {
                            names.insert(naming.index, naming.name.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let is_ref = |t: &wasmparser::ValType| {
        !matches!(
            t,
            wasmparser::ValType::I32 | wasmparser::ValType::I64 | wasmparser::ValType::F32 | wasmparser::ValType::F64
        )
    };
    if types.iter().any(|t| t.params().iter().chain(t.results()).any(is_ref)) {
        problems.push("the `portable` profile cannot express reference-typed or vector values (`externref`, `funcref`, `v128`) in function types");
    }
    if tables.iter().any(|t| t.element_type != wasmparser::RefType::FUNCREF) {
        problems.push("the `portable` profile can only express tables of `funcref`");
    }
    if !problems.is_empty() {
        return problems.finish(Vec::new());
    }

    // Regions and their globals, appended after the existing globals.
    let multi = memories.len() > 1;
    let owned: Vec<layout::Memory> = memories
        .iter()
        .enumerate()
        .map(|(k, m)| layout::Memory {
            owner: options.owners.get(k).cloned().unwrap_or_else(|| format!("memory {k}")),
            initial: m.initial,
            maximum: m.maximum,
        })
        .collect();
    let placed = Regions::place(&owned, options.layout, options.reserve).map_err(LinkError::many)?;
    let fixed = options.layout == Layout::Fixed;
    let mut next_global = imported_globals + global_count;
    let mut new_global = |init: i64| {
        globals.global(
            GlobalType { val_type: ValType::I32, mutable: true, shared: false },
            &ConstExpr::i32_const(init as i32),
        );
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
    let exhausted = (multi && fixed).then(|| new_global(-1));
    let mut table_base = 0u64;
    let slots: Vec<Slot> = tables
        .iter()
        .map(|t| {
            let slot = Slot { initial: t.initial, base: table_base };
            table_base += t.initial;
            slot
        })
        .collect();

    let total_funcs = imported_funcs + funcs.len() as u32;
    let offsets = regions.iter().map(|r| if fixed { r.base } else { 0 }).collect();
    let mut ctx = Ctx {
        regions,
        offsets,
        fixed,
        exhausted,
        tables: slots,
        helpers: Helpers { first: total_funcs, ..Default::default() },
        multi,
        bounds_checks: options.bounds_checks,
    };
    if exhausted.is_some() {
        exports.export(layout::EXHAUSTED_EXPORT, ExportKind::Func, ctx.helpers.get(Helper::Exhausted));
    }

    // Bodies.
    let mut code = CodeSection::new();
    let mut function_section = FunctionSection::new();
    for (i, func) in funcs.iter().enumerate() {
        function_section.function(func.ty);
        let params = types[func.ty as usize].params().len() as u32;
        let f = imported_funcs + i as u32;
        let name = names.get(&f).cloned().unwrap_or_else(|| format!("function {f}"));
        match rewrite(&mut ctx, &func.body, params) {
            Ok(body) => {
                code.function(&body);
            }
            Err(why) => problems.push(format!("the `portable` profile cannot express `{name}`: {why}")),
        }
    }
    if !problems.is_empty() {
        return problems.finish(Vec::new());
    }

    // Helpers (generating one may ask for another, e.g. grow needs memmove).
    let mut type_index: HashMap<FuncType, u32> = types.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
    let mut intern = |ty: FuncType, types: &mut Vec<FuncType>| -> u32 {
        *type_index.entry(ty.clone()).or_insert_with(|| {
            types.push(ty);
            types.len() as u32 - 1
        })
    };
    let mut done = 0;
    while done < ctx.helpers.list.len() {
        let helper = ctx.helpers.list[done];
        let (ty, body) = helper_body(&mut ctx, helper);
        function_section.function(intern(ty, &mut types));
        code.function(&body);
        names.insert(ctx.helpers.first + done as u32, helper_name(helper));
        done += 1;
    }

    // Elements: every segment into table 0, at its table's base.
    let mut elements = ElementSection::new();
    if let Some(reader) = element_section {
        for element in reader {
            let element = element.map_err(|e| internal(&e))?;
            let funcs: Vec<u32> = match element.items {
                ElementItems::Functions(r) => r.into_iter().collect::<Result<_, _>>().map_err(|e| internal(&e))?,
                ElementItems::Expressions(_, r) => {
                    let mut out = Vec::new();
                    for expr in r {
                        let expr = expr.map_err(|e| internal(&e))?;
                        match expr.get_operators_reader().read() {
                            Ok(Operator::RefFunc { function_index }) => out.push(function_index),
                            _ => {
                                problems.push("the `portable` profile cannot express an element segment with a null or non-function entry");
                            }
                        }
                    }
                    out
                }
            };
            match element.kind {
                ElementKind::Active { table_index, offset_expr } => {
                    let table = table_index.unwrap_or(0) as usize;
                    let Some(offset) = const_i32(&offset_expr) else {
                        problems.push("the `portable` profile needs constant element segment offsets");
                        continue;
                    };
                    let at = offset as i64 + ctx.tables[table].base as i64;
                    elements.active(None, &ConstExpr::i32_const(at as i32), Elements::Functions(funcs.into()));
                }
                ElementKind::Passive | ElementKind::Declared => {} // only `table.init`/`ref.func` use them, refused above
            }
        }
    }

    // Data: every active segment into memory 0, at its region's base.
    let mut data = wasm_encoder::DataSection::new();
    if let Some(reader) = data_section {
        for datum in reader {
            let datum = datum.map_err(|e| internal(&e))?;
            match datum.kind {
                wasmparser::DataKind::Active { memory_index, offset_expr } => {
                    let Some(offset) = const_i32(&offset_expr) else {
                        problems.push("the `portable` profile needs constant data segment offsets");
                        continue;
                    };
                    let at = offset as u32 as u64 + ctx.regions[memory_index as usize].base;
                    data.active(0, &ConstExpr::i32_const(at as i32), datum.data.iter().copied());
                }
                wasmparser::DataKind::Passive => {
                    problems.push("the `portable` profile cannot express a passive data segment (`memory.init`)");
                }
            }
        }
    }
    if !problems.is_empty() {
        return problems.finish(Vec::new());
    }

    // Assemble.
    let mut module = Module::new();
    module.section(&crate::merge::type_section(&types));
    module.section(&imports);
    module.section(&function_section);
    if !tables.is_empty() {
        let mut table_section = TableSection::new();
        let fixed = tables.iter().all(|t| t.maximum == Some(t.initial));
        table_section.table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: table_base,
            maximum: fixed.then_some(table_base),
            shared: false,
        });
        module.section(&table_section);
    }
    if !memories.is_empty() {
        let mut memory_section = MemorySection::new();
        memory_section.memory(MemoryType {
            minimum: placed.initial_pages(),
            maximum: placed.maximum_pages(),
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&memory_section);
    }
    module.section(&globals);
    module.section(&exports);
    if let Some(function_index) = start {
        module.section(&StartSection { function_index });
    }
    module.section(&elements);
    module.section(&code);
    module.section(&data);
    module.section(&crate::merge::name_section(&names));
    if multi {
        let text = placed.to_section();
        module.section(&wasm_encoder::CustomSection { name: layout::SECTION.into(), data: text.as_bytes().into() });
    }

    Ok(module.finish())
}

fn const_i32(expr: &wasmparser::ConstExpr) -> Option<i32> {
    let mut reader = expr.get_operators_reader();
    match (reader.read().ok()?, reader.read().ok()?) {
        (Operator::I32Const { value }, Operator::End) => Some(value),
        _ => None,
    }
}

fn helper_name(helper: Helper) -> String {
    match helper {
        Helper::Grow(k) => format!("portable::grow memory {k}"),
        Helper::Copy { dst, src } => format!("portable::copy memory {src} to memory {dst}"),
        Helper::Fill(k) => format!("portable::fill memory {k}"),
        Helper::MemMove => "portable::memmove".to_string(),
        Helper::MemSet => "portable::memset".to_string(),
        Helper::Exhausted => "portable::exhausted (the region that last refused to grow, or -1)".to_string(),
    }
}

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

/// Scratch locals appended to every rewritten body.
struct Scratch {
    i32s: [u32; 3],
    i64: u32,
    f32: u32,
    f64: u32,
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

fn rewrite(ctx: &mut Ctx, body: &wasmparser::FunctionBody, params: u32) -> Result<Body, String> {
    let mut locals = Vec::new();
    let mut count = 0u32;
    for pair in body.get_locals_reader().map_err(|e| e.to_string())? {
        let (n, ty) = pair.map_err(|e| e.to_string())?;
        count += n;
        locals.push((n, RoundtripReencoder.val_type(ty).map_err(|e| e.to_string())?));
    }
    let first = params + count;
    let scratch = Scratch { i32s: [first, first + 1, first + 2], i64: first + 3, f32: first + 4, f64: first + 5 };
    locals.extend([(3, ValType::I32), (1, ValType::I64), (1, ValType::F32), (1, ValType::F64)]);
    let mut out = Body::new(locals);
    let mut reader = body.get_operators_reader().map_err(|e| e.to_string())?;
    while !reader.eof() {
        let op = reader.read().map_err(|e| e.to_string())?;
        rewrite_op(ctx, &scratch, op, &mut out)?;
    }
    Ok(out)
}

fn rewrite_op(ctx: &mut Ctx, s: &Scratch, op: Operator, out: &mut Body) -> Result<(), String> {
    let memory = load_memory(&op).or_else(|| store_memory(&op));
    if let Some(memory) = memory {
        let region = &ctx.regions[memory as usize];
        // A fixed base goes into the memarg offset (in `Fold`), unless the
        // sum does not fit in 32 bits: then the access always traps.
        if ctx.fixed && access_extent(&op).0 + region.base > u32::MAX as u64 {
            out.instruction(&I::Drop);
            if store_memory(&op).is_some() {
                out.instruction(&I::Drop);
            }
            out.instruction(&I::Unreachable);
            return Ok(());
        }
        let checked = ctx.bounds_checks && !(ctx.fixed && region.top);
        let moves = region.base_global.is_some();
        if checked || moves {
            // The address is under a stored value: set the value aside.
            let value = store_type(&op).map(|ty| match ty {
                ValType::I32 => s.i32s[0],
                ValType::I64 => s.i64,
                ValType::F32 => s.f32,
                _ => s.f64,
            });
            if let Some(tmp) = value {
                out.instruction(&I::LocalSet(tmp));
            }
            if checked {
                check_access(ctx, out, memory, &op, s.i32s[1]);
            }
            if let Some(g) = region.base_global {
                out.instruction(&I::GlobalGet(g));
                out.instruction(&I::I32Add);
            }
            if let Some(tmp) = value {
                out.instruction(&I::LocalGet(tmp));
            }
        }
    }
    match op {
        Operator::MemorySize { mem } if ctx.multi => region_pages(ctx, out, mem),
        Operator::MemoryGrow { mem } if ctx.multi => {
            out.instruction(&I::Call(ctx.helpers.get(Helper::Grow(mem))));
        }
        Operator::MemoryCopy { dst_mem, src_mem } => {
            out.instruction(&I::Call(ctx.helpers.get(Helper::Copy { dst: dst_mem, src: src_mem })));
        }
        Operator::MemoryFill { mem } => {
            out.instruction(&I::Call(ctx.helpers.get(Helper::Fill(mem))));
        }
        Operator::CallIndirect { type_index, table_index } if ctx.tables.len() > 1 => {
            let slot = &ctx.tables[table_index as usize];
            let idx = s.i32s[0];
            out.instruction(&I::LocalTee(idx));
            out.instruction(&I::I32Const(slot.initial as i32));
            out.instruction(&I::I32GeU);
            out.instruction(&I::If(BlockType::Empty));
            out.instruction(&I::Unreachable);
            out.instruction(&I::End);
            out.instruction(&I::LocalGet(idx));
            if slot.base > 0 {
                out.instruction(&I::I32Const(slot.base as i32));
                out.instruction(&I::I32Add);
            }
            out.instruction(&I::CallIndirect { type_index, table_index: 0 });
        }
        Operator::TypedSelect { .. } => {
            out.instruction(&I::Select);
        }
        Operator::MemoryInit { .. } | Operator::DataDrop { .. } => {
            return Err("it uses `memory.init`/`data.drop` (passive data)".to_string());
        }
        Operator::TableGet { .. }
        | Operator::TableSet { .. }
        | Operator::TableGrow { .. }
        | Operator::TableSize { .. }
        | Operator::TableFill { .. }
        | Operator::TableCopy { .. }
        | Operator::TableInit { .. }
        | Operator::ElemDrop { .. }
        | Operator::RefFunc { .. }
        | Operator::RefNull { .. }
        | Operator::RefIsNull => {
            return Err("it uses reference-type or table instructions".to_string());
        }
        other => {
            let instr = Fold { offsets: &ctx.offsets }.instruction(other).map_err(|e| e.to_string())?;
            out.instruction(&instr);
        }
    }
    Ok(())
}

fn mem(offset: u64, align: u32) -> MemArg {
    MemArg { offset, align, target: MemArgTarget::Memory(0), ordering: None }
}

/// Emits: trap unless `local(addr) + local(len) <= size of region k`.
/// (The size is pushed first: WASM3 0.4.7 fails to compile `memory.size`
/// while an i64 sits in its register, "no operation found for opcode".)
fn check_range(ctx: &Ctx, f: &mut Body, k: u32, addr: u32, len: u32) {
    region_bytes(ctx, f, k);
    f.instruction(&I::LocalGet(addr));
    f.instruction(&I::I64ExtendI32U);
    f.instruction(&I::LocalGet(len));
    f.instruction(&I::I64ExtendI32U);
    f.instruction(&I::I64Add);
    f.instruction(&I::I64LtU);
    f.instruction(&I::If(BlockType::Empty));
    f.instruction(&I::Unreachable);
    f.instruction(&I::End);
}

/// `addr` on the stack -> the absolute address of region `k`'s `addr`.
fn add_region_base(ctx: &Ctx, f: &mut Body, k: u32) {
    let region = &ctx.regions[k as usize];
    if let Some(g) = region.base_global {
        f.instruction(&I::GlobalGet(g));
        f.instruction(&I::I32Add);
    } else if region.base > 0 {
        f.instruction(&I::I32Const(region.base as i32));
        f.instruction(&I::I32Add);
    }
}

/// Pushes the current size of region `k` in pages (what `memory.size k` was).
fn region_pages(ctx: &Ctx, f: &mut Body, k: u32) {
    let region = &ctx.regions[k as usize];
    match region.size_global {
        Some(g) => {
            f.instruction(&I::GlobalGet(g));
        }
        None => {
            // The only memory.
            f.instruction(&I::MemorySize(0));
        }
    }
}

/// `addr` in local `addr` -> trap unless the access `op` at `addr` stays
/// within region `k`: its capacity (a constant) in a fixed layout, its
/// current size in a movable one. Leaves `addr` on the stack.
fn check_access(ctx: &Ctx, f: &mut Body, k: u32, op: &Operator, addr: u32) {
    let (offset, width) = access_extent(op);
    let region = &ctx.regions[k as usize];
    match (ctx.fixed, region.capacity) {
        (true, Some(pages)) => {
            f.instruction(&I::LocalTee(addr));
            // addr + offset + width <= capacity, in 32 bits: capacity fits
            // in 4 GiB, so the limit below is a u32 unless it is negative.
            match (pages * PAGE as u64).checked_sub(offset + width) {
                Some(limit) => {
                    f.instruction(&I::I32Const(limit as u32 as i32));
                    f.instruction(&I::I32GtU);
                }
                None => {
                    f.instruction(&I::Drop);
                    f.instruction(&I::I32Const(1));
                }
            }
        }
        _ => {
            // size < addr + offset + width, the size first (see `check_range`).
            f.instruction(&I::LocalSet(addr));
            region_bytes(ctx, f, k);
            f.instruction(&I::LocalGet(addr));
            f.instruction(&I::I64ExtendI32U);
            f.instruction(&I::I64Const((offset + width) as i64));
            f.instruction(&I::I64Add);
            f.instruction(&I::I64LtU);
        }
    }
    f.instruction(&I::If(BlockType::Empty));
    f.instruction(&I::Unreachable);
    f.instruction(&I::End);
    f.instruction(&I::LocalGet(addr));
}

fn helper_body(ctx: &mut Ctx, helper: Helper) -> (FuncType, Body) {
    use wasmparser::ValType as V;
    match helper {
        // (dst, src, len): like `memory.copy`, bounds-checked per region.
        Helper::Copy { dst, src } => {
            let memmove = ctx.helpers.get(Helper::MemMove);
            let mut f = Body::new([]);
            check_range(ctx, &mut f, dst, 0, 2);
            check_range(ctx, &mut f, src, 1, 2);
            f.instruction(&I::LocalGet(0));
            add_region_base(ctx, &mut f, dst);
            f.instruction(&I::LocalGet(1));
            add_region_base(ctx, &mut f, src);
            f.instruction(&I::LocalGet(2));
            f.instruction(&I::Call(memmove));
            f.instruction(&I::End);
            (FuncType::new([V::I32, V::I32, V::I32], []), f)
        }
        // (dst, value, len): like `memory.fill`, bounds-checked in region k.
        Helper::Fill(k) => {
            let memset = ctx.helpers.get(Helper::MemSet);
            let mut f = Body::new([]);
            check_range(ctx, &mut f, k, 0, 2);
            f.instruction(&I::LocalGet(0));
            add_region_base(ctx, &mut f, k);
            f.instruction(&I::LocalGet(1));
            f.instruction(&I::LocalGet(2));
            f.instruction(&I::Call(memset));
            f.instruction(&I::End);
            (FuncType::new([V::I32, V::I32, V::I32], []), f)
        }
        Helper::MemSet => {
            let mut f = Body::new([(1, ValType::I32)]);
            // end = dst + len
            f.instruction(&I::LocalGet(0));
            f.instruction(&I::LocalGet(2));
            f.instruction(&I::I32Add);
            f.instruction(&I::LocalSet(3));
            f.instruction(&I::Block(BlockType::Empty));
            f.instruction(&I::Loop(BlockType::Empty));
            f.instruction(&I::LocalGet(0));
            f.instruction(&I::LocalGet(3));
            f.instruction(&I::I32GeU);
            f.instruction(&I::BrIf(1));
            f.instruction(&I::LocalGet(0));
            f.instruction(&I::LocalGet(1));
            f.instruction(&I::I32Store8(mem(0, 0)));
            f.instruction(&I::LocalGet(0));
            f.instruction(&I::I32Const(1));
            f.instruction(&I::I32Add);
            f.instruction(&I::LocalSet(0));
            f.instruction(&I::Br(0));
            f.instruction(&I::End);
            f.instruction(&I::End);
            f.instruction(&I::End);
            (FuncType::new([V::I32, V::I32, V::I32], []), f)
        }
        // (dst, src, len) in absolute addresses, overlapping allowed: 8 bytes
        // at a time, then bytes; backwards when dst > src.
        Helper::MemMove => {
            let mut f = Body::new([]);
            let (dst, src, len) = (0, 1, 2);
            let step = |f: &mut Body, width: u32, forward: bool| {
                // while len >= width { copy width bytes; advance }
                f.instruction(&I::Block(BlockType::Empty));
                f.instruction(&I::Loop(BlockType::Empty));
                f.instruction(&I::LocalGet(len));
                f.instruction(&I::I32Const(width as i32));
                f.instruction(&I::I32LtU);
                f.instruction(&I::BrIf(1));
                if !forward {
                    for l in [dst, src] {
                        f.instruction(&I::LocalGet(l));
                        f.instruction(&I::I32Const(width as i32));
                        f.instruction(&I::I32Sub);
                        f.instruction(&I::LocalSet(l));
                    }
                }
                f.instruction(&I::LocalGet(dst));
                f.instruction(&I::LocalGet(src));
                if width == 8 {
                    f.instruction(&I::I64Load(mem(0, 0)));
                    f.instruction(&I::I64Store(mem(0, 0)));
                } else {
                    f.instruction(&I::I32Load8U(mem(0, 0)));
                    f.instruction(&I::I32Store8(mem(0, 0)));
                }
                if forward {
                    for l in [dst, src] {
                        f.instruction(&I::LocalGet(l));
                        f.instruction(&I::I32Const(width as i32));
                        f.instruction(&I::I32Add);
                        f.instruction(&I::LocalSet(l));
                    }
                }
                f.instruction(&I::LocalGet(len));
                f.instruction(&I::I32Const(width as i32));
                f.instruction(&I::I32Sub);
                f.instruction(&I::LocalSet(len));
                f.instruction(&I::Br(0));
                f.instruction(&I::End);
                f.instruction(&I::End);
            };
            f.instruction(&I::LocalGet(dst));
            f.instruction(&I::LocalGet(src));
            f.instruction(&I::I32GtU);
            f.instruction(&I::If(BlockType::Empty));
            // backwards: start from the ends
            for l in [dst, src] {
                f.instruction(&I::LocalGet(l));
                f.instruction(&I::LocalGet(len));
                f.instruction(&I::I32Add);
                f.instruction(&I::LocalSet(l));
            }
            step(&mut f, 8, false);
            step(&mut f, 1, false);
            f.instruction(&I::Else);
            step(&mut f, 8, true);
            step(&mut f, 1, true);
            f.instruction(&I::End);
            f.instruction(&I::End);
            (FuncType::new([V::I32, V::I32, V::I32], []), f)
        }
        Helper::Exhausted => {
            let mut f = Body::new([]);
            f.instruction(&I::GlobalGet(ctx.exhausted.unwrap_or_default()));
            f.instruction(&I::End);
            (FuncType::new([], [V::I32]), f)
        }
        Helper::Grow(k) if ctx.fixed => (FuncType::new([V::I32], [V::I32]), grow_fixed(ctx, k)),
        // (delta pages) -> old size of region k, or -1.
        Helper::Grow(k) => {
            let memmove = ctx.helpers.get(Helper::MemMove);
            let memset = ctx.helpers.get(Helper::MemSet);
            let region = &ctx.regions[k as usize];
            let size_global = region.size_global.unwrap_or_default();
            let (delta, old, total, moved) = (0, 1, 2, 3);
            let mut f = Body::new([(3, ValType::I32)]);
            f.instruction(&I::GlobalGet(size_global));
            f.instruction(&I::LocalSet(old));
            // A region's own maximum, if it declared one.
            if let Some(max) = region.capacity {
                f.instruction(&I::LocalGet(old));
                f.instruction(&I::I64ExtendI32U);
                f.instruction(&I::LocalGet(delta));
                f.instruction(&I::I64ExtendI32U);
                f.instruction(&I::I64Add);
                f.instruction(&I::I64Const(max as i64));
                f.instruction(&I::I64GtU);
                f.instruction(&I::If(BlockType::Empty));
                f.instruction(&I::I32Const(-1));
                f.instruction(&I::Return);
                f.instruction(&I::End);
            }
            f.instruction(&I::LocalGet(delta));
            f.instruction(&I::I32Eqz);
            f.instruction(&I::If(BlockType::Empty));
            f.instruction(&I::LocalGet(old));
            f.instruction(&I::Return);
            f.instruction(&I::End);
            f.instruction(&I::LocalGet(delta));
            f.instruction(&I::MemoryGrow(0));
            f.instruction(&I::LocalTee(total));
            f.instruction(&I::I32Const(-1));
            f.instruction(&I::I32Eq);
            f.instruction(&I::If(BlockType::Empty));
            f.instruction(&I::I32Const(-1));
            f.instruction(&I::Return);
            f.instruction(&I::End);
            let above: Vec<u32> = ctx.regions[k as usize + 1..].iter().filter_map(|r| r.base_global).collect();
            if let Some(&first_above) = above.first() {
                // Move every region above k up by delta pages:
                // memmove(base_{k+1} + delta*64K, base_{k+1}, old_total*64K - base_{k+1})
                f.instruction(&I::LocalGet(delta));
                f.instruction(&I::I32Const(16));
                f.instruction(&I::I32Shl);
                f.instruction(&I::LocalSet(moved));
                f.instruction(&I::GlobalGet(first_above));
                f.instruction(&I::LocalGet(moved));
                f.instruction(&I::I32Add);
                f.instruction(&I::GlobalGet(first_above));
                f.instruction(&I::LocalGet(total));
                f.instruction(&I::I32Const(16));
                f.instruction(&I::I32Shl);
                f.instruction(&I::GlobalGet(first_above));
                f.instruction(&I::I32Sub);
                f.instruction(&I::Call(memmove));
                // The new pages of region k (where region k+1 started) must read as zero.
                f.instruction(&I::GlobalGet(first_above));
                f.instruction(&I::I32Const(0));
                f.instruction(&I::LocalGet(moved));
                f.instruction(&I::Call(memset));
                for g in above {
                    f.instruction(&I::GlobalGet(g));
                    f.instruction(&I::LocalGet(moved));
                    f.instruction(&I::I32Add);
                    f.instruction(&I::GlobalSet(g));
                }
            }
            f.instruction(&I::GlobalGet(size_global));
            f.instruction(&I::LocalGet(delta));
            f.instruction(&I::I32Add);
            f.instruction(&I::GlobalSet(size_global));
            f.instruction(&I::LocalGet(old));
            f.instruction(&I::End);
            (FuncType::new([V::I32], [V::I32]), f)
        }
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
    let exhausted = ctx.exhausted.unwrap_or_default();
    let (delta, old) = (0, 1);
    let mut f = Body::new([(1, ValType::I32)]);
    let refuse = |f: &mut Body| {
        f.instruction(&I::If(BlockType::Empty));
        f.instruction(&I::I32Const(k as i32));
        f.instruction(&I::GlobalSet(exhausted));
        f.instruction(&I::I32Const(-1));
        f.instruction(&I::Return);
        f.instruction(&I::End);
    };
    let size = region.size_global.unwrap_or_default();
    f.instruction(&I::GlobalGet(size));
    f.instruction(&I::LocalSet(old));
    if region.top {
        // Memory 0's own growth (bounded by the output memory's maximum
        // when the top region has a capacity).
        f.instruction(&I::LocalGet(delta));
        f.instruction(&I::MemoryGrow(0));
        f.instruction(&I::I32Const(-1));
        f.instruction(&I::I32Eq);
    } else {
        // Below the top, the pages up to the capacity are already there.
        f.instruction(&I::LocalGet(old));
        f.instruction(&I::I64ExtendI32U);
        f.instruction(&I::LocalGet(delta));
        f.instruction(&I::I64ExtendI32U);
        f.instruction(&I::I64Add);
        f.instruction(&I::I64Const(region.capacity.unwrap_or_default() as i64));
        f.instruction(&I::I64GtU);
    }
    refuse(&mut f);
    f.instruction(&I::LocalGet(old));
    f.instruction(&I::LocalGet(delta));
    f.instruction(&I::I32Add);
    f.instruction(&I::GlobalSet(size));
    f.instruction(&I::LocalGet(old));
    f.instruction(&I::End);
    f
}

/// The static offset and the width in bytes of a load or store.
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
        other => unreachable!("not a load or store: {other:?}"),
    };
    (memarg.offset, width)
}

/// Pushes the current size of region `k` in bytes, as an i64.
fn region_bytes(ctx: &Ctx, f: &mut Body, k: u32) {
    region_pages(ctx, f, k);
    f.instruction(&I::I64ExtendI32U);
    f.instruction(&I::I64Const(16));
    f.instruction(&I::I64Shl);
}
