//! The front door's side of WASI 0.2: a lowered `wasi:*` function bound
//! to its shim's export, and the shims' sources.

use wasmparser::ExternalKind;

use super::shim;
use super::table::{Op, Res};
use crate::component::bind::FrontDoor;
use crate::component::flatten::FuncTarget;
use crate::component::resources::Use;
use crate::ir::input::Source;

impl FrontDoor<'_, '_> {
    /// A lowered WASI 0.2 function called from core instance `caller`'s
    /// memory, in handle table `table`: the shim export that serves it
    /// (checked against the WIT type WASI gives it), or a problem.
    pub(in crate::component) fn wasi(
        &mut self,
        i: usize,
        here: &str,
        caller: usize,
        table: usize,
        (target, def, local): (FuncTarget, usize, Option<(String, Option<String>)>),
    ) -> Option<(String, String)> {
        let FuncTarget::Import { name, func, .. } = target else { return None };
        // A refused interface was reported with the unbound imports.
        if !super::serves(&name) {
            return None;
        }
        let function = self.wit_function(here, def, &local)?;
        let Some(Ok((resolve, _, _))) = self.wit.get(&def) else { return None };
        let have = super::render(resolve, &function);
        let func = func.unwrap_or_default();
        let served = match super::function_problem(&self.label(i), &name, &func, &have) {
            Ok(served) => served,
            Err(problem) => {
                self.problems.push(problem);
                return None;
            }
        };
        let wasi = self.flat.wasi.as_ref()?;
        let entry = self.wasi.entry(caller).or_insert((table, Default::default()));
        if entry.0 != table {
            self.problems.push(format!("{here} from two handle tables of one core instance: please report this"));
            return None;
        }
        entry.1.insert(served.op);
        let ops = [served.op].into_iter().collect();
        let spec = shim::Spec { table, ops: &ops, is_main: false, wasi, fs: false, timers: false };
        self.uses.extend(shim::uses(&spec));
        Some((super::shim_name(&self.names[caller]), shim::export(served.op)))
    }

    /// Whether the link needs the WASI host module: a shim serves a
    /// `wasi:filesystem` function, or a component drops one of its handles.
    pub(in crate::component) fn wasi_host(&self) -> bool {
        let Some(wasi) = self.flat.wasi.as_ref() else { return false };
        let fs = [wasi.of(Res::Descriptor), wasi.of(Res::DirectoryEntryStream)];
        self.wasi.values().any(|(_, ops)| ops.iter().any(|op| op.filesystem() || op.timer()))
            || self.uses.iter().any(|u| match u {
                Use::Drop { ty, .. } | Use::New { ty, .. } => fs.contains(ty),
                _ => false,
            })
    }

    /// The WASI 0.2 shims, with the main module of the link (the first of
    /// `out`) as where preview 1 reads.
    pub(in crate::component) fn wasi_shims(&self, main: &Source) -> (Vec<Source>, Vec<String>) {
        let (mut sources, mut problems) = (Vec::new(), Vec::new());
        let Some(wasi) = self.flat.wasi.as_ref() else { return (sources, problems) };
        let any = |f: fn(Op) -> bool| self.wasi.values().any(|(_, ops)| ops.iter().any(|&op| f(op)));
        let (fs, timers) = (any(Op::filesystem), any(Op::timer));
        if self.wasi_host() {
            match super::host::source() {
                Ok(source) => sources.push(source),
                Err(problem) => problems.push(problem),
            }
        }
        for (&caller, (table, ops)) in &self.wasi {
            let memory = self.exports[caller]
                .iter()
                .find(|(_, &(kind, index))| kind == ExternalKind::Memory && index == 0)
                .map(|(name, _)| name.clone());
            let caller = super::Caller { name: &self.names[caller], label: self.label(caller), memory };
            match super::shim_source(&caller, *table, ops, wasi, main, (fs, timers)) {
                Ok(source) => sources.push(source),
                Err(problem) => problems.push(problem),
            }
        }
        (sources, problems)
    }
}
