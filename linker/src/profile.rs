//! The output profiles: what an output may use, and the check that it uses
//! no more. A leaf: the builder chooses one, `lower` fits the merged module
//! to it, `portable` and the validator ask it for its features.

use wasmparser::{Validator, WasmFeatures};

use crate::error::LinkError;

/// The wasm features the linker accepts in its inputs. Threads (shared
/// memory), memory64, exceptions, GC, stack switching and the component
/// model are not: neither output profile can express them.
pub fn accepted_features() -> WasmFeatures {
    WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SATURATING_FLOAT_TO_INT
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::MULTI_VALUE
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::REFERENCE_TYPES
        | WasmFeatures::MULTI_MEMORY
        | WasmFeatures::SIMD
        | WasmFeatures::FLOATS
        | WasmFeatures::EXTENDED_CONST
        | WasmFeatures::CALL_INDIRECT_OVERLONG
        | WasmFeatures::BULK_MEMORY_OPT
        // wasmparser counts `externref` (reference types) as a "gc type".
        | WasmFeatures::GC_TYPES
}

/// What the output may use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Profile {
    /// One memory per input module (isolation kept); adapters copy with
    /// cross-memory `memory.copy`. For engines with multi-memory: Wasmer 7
    /// (cranelift, singlepass), wasmtime.
    MultiMemory,
    /// One memory, one table, no bulk-memory instructions: runs on WASM3.
    #[default]
    Portable,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::MultiMemory => "multi-memory",
            Profile::Portable => "portable",
        }
    }

    /// The features an output of this profile may use, and no more.
    pub fn features(self) -> WasmFeatures {
        let mvp = WasmFeatures::MUTABLE_GLOBAL
            | WasmFeatures::SATURATING_FLOAT_TO_INT
            | WasmFeatures::SIGN_EXTENSION
            | WasmFeatures::MULTI_VALUE
            | WasmFeatures::FLOATS;
        match self {
            Profile::MultiMemory => accepted_features(),
            Profile::Portable => mvp,
        }
    }

    pub fn validate(self, bytes: &[u8]) -> Result<(), LinkError> {
        Validator::new_with_features(self.features()).validate_all(bytes).map(|_| ()).map_err(|err| {
            LinkError::one(format!(
                "internal error: the linked module is not valid for the `{}` profile: {} (at byte {}); please report this",
                self.name(),
                err.message(),
                err.offset()
            ))
        })
    }
}

impl std::str::FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "multi-memory" => Ok(Profile::MultiMemory),
            "portable" => Ok(Profile::Portable),
            other => Err(format!("unknown profile `{other}`: expected `portable` or `multi-memory`")),
        }
    }
}
