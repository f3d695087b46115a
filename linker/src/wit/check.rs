//! The check that a WIT block's functions agree with the WAI interface a
//! pipeline imports them through (see [`crate::wit`]).

use wai_parser::abi::{AbiVariant as WaiVariant, WasmType as WaiWasm};
use wai_parser::{Type as WaiType, TypeDefKind as WaiKind};
use wit_parser::abi::{AbiVariant as WitVariant, WasmType as WitWasm};
use wit_parser::{Function, Resolve, SizeAlign, Type as WitType, TypeDefKind as WitKind};

use crate::interface::{Iface, Interfaces};
use crate::ir::input::Input;

/// Checks every import served by a module that carries a WIT world against
/// the WAI interface the importer uses: the function exists, and its types
/// agree with WAI's in structure and layout. Every problem is returned.
pub fn check(inputs: &[Input], interfaces: &Interfaces) -> Vec<String> {
    let mut problems = Vec::new();
    // A component's own core instances are wired by the component (and
    // their calls to other components are described by their own WIT).
    for importer in inputs.iter().filter(|i| i.component.is_none()) {
        for import in &importer.imports {
            // A call between components is described by its own WIT.
            if import.canon.is_some()
                || !matches!(import.ty, wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_))
            {
                continue;
            }
            let Some(block) = inputs.iter().find(|i| i.name == import.module) else { continue };
            let Some(world) = &block.wit else { continue };
            let here = format!("module `{}` imports `{}.{}`", importer.name, import.module, import.field);
            let found = match world.find(&block.name, &import.field) {
                Ok(found) => found,
                Err(why) => {
                    problems.push(format!(
                        "{here}, but the WIT world `{}` of module {} {why}",
                        world.name(),
                        block.label
                    ));
                    continue;
                }
            };
            let Some(iface) = interfaces.get(&import.module) else { continue };
            let Some(wai) = iface.func(&import.field) else { continue };
            for problem in compare(iface, wai, &world.resolve, &world.sizes, &found.func) {
                problems.push(format!(
                    "{here}, which module {} exports as `{}` (WIT world `{}`), but the pipeline's WAI (interface `{}`) and the block's WIT disagree: {problem}",
                    block.label,
                    found.core,
                    world.name(),
                    iface.name()
                ));
            }
        }
    }
    problems
}

/// Walks a WAI function and a WIT function together.
struct Compare<'a> {
    iface: &'a Iface,
    resolve: &'a Resolve,
    sizes: &'a SizeAlign,
    problems: Vec<String>,
}

/// The problems that make WAI function `wai` of `iface` and WIT function
/// `wit` (of `resolve`, laid out by `sizes`) differ: structure, names,
/// every type's size and alignment, and the exported core signature.
pub fn compare(
    iface: &Iface,
    wai: &wai_parser::Function,
    resolve: &Resolve,
    sizes: &SizeAlign,
    wit: &Function,
) -> Vec<String> {
    let mut cmp = Compare { iface, resolve, sizes, problems: Vec::new() };
    cmp.function(wai, wit);
    if cmp.problems.is_empty() {
        cmp.signatures(wai, wit);
    }
    cmp.problems
}

impl Compare<'_> {
    fn function(&mut self, wai: &wai_parser::Function, wit: &Function) {
        if wai.params.len() != wit.params.len() {
            self.problems.push(format!(
                "WAI gives it {} parameters ({}), WIT {} ({})",
                wai.params.len(),
                wai.params.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                wit.params.len(),
                wit.params.iter().map(|p| format!("`{}`", p.name)).collect::<Vec<_>>().join(", ")
            ));
            return;
        }
        for ((name, a), p) in wai.params.iter().zip(&wit.params) {
            self.ty(&format!("parameter `{name}`"), a, Some(&p.ty));
        }
        self.ty("the result", &wai.result, wit.result.as_ref());
    }

    /// The core signatures of the export, from each library.
    fn signatures(&mut self, wai: &wai_parser::Function, wit: &Function) {
        let a = self.iface.signature(WaiVariant::GuestExport, wai);
        let b = self.resolve.wasm_signature(WitVariant::GuestExport, wit);
        let wai_core = |t: &WaiWasm| crate::interface::val_type(t);
        let wit_core = |t: &WitWasm| match t {
            WitWasm::I32 | WitWasm::Pointer | WitWasm::Length => wasmparser::ValType::I32,
            WitWasm::I64 | WitWasm::PointerOrI64 => wasmparser::ValType::I64,
            WitWasm::F32 => wasmparser::ValType::F32,
            WitWasm::F64 => wasmparser::ValType::F64,
        };
        let fa = wasmparser::FuncType::new(a.params.iter().map(wai_core), a.results.iter().map(wai_core));
        let fb = wasmparser::FuncType::new(b.params.iter().map(wit_core), b.results.iter().map(wit_core));
        if fa != fb || a.indirect_params != b.indirect_params || a.retptr != b.retptr {
            self.problems.push(format!(
                "the exported core function is `{}` in WAI's ABI but `{}` in the component model's",
                crate::interface::display_type(&fa),
                crate::interface::display_type(&fb)
            ));
        }
    }

    fn wit_handle(&self, b: &WitType) -> bool {
        matches!(self.wit_kind(b), Some(WitKind::Handle(_)))
    }

    fn differ(&mut self, at: &str, a: &WaiType, b: Option<&WitType>) {
        self.problems.push(format!("{at}: WAI says `{}`, WIT says `{}`", self.wai_name(a), self.wit_name(b)));
    }

    /// Follows WAI aliases (`type a = b`).
    fn wai_kind(&self, ty: &WaiType) -> Option<&WaiKind> {
        let mut ty = *ty;
        loop {
            let WaiType::Id(id) = ty else { return None };
            match &self.iface.iface.types[id].kind {
                WaiKind::Type(t) => ty = *t,
                kind => return Some(kind),
            }
        }
    }

    /// Follows WIT aliases, and `use`d types.
    fn wit_kind(&self, ty: &WitType) -> Option<&WitKind> {
        let mut ty = *ty;
        loop {
            let WitType::Id(id) = ty else { return None };
            match &self.resolve.types[id].kind {
                WitKind::Type(t) => ty = *t,
                kind => return Some(kind),
            }
        }
    }

    fn ty(&mut self, at: &str, a: &WaiType, b: Option<&WitType>) {
        let Some(b) = b else {
            if *a != WaiType::Unit {
                self.differ(at, a, None);
            }
            return;
        };
        // A resource handle (written for a call between components, whose
        // adapter moves it between handle tables) is one `i32` in both ABIs.
        if matches!(a, WaiType::Handle(_)) && self.wit_handle(b) {
            return;
        }
        if let Some(why) = self.unsupported(b) {
            self.problems.push(format!(
                "{at} is {why}, which has no WAI counterpart the linker can adapt: pass the data itself (records, lists, strings) instead"
            ));
            return;
        }
        use WaiType as A;
        use WitType as B;
        let same_prim = matches!(
            (a, b),
            (A::Bool, B::Bool)
                | (A::U8, B::U8)
                | (A::U16, B::U16)
                | (A::U32, B::U32)
                | (A::U64, B::U64)
                | (A::S8, B::S8)
                | (A::S16, B::S16)
                | (A::S32, B::S32)
                | (A::S64, B::S64)
                | (A::Float32, B::F32)
                | (A::Float64, B::F64)
                | (A::Char, B::Char)
                | (A::String, B::String)
        );
        if same_prim {
            return;
        }
        let (Some(ka), Some(kb)) = (self.wai_kind(a), self.wit_kind(b)) else {
            return self.differ(at, a, Some(b));
        };
        let (ka, kb) = (ka.clone(), kb.clone());
        let before = self.problems.len();
        match (&ka, &kb) {
            (WaiKind::Record(r), WitKind::Record(s)) => {
                let names_a: Vec<&str> = r.fields.iter().map(|f| f.name.as_str()).collect();
                let names_b: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
                if names_a != names_b {
                    self.problems.push(format!(
                        "{at}: WAI's record `{}` has the fields {names_a:?}, WIT's `{}` {names_b:?} (the same names in the same order are needed)",
                        self.wai_name(a),
                        self.wit_name(Some(b))
                    ));
                } else {
                    for (f, g) in r.fields.iter().zip(&s.fields) {
                        self.ty(&format!("{at}, field `{}`", f.name), &f.ty, Some(&g.ty));
                    }
                }
            }
            (WaiKind::Tuple(t), WitKind::Tuple(u)) if t.types.len() == u.types.len() => {
                for (i, (x, y)) in t.types.iter().zip(&u.types).enumerate() {
                    self.ty(&format!("{at}, tuple element {i}"), x, Some(y));
                }
            }
            (WaiKind::Flags(f), WitKind::Flags(g)) => {
                let fa: Vec<&str> = f.flags.iter().map(|x| x.name.as_str()).collect();
                let fb: Vec<&str> = g.flags.iter().map(|x| x.name.as_str()).collect();
                if fa != fb {
                    self.problems.push(format!("{at}: WAI's flags are {fa:?}, WIT's {fb:?}"));
                }
            }
            (WaiKind::Enum(e), WitKind::Enum(f)) => {
                let ca: Vec<&str> = e.cases.iter().map(|x| x.name.as_str()).collect();
                let cb: Vec<&str> = f.cases.iter().map(|x| x.name.as_str()).collect();
                if ca != cb {
                    self.problems.push(format!("{at}: WAI's enum cases are {ca:?}, WIT's {cb:?}"));
                }
            }
            (WaiKind::Variant(v), WitKind::Variant(w)) => {
                let ca: Vec<&str> = v.cases.iter().map(|x| x.name.as_str()).collect();
                let cb: Vec<&str> = w.cases.iter().map(|x| x.name.as_str()).collect();
                if ca != cb {
                    self.problems.push(format!("{at}: WAI's variant cases are {ca:?}, WIT's {cb:?}"));
                } else {
                    for (x, y) in v.cases.iter().zip(&w.cases) {
                        self.ty(&format!("{at}, case `{}`", x.name), &x.ty, y.ty.as_ref());
                    }
                }
            }
            (WaiKind::Option(x), WitKind::Option(y)) => self.ty(&format!("{at}, the option's value"), x, Some(y)),
            (WaiKind::Expected(e), WitKind::Result(r)) => {
                self.ty(&format!("{at}, the ok value"), &e.ok, r.ok.as_ref());
                self.ty(&format!("{at}, the error value"), &e.err, r.err.as_ref());
            }
            (WaiKind::List(x), WitKind::List(y)) => self.ty(&format!("{at}, the list's elements"), x, Some(y)),
            _ => return self.differ(at, a, Some(b)),
        }
        if self.problems.len() == before {
            self.layout(at, a, b);
        }
    }

    /// Size and alignment, as each ABI's library computes them.
    fn layout(&mut self, at: &str, a: &WaiType, b: &WitType) {
        let (sa, aa) = (self.iface.sizes.size(a), self.iface.sizes.align(a));
        let (sb, ab) = (self.sizes.size(b).size_wasm32(), self.sizes.align(b).align_wasm32());
        if (sa, aa) != (sb, ab) {
            self.problems.push(format!(
                "{at}: `{}` is laid out in {sa} bytes aligned to {aa} by WAI, in {sb} bytes aligned to {ab} by the component model (WAI sizes a variant from each case's own alignment rather than from where its payload starts, and does not round the size up to the variant's alignment), so no adapter can copy it as one layout: change the type (e.g. reorder or widen the payloads so that each case's size is a multiple of the variant's alignment)",
                self.wai_name(a)
            ));
        }
    }

    /// What a WIT type uses that WAI cannot carry, if anything.
    fn unsupported(&self, ty: &WitType) -> Option<String> {
        if let WitType::ErrorContext = ty {
            return Some("an `error-context`".to_string());
        }
        let WitType::Id(id) = ty else { return None };
        let def = &self.resolve.types[*id];
        let resource_name =
            |id: &wit_parser::TypeId| self.resolve.types[*id].name.clone().unwrap_or_else(|| "(anonymous)".to_string());
        match &def.kind {
            WitKind::Resource => Some(format!("the resource `{}`", def.name.as_deref().unwrap_or("(anonymous)"))),
            WitKind::Handle(wit_parser::Handle::Own(r)) => {
                Some(format!("a handle to the resource `{}` (`own<{0}>`)", resource_name(r)))
            }
            WitKind::Handle(wit_parser::Handle::Borrow(r)) => {
                Some(format!("a borrowed handle to the resource `{}` (`borrow<{0}>`)", resource_name(r)))
            }
            WitKind::Future(_) => Some("a `future`".to_string()),
            WitKind::Stream(_) => Some("a `stream`".to_string()),
            WitKind::Map(..) => Some("a `map`".to_string()),
            WitKind::FixedLengthList(..) => Some("a fixed-length list".to_string()),
            WitKind::Type(t) => self.unsupported(t),
            _ => None,
        }
    }

    fn wai_name(&self, ty: &WaiType) -> String {
        match ty {
            WaiType::Unit => "no value".to_string(),
            WaiType::Bool => "bool".into(),
            WaiType::U8 => "u8".into(),
            WaiType::U16 => "u16".into(),
            WaiType::U32 => "u32".into(),
            WaiType::U64 => "u64".into(),
            WaiType::S8 => "s8".into(),
            WaiType::S16 => "s16".into(),
            WaiType::S32 => "s32".into(),
            WaiType::S64 => "s64".into(),
            WaiType::Float32 => "float32".into(),
            WaiType::Float64 => "float64".into(),
            WaiType::Char => "char".into(),
            WaiType::String => "string".into(),
            WaiType::Handle(_) => "handle".into(),
            WaiType::Id(id) => {
                let def = &self.iface.iface.types[*id];
                if let Some(name) = &def.name {
                    return name.clone();
                }
                match &def.kind {
                    WaiKind::List(t) => format!("list<{}>", self.wai_name(t)),
                    WaiKind::Option(t) => format!("option<{}>", self.wai_name(t)),
                    WaiKind::Expected(e) => format!("expected<{}, {}>", self.wai_name(&e.ok), self.wai_name(&e.err)),
                    WaiKind::Tuple(t) => {
                        format!("tuple<{}>", t.types.iter().map(|t| self.wai_name(t)).collect::<Vec<_>>().join(", "))
                    }
                    WaiKind::Type(t) => self.wai_name(t),
                    other => format!("{other:?}").split('(').next().unwrap_or("type").to_lowercase(),
                }
            }
        }
    }

    fn wit_name(&self, ty: Option<&WitType>) -> String {
        let Some(ty) = ty else { return "no value".to_string() };
        match ty {
            WitType::Id(id) => {
                let def = &self.resolve.types[*id];
                if let Some(name) = &def.name {
                    return name.clone();
                }
                let name = |t: &Option<WitType>| match t {
                    Some(t) => self.wit_name(Some(t)),
                    None => "_".to_string(),
                };
                match &def.kind {
                    WitKind::List(t) => format!("list<{}>", self.wit_name(Some(t))),
                    WitKind::Option(t) => format!("option<{}>", self.wit_name(Some(t))),
                    WitKind::Result(r) => format!("result<{}, {}>", name(&r.ok), name(&r.err)),
                    WitKind::Tuple(t) => format!(
                        "tuple<{}>",
                        t.types.iter().map(|t| self.wit_name(Some(t))).collect::<Vec<_>>().join(", ")
                    ),
                    WitKind::Type(t) => self.wit_name(Some(t)),
                    other => other.as_str().to_string(),
                }
            }
            WitType::Bool => "bool".into(),
            WitType::U8 => "u8".into(),
            WitType::U16 => "u16".into(),
            WitType::U32 => "u32".into(),
            WitType::U64 => "u64".into(),
            WitType::S8 => "s8".into(),
            WitType::S16 => "s16".into(),
            WitType::S32 => "s32".into(),
            WitType::S64 => "s64".into(),
            WitType::F32 => "f32".into(),
            WitType::F64 => "f64".into(),
            WitType::Char => "char".into(),
            WitType::String => "string".into(),
            WitType::ErrorContext => "error-context".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use wit_parser::Resolve;

    /// A module carrying `world` (a WIT package), as wit-bindgen embeds it.
    fn section_of(world: &str) -> Vec<u8> {
        let mut resolve = Resolve::default();
        let package = resolve.push_str("test.wit", world).unwrap();
        let world = resolve.select_world(&[package], None).unwrap();
        wit_component::metadata::encode(&resolve, world, wit_component::StringEncoding::UTF8, None, false).unwrap()
    }

    fn module_with(section: &[u8]) -> Vec<u8> {
        let mut module = wasm_encoder::Module::new();
        module.section(&wasm_encoder::CustomSection { name: "component-type:test".into(), data: section.into() });
        module.finish()
    }

    const WORLD: &str = "package test:dep;
        interface dep {
            record image { width: u32, pixels: list<u8> }
            variant v { a(string), b(option<tuple<u8, f64>>), c }
            flags f { x, y }
            scale: func(img: image, how: v, f: f) -> result<list<image>, string>;
        }
        world block { export dep; export plain: func(x: u32) -> u32; }";

    #[test]
    fn names_functions_and_their_post_returns() {
        let world = crate::wit::world::decode("`dep`", &module_with(&section_of(WORLD)), []).unwrap().unwrap();
        assert_eq!(world.name(), "test:dep/block");
        let scale = world.find("dep", "scale").unwrap();
        assert_eq!(scale.core, "test:dep/dep#scale");
        assert_eq!(scale.post_return, "cabi_post_test:dep/dep#scale");
        assert_eq!(world.find("dep", "plain").unwrap().core, "plain");
        let why = world.find("dep", "missing").err().expect("`missing` is not exported");
        assert!(why.contains("exports no function `missing`"), "{why}");
    }

    /// A broken section never panics: every truncation and every single
    /// corrupted byte of a real one is decoded or refused with a sentence.
    #[test]
    fn broken_sections_are_refused_not_panicked_on() {
        let section = section_of(WORLD);
        let mut tried = 0;
        for len in 0..section.len() {
            let _ = crate::wit::world::decode("`dep`", &module_with(&section[..len]), []);
            tried += 1;
        }
        for at in 0..section.len() {
            for value in [0x00, 0x7f, 0x80, 0xff] {
                let mut broken = section.clone();
                broken[at] = value;
                if let Err(why) = crate::wit::world::decode("`dep`", &module_with(&broken), []) {
                    assert!(why.starts_with("module `dep`"), "{why}");
                }
                tried += 1;
            }
        }
        assert!(tried > 100, "only {tried} variations");
        let why = crate::wit::world::decode("`dep`", &module_with(b"garbage"), []).err().expect("garbage is refused");
        assert!(why.contains("does not decode"), "{why}");
    }
}
