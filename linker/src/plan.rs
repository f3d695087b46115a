//! Phase 2, plan: resolve every import against the other modules' exports,
//! and decide which calls need an adapter.
//!
//! Input: the read modules and the known interfaces. Output: a [`Plan`] that
//! says, for every import of every module, what serves it: a host import of
//! the output (identical ones shared), an entity defined by some module
//! (re-exports followed through chains; cycles between modules are fine,
//! cycles of re-exports are an error), or an adapter.
//!
//! Invariant: a call that moves data through memory never crosses from one
//! module's memory to another's without an adapter. Where the linker cannot
//! tell whether an `i32` is a pointer (no interface), it refuses to guess.

use std::collections::HashMap;

use wai_parser::abi::AbiVariant;
use wasmparser::{ExternalKind, FuncType, GlobalType, MemoryType, TableType, TypeRef, ValType};

use crate::error::{LinkError, Problems};
use crate::interface::{core_type, display_type, Iface, Interfaces};
use crate::read::Input;
use crate::wasi::{self, Shape};

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
    pub caller: usize,
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

fn kind_of(ty: &TypeRef) -> ExternalKind {
    match ty {
        TypeRef::Func(_) | TypeRef::FuncExact(_) => ExternalKind::Func,
        TypeRef::Table(_) => ExternalKind::Table,
        TypeRef::Memory(_) => ExternalKind::Memory,
        TypeRef::Global(_) => ExternalKind::Global,
        TypeRef::Tag(_) => ExternalKind::Tag,
    }
}

pub fn kind_name(kind: ExternalKind) -> &'static str {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => "function",
        ExternalKind::Table => "table",
        ExternalKind::Memory => "memory",
        ExternalKind::Global => "global",
        ExternalKind::Tag => "tag",
    }
}

/// The position in `input.imports` of its `n`th import of `kind` (in a
/// valid module, every imported entity has one).
fn nth_import(input: &Input, kind: ExternalKind, n: u32) -> Option<usize> {
    input.imports.iter().enumerate().filter(|(_, imp)| kind_of(&imp.ty) == kind).nth(n as usize).map(|(i, _)| i)
}

fn imported_count(input: &Input, kind: ExternalKind) -> u32 {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => input.imported.funcs,
        ExternalKind::Table => input.imported.tables,
        ExternalKind::Memory => input.imported.memories,
        ExternalKind::Global => input.imported.globals,
        ExternalKind::Tag => 0,
    }
}

struct Resolver<'a> {
    inputs: &'a [Input],
    by_name: HashMap<&'a str, usize>,
    host_funcs: Vec<HostImport<FuncType>>,
    host_tables: Vec<HostImport<TableType>>,
    host_memories: Vec<HostImport<MemoryType>>,
    host_globals: Vec<HostImport<GlobalType>>,
    /// Which module first imported each host function (for messages).
    host_func_users: Vec<usize>,
}

/// Finds (or adds) `(module, field)` in a host import list; a clash of types
/// between users is reported by the caller.
fn intern<T: Clone>(list: &mut Vec<HostImport<T>>, module: &str, field: &str, ty: &T) -> (u32, bool) {
    if let Some(i) = list.iter().position(|h| h.module == module && h.field == field) {
        return (i as u32, false);
    }
    list.push(HostImport { module: module.to_string(), field: field.to_string(), ty: ty.clone() });
    ((list.len() - 1) as u32, true)
}

impl<'a> Resolver<'a> {
    fn new(inputs: &'a [Input]) -> Resolver<'a> {
        let mut by_name = HashMap::new();
        for (i, input) in inputs.iter().enumerate() {
            by_name.entry(input.name.as_str()).or_insert(i);
        }
        Resolver {
            inputs,
            by_name,
            host_funcs: Vec::new(),
            host_tables: Vec::new(),
            host_memories: Vec::new(),
            host_globals: Vec::new(),
            host_func_users: Vec::new(),
        }
    }

    /// Follows import `(module, nth)` to the entity that finally serves it.
    fn resolve(&mut self, module: usize, nth: usize, seen: &mut Vec<(usize, usize)>) -> Result<Target, String> {
        let input = &self.inputs[module];
        let import = &input.imports[nth];
        let kind = kind_of(&import.ty);
        let Some(&target) = self.by_name.get(import.module.as_str()) else {
            return self.host(module, nth);
        };
        let provider = &self.inputs[target];
        let Some(export) = provider.export(&import.field, kind) else {
            let other = provider.exports.iter().find(|e| e.name == import.field);
            let hint = match other {
                Some(e) => format!(" (it exports a {} of that name)", kind_name(e.kind)),
                None => String::new(),
            };
            return Err(format!(
                "module `{}` imports {} `{}.{}`, but module `{}` exports no {} of that name{hint}",
                input.name,
                kind_name(kind),
                import.module,
                import.field,
                provider.name,
                kind_name(kind)
            ));
        };
        let imported = imported_count(provider, kind);
        if export.index >= imported {
            return Ok(Target::Defined { module: target, index: export.index - imported });
        }
        // `target` re-exports one of its own imports: follow it.
        let Some(next) = nth_import(provider, kind, export.index) else {
            return Err(format!(
                "module `{}` exports `{}` from an import it does not have",
                provider.name, export.name
            ));
        };
        if let Some(start) = seen.iter().position(|&step| step == (target, next)) {
            // Only the cycle itself, from its smallest step: every import that
            // runs into the same cycle reports the same (deduplicated) problem.
            let mut cycle = seen[start..].to_vec();
            let first = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
            cycle.rotate_left(first);
            let chain: Vec<String> = cycle
                .iter()
                .map(|&(m, i)| {
                    let imp = &self.inputs[m].imports[i];
                    format!("`{}` imports `{}.{}`", self.inputs[m].name, imp.module, imp.field)
                })
                .collect();
            return Err(format!(
                "imports re-export each other in a cycle, so nothing defines them: {}",
                chain.join(", ")
            ));
        }
        seen.push((target, next));
        self.resolve(target, next, seen)
    }

    fn host(&mut self, module: usize, nth: usize) -> Result<Target, String> {
        let input = &self.inputs[module];
        let import = &input.imports[nth];
        let (m, f) = (import.module.as_str(), import.field.as_str());
        let index = match import.ty {
            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                let (i, new) = intern(&mut self.host_funcs, m, f, &input.types[t as usize]);
                if new {
                    self.host_func_users.push(module);
                }
                i
            }
            TypeRef::Table(t) => intern(&mut self.host_tables, m, f, &t).0,
            TypeRef::Memory(t) => intern(&mut self.host_memories, m, f, &t).0,
            TypeRef::Global(t) => intern(&mut self.host_globals, m, f, &t).0,
            TypeRef::Tag(_) => {
                return Err(format!("module `{}` imports a tag, which the linker does not support", input.name))
            }
        };
        Ok(Target::Host(index))
    }
}

/// Type of the entity `target` of `kind`, for compatibility checks.
fn entity_matches(
    inputs: &[Input],
    r: &Resolver,
    import: &TypeRef,
    importer: &Input,
    target: Target,
) -> Result<(), String> {
    let (ty_of_func, table, memory, global) = match target {
        Target::Host(i) => (
            r.host_funcs.get(i as usize).map(|h| h.ty.clone()),
            r.host_tables.get(i as usize).map(|h| h.ty),
            r.host_memories.get(i as usize).map(|h| h.ty),
            r.host_globals.get(i as usize).map(|h| h.ty),
        ),
        Target::Defined { module, index } => {
            let m = &inputs[module];
            (
                m.func_types.get((m.imported.funcs + index) as usize).map(|&t| m.types[t as usize].clone()),
                m.tables.get((m.imported.tables + index) as usize).copied(),
                m.memories.get((m.imported.memories + index) as usize).copied(),
                m.globals.get((m.imported.globals + index) as usize).copied(),
            )
        }
    };
    match *import {
        TypeRef::Func(t) | TypeRef::FuncExact(t) => {
            let want = &importer.types[t as usize];
            let have = ty_of_func.ok_or("but it does not resolve to a function")?;
            if *want != have {
                return Err(format!("as `{}`, but it is `{}`", display_type(want), display_type(&have)));
            }
        }
        TypeRef::Table(want) => {
            let have = table.ok_or("but it does not resolve to a table")?;
            if want.element_type != have.element_type || have.initial < want.initial || want.table64 != have.table64 {
                return Err(format!("as table `{want:?}`, but it is `{have:?}`"));
            }
        }
        TypeRef::Memory(want) => {
            let have = memory.ok_or("but it does not resolve to a memory")?;
            let max_ok = match (want.maximum, have.maximum) {
                (None, _) => true,
                (Some(w), Some(h)) => h <= w,
                (Some(_), None) => false,
            };
            if have.initial < want.initial || !max_ok || want.shared != have.shared {
                return Err(format!("as memory `{want:?}`, but it is `{have:?}`"));
            }
        }
        TypeRef::Global(want) => {
            let have = global.ok_or("but it does not resolve to a global")?;
            if want.content_type != have.content_type || want.mutable != have.mutable {
                return Err(format!("as global `{want:?}`, but it is `{have:?}`"));
            }
        }
        TypeRef::Tag(_) => {}
    }
    Ok(())
}

/// Whether a core type has an `i32` that could be a pointer.
fn may_carry_pointer(ty: &FuncType) -> bool {
    ty.params().iter().chain(ty.results()).any(|t| *t == ValType::I32)
}

/// What the plan is told besides the modules and the interfaces.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Function imports that pass numbers only, as `(module, function)`;
    /// `function` `*` means every function imported from `module`. Where
    /// no interface (and no WASI shape) says what an import's `i32`s are,
    /// such an import is wired directly even between two memories, instead
    /// of being refused. An interface, when there is one, still decides.
    pub numbers: &'a [(String, String)],
}

/// Phase 2: resolves every import, checks every type, and decides every
/// adapter. Every problem is reported at once.
pub fn plan(inputs: &[Input], interfaces: &Interfaces, options: &Options) -> Result<Plan, LinkError> {
    let mut problems = Problems::default();
    unused_dependencies(inputs, &mut problems);
    let numbers = Numbers::new(options.numbers);
    let mut r = Resolver::new(inputs);
    let targets = resolve_all(&mut r, interfaces, &mut problems);
    let memory: Vec<Option<Target>> = (0..inputs.len()).map(|m| memory_target(inputs, &targets, m)).collect();
    let mut host_funcs = r.host_funcs;
    let mut adapters = Vec::new();
    let mut adapted: HashMap<(usize, usize), usize> = HashMap::new();
    for (m, input) in inputs.iter().enumerate() {
        for (nth, import) in input.imports.iter().enumerate() {
            let (Some(target), TypeRef::Func(t) | TypeRef::FuncExact(t)) = (targets[m][nth], import.ty) else {
                continue;
            };
            let far = match target {
                Target::Host(_) => memory[0],
                Target::Defined { module, .. } => memory[module],
            };
            let call = Call {
                inputs,
                caller: m,
                import,
                ty: &input.types[t as usize],
                target,
                crosses: matches!((memory[m], far), (Some(a), Some(b)) if a != b),
                numbers: numbers.find(&import.module, &import.field),
            };
            if let Some(spec) = call.decide(interfaces, &mut host_funcs, &mut problems) {
                adapted.insert((m, nth), adapters.len());
                adapters.push(spec);
            }
        }
    }
    numbers.unused(inputs, &mut problems);
    let start_order = start_order(inputs, &targets);
    let imports = problems.finish(targets)?;
    let imports = imports
        .into_iter()
        .enumerate()
        .map(|(m, row)| {
            row.into_iter()
                .enumerate()
                .map(|(nth, target)| match (adapted.get(&(m, nth)), target) {
                    (Some(&a), _) => Ok(Resolved::Adapter(a)),
                    (None, Some(target)) => Ok(Resolved::Direct(target)),
                    (None, None) => {
                        Err(LinkError::one("internal error: an unresolved import reached the plan; please report this"))
                    }
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Plan {
        host_funcs,
        host_tables: r.host_tables,
        host_memories: r.host_memories,
        host_globals: r.host_globals,
        imports,
        adapters,
        start_order,
    })
}

/// Step 1: every import resolved to its final target (`None` where that
/// failed, with the problem recorded), and its type checked.
fn resolve_all(r: &mut Resolver, interfaces: &Interfaces, problems: &mut Problems) -> Vec<Vec<Option<Target>>> {
    let inputs = r.inputs;
    let mut targets = Vec::new();
    for (m, input) in inputs.iter().enumerate() {
        let mut row = Vec::new();
        for (nth, import) in input.imports.iter().enumerate() {
            let target = match r.resolve(m, nth, &mut vec![(m, nth)]) {
                Ok(target) => target,
                Err(problem) => {
                    problems.push(problem);
                    row.push(None);
                    continue;
                }
            };
            // A function with an interface is checked against the interface
            // when deciding: its importer's and exporter's core types
            // legitimately differ (e.g. a return pointer).
            let by_interface = matches!(import.ty, TypeRef::Func(_) | TypeRef::FuncExact(_))
                && matches!(target, Target::Defined { .. })
                && interfaces.get(&import.module).and_then(|i| i.func(&import.field)).is_some();
            if !by_interface {
                if let Err(why) = entity_matches(inputs, r, &import.ty, input, target) {
                    let who = match target {
                        Target::Host(i) => {
                            let first = r.host_func_users.get(i as usize);
                            let first = first.map(|&u| inputs[u].name.as_str()).unwrap_or("another module");
                            format!("as imported by module `{first}` (identical host imports must agree)")
                        }
                        Target::Defined { module, .. } => format!("in module `{}`", inputs[module].name),
                    };
                    problems.push(format!(
                        "module `{}` imports `{}.{}` {why} {who}",
                        input.name, import.module, import.field
                    ));
                }
            }
            row.push(Some(target));
        }
        targets.push(row);
    }
    targets
}

/// The memory module `m`'s code uses (its memory 0), from the resolved
/// targets, if it has one.
fn memory_target(inputs: &[Input], targets: &[Vec<Option<Target>>], m: usize) -> Option<Target> {
    let input = &inputs[m];
    if input.memories.is_empty() {
        return None;
    }
    if input.imported.memories == 0 {
        return Some(Target::Defined { module: m, index: 0 });
    }
    targets[m][nth_import(input, ExternalKind::Memory, 0)?]
}

/// One function import, resolved: step 2 decides whether it is wired
/// directly or through an adapter, and refuses what cannot cross.
struct Call<'a> {
    inputs: &'a [Input],
    caller: usize,
    import: &'a crate::read::Import,
    /// The importer's core type.
    ty: &'a FuncType,
    target: Target,
    /// Whether caller and callee use different memories.
    crosses: bool,
    /// The numbers-only rule that names this import, if any.
    numbers: Option<&'a Rule>,
}

impl Call<'_> {
    fn here(&self) -> String {
        let input = &self.inputs[self.caller];
        format!("module `{}` imports `{}.{}`", input.name, self.import.module, self.import.field)
    }

    /// The adapter this call needs, if any.
    fn decide(
        &self,
        interfaces: &Interfaces,
        host_funcs: &mut Vec<HostImport<FuncType>>,
        problems: &mut Problems,
    ) -> Option<AdapterSpec> {
        let iface = interfaces.get(&self.import.module);
        match (iface, iface.and_then(|i| i.func(&self.import.field))) {
            (Some(iface), Some(func)) => self.by_interface(iface, func, problems),
            (Some(_), None) if self.numbers.is_some() => None,
            (Some(iface), None) => {
                let why = format!("but interface `{}` declares no function `{}`", iface.name(), self.import.field);
                let hint = if may_carry_pointer(self.ty) {
                    format!(
                        " (if it passes numbers only, pass `--numbers {}.{}`)",
                        self.import.module, self.import.field
                    )
                } else {
                    String::new()
                };
                problems.push(format!("{}, {why}{hint}", self.here()));
                None
            }
            (None, _) => match self.target {
                Target::Host(index) if self.import.module == wasi::MODULE => self.wasi(index, host_funcs, problems),
                Target::Host(_) if wasi::is_wasi_module(&self.import.module) => {
                    if self.crosses && may_carry_pointer(self.ty) && self.numbers.is_none() {
                        problems.push(format!(
                            "{} `{}` from a module whose memory is not the one the host reads; the linker adapts the functions of `{}` only (build the module for `wasm32-wasip1`)",
                            self.here(),
                            display_type(self.ty),
                            wasi::MODULE
                        ));
                    }
                    None
                }
                _ => {
                    self.refuse_unknown(problems);
                    None
                }
            },
        }
    }

    /// A call described by an interface: both core types must be what the
    /// interface says, and a call that moves data across memories is adapted.
    fn by_interface(&self, iface: &Iface, func: &wai_parser::Function, problems: &mut Problems) -> Option<AdapterSpec> {
        let want_import = core_type(&iface.signature(AbiVariant::GuestImport, func));
        if *self.ty != want_import {
            problems.push(format!(
                "{} as `{}`, but interface `{}` declares it as `{}` for an importer",
                self.here(),
                display_type(self.ty),
                iface.name(),
                display_type(&want_import)
            ));
            return None;
        }
        if let Target::Defined { module, index } = self.target {
            let callee = &self.inputs[module];
            let have = callee.func_type(callee.imported.funcs + index);
            let want_export = core_type(&iface.signature(AbiVariant::GuestExport, func));
            if *have != want_export {
                problems.push(format!(
                    "module `{}` exports `{}` as `{}`, but interface `{}` declares it as `{}` for an exporter",
                    callee.name,
                    self.import.field,
                    display_type(have),
                    iface.name(),
                    display_type(&want_export)
                ));
                return None;
            }
        }
        if let Some(rule) = self.numbers.filter(|rule| rule.exact() && iface.moves_memory(func)) {
            problems.push(format!(
                "`--numbers {}` says that `{}.{}` passes numbers only, but interface `{}` says that it moves data through memory: remove the rule, the interface decides",
                rule.spec(),
                self.import.module,
                self.import.field,
                iface.name()
            ));
            return None;
        }
        if !(self.crosses && iface.moves_memory(func)) {
            return None;
        }
        let callee = match self.target {
            Target::Host(index) => Callee::Host { index },
            Target::Defined { module, index } => Callee::Export { module, index },
        };
        Some(self.spec(iface.name(), &func.name, callee, AdapterKind::Interface))
    }

    /// A `wasi_snapshot_preview1` call: checked against its shape, adapted
    /// when it carries pointers across memories.
    fn wasi(
        &self,
        index: u32,
        host_funcs: &mut Vec<HostImport<FuncType>>,
        problems: &mut Problems,
    ) -> Option<AdapterSpec> {
        // The host reads this module's own memory: the call goes to the host
        // as it is, whatever its type (the host is the judge of that).
        if !self.crosses {
            return None;
        }
        let Some(shape) = wasi::shape(&self.import.field) else {
            if may_carry_pointer(self.ty) && self.numbers.is_none() {
                problems.push(format!(
                    "{} `{}`, which is not a `{}` function the linker knows, from a module whose memory is not the one the host reads: the linker cannot tell which of its `i32`s are pointers (if it passes numbers only, pass `--numbers {}.{}`)",
                    self.here(),
                    display_type(self.ty),
                    wasi::MODULE,
                    self.import.module,
                    self.import.field
                ));
            }
            return None;
        };
        if *self.ty != shape.ty() {
            let why = if legalized(self.ty, &shape.ty()) {
                ": its `i64`s were split into pairs of `i32`s (legalized for JavaScript, as Emscripten does unless built with `-sWASM_BIGINT`), and the linker adapts a call from a module whose memory is not the one the host reads only with WASI's own types; rebuild the module with `-sWASM_BIGINT` (or `-sSTANDALONE_WASM`)"
            } else {
                ""
            };
            problems.push(format!(
                "{} as `{}`, but WASI declares it as `{}`{why}",
                self.here(),
                display_type(self.ty),
                display_type(&shape.ty())
            ));
            return None;
        }
        if !shape.has_pointers() {
            return None;
        }
        // `args_get`/`environ_get` adapters ask for the sizes first, whether
        // or not any module imports that function.
        let sizes = shape.args.iter().find_map(|a| match a {
            wasi::Arg::Strings { sizes } => wasi::shape(sizes),
            _ => None,
        });
        let sizes = match sizes {
            Some(sizes) => Some(self.sizes_query(sizes, host_funcs, problems)?),
            None => None,
        };
        Some(self.spec(wasi::MODULE, &self.import.field, Callee::Host { index }, AdapterKind::Wasi { shape, sizes }))
    }

    /// The host import an `args_get`/`environ_get` adapter calls first:
    /// shared with a module that imports it, which must then have imported
    /// it with WASI's own type (the main module's imports are not checked).
    fn sizes_query(
        &self,
        sizes: &'static Shape,
        host_funcs: &mut Vec<HostImport<FuncType>>,
        problems: &mut Problems,
    ) -> Option<u32> {
        let (index, _) = intern(host_funcs, wasi::MODULE, sizes.name, &sizes.ty());
        let have = &host_funcs[index as usize].ty;
        if *have != sizes.ty() {
            problems.push(format!(
                "{}, whose adapter calls `{}.{}` as WASI declares it, `{}`, but another module imports that as `{}`: the output can import it only once",
                self.here(),
                wasi::MODULE,
                sizes.name,
                display_type(&sizes.ty()),
                display_type(have)
            ));
            return None;
        }
        Some(index)
    }

    /// A call with no interface and no shape: fine with numbers only (by
    /// its type, or as a numbers-only rule says), or within one memory;
    /// else the linker refuses to guess.
    fn refuse_unknown(&self, problems: &mut Problems) {
        if !(self.crosses && may_carry_pointer(self.ty)) || self.numbers.is_some() {
            return;
        }
        let far = match self.target {
            Target::Host(_) => "the host (which reads the main module's memory)".to_string(),
            Target::Defined { module, .. } => format!("module `{}`", self.inputs[module].name),
        };
        let (module, field) = (&self.import.module, &self.import.field);
        let hatch = format!("`--numbers {module}.{field}` (`--numbers {module}.*` for every function of `{module}`)");
        let what = if wai_parser::validate_id(field).is_ok() {
            format!("and no interface `{module}` says whether its `i32`s are pointers: pass `--wit {module}.wit`, or, if it passes numbers only, {hatch}")
        } else {
            format!("and nothing says whether its `i32`s are pointers (no interface can: `{field}` is not a WAI name, which is kebab-case): if it passes numbers only, pass {hatch}")
        };
        problems.push(format!(
            "{} `{}` from {far}, which uses another memory, {what}",
            self.here(),
            display_type(self.ty)
        ));
    }

    fn spec(&self, interface: &str, func: &str, callee: Callee, kind: AdapterKind) -> AdapterSpec {
        AdapterSpec {
            caller: self.caller,
            interface: interface.to_string(),
            func: func.to_string(),
            callee,
            ty: self.ty.clone(),
            kind,
        }
    }
}

/// A dependency that no module imports from is a mistake, almost always a
/// name that differs from the import module its importers use (the file
/// stem `wasi_block` for imports of `block.*`): its code would be dropped and
/// those imports left to the host, to fail at instantiation.
fn unused_dependencies(inputs: &[Input], problems: &mut Problems) {
    let names: std::collections::HashSet<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    let mut unresolved: Vec<&str> = inputs
        .iter()
        .flat_map(|i| &i.imports)
        .map(|imp| imp.module.as_str())
        .filter(|m| !names.contains(m) && !wasi::is_wasi_module(m))
        .collect();
    unresolved.sort();
    unresolved.dedup();
    for (m, input) in inputs.iter().enumerate().skip(1) {
        let used = inputs
            .iter()
            .enumerate()
            .any(|(i, other)| i != m && other.imports.iter().any(|imp| imp.module == input.name));
        if used {
            continue;
        }
        let hint = match unresolved.as_slice() {
            [] => String::new(),
            names => format!(
                "; imports of {} are left to the host: if this module serves them, give it that name (`NAME=FILE.wasm` on the command line)",
                names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        problems.push(format!(
            "module `{}` is linked as a dependency, but no module imports from `{}`{hint}",
            input.name, input.name
        ));
    }
}

/// Modules in dependency order: a module's providers start before it.
fn start_order(inputs: &[Input], targets: &[Vec<Option<Target>>]) -> Vec<usize> {
    fn visit(m: usize, targets: &[Vec<Option<Target>>], state: &mut [u8], out: &mut Vec<usize>) {
        if state[m] != 0 {
            return; // done, or on the stack (a cycle: input order breaks it)
        }
        state[m] = 1;
        for target in targets[m].iter().flatten() {
            if let Target::Defined { module, .. } = target {
                visit(*module, targets, state, out);
            }
        }
        state[m] = 2;
        out.push(m);
    }
    let mut state = vec![0u8; inputs.len()];
    let mut out = Vec::new();
    for m in 0..inputs.len() {
        visit(m, targets, &mut state, &mut out);
    }
    out
}

/// Whether `ty` is `wasi` with every `i64` parameter split into two `i32`s
/// (the way Emscripten legalizes imports for JavaScript).
fn legalized(ty: &FuncType, wasi: &FuncType) -> bool {
    let split: Vec<ValType> = wasi
        .params()
        .iter()
        .flat_map(|&t| if t == ValType::I64 { vec![ValType::I32, ValType::I32] } else { vec![t] })
        .collect();
    wasi.params().contains(&ValType::I64) && ty.params() == split.as_slice() && ty.results() == wasi.results()
}

/// A numbers-only rule: `module.function`, or `module.*`.
#[derive(Debug)]
struct Rule {
    module: String,
    /// `None` for `*`.
    function: Option<String>,
}

impl Rule {
    fn exact(&self) -> bool {
        self.function.is_some()
    }

    /// The rule as the command line writes it.
    fn spec(&self) -> String {
        format!("{}.{}", self.module, self.function.as_deref().unwrap_or("*"))
    }
}

/// The numbers-only rules of a link, and which of them named an import.
struct Numbers {
    rules: Vec<Rule>,
    used: std::cell::RefCell<Vec<bool>>,
}

impl Numbers {
    fn new(rules: &[(String, String)]) -> Numbers {
        let rules: Vec<Rule> = rules
            .iter()
            .map(|(module, function)| Rule {
                module: module.clone(),
                function: (function != "*").then(|| function.clone()),
            })
            .collect();
        let used = std::cell::RefCell::new(vec![false; rules.len()]);
        Numbers { rules, used }
    }

    /// The rule for import `module.field`: one that names it, else a `*`.
    fn find(&self, module: &str, field: &str) -> Option<&Rule> {
        let exact = self.rules.iter().position(|r| r.module == module && r.function.as_deref() == Some(field));
        let any = || self.rules.iter().position(|r| r.module == module && r.function.is_none());
        let at = exact.or_else(any)?;
        self.used.borrow_mut()[at] = true;
        Some(&self.rules[at])
    }

    /// A rule that named no function import is a mistake (a typo, most
    /// likely): it says which functions are imported from its module.
    fn unused(&self, inputs: &[Input], problems: &mut Problems) {
        for (rule, used) in self.rules.iter().zip(self.used.borrow().iter()) {
            if *used {
                continue;
            }
            let mut fields: Vec<&str> = inputs
                .iter()
                .flat_map(|i| &i.imports)
                .filter(|imp| imp.module == rule.module && matches!(imp.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)))
                .map(|imp| imp.field.as_str())
                .collect();
            fields.sort();
            fields.dedup();
            let known = if fields.is_empty() {
                format!("no module imports a function from `{}`", rule.module)
            } else {
                let shown: Vec<String> = fields.iter().take(8).map(|f| format!("`{f}`")).collect();
                let more = if fields.len() > 8 { format!(" and {} more", fields.len() - 8) } else { String::new() };
                format!("the functions imported from `{}` are {}{more}", rule.module, shown.join(", "))
            };
            problems.push(format!("`--numbers {}` names no function that any module imports: {known}", rule.spec()));
        }
    }
}

#[cfg(test)]
mod tests {
    //! Numbers-only rules end to end: the phases `Linker::link` runs, with
    //! the rules handed to the plan ([`Options::numbers`]). (`Linker`
    //! takes them with `Linker::numbers`; these tests drive the phases.)
    use super::*;
    use crate::interface::{Iface, Interfaces};
    use crate::{adapter, lower, merge, portable, read, Layout, Profile};

    const MAIN: &str = r#"(module
      (import "dep" "sumArray" (func $sum (param i32 i32) (result i32)))
      (import "dep" "scaleBy" (func $scale (param i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "run") (param i32 i32) (result i32) (call $scale (call $sum (local.get 0) (local.get 1)))))"#;
    const DEP: &str = r#"(module
      (memory 1)
      (func (export "sumArray") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
      (func (export "scaleBy") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 10))))"#;

    fn rules(specs: &[(&str, &str)]) -> Vec<(String, String)> {
        specs.iter().map(|(m, f)| (m.to_string(), f.to_string())).collect()
    }

    /// Links `modules` (WAT) with `numbers` and `interfaces`, as
    /// `Linker::link` does.
    fn link(
        modules: &[(&str, &str)],
        interfaces: &[(&str, &str)],
        numbers: &[(String, String)],
        profile: Profile,
    ) -> Result<Vec<u8>, LinkError> {
        let sources: Vec<read::Source> = modules
            .iter()
            .map(|(name, wat)| read::Source {
                name: name.to_string(),
                bytes: wat::parse_str(wat).unwrap(),
                origin: Some(format!("{name}.wasm")),
            })
            .collect();
        let mut ifaces = Interfaces::default();
        for (name, text) in interfaces {
            ifaces.insert(Iface::parse(name, text).unwrap());
        }
        let inputs = read::read(&sources)?;
        let plan = plan(&inputs, &ifaces, &Options { numbers })?;
        let adapters = adapter::adapt(&inputs, &plan, &ifaces)?;
        let merged = merge::merge(&inputs, &plan, adapters, None)?;
        let owners = crate::memory_owners(&inputs, &plan);
        let options = portable::Options { bounds_checks: false, layout: Layout::Fixed, reserve: &[], owners: &owners };
        let output = lower::lower(merged, profile, &options)?;
        profile.validate(&output)?;
        Ok(output)
    }

    fn run(bytes: &[u8], a: i32, b: i32) -> i32 {
        use wasmer::{imports, Instance, Module, Store, Value};
        let mut store = Store::default();
        let module = Module::new(&store, bytes).unwrap();
        let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
        let run = instance.exports.get_function("run").unwrap();
        run.call(&mut store, &[Value::I32(a), Value::I32(b)]).unwrap()[0].unwrap_i32()
    }

    #[test]
    fn an_i32_crossing_memories_is_refused_with_the_escape_hatch() {
        let err = link(&[("main", MAIN), ("dep", DEP)], &[], &[], Profile::MultiMemory).unwrap_err();
        let problems = err.problems();
        assert_eq!(problems.len(), 2, "{err}");
        assert!(
            problems[0].contains("`sumArray` is not a WAI name, which is kebab-case): if it passes numbers only, pass `--numbers dep.sumArray` (`--numbers dep.*` for every function of `dep`)"),
            "{err}"
        );
    }

    #[test]
    fn named_and_wildcard_rules_wire_numbers_across_memories_in_both_profiles() {
        for profile in [Profile::MultiMemory, Profile::Portable] {
            let named = rules(&[("dep", "sumArray"), ("dep", "scaleBy")]);
            let out = link(&[("main", MAIN), ("dep", DEP)], &[], &named, profile).unwrap();
            assert_eq!(run(&out, 3, 4), 70, "{profile:?}");
            let any = rules(&[("dep", "*")]);
            let out = link(&[("main", MAIN), ("dep", DEP)], &[], &any, profile).unwrap();
            assert_eq!(run(&out, 5, 6), 110, "{profile:?}");
        }
    }

    #[test]
    fn a_rule_that_names_no_import_is_refused_and_lists_the_imports() {
        let typo = rules(&[("dep", "sumArry"), ("dep", "*"), ("nobody", "*")]);
        let err = link(&[("main", MAIN), ("dep", DEP)], &[], &typo, Profile::MultiMemory).unwrap_err();
        assert_eq!(
            err.problems(),
            [
                "`--numbers dep.sumArry` names no function that any module imports: the functions imported from `dep` are `scaleBy`, `sumArray`",
                "`--numbers nobody.*` names no function that any module imports: no module imports a function from `nobody`",
            ]
        );
    }

    #[test]
    fn an_interface_still_decides_what_it_describes() {
        // `scale-by` cannot be the import's name, so the interface describes
        // only what it can; the rule serves the rest.
        let main = MAIN.replace("scaleBy", "scale-by");
        let dep = DEP.replace("scaleBy", "scale-by");
        let wit = [("dep", "scale-by: func(x: s32) -> s32\n")];
        let out = link(&[("main", &main), ("dep", &dep)], &wit, &rules(&[("dep", "*")]), Profile::Portable).unwrap();
        assert_eq!(run(&out, 1, 1), 20);
        // A rule that contradicts the interface is refused.
        let main = r#"(module
          (import "dep" "greet" (func (param i32 i32)))
          (memory (export "memory") 1))"#;
        let dep = r#"(module (memory 1) (func (export "greet") (param i32 i32)))"#;
        let wit = [("dep", "greet: func(name: string)\n")];
        let err =
            link(&[("main", main), ("dep", dep)], &wit, &rules(&[("dep", "greet")]), Profile::MultiMemory).unwrap_err();
        assert_eq!(
            err.problems(),
            ["`--numbers dep.greet` says that `dep.greet` passes numbers only, but interface `dep` says that it moves data through memory: remove the rule, the interface decides"]
        );
    }

    #[test]
    fn wasi_imports_of_the_main_memory_go_to_the_host_unchecked() {
        let main = r#"(module
          (import "wasi_snapshot_preview1" "fd_seek" (func (param i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_frobnicate" (func $f (param i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "go") (result i32)
            (call 0 (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 8))
            (call $f)))"#;
        let out = link(&[("main", main)], &[], &[], Profile::Portable).unwrap();
        let imports: Vec<String> = wasmparser::Parser::new(0)
            .parse_all(&out)
            .filter_map(|p| match p {
                Ok(wasmparser::Payload::ImportSection(r)) => Some(r),
                _ => None,
            })
            .flat_map(|r| r.into_imports().map(|i| i.unwrap().name.to_string()).collect::<Vec<_>>())
            .collect();
        assert_eq!(imports, ["fd_seek", "fd_frobnicate"]);
    }
}
