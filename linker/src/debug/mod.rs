//! The last phase, debug info: the inputs' DWARF, rewritten for the output.
//!
//! Input: the inputs, what merging and lowering recorded about where every
//! instruction went ([`crate::ir::debug`]), and the output. Output: the
//! output with one set of `.debug_*` sections describing it (and, with
//! [`Keep::names`] off, without its name section), and a warning for
//! everything of an input's debug info that could not be carried over
//! correctly (each naming the section and the input).
//!
//! Invariant: correct or gone, never wrong. Every address is mapped through
//! the instruction it named ([`address`]); what does not map is dropped and
//! counted, code that linking dropped as dead takes its entries and line
//! sequences with it, and an input whose DWARF gimli cannot read keeps
//! none. The rewriting itself is [`convert`]'s.

mod address;
mod convert;

use std::rc::Rc;

use gimli::write::{EndianVec, Sections};
use wasm_encoder::{CustomSection, RawSection, Section};
use wasmparser::{Parser, Payload};

use crate::ir::debug::{Lowered, Merged};
use crate::ir::input::Input;
use address::CodeMap;
use convert::{Losses, Source, R};

/// What of the inputs' debug info the output keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keep {
    /// DWARF (`.debug_*` sections), rewritten.
    pub dwarf: bool,
    /// The name section.
    pub names: bool,
}

impl Default for Keep {
    fn default() -> Keep {
        Keep { dwarf: true, names: true }
    }
}

/// The DWARF sections the conversion rewrites; any other `.debug_*`
/// section of an input is dropped with a warning.
const REWRITTEN: &[&str] = &[
    ".debug_info",
    ".debug_abbrev",
    ".debug_str",
    ".debug_line",
    ".debug_line_str",
    ".debug_ranges",
    ".debug_rnglists",
    ".debug_loc",
    ".debug_loclists",
    ".debug_addr",
    ".debug_str_offsets",
];

/// Whether merging and lowering should record where instructions go: some
/// input has DWARF, and it is kept.
pub fn wanted(inputs: &[Input], keep: Keep) -> bool {
    let has_dwarf = |module: &[u8]| {
        Parser::new(0)
            .parse_all(module)
            .map_while(Result::ok)
            .any(|payload| matches!(payload, Payload::CustomSection(c) if c.name() == ".debug_info"))
    };
    keep.dwarf && inputs.iter().any(|input| has_dwarf(&input.bytes))
}

/// The output with the inputs' DWARF rewritten into it (or its name
/// section taken off, as `keep` says), and the warnings.
pub fn finish(
    output: Vec<u8>,
    inputs: &[Input],
    merged: Option<&Merged>,
    lowered: &Lowered,
    keep: Keep,
) -> (Vec<u8>, Vec<String>) {
    let mut output = if keep.names { output } else { without_section(&output, "name") };
    let Some(merged) = merged.filter(|_| keep.dwarf) else { return (output, Vec::new()) };
    let output_bodies = address::bodies(&output);
    let mut dwarf = gimli::write::Dwarf::new();
    let mut warnings = Vec::new();
    for (m, input) in inputs.iter().enumerate() {
        let found = sections(&input.bytes);
        if found.is_empty() {
            continue;
        }
        let others: Vec<String> = found
            .iter()
            .filter(|(name, _)| !REWRITTEN.contains(&name.as_str()))
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        if !others.is_empty() {
            warnings.push(format!(
                "dropped {} of module {}: the linker does not rewrite these DWARF sections (indexes into `.debug_info`, which is rewritten, or call frames and macros), and debuggers do without them",
                others.join(", "),
                input.label
            ));
        }
        let read = match load(&found) {
            Ok(read) => read,
            Err(e) => {
                warnings.push(format!(
                    "dropped the DWARF of module {} (`.debug_info` and the sections it uses): gimli cannot read it ({e})",
                    input.label
                ));
                continue;
            }
        };
        let code =
            CodeMap::new(m, address::bodies(&input.bytes), input.imported.funcs, merged, lowered, &output_bodies);
        let data_base = merged
            .memories
            .get(m)
            .and_then(|mems| mems.first())
            .and_then(|&k| lowered.data_bases.get(k as usize).copied().flatten());
        let globals = merged.globals.get(m).map_or(&[][..], Vec::as_slice);
        let source = Source { dwarf: read, code, globals, data_base };
        let mut losses = Losses::default();
        if let Err(e) = convert::convert(&mut dwarf, &source, &mut losses) {
            losses.units.push(format!("all its units ({e})"));
        }
        warnings.extend(explain(&losses, &input.label));
    }
    let mut written = Sections::new(EndianVec::new(gimli::LittleEndian));
    if let Err(e) = dwarf.write(&mut written) {
        warnings.push(format!("dropped the DWARF of every module: it could not be written for the output ({e})"));
        return (output, warnings);
    }
    let _ = written.for_each(|id, data| {
        if !data.slice().is_empty() {
            CustomSection { name: id.name().into(), data: data.slice().into() }.append_to(&mut output);
        }
        Ok::<(), ()>(())
    });
    (output, warnings)
}

/// The warnings for what of one input's DWARF was lost.
fn explain(losses: &Losses, label: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !losses.units.is_empty() {
        out.push(format!(
            "dropped from `.debug_info` of module {label}: {} could not be converted",
            losses.units.join(", ")
        ));
    }
    if !losses.sequences.is_empty() {
        out.push(format!(
            "dropped {} line sequence(s) from `.debug_line` of module {label}, {}: a row's address is not at an instruction of the module's code, so the input's line table does not describe its own code there and has no place in the output{MISPLACED}",
            losses.sequences.len(),
            places(&losses.sequences)
        ));
    }
    if !losses.addresses.is_empty() {
        out.push(format!(
            "dropped {} address(es) from `.debug_info`/`.debug_ranges`/`.debug_loc` of module {label}, {}: not at an instruction of the module's code, so the input's DWARF does not describe its own code there and they have no place in the output{MISPLACED}",
            losses.addresses.len(),
            places(&losses.addresses)
        ));
    }
    if losses.statics > 0 {
        out.push(format!(
            "dropped {} location(s) from `.debug_info`/`.debug_loc` of module {label}: they name an address in the module's memory, which is not at a fixed place of the output's memory 0 (link with `--profile portable` and the fixed layout to keep them)",
            losses.statics
        ));
    }
    out
}

/// Why an input's DWARF can name code it does not have: what a
/// `wasm32-wasip2` Rust program shows (docs in ARCHITECTURE.md).
const MISPLACED: &str = " (wasm-ld leaves this for a function it replaced by another definition of the same symbol: the replaced function's DWARF then points at the code of the one that won, with its own length and rows; a Rust `wasm32-wasip2` program has one: wasi-libc's weak `cabi_realloc` in `wasip2.c` under Rust std's)";

/// Where things were lost: `unit `U` at [begin, end)`, the first three
/// and how many more.
fn places(places: &[convert::Place]) -> String {
    let mut shown: Vec<String> = Vec::new();
    for (unit, begin, end) in places {
        let at = match begin == end {
            true => format!("{begin:#x}"),
            false => format!("[{begin:#x}, {end:#x})"),
        };
        let place = format!("unit `{unit}` at {at}");
        if !shown.contains(&place) {
            shown.push(place);
        }
    }
    let more = shown.len().saturating_sub(3);
    shown.truncate(3);
    match more {
        0 => format!("in {}", shown.join(", ")),
        n => format!("in {} and {n} more", shown.join(", ")),
    }
}

/// The `.debug_*` custom sections of a module, by name.
fn sections(module: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for payload in Parser::new(0).parse_all(module) {
        let Ok(payload) = payload else { break };
        if let Payload::CustomSection(c) = payload {
            if c.name().starts_with(".debug_") {
                out.push((c.name().to_string(), c.data().to_vec()));
            }
        }
    }
    if !out.iter().any(|(name, _)| name == ".debug_info") {
        out.clear();
    }
    out
}

fn load(found: &[(String, Vec<u8>)]) -> Result<gimli::read::Dwarf<R>, gimli::Error> {
    gimli::read::Dwarf::load(|id: gimli::SectionId| -> Result<R, gimli::Error> {
        let data = found.iter().find(|(name, _)| name == id.name()).map_or(&[][..], |(_, data)| data.as_slice());
        Ok(R::new(Rc::from(data), gimli::LittleEndian))
    })
}

/// `module` without its custom sections named `name`.
fn without_section(module: &[u8], name: &str) -> Vec<u8> {
    let mut out = wasm_encoder::Module::new();
    for payload in Parser::new(0).parse_all(module) {
        let Ok(payload) = payload else { return module.to_vec() };
        if let Payload::CustomSection(c) = &payload {
            if c.name() == name {
                continue;
            }
        }
        if let Some((id, range)) = payload.as_section() {
            out.section(&RawSection { id, data: &module[range.start as usize..range.end as usize] });
        }
    }
    out.finish()
}
