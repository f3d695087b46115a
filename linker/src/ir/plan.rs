//! What the plan phase decides, for `adapt` and `merge` to carry out: what
//! serves every import of every module ([`Resolved`]), the imports the
//! output keeps ([`HostImport`]), and the adapters to generate
//! ([`AdapterSpec`]), each naming what it calls ([`Callee`]).

use wasmparser::{ExternalKind, FuncType, GlobalType, MemoryType, TableType, TypeRef};

use crate::ir::input::Input;
use crate::wasi::Shape;

/// What serves an import, or what an export points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The `n`th host import of that kind in the output.
    Host(u32),
    /// The `index`th *defined* (not imported) entity of that kind in `module`.
    Defined { module: usize, index: u32 },
}

/// How one import of one module is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Direct(Target),
    /// A function import served by the `n`th adapter.
    Adapter(usize),
}

/// What an adapter calls on the far side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callee {
    /// A function exported by another module (canonical ABI: guest export).
    Export { module: usize, index: u32 },
    /// A host function that reads the main module's memory (guest import).
    Host { index: u32 },
}

/// One adapter to generate: module `caller` imports `interface.func`, which
/// is served by `callee` in another memory.
#[derive(Debug, Clone)]
pub struct AdapterSpec {
    /// The module whose memory and allocator the caller's side uses: the
    /// importer, except for a component's lowered import
    /// ([`crate::ir::input::Canon`]). (Which import the adapter serves is
    /// said by [`Plan::imports`].)
    pub caller_side: usize,
    /// Resource handles the call moves between handle tables, and whether
    /// the callee must give back what it borrowed ([`crate::ir::input::Canon`]).
    pub handles: Vec<crate::ir::input::HandleMove>,
    pub borrow_scope: bool,
    pub interface: String,
    pub func: String,
    pub callee: Callee,
    /// The caller's core type of the import.
    pub ty: FuncType,
    /// How the adapter's body is derived.
    pub kind: AdapterKind,
}

#[derive(Debug, Clone, Copy)]
pub enum AdapterKind {
    /// From the WAI interface `interface` (canonical ABI).
    Interface,
    /// A `wasi_snapshot_preview1` function, from its shape; `sizes` is the
    /// host import that `args_get`/`environ_get` adapters query first.
    Wasi { shape: &'static Shape, sizes: Option<u32> },
}

/// An import that the output keeps (its users share it).
#[derive(Debug, Clone)]
pub struct HostImport<T> {
    pub module: String,
    pub field: String,
    pub ty: T,
}

pub struct Plan {
    pub host_funcs: Vec<HostImport<FuncType>>,
    pub host_tables: Vec<HostImport<TableType>>,
    pub host_memories: Vec<HostImport<MemoryType>>,
    pub host_globals: Vec<HostImport<GlobalType>>,
    /// Per module, per import (in import order): what serves it.
    pub imports: Vec<Vec<Resolved>>,
    pub adapters: Vec<AdapterSpec>,
    /// Modules in the order their start functions run (dependencies first).
    pub start_order: Vec<usize>,
}

impl Plan {
    /// The memory a module's code uses (its memory 0), if it has one.
    pub fn memory_of(&self, inputs: &[Input], module: usize) -> Option<Target> {
        let input = &inputs[module];
        if input.memories.is_empty() {
            return None;
        }
        if input.imported.memories == 0 {
            return Some(Target::Defined { module, index: 0 });
        }
        match self.imports[module][nth_import(input, ExternalKind::Memory, 0)?] {
            Resolved::Direct(target) => Some(target),
            Resolved::Adapter(_) => None, // only functions are adapted
        }
    }
}

/// The position in `input.imports` of its `n`th import of `kind` (in a
/// valid module, every imported entity has one).
pub fn nth_import(input: &Input, kind: ExternalKind, n: u32) -> Option<usize> {
    input.imports.iter().enumerate().filter(|(_, imp)| kind_of(&imp.ty) == kind).nth(n as usize).map(|(i, _)| i)
}

/// The kind of entity an import brings in.
pub fn kind_of(ty: &TypeRef) -> ExternalKind {
    match ty {
        TypeRef::Func(_) | TypeRef::FuncExact(_) => ExternalKind::Func,
        TypeRef::Table(_) => ExternalKind::Table,
        TypeRef::Memory(_) => ExternalKind::Memory,
        TypeRef::Global(_) => ExternalKind::Global,
        TypeRef::Tag(_) => ExternalKind::Tag,
    }
}
