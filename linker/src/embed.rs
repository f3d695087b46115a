//! Self-describing modules: the `.wit` interfaces a module imports and
//! exports, embedded in a custom section, so a bare `.wasm` (e.g. one
//! downloaded from a package registry) links without side files.
//!
//! Section `wasmer-link.interfaces`, version 1: a `u32` LEB count, then per
//! interface a byte (0 = imported, 1 = exported), its name and its WAI text,
//! both as wasm strings (LEB length + UTF-8).
//!
//! The other custom sections of an input ([`fate`]): `name` is merged (names
//! kept as the input has them), `producers` merged (plus `wasmer-link`
//! under `processed-by`), `target_features` written anew from what the
//! output uses, DWARF (`.debug_*`) rewritten for the output; everything
//! else is dropped, and [`dropped_sections`] says what and why (external
//! DWARF and source maps describe code offsets that linking changes; an
//! unknown section may not hold for the output).

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

/// What linking does with an input's custom section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Carried into the output: merged (`name`, `producers`) or written anew
    /// from the output (`target_features`).
    Kept,
    /// Read by the linker ([`SECTION`]), or meaningless once linked (a
    /// component's `component-name`): not carried, and no warning.
    Read,
    /// Left out; the sentence says what it was and why it cannot be kept.
    Dropped(String),
}

/// The fate of a custom section named `name`.
pub fn fate(name: &str) -> Fate {
    match name {
        "name" | "producers" | "target_features" => Fate::Kept,
        SECTION => Fate::Read,
        // Refused by the read phase, with their own messages.
        "linking" | "dylink" | "dylink.0" => Fate::Read,
        _ if name.starts_with("reloc.") => Fate::Read,
        // A block's WIT world, which `wit.rs` reads; the output's exports
        // are the main module's, so the world does not describe it.
        _ if name.starts_with("component-type") => Fate::Read,
        // A component's names for its component-level items (instances,
        // lifted functions), which the linked core module does not have;
        // its core modules' own `name` sections are kept.
        "component-name" => Fate::Read,
        // Rewritten for the output by `debug/` (what cannot be is reported there).
        _ if name.starts_with(".debug_") => Fate::Kept,
        "external_debug_info" => Fate::Dropped(
            "the reference to external DWARF: that file describes the module's code by byte offsets, which linking changes, so it would point at the wrong code; build the module with its DWARF embedded (not split) and the linker rewrites it".to_string(),
        ),
        "sourceMappingURL" => Fate::Dropped(
            "its source map URL: the map describes the module's code by byte offsets, which linking changes, so it would point at the wrong code; build with DWARF (which the linker rewrites) and make the source map from the output".to_string(),
        ),
        crate::layout::SECTION => {
            Fate::Dropped("the layout of an earlier link: the output records its own, if it folds memories".to_string())
        }
        _ => Fate::Dropped(
            "a custom section the linker does not know: it cannot tell whether what it says holds for the linked module"
                .to_string(),
        ),
    }
}

/// What linking leaves out of `module`'s custom sections, one sentence per
/// reason, each naming its sections: `` DWARF debug info (`.debug_info`,
/// `.debug_line`): ... ``. Empty when nothing is lost (or the module does
/// not parse: linking it fails anyway).
pub fn dropped_sections(module: &[u8]) -> Vec<String> {
    let mut dropped: Vec<(String, Vec<String>)> = Vec::new();
    for payload in Parser::new(0).parse_all(module) {
        let Ok(payload) = payload else { break };
        let Payload::CustomSection(c) = payload else { continue };
        if let Fate::Dropped(why) = fate(c.name()) {
            let name = format!("`{}`", c.name());
            match dropped.iter_mut().find(|(w, _)| *w == why) {
                Some((_, names)) if !names.contains(&name) => names.push(name),
                Some(_) => {}
                None => dropped.push((why, vec![name])),
            }
        }
    }
    dropped
        .into_iter()
        .map(|(why, names)| {
            let (what, reason) = why.split_once(':').unwrap_or((why.as_str(), ""));
            let shown = names.len().min(4);
            let mut list = names[..shown].join(", ");
            if names.len() > shown {
                list.push_str(&format!(" and {} more", names.len() - shown));
            }
            format!("dropped {what} ({list}):{reason}")
        })
        .collect()
}
