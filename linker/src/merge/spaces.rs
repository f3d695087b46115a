//! The merged module's index spaces: where every entity of every module,
//! every host import and every generated function lands, before dead code
//! is dropped.

use wasmparser::TypeRef;

use crate::ir::generated::FuncSym;
use crate::ir::input::Input;
use crate::ir::plan::{Plan, Resolved, Target};

/// An index space of the merged module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Func,
    Table,
    Memory,
    Global,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Func, Kind::Table, Kind::Memory, Kind::Global];

    /// The kind of an import (tags are refused by `read`).
    pub(super) fn of(ty: &TypeRef) -> Option<Kind> {
        match ty {
            TypeRef::Func(_) | TypeRef::FuncExact(_) => Some(Kind::Func),
            TypeRef::Table(_) => Some(Kind::Table),
            TypeRef::Memory(_) => Some(Kind::Memory),
            TypeRef::Global(_) => Some(Kind::Global),
            TypeRef::Tag(_) => None,
        }
    }

    pub(super) fn slot(self) -> usize {
        self as usize
    }
}

/// A function's index in the merged module, before dead code is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct MergedFunc(pub(super) u32);

/// Where everything of every module lands in the merged index spaces,
/// before dead code is dropped.
pub(super) struct Layout {
    /// Per kind, per module: the merged index of the module's first own
    /// (not imported) entity of that kind.
    pub(super) base: [Vec<u32>; 4],
    /// Per kind: how many host imports come first.
    pub(super) host: [u32; 4],
    /// The merged index of the first generated function.
    pub(super) generated_base: u32,
    /// The merged index of the entry guard, if there is one: after every
    /// module's globals ([`GlobalSym::EntryGuard`]).
    pub(super) entry_guard: u32,
    pub(super) total_funcs: u32,
    pub(super) data_base: Vec<u32>,
    pub(super) elem_base: Vec<u32>,
    /// Per module, per kind: positions in `imports` of the n-th import.
    pub(super) import_pos: Vec<[Vec<usize>; 4]>,
}

impl Layout {
    pub(super) fn new(inputs: &[Input], plan: &Plan, generated: usize) -> Layout {
        let host = [
            plan.host_funcs.len() as u32,
            plan.host_tables.len() as u32,
            plan.host_memories.len() as u32,
            plan.host_globals.len() as u32,
        ];
        let mut next = host;
        let mut base: [Vec<u32>; 4] = Default::default();
        let (mut data_base, mut elem_base, mut import_pos) = (Vec::new(), Vec::new(), Vec::new());
        let (mut data, mut elem) = (0, 0);
        for input in inputs {
            let own = [
                input.func_types.len() as u32 - input.imported.funcs,
                input.tables.len() as u32 - input.imported.tables,
                input.memories.len() as u32 - input.imported.memories,
                input.globals.len() as u32 - input.imported.globals,
            ];
            for kind in Kind::ALL {
                base[kind.slot()].push(next[kind.slot()]);
                next[kind.slot()] += own[kind.slot()];
            }
            data_base.push(data);
            elem_base.push(elem);
            data += input.data_count;
            elem += input.elem_count;
            let mut pos: [Vec<usize>; 4] = Default::default();
            for (i, import) in input.imports.iter().enumerate() {
                if let Some(kind) = Kind::of(&import.ty) {
                    pos[kind.slot()].push(i);
                }
            }
            import_pos.push(pos);
        }
        let generated_base = next[Kind::Func.slot()];
        let total_funcs = generated_base + generated as u32;
        let entry_guard = next[Kind::Global.slot()];
        Layout { base, host, generated_base, entry_guard, total_funcs, data_base, elem_base, import_pos }
    }

    pub(super) fn target(&self, kind: Kind, target: Target) -> u32 {
        match target {
            Target::Host(i) => i,
            Target::Defined { module, index } => self.base[kind.slot()][module] + index,
        }
    }

    /// The merged index of entity `index` of `kind` in `module`'s own space.
    pub(super) fn index(&self, plan: &Plan, module: usize, kind: Kind, index: u32) -> u32 {
        let imports = &self.import_pos[module][kind.slot()];
        match imports.get(index as usize) {
            Some(&pos) => match plan.imports[module][pos] {
                Resolved::Direct(target) => self.target(kind, target),
                Resolved::Adapter(a) => self.generated_base + a as u32,
            },
            None => self.target(kind, Target::Defined { module, index: index - imports.len() as u32 }),
        }
    }

    pub(super) fn func(&self, plan: &Plan, module: usize, index: u32) -> MergedFunc {
        MergedFunc(self.index(plan, module, Kind::Func, index))
    }

    pub(super) fn sym(&self, plan: &Plan, sym: FuncSym) -> MergedFunc {
        match sym {
            FuncSym::InModule { module, func } => self.func(plan, module, func),
            FuncSym::Host(n) => MergedFunc(n),
            FuncSym::Generated(g) => MergedFunc(self.generated_base + g as u32),
        }
    }

    /// What defines merged function `f`: a module's own function (its
    /// defined index), a generated one, or a host import.
    pub(super) fn owner(&self, f: MergedFunc) -> Owner {
        if f.0 >= self.generated_base {
            return Owner::Generated((f.0 - self.generated_base) as usize);
        }
        let bases = &self.base[Kind::Func.slot()];
        match bases.iter().rposition(|&b| b <= f.0) {
            Some(m) if f.0 >= self.host[Kind::Func.slot()] => Owner::Module(m, (f.0 - bases[m]) as usize),
            _ => Owner::Host,
        }
    }
}

pub(super) enum Owner {
    Host,
    Module(usize, usize),
    Generated(usize),
}
