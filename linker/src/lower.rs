//! Phase 5, lower: fit the merged module to the output profile.
//!
//! Input: the merged multi-memory module. Output: the same program in the
//! profile's feature set, validated against exactly that set.

use wasmparser::{Validator, WasmFeatures};

use crate::error::LinkError;

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
            Profile::MultiMemory => crate::read::accepted_features(),
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

pub fn lower(merged: Vec<u8>, profile: Profile, options: &crate::portable::Options) -> Result<Vec<u8>, LinkError> {
    match profile {
        Profile::MultiMemory => Ok(merged),
        Profile::Portable => crate::portable::lower(&merged, options),
    }
}
