//! Running a linked module on the WASM3 interpreter.
//!
//! WASM3 0.4.7 (what the `wasm3` crate bundles) runs one memory and MVP
//! instructions; it rejects a second memory and crashes on bulk-memory
//! instructions. So before handing it a module, we check for exactly what it
//! cannot run and say which linker profile produces what it can.

use std::path::Path;

use anyhow::{anyhow, bail, Result};
use wasmparser::{Operator, Parser, Payload};

use crate::bindings::host::Host;
use crate::reservation::{self, Reservations};
use crate::Console;

/// Wasm stack size for the interpreter, in bytes.
pub(crate) const STACK: u32 = 1 << 20;

pub fn run(path: &Path, bytes: Vec<u8>) -> Result<()> {
    check_runs_on_wasm3(path, &bytes)?;
    let needs_print = imports(&bytes, "host", "print");
    let reservations = Reservations::of(&bytes);
    let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: creating the environment: {e}"))?;
    let runtime = env.create_runtime(STACK).map_err(|e| anyhow!("wasm3: creating the runtime: {e}"))?;
    let mut module =
        runtime.parse_and_load_module(bytes).map_err(|e| anyhow!("wasm3 cannot load `{}`: {e}", path.display()))?;
    if needs_print {
        module
            .link_closure("host", "print", |cc, (ptr, len): (i32, i32)| {
                // SAFETY: the memory is not resized while this host function runs.
                let memory = unsafe { &*cc.memory() };
                let msg = read_str(memory, ptr, len).map_err(|_| wasm3::error::Trap::Abort)?;
                Console.print(msg);
                Ok(())
            })
            .map_err(|e| anyhow!("wasm3: linking `host.print`: {e}"))?;
    }
    let loaded = module
        .find_function::<(), ()>("loaded")
        .map_err(|e| anyhow!("wasm3: `{}` has no `loaded` export: {e}", path.display()))?;
    loaded.call().map_err(|e| {
        reservations.explain(anyhow!("wasm3: calling `loaded` trapped: {e}"), || reservation::ask_wasm3(&runtime))
    })
}

/// `(ptr, len)` as a string in `memory`, checked like the Wasmer glue does.
pub fn read_str(memory: &[u8], ptr: i32, len: i32) -> Result<&str> {
    let start = ptr as u32 as usize;
    let end = start.checked_add(len as u32 as usize).filter(|&end| end <= memory.len());
    let end = end.ok_or_else(|| anyhow!("string at {start} of {len} bytes is outside memory"))?;
    std::str::from_utf8(&memory[start..end]).map_err(|_| anyhow!("string at {start} is not valid UTF-8"))
}

fn imports(bytes: &[u8], module: &str, name: &str) -> bool {
    Parser::new(0).parse_all(bytes).flatten().any(|payload| match payload {
        Payload::ImportSection(reader) => {
            reader.into_imports().flatten().any(|import| import.module == module && import.name == name)
        }
        _ => false,
    })
}

/// Refuses, with the reason, what WASM3 0.4.7 would reject or crash on.
pub(crate) fn check_runs_on_wasm3(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut memories = 0;
    let mut bulk = None;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| anyhow!("`{}` is not a valid wasm module: {e}", path.display()))? {
            Payload::ImportSection(reader) => {
                memories +=
                    reader.into_imports().flatten().filter(|i| matches!(i.ty, wasmparser::TypeRef::Memory(_))).count();
            }
            Payload::MemorySection(reader) => memories += reader.count() as usize,
            Payload::CodeSectionEntry(body) if bulk.is_none() => {
                let mut ops = body.get_operators_reader()?;
                while !ops.eof() {
                    match ops.read()? {
                        Operator::MemoryCopy { .. } => bulk = Some("memory.copy"),
                        Operator::MemoryFill { .. } => bulk = Some("memory.fill"),
                        Operator::MemoryInit { .. } => bulk = Some("memory.init"),
                        _ => continue,
                    }
                    break;
                }
            }
            _ => {}
        }
    }
    if memories > 1 {
        bail!(
            "`{}` has {memories} memories, but WASM3 runs modules with one: link it with `--profile portable`",
            path.display()
        );
    }
    if let Some(op) = bulk {
        bail!("`{}` uses `{op}`, which WASM3 0.4.7 cannot run: link it with `--profile portable`", path.display());
    }
    Ok(())
}
