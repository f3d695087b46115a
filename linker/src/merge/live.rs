//! Dead code: which functions the output keeps (those reachable from the
//! main module's exports, a start function, an element segment or a
//! global's `ref.func`), and their final indices.

use wasmparser::{ElementItems, FunctionBody, Operator, Parser, Payload};

use super::spaces::{Layout, MergedFunc, Owner};
use crate::error::LinkError;
use crate::ir::generated::{FuncSym, Generated};
use crate::ir::input::Input;
use crate::ir::plan::Plan;

/// A function the output must keep: a module's, or a generated one.
#[derive(Clone, Copy)]
pub(super) enum Root {
    Sym(FuncSym),
    Generated(usize),
}

impl Root {
    pub(super) fn merged(&self, layout: &Layout, plan: &Plan) -> MergedFunc {
        match *self {
            Root::Sym(sym) => layout.sym(plan, sym),
            Root::Generated(g) => MergedFunc(layout.generated_base + g as u32),
        }
    }
}

/// Which merged functions are reachable from `roots`.
pub(super) fn live_functions(
    layout: &Layout,
    plan: &Plan,
    bodies: &[Vec<FunctionBody>],
    generated: &[Generated],
    generated_bodies: &[FunctionBody],
    mut work: Vec<MergedFunc>,
) -> Vec<bool> {
    let mut live = vec![false; layout.total_funcs as usize];
    while let Some(f) = work.pop() {
        if std::mem::replace(&mut live[f.0 as usize], true) {
            continue;
        }
        match layout.owner(f) {
            Owner::Host => {}
            Owner::Module(m, d) => {
                work.extend(referenced(&bodies[m][d]).into_iter().map(|g| layout.func(plan, m, g)));
            }
            Owner::Generated(g) => {
                let syms = &generated[g].funcs;
                let called = referenced(&generated_bodies[g]).into_iter().filter_map(|k| syms.get(k as usize));
                work.extend(called.map(|&sym| layout.sym(plan, sym)));
            }
        }
    }
    live
}

/// Final function indices: live functions, numbered in merged order.
pub(super) struct Finals(pub(super) Vec<Option<u32>>);

impl Finals {
    pub(super) fn new(live: &[bool]) -> Finals {
        let mut next = 0;
        Finals(
            live.iter()
                .map(|&is_live| {
                    is_live.then(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect(),
        )
    }

    pub(super) fn is_live(&self, f: MergedFunc) -> bool {
        self.0[f.0 as usize].is_some()
    }

    /// The final index of a live function. Everything a live function
    /// refers to is live (that is how liveness is computed), so a miss is a
    /// bug of this file, reported rather than panicked on.
    pub(super) fn get(&self, f: MergedFunc) -> Result<u32, LinkError> {
        self.0[f.0 as usize].ok_or_else(|| {
            LinkError::one(format!(
                "internal error: merged function {} is used but was dropped; please report this",
                f.0
            ))
        })
    }
}

/// Every module's code bodies, parsed once.
pub(super) fn bodies(input: &Input) -> Vec<FunctionBody<'_>> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(&input.bytes) {
        if let Ok(Payload::CodeSectionEntry(body)) = payload {
            out.push(body);
        }
    }
    out
}

/// Functions a body refers to (calls, `ref.func`), in its own index space.
pub(super) fn referenced(body: &FunctionBody<'_>) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(mut reader) = body.get_operators_reader() else { return out };
    while !reader.eof() {
        match reader.read() {
            Ok(Operator::Call { function_index })
            | Ok(Operator::ReturnCall { function_index })
            | Ok(Operator::RefFunc { function_index }) => out.push(function_index),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    out
}

/// Functions every element segment and global initializer of `input` refers to.
pub(super) fn static_references(input: &Input) -> Vec<u32> {
    let mut out = Vec::new();
    let const_refs = |expr: &wasmparser::ConstExpr, out: &mut Vec<u32>| {
        let mut reader = expr.get_operators_reader();
        while let Ok(op) = reader.read() {
            if let Operator::RefFunc { function_index } = op {
                out.push(function_index);
            }
        }
    };
    for payload in Parser::new(0).parse_all(&input.bytes) {
        match payload {
            Ok(Payload::ElementSection(reader)) => {
                for element in reader.into_iter().flatten() {
                    match element.items {
                        ElementItems::Functions(funcs) => out.extend(funcs.into_iter().flatten()),
                        ElementItems::Expressions(_, exprs) => {
                            for expr in exprs.into_iter().flatten() {
                                const_refs(&expr, &mut out);
                            }
                        }
                    }
                }
            }
            Ok(Payload::GlobalSection(reader)) => {
                for global in reader.into_iter().flatten() {
                    const_refs(&global.init_expr, &mut out);
                }
            }
            _ => {}
        }
    }
    out
}
