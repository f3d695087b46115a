//! Phase 4, merge: lay every module, adapter and thunk out in one
//! set of index spaces, drop code nothing reaches, and encode one module.
//!
//! Input: the read modules, the plan, the generated adapters. Output: the
//! bytes of a multi-memory module whose imports are the host imports of the
//! plan, whose exports are the main module's, and whose name section names
//! every function `module::name` (traps show where they happened).
//!
//! Layout of each index space, in order: host imports (shared by every module
//! that imports them), then each module's own entities in input order (the
//! main module first, so its memory keeps index 0), then the adapters, then
//! the start thunk, then the entry thunk (see [`Entry`]). Bodies are re-encoded with `wasm-encoder`'s `Reencode`,
//! which rewrites every function, type, table, memory, global, element and
//! data index through the tables built here.
//!
//! Invariant: a function is emitted only if it is reachable from the main
//! module's exports, a start function, an element segment or a `ref.func`
//! in a global; everything it reaches is emitted too.

use std::collections::{BTreeMap, HashMap};

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, DataCountSection, DataSection, ElementSection, EntityType, ExportKind, ExportSection,
    Function as Body, FunctionSection, GlobalSection, ImportSection, Instruction, MemorySection, Module, NameMap,
    NameSection, StartSection, TableSection, TypeSection,
};
use wasmparser::{
    ElementItems, ExternalKind, FuncType, FunctionBody, Name, NameSectionReader, Operator, Parser, Payload,
};

use crate::adapter::{self, Adapter, Far, MemCtx};
use crate::error::Problems;
use crate::interface::Interfaces;
use crate::plan::{AdapterKind, Callee, Plan, Resolved, Target};
use crate::read::Input;
use crate::wasi;

/// Where everything of every module lands in the merged index spaces,
/// before dead code is dropped.
struct Layout {
    host_funcs: u32,
    func_base: Vec<u32>,
    adapter_base: u32,
    thunk: Option<u32>,
    entry: Option<(u32, Entry)>,
    total_funcs: u32,
    table_base: Vec<u32>,
    memory_base: Vec<u32>,
    global_base: Vec<u32>,
    data_base: Vec<u32>,
    elem_base: Vec<u32>,
    /// Per module, per import kind: positions in `imports` of the n-th import.
    import_pos: Vec<[Vec<usize>; 4]>,
}

/// WASI reactors (`_initialize`) among the dependencies: their
/// `_initialize` must run exactly once, after the host has set up WASI and
/// before anything calls them, so it cannot be a start function. The output's
/// entry point becomes a thunk that runs every dependency's `_initialize`, in
/// dependency order, and then the main module's own entry point.
#[derive(Debug, Clone)]
struct Entry {
    /// The export the thunk replaces (or adds): `_initialize` or `_start`.
    export: &'static str,
    /// `(module, function)` pairs the thunk calls, in order (module indices
    /// into `inputs`, functions in each module's own index space).
    calls: Vec<(usize, u32)>,
}

impl Entry {
    fn of(inputs: &[Input], plan: &Plan) -> Option<Entry> {
        let nullary = |m: usize, name: &str| {
            let f = inputs[m].exported_func(name)?;
            let ty = inputs[m].func_type(f);
            (ty.params().is_empty() && ty.results().is_empty()).then_some(f)
        };
        let mut calls: Vec<(usize, u32)> = plan
            .start_order
            .iter()
            .filter(|&&m| m != 0)
            .filter_map(|&m| Some((m, nullary(m, "_initialize")?)))
            .collect();
        if calls.is_empty() {
            return None;
        }
        let export = match (nullary(0, "_initialize"), nullary(0, "_start")) {
            (Some(init), _) => {
                calls.push((0, init));
                "_initialize"
            }
            (None, Some(start)) => {
                calls.push((0, start));
                "_start"
            }
            (None, None) => "_initialize",
        };
        Some(Entry { export, calls })
    }
}

const FUNC: usize = 0;
const TABLE: usize = 1;
const MEMORY: usize = 2;
const GLOBAL: usize = 3;

fn kind_slot(ty: &wasmparser::TypeRef) -> usize {
    match ty {
        wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_) => FUNC,
        wasmparser::TypeRef::Table(_) => TABLE,
        wasmparser::TypeRef::Memory(_) => MEMORY,
        _ => GLOBAL,
    }
}

impl Layout {
    fn new(inputs: &[Input], plan: &Plan) -> Layout {
        let mut func_base = Vec::new();
        let mut table_base = Vec::new();
        let mut memory_base = Vec::new();
        let mut global_base = Vec::new();
        let mut data_base = Vec::new();
        let mut elem_base = Vec::new();
        let host_funcs = plan.host_funcs.len() as u32;
        let (mut f, mut t, mut m, mut g, mut d, mut e) = (
            host_funcs,
            plan.host_tables.len() as u32,
            plan.host_memories.len() as u32,
            plan.host_globals.len() as u32,
            0,
            0,
        );
        let mut import_pos = Vec::new();
        for input in inputs {
            func_base.push(f);
            table_base.push(t);
            memory_base.push(m);
            global_base.push(g);
            data_base.push(d);
            elem_base.push(e);
            f += input.func_types.len() as u32 - input.imported.funcs;
            t += input.tables.len() as u32 - input.imported.tables;
            m += input.memories.len() as u32 - input.imported.memories;
            g += input.globals.len() as u32 - input.imported.globals;
            d += input.data_count;
            e += input.elem_count;
            let mut pos: [Vec<usize>; 4] = Default::default();
            for (i, import) in input.imports.iter().enumerate() {
                pos[kind_slot(&import.ty)].push(i);
            }
            import_pos.push(pos);
        }
        let adapter_base = f;
        f += plan.adapters.len() as u32;
        let starts = plan.start_order.iter().filter(|&&m| inputs[m].start.is_some()).count();
        let thunk = (starts > 1).then(|| {
            f += 1;
            f - 1
        });
        let entry = Entry::of(inputs, plan).map(|entry| {
            f += 1;
            (f - 1, entry)
        });
        Layout {
            host_funcs,
            func_base,
            adapter_base,
            thunk,
            entry,
            total_funcs: f,
            table_base,
            memory_base,
            global_base,
            data_base,
            elem_base,
            import_pos,
        }
    }

    fn target(&self, kind: usize, target: Target) -> u32 {
        match target {
            Target::Host(i) => i,
            Target::Defined { module, index } => {
                let base = match kind {
                    FUNC => &self.func_base,
                    TABLE => &self.table_base,
                    MEMORY => &self.memory_base,
                    _ => &self.global_base,
                };
                base[module] + index
            }
        }
    }

    /// The merged index of entity `index` of `kind` in `module`'s own space.
    fn index(&self, inputs: &[Input], plan: &Plan, module: usize, kind: usize, index: u32) -> u32 {
        let imported = self.import_pos[module][kind].len() as u32;
        if index < imported {
            let pos = self.import_pos[module][kind][index as usize];
            return match plan.imports[module][pos] {
                Resolved::Direct(target) => self.target(kind, target),
                Resolved::Adapter(a) => self.adapter_base + a as u32,
            };
        }
        let _ = inputs;
        self.target(kind, Target::Defined { module, index: index - imported })
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

/// Functions a body refers to (calls, `ref.func`), in the module's own space.
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
        while !reader.eof() {
            match reader.read() {
                Ok(Operator::RefFunc { function_index }) => out.push(function_index),
                Ok(_) => {}
                Err(_) => break,
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

/// Rewrites one module's indices into the output's.
struct Remap {
    funcs: Vec<u32>,
    types: Vec<u32>,
    tables: Vec<u32>,
    memories: Vec<u32>,
    globals: Vec<u32>,
    data_base: u32,
    elem_base: u32,
}

impl Reencode for Remap {
    type Error = std::convert::Infallible;

    fn function_index(&mut self, func: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(self.funcs[func as usize])
    }
    fn type_index(&mut self, ty: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(self.types[ty as usize])
    }
    fn table_index(&mut self, table: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(self.tables[table as usize])
    }
    fn memory_index(&mut self, memory: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(self.memories[memory as usize])
    }
    fn global_index(&mut self, global: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(self.globals[global as usize])
    }
    fn data_index(&mut self, data: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
        Ok(self.data_base + data)
    }
    fn element_index(&mut self, element: u32) -> Result<u32, wasm_encoder::reencode::Error<Self::Error>> {
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

pub fn merge(inputs: &[Input], plan: &Plan, interfaces: &Interfaces, problems: &mut Problems) -> Option<Vec<u8>> {
    let layout = Layout::new(inputs, plan);
    let merged = |m: usize, kind: usize, i: u32| layout.index(inputs, plan, m, kind, i);

    // Adapters.
    let memory_ctx = |m: usize| -> Option<MemCtx> {
        let target = plan.memory_of(inputs, m)?;
        let export = |name: &str| inputs[m].exported_func(name).map(|f| merged(m, FUNC, f));
        Some(MemCtx {
            module: inputs[m].name.clone(),
            memory: layout.target(MEMORY, target),
            realloc: export("canonical_abi_realloc"),
            free: export("canonical_abi_free"),
        })
    };
    let mut adapters: Vec<Adapter> = Vec::new();
    let mut adapter_names = Vec::new();
    for spec in &plan.adapters {
        let caller = memory_ctx(spec.caller).expect("adapters cross between memories");
        if let AdapterKind::Wasi { shape, sizes } = spec.kind {
            let Callee::Host { index } = spec.callee else { unreachable!("WASI functions are host imports") };
            let main = memory_ctx(0).expect("adapters cross between memories");
            match wasi::generate(shape, &caller, &main, index, sizes) {
                Ok(adapter) => adapters.push(adapter),
                Err(problem) => problems.push(problem),
            }
            adapter_names.push(format!("adapter {} -> {}.{}", caller.module, spec.interface, spec.func));
            continue;
        }
        let iface = interfaces.get(&spec.interface).expect("planned adapters have interfaces");
        let func = iface.func(&spec.func).expect("planned adapters have functions");
        let (far_mem, far_func, far_name) = match spec.callee {
            Callee::Export { module, index } => (
                memory_ctx(module),
                layout.target(FUNC, Target::Defined { module, index }),
                inputs[module].name.clone(),
            ),
            Callee::Host { index } => (memory_ctx(0), index, "host".to_string()),
        };
        let far_mem = far_mem.expect("adapters cross between memories");
        let far = match spec.callee {
            Callee::Export { .. } => Far::Export { func: far_func, mem: &far_mem },
            Callee::Host { .. } => Far::Host { func: far_func, mem: &far_mem },
        };
        let what = format!("the adapter for `{}` calling `{}.{}`", caller.module, spec.interface, spec.func);
        match adapter::generate(iface, func, &spec.ty, &caller, far, &what) {
            Ok(adapter) => adapters.push(adapter),
            Err(found) => found.into_iter().for_each(|p| problems.push(p)),
        }
        adapter_names.push(format!("adapter {} -> {}::{}", caller.module, far_name, spec.func));
    }
    if !problems.is_empty() {
        return None;
    }

    // Liveness, from the main module's exports, start functions, elements.
    let bodies: Vec<Vec<FunctionBody>> = inputs.iter().map(bodies).collect();
    let mut owner: Vec<Option<(usize, usize)>> = vec![None; layout.total_funcs as usize];
    for (m, input) in inputs.iter().enumerate() {
        for d in 0..(input.func_types.len() - input.imported.funcs as usize) {
            owner[(layout.func_base[m] as usize) + d] = Some((m, d));
        }
    }
    let mut live = vec![false; layout.total_funcs as usize];
    let mut work: Vec<u32> = Vec::new();
    for export in &inputs[0].exports {
        if export.kind == ExternalKind::Func {
            work.push(merged(0, FUNC, export.index));
        }
    }
    for (m, input) in inputs.iter().enumerate() {
        if let Some(start) = input.start {
            work.push(merged(m, FUNC, start));
        }
        work.extend(static_references(input).into_iter().map(|f| merged(m, FUNC, f)));
    }
    if let Some(thunk) = layout.thunk {
        work.push(thunk);
    }
    if let Some((thunk, entry)) = &layout.entry {
        work.push(*thunk);
        work.extend(entry.calls.iter().map(|&(m, f)| merged(m, FUNC, f)));
    }
    while let Some(f) = work.pop() {
        if std::mem::replace(&mut live[f as usize], true) {
            continue;
        }
        if let Some((m, d)) = owner[f as usize] {
            work.extend(referenced(&bodies[m][d]).into_iter().map(|g| merged(m, FUNC, g)));
        } else if let Some(adapter) = f.checked_sub(layout.adapter_base).and_then(|a| adapters.get(a as usize)) {
            work.extend(adapter.calls.iter().copied());
        }
    }
    let mut final_index = vec![u32::MAX; layout.total_funcs as usize];
    let mut next = 0;
    for (f, &is_live) in live.iter().enumerate() {
        if is_live {
            final_index[f] = next;
            next += 1;
        }
    }

    // Types.
    let mut types = Types::default();
    let module_types: Vec<Vec<u32>> =
        inputs.iter().map(|i| i.types.iter().map(|t| types.intern(t)).collect()).collect();

    // Per-module index maps, into final indices.
    let mut remaps: Vec<Remap> = inputs
        .iter()
        .enumerate()
        .map(|(m, input)| Remap {
            funcs: (0..input.func_types.len() as u32).map(|f| final_index[merged(m, FUNC, f) as usize]).collect(),
            types: module_types[m].clone(),
            tables: (0..input.tables.len() as u32).map(|t| merged(m, TABLE, t)).collect(),
            memories: (0..input.memories.len() as u32).map(|x| merged(m, MEMORY, x)).collect(),
            globals: (0..input.globals.len() as u32).map(|g| merged(m, GLOBAL, g)).collect(),
            data_base: layout.data_base[m],
            elem_base: layout.elem_base[m],
        })
        .collect();

    // Sections.
    let mut rt = RoundtripReencoder;
    let mut imports = ImportSection::new();
    for (h, host) in plan.host_funcs.iter().enumerate() {
        if live[h] {
            imports.import(&host.module, &host.field, EntityType::Function(types.intern(&host.ty)));
        }
    }
    for host in &plan.host_tables {
        imports.import(&host.module, &host.field, EntityType::Table(rt.table_type(host.ty).ok()?));
    }
    for host in &plan.host_memories {
        imports.import(&host.module, &host.field, EntityType::Memory(rt.memory_type(host.ty).ok()?));
    }
    for host in &plan.host_globals {
        imports.import(&host.module, &host.field, EntityType::Global(rt.global_type(host.ty).ok()?));
    }

    let mut functions = FunctionSection::new();
    let mut code = CodeSection::new();
    let mut tables = TableSection::new();
    let mut memories = MemorySection::new();
    let mut globals = GlobalSection::new();
    let mut elements = ElementSection::new();
    let mut data = DataSection::new();
    let mut data_count = 0;
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    for (h, host) in plan.host_funcs.iter().enumerate() {
        if live[h] {
            names.insert(final_index[h], format!("{}.{}", host.module, host.field));
        }
    }
    for (m, input) in inputs.iter().enumerate() {
        let r = &mut remaps[m];
        for (d, body) in bodies[m].iter().enumerate() {
            let f = layout.func_base[m] as usize + d;
            if !live[f] {
                continue;
            }
            let ty = input.func_types[input.imported.funcs as usize + d];
            functions.function(module_types[m][ty as usize]);
            if r.parse_function_body(&mut code, body.clone()).is_err() {
                problems.push(format!("module `{}`: function {} could not be re-encoded", input.name, d));
                return None;
            }
        }
        for payload in Parser::new(0).parse_all(&input.bytes) {
            let Ok(payload) = payload else { continue };
            let ok = match payload {
                Payload::TableSection(s) => r.parse_table_section(&mut tables, s).is_ok(),
                Payload::MemorySection(s) => r.parse_memory_section(&mut memories, s).is_ok(),
                Payload::GlobalSection(s) => r.parse_global_section(&mut globals, s).is_ok(),
                Payload::ElementSection(s) => r.parse_element_section(&mut elements, s).is_ok(),
                Payload::DataSection(s) => {
                    data_count += s.count();
                    r.parse_data_section(&mut data, s).is_ok()
                }
                Payload::CustomSection(c) if c.name() == "name" => {
                    collect_names(input, &r.funcs, c.data(), c.data_offset(), &mut names);
                    true
                }
                _ => true,
            };
            if !ok {
                problems.push(format!("module `{}` could not be re-encoded", input.name));
                return None;
            }
        }
    }
    for (a, adapter) in adapters.iter().enumerate() {
        let f = layout.adapter_base as usize + a;
        if !live[f] {
            continue;
        }
        functions.function(types.intern(&adapter.ty));
        code.function(&adapter.encode(|g| final_index[g as usize]));
        names.insert(final_index[f], adapter_names[a].clone());
    }

    // Start functions, dependencies first.
    let starts: Vec<u32> = plan
        .start_order
        .iter()
        .filter_map(|&m| inputs[m].start.map(|s| final_index[merged(m, FUNC, s) as usize]))
        .collect();
    let start = match (starts.as_slice(), layout.thunk) {
        ([], _) => None,
        ([one], None) => Some(*one),
        (all, Some(thunk)) => {
            functions.function(types.intern(&FuncType::new([], [])));
            let mut body = Body::new([]);
            for &s in all {
                body.instruction(&Instruction::Call(s));
            }
            body.instruction(&Instruction::End);
            code.function(&body);
            names.insert(
                final_index[thunk as usize],
                "start (runs every module's start in dependency order)".to_string(),
            );
            Some(final_index[thunk as usize])
        }
        _ => unreachable!("a thunk exists exactly when more than one module has a start function"),
    };

    // The entry thunk: every reactor's `_initialize`, then the main entry.
    let entry = layout.entry.as_ref().map(|(thunk, entry)| {
        functions.function(types.intern(&FuncType::new([], [])));
        let mut body = Body::new([]);
        for &(m, f) in &entry.calls {
            body.instruction(&Instruction::Call(final_index[merged(m, FUNC, f) as usize]));
        }
        body.instruction(&Instruction::End);
        code.function(&body);
        let index = final_index[*thunk as usize];
        names.insert(index, format!("{} (runs every reactor's `_initialize` once, dependencies first)", entry.export));
        (entry.export, index)
    });

    let mut exports = ExportSection::new();
    if let Some((name, index)) = entry {
        if inputs[0].exported_func(name).is_none() {
            exports.export(name, ExportKind::Func, index);
        }
    }
    for export in &inputs[0].exports {
        let (kind, index) = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => match entry {
                Some((name, thunk)) if export.name == name => (ExportKind::Func, thunk),
                _ => (ExportKind::Func, final_index[merged(0, FUNC, export.index) as usize]),
            },
            ExternalKind::Table => (ExportKind::Table, merged(0, TABLE, export.index)),
            ExternalKind::Memory => (ExportKind::Memory, merged(0, MEMORY, export.index)),
            ExternalKind::Global => (ExportKind::Global, merged(0, GLOBAL, export.index)),
            ExternalKind::Tag => continue,
        };
        exports.export(&export.name, kind, index);
    }

    let mut module = Module::new();
    module.section(&type_section(&types.list));
    module.section(&imports);
    module.section(&functions);
    module.section(&tables);
    module.section(&memories);
    module.section(&globals);
    module.section(&exports);
    if let Some(start) = start {
        module.section(&StartSection { function_index: start });
    }
    module.section(&elements);
    if data_count > 0 {
        module.section(&DataCountSection { count: data_count });
    }
    module.section(&code);
    module.section(&data);
    module.section(&name_section(&names));
    let _ = layout.host_funcs;
    Some(module.finish())
}

/// Copies function names from a module's name section, each
/// prefixed with the module's name.
fn collect_names(input: &Input, funcs: &[u32], data: &[u8], offset: u64, names: &mut BTreeMap<u32, String>) {
    let reader = NameSectionReader::new(wasmparser::BinaryReader::new(data, offset));
    for sub in reader.into_iter().flatten() {
        if let Name::Function(map) = sub {
            for naming in map.into_iter().flatten() {
                let index = naming.index as usize;
                if index < input.imported.funcs as usize {
                    continue; // imports are named by what serves them
                }
                if let Some(&f) = funcs.get(index) {
                    if f != u32::MAX {
                        names.insert(f, format!("{}::{}", input.name, naming.name));
                    }
                }
            }
        }
    }
}

/// The type section for `types` (plain function types only).
pub(crate) fn type_section(types: &[FuncType]) -> TypeSection {
    let mut rt = RoundtripReencoder;
    let mut section = TypeSection::new();
    for ty in types {
        let params: Vec<_> = ty.params().iter().map(|t| rt.val_type(*t).expect("plain value type")).collect();
        let results: Vec<_> = ty.results().iter().map(|t| rt.val_type(*t).expect("plain value type")).collect();
        section.ty().function(params, results);
    }
    section
}

/// A name section naming functions by index.
pub(crate) fn name_section(names: &BTreeMap<u32, String>) -> NameSection {
    let mut map = NameMap::new();
    for (index, name) in names {
        map.append(*index, name);
    }
    let mut section = NameSection::new();
    section.functions(&map);
    section
}
