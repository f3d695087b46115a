//! WASI adapters, differentially: `tests/wasi/dep.wat` calls WASI functions
//! with pointers into its own memory (one export per kind of pointer
//! parameter). Run alone against a fake WASI host, it is the oracle: the
//! host reads its memory directly. Linked behind `tests/wasi/main.wat`
//! (multi-memory and portable), the host reads the main module's memory and
//! the adapters copy through it. Every call's result, the dependency's
//! memory afterwards, and everything the host saw must be the same, and the
//! adapters must free every byte they allocated in the main memory.

use std::collections::VecDeque;
use std::path::Path;

use linker::{Layout, Linker, Profile};
#[path = "common/preview1.rs"]
mod preview1;

use preview1::{iovecs, read, sizes, strings, write, GuestMemory, EFAULT};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Imports, Instance, Memory, Module, Store};

const EBADF: i32 = 8;
const ENV: &[&str] = &["BLOCK_STYLE=loud", "EMPTY=", "LANG=C.UTF-8"];
const ARGS: &[&str] = &["pipeline", "--verbose", "ünïcode"];

/// Everything the fake host saw.
#[derive(Default, Debug, PartialEq)]
struct Seen {
    stdout: Vec<u8>,
    paths: Vec<String>,
    polled: Vec<u64>,
}

#[derive(Default)]
struct Host {
    memory: Option<Memory>,
    stdin: VecDeque<u8>,
    seen: Seen,
}

impl GuestMemory for Host {
    fn memory(&self) -> &Memory {
        self.memory.as_ref().expect("the memory is set after instantiation")
    }
}

type Env<'a> = FunctionEnvMut<'a, Host>;

fn imports(store: &mut Store, env: &FunctionEnv<Host>) -> Imports {
    let fd_write = |mut env: Env, fd: i32, iovs: i32, n: i32, nwritten: i32| -> i32 {
        let Some(list) = iovecs(&env, iovs, n) else { return EFAULT };
        let mut out = Vec::new();
        for (ptr, len) in list {
            let Some(bytes) = read(&env, ptr, len) else { return EFAULT };
            out.extend(bytes);
        }
        if fd != 1 || !write(&env, nwritten, &(out.len() as u32).to_le_bytes()) {
            return EFAULT;
        }
        env.data_mut().seen.stdout.extend(out);
        0
    };
    let fd_read = |mut env: Env, fd: i32, iovs: i32, n: i32, nread: i32| -> i32 {
        if fd != 0 {
            return EBADF;
        }
        let Some(list) = iovecs(&env, iovs, n) else { return EFAULT };
        let mut total = 0u32;
        for (ptr, len) in list {
            let take = (len as usize).min(env.data().stdin.len());
            let bytes: Vec<u8> = env.data_mut().stdin.drain(..take).collect();
            if !write(&env, ptr, &bytes) {
                return EFAULT;
            }
            total += take as u32;
        }
        if write(&env, nread, &total.to_le_bytes()) {
            0
        } else {
            EFAULT
        }
    };
    let random_get = |env: Env, buf: i32, len: i32| -> i32 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        if write(&env, buf, &bytes) {
            0
        } else {
            EFAULT
        }
    };
    let path_open = |mut env: Env,
                     _fd: i32,
                     _dirflags: i32,
                     path: i32,
                     len: i32,
                     _oflags: i32,
                     _base: i64,
                     _inheriting: i64,
                     _fdflags: i32,
                     opened: i32|
     -> i32 {
        let Some(bytes) = read(&env, path, len as u32) else { return EFAULT };
        env.data_mut().seen.paths.push(String::from_utf8_lossy(&bytes).into_owned());
        if write(&env, opened, &(len + 3).to_le_bytes()) {
            0
        } else {
            EFAULT
        }
    };
    let fd_readdir = |env: Env, _fd: i32, buf: i32, len: i32, _cookie: i64, used: i32| -> i32 {
        let n = len.min(20);
        let bytes: Vec<u8> = (0..n).map(|i| b'a' + i as u8).collect();
        if write(&env, buf, &bytes) && write(&env, used, &n.to_le_bytes()) {
            0
        } else {
            EFAULT
        }
    };
    let poll_oneoff = |mut env: Env, subs: i32, events: i32, n: i32, nevents: i32| -> i32 {
        let Some(raw) = read(&env, subs, n as u32 * 48) else { return EFAULT };
        for i in 0..n as usize {
            let userdata = u64::from_le_bytes(raw[i * 48..i * 48 + 8].try_into().unwrap());
            env.data_mut().seen.polled.push(userdata);
            let mut event = [0u8; 32];
            event[..8].copy_from_slice(&userdata.to_le_bytes());
            event[10] = 1; // type: fd_read
            if !write(&env, events + 32 * i as i32, &event) {
                return EFAULT;
            }
        }
        if write(&env, nevents, &n.to_le_bytes()) {
            0
        } else {
            EFAULT
        }
    };
    let clock_time_get = |env: Env, id: i32, precision: i64, time: i32| -> i32 {
        let t = precision as u64 * 1_000_000_007 + id as u64;
        if write(&env, time, &t.to_le_bytes()) {
            0
        } else {
            EFAULT
        }
    };
    let mut imports = Imports::new();
    let mut add = |name: &str, f: Function| imports.define("wasi_snapshot_preview1", name, f);
    add("fd_write", Function::new_typed_with_env(store, env, fd_write));
    add("fd_read", Function::new_typed_with_env(store, env, fd_read));
    add("environ_sizes_get", Function::new_typed_with_env(store, env, |e: Env, c: i32, s: i32| sizes(&e, ENV, c, s)));
    add("environ_get", Function::new_typed_with_env(store, env, |e: Env, p: i32, b: i32| strings(&e, ENV, p, b)));
    add("args_sizes_get", Function::new_typed_with_env(store, env, |e: Env, c: i32, s: i32| sizes(&e, ARGS, c, s)));
    add("args_get", Function::new_typed_with_env(store, env, |e: Env, p: i32, b: i32| strings(&e, ARGS, p, b)));
    add("random_get", Function::new_typed_with_env(store, env, random_get));
    add("path_open", Function::new_typed_with_env(store, env, path_open));
    add("fd_readdir", Function::new_typed_with_env(store, env, fd_readdir));
    add("poll_oneoff", Function::new_typed_with_env(store, env, poll_oneoff));
    add("clock_time_get", Function::new_typed_with_env(store, env, clock_time_get));
    add("fd_close", Function::new_typed_with_env(store, env, |_: Env, fd: i32| if fd == 3 { 0 } else { EBADF }));
    imports
}

const TESTS: &[&str] = &[
    "t_write",
    "t_write_wild",
    "t_write_wild_array",
    "t_read",
    "t_read_bad_fd",
    "t_environ",
    "t_args",
    "t_random",
    "t_path_open",
    "t_readdir",
    "t_poll",
    "t_clock",
    "t_close",
];

/// What one run observed: each test's result, the dependency's checksum,
/// what the host saw, and (linked only) the main memory's bytes still allocated.
#[derive(Debug, PartialEq)]
struct Run {
    results: Vec<(&'static str, i64)>,
    checksum: i64,
    seen: Seen,
}

fn run(bytes: &[u8]) -> (Run, Option<i64>) {
    let mut store = Store::new(wasmer::sys::Cranelift::default());
    let module = Module::new(&store, bytes).unwrap();
    let env = FunctionEnv::new(&mut store, Host { stdin: b"abcdefghij".iter().copied().collect(), ..Host::default() });
    let imports = imports(&mut store, &env);
    let instance = Instance::new(&mut store, &module, &imports).unwrap();
    env.as_mut(&mut store).memory = Some(instance.exports.get_memory("memory").unwrap().clone());
    let call = |store: &mut Store, name: &str| -> i64 {
        let f = instance.exports.get_typed_function::<(), i64>(store, name).unwrap();
        f.call(store).unwrap_or_else(|e| panic!("`{name}` trapped: {e}"))
    };
    let mut results = Vec::new();
    let mut outstanding = Vec::new();
    for &test in TESTS {
        results.push((test, call(&mut store, test)));
        if instance.exports.get_function("outstanding").is_ok() {
            outstanding.push(call(&mut store, "outstanding"));
        }
    }
    let checksum = call(&mut store, "checksum");
    let seen = std::mem::take(&mut env.as_mut(&mut store).seen);
    let leaked = outstanding.iter().copied().find(|&n| n != 0).or(outstanding.last().copied());
    (Run { results, checksum, seen }, leaked)
}

fn wat(name: &str) -> Vec<u8> {
    wat::parse_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wasi").join(name)).unwrap()
}

fn link(profile: Profile) -> Vec<u8> {
    link_with(profile, Layout::Fixed)
}

fn link_with(profile: Profile, layout: Layout) -> Vec<u8> {
    let linker = Linker::new().module("main", wat("main.wat")).module("dep", wat("dep.wat")).profile(profile);
    let linker = if profile == Profile::Portable { linker.layout(layout) } else { linker };
    linker.link().unwrap_or_else(|e| panic!("linking ({profile:?}, {layout:?} layout): {e}"))
}

#[test]
fn linked_wasi_calls_match_the_dependency_run_alone() {
    let (oracle, _) = run(&wat("dep.wat"));
    // The oracle itself is what the dependency asked for, so the
    // comparison below cannot pass on an adapter that does nothing.
    let result = |name: &str| oracle.results.iter().find(|(n, _)| *n == name).unwrap().1;
    assert_eq!(oracle.seen.stdout, b"hello, world\n");
    assert_eq!(result("t_write"), 13);
    assert_eq!(result("t_write_wild") >> 32, EFAULT as i64);
    assert_eq!(result("t_write_wild_array") >> 32, EFAULT as i64);
    assert_eq!(result("t_read"), 10);
    assert_eq!(result("t_read_bad_fd"), ((EBADF as i64) << 32) | 0x5555);
    assert_eq!(result("t_path_open"), 15);
    assert_eq!(result("t_readdir"), 20);
    assert_eq!(oracle.seen.paths, ["dir/file.txt"]);
    assert_eq!(oracle.seen.polled, [0x1111, 0x2222]);
    for (profile, layout) in [
        (Profile::MultiMemory, Layout::Fixed),
        (Profile::Portable, Layout::Fixed),
        (Profile::Portable, Layout::Movable),
    ] {
        let (linked, outstanding) = run(&link_with(profile, layout));
        assert_eq!(linked, oracle, "{profile:?}, {layout:?} layout");
        assert_eq!(outstanding, Some(0), "{profile:?}, {layout:?} layout: the adapters leak memory in the main module");
    }
}

#[test]
fn identical_wasi_imports_become_one_and_only_pointer_calls_are_adapted() {
    let linked = link(Profile::MultiMemory);
    let printed = wasmprinter::print_bytes(&linked).unwrap();
    let imports: Vec<&str> = printed.lines().filter(|l| l.trim_start().starts_with("(import")).collect();
    let fd_write = imports.iter().filter(|l| l.contains("\"fd_write\"")).count();
    assert_eq!(fd_write, 1, "main and dep both import fd_write: {imports:#?}");
    // `args_get`'s adapter asks for the sizes, which dep does not import.
    assert!(imports.iter().any(|l| l.contains("\"args_sizes_get\"")), "{imports:#?}");
    // `fd_close` carries no pointer: no adapter. `fd_write` from dep does.
    assert!(printed.contains("adapter dep -> wasi_snapshot_preview1.fd_write"));
    assert!(!printed.contains("adapter dep -> wasi_snapshot_preview1.fd_close"));
    assert!(!printed.contains("adapter main ->"));
}

#[test]
fn the_main_module_writes_through_its_own_memory_unadapted() {
    let bytes = link(Profile::Portable);
    let mut store = Store::new(wasmer::sys::Cranelift::default());
    let module = Module::new(&store, &bytes).unwrap();
    let env = FunctionEnv::new(&mut store, Host::default());
    let imports = imports(&mut store, &env);
    let instance = Instance::new(&mut store, &module, &imports).unwrap();
    env.as_mut(&mut store).memory = Some(instance.exports.get_memory("memory").unwrap().clone());
    let f = instance.exports.get_typed_function::<(), i64>(&store, "main_write").unwrap();
    assert_eq!(f.call(&mut store).unwrap(), 0);
    assert_eq!(env.as_ref(&store).seen.stdout, b"main\n");
}

/// docs/WASI.md lists every function the linker knows, adapted exactly when
/// it carries a pointer.
#[test]
fn the_docs_list_every_wasi_function() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/WASI.md")).unwrap();
    let mut problems = Vec::new();
    for shape in linker::wasi::SHAPES {
        let row = docs.lines().find(|l| l.starts_with(&format!("| `{}` |", shape.name)));
        let want = if shape.has_pointers() { "| adapted |" } else { "| direct |" };
        match row {
            Some(row) if row.contains(want) => {}
            Some(row) => problems.push(format!("`{}` should say `{want}`: {row}", shape.name)),
            None => problems.push(format!("`{}` is not in the table", shape.name)),
        }
    }
    let rows = docs.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(rows, linker::wasi::SHAPES.len(), "one row per function");
    assert!(problems.is_empty(), "{problems:#?}");
}
