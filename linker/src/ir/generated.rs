//! Functions the linker writes itself (adapters, shared helpers, merge's
//! thunks): each a body in its own small index spaces, naming what it calls
//! by symbol ([`FuncSym`], [`GlobalSym`]) and the memories it touches by
//! [`Target`]. `merge` resolves the symbols to final indices.

use wasmparser::FuncType;

use crate::ir::plan::Target;

/// A function an adapter calls, named by what it is rather than where it
/// will land: `merge` resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FuncSym {
    /// Function `func` of `module`, in the module's own index space
    /// (imports first).
    InModule { module: usize, func: u32 },
    /// The `n`th host function import of the output.
    Host(u32),
    /// The `n`th function the adapt phase generated (a shared function,
    /// [`crate::shared`]).
    Generated(usize),
}

/// A function the linker generates (an adapter, or one of merge's thunks):
/// a body in its own index spaces, whose function `k` is `funcs[k]` and
/// memory `j` is `memories[j]`. Merging re-encodes it exactly like a
/// module's function.
pub struct Generated {
    /// How the output's name section names it.
    pub name: String,
    pub ty: FuncType,
    /// The body (locals and code), as `wasm_encoder::Function::into_raw_body`.
    pub body: Vec<u8>,
    pub funcs: Vec<FuncSym>,
    pub memories: Vec<Target>,
    /// Its global `k` is `globals[k]`.
    pub globals: Vec<GlobalSym>,
}

/// A global a generated function uses, by what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlobalSym {
    /// The mutable `i32` the merge phase adds after every module's own
    /// globals: 0 until the entry thunk has run the reactors' `_initialize`
    /// functions, then 1 (see `merge::Entry`).
    EntryGuard,
}
