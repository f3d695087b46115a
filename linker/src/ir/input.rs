//! What the read phase hands on: one [`Input`] per module to link, with
//! the facts the later phases need (types, imports, exports, index-space
//! sizes, the ABI its exports follow). Every reader (core modules today;
//! components, see ARCHITECTURE.md) produces these, and no phase after
//! `read` asks where an `Input` came from.

use wasmparser::{ExternalKind, FuncType, GlobalType, MemoryType, TableType, TypeRef};

use crate::abi::Abi;
use crate::wit::world::WitWorld;

/// An import of one module, as written.
#[derive(Debug, Clone)]
pub struct Import {
    pub module: String,
    pub field: String,
    pub ty: TypeRef,
}

/// An export of one module: its name, kind and index in the module's own
/// index space of that kind.
#[derive(Debug, Clone)]
pub struct Export {
    pub name: String,
    pub kind: ExternalKind,
    pub index: u32,
}

/// One parsed, validated input module.
pub struct Input {
    pub name: String,
    /// How messages name it: `` `name` (path) `` or `` `name` ``.
    pub label: String,
    pub bytes: Vec<u8>,
    pub types: Vec<FuncType>,
    pub imports: Vec<Import>,
    /// Type index of every function, imported ones first.
    pub func_types: Vec<u32>,
    /// Every table, memory and global, imported ones first.
    pub tables: Vec<TableType>,
    pub memories: Vec<MemoryType>,
    pub globals: Vec<GlobalType>,
    pub exports: Vec<Export>,
    pub start: Option<u32>,
    /// Number of imported functions, tables, memories, globals.
    pub imported: Counts,
    pub data_count: u32,
    pub elem_count: u32,
    /// The canonical ABI its exports follow: the component model's when it
    /// carries a WIT world (`wit`), else WAI's.
    pub abi: Abi,
    /// Its WIT world, if it was built with today's `wit-bindgen`.
    pub wit: Option<WitWorld>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub funcs: u32,
    pub tables: u32,
    pub memories: u32,
    pub globals: u32,
}

impl Input {
    /// The export `name` of `kind`. A module with a WIT world also answers
    /// for each function its world exports by the function's plain name
    /// (`scale` for `example:rescale/rescale#scale`, [`WitWorld::find`]).
    pub fn export(&self, name: &str, kind: ExternalKind) -> Option<&Export> {
        let exact = self.exports.iter().find(|e| e.name == name && e.kind == kind);
        if exact.is_some() || kind != ExternalKind::Func {
            return exact;
        }
        let core = &self.wit.as_ref()?.find(&self.name, name).ok()?.core;
        self.exports.iter().find(|e| e.name == *core && e.kind == kind)
    }

    /// The post-return function of the exported function `func` (component
    /// model only), if the module exports one.
    pub fn post_return_of(&self, func: u32) -> Option<u32> {
        let world = self.wit.as_ref()?;
        let export = self.exports.iter().find(|e| e.kind == ExternalKind::Func && e.index == func)?;
        self.exported_func(world.post_return(&export.name)?)
    }

    pub fn func_type(&self, func: u32) -> &FuncType {
        &self.types[self.func_types[func as usize] as usize]
    }

    /// The function exported under `name`, if any.
    pub fn exported_func(&self, name: &str) -> Option<u32> {
        self.export(name, ExternalKind::Func).map(|e| e.index)
    }
}

/// One module as given to the linker: its name, bytes, and where it came
/// from (a file path), if the caller said.
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
    pub origin: Option<String>,
}

impl Source {
    /// How messages name the module: `` `name` (path) ``, or `` `name` ``.
    pub fn label(&self) -> String {
        label(&self.name, self.origin.as_deref())
    }
}

pub(crate) fn label(name: &str, origin: Option<&str>) -> String {
    match origin {
        Some(origin) => format!("`{name}` ({origin})"),
        None => format!("`{name}`"),
    }
}
