//! After evaluation: what a component's imports, resource types and core
//! instances' imports are bound to, across input components.

use super::flatten::{CoreInst, CoreItem, Flat, Func, FuncTarget, Inst, Item, Lowered, TypeVal};

impl Flat<'_> {
    /// Binds every top-level import of every input component to the
    /// export of the same name of another input component. Unbound
    /// imports are returned as `(file, import name)`.
    pub fn bind_imports(&mut self) -> Vec<(usize, String)> {
        let mut unbound = Vec::new();
        for k in 0..self.lowered.len() {
            let FuncTarget::Import { file, name, func } = self.lowered[k].func.target.clone() else { continue };
            match self.exported(file, &name, func.as_deref()) {
                Some(target) => self.lowered[k].func.target = target,
                None => {
                    if !unbound.contains(&(file, name.clone())) {
                        unbound.push((file, name));
                    }
                }
            }
        }
        unbound
    }

    /// The export `name` (and its function `func`) of an input component
    /// other than `file`, matched with or without a version.
    fn exported(&self, file: usize, name: &str, func: Option<&str>) -> Option<FuncTarget> {
        let plain = |n: &str| n.split('@').next().unwrap_or(n).to_string();
        for (other, exports) in self.exports.iter().enumerate() {
            if other == file {
                continue;
            }
            let item =
                exports.get(name).or_else(|| exports.iter().find(|(k, _)| plain(k) == plain(name)).map(|(_, v)| v));
            let item = match (item, func) {
                (Some(Item::Instance(Inst::Exports(map))), Some(func)) => map.get(func),
                (Some(item @ Item::Func(_)), None) => Some(item),
                _ => None,
            };
            if let Some(Item::Func(f)) = item {
                if let FuncTarget::Lifted(_) = f.target {
                    return Some(f.target.clone());
                }
            }
        }
        None
    }

    /// The resource type `ty` stands for, once top-level imports are bound
    /// to other input components' exports.
    pub fn resource(&self, ty: &TypeVal) -> Option<usize> {
        match ty {
            TypeVal::Resource(r) => Some(*r),
            TypeVal::Other => None,
            TypeVal::Import { file, instance, name } => {
                if instance.starts_with("wasi:") {
                    return self.wasi_resource(instance, name);
                }
                let plain = |n: &str| n.split('@').next().unwrap_or(n).to_string();
                self.exports.iter().enumerate().filter(|(other, _)| other != file).find_map(|(_, exports)| {
                    let item = exports
                        .get(instance.as_str())
                        .or_else(|| exports.iter().find(|(k, _)| plain(k) == plain(instance)).map(|(_, v)| v));
                    match item {
                        Some(Item::Instance(Inst::Exports(map))) => match map.get(name.as_str()) {
                            Some(Item::Type(TypeVal::Resource(r))) => Some(*r),
                            _ => None,
                        },
                        _ => None,
                    }
                })
            }
        }
    }

    /// The resource type named `name` in the instance a lowering component
    /// imported as `instance`.
    pub fn imported_resource(&self, lowered: &Lowered, instance: &str, name: &str) -> Option<usize> {
        match lowered.imports.get(instance)? {
            Item::Instance(Inst::Exports(map)) => match map.get(name)? {
                Item::Type(ty) => self.resource(ty),
                _ => None,
            },
            Item::Instance(Inst::Import { file, name: instance }) => {
                self.resource(&TypeVal::Import { file: *file, instance: instance.clone(), name: name.to_string() })
            }
            _ => None,
        }
    }

    /// The core instances whose functions input component `file` exports
    /// (lifted), in export order.
    pub fn exporting_instances(&self, file: usize) -> Vec<usize> {
        fn walk(item: &Item, out: &mut Vec<usize>) {
            match item {
                Item::Func(Func { target: FuncTarget::Lifted(l), .. }) => {
                    if let CoreItem::Export { instance, .. } = l.core {
                        if !out.contains(&instance) {
                            out.push(instance);
                        }
                    }
                }
                Item::Instance(Inst::Exports(map)) => map.values().for_each(|i| walk(i, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for item in self.exports.get(file).into_iter().flat_map(|e| e.values()) {
            walk(item, &mut out);
        }
        out
    }

    /// What import `(module, field)` of core instance `i` is bound to.
    pub fn binding(&self, i: usize, module: &str, field: &str) -> Option<CoreItem> {
        match self.instances[i].args.get(module)? {
            CoreInst::Module(j) => Some(CoreItem::Export { instance: *j, name: field.to_string() }),
            CoreInst::Exports(map) => map.get(field).cloned(),
        }
    }
}
