//! Evaluates components statically: every core instance they create
//! becomes one core module to link ([`CoreInstance`]), each of its imports
//! bound to what the component wires it to, and every `canon lower` of a
//! function that another component lifts becomes a canonical call
//! ([`Lowered`]) that the plan turns into an adapter.
//!
//! The evaluation follows the component model's index spaces: each
//! declaration adds to one, aliases read instances' exports, nested
//! components are instantiated with their arguments bound to their
//! imports, and an instance made of exports is a map from names to items.
//! A top-level import of one input component is bound to the export of the
//! same name of another input component (`fixture:blocks/ops`, with or
//! without its `@version`).

use std::collections::BTreeMap;
use std::rc::Rc;

use wasmparser::{
    CanonicalFunction, CanonicalOption, ComponentAlias, ComponentExternalKind, ComponentInstance,
    ComponentOuterAliasKind, ComponentTypeRef, ExternalKind, Instance,
};

use super::parse::{Decl, Def};

/// A component function, as far as linking needs it.
#[derive(Clone)]
pub struct Func {
    pub target: FuncTarget,
    /// How the scope that holds this value imported it (`(instance import,
    /// Some(function))`, or `(function import, None)`), which its WIT
    /// types are read by when it is lowered there.
    pub local: Option<(String, Option<String>)>,
}

#[derive(Clone)]
pub enum FuncTarget {
    /// A top-level import of input component `file`, not bound yet.
    Import {
        file: usize,
        name: String,
        func: Option<String>,
    },
    Lifted(Rc<Lifted>),
}

/// `canon lift`: a core function of a core instance and its options.
pub struct Lifted {
    pub core: CoreItem,
    pub options: Options,
    /// The lifting component instance's handle table.
    pub table: usize,
}

/// The canonical options of a lift or a lower.
#[derive(Clone, Default)]
pub struct Options {
    pub memory: Option<CoreItem>,
    pub realloc: Option<CoreItem>,
    pub post_return: Option<CoreItem>,
    /// What cannot be linked (an async lift, UTF-16 strings), in words.
    pub refused: Vec<String>,
}

/// A core item: an export of a core instance, a lowered function, or an
/// intrinsic the linker does not provide yet.
#[derive(Clone)]
pub enum CoreItem {
    Export {
        instance: usize,
        name: String,
    },
    Lowered(usize),
    /// `resource.new`/`rep`/`drop` of a resource type, in the handle table
    /// of the component instance that declares the built-in.
    Resource {
        op: ResourceOp,
        ty: TypeVal,
        table: usize,
    },
    Intrinsic(String),
}

#[derive(Clone)]
pub enum CoreInst {
    Module(usize),
    Exports(Rc<BTreeMap<String, CoreItem>>),
}

#[derive(Clone)]
pub enum Inst {
    /// A top-level import of input component `file`.
    Import {
        file: usize,
        name: String,
    },
    Exports(Rc<BTreeMap<String, Item>>),
}

#[derive(Clone)]
pub enum Item {
    Func(Func),
    Instance(Inst),
    Component(Rc<OwnedDef>),
    Module(Option<(usize, usize)>),
    Type(TypeVal),
    Other,
}

/// A component type, as far as linking needs it: a resource type (by its
/// index in [`Flat::resources`]), one a top-level import names (bound
/// later), or any other type.
#[derive(Clone, Debug)]
pub enum TypeVal {
    Resource(usize),
    Import { file: usize, instance: String, name: String },
    Other,
}

/// One resource type: made fresh by each instantiation of the component
/// that defines it.
pub struct Resource {
    /// The defining component instance's handle table.
    pub table: usize,
    pub dtor: Option<CoreItem>,
}

/// The canonical built-ins of resources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceOp {
    New,
    Rep,
    Drop,
}

/// A nested component definition, kept for instantiation (by index into
/// the flattening's list of definitions).
pub struct OwnedDef(usize);

/// One core instance: a module instantiated once, with its arguments.
pub struct CoreInstance {
    /// Input component it belongs to.
    pub file: usize,
    /// The module's bytes: `(definition, module index in it)`.
    pub module: (usize, usize),
    pub(super) args: BTreeMap<String, CoreInst>,
}

/// One `canon lower`: the function lowered, its options, and where its
/// WIT type can be read (the lowering component's definition and the
/// function's import path there).
pub struct Lowered {
    pub func: Func,
    pub options: Options,
    pub def: usize,
    /// The lowering component instance's handle table.
    pub table: usize,
    /// What that instance's imports are bound to, by import name (to find
    /// the resource types its WIT names).
    pub imports: Rc<BTreeMap<String, Item>>,
}

/// What evaluating every input component gives.
#[derive(Default)]
pub struct Flat<'a> {
    /// Every component definition met (input components first, nested
    /// ones after), by index.
    pub defs: Vec<&'a Def<'a>>,
    pub instances: Vec<CoreInstance>,
    pub lowered: Vec<Lowered>,
    pub resources: Vec<Resource>,
    /// How many handle tables (component instances) there are.
    pub tables: usize,
    /// Per input component: its top-level exports.
    pub(super) exports: Vec<BTreeMap<String, Item>>,
    /// Per definition: its core modules' bytes.
    modules: Vec<Vec<&'a [u8]>>,
    /// The WASI 0.2 resource types the shims hand out, once added.
    pub wasi: Option<super::wasi02::table::WasiTypes>,
    pub problems: Vec<String>,
}

/// One scope of evaluation: a component's index spaces.
#[derive(Default)]
struct Scope {
    def: usize,
    funcs: Vec<Func>,
    instances: Vec<Inst>,
    components: Vec<Item>,
    /// Core modules: `(definition, index in it)`, `None` for one the
    /// linker cannot follow (a module an imported instance exports).
    modules: Vec<Option<(usize, usize)>>,
    core_funcs: Vec<CoreItem>,
    core_memories: Vec<CoreItem>,
    core_tables: Vec<CoreItem>,
    core_globals: Vec<CoreItem>,
    core_instances: Vec<CoreInst>,
    core_types: u32,
    types: Vec<TypeVal>,
    /// This component instance's handle table.
    table: usize,
    /// What its imports are bound to, by name.
    imports: BTreeMap<String, Item>,
    /// Instance index -> the import it came from, in this scope.
    imported_instances: BTreeMap<usize, String>,
    exports: BTreeMap<String, Item>,
}

impl<'a> Flat<'a> {
    /// Evaluates input component `file` (definition `defs[file]`).
    /// Evaluates the input components `files` (definitions `0..n`, so that
    /// definition `file` is input component `file`'s; nested definitions
    /// come after), each with how messages name it.
    pub fn add_files(&mut self, files: &[(&'a Def<'a>, String)]) {
        for (def, _) in files {
            self.add_def(def);
        }
        for (file, (_, label)) in files.iter().enumerate() {
            let mut stack = Vec::new();
            let exports = self.eval(file, file, None, &mut stack, label);
            self.exports.push(exports);
        }
    }

    fn add_def(&mut self, def: &'a Def<'a>) -> usize {
        self.defs.push(def);
        let modules =
            def.decls.iter().filter_map(|d| if let Decl::CoreModule(b) = d { Some(*b) } else { None }).collect();
        self.modules.push(modules);
        self.defs.len() - 1
    }

    pub fn module_bytes(&self, instance: &CoreInstance) -> &'a [u8] {
        self.modules[instance.module.0][instance.module.1]
    }

    /// Evaluates definition `d` of input component `file`; `args` binds its
    /// imports (`None`: a top-level component, whose imports stay open).
    /// Returns its exports.
    fn eval(
        &mut self,
        d: usize,
        file: usize,
        args: Option<BTreeMap<String, Item>>,
        stack: &mut Vec<Scope>,
        label: &str,
    ) -> BTreeMap<String, Item> {
        let def = self.defs[d];
        stack.push(Scope { def: d, table: self.tables, ..Default::default() });
        self.tables += 1;
        let mut module_index = 0;
        for decl in &def.decls {
            let scope = stack.len() - 1;
            match decl {
                Decl::CoreModule(_) => {
                    stack[scope].modules.push(Some((d, module_index)));
                    module_index += 1;
                }
                Decl::Component(inner) => {
                    let inner: &'a Def<'a> = inner;
                    let id = self.add_def(inner);
                    stack[scope].components.push(Item::Component(Rc::new(OwnedDef(id))));
                }
                Decl::CoreTypes(n) => stack[scope].core_types += n,
                Decl::Types(types) => {
                    for ty in types {
                        let value = match ty {
                            Some(dtor) => {
                                let s = &stack[scope];
                                let dtor = dtor.and_then(|f| s.core_funcs.get(f as usize).cloned());
                                self.resources.push(Resource { table: s.table, dtor });
                                TypeVal::Resource(self.resources.len() - 1)
                            }
                            None => TypeVal::Other,
                        };
                        stack[scope].types.push(value);
                    }
                }
                Decl::Import(import) => {
                    let name = import.name.name.to_string();
                    let bound = args.as_ref().and_then(|a| a.get(&name)).cloned();
                    let item = match (bound, import.ty) {
                        (Some(item), _) => item,
                        (None, ComponentTypeRef::Instance(_)) => {
                            Item::Instance(Inst::Import { file, name: name.clone() })
                        }
                        (None, ComponentTypeRef::Func(_)) => Item::Func(Func {
                            target: FuncTarget::Import { file, name: name.clone(), func: None },
                            local: None,
                        }),
                        (None, ComponentTypeRef::Type(_)) => Item::Type(TypeVal::Other),
                        (None, other) => {
                            let what = match other {
                                ComponentTypeRef::Module(_) => "a core module",
                                ComponentTypeRef::Component(_) => "a component",
                                _ => "a value",
                            };
                            self.problems.push(format!(
                                "component {label} imports `{name}`, {what}: only functions, instances and types can be linked"
                            ));
                            Item::Other
                        }
                    };
                    let item = match item {
                        Item::Func(f) => Item::Func(Func { target: f.target, local: Some((name.clone(), None)) }),
                        other => other,
                    };
                    stack[scope].imports.insert(name.clone(), item.clone());
                    if matches!(import.ty, ComponentTypeRef::Instance(_)) {
                        let index = stack[scope].instances.len();
                        stack[scope].imported_instances.insert(index, name);
                    }
                    push(&mut stack[scope], import_kind(import.ty), item);
                }
                Decl::Export(export) => {
                    let item = get(&stack[scope], export.kind, export.index);
                    stack[scope].exports.insert(export.name.name.to_string(), item.clone());
                    push(&mut stack[scope], export.kind, item);
                }
                Decl::Alias(alias) => self.alias(alias, stack, label),
                Decl::CoreInstance(instance) => {
                    let value = match instance {
                        Instance::Instantiate { module_index, args } => {
                            let args = args
                                .iter()
                                .map(|a| (a.name.to_string(), stack[scope].core_instances[a.index as usize].clone()))
                                .collect();
                            match stack[scope].modules.get(*module_index as usize).copied().flatten() {
                                Some(module) => {
                                    self.instances.push(CoreInstance { file, module, args });
                                    CoreInst::Module(self.instances.len() - 1)
                                }
                                None => {
                                    self.problems.push(format!(
                                        "component {label} instantiates a core module it did not define (one an imported instance exports), which the linker cannot follow"
                                    ));
                                    CoreInst::Exports(Rc::default())
                                }
                            }
                        }
                        Instance::FromExports(exports) => {
                            let s = &stack[scope];
                            let map = exports
                                .iter()
                                .map(|e| {
                                    let item = match e.kind {
                                        ExternalKind::Func | ExternalKind::FuncExact => {
                                            s.core_funcs[e.index as usize].clone()
                                        }
                                        ExternalKind::Memory => s.core_memories[e.index as usize].clone(),
                                        ExternalKind::Table => s.core_tables[e.index as usize].clone(),
                                        ExternalKind::Global => s.core_globals[e.index as usize].clone(),
                                        ExternalKind::Tag => CoreItem::Intrinsic("a tag".into()),
                                    };
                                    (e.name.to_string(), item)
                                })
                                .collect();
                            CoreInst::Exports(Rc::new(map))
                        }
                    };
                    stack[scope].core_instances.push(value);
                }
                Decl::Instance(instance) => {
                    let value = match instance {
                        ComponentInstance::Instantiate { component_index, args } => {
                            let s = &stack[scope];
                            let bound: BTreeMap<String, Item> =
                                args.iter().map(|a| (a.name.to_string(), get(s, a.kind, a.index))).collect();
                            match s.components[*component_index as usize].clone() {
                                Item::Component(def) => {
                                    let exports = self.eval(def.0, file, Some(bound), stack, label);
                                    Inst::Exports(Rc::new(exports))
                                }
                                _ => Inst::Exports(Rc::default()),
                            }
                        }
                        ComponentInstance::FromExports(exports) => {
                            let s = &stack[scope];
                            let map =
                                exports.iter().map(|e| (e.name.name.to_string(), get(s, e.kind, e.index))).collect();
                            Inst::Exports(Rc::new(map))
                        }
                    };
                    stack[scope].instances.push(value);
                }
                Decl::Canon(canon) => self.canon(canon, &mut stack[scope], label),
            }
        }
        stack.pop().map(|s| s.exports).unwrap_or_default()
    }

    fn alias(&mut self, alias: &ComponentAlias, stack: &mut [Scope], label: &str) {
        let scope = stack.len() - 1;
        match alias {
            ComponentAlias::InstanceExport { kind, instance_index, name } => {
                let s = &stack[scope];
                let item = match &s.instances[*instance_index as usize] {
                    Inst::Import { file, name: instance } => match kind {
                        ComponentExternalKind::Func => Item::Func(Func {
                            target: FuncTarget::Import {
                                file: *file,
                                name: instance.clone(),
                                func: Some(name.to_string()),
                            },
                            local: None,
                        }),
                        ComponentExternalKind::Instance => {
                            self.problems.push(format!(
                                "component {label} uses an instance nested in its import `{instance}`, which the linker does not follow yet"
                            ));
                            Item::Other
                        }
                        ComponentExternalKind::Type => Item::Type(TypeVal::Import {
                            file: *file,
                            instance: instance.clone(),
                            name: name.to_string(),
                        }),
                        _ => Item::Other,
                    },
                    Inst::Exports(map) => map.get(*name).cloned().unwrap_or(Item::Other),
                };
                // A function of an instance this scope imported keeps the
                // path it was imported by, for its WIT types.
                let item = match (item, s.imported_instances.get(&(*instance_index as usize))) {
                    (Item::Func(f), Some(instance)) => {
                        Item::Func(Func { target: f.target, local: Some((instance.clone(), Some(name.to_string()))) })
                    }
                    (item, _) => item,
                };
                push(&mut stack[scope], *kind, item);
            }
            ComponentAlias::CoreInstanceExport { kind, instance_index, name } => {
                let s = &mut stack[scope];
                let item = match &s.core_instances[*instance_index as usize] {
                    CoreInst::Module(i) => CoreItem::Export { instance: *i, name: name.to_string() },
                    CoreInst::Exports(map) => {
                        map.get(*name).cloned().unwrap_or_else(|| CoreItem::Intrinsic(format!("`{name}`")))
                    }
                };
                match kind {
                    ExternalKind::Func | ExternalKind::FuncExact => s.core_funcs.push(item),
                    ExternalKind::Memory => s.core_memories.push(item),
                    ExternalKind::Table => s.core_tables.push(item),
                    ExternalKind::Global => s.core_globals.push(item),
                    ExternalKind::Tag => {}
                }
            }
            ComponentAlias::Outer { kind, count, index } => {
                let Some(outer) = stack.len().checked_sub(1 + *count as usize) else { return };
                let item = match kind {
                    ComponentOuterAliasKind::CoreModule => {
                        Item::Module(stack[outer].modules.get(*index as usize).copied().flatten())
                    }
                    ComponentOuterAliasKind::Component => stack[outer].components[*index as usize].clone(),
                    ComponentOuterAliasKind::Type => {
                        Item::Type(stack[outer].types.get(*index as usize).cloned().unwrap_or(TypeVal::Other))
                    }
                    ComponentOuterAliasKind::CoreType => Item::Other,
                };
                let s = &mut stack[scope];
                match kind {
                    // A module of an enclosing component: instantiating it
                    // here instantiates that definition's module.
                    ComponentOuterAliasKind::CoreModule => {
                        s.modules.push(if let Item::Module(m) = item { m } else { None })
                    }
                    ComponentOuterAliasKind::Component => s.components.push(item),
                    ComponentOuterAliasKind::Type => {
                        s.types.push(if let Item::Type(t) = item { t } else { TypeVal::Other })
                    }
                    ComponentOuterAliasKind::CoreType => s.core_types += 1,
                }
            }
        }
    }

    fn canon(&mut self, canon: &CanonicalFunction, s: &mut Scope, label: &str) {
        match canon {
            CanonicalFunction::Lift { core_func_index, options, .. } => {
                let options = self.options(options, s);
                let core = s.core_funcs[*core_func_index as usize].clone();
                let lifted = Lifted { core, options, table: s.table };
                s.funcs.push(Func { target: FuncTarget::Lifted(Rc::new(lifted)), local: None });
            }
            CanonicalFunction::Lower { func_index, options } => {
                let options = self.options(options, s);
                let func = s.funcs[*func_index as usize].clone();
                let imports = Rc::new(s.imports.clone());
                self.lowered.push(Lowered { func, options, def: s.def, table: s.table, imports });
                s.core_funcs.push(CoreItem::Lowered(self.lowered.len() - 1));
            }
            CanonicalFunction::ResourceNew { resource } => {
                let ty = s.types.get(*resource as usize).cloned().unwrap_or(TypeVal::Other);
                s.core_funcs.push(CoreItem::Resource { op: ResourceOp::New, ty, table: s.table })
            }
            CanonicalFunction::ResourceRep { resource } => {
                let ty = s.types.get(*resource as usize).cloned().unwrap_or(TypeVal::Other);
                s.core_funcs.push(CoreItem::Resource { op: ResourceOp::Rep, ty, table: s.table })
            }
            CanonicalFunction::ResourceDrop { resource } => {
                let ty = s.types.get(*resource as usize).cloned().unwrap_or(TypeVal::Other);
                s.core_funcs.push(CoreItem::Resource { op: ResourceOp::Drop, ty, table: s.table })
            }
            other => {
                let name = format!("{other:?}");
                let name = name.split([' ', '{', '(']).next().unwrap_or_default().to_string();
                self.problems.push(format!(
                    "component {label} uses the canonical built-in `{name}` (component-model async, threads or GC), which has no core-module counterpart: build it without async"
                ));
                s.core_funcs.push(CoreItem::Intrinsic(format!("`{name}`")));
            }
        }
    }

    fn options(&mut self, options: &[CanonicalOption], s: &Scope) -> Options {
        let mut out = Options::default();
        for option in options {
            match option {
                CanonicalOption::UTF8 => {}
                CanonicalOption::UTF16 => out.refused.push("UTF-16 strings (`string-encoding=utf16`)".into()),
                CanonicalOption::CompactUTF16 => {
                    out.refused.push("latin1+UTF-16 strings (`string-encoding=latin1+utf16`)".into())
                }
                CanonicalOption::Memory(m) => out.memory = Some(s.core_memories[*m as usize].clone()),
                CanonicalOption::Realloc(f) => out.realloc = Some(s.core_funcs[*f as usize].clone()),
                CanonicalOption::PostReturn(f) => out.post_return = Some(s.core_funcs[*f as usize].clone()),
                CanonicalOption::Async | CanonicalOption::Callback(_) => {
                    out.refused.push("an async lift or lower (component-model async)".into())
                }
                CanonicalOption::CoreType(_) | CanonicalOption::Gc => out.refused.push("a GC lift or lower".into()),
            }
        }
        out
    }
}

fn import_kind(ty: ComponentTypeRef) -> ComponentExternalKind {
    match ty {
        ComponentTypeRef::Module(_) => ComponentExternalKind::Module,
        ComponentTypeRef::Func(_) => ComponentExternalKind::Func,
        ComponentTypeRef::Value(_) => ComponentExternalKind::Value,
        ComponentTypeRef::Type(_) => ComponentExternalKind::Type,
        ComponentTypeRef::Instance(_) => ComponentExternalKind::Instance,
        ComponentTypeRef::Component(_) => ComponentExternalKind::Component,
    }
}

/// Item `index` of the index space of `kind`.
fn get(s: &Scope, kind: ComponentExternalKind, index: u32) -> Item {
    let i = index as usize;
    match kind {
        ComponentExternalKind::Func => s.funcs.get(i).cloned().map(Item::Func),
        ComponentExternalKind::Instance => s.instances.get(i).cloned().map(Item::Instance),
        ComponentExternalKind::Component => s.components.get(i).cloned(),
        ComponentExternalKind::Module => s.modules.get(i).map(|m| Item::Module(*m)),
        ComponentExternalKind::Type => s.types.get(i).cloned().map(Item::Type),
        ComponentExternalKind::Value => Some(Item::Other),
    }
    .unwrap_or(Item::Other)
}

/// Adds `item` to the index space of `kind`.
fn push(s: &mut Scope, kind: ComponentExternalKind, item: Item) {
    match (kind, item) {
        (ComponentExternalKind::Func, Item::Func(f)) => s.funcs.push(f),
        (ComponentExternalKind::Func, _) => s.funcs.push(Func {
            target: FuncTarget::Import { file: usize::MAX, name: String::new(), func: None },
            local: None,
        }),
        (ComponentExternalKind::Instance, Item::Instance(i)) => s.instances.push(i),
        (ComponentExternalKind::Instance, _) => s.instances.push(Inst::Exports(Rc::default())),
        (ComponentExternalKind::Component, item) => s.components.push(item),
        (ComponentExternalKind::Module, Item::Module(m)) => s.modules.push(m),
        (ComponentExternalKind::Module, _) => s.modules.push(None),
        (ComponentExternalKind::Type, Item::Type(t)) => s.types.push(t),
        (ComponentExternalKind::Type, _) => s.types.push(TypeVal::Other),
        (ComponentExternalKind::Value, _) => {}
    }
}
