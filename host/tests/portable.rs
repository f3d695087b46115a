//! The `portable` profile on every engine: memory regions that grow
//! alternately (both allocator styles) and function tables folded into one.
//! Fixtures are `.wat` modules in `tests/fixtures/<case>/`; each case is
//! linked with the library and run in-process on Wasmer (cranelift,
//! singlepass) and WASM3, with `host.print` collecting lines.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use linker::{Linker, Profile};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Instance, Memory, Module, Store, Value};

fn fixture(case: &str, main: &str, deps: &[&str], profile: Profile) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case);
    let wat = |name: &str| wat::parse_file(dir.join(format!("{name}.wat"))).unwrap();
    let mut linker = Linker::new().module("main", wat(main)).profile(profile);
    for dep in deps {
        linker = linker.module(*dep, wat(dep));
        linker = linker.interface(*dep, std::fs::read_to_string(dir.join(format!("{dep}.wit"))).unwrap());
    }
    linker.link().unwrap_or_else(|err| panic!("linking `{case}` failed: {err}"))
}

#[derive(Clone, Copy, Debug)]
enum Engine {
    Cranelift,
    Singlepass,
    Wasm3,
}

const WASMER: [Engine; 2] = [Engine::Cranelift, Engine::Singlepass];
const ALL: [Engine; 3] = [Engine::Cranelift, Engine::Singlepass, Engine::Wasm3];

/// Calls `export` (no parameters, at most one i32 result); returns the lines
/// printed and the result, or the trap message.
fn call(engine: Engine, bytes: &[u8], export: &str) -> Result<(Vec<String>, Option<i32>), String> {
    match engine {
        Engine::Wasm3 => call_wasm3(bytes, export),
        _ => call_wasmer(engine, bytes, export),
    }
}

struct Env {
    memory: Option<Memory>,
    lines: Vec<String>,
}

fn call_wasmer(engine: Engine, bytes: &[u8], export: &str) -> Result<(Vec<String>, Option<i32>), String> {
    let mut store = match engine {
        Engine::Singlepass => Store::new(wasmer::sys::Singlepass::default()),
        _ => Store::new(wasmer::sys::Cranelift::default()),
    };
    let module = Module::new(&store, bytes).map_err(|e| e.to_string())?;
    let env = FunctionEnv::new(&mut store, Env { memory: None, lines: Vec::new() });
    let print = Function::new_typed_with_env(&mut store, &env, |mut env: FunctionEnvMut<Env>, ptr: i32, len: i32| {
        let (data, store) = env.data_and_store_mut();
        let view = data.memory.as_ref().unwrap().view(&store);
        let bytes = view.copy_range_to_vec(ptr as u64..(ptr + len) as u64).unwrap();
        data.lines.push(String::from_utf8(bytes).unwrap());
    });
    let imports = wasmer::imports! { "host" => { "print" => print } };
    let instance = Instance::new(&mut store, &module, &imports).map_err(|e| e.to_string())?;
    env.as_mut(&mut store).memory = Some(instance.exports.get_memory("memory").unwrap().clone());
    let f = instance.exports.get_function(export).map_err(|e| e.to_string())?;
    let result = f.call(&mut store, &[]).map_err(|e| e.message())?;
    let value = result.first().map(|v| match v {
        Value::I32(x) => *x,
        other => panic!("unexpected result {other:?}"),
    });
    Ok((std::mem::take(&mut env.as_mut(&mut store).lines), value))
}

fn call_wasm3(bytes: &[u8], export: &str) -> Result<(Vec<String>, Option<i32>), String> {
    let env = wasm3::Environment::new().map_err(|e| e.to_string())?;
    let runtime = env.create_runtime(1 << 20).map_err(|e| e.to_string())?;
    let mut module = runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| e.to_string())?;
    let lines = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&lines);
    module
        .link_closure("host", "print", move |cc, (ptr, len): (i32, i32)| {
            let memory = unsafe { &*cc.memory() };
            let text = &memory[ptr as usize..(ptr + len) as usize];
            sink.borrow_mut().push(String::from_utf8(text.to_vec()).unwrap());
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    let value = match module.find_function::<(), i32>(export) {
        Ok(f) => Some(f.call().map_err(|e| e.to_string())?),
        Err(_) => {
            let f = module.find_function::<(), ()>(export).map_err(|e| e.to_string())?;
            f.call().map_err(|e| e.to_string())?;
            None
        }
    };
    let out = lines.borrow().clone();
    Ok((out, value))
}

#[test]
fn regions_growing_alternately_keep_their_data_on_every_engine() {
    let bytes = fixture("grow", "main", &["sbrk", "dlmalloc"], Profile::Portable);
    for engine in ALL {
        let (lines, _) = call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{engine:?}: {trap}"));
        assert_eq!(lines, ["grow ok"], "{engine:?}");
    }
}

#[test]
fn the_same_growth_runs_with_separate_memories() {
    let bytes = fixture("grow", "main", &["sbrk", "dlmalloc"], Profile::MultiMemory);
    for engine in WASMER {
        let (lines, _) = call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{engine:?}: {trap}"));
        assert_eq!(lines, ["grow ok"], "{engine:?}");
    }
}

#[test]
fn folded_tables_keep_each_modules_function_pointers_on_every_engine() {
    let bytes = fixture("fnptr", "main", &["shapes"], Profile::Portable);
    for engine in ALL {
        let (lines, _) = call(engine, &bytes, "loaded").unwrap_or_else(|trap| panic!("{engine:?}: {trap}"));
        assert_eq!(lines, ["fnptr ok"], "{engine:?}");
    }
}

#[test]
fn an_index_past_a_modules_own_table_traps_instead_of_reaching_another_modules_entries() {
    let bytes = fixture("fnptr", "main", &["shapes"], Profile::Portable);
    for engine in ALL {
        for export in ["escape", "escape_main"] {
            let outcome = call(engine, &bytes, export);
            assert!(outcome.is_err(), "{engine:?} `{export}`: expected a trap, got {outcome:?}");
        }
    }
    // Multi-memory keeps separate tables: the engine's own bounds check traps.
    let bytes = fixture("fnptr", "main", &["shapes"], Profile::MultiMemory);
    for engine in WASMER {
        for export in ["escape", "escape_main"] {
            assert!(call(engine, &bytes, export).is_err(), "{engine:?} `{export}`");
        }
    }
}
