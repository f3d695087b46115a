//! Generated inputs for link-time scaling: a dependency with about `bytes`
//! of code in a chain of functions (each calls the next, so nothing is dead),
//! and a main module that imports its first function.

use wasm_encoder::{
    CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection, Instruction as I,
    MemorySection, MemoryType, Module, TypeSection, ValType,
};

/// Returns `(main, dependency, dependency's interface)`.
pub fn pair(bytes: usize) -> (Vec<u8>, Vec<u8>, String) {
    const PER_FUNCTION: usize = 8 * 1024;
    chain((bytes / PER_FUNCTION).max(1) as u32, PER_FUNCTION / 12)
}

/// A pair whose dependency has `functions` small functions (about 30 bytes
/// of code each): what a module's per-function costs in the output show on.
pub fn many_functions(functions: u32) -> (Vec<u8>, Vec<u8>, String) {
    chain(functions, 2)
}

/// The pair: a dependency of `functions` chained functions, each `steps`
/// repetitions of a load and an add (12 bytes each), and a main module
/// that imports the first.
fn chain(functions: u32, steps: usize) -> (Vec<u8>, Vec<u8>, String) {
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], [ValType::I32]);
    let mut funcs = FunctionSection::new();
    let mut code = CodeSection::new();
    for f in 0..functions {
        funcs.function(0);
        let mut body = Function::new([]);
        // ~8 KiB of arithmetic and loads: x = load(x & 0xfff) + f, repeated.
        for i in 0..steps as i32 {
            body.instruction(&I::LocalGet(0));
            body.instruction(&I::I32Const(0xfff));
            body.instruction(&I::I32And);
            body.instruction(&I::I32Load(wasm_encoder::MemArg {
                offset: 0,
                align: 0,
                target: wasm_encoder::MemArgTarget::Memory(0),
                ordering: None,
            }));
            body.instruction(&I::I32Const(i ^ f as i32));
            body.instruction(&I::I32Add);
            body.instruction(&I::LocalSet(0));
        }
        body.instruction(&I::LocalGet(0));
        if f + 1 < functions {
            body.instruction(&I::Call(f + 1));
        }
        body.instruction(&I::End);
        code.function(&body);
    }
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut exports = ExportSection::new();
    exports.export("f0", ExportKind::Func, 0);
    let mut big = Module::new();
    big.section(&types).section(&funcs).section(&memories).section(&exports).section(&code);

    let mut types = TypeSection::new();
    types.ty().function([ValType::I32], [ValType::I32]);
    let mut imports = ImportSection::new();
    imports.import("big", "f0", EntityType::Function(0));
    let mut funcs = FunctionSection::new();
    funcs.function(0);
    let mut exports = ExportSection::new();
    exports.export("run", ExportKind::Func, 1);
    exports.export("memory", ExportKind::Memory, 0);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
    let mut code = CodeSection::new();
    let mut body = Function::new([]);
    body.instruction(&I::LocalGet(0));
    body.instruction(&I::Call(0));
    body.instruction(&I::End);
    code.function(&body);
    let mut main = Module::new();
    main.section(&types).section(&imports).section(&funcs).section(&memories).section(&exports).section(&code);
    (main.finish(), big.finish(), "f0: func(x: s32) -> s32\n".to_string())
}
