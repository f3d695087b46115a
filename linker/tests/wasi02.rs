//! WASI 0.2 served inside the output over `wasi_snapshot_preview1`. Two
//! components made as `wit-bindgen` + `wasm-tools component new` make them
//! (core modules in `tests/wasi02/*.wat` with their WIT worlds embedded,
//! encoded by `wit-component`), whose worlds import `wasi:cli` and `wasi:io`
//! interfaces with WASI 0.2.6's own types (`tests/wasi02/*.wit`): the app
//! (the main component: its memory is the one the host reads) and a block
//! it imports (a dependency: its memory is not). Linked in both profiles,
//! run on Wasmer (cranelift and singlepass) against a fake preview 1 host
//! that records what it was given: stdout and stderr bytes, stdin read to
//! its end (`closed`), a failing `fd_write` (`last-operation-failed` with an
//! error whose debug string names the errno; `EPIPE` is `closed`), the
//! environment and arguments (non-ASCII, values holding `=`), exit codes,
//! handles dropped and reused, a dropped handle refused. What is not served
//! is refused with one sentence per import.

use std::collections::VecDeque;
use std::path::Path;

use linker::{Linker, Profile};
#[path = "common/preview1.rs"]
mod preview1;

use preview1::{iovecs, read, sizes, strings, write, GuestMemory, EFAULT};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Imports, Instance, Memory, Module, RuntimeError, Store};
use wit_parser::Resolve;

const EBADF: i32 = 8;
const EIO: i32 = 29;
const EPIPE: i32 = 64;
const ENV: &[&str] = &["LANG=C.UTF-8", "NOEQ", "EMPTY=", "GRÜSSE=grüße=ja ✓"];
const ARGS: &[&str] = &["app", "--flag", "ünïcode ✓"];

#[derive(Default)]
struct Host {
    memory: Option<Memory>,
    stdin: VecDeque<u8>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// The errno `fd_write` to stdout answers with, if any.
    fail: Option<i32>,
    /// The monotonic clock: 1000 ns more at every reading.
    ticks: u64,
}

/// The wall clock the fake host reads (ns since the epoch).
const WALL_NS: u64 = 1_700_000_000_123_456_789;
/// Every byte `random_get` gives.
const RANDOM_BYTE: u8 = 7;

/// `proc_exit`'s code, carried out of the call as the trap's cause.
#[derive(Debug)]
struct Exit(i32);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}

impl std::error::Error for Exit {}

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
        if fd == 1 {
            if let Some(errno) = env.data().fail {
                return errno;
            }
        }
        if !write(&env, nwritten, &(out.len() as u32).to_le_bytes()) {
            return EFAULT;
        }
        match fd {
            1 => env.data_mut().stdout.extend(out),
            2 => env.data_mut().stderr.extend(out),
            _ => return EBADF,
        }
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
    let proc_exit = |_: Env, code: i32| -> Result<(), RuntimeError> { Err(RuntimeError::user(Box::new(Exit(code)))) };
    let clock_time_get = |mut env: Env, id: i32, _precision: i64, out: i32| -> i32 {
        let now = match id {
            0 => WALL_NS,
            1 => {
                env.data_mut().ticks += 1000;
                env.data().ticks
            }
            _ => return 28, // EINVAL
        };
        if write(&env, out, &now.to_le_bytes()) {
            0
        } else {
            EFAULT
        }
    };
    let clock_res_get = |env: Env, id: i32, out: i32| -> i32 {
        let resolution: u64 = if id == 0 { 1000 } else { 1 };
        if write(&env, out, &resolution.to_le_bytes()) {
            0
        } else {
            EFAULT
        }
    };
    let random_get = |env: Env, buf: i32, len: i32| -> i32 {
        if write(&env, buf, &vec![RANDOM_BYTE; len as u32 as usize]) {
            0
        } else {
            EFAULT
        }
    };
    // One preopened directory, fd 3, named `/data`; its `fd_datasync` fails
    // with `EIO`.
    let fd_prestat_get = |env: Env, fd: i32, out: i32| -> i32 {
        if fd != 3 {
            return EBADF;
        }
        let mut prestat = [0u8; 8];
        prestat[4..].copy_from_slice(&5u32.to_le_bytes());
        if write(&env, out, &prestat) {
            0
        } else {
            EFAULT
        }
    };
    let fd_prestat_dir_name = |env: Env, fd: i32, buf: i32, len: i32| -> i32 {
        if fd != 3 {
            return EBADF;
        }
        if write(&env, buf, &b"/data"[..(len as usize).min(5)]) {
            0
        } else {
            EFAULT
        }
    };
    let fd_filestat_get = |env: Env, fd: i32, out: i32| -> i32 {
        if fd != 3 {
            return EBADF;
        }
        let mut stat = [0u8; 64];
        stat[16] = 3; // directory
        if write(&env, out, &stat) {
            0
        } else {
            EFAULT
        }
    };
    let fd_datasync = |_: Env, fd: i32| -> i32 {
        if fd == 3 {
            EIO
        } else {
            EBADF
        }
    };
    let mut imports = Imports::new();
    let mut add = |name: &str, f: Function| imports.define("wasi_snapshot_preview1", name, f);
    add("fd_prestat_get", Function::new_typed_with_env(store, env, fd_prestat_get));
    add("fd_prestat_dir_name", Function::new_typed_with_env(store, env, fd_prestat_dir_name));
    add("fd_filestat_get", Function::new_typed_with_env(store, env, fd_filestat_get));
    add("fd_datasync", Function::new_typed_with_env(store, env, fd_datasync));
    add("fd_close", Function::new_typed_with_env(store, env, |_: Env, _fd: i32| -> i32 { 0 }));
    // Only appending file streams seek (none here): stdout cannot.
    add("fd_seek", Function::new_typed_with_env(store, env, |_: Env, _: i32, _: i64, _: i32, _: i32| -> i32 { 70 }));
    add("clock_time_get", Function::new_typed_with_env(store, env, clock_time_get));
    add("clock_res_get", Function::new_typed_with_env(store, env, clock_res_get));
    add("random_get", Function::new_typed_with_env(store, env, random_get));
    add("fd_write", Function::new_typed_with_env(store, env, fd_write));
    add("fd_read", Function::new_typed_with_env(store, env, fd_read));
    add("environ_sizes_get", Function::new_typed_with_env(store, env, |e: Env, c: i32, s: i32| sizes(&e, ENV, c, s)));
    add("environ_get", Function::new_typed_with_env(store, env, |e: Env, p: i32, b: i32| strings(&e, ENV, p, b)));
    add("args_sizes_get", Function::new_typed_with_env(store, env, |e: Env, c: i32, s: i32| sizes(&e, ARGS, c, s)));
    add("args_get", Function::new_typed_with_env(store, env, |e: Env, p: i32, b: i32| strings(&e, ARGS, p, b)));
    add("proc_exit", Function::new_typed_with_env(store, env, proc_exit));
    imports
}

fn file(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wasi02").join(name)).unwrap()
}

/// The core module `wat` (a file of `tests/wasi02/`, or WAT text) with
/// `world` of `fixture.wit` embedded, encoded as a component.
fn component(world: &str, wat: &str) -> Vec<u8> {
    component_at("0.2.6", world, wat, |wit| wit)
}

/// [`component`] with every WASI version `0.2.6` replaced by `version`, and
/// `cli.wit` edited by `edit`.
fn component_at(version: &str, world: &str, wat: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let text = |name: &str| file(name).replace("@0.2.6", &format!("@{version}"));
    let mut resolve = Resolve::default();
    for wit in ["io.wit", "cli.wit", "refused.wit", "filesystem.wit", "clocks.wit", "random.wit"] {
        let wit_text = if wit == "cli.wit" { edit(text(wit)) } else { text(wit) };
        resolve.push_str(wit, &wit_text).unwrap();
    }
    let package = resolve.push_str("fixture.wit", &text("fixture.wit")).unwrap();
    let world = resolve.select_world(&[package], Some(world)).unwrap();
    let source = if wat.ends_with(".wat") { text(wat) } else { wat.replace("@0.2.6", &format!("@{version}")) };
    let mut module = wat::parse_str(source).unwrap();
    wit_component::embed_component_metadata(&mut module, &resolve, world, wit_component::StringEncoding::UTF8, false)
        .unwrap();
    wit_component::ComponentEncoder::default().module(&module).unwrap().validate(true).encode().unwrap()
}

fn link(modules: &[(&str, Vec<u8>)], profile: Profile) -> Result<Vec<u8>, linker::LinkError> {
    let mut linker = Linker::new().profile(profile);
    for (name, bytes) in modules {
        linker = linker.module_from(*name, bytes.clone(), format!("{name}.wasm"));
    }
    linker.link()
}

fn linked(profile: Profile) -> Vec<u8> {
    let modules = [("app", component("app", "app.wat")), ("block", component("block-world", "block.wat"))];
    link(&modules, profile).unwrap_or_else(|e| panic!("linking ({profile:?}): {e}"))
}

/// One fresh instance of `output` on `engine` with `stdin`.
struct Run {
    store: Store,
    env: FunctionEnv<Host>,
    instance: Instance,
}

impl Run {
    fn new(output: &[u8], engine: &str, stdin: &[u8]) -> Run {
        let mut store = match engine {
            "cranelift" => Store::new(wasmer::sys::Cranelift::default()),
            _ => Store::new(wasmer::sys::Singlepass::default()),
        };
        let module = Module::new(&store, output).unwrap();
        let env = FunctionEnv::new(&mut store, Host { stdin: stdin.iter().copied().collect(), ..Host::default() });
        let imports = imports(&mut store, &env);
        let instance = Instance::new(&mut store, &module, &imports).unwrap();
        env.as_mut(&mut store).memory = Some(instance.exports.get_memory("memory").unwrap().clone());
        Run { store, env, instance }
    }

    fn call(&mut self, name: &str, args: &[wasmer::Value]) -> Result<Option<i32>, RuntimeError> {
        let f = self.instance.exports.get_function(name).unwrap();
        f.call(&mut self.store, args).map(|r| r.first().map(|v| v.unwrap_i32()))
    }

    fn u32(&mut self, name: &str) -> i32 {
        self.call(name, &[]).unwrap_or_else(|e| panic!("`{name}` trapped: {e}")).unwrap()
    }

    fn out(&mut self) -> (String, String) {
        let host = self.env.as_mut(&mut self.store);
        let out = String::from_utf8(std::mem::take(&mut host.stdout)).unwrap();
        let err = String::from_utf8(std::mem::take(&mut host.stderr)).unwrap();
        (out, err)
    }

    fn exit(&mut self, name: &str, arg: i32) -> i32 {
        let e = self.call(name, &[wasmer::Value::I32(arg)]).expect_err("exit returns");
        e.downcast::<Exit>().unwrap_or_else(|e| panic!("`{name}` trapped instead of exiting: {e}")).0
    }
}

const ENGINES: [&str; 2] = ["cranelift", "singlepass"];
const PROFILES: [Profile; 2] = [Profile::MultiMemory, Profile::Portable];

#[test]
fn the_output_imports_only_preview1() {
    for profile in PROFILES {
        let output = linked(profile);
        let mut names: Vec<String> = wasmparser::Parser::new(0)
            .parse_all(&output)
            .filter_map(|p| match p {
                Ok(wasmparser::Payload::ImportSection(r)) => Some(
                    r.into_imports()
                        .map(|i| i.unwrap())
                        .map(|i| format!("{}.{}", i.module, i.name))
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .flatten()
            .collect();
        names.sort();
        let want: Vec<String> =
            ["args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "fd_read", "fd_write", "proc_exit"]
                .iter()
                .map(|f| format!("wasi_snapshot_preview1.{f}"))
                .collect();
        assert_eq!(names, want, "{profile:?}");
    }
}

#[test]
fn stdout_and_stderr_reach_preview1_and_handles_are_reused() {
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            let what = format!("{profile:?} on {engine}");
            let mut run = Run::new(&output, engine, b"");
            // `hello` returns its two handles (stdout's | stderr's << 8),
            // both dropped before it returns: the table's free slots serve
            // the next call (last freed first), so no call needs a third.
            let handles = |h: i32| {
                let mut pair = [h & 0xff, h >> 8];
                pair.sort();
                pair
            };
            let first = run.u32("hello");
            assert_eq!(handles(first), [1, 2], "{what}: {first:#x}");
            assert_eq!(run.out(), ("hello, world\n".to_string(), "oops\n".to_string()), "{what}");
            for _ in 0..100 {
                let h = run.u32("hello");
                assert_eq!(handles(h), [1, 2], "{what}: dropped handles are reused ({h:#x})");
            }
            let (out, err) = run.out();
            assert_eq!((out, err), ("hello, world\n".repeat(100), "oops\n".repeat(100)), "{what}");
        }
    }
}

#[test]
fn stdin_is_read_to_its_end_which_is_closed() {
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            let mut run = Run::new(&output, engine, b"abcdefghijkl");
            // Reads of 5, 5 and 2 bytes, then `closed` (case 1).
            assert_eq!(run.u32("echo"), 31, "{profile:?} on {engine}");
            assert_eq!(run.out(), ("abcdefghijkl".to_string(), String::new()), "{profile:?} on {engine}");
        }
    }
}

#[test]
fn a_failing_write_is_last_operation_failed_and_epipe_is_closed() {
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            let mut run = Run::new(&output, engine, b"");
            run.env.as_mut(&mut run.store).fail = Some(EIO);
            assert_eq!(run.u32("fail"), 0, "{profile:?} on {engine}: last-operation-failed");
            assert_eq!(run.out(), (String::new(), format!("errno {EIO}")), "{profile:?} on {engine}");
            run.env.as_mut(&mut run.store).fail = Some(EPIPE);
            assert_eq!(run.u32("fail"), 1, "{profile:?} on {engine}: closed");
            assert_eq!(run.out(), (String::new(), String::new()), "{profile:?} on {engine}");
            // Every error handle was dropped: at most three handles (the
            // two streams and the error) are ever alive, so no slot past 3
            // is ever handed out.
            for _ in 0..50 {
                run.env.as_mut(&mut run.store).fail = Some(EIO);
                assert_eq!(run.u32("fail"), 0);
                run.env.as_mut(&mut run.store).fail = None;
                let again = run.u32("hello");
                let (a, b) = (again & 0xff, again >> 8);
                assert!(a != b && (1..=3).contains(&a) && (1..=3).contains(&b), "{profile:?} on {engine}: {again:#x}");
            }
            assert_eq!(run.out().1, format!("errno {EIO}oops\n").repeat(50), "{profile:?} on {engine}");
        }
    }
}

#[test]
fn environment_and_arguments_round_trip() {
    let want = "LANG:C.UTF-8\nNOEQ:\nEMPTY:\nGRÜSSE:grüße=ja ✓\napp\n--flag\nünïcode ✓\n";
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            let mut run = Run::new(&output, engine, b"");
            assert_eq!(run.u32("env"), 4 * 100 + 3, "{profile:?} on {engine}");
            assert_eq!(run.out(), (want.to_string(), String::new()), "{profile:?} on {engine}");
        }
    }
}

#[test]
fn a_dependency_component_writes_reads_and_lists_through_the_main_memory() {
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            let mut run = Run::new(&output, engine, "from stdin ✓".as_bytes());
            assert_eq!(run.u32("via-block"), 4, "{profile:?} on {engine}");
            let want = "block: grüße=ja ✓from stdin ✓\n".to_string();
            assert_eq!(run.out(), (want, String::new()), "{profile:?} on {engine}");
            // The main component's calls still work after the block's.
            run.u32("hello");
            assert_eq!(run.out().0, "hello, world\n", "{profile:?} on {engine}");
        }
    }
}

#[test]
fn exit_codes_reach_proc_exit() {
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            for (name, arg, code) in [("leave", 0, 0), ("leave", 7, 1), ("leave-with", 7, 7), ("leave-with", 300, 44)] {
                let mut run = Run::new(&output, engine, b"");
                assert_eq!(run.exit(name, arg), code, "{name}({arg}), {profile:?} on {engine}");
            }
        }
    }
}

#[test]
fn an_output_stream_pollable_is_always_ready() {
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            let mut run = Run::new(&output, engine, b"");
            // ready, two pollables polled, both ready (indices 0 and 1).
            assert_eq!(run.u32("wait"), 100 + 20 + 1, "{profile:?} on {engine}");
            assert_eq!(run.u32("wait"), 121, "{profile:?} on {engine}: handles dropped and reused");
        }
    }
}

#[test]
fn a_dropped_handle_traps() {
    for profile in PROFILES {
        let output = linked(profile);
        for engine in ENGINES {
            let mut run = Run::new(&output, engine, b"");
            let e = run.call("use-after-drop", &[]).expect_err("a dropped handle is refused");
            assert!(e.downcast_ref::<Exit>().is_none(), "{profile:?} on {engine}: {e}");
        }
    }
}

#[test]
fn what_is_not_served_is_refused_naming_the_import_and_the_component() {
    let refused = component("refused", "refused.wat");
    for profile in PROFILES {
        let e = link(&[("app", refused.clone())], profile).expect_err("refused").to_string();
        let serves = "the linker serves `wasi:cli` (environment, exit, stdin, stdout, stderr, terminals), `wasi:io` (error, streams, and streams' pollables), `wasi:clocks` (the clocks' `now` and `resolution`), `wasi:random` and `wasi:filesystem` (preopened directories and what is under them) over `wasi_snapshot_preview1`: remove its use, or run the component on a WASI 0.2 host (wasmtime)";
        let want = [
            format!("component `app` (app.wasm) imports `wasi:sockets/tcp@0.2.6` (WASI 0.2), which preview1 cannot serve (`wasi_snapshot_preview1` has no way to open a socket); {serves}"),
            format!("component `app` (app.wasm) imports `[method]descriptor.is-same-object` of `wasi:filesystem/types@0.2.6` (WASI 0.2), which the linker does not serve yet; {serves}"),
            format!("component `app` (app.wasm) imports `[method]output-stream.write-zeroes` of `wasi:io/streams@0.2.6` (WASI 0.2), which the linker does not serve yet; {serves}"),
        ];
        for line in &want {
            assert!(e.contains(line.as_str()), "{profile:?}: missing\n{line}\nin\n{e}");
        }
        assert_eq!(
            e.lines().filter(|l| l.starts_with("  - ")).count(),
            3,
            "{profile:?}: exactly these, once each:\n{e}"
        );
    }
}

#[test]
fn any_0_2_patch_version_is_served_and_0_3_is_refused() {
    for version in ["0.2.0", "0.2.3", "0.2.8"] {
        let modules = [
            ("app", component_at(version, "app", "app.wat", |w| w)),
            ("block", component_at(version, "block-world", "block.wat", |w| w)),
        ];
        let output = link(&modules, Profile::Portable).unwrap_or_else(|e| panic!("{version}: {e}"));
        let mut run = Run::new(&output, "cranelift", b"");
        run.u32("hello");
        assert_eq!(run.out(), ("hello, world\n".to_string(), "oops\n".to_string()), "{version}");
    }
    let modules = [("block", component_at("0.3.0", "block-world", "block.wat", |w| w))];
    let e = link(&modules, Profile::Portable).expect_err("0.3 is refused").to_string();
    for import in
        ["wasi:cli/stdout@0.3.0", "wasi:cli/stdin@0.3.0", "wasi:cli/environment@0.3.0", "wasi:io/streams@0.3.0"]
    {
        let line = format!("component `block` (block.wasm) imports `{import}`, WASI 0.3.0, which the linker does not serve (it serves WASI 0.2.x only): rebuild the component for `wasm32-wasip2`, or remove its use, or run the component on a WASI 0.2 host (wasmtime)");
        assert!(e.contains(&line), "missing\n{line}\nin\n{e}");
    }
}

#[test]
fn a_served_function_with_another_type_is_refused_with_both_types() {
    let edit =
        |wit: String| wit.replace("get-arguments: func() -> list<string>;", "get-arguments: func() -> list<u32>;");
    let modules =
        [("app", component_at("0.2.6", "app", "app.wat", edit)), ("block", component("block-world", "block.wat"))];
    let e = link(&modules, Profile::MultiMemory).expect_err("refused").to_string();
    let want = "component `app` (app.wasm) imports `get-arguments` of `wasi:cli/environment@0.2.6` as `func() -> list<u32>`, but WASI 0.2 declares it as `func() -> list<string>`: rebuild the component against WASI 0.2's own WIT";
    assert!(e.contains(want), "missing\n{want}\nin\n{e}");
    assert_eq!(e.lines().filter(|l| l.starts_with("  - ")).count(), 0, "one problem:\n{e}");
}

/// A command component (it exports `wasi:cli/run`) becomes a core command:
/// `_start` runs `run`, returns when it returns `ok`; on `err` it exits
/// with 1 through `proc_exit` (as a WASI 0.2 host ends the run), or traps
/// when the output has no `proc_exit` (the component imports no
/// `wasi:cli/exit`).
#[test]
fn a_command_component_becomes_a_core_command_whose_start_exits_with_1_on_err() {
    // With `wasi:cli/exit` imported (unused by `run`), the output has
    // `proc_exit`.
    let with_exit = |wat: String| {
        let import = "  (import \"wasi:cli/exit@0.2.6\" \"exit\" (func $exit (param i32)))\n  (memory";
        wat.replacen("  (memory", import, 1)
    };
    for (status, exits) in [(0, false), (1, true)] {
        for (world, edit) in [("command", None), ("command-exit", Some(with_exit))] {
            let wat = file("command.wat").replace("STATUS", &status.to_string());
            let command = component(world, &edit.map_or(wat.clone(), |edit| edit(wat)));
            for profile in PROFILES {
                let output = link(&[("command", command.clone())], profile).unwrap();
                for engine in ENGINES {
                    let what = format!("status {status}, world {world}, {profile:?} on {engine}");
                    let mut run = Run::new(&output, engine, b"");
                    let started = run.call("_start", &[]);
                    match (exits, world, started) {
                        (false, _, Ok(_)) => {}
                        (true, "command", Err(e)) => {
                            assert!(e.downcast_ref::<Exit>().is_none(), "{what}: a trap, not an exit: {e}")
                        }
                        (true, _, Err(e)) => assert_eq!(e.downcast::<Exit>().map(|e| e.0).ok(), Some(1), "{what}"),
                        (_, _, started) => panic!("{what}: {started:?}"),
                    }
                    assert_eq!(run.out(), ("ran\n".to_string(), String::new()), "{what}");
                }
            }
        }
    }
}

/// `wasi:clocks` (monotonic and wall clock: `now`, `resolution`) and
/// `wasi:random` (`random`, `insecure`, `insecure-seed`) over preview 1's
/// `clock_time_get`, `clock_res_get` and `random_get`, from the main
/// component and from a dependency (whose shim goes through the main
/// module's memory).
#[test]
fn clocks_and_random_reach_preview1() {
    let modules = [("clocks", component("clocks", "clocks.wat")), ("ticker", component("ticker-block", "ticker.wat"))];
    let seven = u64::from_le_bytes([RANDOM_BYTE; 8]);
    for profile in PROFILES {
        let output = link(&modules, profile).unwrap_or_else(|e| panic!("{profile:?}: {e}"));
        for engine in ENGINES {
            let what = format!("{profile:?} on {engine}");
            let mut run = Run::new(&output, engine, b"");
            let i64_of = |run: &mut Run, name: &str| -> i64 {
                let f = run.instance.exports.get_function(name).unwrap();
                f.call(&mut run.store, &[]).unwrap_or_else(|e| panic!("`{name}` trapped: {e}"))[0].unwrap_i64()
            };
            assert_eq!(i64_of(&mut run, "mono"), 1000, "{what}");
            assert_eq!(i64_of(&mut run, "mono"), 2000, "{what}: the clock moves");
            assert_eq!(i64_of(&mut run, "via-block"), 3000, "{what}: the dependency reads the same clock");
            assert_eq!(i64_of(&mut run, "mono-res"), 1, "{what}");
            assert_eq!(i64_of(&mut run, "wall-secs") as u64, WALL_NS / 1_000_000_000, "{what}");
            assert_eq!(run.u32("wall-nanos") as u64, WALL_NS % 1_000_000_000, "{what}");
            assert_eq!(run.u32("wall-res-nanos"), 1000, "{what}");
            assert_eq!(i64_of(&mut run, "rand") as u64, seven, "{what}");
            assert_eq!(i64_of(&mut run, "insecure") as u64, seven, "{what}");
            assert_eq!(i64_of(&mut run, "seed-sum") as u64, seven.wrapping_add(seven), "{what}");
            for (n, insecure) in [(0, 0), (1, 1), (4095, 0), (4097, 1), (10_000, 0)] {
                let sum = run.call("bytes-sum", &[wasmer::Value::I32(n), wasmer::Value::I32(insecure)]);
                let sum = sum.unwrap_or_else(|e| panic!("{what}: bytes-sum({n}) trapped: {e}")).unwrap();
                assert_eq!(sum, n * RANDOM_BYTE as i32, "{what}: {n} bytes");
            }
        }
    }
}

/// What the shims do not serve, refused by the `wasmer-link` command: one
/// line per import on stderr, naming the import, the component and its
/// file, exit status 1, and no output file written.
#[test]
fn the_command_refuses_what_is_not_served_with_every_reason_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: Vec<u8>| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let refused = write("refused.wasm", component("refused", "refused.wat"));
    let future = write("future.wasm", component_at("0.3.0", "block-world", "block.wat", |w| w));
    let edit =
        |wit: String| wit.replace("get-arguments: func() -> list<string>;", "get-arguments: func() -> list<u32>;");
    let mistyped = write("mistyped.wasm", component_at("0.2.6", "app", "app.wat", edit));
    let block = write("block.wasm", component("block-world", "block.wat"));
    let serves = "the linker serves `wasi:cli` (environment, exit, stdin, stdout, stderr, terminals), `wasi:io` (error, streams, and streams' pollables), `wasi:clocks` (the clocks' `now` and `resolution`), `wasi:random` and `wasi:filesystem` (preopened directories and what is under them) over `wasi_snapshot_preview1`: remove its use, or run the component on a WASI 0.2 host (wasmtime)";
    let cases: [(Vec<&Path>, Vec<String>, usize); 3] = [
        (
            vec![&refused],
            vec![
                format!("component `refused` (refused.wasm) imports `wasi:sockets/tcp@0.2.6` (WASI 0.2), which preview1 cannot serve (`wasi_snapshot_preview1` has no way to open a socket); {serves}"),
                format!("component `refused` (refused.wasm) imports `[method]descriptor.is-same-object` of `wasi:filesystem/types@0.2.6` (WASI 0.2), which the linker does not serve yet; {serves}"),
                format!("component `refused` (refused.wasm) imports `[method]output-stream.write-zeroes` of `wasi:io/streams@0.2.6` (WASI 0.2), which the linker does not serve yet; {serves}"),
            ],
            3,
        ),
        (
            vec![&future],
            ["wasi:cli/stdout", "wasi:cli/stdin", "wasi:io/streams", "wasi:cli/environment"].map(|i| format!("component `future` (future.wasm) imports `{i}@0.3.0`, WASI 0.3.0, which the linker does not serve (it serves WASI 0.2.x only): rebuild the component for `wasm32-wasip2`, or remove its use, or run the component on a WASI 0.2 host (wasmtime)")).to_vec(),
            4,
        ),
        (
            vec![&mistyped, &block],
            vec!["component `mistyped` (mistyped.wasm) imports `get-arguments` of `wasi:cli/environment@0.2.6` as `func() -> list<u32>`, but WASI 0.2 declares it as `func() -> list<string>`: rebuild the component against WASI 0.2's own WIT".to_string()],
            1,
        ),
    ];
    for (inputs, lines, problems) in cases {
        let input = inputs[0];
        let out = dir.path().join("out.wasm");
        let ran = std::process::Command::new(env!("CARGO_BIN_EXE_wasmer-link"))
            .args(&inputs)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&ran.stderr);
        assert_eq!(ran.status.code(), Some(1), "{}: {stderr}", input.display());
        let name = input.file_name().unwrap().to_string_lossy();
        for line in &lines {
            // The command names the file as it was given.
            let line = line.replace(&format!("({name})"), &format!("({})", input.display()));
            assert!(stderr.contains(&line), "{}: missing\n{line}\nin\n{stderr}", input.display());
        }
        // Every problem at once: one line each (a single one has none).
        let listed = stderr.lines().filter(|l| l.starts_with("  - ")).count();
        assert_eq!(listed, if problems > 1 { problems } else { 0 }, "{stderr}");
        assert!(!out.exists(), "{}: an output was written", input.display());
    }
}

/// The `wasi:filesystem` functions no Rust std program of the host tests
/// calls, against the fake host (one preopen, fd 3, `/data`, a directory
/// whose `fd_datasync` fails with `EIO`): `get-directories` lists it,
/// `get-type` says directory, `sync-data` answers `io`, and
/// `filesystem-error-code` maps a failed write's errno (`EIO` to `io`,
/// `ENOTCAPABLE` to `access`); stdin's pollable is ready.
#[test]
fn preopens_get_type_sync_data_and_filesystem_error_code_reach_preview1() {
    let files = component("files", "files.wat");
    for profile in PROFILES {
        let output = link(&[("files", files.clone())], profile).unwrap();
        for engine in ENGINES {
            let what = format!("{profile:?} on {engine}");
            let mut run = Run::new(&output, engine, b"");
            assert_eq!(run.u32("dirs"), 1 << 16 | 5 << 8 | i32::from(b'd'), "{what}: one preopen, `/data`");
            assert_eq!(run.u32("dir-type"), 3, "{what}: ok(directory)");
            assert_eq!(run.u32("sync"), 1 << 8 | 13, "{what}: err(io)");
            assert_eq!(run.u32("stdin-ready"), 1, "{what}: stdin's pollable is ready");
            for (errno, code) in [(EIO, 13), (76, 0), (EBADF, 3)] {
                let mut run = Run::new(&output, engine, b"");
                run.env.as_mut(&mut run.store).fail = Some(errno);
                assert_eq!(run.u32("code"), 1 << 8 | code, "{what}: errno {errno}");
            }
        }
    }
}
