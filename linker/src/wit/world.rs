//! A module's WIT world, decoded from its `component-type` custom section
//! (see [`crate::wit`] for how names match).

use std::collections::HashSet;

use wit_parser::{Function, Resolve, SizeAlign, WorldId, WorldItem};

use crate::abi::Mangling;

/// A module's WIT world, decoded.
pub struct WitWorld {
    pub(crate) resolve: Resolve,
    pub(crate) world: WorldId,
    pub(crate) sizes: SizeAlign,
    /// How the module names its exports.
    pub mangling: Mangling,
    /// Every freestanding function the world exports.
    pub funcs: Vec<WitFunc>,
}

/// One function a WIT world exports.
pub struct WitFunc {
    /// The exported interface's short name (`rescale` for
    /// `example:rescale/rescale`), `None` for a world-level function.
    pub interface: Option<String>,
    pub func: Function,
    /// The core export's name (`example:rescale/rescale#scale`).
    pub core: String,
    /// Its post-return function's name (`cabi_post_example:rescale/rescale#scale`).
    pub post_return: String,
}

/// Whether `bytes` carries a WIT world (a `component-type` custom section).
fn has_world(bytes: &[u8]) -> bool {
    wasmparser::Parser::new(0)
        .parse_all(bytes)
        .any(|p| matches!(p, Ok(wasmparser::Payload::CustomSection(c)) if c.name().starts_with("component-type")))
}

/// The WIT world of a module built with `wit-bindgen`, if it carries one.
/// `exports` are the names of the module's exports (which mangling it uses).
pub fn decode<'a>(
    label: &str,
    bytes: &[u8],
    exports: impl IntoIterator<Item = &'a str>,
) -> Result<Option<WitWorld>, String> {
    if !has_world(bytes) {
        return Ok(None);
    }
    let (_, bindgen) = wit_component::metadata::decode(bytes).map_err(|err| {
        format!("module {label}: its `component-type` section (the WIT world `wit-bindgen` embeds) does not decode: {err:#}; rebuild it with a current `wit-bindgen`")
    })?;
    from_resolve(label, bindgen.resolve, bindgen.world, exports).map(Some)
}

/// The WIT world `world` of `resolve`, for a module whose exports are
/// named `exports` (which mangling it uses): a `wit-bindgen` module's
/// embedded world, or a component's own (its main core instance serves
/// importers that name its functions plainly).
pub fn from_resolve<'a>(
    label: &str,
    resolve: Resolve,
    world: WorldId,
    exports: impl IntoIterator<Item = &'a str>,
) -> Result<WitWorld, String> {
    let mut sizes = SizeAlign::default();
    sizes.fill(&resolve).map_err(|err| format!("module {label}: its WIT world cannot be laid out: {err:#}"))?;
    let names: HashSet<&str> = exports.into_iter().collect();
    let list = |mangling: Mangling| {
        let mut funcs = Vec::new();
        for (key, item) in &resolve.worlds[world].exports {
            let (interface, fs): (_, Vec<&Function>) = match item {
                WorldItem::Function(f) => (None, vec![f]),
                WorldItem::Interface { id, .. } => {
                    let short = resolve.interfaces[*id].name.clone().unwrap_or_else(|| resolve.name_world_key(key));
                    (Some((key, short)), resolve.interfaces[*id].functions.values().collect())
                }
                WorldItem::Type { .. } => continue,
            };
            for f in fs {
                if !matches!(f.kind, wit_parser::FunctionKind::Freestanding) {
                    continue;
                }
                let name = |kind| {
                    resolve.wasm_export_name(
                        mangling.wit(),
                        wit_parser::WasmExport::Func { interface: interface.as_ref().map(|(k, _)| *k), func: f, kind },
                    )
                };
                funcs.push(WitFunc {
                    interface: interface.as_ref().map(|(_, s)| s.clone()),
                    func: f.clone(),
                    core: name(wit_parser::WasmExportKind::Normal),
                    post_return: name(wit_parser::WasmExportKind::PostReturn),
                });
            }
        }
        funcs
    };
    let legacy = list(Mangling::Legacy);
    let standard = list(Mangling::Standard);
    let exported = |funcs: &[WitFunc]| funcs.iter().filter(|f| names.contains(f.core.as_str())).count();
    let (mangling, funcs) = if exported(&standard) > exported(&legacy) {
        (Mangling::Standard, standard)
    } else {
        (Mangling::Legacy, legacy)
    };
    Ok(WitWorld { resolve, world, sizes, mangling, funcs })
}

impl WitWorld {
    /// The world's name, `example:rescale/block`. (Decoding merges the
    /// module's world into a `root:root/root` world; the module's own is
    /// the other one, when there is exactly one.)
    pub fn name(&self) -> String {
        let others: Vec<WorldId> =
            self.resolve.worlds.iter().map(|(id, _)| id).filter(|id| *id != self.world).collect();
        let id = match others[..] {
            [only] => only,
            _ => self.world,
        };
        let world = &self.resolve.worlds[id];
        match world.package {
            Some(p) => format!("{}/{}", self.resolve.packages[p].name, world.name),
            None => world.name.clone(),
        }
    }

    /// The exported function that serves the import `module.field`: see
    /// the module documentation for how names match.
    pub fn find(&self, module: &str, field: &str) -> Result<&WitFunc, String> {
        let named: Vec<&WitFunc> = self.funcs.iter().filter(|f| f.func.name == field).collect();
        if named.len() == 1 {
            return Ok(named[0]);
        }
        let preferred: Vec<&&WitFunc> = named.iter().filter(|f| f.interface.as_deref() == Some(module)).collect();
        if preferred.len() == 1 {
            return Ok(preferred[0]);
        }
        let all = |fs: &[&WitFunc]| fs.iter().map(|f| format!("`{}`", f.core)).collect::<Vec<_>>().join(", ");
        if named.is_empty() {
            let exported: Vec<&WitFunc> = self.funcs.iter().collect();
            let list = if exported.is_empty() { "no functions".to_string() } else { all(&exported) };
            return Err(format!(
                "exports no function `{field}` (it exports {list}): export it from the world, or import a function it has"
            ));
        }
        Err(format!(
            "exports several functions `{field}` ({}) and none in an interface named `{module}`: name the interface that should serve the import `{module}`, or rename the module",
            all(&named)
        ))
    }

    /// The core export name of the post-return function of the export
    /// `core`, if the world exports such a function.
    pub fn post_return(&self, core: &str) -> Option<&str> {
        self.funcs.iter().find(|f| f.core == core).map(|f| f.post_return.as_str())
    }
}
