//! Interface types: the WAI (`.wit`) descriptions of what modules import and
//! export, and the canonical ABI facts derived from them by `wai-parser`
//! (core signatures, flattening, sizes and alignments).
//!
//! Nothing here re-derives the ABI: signatures come from
//! [`Interface::wasm_signature`], layout from [`SizeAlign`], and which lists
//! are copied as plain bytes from [`Interface::all_bits_valid`], the same
//! calls the WAI generators make.

use std::collections::BTreeMap;

use wai_parser::abi::{AbiVariant, WasmSignature, WasmType};
use wai_parser::SizeAlign;
use wai_parser::{Function, FunctionKind, Interface, Type, TypeDefKind};
use wasmparser::{FuncType, ValType};

/// One parsed interface with its layout table.
pub struct Iface {
    name: String,
    pub iface: Interface,
    pub sizes: SizeAlign,
}

impl Iface {
    pub fn parse(name: &str, text: &str) -> Result<Iface, String> {
        let iface =
            Interface::parse(name, text).map_err(|err| format!("interface `{name}` does not parse: {err:#}"))?;
        let mut sizes = SizeAlign::default();
        sizes.fill(&iface);
        Ok(Iface { name: name.to_string(), iface, sizes })
    }

    /// The name it was given (`wai-parser` keeps only what a file name's
    /// stem would be: nothing after a `/`, nothing from the first `.`, so
    /// an import module like `./x_bg.js` or `ns:pkg/iface` needs its own).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn func(&self, name: &str) -> Option<&Function> {
        self.iface.functions.iter().find(|f| f.name == name)
    }

    /// The core signature of `func` as `variant` sees it.
    pub fn signature(&self, variant: AbiVariant, func: &Function) -> WasmSignature {
        self.iface.wasm_signature(variant, func)
    }

    /// The flattened core types of `ty` (how it travels as parameters), or
    /// `None` when it is too large to travel flat.
    pub fn flat(&self, ty: &Type) -> Option<Vec<WasmType>> {
        let probe = Function {
            is_async: false,
            docs: Default::default(),
            name: String::new(),
            kind: FunctionKind::Freestanding,
            params: vec![(String::new(), *ty)],
            result: Type::Unit,
        };
        let sig = self.iface.wasm_signature(AbiVariant::GuestImport, &probe);
        (!sig.indirect_params).then_some(sig.params)
    }

    /// Whether values of `ty` point into linear memory (strings, lists).
    pub fn has_pointers(&self, ty: &Type) -> bool {
        match ty {
            Type::String => true,
            Type::Handle(_) => false,
            Type::Id(id) => match &self.iface.types[*id].kind {
                TypeDefKind::List(_) => true,
                TypeDefKind::Type(t) => self.has_pointers(t),
                TypeDefKind::Record(r) => r.fields.iter().any(|f| self.has_pointers(&f.ty)),
                TypeDefKind::Tuple(t) => t.types.iter().any(|t| self.has_pointers(t)),
                TypeDefKind::Variant(v) => v.cases.iter().any(|c| self.has_pointers(&c.ty)),
                TypeDefKind::Union(u) => u.cases.iter().any(|c| self.has_pointers(&c.ty)),
                TypeDefKind::Option(t) => self.has_pointers(t),
                TypeDefKind::Expected(e) => self.has_pointers(&e.ok) || self.has_pointers(&e.err),
                TypeDefKind::Flags(_) | TypeDefKind::Enum(_) => false,
                TypeDefKind::Future(_) | TypeDefKind::Stream(_) => false,
            },
            _ => false,
        }
    }

    /// Whether values of `ty` hold resource handles, which an adapter moves
    /// from one component's handle table to the other's.
    pub fn has_handles(&self, ty: &Type) -> bool {
        match ty {
            Type::Handle(_) => true,
            Type::Id(id) => match &self.iface.types[*id].kind {
                TypeDefKind::List(t) | TypeDefKind::Type(t) | TypeDefKind::Option(t) => self.has_handles(t),
                TypeDefKind::Record(r) => r.fields.iter().any(|f| self.has_handles(&f.ty)),
                TypeDefKind::Tuple(t) => t.types.iter().any(|t| self.has_handles(t)),
                TypeDefKind::Variant(v) => v.cases.iter().any(|c| self.has_handles(&c.ty)),
                TypeDefKind::Union(u) => u.cases.iter().any(|c| self.has_handles(&c.ty)),
                TypeDefKind::Expected(e) => self.has_handles(&e.ok) || self.has_handles(&e.err),
                TypeDefKind::Flags(_) | TypeDefKind::Enum(_) => false,
                TypeDefKind::Future(_) | TypeDefKind::Stream(_) => false,
            },
            _ => false,
        }
    }

    /// Whether a call of `func` needs an adapter between two components:
    /// it moves memory ([`Iface::moves_memory`]) or resource handles.
    pub fn needs_adapter(&self, func: &Function) -> bool {
        self.moves_memory(func)
            || func.params.iter().any(|(_, ty)| self.has_handles(ty))
            || self.has_handles(&func.result)
    }

    /// Whether a call of `func` reads or writes the caller's memory: a
    /// pointer-carrying parameter or result, parameters passed through memory,
    /// or a result written through a return pointer.
    pub fn moves_memory(&self, func: &Function) -> bool {
        let sig = self.signature(AbiVariant::GuestImport, func);
        sig.indirect_params
            || sig.retptr
            || func.params.iter().any(|(_, ty)| self.has_pointers(ty))
            || self.has_pointers(&func.result)
    }
}

/// The core function type of a WAI signature.
pub fn core_type(sig: &WasmSignature) -> FuncType {
    FuncType::new(sig.params.iter().map(val_type), sig.results.iter().map(val_type))
}

pub fn val_type(ty: &WasmType) -> ValType {
    match ty {
        WasmType::I32 => ValType::I32,
        WasmType::I64 => ValType::I64,
        WasmType::F32 => ValType::F32,
        WasmType::F64 => ValType::F64,
    }
}

/// Interfaces by name (the name is what importers write as their import
/// module, e.g. `dependency` for `dependency.wit`).
#[derive(Default)]
pub struct Interfaces {
    map: BTreeMap<String, Iface>,
}

impl Interfaces {
    pub fn insert(&mut self, iface: Iface) {
        self.map.insert(iface.name().to_string(), iface);
    }

    pub fn get(&self, name: &str) -> Option<&Iface> {
        self.map.get(name)
    }
}

/// `(i32, i32) -> (i32)`, the way error messages print a core type.
pub fn display_type(ty: &FuncType) -> String {
    let list = |tys: &[ValType]| tys.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
    format!("({}) -> ({})", list(ty.params()), list(ty.results()))
}
