//! A WIT function written as a WAI interface, so that the adapter
//! generator (which reads WAI through `wai-parser`) serves a call between
//! two components. The text is parsed by `wai-parser` like any interface,
//! and [`crate::wit::check::compare`] then checks that WAI's layout and
//! core signatures of it are the component model's (`wit-parser`'s), so a
//! WAI layout quirk refuses the link instead of corrupting data.
//!
//! Resources (`own`, `borrow`), futures, streams, `error-context`, maps and
//! fixed-length lists have no WAI counterpart: they are refused by name.

use std::collections::HashMap;

use wit_parser::{Function, Resolve, Type, TypeDefKind, TypeId};

/// A WAI interface under construction: the named types its functions use
/// (each declared once) and the functions, named as in WIT.
pub struct Writer<'a> {
    funcs: Vec<String>,
    /// WAI resources declared for handles: `own-wN` and `borrow-wN` for
    /// the own and borrowed handles of WIT resource type `N`.
    resources: Vec<String>,
    resolve: &'a Resolve,
    /// Declarations of named types, dependencies first.
    decls: Vec<String>,
    /// The WAI name given to each named WIT type.
    names: HashMap<TypeId, String>,
    /// WAI names in use, with the WIT type that has each.
    taken: HashMap<String, TypeId>,
}

impl<'a> Writer<'a> {
    pub fn new(resolve: &'a Resolve) -> Writer<'a> {
        Writer {
            funcs: Vec::new(),
            resources: Vec::new(),
            resolve,
            decls: Vec::new(),
            names: HashMap::new(),
            taken: HashMap::new(),
        }
    }

    /// Adds `func`, or says which of its types WAI cannot express.
    pub fn function(&mut self, func: &Function) -> Result<(), String> {
        let mut params = Vec::new();
        let name = wai_name(&func.name);
        for p in &func.params {
            params.push(format!("{}: {}", p.name, self.ty(&p.ty)?));
        }
        let result = match &func.result {
            Some(ty) => format!(" -> {}", self.ty(ty)?),
            None => String::new(),
        };
        self.funcs.push(format!("{name}: func({}){result}", params.join(", ")));
        Ok(())
    }

    /// The interface's text.
    pub fn finish(self) -> String {
        let mut text: String = self.resources.iter().map(|r| format!("resource {r}\n")).collect();
        text.push_str(&self.decls.join("\n"));
        text.push('\n');
        text.push_str(&self.funcs.join("\n"));
        text.push('\n');
        text
    }

    fn ty(&mut self, ty: &Type) -> Result<String, String> {
        Ok(match ty {
            Type::Bool => "bool".into(),
            Type::U8 => "u8".into(),
            Type::U16 => "u16".into(),
            Type::U32 => "u32".into(),
            Type::U64 => "u64".into(),
            Type::S8 => "s8".into(),
            Type::S16 => "s16".into(),
            Type::S32 => "s32".into(),
            Type::S64 => "s64".into(),
            Type::F32 => "float32".into(),
            Type::F64 => "float64".into(),
            Type::Char => "char".into(),
            Type::String => "string".into(),
            Type::ErrorContext => return Err("`error-context` (component-model async)".into()),
            Type::Id(id) => self.id(*id)?,
        })
    }

    fn opt(&mut self, ty: &Option<Type>) -> Result<String, String> {
        match ty {
            Some(ty) => self.ty(ty),
            None => Ok("unit".into()),
        }
    }

    fn id(&mut self, id: TypeId) -> Result<String, String> {
        if let Some(name) = self.names.get(&id) {
            return Ok(name.clone());
        }
        let def = &self.resolve.types[id];
        let named = |w: &mut Self, body: String, keyword: &str| -> String {
            let base = def.name.clone().unwrap_or_else(|| "anonymous".into());
            let mut name = base.clone();
            let mut n = 2;
            while w.taken.get(&name).is_some_and(|other| *other != id) {
                name = format!("{base}-{n}");
                n += 1;
            }
            w.taken.insert(name.clone(), id);
            w.names.insert(id, name.clone());
            w.decls.push(format!("{keyword} {name} {{ {body} }}"));
            name
        };
        Ok(match &def.kind {
            TypeDefKind::Type(ty) => self.ty(ty)?,
            TypeDefKind::Record(r) => {
                let mut fields = Vec::new();
                for f in &r.fields {
                    fields.push(format!("{}: {}", f.name, self.ty(&f.ty)?));
                }
                named(self, fields.join(", "), "record")
            }
            TypeDefKind::Variant(v) => {
                let mut cases = Vec::new();
                for c in &v.cases {
                    cases.push(match &c.ty {
                        Some(ty) => format!("{}({})", c.name, self.ty(ty)?),
                        None => c.name.clone(),
                    });
                }
                named(self, cases.join(", "), "variant")
            }
            TypeDefKind::Enum(e) => {
                let cases: Vec<String> = e.cases.iter().map(|c| c.name.clone()).collect();
                named(self, cases.join(", "), "enum")
            }
            TypeDefKind::Flags(f) => {
                let flags: Vec<String> = f.flags.iter().map(|c| c.name.clone()).collect();
                named(self, flags.join(", "), "flags")
            }
            TypeDefKind::Tuple(t) => {
                let mut tys = Vec::new();
                for ty in &t.types {
                    tys.push(self.ty(ty)?);
                }
                format!("tuple<{}>", tys.join(", "))
            }
            TypeDefKind::Option(ty) => format!("option<{}>", self.ty(ty)?),
            TypeDefKind::Result(r) => format!("expected<{}, {}>", self.opt(&r.ok)?, self.opt(&r.err)?),
            TypeDefKind::List(ty) => format!("list<{}>", self.ty(ty)?),
            TypeDefKind::Handle(h) => {
                let (kind, res) = match h {
                    wit_parser::Handle::Own(r) => ("own", r),
                    wit_parser::Handle::Borrow(r) => ("borrow", r),
                };
                let name = format!("{kind}-w{}", resource(self.resolve, *res).index());
                if !self.resources.contains(&name) {
                    self.resources.push(name.clone());
                }
                return Ok(format!("handle {name}"));
            }
            TypeDefKind::Resource => return Err("a resource".into()),
            TypeDefKind::Future(_) => return Err("a `future` (component-model async)".into()),
            TypeDefKind::Stream(_) => return Err("a `stream` (component-model async)".into()),
            TypeDefKind::FixedLengthList(..) => return Err("a fixed-length list".into()),
            TypeDefKind::Map(..) => return Err("a map".into()),
            TypeDefKind::Unknown => return Err("a type the WIT decoder did not resolve".into()),
        })
    }
}

/// A WIT function's name as a WAI identifier: `[constructor]counter` is
/// `constructor-counter`, `[method]counter.get` `method-counter-get`,
/// `[static]counter.make` `static-counter-make`; plain names stay.
pub fn wai_name(name: &str) -> String {
    name.trim_start_matches('[').replace([']', '.'], "-")
}

/// The resource type a handle names, through `type` aliases (`use`).
pub fn resource(resolve: &Resolve, mut id: TypeId) -> TypeId {
    while let TypeDefKind::Type(Type::Id(next)) = resolve.types[id].kind {
        id = next;
    }
    id
}

/// Every resource handle `func` passes: `(resource type, own)`.
pub fn handles(resolve: &Resolve, func: &Function) -> Vec<(TypeId, bool)> {
    fn walk(resolve: &Resolve, ty: &Type, out: &mut Vec<(TypeId, bool)>) {
        let Type::Id(id) = ty else { return };
        let mut add = |r: TypeId, own: bool| {
            let r = resource(resolve, r);
            if !out.contains(&(r, own)) {
                out.push((r, own));
            }
        };
        match &resolve.types[*id].kind {
            TypeDefKind::Handle(wit_parser::Handle::Own(r)) => add(*r, true),
            TypeDefKind::Handle(wit_parser::Handle::Borrow(r)) => add(*r, false),
            TypeDefKind::Type(t) | TypeDefKind::Option(t) | TypeDefKind::List(t) => walk(resolve, t, out),
            TypeDefKind::Record(r) => r.fields.iter().for_each(|f| walk(resolve, &f.ty, out)),
            TypeDefKind::Tuple(t) => t.types.iter().for_each(|t| walk(resolve, t, out)),
            TypeDefKind::Variant(v) => v.cases.iter().filter_map(|c| c.ty.as_ref()).for_each(|t| walk(resolve, t, out)),
            TypeDefKind::Result(r) => r.ok.iter().chain(&r.err).for_each(|t| walk(resolve, t, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for p in &func.params {
        walk(resolve, &p.ty, &mut out);
    }
    if let Some(ty) = &func.result {
        walk(resolve, ty, &mut out);
    }
    out
}
