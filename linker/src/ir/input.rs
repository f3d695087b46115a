//! What the read phase hands on: one [`Input`] per module to link, with
//! the facts the later phases need (types, imports, exports, index-space
//! sizes, the ABI its exports follow). Every reader (core modules today;
//! components, see ARCHITECTURE.md) produces these, and no phase after
//! `read` asks where an `Input` came from.

use wasmparser::{ExternalKind, FuncType, GlobalType, MemoryType, TableType, TypeRef};

use crate::abi::Abi;
use crate::wit::world::WitWorld;

/// An import of one module, as written (or as the component front door
/// bound it: see [`FromComponent`]).
#[derive(Debug, Clone)]
pub struct Import {
    pub module: String,
    pub field: String,
    pub ty: TypeRef,
    /// Set when a component lowers another component's lifted function
    /// into this import.
    pub canon: Option<Canon>,
    /// Set when the front door knows it passes numbers only (a resource
    /// built-in, a destructor): wired directly even between memories.
    pub numbers_only: bool,
}

/// A canonical call between two components (`canon lower` of a
/// `canon lift`): the plan adapts it from the WAI description
/// `interface`.`func` (written from the WIT types by the front door and
/// checked to lay out as the component model does), with the caller's
/// side in the memory and allocator of module `caller_side` (the lower's
/// `memory` and `realloc` options), which need not be the importer's: a
/// component's lowered functions are often imported by a small fix-up
/// module that only puts them in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canon {
    pub interface: String,
    pub func: String,
    pub caller_side: String,
    /// How each resource handle the function passes moves between the two
    /// components' handle tables.
    pub handles: Vec<HandleMove>,
    /// Whether the call lends handles to a callee that must drop them
    /// before it returns (the adapter checks).
    pub borrow_scope: bool,
}

/// The export of the handle tables' module that counts the borrowed
/// handles alive (an adapter compares it before and after a call that
/// lends handles).
pub const BORROWS: &str = "borrows";

/// How the handles of one WAI resource (`own-r3`, `borrow-r3`: the front
/// door names a resource type's own and borrowed handles so) move: the
/// functions of module `module` (the handle tables) that turn a caller's
/// handle into the callee's, and a callee's result into the caller's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandleMove {
    pub resource: String,
    pub module: String,
    pub to_callee: String,
    pub to_caller: Option<String>,
}

impl Import {
    /// The `(interface, function)` that describes this import: the canonical
    /// call's, or else the import's own `(module, field)`.
    pub fn described_as(&self) -> (&str, &str) {
        match &self.canon {
            Some(canon) => (&canon.interface, &canon.func),
            None => (&self.module, &self.field),
        }
    }
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
    /// The component it was taken from, if any (its core instances are
    /// linked as modules).
    pub component: Option<String>,
    /// `(export, its post-return export)`, from a component's `canon lift`
    /// options.
    pub post_returns: Vec<(String, String)>,
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
        let export = self.exports.iter().find(|e| e.kind == ExternalKind::Func && e.index == func)?;
        if let Some((_, post)) = self.post_returns.iter().find(|(e, _)| *e == export.name) {
            return self.exported_func(post);
        }
        let world = self.wit.as_ref()?;
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
/// from (a file path), if the caller said; for a core module taken out of a
/// component, how the component wires it.
#[derive(Default)]
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
    pub origin: Option<String>,
    pub component: Option<FromComponent>,
}

/// What the component front door (`crate::component`) says of a core
/// instance it took out of a component: the read phase applies it, so that
/// nothing after `read` knows a component was there.
#[derive(Default)]
pub struct FromComponent {
    /// The component's name.
    pub component: String,
    /// Per import `(module, field)` as written: what it is bound to.
    pub bindings: Vec<Binding>,
    /// `(export, its post-return export)`.
    pub post_returns: Vec<(String, String)>,
    /// The component's WIT world, for its main instance: a WAI importer
    /// names its functions plainly (`block.shout`), as it does a
    /// `wit-bindgen` module's.
    pub world: Option<WitWorld>,
}

/// One import of a core instance, bound by its component: to export
/// `to.1` of module `to.0`, and, for a lowered function, as a canonical call.
pub struct Binding {
    pub module: String,
    pub field: String,
    pub to: (String, String),
    pub canon: Option<Canon>,
    pub numbers_only: bool,
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
