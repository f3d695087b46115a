//! The output's sections, filled module by module: every body re-encoded
//! through one [`Remap`] per module (or generated function), types
//! interned, exports, names and origins.

use std::collections::HashMap;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{
    CodeSection, CustomSection, DataCountSection, DataSection, ElementSection, EntityType, ExportKind, ExportSection,
    FunctionSection, GlobalSection, ImportSection, MemorySection, Module, ProducersSection, StartSection, TableSection,
};
use wasmparser::{ExternalKind, FuncType, FunctionBody, Parser, Payload};

use super::live::Finals;
use super::names;
use super::origins;
use super::spaces::{Kind, Layout, MergedFunc};
use crate::error::LinkError;
use crate::ir::debug::{BodyMap, Merged};
use crate::ir::generated::{Generated, GlobalSym};
use crate::ir::input::Input;
use crate::ir::plan::Plan;

/// Rewrites one body's (or module's) indices into the output's.
pub(super) struct Remap {
    pub(super) funcs: Vec<Option<u32>>,
    pub(super) types: Vec<u32>,
    pub(super) tables: Vec<u32>,
    pub(super) memories: Vec<u32>,
    pub(super) globals: Vec<u32>,
    pub(super) data_base: u32,
    pub(super) elem_base: u32,
}

type ReencodeResult = Result<u32, wasm_encoder::reencode::Error<String>>;

pub(super) fn remap(list: &[u32], index: u32, what: &str) -> ReencodeResult {
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
pub(super) struct Types {
    pub(super) list: Vec<FuncType>,
    pub(super) index: HashMap<FuncType, u32>,
}

impl Types {
    pub(super) fn intern(&mut self, ty: &FuncType) -> u32 {
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
pub(super) struct Sections {
    pub(super) types: Types,
    /// Per module: its type indices in the output.
    pub(super) module_types: Vec<Vec<u32>>,
    pub(super) imports: ImportSection,
    pub(super) functions: FunctionSection,
    pub(super) code: CodeSection,
    pub(super) tables: TableSection,
    pub(super) memories: MemorySection,
    pub(super) globals: GlobalSection,
    pub(super) exports: ExportSection,
    pub(super) elements: ElementSection,
    pub(super) data: DataSection,
    pub(super) data_count: u32,
    pub(super) names: names::Gathered,
    /// The modules' names, for names that collide.
    pub(super) module_names: Vec<String>,
    /// The module of every function emitted so far, and (at the end) of
    /// every other entity.
    pub(super) origins: origins::Origins,
    /// Where every body's instructions went, when the inputs' debug info
    /// is kept ([`crate::ir::debug`]).
    pub(super) debug: Option<Merged>,
}

pub(super) fn reencode_error(what: String) -> impl Fn(wasm_encoder::reencode::Error<String>) -> LinkError {
    move |err| LinkError::one(format!("{what} could not be re-encoded: {err}"))
}

impl Sections {
    /// The sections, with the host imports that something live uses.
    pub(super) fn new(inputs: &[Input], plan: &Plan, finals: &Finals) -> Result<Sections, LinkError> {
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
            names: names::Gathered::default(),
            module_names: inputs.iter().map(|i| i.name.clone()).collect(),
            origins: origins::Origins::default(),
            debug: None,
        };
        let mut rt = RoundtripReencoder;
        let bad = |what: &str, e| LinkError::one(format!("the host import {what} could not be re-encoded: {e}"));
        for (h, host) in plan.host_funcs.iter().enumerate() {
            if let Some(f) = finals.0[h] {
                let ty = out.types.intern(&host.ty);
                out.imports.import(&host.module, &host.field, EntityType::Function(ty));
                out.names.own(f, format!("{}.{}", host.module, host.field));
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
    pub(super) fn module(
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
            match &mut self.debug {
                Some(debug) => {
                    let map = reencode_recorded(&mut r, &mut self.code, body).map_err(reencode_error(what))?;
                    debug.bodies.push(Some((m, (imported + d) as u32, map)));
                }
                None => r.parse_function_body(&mut self.code, body.clone()).map_err(reencode_error(what))?,
            }
        }
        if let Some(debug) = &mut self.debug {
            debug.globals.push(r.globals.clone());
            debug.memories.push(r.memories.clone());
        }
        self.module_sections(input, m, &mut r)
    }

    pub(super) fn module_sections(&mut self, input: &Input, m: usize, r: &mut Remap) -> Result<(), LinkError> {
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
                    let at = names::Indices { funcs: &r.funcs, globals: &r.globals, data_base: r.data_base };
                    self.names.module(input, m, at, c.data(), c.data_offset());
                    Ok(())
                }
                _ => Ok(()),
            }
            .map_err(reencode_error(what()))?;
        }
        Ok(())
    }

    /// A generated function (adapter or thunk), if it is live.
    pub(super) fn generated(
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
        if let Some(debug) = &mut self.debug {
            debug.bodies.push(None);
        }
        r.parse_function_body(&mut self.code, body).map_err(reencode_error(format!("the {}", g.name)))?;
        self.names.own(final_index, g.name.clone());
        Ok(())
    }

    /// The main module's exports, and the entry thunks'.
    pub(super) fn exports(
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
    pub(super) fn entity_origins(&mut self, inputs: &[Input], plan: &Plan, entry_guard: bool) {
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
    pub(super) fn entry_guard(&mut self) {
        let ty = wasm_encoder::GlobalType { val_type: wasm_encoder::ValType::I32, mutable: true, shared: false };
        self.globals.global(ty, &wasm_encoder::ConstExpr::i32_const(0));
    }

    pub(super) fn finish(self, start: Option<u32>, producers: Option<&ProducersSection>) -> Result<Vec<u8>, LinkError> {
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
        let modules: Vec<&str> = self.module_names.iter().map(String::as_str).collect();
        module.section(&crate::emit::name_section(&self.names.resolve(&modules)));
        if let Some(producers) = producers {
            module.section(producers);
        }
        module.section(&CustomSection { name: origins::SECTION.into(), data: self.origins.encode().into() });
        Ok(module.finish())
    }
}

/// Re-encodes `body` into `code` as `Reencode::parse_function_body` does,
/// recording where each instruction went.
fn reencode_recorded(
    r: &mut Remap,
    code: &mut CodeSection,
    body: &FunctionBody,
) -> Result<BodyMap, wasm_encoder::reencode::Error<String>> {
    let start = body.range().start;
    let mut f = r.new_function_with_parsed_locals(body)?;
    let mut map = BodyMap::default();
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        map.push((reader.original_position() - start) as u32, &f);
        let instruction = r.parse_instruction(&mut reader)?;
        f.instruction(&instruction);
    }
    map.push((reader.original_position() - start) as u32, &f);
    code.function(&f);
    Ok(map)
}
