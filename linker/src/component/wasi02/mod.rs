//! WASI 0.2 served inside the output, on top of `wasi_snapshot_preview1`.
//!
//! A component built for `wasm32-wasip2` imports WASI 0.2 interfaces
//! (`wasi:cli/stdout@0.2.6`, `wasi:io/streams@0.2.6`, ...), which Wasmer
//! and WASM3 do not implement. The front door serves the functions listed
//! in [`SERVED`] itself: every calling core instance (the instance whose
//! memory the `canon lower` names, else the component's main instance) gets
//! one generated core module, its *shim* (`wasmer-link/wasi/NAME`, written
//! as WAT by [`shim`]), that exports those functions with the core types
//! the lowered imports have and calls preview 1 functions.
//!
//! - The shim imports the caller's memory and `cabi_realloc`: it reads
//!   arguments and writes results (a return area, lists and strings
//!   allocated with the caller's `cabi_realloc`, as the canonical ABI's
//!   lowering does) where the caller put them, so the calls into it are
//!   wired directly (numbers only).
//! - Preview 1 reads the main module's memory (the one the output exports).
//!   The shim copies through a scratch block there, allocated once (and
//!   grown) with the main module's `realloc`, so a dependency component's
//!   calls never reach the host with pointers into its own memory; its
//!   preview 1 imports go straight to the host.
//! - Handles (`output-stream`, `input-stream`, `error`, `terminal-*`) are
//!   entries in the calling component instance's handle table
//!   ([`super::resources`]): five resource types the host defines, added
//!   to the link's types ([`WasiTypes`]); `[resource-drop]...` is then the
//!   table's own drop, and using a dropped or forged handle traps.
//!
//! What is not in [`SERVED`] is refused with a sentence naming the import
//! and the component ([`interface_problem`], [`function_problem`]).

mod front;
pub mod fs;
pub mod host;
pub mod shim;
pub mod table;
mod text;

use wit_parser::{Function, Resolve, Type, TypeDefKind};

use std::collections::BTreeSet;

use wasmparser::{ExternalKind, Parser, Payload};

use super::flatten::{Flat, Resource};
use crate::ir::input::{Binding, FromComponent, Source};
pub use table::{Op, Served, WasiTypes, RESOURCES, SERVED};

/// Interfaces served (some of their functions at least, or only their
/// resource types).
const SERVED_INTERFACES: &[&str] = &[
    "wasi:io/error",
    "wasi:io/poll",
    "wasi:io/streams",
    "wasi:cli/environment",
    "wasi:cli/exit",
    "wasi:cli/stdin",
    "wasi:cli/stdout",
    "wasi:cli/stderr",
    "wasi:cli/terminal-input",
    "wasi:cli/terminal-output",
    "wasi:cli/terminal-stdin",
    "wasi:cli/terminal-stdout",
    "wasi:cli/terminal-stderr",
    "wasi:clocks/monotonic-clock",
    "wasi:clocks/wall-clock",
    "wasi:random/random",
    "wasi:random/insecure",
    "wasi:random/insecure-seed",
    "wasi:filesystem/types",
    "wasi:filesystem/preopens",
];

/// What the shims serve, in a sentence (for messages).
pub const SERVES: &str = "the linker serves `wasi:cli` (environment, exit, stdin, stdout, stderr, terminals), `wasi:io` (error, streams, and streams' pollables), `wasi:clocks` (the clocks' `now` and `resolution`), `wasi:random` and `wasi:filesystem` (preopened directories and what is under them) over `wasi_snapshot_preview1`";

/// `wasi:io/streams@0.2.6` as `("wasi:io/streams", Some("0.2.6"))`.
pub fn split_version(name: &str) -> (&str, Option<&str>) {
    match name.split_once('@') {
        Some((plain, version)) => (plain, Some(version)),
        None => (name, None),
    }
}

/// Whether `version` is one the shims serve: `0.2.x`.
fn served_version(version: Option<&str>) -> bool {
    version.is_some_and(|v| v.strip_prefix("0.2.").is_some_and(|patch| patch.bytes().all(|b| b.is_ascii_digit())))
}

/// Whether the imported instance `name` is a WASI 0.2 interface the shims
/// serve (at a served version).
pub fn serves(name: &str) -> bool {
    let (plain, version) = split_version(name);
    served_version(version) && SERVED_INTERFACES.contains(&plain)
}

/// Why component `label`'s import of the WASI instance `name` is refused,
/// or `None` when the shims serve it.
pub fn interface_problem(label: &str, name: &str) -> Option<String> {
    if serves(name) {
        return None;
    }
    let (plain, version) = split_version(name);
    let package = plain.split('/').next().unwrap_or(plain);
    let run = "remove its use, or run the component on a WASI 0.2 host (wasmtime)";
    if !served_version(version) {
        let version = version.unwrap_or("no version");
        return Some(format!(
            "component {label} imports `{name}`, WASI {version}, which the linker does not serve (it serves WASI 0.2.x only): rebuild the component for `wasm32-wasip2`, or {run}"
        ));
    }
    let why = match package {
        "wasi:io" | "wasi:clocks" | "wasi:random" | "wasi:filesystem" => {
            "which the linker does not serve yet".to_string()
        }
        "wasi:sockets" => {
            "which preview1 cannot serve (`wasi_snapshot_preview1` has no way to open a socket)".to_string()
        }
        "wasi:http" => "which preview1 cannot serve (`wasi_snapshot_preview1` has no HTTP)".to_string(),
        _ => "which preview1 cannot serve (`wasi_snapshot_preview1` has nothing like it)".to_string(),
    };
    Some(format!("component {label} imports `{name}` (WASI 0.2), {why}; {SERVES}: {run}"))
}

/// The served function `func` of the WASI instance `name`, if it is one.
pub fn served(name: &str, func: &str) -> Option<&'static Served> {
    let (plain, _) = split_version(name);
    SERVED.iter().find(|s| s.interface == plain && s.func == func)
}

/// Why component `label`'s import of `func` from the served WASI instance
/// `name` (with WIT type `have`) is refused, or the function it is.
pub fn function_problem(label: &str, name: &str, func: &str, have: &str) -> Result<&'static Served, String> {
    let Some(served) = served(name, func) else {
        let why = "which the linker does not serve yet";
        return Err(format!(
            "component {label} imports `{func}` of `{name}` (WASI 0.2), {why}; {SERVES}: remove its use, or run the component on a WASI 0.2 host (wasmtime)"
        ));
    };
    if served.wit != have {
        return Err(format!(
            "component {label} imports `{func}` of `{name}` as `{have}`, but WASI 0.2 declares it as `{}`: rebuild the component against WASI 0.2's own WIT",
            served.wit
        ));
    }
    Ok(served)
}

impl Flat<'_> {
    /// Adds the WASI resource types (once).
    pub fn add_wasi_types(&mut self) {
        if self.wasi.is_some() {
            return;
        }
        let host_table = self.tables;
        self.tables += 1;
        let mut types = Vec::new();
        for (_, res) in RESOURCES {
            self.resources.push(Resource { table: host_table, dtor: None });
            types.push((res, self.resources.len() - 1));
        }
        self.wasi = Some(WasiTypes { host_table, types });
    }

    /// The WASI resource type named `name` in the imported instance
    /// `instance`, if the shims serve it.
    pub fn wasi_resource(&self, instance: &str, name: &str) -> Option<usize> {
        let wasi = self.wasi.as_ref()?;
        if !serves(instance) {
            return None;
        }
        let res = RESOURCES.iter().find(|(n, _)| *n == name)?.1;
        Some(wasi.of(res))
    }
}

/// A WIT function's type, written out structurally (named types expanded,
/// resources by name, `use` aliases followed), to compare with [`SERVED`].
pub fn render(resolve: &Resolve, func: &Function) -> String {
    let params: Vec<String> = func.params.iter().map(|p| format!("{}: {}", p.name, ty(resolve, &p.ty))).collect();
    let result = match &func.result {
        Some(t) => format!(" -> {}", ty(resolve, t)),
        None => String::new(),
    };
    format!("func({}){result}", params.join(", "))
}

fn opt(resolve: &Resolve, t: &Option<Type>) -> String {
    t.as_ref().map_or("_".to_string(), |t| ty(resolve, t))
}

fn ty(resolve: &Resolve, t: &Type) -> String {
    let id = match t {
        Type::Id(id) => *id,
        Type::Bool => return "bool".into(),
        Type::U8 => return "u8".into(),
        Type::U16 => return "u16".into(),
        Type::U32 => return "u32".into(),
        Type::U64 => return "u64".into(),
        Type::S8 => return "s8".into(),
        Type::S16 => return "s16".into(),
        Type::S32 => return "s32".into(),
        Type::S64 => return "s64".into(),
        Type::F32 => return "f32".into(),
        Type::F64 => return "f64".into(),
        Type::Char => return "char".into(),
        Type::String => return "string".into(),
        Type::ErrorContext => return "error-context".into(),
    };
    let def = &resolve.types[id];
    let list = |items: Vec<String>| items.join(", ");
    match &def.kind {
        TypeDefKind::Type(t) => ty(resolve, t),
        TypeDefKind::Handle(h) => {
            let (kind, r) = match h {
                wit_parser::Handle::Own(r) => ("own", r),
                wit_parser::Handle::Borrow(r) => ("borrow", r),
            };
            let r = super::wai::resource(resolve, *r);
            format!("{kind}<{}>", resolve.types[r].name.clone().unwrap_or_default())
        }
        TypeDefKind::Resource => format!("own<{}>", def.name.clone().unwrap_or_default()),
        TypeDefKind::Record(r) => {
            format!(
                "record {{ {} }}",
                list(r.fields.iter().map(|f| format!("{}: {}", f.name, ty(resolve, &f.ty))).collect())
            )
        }
        TypeDefKind::Variant(v) => format!(
            "variant {{ {} }}",
            list(
                v.cases
                    .iter()
                    .map(|c| match &c.ty {
                        Some(t) => format!("{}({})", c.name, ty(resolve, t)),
                        None => c.name.clone(),
                    })
                    .collect()
            )
        ),
        TypeDefKind::Enum(e) => format!("enum {{ {} }}", list(e.cases.iter().map(|c| c.name.clone()).collect())),
        TypeDefKind::Flags(f) => format!("flags {{ {} }}", list(f.flags.iter().map(|c| c.name.clone()).collect())),
        TypeDefKind::Tuple(t) => format!("tuple<{}>", list(t.types.iter().map(|t| ty(resolve, t)).collect())),
        TypeDefKind::Option(t) => format!("option<{}>", ty(resolve, t)),
        TypeDefKind::Result(r) => format!("result<{}, {}>", opt(resolve, &r.ok), opt(resolve, &r.err)),
        TypeDefKind::List(t) => format!("list<{}>", ty(resolve, t)),
        TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", ty(resolve, t)),
        TypeDefKind::Map(k, v) => format!("map<{}, {}>", ty(resolve, k), ty(resolve, v)),
        TypeDefKind::Future(t) => format!("future<{}>", opt(resolve, t)),
        TypeDefKind::Stream(t) => format!("stream<{}>", opt(resolve, t)),
        TypeDefKind::Unknown => "unknown".into(),
    }
}

/// The shim's module name for calling core instance `caller`.
pub fn shim_name(caller: &str) -> String {
    format!("wasmer-link/wasi/{caller}")
}

/// The calling core instance of a shim: its module name, how messages name
/// it, and its memory export (memory 0), if it has one.
pub struct Caller<'a> {
    pub name: &'a str,
    pub label: String,
    pub memory: Option<String>,
}

/// The shim for `caller` (handle table `table`) serving `ops`, with
/// preview 1 reading the memory of `main`, the link's main module.
pub fn shim_source(
    caller: &Caller,
    table: usize,
    ops: &BTreeSet<Op>,
    wasi: &WasiTypes,
    main: &Source,
    (fs, timers): (bool, bool),
) -> Result<Source, String> {
    let is_main = caller.name == main.name;
    let spec = shim::Spec { table, ops, is_main, wasi, fs, timers };
    let (memory, realloc, through_main) = shim::imports(&spec);
    let mut bindings = Vec::new();
    let bind = |module: &str, field: &str, to: (&str, &str)| Binding {
        module: module.to_string(),
        field: field.to_string(),
        to: (to.0.to_string(), to.1.to_string()),
        canon: None,
        numbers_only: true,
    };
    if memory {
        let Some(name) = &caller.memory else {
            return Err(format!(
                "core instance {} calls WASI 0.2 functions that pass data through memory, but it exports no memory: please report this",
                caller.label
            ));
        };
        bindings.push(bind("caller", "memory", (caller.name, name)));
    }
    if realloc {
        bindings.push(bind("caller", "cabi_realloc", (caller.name, "cabi_realloc")));
    }
    if through_main {
        let exports = exports_of(&main.bytes);
        let memory = exports.iter().find(|(_, kind, index)| *kind == ExternalKind::Memory && *index == 0);
        let realloc = ["cabi_realloc", "canonical_abi_realloc"]
            .into_iter()
            .find(|r| exports.iter().any(|(name, kind, _)| name == r && *kind == ExternalKind::Func));
        let (Some((memory, ..)), Some(realloc)) = (memory, realloc) else {
            return Err(format!(
                "core instance {} calls WASI 0.2 functions, which the linker serves with `wasi_snapshot_preview1` calls through the memory the host reads, the main module {}'s, but the main module does not export both its memory and `cabi_realloc` (or `canonical_abi_realloc`) to allocate there: give a main module that does (any component made by `wit-component` with a `cabi_realloc` does)",
                caller.label,
                main.label()
            ));
        };
        bindings.push(bind("main", "memory", (&main.name, memory)));
        bindings.push(bind("main", "realloc", (&main.name, realloc)));
    }
    let text = shim::module(&spec);
    let bytes = wat::parse_str(&text)
        .map_err(|e| format!("the WASI 0.2 shim for {} does not assemble ({e}): please report this", caller.label))?;
    for (module, field) in imports_of(&bytes) {
        if module == crate::wasi::MODULE || module == super::resources::MODULE || module == host::MODULE {
            bindings.push(bind(&module, &field, (&module, &field)));
        }
    }
    let name = shim_name(caller.name);
    Ok(Source {
        name: name.clone(),
        bytes,
        origin: Some(format!("WASI 0.2 over preview 1, for {}", caller.label)),
        component: Some(FromComponent { component: name, bindings, post_returns: Vec::new(), world: None }),
    })
}

fn exports_of(bytes: &[u8]) -> Vec<(String, ExternalKind, u32)> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let Ok(Payload::ExportSection(reader)) = payload else { continue };
        out.extend(reader.into_iter().flatten().map(|e| (e.name.to_string(), e.kind, e.index)));
    }
    out
}

fn imports_of(bytes: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let Ok(Payload::ImportSection(reader)) = payload else { continue };
        out.extend(reader.into_imports().flatten().map(|i| (i.module.to_string(), i.name.to_string())));
    }
    out
}
