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

use crate::error::Problems;
use crate::interface::{core_type, display_type, Interfaces};
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
        let nth = nth_import(input, ExternalKind::Memory, 0);
        match self.imports[module][nth] {
            Resolved::Direct(target) => Some(target),
            Resolved::Adapter(_) => unreachable!("memories are never adapted"),
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

/// The position in `input.imports` of its `n`th import of `kind`.
fn nth_import(input: &Input, kind: ExternalKind, n: u32) -> usize {
    input
        .imports
        .iter()
        .enumerate()
        .filter(|(_, imp)| kind_of(&imp.ty) == kind)
        .nth(n as usize)
        .map(|(i, _)| i)
        .expect("validated module: export of an imported entity has a matching import")
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
    /// Follows import `(module, nth)` to the entity that finally serves it.
    fn resolve(&mut self, module: usize, nth: usize, seen: &mut Vec<(usize, usize)>) -> Result<Target, String> {
        let input = &self.inputs[module];
        let import = &input.imports[nth];
        let kind = kind_of(&import.ty);
        let Some(&target) = self.by_name.get(import.module.as_str()) else {
            return Ok(self.host(module, nth));
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
        let next = nth_import(provider, kind, export.index);
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

    fn host(&mut self, module: usize, nth: usize) -> Target {
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
            TypeRef::Tag(_) => unreachable!("tags are refused when reading"),
        };
        Target::Host(index)
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
            let have = ty_of_func.expect("resolved to a function");
            if *want != have {
                return Err(format!("as `{}`, but it is `{}`", display_type(want), display_type(&have)));
            }
        }
        TypeRef::Table(want) => {
            let have = table.expect("resolved to a table");
            if want.element_type != have.element_type || have.initial < want.initial || want.table64 != have.table64 {
                return Err(format!("as table `{want:?}`, but it is `{have:?}`"));
            }
        }
        TypeRef::Memory(want) => {
            let have = memory.expect("resolved to a memory");
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
            let have = global.expect("resolved to a global");
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

pub fn plan(inputs: &[Input], interfaces: &Interfaces, problems: &mut Problems) -> Plan {
    let mut by_name = HashMap::new();
    for (i, input) in inputs.iter().enumerate() {
        by_name.entry(input.name.as_str()).or_insert(i);
    }
    unused_dependencies(inputs, problems);
    let mut r = Resolver {
        inputs,
        by_name,
        host_funcs: Vec::new(),
        host_tables: Vec::new(),
        host_memories: Vec::new(),
        host_globals: Vec::new(),
        host_func_users: Vec::new(),
    };

    // 1. Resolve every import to its final target.
    let mut targets: Vec<Vec<Option<Target>>> = Vec::new();
    for (m, input) in inputs.iter().enumerate() {
        let mut row = Vec::new();
        for nth in 0..input.imports.len() {
            let resolved = r.resolve(m, nth, &mut vec![(m, nth)]);
            match resolved {
                Ok(target) => {
                    let import = &input.imports[nth];
                    // A function with an interface is checked against the
                    // interface below: its importer's and exporter's core
                    // types legitimately differ (e.g. a return pointer).
                    let by_interface = matches!(import.ty, TypeRef::Func(_) | TypeRef::FuncExact(_))
                        && matches!(target, Target::Defined { .. })
                        && interfaces.get(&import.module).and_then(|i| i.func(&import.field)).is_some();
                    let checked =
                        if by_interface { Ok(()) } else { entity_matches(inputs, &r, &import.ty, input, target) };
                    if let Err(why) = checked {
                        let who = match target {
                            Target::Host(_) => {
                                let first = r.host_func_users.get(match target {
                                    Target::Host(i) => i as usize,
                                    _ => 0,
                                });
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
                    row.push(Some(target));
                }
                Err(problem) => {
                    problems.push(problem);
                    row.push(None);
                }
            }
        }
        targets.push(row);
    }

    // 2. Decide, per function import, direct or adapted.
    let mut plan = Plan {
        host_funcs: r.host_funcs,
        host_tables: r.host_tables,
        host_memories: r.host_memories,
        host_globals: r.host_globals,
        imports: Vec::new(),
        adapters: Vec::new(),
        start_order: Vec::new(),
    };
    // Memories first (functions need them to decide).
    plan.imports = targets
        .iter()
        .map(|row| row.iter().map(|t| Resolved::Direct(t.unwrap_or(Target::Host(u32::MAX)))).collect())
        .collect();
    let memory: Vec<Option<Target>> = (0..inputs.len()).map(|m| plan.memory_of(inputs, m)).collect();
    let main_memory = memory.first().copied().flatten();

    for (m, input) in inputs.iter().enumerate() {
        for (nth, import) in input.imports.iter().enumerate() {
            let Some(target) = targets[m][nth] else { continue };
            let (TypeRef::Func(t) | TypeRef::FuncExact(t)) = import.ty else { continue };
            let ty = &input.types[t as usize];
            let here = format!("module `{}` imports `{}.{}`", input.name, import.module, import.field);
            // Where the callee expects pointers to point.
            let far_memory = match target {
                Target::Host(_) => main_memory,
                Target::Defined { module, .. } => memory[module],
            };
            let crosses = match (memory[m], far_memory) {
                (Some(a), Some(b)) => a != b,
                _ => false,
            };
            let iface = interfaces.get(&import.module);
            let func = iface.and_then(|i| i.func(&import.field));
            match (iface, func) {
                (Some(iface), Some(func)) => {
                    let want_import = core_type(&iface.signature(AbiVariant::GuestImport, func));
                    if *ty != want_import {
                        problems.push(format!(
                            "{here} as `{}`, but interface `{}` declares it as `{}` for an importer",
                            display_type(ty),
                            iface.name(),
                            display_type(&want_import)
                        ));
                        continue;
                    }
                    if let Target::Defined { module, index } = target {
                        let callee = &inputs[module];
                        let have = callee.func_type(callee.imported.funcs + index);
                        let want_export = core_type(&iface.signature(AbiVariant::GuestExport, func));
                        if *have != want_export {
                            problems.push(format!(
                                "module `{}` exports `{}` as `{}`, but interface `{}` declares it as `{}` for an exporter",
                                callee.name,
                                import.field,
                                display_type(have),
                                iface.name(),
                                display_type(&want_export)
                            ));
                            continue;
                        }
                    }
                    if crosses && iface.moves_memory(func) {
                        let callee = match target {
                            Target::Host(index) => Callee::Host { index },
                            Target::Defined { module, index } => Callee::Export { module, index },
                        };
                        plan.adapters.push(AdapterSpec {
                            caller: m,
                            interface: iface.name().to_string(),
                            func: func.name.clone(),
                            callee,
                            ty: ty.clone(),
                            kind: AdapterKind::Interface,
                        });
                        plan.imports[m][nth] = Resolved::Adapter(plan.adapters.len() - 1);
                    }
                }
                (Some(iface), None) => problems.push(format!(
                    "{here}, but interface `{}` declares no function `{}`",
                    iface.name(),
                    import.field
                )),
                (None, _) if import.module == wasi::MODULE && matches!(target, Target::Host(_)) => {
                    let Target::Host(index) = target else { unreachable!() };
                    let Some(shape) = wasi::shape(&import.field) else {
                        if crosses && may_carry_pointer(ty) {
                            problems.push(format!(
                                "{here} `{}`, which is not a `{}` function the linker knows, from a module whose memory is not the one the host reads: the linker cannot tell which of its `i32`s are pointers",
                                display_type(ty),
                                wasi::MODULE
                            ));
                        }
                        continue;
                    };
                    if *ty != shape.ty() {
                        problems.push(format!(
                            "{here} as `{}`, but WASI declares it as `{}`",
                            display_type(ty),
                            display_type(&shape.ty())
                        ));
                        continue;
                    }
                    if crosses && shape.has_pointers() {
                        // `args_get`/`environ_get` adapters ask for the sizes
                        // first, whether or not any module imports that.
                        let sizes = shape.args.iter().find_map(|a| match a {
                            wasi::Arg::Strings { sizes } => Some(*sizes),
                            _ => None,
                        });
                        let sizes = sizes.map(|name| {
                            let sizes_ty = wasi::shape(name).expect("sizes functions are shapes").ty();
                            intern(&mut plan.host_funcs, wasi::MODULE, name, &sizes_ty).0
                        });
                        plan.adapters.push(AdapterSpec {
                            caller: m,
                            interface: wasi::MODULE.to_string(),
                            func: import.field.clone(),
                            callee: Callee::Host { index },
                            ty: ty.clone(),
                            kind: AdapterKind::Wasi { shape, sizes },
                        });
                        plan.imports[m][nth] = Resolved::Adapter(plan.adapters.len() - 1);
                    }
                }
                (None, _) if wasi::is_wasi_module(&import.module) && matches!(target, Target::Host(_)) => {
                    if crosses && may_carry_pointer(ty) {
                        problems.push(format!(
                            "{here} `{}` from a module whose memory is not the one the host reads; the linker adapts the functions of `{}` only (build the module for `wasm32-wasip1`)",
                            display_type(ty),
                            wasi::MODULE
                        ));
                    }
                }
                (None, _) => {
                    if crosses && may_carry_pointer(ty) {
                        let far = match target {
                            Target::Host(_) => "the host (which reads the main module's memory)".to_string(),
                            Target::Defined { module, .. } => format!("module `{}`", inputs[module].name),
                        };
                        problems.push(format!(
                            "{here} `{}` from {far}, which uses another memory, and no interface `{}` says whether its `i32`s are pointers: pass `--wit {}.wit`",
                            display_type(ty),
                            import.module,
                            import.module
                        ));
                    }
                }
            }
        }
    }

    plan.start_order = start_order(inputs, &targets);
    plan
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
