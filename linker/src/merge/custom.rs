//! The custom sections an output carries besides its name section, built
//! from the inputs' ([`crate::embed::fate`] says what happens to each):
//!
//! - `producers`: every input's languages, tools and SDKs, each name once
//!   per field (several inputs' versions of one tool joined in its
//!   version, `0.244.0, 0.245.1`), and `wasmer-link` under `processed-by`.
//!   Only when an input has one.
//! - `target_features`: written anew, never copied: an input's section says
//!   what *that* module uses, and the output uses other features (the
//!   adapters' `memory.copy` between memories; none of them once lowered to
//!   `portable`). It lists exactly the features the output needs: each one
//!   whose removal makes the output invalid. Only when an input has one.

use wasm_encoder::{Encode, ProducersField, ProducersSection};
use wasmparser::{BinaryReader, Parser, Payload, ProducersSectionReader, WasmFeatures};

use crate::ir::input::Input;

/// The `target_features` section's name.
pub const TARGET_FEATURES: &str = "target_features";

/// The `producers` section of the output: every input's entries, merged in
/// input order, then `wasmer-link`; `None` if no input has one.
pub fn producers(inputs: &[Input]) -> Option<ProducersSection> {
    // (field, [(name, version)]) in first-seen order.
    let mut fields: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut add = |field: &str, name: &str, version: &str| {
        let at = match fields.iter().position(|(f, _)| f == field) {
            Some(at) => at,
            None => {
                fields.push((field.to_string(), Vec::new()));
                fields.len() - 1
            }
        };
        // A name appears once per field (the tool conventions; LLVM's
        // readers refuse a repeated one): the versions of one name from
        // several inputs are listed in its version, comma-separated.
        match fields[at].1.iter_mut().find(|(n, _)| n == name) {
            Some((_, versions)) => {
                if !versions.split(", ").any(|v| v == version) {
                    versions.push_str(", ");
                    versions.push_str(version);
                }
            }
            None => fields[at].1.push((name.to_string(), version.to_string())),
        }
    };
    let mut any = false;
    for input in inputs {
        for payload in Parser::new(0).parse_all(&input.bytes) {
            let Ok(Payload::CustomSection(c)) = payload else { continue };
            if c.name() != "producers" {
                continue;
            }
            any = true;
            // A malformed producers section only loses its entries.
            let Ok(reader) = ProducersSectionReader::new(BinaryReader::new(c.data(), c.data_offset())) else {
                continue;
            };
            for field in reader.into_iter().flatten() {
                for value in field.values.into_iter().flatten() {
                    add(field.name, value.name, value.version);
                }
            }
        }
    }
    if !any {
        return None;
    }
    add("processed-by", "wasmer-link", env!("CARGO_PKG_VERSION"));
    let mut section = ProducersSection::new();
    for (field, values) in &fields {
        let mut encoded = ProducersField::new();
        for (name, version) in values {
            encoded.value(name, version);
        }
        section.field(field, &encoded);
    }
    Some(section)
}

/// The features `target_features` names, each with the validator's
/// features that make it up.
const FEATURES: &[(&str, WasmFeatures)] = &[
    ("mutable-globals", WasmFeatures::MUTABLE_GLOBAL),
    ("sign-ext", WasmFeatures::SIGN_EXTENSION),
    ("nontrapping-fptoint", WasmFeatures::SATURATING_FLOAT_TO_INT),
    ("multivalue", WasmFeatures::MULTI_VALUE),
    ("bulk-memory", WasmFeatures::BULK_MEMORY.union(WasmFeatures::BULK_MEMORY_OPT)),
    ("reference-types", WasmFeatures::REFERENCE_TYPES.union(WasmFeatures::GC_TYPES)),
    ("simd128", WasmFeatures::SIMD),
    ("multimemory", WasmFeatures::MULTI_MEMORY),
    ("extended-const", WasmFeatures::EXTENDED_CONST),
    ("call-indirect-overlong", WasmFeatures::CALL_INDIRECT_OVERLONG),
];

/// The features the inputs' `target_features` sections declare used
/// (`+name`), each once; `None` when no input has such a section.
pub fn declared(inputs: &[Input]) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut any = false;
    for input in inputs {
        for payload in Parser::new(0).parse_all(&input.bytes).flatten() {
            let Payload::CustomSection(c) = payload else { continue };
            if c.name() != TARGET_FEATURES {
                continue;
            }
            any = true;
            names.extend(read_features(c.data()).into_iter().filter(|n| !names.contains(n)).collect::<Vec<_>>());
        }
    }
    any.then_some(names)
}

/// The `+name` entries of a `target_features` section's contents.
pub fn read_features(data: &[u8]) -> Vec<String> {
    let mut reader = BinaryReader::new(data, 0);
    let mut names = Vec::new();
    let Ok(count) = reader.read_var_u32() else { return names };
    for _ in 0..count {
        let (Ok(prefix), Ok(name)) = (reader.read_u8(), reader.read_string()) else { break };
        if prefix == b'+' {
            names.push(name.to_string());
        }
    }
    names
}

/// The contents of a `target_features` section for an output that may use
/// `allowed`: every `declared` feature the output can still carry (what the
/// lowering removed, e.g. `bulk-memory` in `portable`, is left out), as
/// toolchains write it: what was enabled, not proven used. (Proving use by
/// validating once per feature cost ten validations per link.)
pub fn target_features(declared: &[String], allowed: WasmFeatures) -> Vec<u8> {
    let kept: Vec<&str> = FEATURES
        .iter()
        .filter(|(name, features)| allowed.intersects(*features) && declared.iter().any(|d| d == name))
        .map(|(name, _)| *name)
        .collect();
    let mut data = Vec::new();
    (kept.len() as u32).encode(&mut data);
    for name in kept {
        data.push(b'+');
        name.encode(&mut data);
    }
    data
}
