//! A component's binary taken apart into its declarations, in order, each
//! as `wasmparser` reads it; nested modules and components keep their
//! bytes. Nothing is evaluated here ([`super::flatten`] does that).

use wasmparser::{
    CanonicalFunction, ComponentAlias, ComponentExport, ComponentImport, ComponentInstance, Instance, Parser, Payload,
};

/// One component: its own bytes (for decoding its WIT) and declarations.
pub struct Def<'a> {
    pub bytes: &'a [u8],
    pub decls: Vec<Decl<'a>>,
}

/// One declaration, each adding to an index space.
pub enum Decl<'a> {
    CoreModule(&'a [u8]),
    Component(Box<Def<'a>>),
    CoreInstance(Instance<'a>),
    Instance(ComponentInstance<'a>),
    Alias(ComponentAlias<'a>),
    Canon(CanonicalFunction),
    Import(ComponentImport<'a>),
    Export(ComponentExport<'a>),
    /// `n` core types.
    CoreTypes(u32),
    /// Component types, each `Some(dtor)` for a resource type (with its
    /// destructor, a core function index, if any), `None` otherwise.
    Types(Vec<Option<Option<u32>>>),
}

/// Parses a component; errors are sentences without the component's name
/// (the caller adds it). The component was validated first.
pub fn parse(bytes: &[u8]) -> Result<Def<'_>, String> {
    let mut decls = Vec::new();
    // `parse_all` yields the payloads of nested modules and components
    // inline, between their section and their `End`: only depth 0 is ours.
    let mut depth = 0usize;
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.map_err(|e| e.message().to_string())?;
        if depth > 0 {
            match payload {
                Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => depth += 1,
                Payload::End(_) => depth -= 1,
                _ => {}
            }
            continue;
        }
        match payload {
            Payload::ModuleSection { unchecked_range, .. } => {
                decls.push(Decl::CoreModule(slice(bytes, &unchecked_range)?));
                depth += 1;
            }
            Payload::ComponentSection { unchecked_range, .. } => {
                decls.push(Decl::Component(Box::new(parse(slice(bytes, &unchecked_range)?)?)));
                depth += 1;
            }
            Payload::InstanceSection(reader) => {
                for item in reader {
                    decls.push(Decl::CoreInstance(item.map_err(|e| e.message().to_string())?));
                }
            }
            Payload::ComponentInstanceSection(reader) => {
                for item in reader {
                    decls.push(Decl::Instance(item.map_err(|e| e.message().to_string())?));
                }
            }
            Payload::ComponentAliasSection(reader) => {
                for item in reader {
                    decls.push(Decl::Alias(item.map_err(|e| e.message().to_string())?));
                }
            }
            Payload::ComponentCanonicalSection(reader) => {
                for item in reader {
                    decls.push(Decl::Canon(item.map_err(|e| e.message().to_string())?));
                }
            }
            Payload::ComponentImportSection(reader) => {
                for item in reader {
                    decls.push(Decl::Import(item.map_err(|e| e.message().to_string())?));
                }
            }
            Payload::ComponentExportSection(reader) => {
                for item in reader {
                    decls.push(Decl::Export(item.map_err(|e| e.message().to_string())?));
                }
            }
            Payload::CoreTypeSection(reader) => decls.push(Decl::CoreTypes(reader.count())),
            Payload::ComponentTypeSection(reader) => {
                let mut types = Vec::new();
                for ty in reader {
                    types.push(match ty.map_err(|e| e.message().to_string())? {
                        wasmparser::ComponentType::Resource { dtor, .. } => Some(dtor),
                        _ => None,
                    });
                }
                decls.push(Decl::Types(types));
            }
            Payload::ComponentStartSection { .. } => {
                return Err("it has a start function (a component-model value start), which has no core counterpart"
                    .to_string())
            }
            Payload::End(_) => break,
            _ => {}
        }
    }
    Ok(Def { bytes, decls })
}

fn slice<'a>(bytes: &'a [u8], range: &std::ops::Range<u64>) -> Result<&'a [u8], String> {
    bytes.get(range.start as usize..range.end as usize).ok_or_else(|| "a nested section ends past its end".to_string())
}
