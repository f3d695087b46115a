//! Phase 5, lower: fit the merged module to the output profile.
//!
//! Input: the merged multi-memory module. Output: the same program in the
//! profile's feature set, validated against exactly that set.

use crate::error::LinkError;
use crate::ir::debug::Lowered;
use crate::merge::origins::Origins;
use crate::profile::Profile;

/// Phase 5: the merged module in `profile`. The merged module's origins
/// (which module each entity came from, [`crate::merge::origins`]) are
/// taken off first, in both profiles, and name the modules in messages.
/// Also returns what lowering did to the code and memories
/// ([`Lowered`]), for the inputs' debug info.
pub fn lower(
    merged: Vec<u8>,
    profile: Profile,
    options: &crate::portable::Options,
) -> Result<(Vec<u8>, Lowered), LinkError> {
    let (merged, origins) = Origins::take(merged);
    match profile {
        Profile::MultiMemory => {
            too_many_memories(options.owners)?;
            // Bodies are kept byte for byte; `DW_OP_addr` reads memory 0.
            let data_bases = (0..options.owners.len()).map(|k| (k == 0).then_some(0)).collect();
            Ok((merged, Lowered { bodies: None, data_bases }))
        }
        Profile::Portable => crate::portable::lower(&merged, &origins, options),
    }
}

/// The most memories a module may have (wasmparser's limit, and every
/// engine's that has multi-memory).
const MAX_MEMORIES: usize = 100;

/// A `multi-memory` output keeps every memory of every input: more than an
/// engine accepts is refused, saying which module brings how many.
fn too_many_memories(owners: &[String]) -> Result<(), LinkError> {
    if owners.len() <= MAX_MEMORIES {
        return Ok(());
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for owner in owners {
        match counts.iter_mut().find(|(name, _)| name == owner) {
            Some((_, n)) => *n += 1,
            None => counts.push((owner, 1)),
        }
    }
    let parts: Vec<String> = counts.iter().map(|(name, n)| format!("`{name}` {n}")).collect();
    Err(LinkError::one(format!(
        "the `multi-memory` output would have {} memories ({}), more than the {MAX_MEMORIES} a module may have: link with `--profile portable`, which folds every memory into one, or link fewer modules together",
        owners.len(),
        parts.join(", ")
    )))
}
