//! Step 1 of the plan: follow every import to the entity that finally
//! serves it (through re-export chains), interning the imports the output
//! keeps, and check that the entity is what the import expects.

use std::collections::HashMap;

use wasmparser::{ExternalKind, FuncType, GlobalType, MemoryType, TableType, TypeRef};

use crate::interface::display_type;
use crate::ir::input::Input;
use crate::ir::plan::{kind_of, nth_import, HostImport, Target};

pub fn kind_name(kind: ExternalKind) -> &'static str {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => "function",
        ExternalKind::Table => "table",
        ExternalKind::Memory => "memory",
        ExternalKind::Global => "global",
        ExternalKind::Tag => "tag",
    }
}

/// How many entities of `kind` `input` imports.
fn imported_count(input: &Input, kind: ExternalKind) -> u32 {
    match kind {
        ExternalKind::Func | ExternalKind::FuncExact => input.imported.funcs,
        ExternalKind::Table => input.imported.tables,
        ExternalKind::Memory => input.imported.memories,
        ExternalKind::Global => input.imported.globals,
        ExternalKind::Tag => 0,
    }
}

pub(super) struct Resolver<'a> {
    pub(super) inputs: &'a [Input],
    pub(super) by_name: HashMap<&'a str, usize>,
    pub(super) host_funcs: Vec<HostImport<FuncType>>,
    pub(super) host_tables: Vec<HostImport<TableType>>,
    pub(super) host_memories: Vec<HostImport<MemoryType>>,
    pub(super) host_globals: Vec<HostImport<GlobalType>>,
    /// Which module first imported each host function (for messages).
    pub(super) host_func_users: Vec<usize>,
}

/// Finds (or adds) `(module, field)` in a host import list; a clash of types
/// between users is reported by the caller.
pub(super) fn intern<T: Clone>(list: &mut Vec<HostImport<T>>, module: &str, field: &str, ty: &T) -> (u32, bool) {
    if let Some(i) = list.iter().position(|h| h.module == module && h.field == field) {
        return (i as u32, false);
    }
    list.push(HostImport { module: module.to_string(), field: field.to_string(), ty: ty.clone() });
    ((list.len() - 1) as u32, true)
}

impl<'a> Resolver<'a> {
    pub(super) fn new(inputs: &'a [Input]) -> Resolver<'a> {
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
    pub(super) fn resolve(
        &mut self,
        module: usize,
        nth: usize,
        seen: &mut Vec<(usize, usize)>,
    ) -> Result<Target, String> {
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

    pub(super) fn host(&mut self, module: usize, nth: usize) -> Result<Target, String> {
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
pub(super) fn entity_matches(
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
