//! The output's name section: every input's names of functions, locals,
//! globals and data segments, kept as the input has them, so an engine
//! shows (and demangles) a trap's frames as it does for the input alone.
//!
//! A name is prefixed with its module's (`dep::run`) only where two
//! modules (or a module and the linker's own functions) use the same name
//! for different entities, and never a mangled one (`_ZN…E`, `_R…`): a
//! prefix would stop the engine from demangling it, and a mangled name
//! already says where it comes from (two equal mangled names are the same
//! function of the same crate, linked twice; the name section allows
//! that). Host imports are named `module.field`, generated functions for
//! what they do.

use std::collections::{BTreeMap, HashMap, HashSet};

use wasmparser::{BinaryReader, Name, NameSectionReader};

use crate::emit::Names;
use crate::ir::input::Input;

/// Which index space a name is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Space {
    Func,
    Global,
    Data,
}

/// Names gathered module by module, resolved at the end.
#[derive(Default)]
pub(super) struct Gathered {
    /// `(space, output index, module, name)`.
    from_modules: Vec<(Space, u32, usize, String)>,
    /// The linker's own: host imports and generated functions.
    own_funcs: BTreeMap<u32, String>,
    locals: BTreeMap<u32, BTreeMap<u32, String>>,
}

/// Whether `name` is a mangled symbol (Itanium C++/Rust legacy, Rust v0).
pub(crate) fn mangled(name: &str) -> bool {
    let rest = name.strip_prefix('_').unwrap_or(name);
    let rest = rest.strip_prefix('_').unwrap_or(rest);
    rest.starts_with("ZN")
        || rest.starts_with("Z") && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
        || rest.starts_with('R') && rest.as_bytes().get(1).is_some_and(u8::is_ascii_uppercase)
}

impl Gathered {
    /// A host import's or a generated function's name.
    pub(super) fn own(&mut self, index: u32, name: String) {
        self.own_funcs.insert(index, name);
    }

    /// The names of module `m`'s name section (`data`, at `offset`):
    /// functions, locals and globals it defines (imports are named by what
    /// serves them), through the output indices `funcs`, `globals` and
    /// `data_base`.
    pub(super) fn module(&mut self, input: &Input, m: usize, at: Indices, data: &[u8], offset: u64) {
        let reader = NameSectionReader::new(BinaryReader::new(data, offset));
        let func = |index: u32| {
            (index >= input.imported.funcs).then(|| at.funcs.get(index as usize).copied().flatten()).flatten()
        };
        for sub in reader.into_iter().flatten() {
            match sub {
                Name::Function(map) => {
                    for naming in map.into_iter().flatten() {
                        if let Some(f) = func(naming.index) {
                            self.from_modules.push((Space::Func, f, m, naming.name.to_string()));
                        }
                    }
                }
                Name::Local(map) => {
                    for indirect in map.into_iter().flatten() {
                        let Some(f) = func(indirect.index) else { continue };
                        let locals = self.locals.entry(f).or_default();
                        for naming in indirect.names.flatten() {
                            locals.insert(naming.index, naming.name.to_string());
                        }
                    }
                }
                Name::Global(map) => {
                    for naming in map.into_iter().flatten() {
                        if naming.index < input.imported.globals {
                            continue;
                        }
                        if let Some(&g) = at.globals.get(naming.index as usize) {
                            self.from_modules.push((Space::Global, g, m, naming.name.to_string()));
                        }
                    }
                }
                Name::Data(map) => {
                    for naming in map.into_iter().flatten() {
                        let d = at.data_base + naming.index;
                        self.from_modules.push((Space::Data, d, m, naming.name.to_string()));
                    }
                }
                _ => {}
            }
        }
    }

    /// The names, a module's prefixed only where it collides (see the
    /// module's documentation).
    pub(super) fn resolve(self, modules: &[&str]) -> Names {
        // Per (space, name): the modules using it; the linker's own count as `usize::MAX`.
        let mut users: HashMap<(Space, &str), HashSet<usize>> = HashMap::new();
        for name in self.own_funcs.values() {
            users.entry((Space::Func, name)).or_default().insert(usize::MAX);
        }
        for (space, _, m, name) in &self.from_modules {
            users.entry((*space, name)).or_default().insert(*m);
        }
        let mut names = Names { funcs: self.own_funcs.clone(), locals: self.locals, ..Names::default() };
        for (space, index, m, name) in &self.from_modules {
            let collides = users.get(&(*space, name.as_str())).is_some_and(|u| u.len() > 1);
            let shown = match collides && !mangled(name) {
                true => format!("{}::{name}", modules.get(*m).copied().unwrap_or("?")),
                false => name.clone(),
            };
            let map = match space {
                Space::Func => &mut names.funcs,
                Space::Global => &mut names.globals,
                Space::Data => &mut names.data,
            };
            map.insert(*index, shown);
        }
        names
    }
}

/// Where a module's entities are in the output.
#[derive(Clone, Copy)]
pub(super) struct Indices<'a> {
    pub(super) funcs: &'a [Option<u32>],
    pub(super) globals: &'a [u32],
    pub(super) data_base: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangled_names_are_recognised() {
        for name in ["_ZN8dbgblock5ratio17h0123456789abcdefE", "_RNvCs123_5block5ratio", "__ZN3foo3barE", "_Z3foov"] {
            assert!(mangled(name), "{name}");
        }
        for name in ["ratio", "_start", "__stack_pointer", "_Rust", "Zeta", "_initialize", "__wasm_call_ctors"] {
            assert!(!mangled(name), "{name}");
        }
    }

    #[test]
    fn only_colliding_plain_names_are_prefixed() {
        let mut g = Gathered::default();
        g.own(0, "host.print".to_string());
        g.from_modules.push((Space::Func, 1, 0, "run".to_string()));
        g.from_modules.push((Space::Func, 2, 1, "run".to_string()));
        g.from_modules.push((Space::Func, 3, 1, "only_here".to_string()));
        g.from_modules.push((Space::Func, 4, 0, "_ZN4core9panicking5panic17h1E".to_string()));
        g.from_modules.push((Space::Func, 5, 1, "_ZN4core9panicking5panic17h1E".to_string()));
        g.from_modules.push((Space::Global, 0, 0, "__stack_pointer".to_string()));
        g.from_modules.push((Space::Global, 1, 1, "__stack_pointer".to_string()));
        g.from_modules.push((Space::Func, 6, 1, "host.print".to_string()));
        let names = g.resolve(&["main", "dep"]);
        let funcs: Vec<&str> = names.funcs.values().map(String::as_str).collect();
        assert_eq!(
            funcs,
            [
                "host.print",
                "main::run",
                "dep::run",
                "only_here",
                "_ZN4core9panicking5panic17h1E",
                "_ZN4core9panicking5panic17h1E",
                "dep::host.print"
            ]
        );
        assert_eq!(names.globals.values().collect::<Vec<_>>(), ["main::__stack_pointer", "dep::__stack_pointer"]);
    }
}
