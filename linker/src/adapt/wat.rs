//! An adapter as a small module of its own, in WAT (`--print-adapters`).

use wasmparser::FuncType;

use crate::error::LinkError;
use crate::ir::generated::{FuncSym, Generated, GlobalSym};
use crate::ir::input::Input;
use crate::ir::plan::{Plan, Target};

/// `generated` as a module of its own, in WAT: the function, exported under
/// its name, with every function and memory it refers to imported under
/// the name of what it is (`dep.canonical_abi_realloc`, `host.print`,
/// `dep.memory`). For reviewers: what `wasmer-link --print-adapters` shows.
pub fn to_wat(generated: &Generated, all: &[Generated], inputs: &[Input], plan: &Plan) -> Result<String, LinkError> {
    use wasm_encoder::{
        CodeSection, EntityType, ExportKind, ExportSection, FunctionSection, GlobalType, ImportSection, MemoryType,
    };
    let mut types: Vec<FuncType> = Vec::new();
    let mut type_of = |ty: &FuncType| match types.iter().position(|t| t == ty) {
        Some(i) => i as u32,
        None => {
            types.push(ty.clone());
            types.len() as u32 - 1
        }
    };
    let mut imports = ImportSection::new();
    for sym in &generated.funcs {
        let (module, name, ty) = match *sym {
            FuncSym::InModule { module, func } => {
                let input = &inputs[module];
                let export = input.exports.iter().find(|e| e.kind == wasmparser::ExternalKind::Func && e.index == func);
                let name = export.map_or_else(|| format!("function {func}"), |e| e.name.clone());
                (input.name.clone(), name, input.func_type(func).clone())
            }
            FuncSym::Host(n) => {
                let host = &plan.host_funcs[n as usize];
                (host.module.clone(), host.field.clone(), host.ty.clone())
            }
            FuncSym::Generated(g) => ("wasmer-link".to_string(), all[g].name.clone(), all[g].ty.clone()),
        };
        imports.import(&module, &name, EntityType::Function(type_of(&ty)));
    }
    for target in &generated.memories {
        let (module, ty) = match *target {
            Target::Defined { module, index } => {
                let input = &inputs[module];
                (input.name.clone(), input.memories[(input.imported.memories + index) as usize])
            }
            Target::Host(i) => (plan.host_memories[i as usize].module.clone(), plan.host_memories[i as usize].ty),
        };
        let ty = MemoryType {
            minimum: ty.initial,
            maximum: ty.maximum,
            memory64: ty.memory64,
            shared: ty.shared,
            page_size_log2: None,
        };
        imports.import(&module, "memory", EntityType::Memory(ty));
    }
    for global in &generated.globals {
        let (name, ty) = match global {
            GlobalSym::EntryGuard => {
                ("entry guard", GlobalType { val_type: wasm_encoder::ValType::I32, mutable: true, shared: false })
            }
        };
        imports.import("wasmer-link", name, EntityType::Global(ty));
    }
    let mut functions = FunctionSection::new();
    functions.function(type_of(&generated.ty));
    let mut exports = ExportSection::new();
    exports.export(&generated.name, ExportKind::Func, generated.funcs.len() as u32);
    let mut code = CodeSection::new();
    code.raw(&generated.body);
    let mut module = wasm_encoder::Module::new();
    module.section(&crate::emit::type_section(&types)?);
    module.section(&imports);
    module.section(&functions);
    module.section(&exports);
    module.section(&code);
    wasmprinter::print_bytes(module.finish())
        .map_err(|e| LinkError::one(format!("internal error: the {} cannot be printed: {e}", generated.name)))
}
