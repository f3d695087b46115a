//! Binding every core instance's imports ([`FrontDoor`]): to another
//! instance's export, to a canonical call (with the WAI interface it is
//! described by and the handles it moves), or to a resource built-in of the
//! handle tables' module.

use std::collections::BTreeMap;

use wasmparser::{ExternalKind, Parser, Payload, TypeRef};
use wit_parser::{Resolve, SizeAlign, WorldId, WorldItem};

use super::flatten::{CoreItem, Flat, FuncTarget, ResourceOp, TypeVal};
use super::resources::{self, Use};
use super::wai;
use super::wasi02;
use super::wasi02::table::Op;
use crate::interface::Iface;
use crate::ir::input::{Binding, Canon, FromComponent, HandleMove, Source};

/// A component's WIT, decoded once: `(resolve, world, sizes)`.
pub(super) type Wit = (Resolve, WorldId, SizeAlign);

/// Binds every core instance's imports, and writes the interfaces of the
/// canonical calls.
pub(super) struct FrontDoor<'f, 'a> {
    pub(super) flat: &'f Flat<'a>,
    pub(super) files: &'f [&'f Source],
    /// Per core instance: its module name in the link.
    pub(super) names: Vec<String>,
    /// Per core instance: where its source is (`sources[file][k]`).
    slots: Vec<(usize, usize)>,
    /// Per core instance: its exports, `name -> (kind, index)`.
    pub(super) exports: Vec<BTreeMap<String, (ExternalKind, u32)>>,
    /// Per definition: its WIT, once decoded (`None`: not yet).
    pub(super) wit: BTreeMap<usize, Result<Wit, String>>,
    /// Interfaces by name: the lowering definition, how messages name the
    /// interface, the functions.
    groups: BTreeMap<String, (usize, String, Vec<wit_parser::Function>)>,
    pub(super) interfaces: Vec<(String, String)>,
    pub(super) sources: Vec<Vec<Source>>,
    /// What the handle tables' module must export.
    pub(super) uses: std::collections::BTreeSet<Use>,
    /// WASI 0.2 shims, by calling core instance: its handle table and the
    /// functions it calls.
    pub(super) wasi: BTreeMap<usize, (usize, std::collections::BTreeSet<Op>)>,
    pub(super) problems: Vec<String>,
}

impl<'f, 'a> FrontDoor<'f, 'a> {
    pub(super) fn new(flat: &'f Flat<'a>, files: &'f [&'f Source]) -> Self {
        // Each component's main instance: the one whose functions it
        // exports; else the one whose memory its canonical options name
        // first; else its first instance.
        let mut main: Vec<Option<usize>> =
            (0..files.len()).map(|f| flat.exporting_instances(f).first().copied()).collect();
        let memory_instance = |item: &Option<CoreItem>| match item {
            Some(CoreItem::Export { instance, .. }) => Some(*instance),
            _ => None,
        };
        for lowered in &flat.lowered {
            if let Some(i) = memory_instance(&lowered.options.memory) {
                let file = flat.instances[i].file;
                main[file].get_or_insert(i);
            }
            if let FuncTarget::Lifted(l) = &lowered.func.target {
                if let Some(i) = memory_instance(&l.options.memory) {
                    let file = flat.instances[i].file;
                    main[file].get_or_insert(i);
                }
            }
        }
        let mut names = vec![String::new(); flat.instances.len()];
        let mut order: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
        for (file, source) in files.iter().enumerate() {
            let mine: Vec<usize> = (0..flat.instances.len()).filter(|&i| flat.instances[i].file == file).collect();
            let first = main[file].or(mine.first().copied());
            let mut k = 1;
            for &i in &mine {
                if Some(i) == first {
                    names[i] = source.name.clone();
                } else {
                    names[i] = format!("{}/{k}", source.name);
                    k += 1;
                }
            }
            order[file] = first.into_iter().chain(mine.into_iter().filter(|&i| Some(i) != first)).collect();
        }
        let mut slots = vec![(0, 0); flat.instances.len()];
        for (file, list) in order.iter().enumerate() {
            for (k, &i) in list.iter().enumerate() {
                slots[i] = (file, k);
            }
        }
        let exports: Vec<BTreeMap<String, (ExternalKind, u32)>> =
            flat.instances.iter().map(|inst| exports_of(flat.module_bytes(inst))).collect();
        let sources = order
            .iter()
            .enumerate()
            .map(|(file, list)| {
                list.iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        // The main instance answers for the component's
                        // functions by their plain names (a WAI importer's
                        // `block.shout`).
                        let world = (k == 0).then(|| decode(&files[file].bytes).ok()).flatten().and_then(
                            |(resolve, world, _)| {
                                let names = exports[i].keys().map(String::as_str);
                                crate::wit::world::from_resolve(&files[file].label(), resolve, world, names).ok()
                            },
                        );
                        Source {
                            name: names[i].clone(),
                            bytes: flat.module_bytes(&flat.instances[i]).to_vec(),
                            origin: files[file].origin.as_ref().map(|o| format!("{o}, core instance {i}")),
                            component: Some(FromComponent {
                                component: files[file].name.clone(),
                                world,
                                ..Default::default()
                            }),
                        }
                    })
                    .collect()
            })
            .collect();
        FrontDoor {
            flat,
            files,
            names,
            slots,
            exports,
            wit: BTreeMap::new(),
            groups: BTreeMap::new(),
            interfaces: Vec::new(),
            sources,
            uses: Default::default(),
            wasi: BTreeMap::new(),
            problems: Vec::new(),
        }
    }

    pub(super) fn label(&self, i: usize) -> String {
        self.files[self.flat.instances[i].file].label()
    }

    /// What the front door says of core instance `i`.
    fn from(&mut self, i: usize) -> Option<&mut FromComponent> {
        let (file, k) = self.slots[i];
        self.sources.get_mut(file)?.get_mut(k)?.component.as_mut()
    }

    pub(super) fn bind_all(&mut self) {
        for i in 0..self.flat.instances.len() {
            for (module, field) in imports_of(self.flat.module_bytes(&self.flat.instances[i])) {
                let Some(item) = self.flat.binding(i, &module, &field) else { continue };
                if let Some(binding) = self.bind(i, &module, &field, item) {
                    if let Some(from) = self.from(i) {
                        from.bindings.push(binding);
                    }
                }
            }
        }
        let groups = std::mem::take(&mut self.groups);
        for (name, (def, here, funcs)) in groups {
            let Some(Ok((resolve, _, sizes))) = self.wit.get(&def) else { continue };
            let mut writer = wai::Writer::new(resolve);
            let mut ok = true;
            for f in &funcs {
                if let Err(what) = writer.function(f) {
                    self.problems.push(format!(
                        "{here}, whose function `{}` passes {what}, which the linker cannot carry between components yet",
                        f.name
                    ));
                    ok = false;
                }
            }
            if !ok {
                continue;
            }
            let text = writer.finish();
            match Iface::parse(&name, &text) {
                Ok(iface) => {
                    for f in &funcs {
                        let Some(wai) = iface.func(&wai::wai_name(&f.name)) else { continue };
                        for problem in crate::wit::check::compare(&iface, wai, resolve, sizes, f) {
                            self.problems.push(format!(
                                "{here}, whose function `{}` cannot be adapted: the WAI layout the adapters are written from and the component model's disagree: {problem}",
                                f.name
                            ));
                        }
                    }
                    self.interfaces.push((name, text));
                }
                Err(why) => self
                    .problems
                    .push(format!("{name}: its functions cannot be written as WAI ({why}): please report this")),
            }
        }
    }

    /// What import `module.field` of instance `i`, bound to `item`, becomes.
    fn bind(&mut self, i: usize, module: &str, field: &str, item: CoreItem) -> Option<Binding> {
        let binding = |to: (String, String), canon| Binding {
            module: module.to_string(),
            field: field.to_string(),
            to,
            canon,
            numbers_only: false,
        };
        match item {
            CoreItem::Export { instance, name } => Some(binding((self.names[instance].clone(), name), None)),
            CoreItem::Resource { op, ty, table } => {
                let Some(ty) = self.flat.resource(&ty) else {
                    if let TypeVal::Import { instance, .. } = &ty {
                        if let Some(problem) = wasi02::interface_problem(&self.label(i), instance) {
                            self.problems.push(problem);
                            return None;
                        }
                    }
                    self.problems.push(format!(
                        "component {} uses a resource built-in (for `{module}.{field}`) of a type the linker cannot find: please report this",
                        self.label(i)
                    ));
                    return None;
                };
                let used = match op {
                    ResourceOp::New => Use::New { ty, table },
                    ResourceOp::Rep => Use::Rep { ty, table },
                    ResourceOp::Drop => Use::Drop { ty, table },
                };
                let to = (resources::MODULE.to_string(), used.export());
                self.uses.insert(used);
                Some(Binding { numbers_only: true, ..binding(to, None) })
            }
            CoreItem::Intrinsic(what) => {
                self.problems.push(format!(
                    "component {} gives its core module the built-in {what} (for `{module}.{field}`), which the linker does not provide yet (resources are not linked yet): export functions without resources",
                    self.label(i)
                ));
                None
            }
            CoreItem::Lowered(k) => {
                let lowered = &self.flat.lowered[k];
                if matches!(&lowered.func.target, FuncTarget::Import { name, .. } if name.starts_with("wasi:")) {
                    let (memory, realloc) = (lowered.options.memory.clone(), lowered.options.realloc.clone());
                    let (target, def, local, table) =
                        (lowered.func.target.clone(), lowered.def, lowered.func.local.clone(), lowered.table);
                    let here = format!("component {} lowers `{}`", self.label(i), path_name(&local));
                    let caller = self.side(&here, "caller", &memory, &realloc)?.unwrap_or_else(|| self.main_of(i));
                    let to = self.wasi(i, &here, caller, table, (target, def, local))?;
                    return Some(Binding { numbers_only: true, ..binding(to, None) });
                }
                let FuncTarget::Lifted(lifted) = &lowered.func.target else { return None };
                let here = format!("component {} lowers `{}`", self.label(i), path_name(&lowered.func.local));
                for what in lowered.options.refused.iter().chain(&lifted.options.refused) {
                    self.problems.push(format!("{here} with {what}, which the linker does not support yet"));
                }
                let CoreItem::Export { instance: callee, name: core } = &lifted.core else {
                    self.problems.push(format!("{here}, which is lifted from a function that is not a core export"));
                    return None;
                };
                // Without a `memory` option nothing passes through memory
                // on that side (the validator insists on one otherwise).
                let caller_side =
                    self.side(&here, "caller", &lowered.options.memory, &lowered.options.realloc)?.unwrap_or(i);
                let callee_side = self.side(&here, "callee", &lifted.options.memory, &lifted.options.realloc)?;
                if callee_side.is_some_and(|side| side != *callee) {
                    self.problems.push(format!(
                        "{here}, lifted with a memory that is not the memory of the core instance that exports `{core}`"
                    ));
                    return None;
                }
                if let Some(CoreItem::Export { name: post, .. }) = &lifted.options.post_return {
                    let post = (core.clone(), post.clone());
                    if let Some(from) = self.from(*callee) {
                        if !from.post_returns.contains(&post) {
                            from.post_returns.push(post);
                        }
                    }
                }
                let (interface, func) = self.describe(&here, lowered.def, &lowered.func.local)?;
                let (handles, borrow_scope) = self.handles(&here, k, lifted.table, &func)?;
                // A call that passes only handles and numbers still needs
                // an adapter: its caller's side is the component's main
                // instance when the lower names no memory.
                let caller_side = match (&lowered.options.memory, handles.is_empty()) {
                    (None, false) => self.main_of(i),
                    _ => caller_side,
                };
                let canon = Canon {
                    interface,
                    func: wai::wai_name(&func.name),
                    caller_side: self.names[caller_side].clone(),
                    handles,
                    borrow_scope,
                };
                Some(binding((self.names[*callee].clone(), core.clone()), Some(canon)))
            }
        }
    }

    /// The core instance whose memory (its own memory 0) and `cabi_realloc`
    /// the options name (`Some(None)`: no memory, so nothing passes through
    /// memory on that side); `None`, with a problem naming `side`, otherwise.
    pub(super) fn side(
        &mut self,
        here: &str,
        side: &str,
        memory: &Option<CoreItem>,
        realloc: &Option<CoreItem>,
    ) -> Option<Option<usize>> {
        let (instance, name) = match memory {
            None => return Some(None),
            Some(CoreItem::Export { instance, name }) => (instance, name),
            Some(_) => {
                self.problems.push(format!("{here} with a memory on the {side}'s side that no core instance defines"));
                return None;
            }
        };
        let own = matches!(self.exports[*instance].get(name), Some((ExternalKind::Memory, 0)));
        if !own {
            self.problems.push(format!(
                "{here} with the {side}'s memory `{name}`, which is not the memory its core instance defines or imports first"
            ));
            return None;
        }
        match realloc {
            None => {}
            Some(CoreItem::Export { instance: r, name: f }) if r == instance && f == "cabi_realloc" => {}
            Some(_) => {
                self.problems.push(format!(
                    "{here} with a `realloc` on the {side}'s side other than the instance's `cabi_realloc` export, which the linker does not support yet"
                ));
                return None;
            }
        }
        Some(Some(*instance))
    }

    /// The interface name and function name that describe the function
    /// lowered at import path `local` of definition `def`, adding the
    /// function to that interface.
    fn describe(
        &mut self,
        here: &str,
        def: usize,
        local: &Option<(String, Option<String>)>,
    ) -> Option<(String, wit_parser::Function)> {
        let Some((import, _)) = local else {
            self.problems.push(format!(
                "{here}, a function of its own (lifted and lowered in one component), which the linker does not support"
            ));
            return None;
        };
        let function = self.wit_function(here, def, local)?;
        let importer = self.flat.defs_label(def, self.files);
        let interface = format!("{import} as {importer} imports it");
        let here = format!("{importer} imports `{import}`");
        let group = self.groups.entry(interface.clone()).or_insert((def, here, Vec::new()));
        if !group.2.iter().any(|f| f.name == function.name) {
            group.2.push(function.clone());
        }
        Some((interface, function))
    }

    /// The WIT function lowered at import path `local` of definition `def`.
    pub(super) fn wit_function(
        &mut self,
        here: &str,
        def: usize,
        local: &Option<(String, Option<String>)>,
    ) -> Option<wit_parser::Function> {
        let (import, func) = local.as_ref()?;
        let bytes = self.flat.defs[def].bytes;
        let wit = self.wit.entry(def).or_insert_with(|| decode(bytes));
        let (resolve, world, _) = match wit {
            Ok(wit) => wit,
            Err(why) => {
                self.problems.push(format!("{here}: its WIT cannot be read: {why}"));
                return None;
            }
        };
        let found = resolve.worlds[*world].imports.iter().find_map(|(key, item)| {
            if resolve.name_world_key(key) != *import {
                return None;
            }
            match (item, func) {
                (WorldItem::Interface { id, .. }, Some(f)) => resolve.interfaces[*id].functions.get(f).cloned(),
                (WorldItem::Function(f), None) => Some(f.clone()),
                _ => None,
            }
        });
        if found.is_none() {
            self.problems.push(format!("{here}, which its WIT world does not import: please report this"));
        }
        found
    }

    /// How the handles `func` passes move, for lowered call `k` into a
    /// callee whose handle table is `callee`: the moves, and whether the
    /// callee borrows handles it must give back before returning.
    fn handles(
        &mut self,
        here: &str,
        k: usize,
        callee: usize,
        func: &wit_parser::Function,
    ) -> Option<(Vec<HandleMove>, bool)> {
        let lowered = &self.flat.lowered[k];
        let Some(Ok((resolve, _, _))) = self.wit.get(&lowered.def) else { return Some((Vec::new(), false)) };
        let caller = lowered.table;
        let mut moves = Vec::new();
        let mut scope = false;
        for (res, own) in wai::handles(resolve, func) {
            let def = &resolve.types[res];
            let owner = match def.owner {
                wit_parser::TypeOwner::Interface(id) => resolve.id_of(id),
                _ => None,
            };
            let name = def.name.clone().unwrap_or_default();
            let Some(ty) = owner.as_deref().and_then(|owner| self.flat.imported_resource(lowered, owner, &name)) else {
                self.problems.push(format!(
                    "{here}, which passes handles of the resource `{name}` that the linker cannot find among its imports: please report this"
                ));
                return None;
            };
            let wai = format!("{}-w{}", if own { "own" } else { "borrow" }, res.index());
            let (to_callee, to_caller) = if own {
                let there = Use::MoveOwn { ty, from: caller, to: callee };
                let back = Use::MoveOwn { ty, from: callee, to: caller };
                (there, Some(back))
            } else {
                let defines = self.flat.resources[ty].table == callee;
                scope |= !defines;
                (Use::Lend { ty, from: caller, to: callee, defines }, None)
            };
            moves.push(HandleMove {
                resource: wai,
                module: resources::MODULE.to_string(),
                to_callee: to_callee.export(),
                to_caller: to_caller.as_ref().map(Use::export),
            });
            self.uses.insert(to_callee);
            if let Some(back) = to_caller {
                self.uses.insert(back);
            }
        }
        Some((moves, scope))
    }

    /// The main instance of the component core instance `i` belongs to.
    pub(super) fn main_of(&self, i: usize) -> usize {
        let file = self.flat.instances[i].file;
        self.slots.iter().position(|&(f, k)| f == file && k == 0).unwrap_or(i)
    }

    /// The handle tables' module, when any component uses resources.
    pub(super) fn tables(&self) -> Option<Source> {
        if self.uses.is_empty() {
            return None;
        }
        let mut dtors: Vec<resources::Dtor> = self
            .flat
            .resources
            .iter()
            .map(|r| match &r.dtor {
                Some(CoreItem::Export { instance, name }) => Some((self.names[*instance].clone(), name.clone())),
                _ => None,
            })
            .collect();
        // WASI 0.2's descriptors and directory streams: destructors of the
        // WASI host module, when the link has it.
        if let (Some(wasi), true) = (&self.flat.wasi, self.wasi_host()) {
            for &(res, ty) in &wasi.types {
                if let (Some(export), Some(slot)) = (wasi02::host::dtor(res), dtors.get_mut(ty)) {
                    *slot = Some((wasi02::host::MODULE.to_string(), export.to_string()));
                }
            }
        }
        let text = resources::module(self.flat.tables, &dtors, &self.uses);
        let bytes = wat::parse_str(&text).ok()?;
        let bindings = dtors
            .iter()
            .flatten()
            .map(|(module, name)| Binding {
                module: module.clone(),
                field: name.clone(),
                to: (module.clone(), name.clone()),
                canon: None,
                numbers_only: true,
            })
            .collect();
        Some(Source {
            name: resources::MODULE.to_string(),
            bytes,
            origin: Some("the handle tables of the components' resources".to_string()),
            component: Some(FromComponent {
                component: resources::MODULE.to_string(),
                bindings,
                post_returns: Vec::new(),
                world: None,
            }),
        })
    }
}

impl Flat<'_> {
    /// How messages name definition `def`: its input component, or the
    /// component nested in it.
    fn defs_label(&self, def: usize, files: &[&Source]) -> String {
        match files.get(def) {
            Some(source) => format!("component {}", source.label()),
            None => format!("nested component {def}"),
        }
    }
}

fn path_name(local: &Option<(String, Option<String>)>) -> String {
    match local {
        Some((import, Some(func))) => format!("{import}.{func}"),
        Some((import, None)) => import.clone(),
        None => "a function".to_string(),
    }
}

/// A component's WIT world (`wit_component::decode`), laid out.
fn decode(bytes: &[u8]) -> Result<Wit, String> {
    match wit_component::decode(bytes).map_err(|e| format!("{e:#}"))? {
        wit_parser::decoding::DecodedWasm::Component(resolve, world) => {
            let mut sizes = SizeAlign::default();
            sizes.fill(&resolve).map_err(|e| format!("{e:#}"))?;
            Ok((resolve, world, sizes))
        }
        wit_parser::decoding::DecodedWasm::WitPackage(..) => Err("it is a WIT package, not a component".to_string()),
    }
}

/// A core module's function, table, memory and global imports, as written.
fn imports_of(bytes: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let Ok(Payload::ImportSection(reader)) = payload else { continue };
        for import in reader.into_imports().flatten() {
            if !matches!(import.ty, TypeRef::Tag(_)) {
                out.push((import.module.to_string(), import.name.to_string()));
            }
        }
    }
    out
}

/// A core module's exports.
fn exports_of(bytes: &[u8]) -> BTreeMap<String, (ExternalKind, u32)> {
    let mut out = BTreeMap::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let Ok(Payload::ExportSection(reader)) = payload else { continue };
        for export in reader.into_iter().flatten() {
            out.insert(export.name.to_string(), (export.kind, export.index));
        }
    }
    out
}
