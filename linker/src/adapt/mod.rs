//! Phase 3, adapt: generate the body of every adapter the plan asked for.
//!
//! Input: the inputs, the [`Plan`] and the interfaces. Output: one
//! [`Generated`] function per [`AdapterSpec`], in plan order, then the
//! functions they share ([`shared`]). The files: [`interface`] (adapters
//! from an interface's types), [`wasi`] (from a WASI function's shape),
//! [`shared`] (the UTF-8 validator every adapter of a memory calls),
//! [`ctx`] (an adapter's symbol tables and the two sides of a crossing),
//! [`wat`] (an adapter printed for `--print-adapters`).
//!
//! An adapter is host glue written in wasm. It has the caller's core type of
//! the import; it lifts each argument out of the caller's memory and lowers it
//! into the callee's (allocating there with the callee's
//! `canonical_abi_realloc`), calls the callee, and brings the results back the
//! same way, then frees what the callee handed over (`canonical_abi_free`).
//!
//! The translation is type-directed, one `translate_*` method per kind of
//! WAI type, and recursive: a `list<record { name: string }>` is a loop that
//! copies each record and, inside it, each string. Values are addressed by
//! [`Loc`]: either flat core values in locals (how arguments travel) or a
//! place in a memory (how they travel through pointers). Layout and
//! signatures come from `wai-parser` ([`Iface`]), never from this file.
//!
//! Invariants:
//! - every list's `ptr + len * size` is computed in 64 bits and checked
//!   against the size of the memory it points into before anything is copied;
//!   a lie traps (`unreachable`), it never wraps around into other data;
//! - a list's pointer must be aligned for its elements, and a string must be
//!   valid UTF-8 (checked in the source memory before it is copied);
//! - a variant's discriminant out of range traps;
//! - an empty list of non-plain elements gets a real allocation, because the
//!   WAI-generated receiver deallocates it (a dangling pointer would trap in
//!   the receiver's allocator).

pub mod ctx;
mod interface;
pub mod shared;
mod values;
mod wasi;
pub mod wat;

use crate::error::{LinkError, Problems};
use crate::interface::Interfaces;
use crate::ir::generated::{FuncSym, Generated};
use crate::ir::input::Input;
use crate::ir::plan::{AdapterKind, AdapterSpec, Callee, Plan};
use ctx::{Far, Handles, Syms};
use interface::generate;
use shared::Shared;

/// Phase 3, adapt: generates the body of every adapter the plan asks for,
/// in plan order. Every problem (a missing allocator, a type that cannot
/// cross) is reported at once.
/// The adapters come first, in plan order (`Resolved::Adapter(a)` is the
/// `a`th), then the functions they share ([`crate::shared`]).
pub fn adapt(inputs: &[Input], plan: &Plan, interfaces: &Interfaces) -> Result<Vec<Generated>, LinkError> {
    let mut problems = Problems::default();
    let mut adapters = Vec::new();
    let mut shared = Shared::new(plan.adapters.len());
    for spec in &plan.adapters {
        match adapt_one(inputs, plan, interfaces, spec, &mut shared) {
            Ok(adapter) => adapters.push(adapter),
            Err(found) => found.into_iter().for_each(|p| problems.push(p)),
        }
    }
    adapters.extend(shared.finish());
    problems.finish(adapters)
}

fn adapt_one(
    inputs: &[Input],
    plan: &Plan,
    interfaces: &Interfaces,
    spec: &AdapterSpec,
    shared: &mut Shared,
) -> Result<Generated, Vec<String>> {
    let mut syms = Syms::default();
    let caller = syms.side(inputs, plan, spec.caller_side)?;
    let main = syms.side(inputs, plan, 0)?;
    let (callee_name, callee) = match spec.callee {
        Callee::Export { module, index } => {
            let func = index + inputs[module].imported.funcs;
            (inputs[module].name.clone(), syms.func(FuncSym::InModule { module, func }))
        }
        Callee::Host { index } => ("host".to_string(), syms.func(FuncSym::Host(index))),
    };
    let name = format!("adapter {} -> {}.{}", caller.module, spec.interface, spec.func);
    let body = match spec.kind {
        AdapterKind::Wasi { shape, sizes } => {
            let sizes = sizes.map(|n| syms.func(FuncSym::Host(n)));
            wasi::generate(shape, &caller, &main, callee, sizes).map_err(|p| vec![p])?
        }
        AdapterKind::Interface => {
            let missing =
                || vec![format!("{name}: the interface `{}` has no function `{}`", spec.interface, spec.func)];
            let iface = interfaces.get(&spec.interface).ok_or_else(missing)?;
            let func = iface.func(&spec.func).ok_or_else(missing)?;
            let what = format!("the adapter for `{}` calling `{}.{}`", caller.module, spec.interface, spec.func);
            let handles = handles(inputs, spec, &mut syms)?;
            let far = match spec.callee {
                Callee::Export { module, index } => Far::Export {
                    func: callee,
                    mem: syms.side(inputs, plan, module)?,
                    post_return: syms.post_return(inputs, module, index),
                },
                Callee::Host { .. } => Far::Host { func: callee, mem: main },
            };
            generate(iface, func, &spec.ty, &caller, far, &what, &mut syms, shared, handles)?
        }
    };
    let name = match spec.kind {
        AdapterKind::Wasi { .. } => name,
        AdapterKind::Interface => format!("adapter {} -> {}.{}", caller.module, callee_name, spec.func),
    };
    Ok(Generated {
        name,
        ty: spec.ty.clone(),
        body: body.into_raw_body(),
        funcs: syms.funcs,
        memories: syms.memories,
        globals: Vec::new(),
    })
}

/// The functions of the handle tables' module that `spec`'s adapter calls.
fn handles(inputs: &[Input], spec: &AdapterSpec, syms: &mut Syms) -> Result<Handles, Vec<String>> {
    let mut out = Handles::default();
    let Some(first) = spec.handles.first() else { return Ok(out) };
    let missing = |name: &str| vec![format!("the handle tables have no function `{name}`: please report this")];
    let module = inputs.iter().position(|i| i.name == first.module).ok_or_else(|| missing(&first.module))?;
    let mut func = |name: &str| -> Result<u32, Vec<String>> {
        let f = inputs[module].exported_func(name).ok_or_else(|| missing(name))?;
        Ok(syms.func(FuncSym::InModule { module, func: f }))
    };
    for mv in &spec.handles {
        let there = func(&mv.to_callee)?;
        let back = mv.to_caller.as_deref().map(&mut func).transpose()?;
        out.moves.push((mv.resource.clone(), there, back));
    }
    if spec.borrow_scope {
        out.borrows = Some(func(crate::ir::input::BORROWS)?);
    }
    Ok(out)
}
