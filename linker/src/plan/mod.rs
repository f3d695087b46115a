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

mod decide;
mod numbers;
mod resolve;

use std::collections::HashMap;

use wasmparser::{ExternalKind, TypeRef};

use crate::error::{LinkError, Problems};
use crate::interface::Interfaces;
use crate::ir::input::Input;
use crate::ir::plan::{nth_import, Plan, Resolved, Target};
use decide::Call;
use numbers::Numbers;
use resolve::{entity_matches, Resolver};

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
            // A component's lowered import copies into the lower's memory,
            // which need not be the importer's.
            let caller_side = match &import.canon {
                Some(canon) => inputs.iter().position(|i| i.name == canon.caller_side).unwrap_or(m),
                None => m,
            };
            let call = Call {
                inputs,
                caller: m,
                caller_side,
                import,
                ty: &input.types[t as usize],
                target,
                crosses: matches!((memory[caller_side], far), (Some(a), Some(b)) if a != b),
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
                && interfaces.get(import.described_as().0).and_then(|i| i.func(import.described_as().1)).is_some();
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
        .filter(|m| !names.contains(m) && !crate::wasi::is_wasi_module(m))
        .collect();
    unresolved.sort();
    unresolved.dedup();
    // A component's core instances are wired by the component, not by
    // name: one nobody imports (a fix-up module that fills a table) is used.
    for (m, input) in inputs.iter().enumerate().skip(1).filter(|(_, i)| i.component.is_none()) {
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
