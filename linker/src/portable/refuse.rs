//! What the `portable` profile cannot express, found while lowering, and
//! how it is reported: one sentence per module and feature, naming the
//! module (and its file), where the feature is used (functions by name, up
//! to three), the instructions, and what to do instead. Never an "internal
//! error": the output is validated with exactly the profile's features, so
//! everything an input may carry that the profile lacks is caught here
//! first.

use std::collections::BTreeMap;

use wasmparser::{Operator, ValType};

use crate::merge::origins::Origins;

/// A feature of an input that the `portable` profile (WASM3 0.4.7) lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Feature {
    Simd,
    ReferenceTypes,
    /// `table.init`, `table.copy`, `elem.drop` (bulk memory, for tables).
    BulkTable,
    /// Arithmetic in a constant expression that the linker cannot fold
    /// (it reads an imported global).
    ExtendedConst,
    /// Anything else outside the profile: the proposal's name.
    Other(&'static str),
}

impl Feature {
    fn what(self) -> String {
        match self {
            Feature::Simd => "SIMD".to_string(),
            Feature::ReferenceTypes => "reference types".to_string(),
            Feature::BulkTable => "bulk table operations".to_string(),
            Feature::ExtendedConst => "an extended constant expression".to_string(),
            Feature::Other(proposal) => format!("the `{proposal}` proposal"),
        }
    }

    fn advice(self) -> &'static str {
        match self {
            Feature::Simd => "WASM3 has no SIMD; link with `--profile multi-memory` (for Wasmer or wasmtime), or rebuild the module without SIMD (Rust: `-C target-feature=-simd128`; clang: `-mno-simd128`)",
            Feature::ReferenceTypes => "WASM3 0.4.7 has no reference types; link with `--profile multi-memory` (for Wasmer or wasmtime), or rebuild the module without them (Rust: `-C target-feature=-reference-types`; clang: `-mno-reference-types`)",
            Feature::BulkTable => "WASM3 0.4.7 has no bulk table operations; link with `--profile multi-memory` (for Wasmer or wasmtime), or rebuild the module without bulk memory (Rust: `-C target-feature=-bulk-memory`; clang: `-mno-bulk-memory`)",
            Feature::ExtendedConst => "WASM3 0.4.7 evaluates only a constant or an imported global there, and the linker can fold only constants; link with `--profile multi-memory` (for Wasmer or wasmtime), or rebuild the module without extended constant expressions (clang: `-mno-extended-const`)",
            Feature::Other(_) => "WASM3 0.4.7 cannot run it; link with `--profile multi-memory` (for Wasmer or wasmtime), or rebuild the module without it",
        }
    }

    /// The feature a value type needs beyond the profile, if any.
    pub fn of_type(ty: &ValType) -> Option<Feature> {
        match ty {
            ValType::I32 | ValType::I64 | ValType::F32 | ValType::F64 => None,
            ValType::V128 => Some(Feature::Simd),
            ValType::Ref(_) => Some(Feature::ReferenceTypes),
        }
    }

    /// The feature a function type needs beyond the profile, if any.
    pub fn of_func_type(ty: &wasmparser::FuncType) -> Option<Feature> {
        ty.params().iter().chain(ty.results()).find_map(Feature::of_type)
    }
}

/// Why one body cannot be rewritten: features (each with the instruction
/// or type that uses it, as messages show it: `` `v128.load` ``, `` a
/// `v128` local ``), or a body that does not parse (the linker's own bug).
#[derive(Debug)]
pub(super) enum Why {
    Feature(Feature, String),
    Features(Vec<(Feature, String)>),
    Internal(String),
}

impl Why {
    pub fn internal(e: impl std::fmt::Display) -> Why {
        Why::Internal(e.to_string())
    }
}

/// The proposal an operator comes from (`mvp`, `simd`, `reference_types`,
/// ...) and its visitor's name (`visit_v128_load`; [`mnemonic`] makes the
/// text-format name of it), from wasmparser's own list. Called for every
/// operator of every body: it allocates nothing.
pub(super) fn proposal(op: &Operator) -> (&'static str, &'static str) {
    macro_rules! classify {
        ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*))*) => {
            match op {
                $( Operator::$op { .. } => (stringify!($proposal), stringify!($visit)), )*
                _ => ("unknown", "an unknown instruction"),
            }
        };
    }
    wasmparser::for_each_operator!(classify)
}

/// `visit_v128_load` -> `v128.load`; `visit_i32_load8_s` -> `i32.load8_s`.
pub(super) fn mnemonic(visit: &str) -> String {
    let name = visit.strip_prefix("visit_").unwrap_or(visit);
    match name {
        "typed_select" | "typed_select_multi" => "select".to_string(),
        _ => name.replacen('_', ".", 1),
    }
}

/// The feature an operator needs beyond the profile, if any; `None` for
/// the profile's own and for those the lowering rewrites.
pub(super) fn operator_feature(op: &Operator) -> Option<(Feature, String)> {
    let (proposal, visit) = proposal(op);
    let feature = match proposal {
        "mvp" | "sign_extension" | "saturating_float_to_int" => return None,
        "simd" | "relaxed_simd" => Feature::Simd,
        "reference_types" => Feature::ReferenceTypes,
        "bulk_memory" => match op {
            Operator::TableInit { .. } | Operator::TableCopy { .. } | Operator::ElemDrop { .. } => Feature::BulkTable,
            _ => return None, // memory.copy/fill/init, data.drop: lowered
        },
        other => Feature::Other(other),
    };
    Some((feature, format!("`{}`", mnemonic(visit))))
}

/// Where something unexpressible sits: an entity of a module (or of the
/// host's imports, `module: None`).
pub(super) struct Place {
    pub module: Option<usize>,
    pub kind: Kind,
    /// For functions and host imports: `` `sum` ``, `` `env.f` ``.
    pub name: String,
}

/// What kind of entity a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Function,
    HostImport,
    Global,
    Table,
    ElementSegment,
    DataSegment,
}

impl Kind {
    /// `a global`, `2 globals`; `function `f``, `functions `f` and `g``.
    fn describe(self, names: &[String]) -> String {
        let (one, many) = match self {
            Kind::Function => ("function", "functions"),
            Kind::HostImport => ("host import", "host imports"),
            Kind::Global => ("a global", "globals"),
            Kind::Table => ("a table", "tables"),
            Kind::ElementSegment => ("an element segment", "element segments"),
            Kind::DataSegment => ("a data segment", "data segments"),
        };
        match (self, names.len()) {
            (Kind::Function | Kind::HostImport, 1) => format!("{one} {}", names[0]),
            (Kind::Function | Kind::HostImport, _) => format!("{many} {}", list(names)),
            (_, 1) => one.to_string(),
            (_, n) => format!("{n} {many}"),
        }
    }
}

/// The refusals of one module and feature: where, and the instructions or
/// types that need the feature.
#[derive(Default)]
struct Group {
    /// By kind, in the order first seen: the names (or one entry per
    /// entity, for kinds without names).
    places: Vec<(Kind, Vec<String>)>,
    details: Vec<String>,
}

/// Every refusal of one lowering, grouped by module and feature.
#[derive(Default)]
pub(super) struct Refusals {
    groups: BTreeMap<(Option<usize>, Feature), Group>,
    /// Problems that are not about a feature (e.g. a constant offset).
    other: Vec<String>,
}

impl Refusals {
    pub fn push(&mut self, place: Place, feature: Feature, detail: String) {
        let group = self.groups.entry((place.module, feature)).or_default();
        let at = match group.places.iter().position(|(kind, _)| *kind == place.kind) {
            Some(at) => at,
            None => {
                group.places.push((place.kind, Vec::new()));
                group.places.len() - 1
            }
        };
        let names = &mut group.places[at].1;
        if place.name.is_empty() || !names.contains(&place.name) {
            names.push(place.name);
        }
        if !detail.is_empty() && !group.details.contains(&detail) {
            group.details.push(detail);
        }
    }

    pub fn push_other(&mut self, problem: String) {
        if !self.other.contains(&problem) {
            self.other.push(problem);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.other.is_empty()
    }

    /// One sentence per module and feature, then the others.
    pub fn messages(self, origins: &Origins) -> Vec<String> {
        let mut out = Vec::new();
        for ((module, feature), Group { places, details }) in self.groups {
            let who = match module {
                Some(m) => format!("module {}", origins.label(m)),
                None => "the host's imports".to_string(),
            };
            let verb = if module.is_some() { "uses" } else { "use" };
            let details = if details.is_empty() {
                String::new()
            } else {
                let more = if details.len() > 4 { ", ..." } else { "" };
                format!(" ({}{more})", details[..details.len().min(4)].join(", "))
            };
            let places: Vec<String> = places.iter().map(|(kind, names)| kind.describe(names)).collect();
            out.push(format!(
                "{who} {verb} {}{details} in {}, which the `portable` profile cannot express: {}",
                feature.what(),
                list(&places),
                feature.advice()
            ));
        }
        out.extend(self.other);
        out
    }
}

/// `a`, `a and b`, `a, b, c and 4 more`.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] if items.len() <= 3 => format!("{} and {last}", first.join(", ")),
        _ => format!("{} and {} more", items[..3].join(", "), items.len() - 3),
    }
}

/// How messages name function `f` of the merged module: by the name its
/// module gave it, else by its index in its module.
pub(super) fn function_place(origins: &Origins, names: &BTreeMap<u32, String>, f: u32) -> Place {
    let origin = origins.funcs.get(f as usize).copied().flatten();
    let module = origin.map(|(m, _)| m);
    let name = names.get(&f).map(|n| n.split_once("::").map_or(n.as_str(), |(_, own)| own).to_string());
    let name = match (name, origin) {
        (Some(name), _) => format!("`{name}`"),
        (None, Some((_, own))) => format!("#{own}"),
        (None, None) => format!("#{f} of the output"),
    };
    Place { module, kind: Kind::Function, name }
}

/// An entity of a module (`module: None`: of the host's imports) that
/// messages count rather than name.
pub(super) fn place(module: Option<usize>, kind: Kind) -> Place {
    Place { module, kind, name: String::new() }
}
