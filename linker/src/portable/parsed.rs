//! The merged module, taken apart for the `portable` lowering: what it
//! changes kept as parsed, the rest already re-encoded.

use std::collections::BTreeMap;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{EntityType, ExportKind, ExportSection, FunctionSection, GlobalSection, ImportSection};
use wasmparser::{
    CompositeInnerType, DataSectionReader, ElementSectionReader, ExternalKind, FuncType, FunctionBody, Name,
    NameSectionReader, Parser, Payload, TypeRef,
};

use super::refuse::{place, Feature, Kind, Place, Refusals};
use crate::error::LinkError;
use crate::merge::origins::Origins;

/// The merged module, taken apart; sections the lowering does not change
/// are already re-encoded.
pub(super) struct Parsed<'a> {
    pub(super) types: Vec<FuncType>,
    pub(super) imports: ImportSection,
    pub(super) imported_funcs: u32,
    pub(super) imported_globals: u32,
    pub(super) func_types: Vec<u32>,
    pub(super) memories: Vec<wasmparser::MemoryType>,
    pub(super) tables: Vec<wasmparser::TableType>,
    /// The module's globals (imported ones first), as they were.
    pub(super) global_types: Vec<wasmparser::GlobalType>,
    pub(super) global_inits: Vec<wasmparser::ConstExpr<'a>>,
    /// The output's globals: the module's, folded, then the lowering's.
    pub(super) globals: GlobalSection,
    pub(super) exports: ExportSection,
    /// Functions exported so far, and the export names of a function
    /// already exported under another name (see [`super::add_aliases`]).
    pub(super) exported_funcs: std::collections::BTreeSet<u32>,
    pub(super) aliases: Vec<(String, u32)>,
    pub(super) start: Option<u32>,
    pub(super) elements: Option<ElementSectionReader<'a>>,
    pub(super) data: Option<DataSectionReader<'a>>,
    pub(super) bodies: Vec<FunctionBody<'a>>,
    /// The function section of the output, filled as bodies are added.
    pub(super) functions: FunctionSection,
    pub(super) names: BTreeMap<u32, String>,
    /// Local and global names (functions, locals and globals keep their
    /// indices; data segments are folded and renumbered, so their names go).
    pub(super) other_names: crate::emit::Names,
    /// The merged `producers` section, carried as it is.
    pub(super) producers: Option<&'a [u8]>,
    /// The features the merged module's `target_features` section names, if
    /// it has one (the output's is written anew from them).
    pub(super) target_features: Option<Vec<String>>,
}

/// A merged module that does not parse again is the linker's own bug.
pub(super) fn internal(e: impl std::fmt::Display) -> LinkError {
    LinkError::one(format!("internal error while lowering to `portable`: {e}; please report this"))
}

impl<'a> Parsed<'a> {
    pub(super) fn parse(bytes: &'a [u8], origins: &Origins, refusals: &mut Refusals) -> Result<Parsed<'a>, LinkError> {
        let mut m = Parsed {
            types: Vec::new(),
            imports: ImportSection::new(),
            imported_funcs: 0,
            imported_globals: 0,
            func_types: Vec::new(),
            memories: Vec::new(),
            tables: Vec::new(),
            global_types: Vec::new(),
            global_inits: Vec::new(),
            globals: GlobalSection::new(),
            exports: ExportSection::new(),
            exported_funcs: Default::default(),
            aliases: Vec::new(),
            start: None,
            elements: None,
            data: None,
            bodies: Vec::new(),
            functions: FunctionSection::new(),
            names: BTreeMap::new(),
            other_names: crate::emit::Names::default(),
            producers: None,
            target_features: None,
        };
        for payload in Parser::new(0).parse_all(bytes) {
            m.take(payload.map_err(internal)?, origins, refusals)?;
        }
        Ok(m)
    }

    /// Takes in one section (or code entry).
    pub(super) fn take(
        &mut self,
        payload: Payload<'a>,
        origins: &Origins,
        refusals: &mut Refusals,
    ) -> Result<(), LinkError> {
        match payload {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group.map_err(internal)?.into_types() {
                        if let CompositeInnerType::Func(f) = sub.composite_type.inner {
                            self.types.push(f);
                        }
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    self.import(import.map_err(internal)?, refusals)?;
                }
            }
            Payload::FunctionSection(reader) => {
                for ty in reader {
                    self.func_types.push(ty.map_err(internal)?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    let table = table.map_err(internal)?;
                    let k = self.tables.len();
                    let place = || place(origins.tables.get(k).copied().flatten(), Kind::Table);
                    if table.ty.element_type != wasmparser::RefType::FUNCREF {
                        refusals.push(
                            place(),
                            Feature::ReferenceTypes,
                            format!("a table of `{}`", table.ty.element_type),
                        );
                    }
                    if !matches!(table.init, wasmparser::TableInit::RefNull) {
                        refusals.push(place(), Feature::ReferenceTypes, "a table initializer".to_string());
                    }
                    self.tables.push(table.ty);
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    self.memories.push(memory.map_err(internal)?);
                }
            }
            Payload::GlobalSection(reader) => {
                for global in reader {
                    let global = global.map_err(internal)?;
                    self.global_types.push(global.ty);
                    self.global_inits.push(global.init_expr);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    self.export(export.map_err(internal)?, refusals);
                }
            }
            Payload::StartSection { func, .. } => self.start = Some(func),
            Payload::ElementSection(reader) => self.elements = Some(reader),
            Payload::DataSection(reader) => self.data = Some(reader),
            Payload::CodeSectionEntry(body) => self.bodies.push(body),
            Payload::CustomSection(c) if c.name() == "name" => {
                let reader = NameSectionReader::new(wasmparser::BinaryReader::new(c.data(), c.data_offset()));
                for sub in reader.into_iter().flatten() {
                    match sub {
                        Name::Function(map) => {
                            for naming in map.into_iter().flatten() {
                                self.names.insert(naming.index, naming.name.to_string());
                            }
                        }
                        Name::Local(map) => {
                            for indirect in map.into_iter().flatten() {
                                let locals = self.other_names.locals.entry(indirect.index).or_default();
                                for naming in indirect.names.flatten() {
                                    locals.insert(naming.index, naming.name.to_string());
                                }
                            }
                        }
                        Name::Global(map) => {
                            for naming in map.into_iter().flatten() {
                                self.other_names.globals.insert(naming.index, naming.name.to_string());
                            }
                        }
                        _ => {}
                    }
                }
            }
            Payload::CustomSection(c) if c.name() == "producers" => self.producers = Some(c.data()),
            Payload::CustomSection(c) if c.name() == crate::merge::custom::TARGET_FEATURES => {
                self.target_features = Some(crate::merge::custom::read_features(c.data()));
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn import(&mut self, import: wasmparser::Import, refusals: &mut Refusals) -> Result<(), LinkError> {
        let host =
            || Place { module: None, kind: Kind::HostImport, name: format!("`{}.{}`", import.module, import.name) };
        match import.ty {
            TypeRef::Func(t) | TypeRef::FuncExact(t) => {
                if let Some(feature) = self.types.get(t as usize).and_then(Feature::of_func_type) {
                    refusals.push(host(), feature, "its signature".to_string());
                }
                self.imported_funcs += 1;
                self.func_types.push(t);
                self.imports.import(import.module, import.name, EntityType::Function(t));
            }
            TypeRef::Global(g) => {
                if let Some(feature) = Feature::of_type(&g.content_type) {
                    refusals.push(host(), feature, format!("a global of `{}`", g.content_type));
                }
                self.imported_globals += 1;
                self.global_types.push(g);
                let ty = RoundtripReencoder.global_type(g).map_err(internal)?;
                self.imports.import(import.module, import.name, EntityType::Global(ty));
            }
            TypeRef::Memory(_) | TypeRef::Table(_) => {
                let what = if matches!(import.ty, TypeRef::Memory(_)) { "memory" } else { "table" };
                refusals.push_other(format!(
                    "the `portable` profile cannot fold the {what} `{}.{}` imported from the host into the output's single {what}: link with `--profile multi-memory`",
                    import.module, import.name,
                ));
            }
            TypeRef::Tag(_) => refusals.push_other("the `portable` profile cannot express tags".to_string()),
        }
        Ok(())
    }

    pub(super) fn export(&mut self, export: wasmparser::Export, refusals: &mut Refusals) {
        let (kind, index) = match export.kind {
            ExternalKind::Func | ExternalKind::FuncExact => (ExportKind::Func, export.index),
            ExternalKind::Global => (ExportKind::Global, export.index),
            ExternalKind::Memory | ExternalKind::Table if export.index != 0 => {
                let what = if export.kind == ExternalKind::Memory { "memory" } else { "table" };
                refusals.push_other(format!(
                    "the `portable` profile folds every {what} into one, so it cannot export `{}` ({what} {}): only the main module's first {what} can be exported",
                    export.name, export.index
                ));
                return;
            }
            ExternalKind::Memory => (ExportKind::Memory, 0),
            ExternalKind::Table => (ExportKind::Table, 0),
            ExternalKind::Tag => return,
        };
        if kind == ExportKind::Func && !self.exported_funcs.insert(index) {
            self.aliases.push((export.name.to_string(), index));
            return;
        }
        self.exports.export(export.name, kind, index);
    }

    /// Every passive data segment: its index and length.
    pub(super) fn passive_segments(&self) -> Result<Vec<(u32, usize)>, LinkError> {
        let mut out = Vec::new();
        for (d, datum) in self.data.clone().into_iter().flatten().enumerate() {
            let datum = datum.map_err(internal)?;
            if matches!(datum.kind, wasmparser::DataKind::Passive) {
                out.push((d as u32, datum.data.len()));
            }
        }
        Ok(out)
    }
}
