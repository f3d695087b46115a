//! Phase 4, merge: lay every module, adapter and thunk out in one set of
//! index spaces, drop code nothing reaches, and encode one module.
//!
//! Input: the read modules, the plan, and the generated functions (adapters
//! from the adapt phase; thunks made here), each referring to what it calls
//! by symbol ([`FuncSym`]). Output: the bytes of a multi-memory module whose
//! imports are the host imports of the plan, whose exports are the main
//! module's, and whose name section names every function `module::name`
//! (traps show where they happened).
//!
//! Layout of each index space, in order: host imports (shared by every module
//! that imports them), then each module's own entities in input order (the
//! main module first, so its memory keeps index 0), then the generated
//! functions: the adapters, the start thunk, the entry thunk (see [`Entry`]);
//! after every module's globals, the entry thunk's guard.
//! Every body, a module's or a generated one, is re-encoded with
//! `wasm-encoder`'s `Reencode`, which rewrites every function, type, table,
//! memory, global, element and data index through the maps built here.
//!
//! Invariant: a function is emitted only if it is reachable from the main
//! module's exports, a start function, an element segment or a `ref.func`
//! in a global; everything it reaches is emitted too.
//!
//! Custom sections: the name section is merged (above); `producers` and
//! `target_features` are built by [`custom`]; the rest are dropped (what
//! and why: [`crate::embed::dropped_sections`]). The merged module ends
//! with the [`origins`] of its entities, for `lower`'s messages, which
//! `lower` takes off.

use std::collections::{BTreeMap, HashMap};

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, CustomSection, DataCountSection, DataSection, ElementSection, EntityType, ExportKind, ExportSection,
    FunctionSection, GlobalSection, ImportSection, Instruction, MemorySection, Module, ProducersSection, Section,
    StartSection, TableSection,
};
use wasmparser::{
    BinaryReader, ElementItems, ExternalKind, FuncType, FunctionBody, Name, NameSectionReader, Operator, Parser,
    Payload, TypeRef,
};

pub(crate) mod custom;
pub(crate) mod origins;

use crate::emit::Builder;
use crate::error::LinkError;
use crate::ir::generated::{FuncSym, Generated, GlobalSym};
use crate::ir::input::Input;
use crate::ir::plan::{Plan, Resolved, Target};

/// An index space of the merged module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Func,
    Table,
    Memory,
    Global,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Func, Kind::Table, Kind::Memory, Kind::Global];

    /// The kind of an import (tags are refused by `read`).
    fn of(ty: &TypeRef) -> Option<Kind> {
        match ty {
            TypeRef::Func(_) | TypeRef::FuncExact(_) => Some(Kind::Func),
            TypeRef::Table(_) => Some(Kind::Table),
            TypeRef::Memory(_) => Some(Kind::Memory),
            TypeRef::Global(_) => Some(Kind::Global),
            TypeRef::Tag(_) => None,
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// A function's index in the merged module, before dead code is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct MergedFunc(u32);

/// Where everything of every module lands in the merged index spaces,
/// before dead code is dropped.
struct Layout {
    /// Per kind, per module: the merged index of the module's first own
    /// (not imported) entity of that kind.
    base: [Vec<u32>; 4],
    /// Per kind: how many host imports come first.
    host: [u32; 4],
    /// The merged index of the first generated function.
    generated_base: u32,
    /// The merged index of the entry guard, if there is one: after every
    /// module's globals ([`GlobalSym::EntryGuard`]).
    entry_guard: u32,
    total_funcs: u32,
    data_base: Vec<u32>,
    elem_base: Vec<u32>,
    /// Per module, per kind: positions in `imports` of the n-th import.
    import_pos: Vec<[Vec<usize>; 4]>,
}

impl Layout {
    fn new(inputs: &[Input], plan: &Plan, generated: usize) -> Layout {
        let host = [
            plan.host_funcs.len() as u32,
            plan.host_tables.len() as u32,
            plan.host_memories.len() as u32,
            plan.host_globals.len() as u32,
        ];
        let mut next = host;
        let mut base: [Vec<u32>; 4] = Default::default();
        let (mut data_base, mut elem_base, mut import_pos) = (Vec::new(), Vec::new(), Vec::new());
        let (mut data, mut elem) = (0, 0);
        for input in inputs {
            let own = [
                input.func_types.len() as u32 - input.imported.funcs,
                input.tables.len() as u32 - input.imported.tables,
                input.memories.len() as u32 - input.imported.memories,
                input.globals.len() as u32 - input.imported.globals,
            ];
            for kind in Kind::ALL {
                base[kind.slot()].push(next[kind.slot()]);
                next[kind.slot()] += own[kind.slot()];
            }
            data_base.push(data);
            elem_base.push(elem);
            data += input.data_count;
            elem += input.elem_count;
            let mut pos: [Vec<usize>; 4] = Default::default();
            for (i, import) in input.imports.iter().enumerate() {
                if let Some(kind) = Kind::of(&import.ty) {
                    pos[kind.slot()].push(i);
                }
            }
            import_pos.push(pos);
        }
        let generated_base = next[Kind::Func.slot()];
        let total_funcs = generated_base + generated as u32;
        let entry_guard = next[Kind::Global.slot()];
        Layout { base, host, generated_base, entry_guard, total_funcs, data_base, elem_base, import_pos }
    }

    fn target(&self, kind: Kind, target: Target) -> u32 {
        match target {
            Target::Host(i) => i,
            Target::Defined { module, index } => self.base[kind.slot()][module] + index,
        }
    }

    /// The merged index of entity `index` of `kind` in `module`'s own space.
    fn index(&self, plan: &Plan, module: usize, kind: Kind, index: u32) -> u32 {
        let imports = &self.import_pos[module][kind.slot()];
        match imports.get(index as usize) {
            Some(&pos) => match plan.imports[module][pos] {
                Resolved::Direct(target) => self.target(kind, target),
                Resolved::Adapter(a) => self.generated_base + a as u32,
            },
            None => self.target(kind, Target::Defined { module, index: index - imports.len() as u32 }),
        }
    }

    fn func(&self, plan: &Plan, module: usize, index: u32) -> MergedFunc {
        MergedFunc(self.index(plan, module, Kind::Func, index))
    }

    fn sym(&self, plan: &Plan, sym: FuncSym) -> MergedFunc {
        match sym {
            FuncSym::InModule { module, func } => self.func(plan, module, func),
            FuncSym::Host(n) => MergedFunc(n),
            FuncSym::Generated(g) => MergedFunc(self.generated_base + g as u32),
        }
    }

    /// What defines merged function `f`: a module's own function (its
    /// defined index), a generated one, or a host import.
    fn owner(&self, f: MergedFunc) -> Owner {
        if f.0 >= self.generated_base {
            return Owner::Generated((f.0 - self.generated_base) as usize);
        }
        let bases = &self.base[Kind::Func.slot()];
        match bases.iter().rposition(|&b| b <= f.0) {
            Some(m) if f.0 >= self.host[Kind::Func.slot()] => Owner::Module(m, (f.0 - bases[m]) as usize),
            _ => Owner::Host,
        }
    }
}

enum Owner {
    Host,
    Module(usize, usize),
    Generated(usize),
}

/// WASI reactors (`_initialize`) among the dependencies: their
/// `_initialize` must run exactly once, after the host has set up WASI and
/// before anything calls them, so it cannot be a start function. The output's
/// entry point becomes a thunk that runs every dependency's `_initialize`, in
/// dependency order, and then the main module's own entry point.
///
/// A reactor's `_initialize` may trap when it is called a second time
/// (wasi-libc's does), and some runners call it twice (`wasmer run` in
/// Wasmer 7.4). So the thunks share a guard ([`GlobalSym::EntryGuard`]):
/// the `_initialize` functions (the dependencies', and the main module's if
/// it is a reactor) run on the first call only; a main module's `_start`
/// runs on every call, as it would alone.
///
/// With `command` (`wasmer-link --command FUNC`), the output is a command
/// as well: `_start` runs the same guarded initialization, then the main
/// module's `FUNC`, for runners that only ever call `_start`.
struct Entry {
    /// The exports the thunks replace or add: `_initialize` or `_start`.
    thunks: Vec<(&'static str, Generated)>,
}

impl Entry {
    fn of(inputs: &[Input], plan: &Plan, command: Option<&str>) -> Result<Option<Entry>, LinkError> {
        let main = &inputs[0];
        let nullary = |m: usize, name: &str| {
            let f = inputs[m].exported_func(name)?;
            let ty = inputs[m].func_type(f);
            (ty.params().is_empty() && ty.results().is_empty()).then_some(FuncSym::InModule { module: m, func: f })
        };
        let mut once: Vec<FuncSym> =
            plan.start_order.iter().filter(|&&m| m != 0).filter_map(|&m| nullary(m, "_initialize")).collect();
        let command = match command {
            None => None,
            Some(name) => {
                let mut problems = Vec::new();
                if main.exported_func("_start").is_some() {
                    problems.push(format!(
                        "`--command {name}`: the main module {} is a command already (it exports `_start`): \
                         drop `--command`",
                        main.label
                    ));
                }
                let func = nullary(0, name);
                if func.is_none() {
                    problems.push(format!(
                        "`--command {name}`: the main module {} exports no function `{name}` that takes and \
                         returns nothing: name one of its `() -> ()` exports",
                        main.label
                    ));
                }
                if !problems.is_empty() {
                    return Err(LinkError::many(problems));
                }
                func
            }
        };
        if once.is_empty() && command.is_none() {
            return Ok(None);
        }
        let named = |export: &str| format!("{export} (runs every reactor's `_initialize` once, dependencies first)");
        let mut thunks = Vec::new();
        match (nullary(0, "_initialize"), nullary(0, "_start")) {
            (Some(init), _) => {
                once.push(init);
                thunks.push(("_initialize", guarded_thunk(named("_initialize"), once.clone(), None)));
            }
            (None, Some(start)) => thunks.push(("_start", guarded_thunk(named("_start"), once.clone(), Some(start)))),
            (None, None) if !once.is_empty() => {
                thunks.push(("_initialize", guarded_thunk(named("_initialize"), once.clone(), None)))
            }
            (None, None) => {}
        }
        if let Some(func) = command {
            let name =
                format!("_start (`--command {}`: the reactors' `_initialize` once, then it)", command_name(main, func));
            thunks.push(("_start", guarded_thunk(name, once, Some(func))));
        }
        Ok(Some(Entry { thunks }))
    }
}

/// The export name of the main module's function `func`.
fn command_name(main: &Input, func: FuncSym) -> String {
    match func {
        FuncSym::InModule { func, .. } => main
            .exports
            .iter()
            .find(|e| e.kind == ExternalKind::Func && e.index == func)
            .map_or_else(|| format!("function {func}"), |e| e.name.clone()),
        _ => String::new(),
    }
}

/// `() -> ()`: on its first call only, the `once` functions in order; then,
/// on every call, `every_time`.
fn guarded_thunk(name: String, once: Vec<FuncSym>, every_time: Option<FuncSym>) -> Generated {
    let guard = 0;
    let mut b = Builder::new(0);
    b.emit(Instruction::GlobalGet(guard));
    b.emit(Instruction::I32Eqz);
    b.emit(Instruction::If(wasm_encoder::BlockType::Empty));
    b.i32(1);
    b.emit(Instruction::GlobalSet(guard));
    for k in 0..once.len() {
        b.emit(Instruction::Call(k as u32));
    }
    b.emit(Instruction::End);
    if every_time.is_some() {
        b.emit(Instruction::Call(once.len() as u32));
    }
    let funcs = once.into_iter().chain(every_time).collect();
    let body = b.finish().into_raw_body();
    Generated {
        name,
        ty: FuncType::new([], []),
        body,
        funcs,
        memories: Vec::new(),
        globals: vec![GlobalSym::EntryGuard],
    }
}

/// A `() -> ()` function that calls `calls` in order.
fn thunk(name: String, calls: Vec<FuncSym>) -> Generated {
    let mut b = Builder::new(0);
    for k in 0..calls.len() {
        b.emit(Instruction::Call(k as u32));
    }
    let body = b.finish().into_raw_body();
    Generated { name, ty: FuncType::new([], []), body, funcs: calls, memories: Vec::new(), globals: Vec::new() }
}

/// The start function: the only module start, or a thunk that runs every
/// module's start in dependency order.
enum Start {
    None,
    One(FuncSym),
    Thunk(Generated),
}

impl Start {
    fn of(inputs: &[Input], plan: &Plan) -> Start {
        let starts: Vec<FuncSym> = plan
            .start_order
            .iter()
            .filter_map(|&m| inputs[m].start.map(|func| FuncSym::InModule { module: m, func }))
            .collect();
        match starts.as_slice() {
            [] => Start::None,
            [one] => Start::One(*one),
            _ => Start::Thunk(thunk("start (runs every module's start in dependency order)".to_string(), starts)),
        }
    }
}

/// Merges the modules, their adapters and thunks into one module.
pub fn merge(
    inputs: &[Input],
    plan: &Plan,
    adapters: Vec<Generated>,
    command: Option<&str>,
) -> Result<Vec<u8>, LinkError> {
    let start = Start::of(inputs, plan);
    let entry = Entry::of(inputs, plan, command)?;
    let mut generated = adapters;
    let start_sym = match start {
        Start::None => None,
        Start::One(sym) => Some(Root::Sym(sym)),
        Start::Thunk(t) => {
            generated.push(t);
            Some(Root::Generated(generated.len() - 1))
        }
    };
    let entry: Vec<(&str, usize)> = entry
        .into_iter()
        .flat_map(|e| e.thunks)
        .map(|(export, thunk)| {
            generated.push(thunk);
            (export, generated.len() - 1)
        })
        .collect();
    let layout = Layout::new(inputs, plan, generated.len());
    let bodies: Vec<Vec<FunctionBody>> = inputs.iter().map(bodies).collect();
    let generated_bodies: Vec<FunctionBody> =
        generated.iter().map(|g| FunctionBody::new(BinaryReader::new(&g.body, 0))).collect();
    let mut roots: Vec<MergedFunc> = Vec::new();
    for export in inputs[0].exports.iter().filter(|e| e.kind == ExternalKind::Func) {
        roots.push(layout.func(plan, 0, export.index));
    }
    for (m, input) in inputs.iter().enumerate() {
        roots.extend(static_references(input).into_iter().map(|f| layout.func(plan, m, f)));
    }
    for root in start_sym.iter().chain(entry.iter().map(|(_, g)| Root::Generated(*g)).collect::<Vec<_>>().iter()) {
        roots.push(root.merged(&layout, plan));
    }
    let live = live_functions(&layout, plan, &bodies, &generated, &generated_bodies, roots);
    let finals = Finals::new(&live);

    let mut out = Sections::new(inputs, plan, &finals)?;
    for (m, input) in inputs.iter().enumerate() {
        out.module(input, m, &layout, plan, &finals, &bodies[m])?;
    }
    if !entry.is_empty() {
        out.entry_guard();
    }
    for (g, (generated, body)) in generated.iter().zip(generated_bodies).enumerate() {
        let index = MergedFunc(layout.generated_base + g as u32);
        out.generated(generated, body, index, &layout, plan, &finals)?;
    }
    let start = start_sym.map(|root| finals.get(root.merged(&layout, plan))).transpose()?;
    let entry = entry
        .into_iter()
        .map(|(export, g)| Ok((export, finals.get(MergedFunc(layout.generated_base + g as u32))?)))
        .collect::<Result<Vec<_>, LinkError>>()?;
    out.exports(&inputs[0], &layout, plan, &finals, &entry)?;
    out.origins.labels = inputs.iter().map(|i| i.label.clone()).collect();
    out.entity_origins(inputs, plan, !entry.is_empty());
    let producers = custom::producers(inputs);
    let module = out.finish(start, producers.as_ref())?;
    let memories: usize = inputs.iter().map(|i| i.memories.len() - i.imported.memories as usize).sum();
    Ok(with_target_features(module, custom::declared(inputs), memories + plan.host_memories.len() > 1))
}

/// The merged module with its `target_features` section (what the inputs
/// declared, plus `multimemory` when it has several memories), before its
/// origins (the last section).
fn with_target_features(module: Vec<u8>, declared: Option<Vec<String>>, multi: bool) -> Vec<u8> {
    let Some(mut declared) = declared else { return module };
    if multi && !declared.iter().any(|d| d == "multimemory") {
        declared.push("multimemory".to_string());
    }
    let (mut bare, origins) = origins::Origins::take(module);
    let data = custom::target_features(&declared, crate::profile::accepted_features());
    CustomSection { name: custom::TARGET_FEATURES.into(), data: data.into() }.append_to(&mut bare);
    CustomSection { name: origins::SECTION.into(), data: origins.encode().into() }.append_to(&mut bare);
    bare
}

/// A function the output must keep: a module's, or a generated one.
#[derive(Clone, Copy)]
enum Root {
    Sym(FuncSym),
    Generated(usize),
}

impl Root {
    fn merged(&self, layout: &Layout, plan: &Plan) -> MergedFunc {
        match *self {
            Root::Sym(sym) => layout.sym(plan, sym),
            Root::Generated(g) => MergedFunc(layout.generated_base + g as u32),
        }
    }
}

/// Which merged functions are reachable from `roots`.
fn live_functions(
    layout: &Layout,
    plan: &Plan,
    bodies: &[Vec<FunctionBody>],
    generated: &[Generated],
    generated_bodies: &[FunctionBody],
    mut work: Vec<MergedFunc>,
) -> Vec<bool> {
    let mut live = vec![false; layout.total_funcs as usize];
    while let Some(f) = work.pop() {
        if std::mem::replace(&mut live[f.0 as usize], true) {
            continue;
        }
        match layout.owner(f) {
            Owner::Host => {}
            Owner::Module(m, d) => {
                work.extend(referenced(&bodies[m][d]).into_iter().map(|g| layout.func(plan, m, g)));
            }
            Owner::Generated(g) => {
                let syms = &generated[g].funcs;
                let called = referenced(&generated_bodies[g]).into_iter().filter_map(|k| syms.get(k as usize));
                work.extend(called.map(|&sym| layout.sym(plan, sym)));
            }
        }
    }
    live
}

/// Final function indices: live functions, numbered in merged order.
struct Finals(Vec<Option<u32>>);

impl Finals {
    fn new(live: &[bool]) -> Finals {
        let mut next = 0;
        Finals(
            live.iter()
                .map(|&is_live| {
                    is_live.then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect(),
        )
    }

    fn is_live(&self, f: MergedFunc) -> bool {
        self.0[f.0 as usize].is_some()
    }

    /// The final index of a live function. Everything a live function
    /// refers to is live (that is how liveness is computed), so a miss is a
    /// bug of this file, reported rather than panicked on.
    fn get(&self, f: MergedFunc) -> Result<u32, LinkError> {
        self.0[f.0 as usize].ok_or_else(|| {
            LinkError::one(format!(
                "internal error: merged function {} is used but was dropped; please report this",
                f.0
            ))
        })
    }
}

/// Every module's code bodies, parsed once.
fn bodies(input: &Input) -> Vec<FunctionBody<'_>> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(&input.bytes) {
        if let Ok(Payload::CodeSectionEntry(body)) = payload {
            out.push(body);
        }
    }
    out
}

/// Functions a body refers to (calls, `ref.func`), in its own index space.
fn referenced(body: &FunctionBody<'_>) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(mut reader) = body.get_operators_reader() else { return out };
    while !reader.eof() {
        match reader.read() {
            Ok(Operator::Call { function_index })
            | Ok(Operator::ReturnCall { function_index })
            | Ok(Operator::RefFunc { function_index }) => out.push(function_index),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    out
}

/// Functions every element segment and global initializer of `input` refers to.
fn static_references(input: &Input) -> Vec<u32> {
    let mut out = Vec::new();
    let const_refs = |expr: &wasmparser::ConstExpr, out: &mut Vec<u32>| {
        let mut reader = expr.get_operators_reader();
        while let Ok(op) = reader.read() {
            if let Operator::RefFunc { function_index } = op {
                out.push(function_index);
            }
        }
    };
    for payload in Parser::new(0).parse_all(&input.bytes) {
        match payload {
            Ok(Payload::ElementSection(reader)) => {
                for element in reader.into_iter().flatten() {
                    match element.items {
                        ElementItems::Functions(funcs) => out.extend(funcs.into_iter().flatten()),
                        ElementItems::Expressions(_, exprs) => {
                            for expr in exprs.into_iter().flatten() {
                                const_refs(&expr, &mut out);
                            }
                        }
                    }
                }
            }
            Ok(Payload::GlobalSection(reader)) => {
                for global in reader.into_iter().flatten() {
                    const_refs(&global.init_expr, &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

/// Rewrites one body's (or module's) indices into the output's.
struct Remap {
    funcs: Vec<Option<u32>>,
    types: Vec<u32>,
    tables: Vec<u32>,
    memories: Vec<u32>,
    globals: Vec<u32>,
    data_base: u32,
    elem_base: u32,
}

type ReencodeResult = Result<u32, wasm_encoder::reencode::Error<String>>;

fn remap(list: &[u32], index: u32, what: &str) -> ReencodeResult {
    list.get(index as usize)
        .copied()
        .ok_or_else(|| wasm_encoder::reencode::Error::UserError(format!("no {what} {index}")))
}

impl Reencode for Remap {
    type Error = String;

    fn function_index(&mut self, func: u32) -> ReencodeResult {
        match self.funcs.get(func as usize) {
            Some(Some(f)) => Ok(*f),
            _ => Err(wasm_encoder::reencode::Error::UserError(format!("function {func} was dropped"))),
        }
    }
    fn type_index(&mut self, ty: u32) -> ReencodeResult {
        remap(&self.types, ty, "type")
    }
    fn table_index(&mut self, table: u32) -> ReencodeResult {
        remap(&self.tables, table, "table")
    }
    fn memory_index(&mut self, memory: u32) -> ReencodeResult {
        remap(&self.memories, memory, "memory")
    }
    fn global_index(&mut self, global: u32) -> ReencodeResult {
        remap(&self.globals, global, "global")
    }
    fn data_index(&mut self, data: u32) -> ReencodeResult {
        Ok(self.data_base + data)
    }
    fn element_index(&mut self, element: u32) -> ReencodeResult {
        Ok(self.elem_base + element)
    }
}

/// Function types of the output, each once.
#[derive(Default)]
struct Types {
    list: Vec<FuncType>,
    index: HashMap<FuncType, u32>,
}

impl Types {
    fn intern(&mut self, ty: &FuncType) -> u32 {
        if let Some(&i) = self.index.get(ty) {
            return i;
        }
        self.list.push(ty.clone());
        let i = self.list.len() as u32 - 1;
        self.index.insert(ty.clone(), i);
        i
    }
}

/// The output's sections, filled module by module.
struct Sections {
    types: Types,
    /// Per module: its type indices in the output.
    module_types: Vec<Vec<u32>>,
    imports: ImportSection,
    functions: FunctionSection,
    code: CodeSection,
    tables: TableSection,
    memories: MemorySection,
    globals: GlobalSection,
    exports: ExportSection,
    elements: ElementSection,
    data: DataSection,
    data_count: u32,
    names: BTreeMap<u32, String>,
    /// The module of every function emitted so far, and (at the end) of
    /// every other entity.
    origins: origins::Origins,
}

fn reencode_error(what: String) -> impl Fn(wasm_encoder::reencode::Error<String>) -> LinkError {
    move |err| LinkError::one(format!("{what} could not be re-encoded: {err}"))
}

impl Sections {
    /// The sections, with the host imports that something live uses.
    fn new(inputs: &[Input], plan: &Plan, finals: &Finals) -> Result<Sections, LinkError> {
        let mut types = Types::default();
        let module_types = inputs.iter().map(|i| i.types.iter().map(|t| types.intern(t)).collect()).collect();
        let mut out = Sections {
            types,
            module_types,
            imports: ImportSection::new(),
            functions: FunctionSection::new(),
            code: CodeSection::new(),
            tables: TableSection::new(),
            memories: MemorySection::new(),
            globals: GlobalSection::new(),
            exports: ExportSection::new(),
            elements: ElementSection::new(),
            data: DataSection::new(),
            data_count: 0,
            names: BTreeMap::new(),
            origins: origins::Origins::default(),
        };
        let mut rt = RoundtripReencoder;
        let bad = |what: &str, e| LinkError::one(format!("the host import {what} could not be re-encoded: {e}"));
        for (h, host) in plan.host_funcs.iter().enumerate() {
            if let Some(f) = finals.0[h] {
                let ty = out.types.intern(&host.ty);
                out.imports.import(&host.module, &host.field, EntityType::Function(ty));
                out.names.insert(f, format!("{}.{}", host.module, host.field));
                out.origins.funcs.push(None);
            }
        }
        for host in &plan.host_tables {
            let ty = rt.table_type(host.ty).map_err(|e| bad(&host.field, e))?;
            out.imports.import(&host.module, &host.field, EntityType::Table(ty));
        }
        for host in &plan.host_memories {
            let ty = rt.memory_type(host.ty).map_err(|e| bad(&host.field, e))?;
            out.imports.import(&host.module, &host.field, EntityType::Memory(ty));
        }
        for host in &plan.host_globals {
            let ty = rt.global_type(host.ty).map_err(|e| bad(&host.field, e))?;
            out.imports.import(&host.module, &host.field, EntityType::Global(ty));
        }
        Ok(out)
    }

    /// One module's live functions, tables, memories, globals, elements,
    /// data and function names.
    fn module(
        &mut self,
        input: &Input,
        m: usize,
        layout: &Layout,
        plan: &Plan,
        finals: &Finals,
        bodies: &[FunctionBody],
    ) -> Result<(), LinkError> {
        let types = self.module_types[m].clone();
        let merged = |kind: Kind, count: usize| (0..count as u32).map(|i| layout.index(plan, m, kind, i)).collect();
        let mut r = Remap {
            funcs: (0..input.func_types.len() as u32).map(|f| finals.0[layout.func(plan, m, f).0 as usize]).collect(),
            types,
            tables: merged(Kind::Table, input.tables.len()),
            memories: merged(Kind::Memory, input.memories.len()),
            globals: merged(Kind::Global, input.globals.len()),
            data_base: layout.data_base[m],
            elem_base: layout.elem_base[m],
        };
        let imported = input.imported.funcs as usize;
        for (d, body) in bodies.iter().enumerate() {
            if !finals.is_live(layout.func(plan, m, (imported + d) as u32)) {
                continue;
            }
            self.functions.function(r.types[input.func_types[imported + d] as usize]);
            self.origins.funcs.push(Some((m, (imported + d) as u32)));
            let what = format!("function {d} of module `{}`", input.name);
            r.parse_function_body(&mut self.code, body.clone()).map_err(reencode_error(what))?;
        }
        self.module_sections(input, &mut r)
    }

    fn module_sections(&mut self, input: &Input, r: &mut Remap) -> Result<(), LinkError> {
        let what = || format!("module `{}`", input.name);
        for payload in Parser::new(0).parse_all(&input.bytes) {
            let payload = payload.map_err(|e| LinkError::one(format!("{} could not be read again: {e}", what())))?;
            match payload {
                Payload::TableSection(s) => r.parse_table_section(&mut self.tables, s),
                Payload::MemorySection(s) => r.parse_memory_section(&mut self.memories, s),
                Payload::GlobalSection(s) => r.parse_global_section(&mut self.globals, s),
                Payload::ElementSection(s) => r.parse_element_section(&mut self.elements, s),
                Payload::DataSection(s) => {
                    self.data_count += s.count();
                    r.parse_data_section(&mut self.data, s)
                }
                Payload::CustomSection(c) if c.name() == "name" => {
                    collect_names(input, &r.funcs, c.data(), c.data_offset(), &mut self.names);
                    Ok(())
                }
                _ => Ok(()),
            }
            .map_err(reencode_error(what()))?;
        }
        Ok(())
    }

    /// A generated function (adapter or thunk), if it is live.
    fn generated(
        &mut self,
        g: &Generated,
        body: FunctionBody,
        index: MergedFunc,
        layout: &Layout,
        plan: &Plan,
        finals: &Finals,
    ) -> Result<(), LinkError> {
        let Some(final_index) = finals.0[index.0 as usize] else { return Ok(()) };
        let mut r = Remap {
            funcs: g.funcs.iter().map(|&sym| finals.0[layout.sym(plan, sym).0 as usize]).collect(),
            types: Vec::new(),
            tables: Vec::new(),
            memories: g.memories.iter().map(|&target| layout.target(Kind::Memory, target)).collect(),
            globals: g.globals.iter().map(|GlobalSym::EntryGuard| layout.entry_guard).collect(),
            data_base: 0,
            elem_base: 0,
        };
        self.functions.function(self.types.intern(&g.ty));
        self.origins.funcs.push(None);
        r.parse_function_body(&mut self.code, body).map_err(reencode_error(format!("the {}", g.name)))?;
        self.names.insert(final_index, g.name.clone());
        Ok(())
    }

    /// The main module's exports, and the entry thunks'.
    fn exports(
        &mut self,
        main: &Input,
        layout: &Layout,
        plan: &Plan,
        finals: &Finals,
        entry: &[(&str, u32)],
    ) -> Result<(), LinkError> {
        for &(name, index) in entry {
            if main.exported_func(name).is_none() {
                self.exports.export(name, ExportKind::Func, index);
            }
        }
        for export in &main.exports {
            let (kind, index) = match export.kind {
                ExternalKind::Func | ExternalKind::FuncExact => match entry.iter().find(|(n, _)| *n == export.name) {
                    Some(&(_, thunk)) => (ExportKind::Func, thunk),
                    None => (ExportKind::Func, finals.get(layout.func(plan, 0, export.index))?),
                },
                ExternalKind::Table => (ExportKind::Table, layout.index(plan, 0, Kind::Table, export.index)),
                ExternalKind::Memory => (ExportKind::Memory, layout.index(plan, 0, Kind::Memory, export.index)),
                ExternalKind::Global => (ExportKind::Global, layout.index(plan, 0, Kind::Global, export.index)),
                ExternalKind::Tag => continue,
            };
            self.exports.export(&export.name, kind, index);
        }
        Ok(())
    }

    /// The owners of every global, table, data and element segment: the
    /// host's imports first, then each module's own, in input order.
    fn entity_origins(&mut self, inputs: &[Input], plan: &Plan, entry_guard: bool) {
        let o = &mut self.origins;
        o.globals = vec![None; plan.host_globals.len()];
        o.tables = vec![None; plan.host_tables.len()];
        for (m, input) in inputs.iter().enumerate() {
            let own = |all: usize, imported: u32| all - imported as usize;
            o.globals.extend(std::iter::repeat_n(Some(m), own(input.globals.len(), input.imported.globals)));
            o.tables.extend(std::iter::repeat_n(Some(m), own(input.tables.len(), input.imported.tables)));
            o.data.extend(std::iter::repeat_n(Some(m), input.data_count as usize));
            o.elems.extend(std::iter::repeat_n(Some(m), input.elem_count as usize));
        }
        if entry_guard {
            o.globals.push(None);
        }
    }

    /// The entry thunk's guard, after every module's globals.
    fn entry_guard(&mut self) {
        let ty = wasm_encoder::GlobalType { val_type: wasm_encoder::ValType::I32, mutable: true, shared: false };
        self.globals.global(ty, &wasm_encoder::ConstExpr::i32_const(0));
    }

    fn finish(self, start: Option<u32>, producers: Option<&ProducersSection>) -> Result<Vec<u8>, LinkError> {
        let mut module = Module::new();
        module.section(&crate::emit::type_section(&self.types.list)?);
        module.section(&self.imports);
        module.section(&self.functions);
        module.section(&self.tables);
        module.section(&self.memories);
        module.section(&self.globals);
        module.section(&self.exports);
        if let Some(function_index) = start {
            module.section(&StartSection { function_index });
        }
        module.section(&self.elements);
        if self.data_count > 0 {
            module.section(&DataCountSection { count: self.data_count });
        }
        module.section(&self.code);
        module.section(&self.data);
        module.section(&crate::emit::name_section(&self.names));
        if let Some(producers) = producers {
            module.section(producers);
        }
        module.section(&CustomSection { name: origins::SECTION.into(), data: self.origins.encode().into() });
        Ok(module.finish())
    }
}

/// Copies function names from a module's name section, each
/// prefixed with the module's name.
fn collect_names(input: &Input, funcs: &[Option<u32>], data: &[u8], offset: u64, names: &mut BTreeMap<u32, String>) {
    let reader = NameSectionReader::new(BinaryReader::new(data, offset));
    for sub in reader.into_iter().flatten() {
        if let Name::Function(map) = sub {
            for naming in map.into_iter().flatten() {
                let index = naming.index as usize;
                if index < input.imported.funcs as usize {
                    continue; // imports are named by what serves them
                }
                if let Some(Some(f)) = funcs.get(index) {
                    names.insert(*f, format!("{}::{}", input.name, naming.name));
                }
            }
        }
    }
}
