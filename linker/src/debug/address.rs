//! One input's code addresses → the output's.
//!
//! DWARF for wasm addresses code by offsets from the start of the code
//! section's contents (where its function count is), as LLVM writes them: a
//! function's `DW_AT_low_pc` is the offset of its body (its locals, after
//! the body's size), a line row's address the offset of an instruction.
//! Merging and lowering re-encode every body ([`BodyMap`]), so an address
//! maps through its function: the function's place in the output, plus
//! where the instruction at that offset went. Only offsets where an
//! instruction starts (or a body starts or ends) map; anything else cannot
//! be placed and is reported, never guessed.

use crate::ir::debug::{BodyMap, Lowered, Merged};

/// Where an input address went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mapped {
    /// To this output address.
    Live(u64),
    /// Its function was left out as dead (or the input had tombstoned it).
    Dead,
    /// Not at an instruction of the input, or outside its code.
    Unmappable,
}

/// One input's functions: where each body was, and where it went.
pub(super) struct CodeMap {
    /// Per defined function of the input: its body (from its locals to its
    /// end), as offsets into the input's code section contents.
    bodies: Vec<(u64, u64)>,
    /// Per defined function of the input: its body's start in the output,
    /// and where its instructions went (from the input body's start to the
    /// output body's); `None` if it was dropped.
    placed: Vec<Option<(u64, BodyMap)>>,
}

/// The start and end of every body of a module, as offsets into its code
/// section contents, in order.
pub(super) fn bodies(module: &[u8]) -> Vec<(u64, u64)> {
    let mut code_start = 0u64;
    let mut out = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(module) {
        match payload {
            Ok(wasmparser::Payload::CodeSectionStart { unchecked_range, .. }) => code_start = unchecked_range.start,
            Ok(wasmparser::Payload::CodeSectionEntry(body)) => {
                let range = body.range();
                out.push((range.start - code_start, range.end - code_start));
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    out
}

impl CodeMap {
    /// The map of input `m` (whose bodies are `input_bodies`), through what
    /// merging and lowering recorded, into an output whose bodies are
    /// `output_bodies`.
    pub(super) fn new(
        m: usize,
        input_bodies: Vec<(u64, u64)>,
        imported_funcs: u32,
        merged: &Merged,
        lowered: &Lowered,
        output_bodies: &[(u64, u64)],
    ) -> CodeMap {
        let mut placed: Vec<Option<(u64, BodyMap)>> = vec![None; input_bodies.len()];
        for (o, body) in merged.bodies.iter().enumerate() {
            let Some((from, f, map)) = body else { continue };
            if *from != m || *f < imported_funcs {
                continue;
            }
            let Some(&(start, _)) = output_bodies.get(o) else { continue };
            let map = match lowered.bodies.as_ref().map(|maps| maps.get(o)) {
                None => map.clone(),
                // Each instruction of the merged body, through the lowering's map.
                Some(Some(lower)) => BodyMap(map.0.iter().filter_map(|&(i, mid)| Some((i, lower.get(mid)?))).collect()),
                Some(None) => continue,
            };
            if let Some(slot) = placed.get_mut((*f - imported_funcs) as usize) {
                *slot = Some((start, map));
            }
        }
        CodeMap { bodies: input_bodies, placed }
    }

    /// The defined function whose body holds `address` (its end included).
    pub(super) fn function_at(&self, address: u64) -> Option<usize> {
        let after = self.bodies.partition_point(|&(start, _)| start <= address);
        let d = after.checked_sub(1)?;
        (address <= self.bodies[d].1).then_some(d)
    }

    /// Where the body of defined function `d` ends in the output, if kept.
    pub(super) fn end_of(&self, d: usize) -> Option<u64> {
        let (start, map) = self.placed.get(d)?.as_ref()?;
        let (body_start, body_end) = self.bodies[d];
        Some(start + map.get((body_end - body_start) as u32)? as u64)
    }

    /// Where `address` went.
    pub(super) fn address(&self, address: u64) -> Mapped {
        if is_tombstone(address) {
            return Mapped::Dead;
        }
        let Some(d) = self.function_at(address) else { return Mapped::Unmappable };
        self.in_function(d, address)
    }

    fn in_function(&self, d: usize, address: u64) -> Mapped {
        let Some((start, map)) = &self.placed[d] else { return Mapped::Dead };
        match map.get((address - self.bodies[d].0) as u32) {
            Some(offset) => Mapped::Live(start + offset as u64),
            None => Mapped::Unmappable,
        }
    }

    /// Where `[begin, end)` went: a range per live function it covers (a
    /// range that spans functions is cut at their bodies), none if every
    /// function it covers was dropped; `Err` if a bound is not at an
    /// instruction. An empty range (LLVM writes one for an inlined call
    /// that left no instruction, e.g. `core::hint::black_box`) stays empty
    /// at its instruction's new place.
    pub(super) fn range(&self, begin: u64, end: u64) -> Result<Vec<(u64, u64)>, ()> {
        if is_tombstone(begin) {
            return Ok(Vec::new());
        }
        if begin == end {
            return match self.address(begin) {
                Mapped::Live(at) => Ok(vec![(at, at)]),
                Mapped::Dead => Ok(Vec::new()),
                Mapped::Unmappable => Err(()),
            };
        }
        if begin > end {
            return Err(());
        }
        let (Some(first), Some(last)) = (self.function_at(begin), self.function_at(end)) else { return Err(()) };
        let mut out = Vec::new();
        for d in first..=last {
            let (body_start, body_end) = self.bodies[d];
            let (from, to) = (begin.max(body_start), end.min(body_end));
            if from >= to {
                continue;
            }
            match (self.in_function(d, from), self.in_function(d, to)) {
                (Mapped::Live(a), Mapped::Live(b)) if a < b => out.push((a, b)),
                (Mapped::Live(_), Mapped::Live(_)) | (Mapped::Dead, _) => {}
                _ => return Err(()),
            }
        }
        Ok(out)
    }
}

/// The values LLVM and wasm-ld write for the address of dead code: -1, and
/// -2 in `.debug_ranges`/`.debug_loc` (where -1 selects a base address).
pub(super) fn is_tombstone(address: u64) -> bool {
    address >= 0xffff_fffe
}

/// The address written for code the output does not have.
pub(super) const TOMBSTONE: u64 = 0xffff_ffff;

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(u32, u32)]) -> BodyMap {
        BodyMap(pairs.to_vec())
    }

    #[test]
    fn addresses_map_per_instruction_and_dead_functions_map_to_nothing() {
        // Input: bodies at [2, 10) and [12, 20); the first moved to 100 with
        // its instruction at 3 growing by 2 bytes, the second dropped.
        let code = CodeMap {
            bodies: vec![(2, 10), (12, 20)],
            placed: vec![Some((100, map(&[(0, 0), (1, 1), (3, 3), (5, 7), (8, 10)]))), None],
        };
        assert_eq!(code.address(2), Mapped::Live(100));
        assert_eq!(code.address(7), Mapped::Live(107));
        assert_eq!(code.address(10), Mapped::Live(110), "the body's end");
        assert_eq!(code.address(6), Mapped::Unmappable, "inside an instruction");
        assert_eq!(code.address(11), Mapped::Unmappable, "between bodies");
        assert_eq!(code.address(14), Mapped::Dead);
        assert_eq!(code.address(0xffff_ffff), Mapped::Dead);
        assert_eq!(code.range(3, 10), Ok(vec![(101, 110)]));
        assert_eq!(code.range(3, 20), Ok(vec![(101, 110)]), "cut at the dropped function");
        assert_eq!(code.range(12, 20), Ok(vec![]));
        assert_eq!(code.range(4, 10), Err(()));
        assert_eq!(code.range(0xffff_fffe, 0xffff_ffff), Ok(vec![]));
        assert_eq!(code.range(7, 7), Ok(vec![(107, 107)]), "an empty range at an instruction");
        assert_eq!(code.range(6, 6), Err(()), "an empty range inside an instruction");
        assert_eq!(code.range(14, 14), Ok(vec![]), "an empty range in a dropped function");
        assert_eq!(code.range(7, 3), Err(()));
    }
}
