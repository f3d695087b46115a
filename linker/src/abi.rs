//! The two canonical ABIs a module's exports can follow, and every way in
//! which they differ, in one place.
//!
//! - [`Abi::Wai`]: the draft canonical ABI of Wasmer's WAI
//!   (`wai-bindgen-*` 0.2), which the pipelines, the host and most blocks
//!   use.
//! - [`Abi::Component`]: the component model's canonical ABI, as today's
//!   `wit-bindgen` (0.61) emits it into a core module that carries its WIT
//!   world in a `component-type` custom section ([`crate::wit`]).
//!
//! Measured on generated code (both generators' Rust output, and
//! `wai_parser`/`wit_parser` side by side), the two agree on: the flattening
//! limits (16 flat parameters, 1 flat result; beyond, a pointer to the
//! arguments, which the callee frees, and a return area), how `bool`,
//! `char`, enums, flags, variants, options and results/expecteds are
//! represented, which core types a variant's joined payload slots get, and
//! the size and alignment of every type, except one: WAI sizes a variant
//! from each case's own alignment rather than from where the payload starts,
//! and does not round the size up to the variant's alignment
//! (`expected<u64, tuple<u32, u32, u32>>` is 16 bytes in WAI, though its
//! error payload ends at byte 20, and 24 in the component model). [`crate::wit`] checks
//! every type a call carries in both libraries' own layouts and refuses a
//! call whose layouts differ, so the adapter generator works from one WAI
//! description for both sides.
//!
//! What differs, and what this file answers:
//!
//! | | WAI | component model |
//! | --- | --- | --- |
//! | allocator export | `canonical_abi_realloc` | `cabi_realloc` (`cm32p2_realloc` with the standard mangling) |
//! | results of an export | the caller frees every allocation in the return area with `canonical_abi_free` | the caller calls `cabi_post_<export>` with the export's results; the callee frees |
//! | an empty list of non-plain elements passed to an export | the receiver frees it: it needs a real block | the receiver frees nothing for 0 bytes (`cabi_dealloc` returns early), and `cabi_realloc(0, 0, align, 0)` returns a dangling aligned pointer: no block |
//! | export names | the WAI function name (`scale`) | the world-level function name, or `<interface id>#<name>` (`example:rescale/rescale#scale`; standard mangling `cm32p2|<interface>|<name>`) |

use wit_parser::{LiftLowerAbi, ManglingAndAbi, Resolve, WasmExport};

/// The canonical ABI a module's exports follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Abi {
    /// WAI (`wai-bindgen` 0.2): `canonical_abi_realloc`/`canonical_abi_free`.
    #[default]
    Wai,
    /// The component model, with the export-name mangling the module uses.
    Component(Mangling),
}

/// How a component-model core module names its exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mangling {
    /// `cabi_realloc`, `ns:pkg/iface#f`, `cabi_post_ns:pkg/iface#f`: what
    /// `wit-bindgen` emits today.
    Legacy,
    /// `cm32p2_realloc`, `cm32p2|ns:pkg/iface|f`, `cm32p2|ns:pkg/iface|f_post`.
    Standard,
}

impl Mangling {
    pub fn wit(self) -> ManglingAndAbi {
        match self {
            Mangling::Legacy => ManglingAndAbi::Legacy(LiftLowerAbi::Sync),
            Mangling::Standard => ManglingAndAbi::Standard32,
        }
    }
}

impl Abi {
    /// How messages name the ABI.
    pub fn describe(self) -> &'static str {
        match self {
            Abi::Wai => "WAI's canonical ABI",
            Abi::Component(_) => "the component model's canonical ABI",
        }
    }

    /// The export that allocates in the module's memory:
    /// `realloc(old_ptr, old_len, align, new_len) -> ptr` in both ABIs.
    pub fn realloc(self) -> String {
        match self {
            Abi::Wai => "canonical_abi_realloc".to_string(),
            Abi::Component(m) => Resolve::default().wasm_export_name(m.wit(), WasmExport::Realloc),
        }
    }

    /// The export that frees one allocation (`free(ptr, len, align)`), which
    /// the caller of an export calls for each allocation of its results; the
    /// component model has none (see [`Abi::frees_results_by_post_return`]).
    pub fn free(self) -> Option<&'static str> {
        match self {
            Abi::Wai => Some("canonical_abi_free"),
            Abi::Component(_) => None,
        }
    }

    /// Whether the caller of an export hands the export's results back to
    /// its `post-return` function (named by [`crate::wit`], from the WIT
    /// world), instead of freeing each allocation in them itself.
    pub fn frees_results_by_post_return(self) -> bool {
        matches!(self, Abi::Component(_))
    }

    /// Whether the receiver of an empty list whose elements are not plain
    /// bytes frees its (zero-byte) block, so that the block must be real.
    pub fn frees_empty_lists(self) -> bool {
        matches!(self, Abi::Wai)
    }
}
