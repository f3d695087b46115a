//! Phase 1, read: parse and validate every input module.
//!
//! Input: `(name, bytes)` pairs. Output: one [`Input`] per module with the
//! facts the later phases need (types, imports, exports, index-space sizes).
//!
//! Invariant: every module that leaves this phase is valid wasm within
//! [`crate::profile::accepted_features`]; later phases may index into it without checking.

use wasmparser::{CompositeInnerType, Parser, Payload, TypeRef, Validator, WasmFeatures};

use crate::abi::Abi;
use crate::error::{LinkError, Problems};
use crate::ir::input::{Counts, Export, FromComponent, Import, Input, Source};

/// Features that inputs may use but the linker cannot carry into its output,
/// each with the name used in error messages.
const REFUSED: &[(WasmFeatures, &str)] = &[
    (WasmFeatures::THREADS, "threads (shared memory)"),
    (WasmFeatures::MEMORY64, "memory64"),
    (WasmFeatures::EXCEPTIONS, "exception handling"),
    (WasmFeatures::LEGACY_EXCEPTIONS, "legacy exception handling"),
    (WasmFeatures::GC, "garbage collection"),
    (WasmFeatures::FUNCTION_REFERENCES, "typed function references"),
    (WasmFeatures::TAIL_CALL, "tail calls"),
    (WasmFeatures::RELAXED_SIMD, "relaxed simd"),
    (WasmFeatures::STACK_SWITCHING, "stack switching"),
    (WasmFeatures::COMPONENT_MODEL, "the component model"),
    (WasmFeatures::WIDE_ARITHMETIC, "wide arithmetic"),
    (WasmFeatures::CUSTOM_PAGE_SIZES, "custom page sizes"),
];

/// Phase 1: parses and validates every module; reports every broken
/// module at once.
pub fn read(modules: Vec<Source>) -> Result<Vec<Input>, LinkError> {
    let mut problems = Problems::default();
    let mut inputs = Vec::new();
    for source in modules {
        match read_one(&source.name, &source.label(), &source.bytes) {
            Ok(mut input) => {
                if let Some(from) = source.component {
                    bind(&mut input, from);
                }
                inputs.push(input)
            }
            Err(problem) => problems.push(problem),
        }
    }
    problems.finish(inputs)
}

fn read_one(name: &str, label: &str, bytes: &[u8]) -> Result<Input, String> {
    validate(label, bytes)?;
    let mut input = Input {
        name: name.to_string(),
        label: label.to_string(),
        bytes: bytes.to_vec(),
        types: Vec::new(),
        imports: Vec::new(),
        func_types: Vec::new(),
        tables: Vec::new(),
        memories: Vec::new(),
        globals: Vec::new(),
        exports: Vec::new(),
        start: None,
        imported: Counts::default(),
        data_count: 0,
        elem_count: 0,
        abi: Abi::Wai,
        wit: None,
        component: None,
        post_returns: Vec::new(),
    };
    let malformed = |err: wasmparser::BinaryReaderError| format!("module {label} is not valid wasm: {}", err.message());
    let mut custom = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(malformed)?;
        if let Payload::CustomSection(c) = &payload {
            custom.push(c.name().to_string());
        }
        input.take(payload, label).map_err(|e| e.either(malformed))?;
    }
    not_linkable(label, &custom, &input.imports)?;
    input.wit = crate::wit::world::decode(label, bytes, input.exports.iter().map(|e| e.name.as_str()))?;
    if let Some(world) = &input.wit {
        input.abi = Abi::Component(world.mangling);
    }
    Ok(input)
}

/// A core instance of a component: its imports as the component wires them
/// ([`crate::component`]), its exports following the component model's
/// canonical ABI with `wit-bindgen`'s names (`cabi_realloc`), and the
/// post-return functions its lifts name.
fn bind(input: &mut Input, from: FromComponent) {
    for import in &mut input.imports {
        if let Some(b) = from.bindings.iter().find(|b| b.module == import.module && b.field == import.field) {
            (import.module, import.field) = b.to.clone();
            import.canon = b.canon.clone();
            import.numbers_only = b.numbers_only;
        }
    }
    input.wit = from.world;
    let mangling = input.wit.as_ref().map_or(crate::abi::Mangling::Legacy, |w| w.mangling);
    input.abi = Abi::Component(mangling);
    input.component = Some(from.component);
    input.post_returns = from.post_returns;
}

/// Modules that are not finished, standalone modules: a relocatable object
/// file (`linking` and `reloc.*` sections), which wasm-ld still has to link,
/// and a dynamic-linking module (an Emscripten side module or main module, a
/// `-shared`/`-pie` wasm-ld output: a `dylink.0` or legacy `dylink` section,
/// imports of `env.__memory_base`/`env.__table_base` or of `GOT.mem`/`GOT.func`
/// entries), which expects a dynamic loader to place its data and table
/// entries at bases it is given and to fill its GOT at run time. A static
/// link can do neither: linking them would leave those imports to a host
/// that has no loader.
fn not_linkable(label: &str, custom: &[String], imports: &[Import]) -> Result<(), String> {
    if custom.iter().any(|name| name == "linking" || name.starts_with("reloc.")) {
        return Err(format!(
            "module {label} is a relocatable object file (it has a `linking` section), not a linked module: link it into a module with wasm-ld first (e.g. `wasm-ld --no-entry --export-dynamic OBJECT.o -o MODULE.wasm`)"
        ));
    }
    let mut evidence: Vec<String> =
        custom.iter().filter(|n| *n == "dylink.0" || *n == "dylink").map(|n| format!("a `{n}` section")).collect();
    let dynamic_imports: Vec<String> = imports
        .iter()
        .filter(|i| {
            (i.module == "env" && (i.field == "__memory_base" || i.field == "__table_base"))
                || i.module == "GOT.mem"
                || i.module == "GOT.func"
        })
        .map(|i| format!("`{}.{}`", i.module, i.field))
        .collect();
    if !dynamic_imports.is_empty() {
        let shown = dynamic_imports.len().min(3);
        let mut list = dynamic_imports[..shown].join(", ");
        if dynamic_imports.len() > shown {
            list.push_str(&format!(" and {} more", dynamic_imports.len() - shown));
        }
        evidence.push(format!("imports of {list}"));
    }
    if evidence.is_empty() {
        return Ok(());
    }
    Err(format!(
        "module {label} is a dynamic-linking module (it has {}): it is relocatable, and expects a dynamic loader to choose where its data and table entries go and to resolve its imports at run time, which a static link cannot do; build it as a standalone module instead (Emscripten: `-sSTANDALONE_WASM`, without `-sSIDE_MODULE` or `-sMAIN_MODULE`; clang: without `-shared`, `-pie` or `-fPIC` at link time), or link its object files together with wasm-ld",
        evidence.join(" and ")
    ))
}

/// A problem while taking a section in: malformed, or a sentence.
enum TakeError {
    Malformed(wasmparser::BinaryReaderError),
    Refused(String),
}

impl TakeError {
    fn either(self, malformed: impl Fn(wasmparser::BinaryReaderError) -> String) -> String {
        match self {
            TakeError::Malformed(err) => malformed(err),
            TakeError::Refused(why) => why,
        }
    }
}

impl From<wasmparser::BinaryReaderError> for TakeError {
    fn from(err: wasmparser::BinaryReaderError) -> Self {
        TakeError::Malformed(err)
    }
}

/// Validates `bytes` with the accepted features; on failure, says whether
/// the module is broken or uses a feature the linker refuses.
fn validate(label: &str, bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(b"\0asm") {
        return Err(format!("module {label} is not a wasm module (it does not start with `\\0asm`)"));
    }
    if let Err(err) = Validator::new_with_features(crate::profile::accepted_features()).validate_all(bytes) {
        // Only on failure: is it broken, or does it use a feature we refuse?
        if let Err(err) = Validator::new_with_features(WasmFeatures::all()).validate_all(bytes) {
            return Err(format!("module {label} is not valid wasm: {} (at byte {})", err.message(), err.offset()));
        }
        let used = used_features(bytes);
        let refused: Vec<&str> = REFUSED.iter().filter(|(f, _)| used.contains(*f)).map(|(_, n)| *n).collect();
        if refused.is_empty() {
            return Err(format!("module {label} uses a wasm feature the linker does not support: {}", err.message()));
        }
        return Err(format!(
            "module {label} uses {}, which the linker cannot express in its output",
            refused.join(", ")
        ));
    }
    Ok(())
}

impl Input {
    /// Takes in one section's facts.
    fn take(&mut self, payload: Payload, label: &str) -> Result<(), TakeError> {
        match payload {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group?.into_types() {
                        match sub.composite_type.inner {
                            CompositeInnerType::Func(f) => self.types.push(f),
                            _ => {
                                let why =
                                    format!("module {label} defines a gc type, which the linker does not support");
                                return Err(TakeError::Refused(why));
                            }
                        }
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    self.import(import?, label)?;
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    self.func_types.push(ty?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    self.tables.push(table?.ty);
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    self.memories.push(memory?);
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader {
                    self.globals.push(global?.ty);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export?;
                    self.exports.push(Export { name: export.name.to_string(), kind: export.kind, index: export.index });
                }
            }
            Payload::StartSection { func, .. } => self.start = Some(func),
            Payload::DataSection(reader) => self.data_count = reader.count(),
            Payload::ElementSection(reader) => self.elem_count = reader.count(),
            _ => {}
        }
        Ok(())
    }

    fn import(&mut self, import: wasmparser::Import, label: &str) -> Result<(), TakeError> {
        match import.ty {
            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                self.func_types.push(t);
                self.imported.funcs += 1;
            }
            TypeRef::Table(t) => {
                self.tables.push(t);
                self.imported.tables += 1;
            }
            TypeRef::Memory(m) => {
                self.memories.push(m);
                self.imported.memories += 1;
            }
            TypeRef::Global(g) => {
                self.globals.push(g);
                self.imported.globals += 1;
            }
            TypeRef::Tag(_) => {
                let why = format!("module {label} imports a tag, which the linker does not support");
                return Err(TakeError::Refused(why));
            }
        }
        self.imports.push(Import {
            module: import.module.to_string(),
            field: import.name.to_string(),
            ty: import.ty,
            canon: None,
            numbers_only: false,
        });
        Ok(())
    }
}

/// The features a valid module actually uses, found by validating it once per
/// refused feature with that feature switched off.
fn used_features(bytes: &[u8]) -> WasmFeatures {
    let mut used = WasmFeatures::empty();
    for (feature, _) in REFUSED {
        let mut without = WasmFeatures::all();
        without.remove(*feature);
        if Validator::new_with_features(without).validate_all(bytes).is_err() {
            used |= *feature;
        }
    }
    used
}
