//! What the phases that re-encode code record for the inputs' debug info
//! ([`crate::debug`]): where every instruction of every body went.
//!
//! Offsets are from the start of a body (its locals, just after its size),
//! in bytes. DWARF for wasm addresses code by offsets into the code
//! section, so [`crate::debug`] adds each body's place in its module.

use wasm_encoder::Function;

/// For one re-encoded body: the offset of every instruction it had (and
/// of its end) → the offset of the instruction(s) it became, both
/// increasing.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BodyMap(pub Vec<(u32, u32)>);

impl BodyMap {
    /// Where the instruction at `from` went, if an instruction (or the
    /// body's end) was there.
    pub fn get(&self, from: u32) -> Option<u32> {
        let at = self.0.binary_search_by_key(&from, |&(f, _)| f).ok()?;
        Some(self.0[at].1)
    }

    /// Records an instruction of the input at `from` (from its body's
    /// start), about to be written to `out`: the body start (offset 0)
    /// maps to 0 too, locals included.
    pub fn push(&mut self, from: u32, out: &Function) {
        if self.0.is_empty() {
            self.0.push((0, 0));
        }
        self.0.push((from, out.byte_len() as u32));
    }
}

/// What merging did, for the inputs' debug info.
#[derive(Debug, Default, Clone)]
pub struct Merged {
    /// Per function body of the merged module, in order: the input module
    /// and function index it came from, and where its instructions went
    /// (`None` for a generated function).
    pub bodies: Vec<Option<(usize, u32, BodyMap)>>,
    /// Per input module: its globals' indices in the merged module.
    pub globals: Vec<Vec<u32>>,
    /// Per input module: its memories' indices in the merged module.
    pub memories: Vec<Vec<u32>>,
}

/// What the profile's lowering did to the merged module.
#[derive(Debug, Default, Clone)]
pub struct Lowered {
    /// Per function body of the merged module: where its instructions went
    /// (the `portable` profile rewrites memory instructions); `None` when
    /// bodies were kept byte for byte (`multi-memory`).
    pub bodies: Option<Vec<BodyMap>>,
    /// Per memory of the merged module: the address in the output's memory
    /// 0 of its address 0, when that is a constant (`None`: another memory,
    /// or a base that moves at run time).
    pub data_bases: Vec<Option<u64>>,
}
