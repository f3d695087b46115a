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
        format!("{}.{}", self.module, self.function.as_deref().unwrap_or("*"))
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
    /// likely): it says which functions are imported from its module.
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
