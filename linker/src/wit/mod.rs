//! Blocks built with today's `wit-bindgen`: their WIT world, and the check
//! that it agrees with the WAI interface a pipeline imports it through.
//!
//! A core module built with `wit-bindgen` (0.61: Rust, C, Go, ...) carries
//! its WIT world in a `component-type:*` custom section. [`world::decode`] reads it
//! with the crates made for it (`wit_component::metadata::decode`,
//! `wit_parser`), and lists the functions the world exports with the core
//! names the module exports them under, and their `post-return` functions
//! (`wit_parser::Resolve::wasm_export_name`).
//!
//! **Names.** A WAI import `rescale.scale` (module `rescale`, function
//! `scale`, both kebab-case as in WAI and WIT) is served by the function
//! `scale` of the module named `rescale`: a world-level export
//! `export scale: func(..)` (core name `scale`) or a function of an exported
//! interface, `export example:rescale/rescale;` (core name
//! `example:rescale/rescale#scale`). When several match, the one in an
//! interface named like the import module (`rescale`) wins; otherwise the
//! link is refused with every candidate named ([`world::WitWorld::find`]).
//!
//! **Types.** The adapter is generated from the pipeline's WAI description
//! alone ([`crate::adapt`]), so the block's WIT function must mean the
//! same: [`check::check`] walks both types together (WIT `result` is WAI
//! `expected`, `f32` is `float32`, `f64` is `float64`; records and flags
//! need the same field names in the same order, variants and enums the same
//! cases) and compares every type's size and alignment as each ABI's own
//! library computes it (`wai_parser::SizeAlign`, `wit_parser::SizeAlign`),
//! and the core signatures (`wasm_signature` of each). Resources, futures,
//! streams, `error-context`, maps and fixed-length lists have no WAI
//! counterpart and are refused by name. Where the two ABIs differ in
//! behaviour rather than layout: [`crate::abi`].

pub mod check;
pub mod world;
