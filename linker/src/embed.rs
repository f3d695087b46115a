//! Self-describing modules: the `.wit` interfaces a module imports and
//! exports, embedded in a custom section, so a bare `.wasm` (e.g. one
//! downloaded from a package registry) links without side files.
//!
//! Section `wasmer-link.interfaces`, version 1: a `u32` LEB count, then per
//! interface a byte (0 = imported, 1 = exported), its name and its WAI text,
//! both as wasm strings (LEB length + UTF-8).

use wasm_encoder::{CustomSection, Encode, RawSection};
use wasmparser::{BinaryReader, Parser, Payload};

/// The custom section's name.
pub const SECTION: &str = "wasmer-link.interfaces";
const VERSION: u8 = 1;

/// Whether the module imports (uses) or exports (implements) an interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Import,
    Export,
}

/// One interface embedded in a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embedded {
    pub direction: Direction,
    pub name: String,
    pub wit: String,
}

/// Returns `module` with `interfaces` embedded (replacing any embedded before).
pub fn embed(module: &[u8], interfaces: &[Embedded]) -> Result<Vec<u8>, String> {
    let mut out = wasm_encoder::Module::new();
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload.map_err(|e| format!("not a valid wasm module: {}", e.message()))?;
        if let Payload::CustomSection(c) = &payload {
            if c.name() == SECTION {
                continue;
            }
        }
        if let Some((id, range)) = payload.as_section() {
            out.section(&RawSection { id, data: &module[range.start as usize..range.end as usize] });
        }
    }
    let mut data = vec![VERSION];
    (interfaces.len() as u32).encode(&mut data);
    for i in interfaces {
        data.push(match i.direction {
            Direction::Import => 0,
            Direction::Export => 1,
        });
        i.name.as_str().encode(&mut data);
        i.wit.as_str().encode(&mut data);
    }
    out.section(&CustomSection { name: SECTION.into(), data: data.into() });
    Ok(out.finish())
}

/// The interfaces embedded in `module`, if any.
pub fn embedded(module: &[u8]) -> Result<Vec<Embedded>, String> {
    for payload in Parser::new(0).parse_all(module).flatten() {
        if let Payload::CustomSection(c) = payload {
            if c.name() == SECTION {
                return decode(c.data()).map_err(|e| format!("its `{SECTION}` section is malformed: {e}"));
            }
        }
    }
    Ok(Vec::new())
}

fn decode(data: &[u8]) -> Result<Vec<Embedded>, String> {
    let mut r = BinaryReader::new(data, 0);
    let err = |e: wasmparser::BinaryReaderError| e.message().to_string();
    let version = r.read_u8().map_err(err)?;
    if version != VERSION {
        return Err(format!("version {version}, expected {VERSION}"));
    }
    let count = r.read_var_u32().map_err(err)?;
    let mut out = Vec::new();
    for _ in 0..count {
        let direction = match r.read_u8().map_err(err)? {
            0 => Direction::Import,
            1 => Direction::Export,
            other => return Err(format!("unknown direction {other}")),
        };
        let name = r.read_string().map_err(err)?.to_string();
        let wit = r.read_unlimited_string().map_err(err)?.to_string();
        out.push(Embedded { direction, name, wit });
    }
    if !r.eof() {
        return Err("trailing bytes".to_string());
    }
    Ok(out)
}

/// Two interface texts mean the same thing: equal once comments and
/// whitespace are set aside.
pub fn same_interface(a: &str, b: &str) -> bool {
    fn normal(text: &str) -> String {
        text.lines()
            .map(|line| line.split("//").next().unwrap_or(""))
            .flat_map(|line| line.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ")
    }
    normal(a) == normal(b)
}
