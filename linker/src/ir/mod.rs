//! The data that passes between the linker's phases, owned by none of them.
//!
//! Each phase imports the phases before it and these types, never a phase
//! after it; `linker/tests/architecture.rs` keeps the files free of circles.
//!
//! - [`input`]: what `read` produces for each module ([`input::Input`]).
//! - [`plan`]: what `plan` decides ([`plan::Plan`]: what serves every
//!   import, which adapters to generate).
//! - [`generated`]: functions the linker writes itself ([`generated::Generated`])
//!   and the symbols they name what they call by ([`generated::FuncSym`]).
//! - [`debug`]: where merging and lowering moved each instruction, for
//!   the inputs' DWARF ([`crate::debug`]).

pub mod debug;
pub mod generated;
pub mod input;
pub mod plan;
