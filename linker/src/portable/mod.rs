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

mod helpers;
mod rewrite;

use std::collections::BTreeMap;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, ConstExpr, CustomSection, ElementSection, Elements, EntityType, ExportKind, ExportSection,
    FunctionSection, GlobalSection, GlobalType, ImportSection, MemorySection, MemoryType, Module, RefType,
    StartSection, TableSection, TableType, ValType,
};
use wasmparser::{
    CompositeInnerType, DataSectionReader, ElementItems, ElementKind, ElementSectionReader, ExternalKind, FuncType,
    FunctionBody, Name, NameSectionReader, Operator, Parser, Payload, TypeRef,
};

use crate::error::{LinkError, Problems};
use crate::layout::{self, Layout, Regions};
use helpers::{Helper, Helpers};
use rewrite::{Ctx, Region, Slot};

/// What the lowering is told besides the module.
pub struct Options<'a> {
    pub bounds_checks: bool,
    pub layout: Layout,
    /// Capacities in bytes by module name (`--reserve NAME=SIZE`).
    pub reserve: &'a [(String, u64)],
    /// The module that owns each memory of the merged module, in order.
    pub owners: &'a [String],
}

/// Lowers a merged module to the `portable` profile: parse it, place its
/// memories and tables, rewrite every body, add the helpers they asked
/// for, fold elements and data, assemble.
pub fn lower(bytes: &[u8], options: &Options) -> Result<Vec<u8>, LinkError> {
    let mut m = Parsed::parse(bytes)?;
    let placed = place_memories(&m, options)?;
    let mut ctx = context(&mut m, &placed, options);
    if ctx.exhausted.is_some() {
        m.exports.export(layout::EXHAUSTED_EXPORT, ExportKind::Func, ctx.helpers.get(Helper::Exhausted));
    }
    let mut code = rewrite_bodies(&mut ctx, &m)?;
    add_helpers(&mut ctx, &mut m, &mut code);
    let elements = fold_elements(&ctx, m.elements.clone())?;
    let data = fold_data(&ctx, m.data.clone())?;
    let mut module = Module::new();
    module.section(&crate::merge::type_section(&m.types)?);
    module.section(&m.imports);
    module.section(&m.functions);
    if let Some(table) = folded_table(&m.tables) {
        let mut tables = TableSection::new();
        tables.table(table);
        module.section(&tables);
    }
    if !m.memories.is_empty() {
        let mut memories = MemorySection::new();
        memories.memory(MemoryType {
            minimum: placed.initial_pages(),
            maximum: placed.maximum_pages(),
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
    module.section(&crate::merge::name_section(&m.names));
    if m.memories.len() > 1 {
        let text = placed.to_section();
        module.section(&CustomSection { name: layout::SECTION.into(), data: text.as_bytes().into() });
    }
    Ok(module.finish())
}

/// The merged module, taken apart; sections the lowering does not change
/// are already re-encoded.
struct Parsed<'a> {
    types: Vec<FuncType>,
    imports: ImportSection,
    imported_funcs: u32,
    imported_globals: u32,
    func_types: Vec<u32>,
    memories: Vec<wasmparser::MemoryType>,
    tables: Vec<wasmparser::TableType>,
    globals: GlobalSection,
    global_count: u32,
    exports: ExportSection,
    start: Option<u32>,
    elements: Option<ElementSectionReader<'a>>,
    data: Option<DataSectionReader<'a>>,
    bodies: Vec<FunctionBody<'a>>,
    /// The function section of the output, filled as bodies are added.
    functions: FunctionSection,
    names: BTreeMap<u32, String>,
}

/// A merged module that does not parse again is the linker's own bug.
fn internal(e: impl std::fmt::Display) -> LinkError {
    LinkError::one(format!("internal error while lowering to `portable`: {e}; please report this"))
}

impl<'a> Parsed<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Parsed<'a>, LinkError> {
        let mut m = Parsed {
            types: Vec::new(),
            imports: ImportSection::new(),
            imported_funcs: 0,
            imported_globals: 0,
            func_types: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            globals: GlobalSection::new(),
            global_count: 0,
            exports: ExportSection::new(),
            start: None,
            elements: None,
            data: None,
            bodies: Vec::new(),
            functions: FunctionSection::new(),
            names: BTreeMap::new(),
        };
        let mut problems = Problems::default();
        for payload in Parser::new(0).parse_all(bytes) {
            m.take(payload.map_err(internal)?, &mut problems)?;
        }
        let is_ref = |t: &wasmparser::ValType| {
            !matches!(
                t,
                wasmparser::ValType::I32
                    | wasmparser::ValType::I64
                    | wasmparser::ValType::F32
                    | wasmparser::ValType::F64
            )
        };
        if m.types.iter().any(|t| t.params().iter().chain(t.results()).any(is_ref)) {
            problems.push("the `portable` profile cannot express reference-typed or vector values (`externref`, `funcref`, `v128`) in function types");
        }
        if m.tables.iter().any(|t| t.element_type != wasmparser::RefType::FUNCREF) {
            problems.push("the `portable` profile can only express tables of `funcref`");
        }
        problems.finish(m)
    }

    /// Takes in one section (or code entry).
    fn take(&mut self, payload: Payload<'a>, problems: &mut Problems) -> Result<(), LinkError> {
        match payload {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group.map_err(internal)?.into_types() {
                        if let CompositeInnerType::Func(f) = sub.composite_type.inner {
                            self.types.push(f);
                        }
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    self.import(import.map_err(internal)?, problems)?;
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    self.func_types.push(ty.map_err(internal)?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    let table = table.map_err(internal)?;
                    if !matches!(table.init, wasmparser::TableInit::RefNull) {
                        problems.push("the `portable` profile cannot express a table with an initializer expression");
                    }
                    self.tables.push(table.ty);
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    self.memories.push(memory.map_err(internal)?);
                }
            }
            Payload::GlobalSection(reader) => {
                self.global_count = reader.count();
                RoundtripReencoder.parse_global_section(&mut self.globals, reader).map_err(internal)?;
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    self.export(export.map_err(internal)?, problems);
                }
            }
            Payload::StartSection { func, .. } => self.start = Some(func),
            Payload::ElementSection(reader) => self.elements = Some(reader),
            Payload::DataSection(reader) => self.data = Some(reader),
            Payload::CodeSectionEntry(body) => self.bodies.push(body),
            Payload::CustomSection(c) if c.name() == "name" => {
                let reader = NameSectionReader::new(wasmparser::BinaryReader::new(c.data(), c.data_offset()));
                for sub in reader.into_iter().flatten() {
                    if let Name::Function(map) = sub {
                        for naming in map.into_iter().flatten() {
                            self.names.insert(naming.index, naming.name.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn import(&mut self, import: wasmparser::Import, problems: &mut Problems) -> Result<(), LinkError> {
        match import.ty {
            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                self.imported_funcs += 1;
                self.func_types.push(t);
                self.imports.import(import.module, import.name, EntityType::Function(t));
            }
            TypeRef::Global(g) => {
                self.imported_globals += 1;
                let ty = RoundtripReencoder.global_type(g).map_err(internal)?;
                self.imports.import(import.module, import.name, EntityType::Global(ty));
            }
            TypeRef::Memory(_) | TypeRef::Table(_) => {
                let what = if matches!(import.ty, TypeRef::Memory(_)) { "memory" } else { "table" };
                problems.push(format!(
                    "the `portable` profile cannot fold the {what} `{}.{}` imported from the host into the output's single {what}: link with `--profile multi-memory`",
                    import.module, import.name,
                ));
            }
            TypeRef::Tag(_) => problems.push("the `portable` profile cannot express tags".to_string()),
        }
        Ok(())
    }

    fn export(&mut self, export: wasmparser::Export, problems: &mut Problems) {
        let (kind, index) = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => (ExportKind::Func, export.index),
            ExternalKind::Global => (ExportKind::Global, export.index),
            ExternalKind::Memory | ExternalKind::Table if export.index != 0 => {
                let what = if export.kind == ExternalKind::Memory { "memory" } else { "table" };
                problems.push(format!(
                    "the `portable` profile folds every {what} into one, so it cannot export `{}` ({what} {}): only the main module's first {what} can be exported",
                    export.name, export.index
                ));
                return;
            }
            ExternalKind::Memory => (ExportKind::Memory, 0),
            ExternalKind::Table => (ExportKind::Table, 0),
            ExternalKind::Tag => return,
        };
        self.exports.export(export.name, kind, index);
    }
}

/// Where each memory's region goes ([`crate::layout`]).
fn place_memories(m: &Parsed, options: &Options) -> Result<Regions, LinkError> {
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
    Regions::place(&memories, options.layout, options.reserve).map_err(LinkError::many)
}

/// The rewrite's context: each region's globals (appended to the module's
/// globals), each table's slot, the helper index space.
fn context(m: &mut Parsed, placed: &Regions, options: &Options) -> Ctx {
    let multi = m.memories.len() > 1;
    let fixed = options.layout == Layout::Fixed;
    let globals = &mut m.globals;
    let mut next_global = m.imported_globals + m.global_count;
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
    let exhausted = (multi && fixed).then(|| new_global(-1));
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
    Ctx {
        offsets: regions.iter().map(|r| if fixed { r.base } else { 0 }).collect(),
        regions,
        fixed,
        exhausted,
        tables,
        helpers: Helpers::new(m.imported_funcs + m.bodies.len() as u32),
        multi,
        bounds_checks: options.bounds_checks,
    }
}

/// Every function body, rewritten; every function that cannot be is named.
fn rewrite_bodies(ctx: &mut Ctx, m: &Parsed) -> Result<CodeSection, LinkError> {
    let mut problems = Problems::default();
    let mut code = CodeSection::new();
    for (i, body) in m.bodies.iter().enumerate() {
        let f = m.imported_funcs + i as u32;
        let ty = m.func_types[f as usize];
        let params = m.types.get(ty as usize).map_or(0, |t| t.params().len() as u32);
        match rewrite::rewrite(ctx, body, params) {
            Ok(body) => {
                code.function(&body);
            }
            Err(why) => {
                let name = m.names.get(&f).cloned().unwrap_or_else(|| format!("function {f}"));
                problems.push(format!("the `portable` profile cannot express `{name}`: {why}"));
            }
        }
    }
    problems.finish(code)
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

/// Every element segment, into table 0 at its table's base.
fn fold_elements(ctx: &Ctx, section: Option<ElementSectionReader>) -> Result<ElementSection, LinkError> {
    let mut problems = Problems::default();
    let mut elements = ElementSection::new();
    for element in section.into_iter().flatten() {
        let element = element.map_err(internal)?;
        let mut funcs: Vec<u32> = Vec::new();
        match element.items {
            ElementItems::Functions(r) => {
                funcs = r.into_iter().collect::<Result<_, _>>().map_err(internal)?;
            }
            ElementItems::Expressions(_, r) => {
                for expr in r {
                    match expr.map_err(internal)?.get_operators_reader().read() {
                        Ok(Operator::RefFunc { function_index }) => funcs.push(function_index),
                        _ => problems.push(
                            "the `portable` profile cannot express an element segment with a null or non-function entry",
                        ),
                    }
                }
            }
        }
        if let ElementKind::Active { table_index, offset_expr } = element.kind {
            let Some(offset) = const_i32(&offset_expr) else {
                problems.push("the `portable` profile needs constant element segment offsets");
                continue;
            };
            let base = ctx.tables.get(table_index.unwrap_or(0) as usize).map_or(0, |t| t.base);
            let at = offset as i64 + base as i64;
            elements.active(None, &ConstExpr::i32_const(at as i32), Elements::Functions(funcs.into()));
        } // passive and declared segments serve only `table.init`/`ref.func`, refused in bodies
    }
    problems.finish(elements)
}

/// Every active data segment, into memory 0 at its region's base.
fn fold_data(ctx: &Ctx, section: Option<DataSectionReader>) -> Result<wasm_encoder::DataSection, LinkError> {
    let mut problems = Problems::default();
    let mut data = wasm_encoder::DataSection::new();
    for datum in section.into_iter().flatten() {
        let datum = datum.map_err(internal)?;
        match datum.kind {
            wasmparser::DataKind::Active { memory_index, offset_expr } => {
                let Some(offset) = const_i32(&offset_expr) else {
                    problems.push("the `portable` profile needs constant data segment offsets");
                    continue;
                };
                let base = ctx.regions.get(memory_index as usize).map_or(0, |r| r.base);
                let at = offset as u32 as u64 + base;
                data.active(0, &ConstExpr::i32_const(at as i32), datum.data.iter().copied());
            }
            wasmparser::DataKind::Passive => {
                problems.push("the `portable` profile cannot express a passive data segment (`memory.init`)");
            }
        }
    }
    problems.finish(data)
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

fn const_i32(expr: &wasmparser::ConstExpr) -> Option<i32> {
    let mut reader = expr.get_operators_reader();
    match (reader.read().ok()?, reader.read().ok()?) {
        (Operator::I32Const { value }, Operator::End) => Some(value),
        _ => None,
    }
}
