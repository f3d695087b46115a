//! Step 2 of the plan: for each function import, resolved, decide whether
//! it is wired directly or through an adapter (from an interface, or from
//! a WASI function's shape), and refuse what cannot cross.

use wai_parser::abi::AbiVariant;
use wasmparser::{FuncType, ValType};

use crate::error::Problems;
use crate::interface::Interfaces;
use crate::interface::{core_type, display_type, Iface};
use crate::ir::input::Input;
use crate::ir::plan::{AdapterKind, AdapterSpec, Callee, HostImport, Target};
use crate::plan::numbers::{numbers_flag, wit_flag, Rule};
use crate::plan::resolve::intern;
use crate::wasi::{self, Shape};

/// Whether a core type has an `i32` that could be a pointer.
fn may_carry_pointer(ty: &FuncType) -> bool {
    ty.params().iter().chain(ty.results()).any(|t| *t == ValType::I32)
}

/// One function import, resolved: step 2 decides whether it is wired
/// directly or through an adapter, and refuses what cannot cross.
pub(super) struct Call<'a> {
    pub(super) inputs: &'a [Input],
    pub(super) caller: usize,
    /// The module whose memory the caller's side of an adapter uses.
    pub(super) caller_side: usize,
    pub(super) import: &'a crate::ir::input::Import,
    /// The importer's core type.
    pub(super) ty: &'a FuncType,
    pub(super) target: Target,
    /// Whether caller and callee use different memories.
    pub(super) crosses: bool,
    /// The numbers-only rule that names this import, if any.
    pub(super) numbers: Option<&'a Rule>,
}

impl Call<'_> {
    pub(super) fn here(&self) -> String {
        let input = &self.inputs[self.caller];
        format!("module `{}` imports `{}.{}`", input.name, self.import.module, self.import.field)
    }

    /// The adapter this call needs, if any.
    pub(super) fn decide(
        &self,
        interfaces: &Interfaces,
        host_funcs: &mut Vec<HostImport<FuncType>>,
        problems: &mut Problems,
    ) -> Option<AdapterSpec> {
        if self.import.numbers_only {
            return None;
        }
        let (interface, func) = self.import.described_as();
        let iface = interfaces.get(interface);
        match (iface, iface.and_then(|i| i.func(func))) {
            (Some(iface), Some(func)) => self.by_interface(iface, func, problems),
            (Some(_), None) if self.numbers.is_some() => None,
            (Some(iface), None) => {
                let why = format!("but interface `{}` declares no function `{}`", iface.name(), self.import.field);
                let hint = if may_carry_pointer(self.ty) {
                    format!(
                        " (if it passes numbers only, pass `{}`)",
                        numbers_flag(&self.import.module, &self.import.field)
                    )
                } else {
                    String::new()
                };
                problems.push(format!("{}, {why}{hint}", self.here()));
                None
            }
            (None, _) => match self.target {
                Target::Host(index) if self.import.module == wasi::MODULE => self.wasi(index, host_funcs, problems),
                Target::Host(_) if wasi::is_wasi_module(&self.import.module) => {
                    if self.crosses && may_carry_pointer(self.ty) && self.numbers.is_none() {
                        problems.push(format!(
                            "{} `{}` from a module whose memory is not the one the host reads; the linker adapts the functions of `{}` only (build the module for `wasm32-wasip1`)",
                            self.here(),
                            display_type(self.ty),
                            wasi::MODULE
                        ));
                    }
                    None
                }
                _ => {
                    self.refuse_unknown(problems);
                    None
                }
            },
        }
    }

    /// A call described by an interface: both core types must be what the
    /// interface says, and a call that moves data across memories is adapted.
    pub(super) fn by_interface(
        &self,
        iface: &Iface,
        func: &wai_parser::Function,
        problems: &mut Problems,
    ) -> Option<AdapterSpec> {
        let want_import = core_type(&iface.signature(AbiVariant::GuestImport, func));
        if *self.ty != want_import {
            problems.push(format!(
                "{} as `{}`, but interface `{}` declares it as `{}` for an importer",
                self.here(),
                display_type(self.ty),
                iface.name(),
                display_type(&want_import)
            ));
            return None;
        }
        if let Target::Defined { module, index } = self.target {
            let callee = &self.inputs[module];
            let have = callee.func_type(callee.imported.funcs + index);
            let want_export = core_type(&iface.signature(AbiVariant::GuestExport, func));
            if *have != want_export {
                problems.push(format!(
                    "module `{}` exports `{}` as `{}`, but interface `{}` declares it as `{}` for an exporter",
                    callee.name,
                    self.import.field,
                    display_type(have),
                    iface.name(),
                    display_type(&want_export)
                ));
                return None;
            }
        }
        if let Some(rule) = self.numbers.filter(|rule| rule.exact() && iface.moves_memory(func)) {
            problems.push(format!(
                "`--numbers {}` says that `{}.{}` passes numbers only, but interface `{}` says that it moves data through memory: remove the rule, the interface decides",
                rule.spec(),
                self.import.module,
                self.import.field,
                iface.name()
            ));
            return None;
        }
        if !(self.crosses && iface.needs_adapter(func)) {
            return None;
        }
        let callee = match self.target {
            Target::Host(index) => Callee::Host { index },
            Target::Defined { module, index } => Callee::Export { module, index },
        };
        Some(self.spec(iface.name(), &func.name, callee, AdapterKind::Interface))
    }

    /// A `wasi_snapshot_preview1` call: checked against its shape, adapted
    /// when it carries pointers across memories.
    pub(super) fn wasi(
        &self,
        index: u32,
        host_funcs: &mut Vec<HostImport<FuncType>>,
        problems: &mut Problems,
    ) -> Option<AdapterSpec> {
        // The host reads this module's own memory: the call goes to the host
        // as it is, whatever its type (the host is the judge of that).
        if !self.crosses {
            return None;
        }
        let Some(shape) = wasi::shape(&self.import.field) else {
            if may_carry_pointer(self.ty) && self.numbers.is_none() {
                problems.push(format!(
                    "{} `{}`, which is not a `{}` function the linker knows, from a module whose memory is not the one the host reads: the linker cannot tell which of its `i32`s are pointers (if it passes numbers only, pass `{}`)",
                    self.here(),
                    display_type(self.ty),
                    wasi::MODULE,
                    numbers_flag(&self.import.module, &self.import.field)
                ));
            }
            return None;
        };
        if *self.ty != shape.ty() {
            let why = if legalized(self.ty, &shape.ty()) {
                ": its `i64`s were split into pairs of `i32`s (legalized for JavaScript, as Emscripten does unless built with `-sWASM_BIGINT`), and the linker adapts a call from a module whose memory is not the one the host reads only with WASI's own types; rebuild the module with `-sWASM_BIGINT` (or `-sSTANDALONE_WASM`)"
            } else {
                ""
            };
            problems.push(format!(
                "{} as `{}`, but WASI declares it as `{}`{why}",
                self.here(),
                display_type(self.ty),
                display_type(&shape.ty())
            ));
            return None;
        }
        if !shape.has_pointers() {
            return None;
        }
        // `args_get`/`environ_get` adapters ask for the sizes first, whether
        // or not any module imports that function.
        let sizes = shape.args.iter().find_map(|a| match a {
            wasi::Arg::Strings { sizes } => wasi::shape(sizes),
            _ => None,
        });
        let sizes = match sizes {
            Some(sizes) => Some(self.sizes_query(sizes, host_funcs, problems)?),
            None => None,
        };
        Some(self.spec(wasi::MODULE, &self.import.field, Callee::Host { index }, AdapterKind::Wasi { shape, sizes }))
    }

    /// The host import an `args_get`/`environ_get` adapter calls first:
    /// shared with a module that imports it, which must then have imported
    /// it with WASI's own type (the main module's imports are not checked).
    pub(super) fn sizes_query(
        &self,
        sizes: &'static Shape,
        host_funcs: &mut Vec<HostImport<FuncType>>,
        problems: &mut Problems,
    ) -> Option<u32> {
        let (index, _) = intern(host_funcs, wasi::MODULE, sizes.name, &sizes.ty());
        let have = &host_funcs[index as usize].ty;
        if *have != sizes.ty() {
            problems.push(format!(
                "{}, whose adapter calls `{}.{}` as WASI declares it, `{}`, but another module imports that as `{}`: the output can import it only once",
                self.here(),
                wasi::MODULE,
                sizes.name,
                display_type(&sizes.ty()),
                display_type(have)
            ));
            return None;
        }
        Some(index)
    }

    /// A call with no interface and no shape: fine with numbers only (by
    /// its type, or as a numbers-only rule says), or within one memory;
    /// else the linker refuses to guess.
    pub(super) fn refuse_unknown(&self, problems: &mut Problems) {
        if !(self.crosses && may_carry_pointer(self.ty)) || self.numbers.is_some() {
            return;
        }
        let far = match self.target {
            Target::Host(_) => "the host (which reads the main module's memory)".to_string(),
            Target::Defined { module, .. } => format!("module `{}`", self.inputs[module].name),
        };
        let (module, field) = (&self.import.module, &self.import.field);
        let hatch = format!(
            "`{}` (`{}` for every function of `{module}`)",
            numbers_flag(module, field),
            numbers_flag(module, "*")
        );
        let what = if wai_parser::validate_id(field).is_ok() {
            format!("and no interface `{module}` says whether its `i32`s are pointers: pass `{}`, or, if it passes numbers only, {hatch}", wit_flag(module))
        } else {
            format!("and nothing says whether its `i32`s are pointers (no interface can: `{field}` is not a WAI name, which is kebab-case): if it passes numbers only, pass {hatch}")
        };
        problems.push(format!(
            "{} `{}` from {far}, which uses another memory, {what}",
            self.here(),
            display_type(self.ty)
        ));
    }

    pub(super) fn spec(&self, interface: &str, func: &str, callee: Callee, kind: AdapterKind) -> AdapterSpec {
        AdapterSpec {
            caller_side: self.caller_side,
            handles: self.import.canon.as_ref().map(|c| c.handles.clone()).unwrap_or_default(),
            borrow_scope: self.import.canon.as_ref().is_some_and(|c| c.borrow_scope),
            interface: interface.to_string(),
            func: func.to_string(),
            callee,
            ty: self.ty.clone(),
            kind,
        }
    }
}

/// Whether `ty` is `wasi` with every `i64` parameter split into two `i32`s
/// (the way Emscripten legalizes imports for JavaScript).
fn legalized(ty: &FuncType, wasi: &FuncType) -> bool {
    let split: Vec<ValType> = wasi
        .params()
        .iter()
        .flat_map(|&t| if t == ValType::I64 { vec![ValType::I32, ValType::I32] } else { vec![t] })
        .collect();
    wasi.params().contains(&ValType::I64) && ty.params() == split.as_slice() && ty.results() == wasi.results()
}
