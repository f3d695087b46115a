//! The context of one adapter under construction: its symbol tables
//! ([`Syms`]: what its function and memory indices stand for) and the two
//! sides of a crossing ([`MemCtx`]: a memory and the allocator that owns it).

use crate::abi::Abi;
use crate::ir::generated::FuncSym;
use crate::ir::input::Input;
use crate::ir::plan::{Plan, Target};

/// The symbol tables of one adapter under construction.
#[derive(Default)]
pub struct Syms {
    pub funcs: Vec<FuncSym>,
    pub memories: Vec<Target>,
}

impl Syms {
    pub fn func(&mut self, sym: FuncSym) -> u32 {
        intern(&mut self.funcs, sym)
    }

    /// Module `m`'s side of a crossing: its memory and allocator.
    pub fn side(&mut self, inputs: &[Input], plan: &Plan, m: usize) -> Result<MemCtx, Vec<String>> {
        let input = &inputs[m];
        let Some(memory) = plan.memory_of(inputs, m) else {
            return Err(vec![format!("module `{}` has no memory, but an adapter copies data into it", input.name)]);
        };
        let mut export =
            |name: &str| input.exported_func(name).map(|func| self.func(FuncSym::InModule { module: m, func }));
        // What the allocator exports are called depends on the module's ABI.
        let (realloc, free) = (export(&input.abi.realloc()), input.abi.free().and_then(&mut export));
        let memory = intern(&mut self.memories, memory);
        Ok(MemCtx { module: input.name.clone(), memory, realloc, free, abi: input.abi })
    }

    /// The post-return function of module `m`'s `index`th own function (an
    /// export of a component-model module: [`crate::abi`]), if it has one.
    pub fn post_return(&mut self, inputs: &[Input], m: usize, index: u32) -> Option<u32> {
        let func = inputs[m].post_return_of(index + inputs[m].imported.funcs)?;
        Some(self.func(FuncSym::InModule { module: m, func }))
    }
}

fn intern<T: PartialEq>(list: &mut Vec<T>, item: T) -> u32 {
    match list.iter().position(|x| *x == item) {
        Some(i) => i as u32,
        None => {
            list.push(item);
            list.len() as u32 - 1
        }
    }
}

/// One side of an adapter: a memory and the allocator functions that own it
/// (indices in the adapter's own index spaces), and the module's name for
/// messages.
#[derive(Debug, Clone)]
pub struct MemCtx {
    pub module: String,
    pub memory: u32,
    pub realloc: Option<u32>,
    pub free: Option<u32>,
    /// The canonical ABI the module follows (what `realloc` and `free` are,
    /// who frees results).
    pub abi: Abi,
}

/// What the adapter calls.
pub enum Far {
    /// A wasm export in `mem` (guest-export ABI), and, for a
    /// component-model callee, its post-return function.
    Export { func: u32, mem: MemCtx, post_return: Option<u32> },
    /// A host import that reads and writes `mem`, the main module's memory
    /// (guest-import ABI).
    Host { func: u32, mem: MemCtx },
}

/// The resource handles an adapter between two components moves: for each
/// WAI resource (`own-wN`, `borrow-wN`), the function that turns the
/// caller's handle into the callee's and the one that turns a result back
/// (indices in the adapter's own index space), and the function that counts
/// the borrowed handles alive, when the callee must give back what it
/// borrowed.
#[derive(Default)]
pub struct Handles {
    pub moves: Vec<(String, u32, Option<u32>)>,
    pub borrows: Option<u32>,
}

impl Handles {
    /// The functions that move handles of `resource`.
    pub fn of(&self, resource: &str) -> Option<(u32, Option<u32>)> {
        self.moves.iter().find(|(r, ..)| r == resource).map(|(_, there, back)| (*there, *back))
    }
}
