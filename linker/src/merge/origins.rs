//! Which input each entity of the merged module came from, so that the
//! phase after merging (`lower`) can name the module, its file and the
//! function in what it reports (`` module `dep` (dep.wasm) uses SIMD in
//! function `sum` ``), also when the inputs have no name section.
//!
//! The merged module carries this as its last section, a custom section
//! [`SECTION`] that `lower` takes off again ([`Origins::take`]) before it
//! does anything else, in both profiles: it never reaches an output.
//!
//! Format, version 1: the labels of the modules (a count, then wasm
//! strings); then, per function of the merged module in index order, its
//! module (`modules.len()` for a host import or a generated function) and
//! its index in that module's own function index space; then, for globals,
//! tables, data and element segments, per entity in index order, its module.

use wasm_encoder::Encode;
use wasmparser::{BinaryReader, Parser, Payload};

/// The custom section's name.
pub const SECTION: &str = "wasmer-link.origins";
const VERSION: u8 = 1;

/// The owner of every function, global, table, data and element segment of
/// a merged module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins {
    /// Per input module: how messages name it (`` `name` (path) ``).
    pub labels: Vec<String>,
    /// Per function: `(module, index in the module)`, `None` for a host
    /// import or a generated function.
    pub funcs: Vec<Option<(usize, u32)>>,
    pub globals: Vec<Option<usize>>,
    pub tables: Vec<Option<usize>>,
    pub data: Vec<Option<usize>>,
    pub elems: Vec<Option<usize>>,
}

impl Origins {
    pub fn encode(&self) -> Vec<u8> {
        let none = self.labels.len() as u32;
        let module = |m: Option<usize>| m.map_or(none, |m| m as u32);
        let mut out = vec![VERSION];
        (self.labels.len() as u32).encode(&mut out);
        for label in &self.labels {
            label.as_str().encode(&mut out);
        }
        (self.funcs.len() as u32).encode(&mut out);
        for f in &self.funcs {
            module(f.map(|(m, _)| m)).encode(&mut out);
            f.map_or(0, |(_, i)| i).encode(&mut out);
        }
        for list in [&self.globals, &self.tables, &self.data, &self.elems] {
            (list.len() as u32).encode(&mut out);
            for &m in list {
                module(m).encode(&mut out);
            }
        }
        out
    }

    fn decode(data: &[u8]) -> Result<Origins, wasmparser::BinaryReaderError> {
        let mut r = BinaryReader::new(data, 0);
        let mut origins = Origins::default();
        if r.read_u8()? != VERSION {
            return Ok(origins);
        }
        for _ in 0..r.read_var_u32()? {
            origins.labels.push(r.read_string()?.to_string());
        }
        let none = origins.labels.len();
        let module = |m: u32| (m as usize != none).then_some(m as usize);
        for _ in 0..r.read_var_u32()? {
            let (m, i) = (r.read_var_u32()?, r.read_var_u32()?);
            origins.funcs.push(module(m).map(|m| (m, i)));
        }
        for list in [&mut origins.globals, &mut origins.tables, &mut origins.data, &mut origins.elems] {
            for _ in 0..r.read_var_u32()? {
                list.push(module(r.read_var_u32()?));
            }
        }
        Ok(origins)
    }

    /// Splits a merged module into the module without its origins section
    /// (merge writes it last) and the origins; a module without one (or
    /// with one that does not decode) has no origins.
    pub fn take(mut merged: Vec<u8>) -> (Vec<u8>, Origins) {
        let mut found = None;
        for payload in Parser::new(0).parse_all(&merged) {
            let Ok(Payload::CustomSection(c)) = payload else { continue };
            if c.name() == SECTION {
                let range = c.range();
                found = Some((range.start as usize, range.end as usize, Origins::decode(c.data()).unwrap_or_default()));
            }
        }
        let Some((start, end, origins)) = found else { return (merged, Origins::default()) };
        // The section's id byte (0) and size (a minimal LEB128) come just
        // before its contents; cut from there, if it is indeed the last.
        let header = 1 + leb_len((end - start) as u32);
        if end == merged.len() && start >= header && merged[start - header] == 0 {
            merged.truncate(start - header);
        }
        (merged, origins)
    }

    /// The label of module `m`.
    pub fn label(&self, m: usize) -> &str {
        self.labels.get(m).map_or("`?`", String::as_str)
    }
}

/// Bytes of `n` as a minimal unsigned LEB128.
fn leb_len(n: u32) -> usize {
    let mut len = 1;
    let mut rest = n >> 7;
    while rest != 0 {
        len += 1;
        rest >>= 7;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{CustomSection, Module};

    #[test]
    fn take_returns_the_origins_and_the_module_without_them() {
        let origins = Origins {
            labels: vec![format!("`main` ({}.wasm)", "a/".repeat(100)), "`dep`".into()],
            funcs: vec![None, Some((0, 1)), Some((1, 300))],
            globals: vec![None, Some(1)],
            tables: vec![Some(0)],
            data: vec![Some(1), Some(1)],
            elems: vec![],
        };
        let mut module = Module::new();
        module.section(&CustomSection { name: "producers".into(), data: b"\0".as_slice().into() });
        let bare = module.clone().finish();
        // Large enough for a two-byte section size.
        assert!(origins.encode().len() > 200);
        module.section(&CustomSection { name: SECTION.into(), data: origins.encode().into() });
        let (rest, taken) = Origins::take(module.finish());
        assert_eq!(taken, origins);
        assert_eq!(rest, bare);
        assert_eq!(taken.label(1), "`dep`");
        // A module without origins is left as it is.
        assert_eq!(Origins::take(bare.clone()), (bare, Origins::default()));
    }
}
