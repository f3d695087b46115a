//! Phase 4, merge: lay every module, adapter and thunk out in one set of
//! index spaces, drop code nothing reaches, and encode one module.
//!
//! Input: the read modules, the plan, and the generated functions (adapters
//! from the adapt phase; thunks made here), each referring to what it calls
//! by symbol ([`FuncSym`]). Output: the bytes of a multi-memory module whose
//! imports are the host imports of the plan, whose exports are the main
//! module's, and whose name section keeps every input's names as the input
//! has them, so traps show (and engines demangle) the same frames as for
//! the input alone ([`names`]: `module::` only where two modules' plain
//! names collide).
//!
//! Layout of each index space, in order: host imports (shared by every module
//! that imports them), then each module's own entities in input order (the
//! main module first, so its memory keeps index 0), then the generated
//! functions: the adapters, the start thunk, the entry thunk (see [`Entry`]);
//! after every module's globals, the entry thunk's guard.
//! Every body, a module's or a generated one, is re-encoded with
//! `wasm-encoder`'s `Reencode`, which rewrites every function, type, table,
//! memory, global, element and data index through the maps built here.
//!
//! Invariant: a function is emitted only if it is reachable from the main
//! module's exports, a start function, an element segment or a `ref.func`
//! in a global; everything it reaches is emitted too.
//!
//! Custom sections: the name section is merged (functions, locals, globals,
//! data segments); `producers` and
//! `target_features` are built by [`custom`]; the rest are dropped (what
//! and why: [`crate::embed::dropped_sections`]). The merged module ends
//! with the [`origins`] of its entities, for `lower`'s messages, which
//! `lower` takes off.

use wasm_encoder::{CustomSection, Section};
use wasmparser::{BinaryReader, ExternalKind, FunctionBody};

pub(crate) mod custom;
mod entry;
mod live;
mod names;
pub(crate) mod origins;
mod sections;
mod spaces;

use entry::{Entry, Start};
use live::{bodies, live_functions, static_references, Finals, Root};
use sections::Sections;
use spaces::{Layout, MergedFunc};

use crate::error::LinkError;
use crate::ir::debug::Merged;
use crate::ir::generated::Generated;
use crate::ir::input::Input;
use crate::ir::plan::Plan;

/// Merges the modules, their adapters and thunks into one module.
pub fn merge(
    inputs: &[Input],
    plan: &Plan,
    adapters: Vec<Generated>,
    command: Option<&str>,
    debug: bool,
) -> Result<(Vec<u8>, Option<Merged>), LinkError> {
    let start = Start::of(inputs, plan);
    let entry = Entry::of(inputs, plan, command)?;
    let mut generated = adapters;
    let start_sym = match start {
        Start::None => None,
        Start::One(sym) => Some(Root::Sym(sym)),
        Start::Thunk(t) => {
            generated.push(t);
            Some(Root::Generated(generated.len() - 1))
        }
    };
    let entry: Vec<(&str, usize)> = entry
        .into_iter()
        .flat_map(|e| e.thunks)
        .map(|(export, thunk)| {
            generated.push(thunk);
            (export, generated.len() - 1)
        })
        .collect();
    let layout = Layout::new(inputs, plan, generated.len());
    let bodies: Vec<Vec<FunctionBody>> = inputs.iter().map(bodies).collect();
    let generated_bodies: Vec<FunctionBody> =
        generated.iter().map(|g| FunctionBody::new(BinaryReader::new(&g.body, 0))).collect();
    let mut roots: Vec<MergedFunc> = Vec::new();
    for export in inputs[0].exports.iter().filter(|e| e.kind == ExternalKind::Func) {
        roots.push(layout.func(plan, 0, export.index));
    }
    for (m, input) in inputs.iter().enumerate() {
        roots.extend(static_references(input).into_iter().map(|f| layout.func(plan, m, f)));
    }
    for root in start_sym.iter().chain(entry.iter().map(|(_, g)| Root::Generated(*g)).collect::<Vec<_>>().iter()) {
        roots.push(root.merged(&layout, plan));
    }
    let live = live_functions(&layout, plan, &bodies, &generated, &generated_bodies, roots);
    let finals = Finals::new(&live);

    let mut out = Sections::new(inputs, plan, &finals)?;
    out.debug = debug.then(Merged::default);
    for (m, input) in inputs.iter().enumerate() {
        out.module(input, m, &layout, plan, &finals, &bodies[m])?;
    }
    if !entry.is_empty() {
        out.entry_guard();
    }
    for (g, (generated, body)) in generated.iter().zip(generated_bodies).enumerate() {
        let index = MergedFunc(layout.generated_base + g as u32);
        out.generated(generated, body, index, &layout, plan, &finals)?;
    }
    let start = start_sym.map(|root| finals.get(root.merged(&layout, plan))).transpose()?;
    let entry = entry
        .into_iter()
        .map(|(export, g)| Ok((export, finals.get(MergedFunc(layout.generated_base + g as u32))?)))
        .collect::<Result<Vec<_>, LinkError>>()?;
    out.exports(&inputs[0], &layout, plan, &finals, &entry)?;
    out.origins.labels = inputs.iter().map(|i| i.label.clone()).collect();
    out.entity_origins(inputs, plan, !entry.is_empty());
    let producers = custom::producers(inputs);
    let moves = out.debug.take();
    let module = out.finish(start, producers.as_ref())?;
    let memories: usize = inputs.iter().map(|i| i.memories.len() - i.imported.memories as usize).sum();
    let module = with_target_features(module, custom::declared(inputs), memories + plan.host_memories.len() > 1);
    Ok((module, moves))
}

/// The merged module with its `target_features` section (what the inputs
/// declared, plus `multimemory` when it has several memories), before its
/// origins (the last section).
fn with_target_features(module: Vec<u8>, declared: Option<Vec<String>>, multi: bool) -> Vec<u8> {
    let Some(mut declared) = declared else { return module };
    if multi && !declared.iter().any(|d| d == "multimemory") {
        declared.push("multimemory".to_string());
    }
    let (mut bare, origins) = origins::Origins::take(module);
    let data = custom::target_features(&declared, crate::profile::accepted_features());
    CustomSection { name: custom::TARGET_FEATURES.into(), data: data.into() }.append_to(&mut bare);
    CustomSection { name: origins::SECTION.into(), data: origins.encode().into() }.append_to(&mut bare);
    bare
}
