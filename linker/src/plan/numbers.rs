//! The numbers-only rules (`--numbers MODULE.FUNC`): imports the user
//! vouches pass no pointers, so they may be wired directly between memories.

use wasmparser::TypeRef;

use crate::error::Problems;
use crate::ir::input::Input;

/// A numbers-only rule: `module.function`, or `module.*`.
#[derive(Debug)]
pub(super) struct Rule {
    pub(super) module: String,
    /// `None` for `*`.
    pub(super) function: Option<String>,
}

impl Rule {
    pub(super) fn exact(&self) -> bool {
        self.function.is_some()
    }

    /// The rule as the command line writes it.
    pub(super) fn spec(&self) -> String {
        spelling(&self.module, self.function.as_deref().unwrap_or("*"))
    }
}

/// How `wasmer-link --numbers` names the import `module.function` (`*`:
/// every function of `module`): `NAME.FUNC` where that reads back as the
/// same pair (NAME is up to the first `.`), else `MODULE::FUNC` (MODULE is
/// up to the last `::`), which names any module: wasm-bindgen's
/// `./lib_bg.js::__wbindgen_throw`.
pub(super) fn spelling(module: &str, function: &str) -> String {
    if module.contains('.') || module.contains("::") || function.contains("::") {
        format!("{module}::{function}")
    } else {
        format!("{module}.{function}")
    }
}

/// The `--numbers` flag for `module.function`, as a shell reads it back
/// (quoted where a shell would expand it: `'dep.*'`).
pub(super) fn numbers_flag(module: &str, function: &str) -> String {
    format!("--numbers {}", shell_word(&spelling(module, function)))
}

/// The `--wit` flag for an interface describing import module `module`:
/// `--wit MODULE.wit` (the file's stem names the interface), or
/// `--wit MODULE=FILE.wit` where no file stem can be `module`.
pub(super) fn wit_flag(module: &str) -> String {
    let file = format!("{module}.wit");
    if std::path::Path::new(&file).file_stem().is_some_and(|stem| stem == module) && !file.contains(['/', '\\', '=']) {
        format!("--wit {}", shell_word(&file))
    } else {
        format!("--wit {}", shell_word(&format!("{module}=FILE.wit")))
    }
}

/// `word`, single-quoted if a POSIX shell would split, expand or glob it.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@%+,=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The numbers-only rules of a link, and which of them named an import.
pub(super) struct Numbers {
    pub(super) rules: Vec<Rule>,
    pub(super) used: std::cell::RefCell<Vec<bool>>,
}

impl Numbers {
    pub(super) fn new(rules: &[(String, String)]) -> Numbers {
        let rules: Vec<Rule> = rules
            .iter()
            .map(|(module, function)| Rule {
                module: module.clone(),
                function: (function != "*").then(|| function.clone()),
            })
            .collect();
        let used = std::cell::RefCell::new(vec![false; rules.len()]);
        Numbers { rules, used }
    }

    /// The rule for import `module.field`: one that names it, else a `*`.
    pub(super) fn find(&self, module: &str, field: &str) -> Option<&Rule> {
        let exact = self.rules.iter().position(|r| r.module == module && r.function.as_deref() == Some(field));
        let any = || self.rules.iter().position(|r| r.module == module && r.function.is_none());
        let at = exact.or_else(any)?;
        self.used.borrow_mut()[at] = true;
        Some(&self.rules[at])
    }

    /// A rule that named no function import is a mistake (a typo, most
    /// likely): it says which functions are imported from its module. A
    /// rule that names an import the plan never reached (one that did not
    /// resolve, reported on its own) is no mistake.
    pub(super) fn unused(&self, inputs: &[Input], problems: &mut Problems) {
        for (rule, used) in self.rules.iter().zip(self.used.borrow().iter()) {
            if *used {
                continue;
            }
            let mut fields: Vec<&str> = inputs
                .iter()
                .flat_map(|i| &i.imports)
                .filter(|imp| imp.module == rule.module && matches!(imp.ty, TypeRef::Func(_) | TypeRef::FuncExact(_)))
                .map(|imp| imp.field.as_str())
                .collect();
            fields.sort();
            fields.dedup();
            let names_one = match &rule.function {
                Some(function) => fields.contains(&function.as_str()),
                None => !fields.is_empty(),
            };
            if names_one {
                continue;
            }
            let known = if fields.is_empty() {
                format!("no module imports a function from `{}`", rule.module)
            } else {
                let shown: Vec<String> = fields.iter().take(8).map(|f| format!("`{f}`")).collect();
                let more = if fields.len() > 8 { format!(" and {} more", fields.len() - 8) } else { String::new() };
                format!("the functions imported from `{}` are {}{more}", rule.module, shown.join(", "))
            };
            problems.push(format!("`--numbers {}` names no function that any module imports: {known}", rule.spec()));
        }
    }
}
