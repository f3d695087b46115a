//! wasmtime's own WASI 0.2 as the oracle of linked `wasm32-wasip2`
//! programs (issue 24).
//!
//! Each fixture (`tests/fixtures/wasip2-oracle/*.rs`) is compiled by
//! `rustc` for `wasm32-wasip2`: a command component. The oracle runs the
//! component under wasmtime's component model with `wasmtime-wasi` (WASI
//! 0.2 as wasmtime serves it: [`oracle`]); the same component linked by
//! `wasmer-link` into one core module (WASI 0.2 served over
//! `wasi_snapshot_preview1`) runs in the `host` binary (`--example wasi`)
//! on Wasmer cranelift and singlepass in both profiles, and on WASM3 in
//! the portable one. Every run gets the same environment, arguments and,
//! for the file program, a fresh copy of the same directory as its one
//! preopened directory; stdout, stderr, how the run ended, and the
//! directory's files after the run must equal the oracle's exactly.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use linker::{Linker, Profile};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{FsPerms, I32Exit, ResourceTable, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ended {
    /// With this exit status (0: `main` returned).
    Exit(i32),
    /// A trap (a panic, under Rust's `panic = abort` for WASI).
    Trap,
}

/// A directory tree: each entry's path relative to the root (`/` between
/// components), with the file's bytes, or `None` for a directory.
type Tree = BTreeMap<String, Option<Vec<u8>>>;

/// Everything a run shows.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    stdout: String,
    stderr: String,
    ended: Ended,
    /// The preopened directory after the run (empty without one).
    files: Tree,
}

/// What a run is given.
struct Given<'a> {
    env: &'a [(&'a str, &'a str)],
    /// After `argv[0]`.
    args: &'a [&'a str],
    /// The preopened directory's files before the run (relative path,
    /// bytes), or `None` for no preopened directory.
    files: Option<&'a [(&'a str, &'a [u8])]>,
}

/// A fixture built by `rustc` for `target` (named apart from other tests'
/// outputs in cargo's temporary directory).
fn build(fixture: &str, target: &str) -> Vec<u8> {
    let out = format!("wasip2-oracle-{fixture}-{target}.wasm");
    let path = common::rustc(&format!("tests/fixtures/wasip2-oracle/{fixture}.rs"), &["-O", "--target", target], &out);
    std::fs::read(path).unwrap()
}

fn link(component: &[u8], profile: Profile) -> Vec<u8> {
    Linker::new()
        .module("command", component.to_vec())
        .profile(profile)
        .link()
        .unwrap_or_else(|err| panic!("wasmer-link refused the component ({}): {err}", profile.name()))
}

/// A new, empty directory for one run.
fn fresh_dir(label: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("wasip2-oracle-{}", std::process::id())).join(label);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Creates `files` under `dir` (their parent directories too).
fn populate(dir: &Path, files: &[(&str, &[u8])]) {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Every entry under `dir`.
fn tree(dir: &Path) -> Tree {
    fn walk(root: &Path, dir: &Path, out: &mut Tree) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().components();
            let rel = rel.map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
            if path.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Tree::new();
    walk(dir, dir, &mut out);
    out
}

/// The store's data: WASI 0.2 as `wasmtime-wasi` serves it.
struct State {
    ctx: WasiCtx,
    table: ResourceTable,
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.ctx, table: &mut self.table }
    }
}

/// The oracle: the component in wasmtime, with wasmtime-wasi's WASI 0.2
/// (`wasi:cli/command`): the given variables only, `argv[0]` then the
/// arguments, stdout and stderr in memory, the directory preopened as `.`
/// with every permission.
fn oracle(component: &[u8], given: &Given, label: &str) -> Outcome {
    let engine = wasmtime::Engine::default();
    let component = wasmtime::component::Component::new(&engine, component).expect("wasmtime compiles the component");
    let mut linker = wasmtime::component::Linker::<State>::new(&engine);
    wasmtime_wasi::p2::add_to_linker_sync(&mut linker).unwrap();
    let (stdout, stderr) = (MemoryOutputPipe::new(1 << 20), MemoryOutputPipe::new(1 << 20));
    let mut wasi = WasiCtxBuilder::new();
    wasi.stdout(stdout.clone()).stderr(stderr.clone());
    wasi.args(&[&["command.wasm"], given.args].concat());
    wasi.envs(given.env);
    let dir = given.files.map(|files| {
        let dir = fresh_dir(&format!("{label}-oracle"));
        populate(&dir, files);
        wasi.preopened_dir(&dir, ".", FsPerms::ReadWrite).unwrap();
        dir
    });
    let state = State { ctx: wasi.build(), table: ResourceTable::new() };
    let mut store = wasmtime::Store::new(&engine, state);
    let command = wasmtime_wasi::p2::bindings::sync::Command::instantiate(&mut store, &component, &linker)
        .expect("wasmtime instantiates the command");
    let ended = match command.wasi_cli_run().call_run(&mut store) {
        Ok(Ok(())) => Ended::Exit(0),
        // `run` returned its error: wasmtime's own CLI exits with 1.
        Ok(Err(())) => Ended::Exit(1),
        Err(err) => match err.downcast_ref::<I32Exit>() {
            Some(I32Exit(code)) => Ended::Exit(*code),
            None => Ended::Trap,
        },
    };
    drop(store);
    let text = |pipe: MemoryOutputPipe| String::from_utf8(pipe.contents().to_vec()).expect("utf-8 output");
    Outcome { stdout: text(stdout), stderr: text(stderr), ended, files: dir.as_deref().map(tree).unwrap_or_default() }
}

/// The linked module as a core command under wasmtime, with
/// `wasmtime-wasi`'s preview 1 (the same variables, arguments, pipes and
/// preopened directory as [`oracle`]).
fn wasmtime_core(module: &[u8], given: &Given, label: &str) -> Outcome {
    let mut config = wasmtime::Config::new();
    config.wasm_multi_memory(true);
    let engine = wasmtime::Engine::new(&config).unwrap();
    let module = wasmtime::Module::new(&engine, module).expect("wasmtime compiles the linked module");
    let mut linker = wasmtime::Linker::new(&engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |ctx| ctx).unwrap();
    let (stdout, stderr) = (MemoryOutputPipe::new(1 << 20), MemoryOutputPipe::new(1 << 20));
    let mut wasi = WasiCtxBuilder::new();
    wasi.stdout(stdout.clone()).stderr(stderr.clone());
    wasi.args(&[&["command.wasm"], given.args].concat());
    wasi.envs(given.env);
    let dir = given.files.map(|files| {
        let dir = fresh_dir(&format!("{label}-wasmtime-core"));
        populate(&dir, files);
        wasi.preopened_dir(&dir, ".", FsPerms::ReadWrite).unwrap();
        dir
    });
    let mut store = wasmtime::Store::new(&engine, wasi.build_p1());
    let instance = linker.instantiate(&mut store, &module).expect("wasmtime instantiates the linked module");
    let start = instance.get_typed_func::<(), ()>(&mut store, "_start").expect("the output exports `_start`");
    let ended = match start.call(&mut store, ()) {
        Ok(()) => Ended::Exit(0),
        Err(err) => match err.downcast_ref::<I32Exit>() {
            Some(I32Exit(code)) => Ended::Exit(*code),
            None => Ended::Trap,
        },
    };
    drop(store);
    let text = |pipe: MemoryOutputPipe| String::from_utf8(pipe.contents().to_vec()).expect("utf-8 output");
    Outcome { stdout: text(stdout), stderr: text(stderr), ended, files: dir.as_deref().map(tree).unwrap_or_default() }
}

/// The linked module in the `host` binary on `engine`, with the same
/// environment, arguments and directory.
fn linked(module: &Path, engine: &str, given: &Given, label: &str) -> Outcome {
    let mut command = Command::new(env!("CARGO_BIN_EXE_host"));
    command.args(["--example", "wasi", "--engine", engine]);
    for (key, value) in given.env {
        command.arg("--env").arg(format!("{key}={value}"));
    }
    for arg in given.args {
        command.arg("--arg").arg(arg);
    }
    let dir = given.files.map(|files| {
        let dir = fresh_dir(&format!("{label}-{engine}"));
        populate(&dir, files);
        command.arg("--dir").arg(&dir);
        dir
    });
    // The host process's own variables must not reach the guest.
    command.env("SUFFIX", "from-the-host-process").env("GREETING", "from-the-host-process");
    let out = command.arg(module).output().expect("the host binary runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 output");
    let (stderr, ended) = guest_stderr(&stderr, out.status.code(), &format!("{label} on {engine}"));
    Outcome { stdout, stderr, ended, files: dir.as_deref().map(tree).unwrap_or_default() }
}

/// The guest's stderr and how it ended, from the host's: after the guest's
/// stderr the host adds one line, `error: the guest exited with code N
/// (`proc_exit`)` for an exit with N other than 0, or `error: ... calling
/// `_start` trapped: ...` for a trap (exit status 1).
fn guest_stderr(stderr: &str, status: Option<i32>, what: &str) -> (String, Ended) {
    match status {
        Some(0) => (stderr.to_string(), Ended::Exit(0)),
        Some(code) => {
            let exit_line = format!("error: the guest exited with code {code} (`proc_exit`)\n");
            if let Some(guest) = stderr.strip_suffix(&exit_line) {
                return (guest.to_string(), Ended::Exit(code));
            }
            let body = stderr.strip_suffix('\n').unwrap_or(stderr);
            let (guest, last) = body.rsplit_once('\n').map_or(("", body), |(guest, last)| (guest, last));
            assert!(
                code == 1 && last.starts_with("error: ") && last.contains("calling `_start` trapped"),
                "{what}: the host exited with {code} for neither an exit nor a trap: {stderr}"
            );
            (if guest.is_empty() { String::new() } else { format!("{guest}\n") }, Ended::Trap)
        }
        None => panic!("{what}: the host was killed by a signal: {stderr}"),
    }
}

/// `fixture` built for `wasm32-wasip2`, and the oracle's outcome of each of
/// `runs`, each checked by `check` (so a broken oracle cannot pass
/// unnoticed).
fn oracle_outcomes(fixture: &str, runs: &[(&str, Given)], check: impl Fn(&str, &Outcome)) -> (Vec<u8>, Vec<Outcome>) {
    let component = build(fixture, "wasm32-wasip2");
    assert_eq!(&component[4..8], &[0x0d, 0, 1, 0], "rustc's wasm32-wasip2 output is a component");
    let wants = runs
        .iter()
        .map(|(label, given)| {
            let label = format!("{fixture}-{label}");
            let want = oracle(&component, given, &label);
            check(&label, &want);
            want
        })
        .collect();
    (component, wants)
}

/// Each of `runs` of each module (`(what, module, engines)`) in the host
/// binary, compared with the oracle's outcome (`wants`, in the same order)
/// after `adjust` says how the module may differ (the identity for a
/// linked component); returns how many runs matched.
fn compare(
    fixture: &str,
    runs: &[(&str, Given)],
    wants: &[Outcome],
    modules: &[(&str, PathBuf, &[&str])],
    adjust: impl Fn(&str, &Outcome) -> Ended,
) -> usize {
    let mut matched = 0;
    for ((label, given), want) in runs.iter().zip(wants) {
        let label = format!("{fixture}-{label}");
        for (what, module, engines) in modules {
            for engine in *engines {
                let got = linked(module, engine, given, &format!("{label}-{what}"));
                let what = format!("{label}: {what} on {engine}");
                assert_eq!(got.stdout, want.stdout, "{what}: stdout");
                assert_eq!(got.stderr, want.stderr, "{what}: stderr");
                assert_eq!(got.ended, adjust(&label, want), "{what}: how it ended");
                assert_eq!(got.files, want.files, "{what}: the directory after the run");
                matched += 1;
            }
        }
    }
    matched
}

/// Runs `fixture` under the oracle with each of `runs`, then linked, on
/// every engine of each profile; returns how many linked runs matched.
fn matches_the_oracle(fixture: &str, runs: &[(&str, Given)], check: impl Fn(&str, &Outcome)) -> usize {
    let (component, wants) = oracle_outcomes(fixture, runs, check);
    let module = |profile: Profile| {
        let name = format!("{fixture}-{}.wasm", profile.name());
        common::write_temp("wasip2-oracle", &name, &link(&component, profile))
    };
    let modules: [(&str, PathBuf, &[&str]); 2] = [
        ("linked portable", module(Profile::Portable), &["cranelift", "singlepass", "wasm3"]),
        ("linked multi-memory", module(Profile::MultiMemory), &["cranelift", "singlepass"]),
    ];
    compare(fixture, runs, &wants, &modules, |_, want| want.ended.clone())
}

const HELLO_RUNS: &[(&str, Given)] = &[
    ("plain", Given { env: &[], args: &[], files: None }),
    (
        "env-args",
        Given {
            env: &[("GREETING", "grüß dich"), ("EMPTY", ""), ("A", "1=2")],
            args: &["one", "two words", "--three", "ü"],
            files: None,
        },
    ),
    ("exit-0", Given { env: &[("ENDING", "exit=0")], args: &[], files: None }),
    ("exit-3", Given { env: &[("ENDING", "exit=3")], args: &["x"], files: None }),
    ("exit-1", Given { env: &[("ENDING", "exit=1")], args: &[], files: None }),
    ("panic", Given { env: &[("ENDING", "panic=on purpose")], args: &[], files: None }),
    ("error", Given { env: &[("ENDING", "error=it went wrong")], args: &[], files: None }),
];

/// Print, eprint, arguments, the environment, both clocks, `insecure-seed`,
/// and every way a command ends: as wasmtime runs the component.
#[test]
fn a_linked_wasip2_command_prints_and_ends_as_wasmtime_runs_the_component() {
    let matched = matches_the_oracle("hello", HELLO_RUNS, |label, want| {
        // The oracle itself says what the fixture means, so a broken oracle
        // cannot pass unnoticed.
        assert!(want.stdout.starts_with("hello from a wasip2 command\n"), "{label}: {want:?}");
        assert!(want.stderr.starts_with("this line goes to stderr\n"), "{label}: {want:?}");
        let ended = match label {
            "hello-exit-3" | "hello-exit-1" | "hello-error" => Ended::Exit(1),
            "hello-panic" => Ended::Trap,
            _ => Ended::Exit(0),
        };
        assert_eq!(want.ended, ended, "{label}: {want:?}");
        if label == "hello-env-args" {
            assert!(want.stdout.contains("4 arguments: [\"one\", \"two words\", \"--three\", \"ü\"]\n"), "{want:?}");
            let vars = "A=1=2 (3 chars)\nEMPTY= (0 chars)\nGREETING=grüß dich (9 chars)\n";
            assert!(want.stdout.contains(vars), "{want:?}");
        }
        if label == "hello-panic" {
            assert!(want.stderr.contains("on purpose"), "{want:?}");
        }
    });
    assert_eq!(matched, HELLO_RUNS.len() * 5);
}

const IN_TXT: &[u8] = b"first line\nsecond line, gr\xc3\xbc\xc3\x9f\n";

const FILES_RUNS: &[(&str, Given)] = &[
    ("plain", Given { env: &[], args: &[], files: Some(&[("in.txt", IN_TXT), ("old/keep.txt", b"untouched")]) }),
    ("suffix-exit", Given { env: &[("SUFFIX", "?"), ("EXIT", "3")], args: &[], files: Some(&[("in.txt", IN_TXT)]) }),
];

/// Files in the preopened directory: read, write, append, read back,
/// metadata, a sorted listing, a missing file's error, directories made and
/// removed, a file removed, what is left after the run, the exit code.
#[test]
fn a_linked_wasip2_command_uses_its_preopened_directory_as_wasmtime_runs_the_component() {
    let matched = matches_the_oracle("files", FILES_RUNS, |label, want| {
        assert!(want.stdout.starts_with("in.txt: 31 bytes, 2 lines\n"), "{label}: {want:?}");
        assert!(want.stdout.contains("missing.txt: NotFound\n"), "{label}: {want:?}");
        assert!(want.stdout.contains("create_dir sub again: AlreadyExists\n"), "{label}: {want:?}");
        assert_eq!(want.stderr, "files done\n", "{label}");
        let suffix = if label == "files-suffix-exit" { "?" } else { "!" };
        let out = format!("FIRST LINE\nSECOND LINE, GRÜSS\nappended{suffix}\n");
        assert_eq!(want.files.get("out.txt"), Some(&Some(out.into_bytes())), "{label}");
        assert_eq!(want.files.get("kept"), Some(&None), "{label}");
        assert!(!want.files.contains_key("sub") && !want.files.contains_key("scratch.txt"), "{label}");
        assert_eq!(want.ended, Ended::Exit(if label == "files-suffix-exit" { 1 } else { 0 }), "{label}");
    });
    assert_eq!(matched, FILES_RUNS.len() * 5);
}

/// The host's own half of the comparison, checkable before the linker
/// serves `wasi:filesystem`: the same file program built for
/// `wasm32-wasip1` (preview 1 directly, no shim) on the host with `--dir`
/// (Wasmer's directory served from memory, WASM3's the current directory
/// with the file-system functions the host adds) shows the oracle's
/// stdout, stderr and files. Only the exit code differs where the program
/// asks for 3: preview 1 carries it, WASI 0.2's stable `exit` says only
/// `err` (1).
#[test]
fn the_file_program_built_for_wasip1_on_the_host_with_dir_matches_the_oracle() {
    let (_, wants) = oracle_outcomes("files", FILES_RUNS, |_, _| {});
    let p1 = build("files", "wasm32-wasip1");
    // WASM3 0.4.7 cannot run bulk memory, which Rust's wasip1 output uses:
    // the module alone through the portable profile (its WASI imports stay
    // preview 1's).
    let lowered = Linker::new().module("files", p1.clone()).profile(Profile::Portable).link().unwrap();
    let modules: [(&str, PathBuf, &[&str]); 2] = [
        ("wasip1", common::write_temp("wasip2-oracle", "files-wasip1.wasm", &p1), &["cranelift", "singlepass"]),
        ("wasip1-portable", common::write_temp("wasip2-oracle", "files-wasip1-portable.wasm", &lowered), &["wasm3"]),
    ];
    let matched = compare("files", FILES_RUNS, &wants, &modules, |label, want| match label {
        "files-suffix-exit" => Ended::Exit(3),
        _ => want.ended.clone(),
    });
    assert_eq!(matched, FILES_RUNS.len() * 3);
}

/// `--dir` and `--arg` are refused where they mean nothing, and a `--dir`
/// that is not a directory is an error naming it, before the guest runs.
#[test]
fn dir_and_arg_are_refused_where_they_mean_nothing() {
    let host = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_host")).args(args).output().unwrap();
    let module = common::write_temp("wasip2-oracle", "empty.wasm", &wat::parse_str("(module)").unwrap());
    let module = module.to_str().unwrap();
    for flag in ["--dir", "--arg"] {
        let out = host(&[flag, "x", module]);
        assert_eq!(out.status.code(), Some(2), "{flag}: {out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("are for a WASI guest: use them with `--example wasi`"));
    }
    let out = host(&["--example", "wasi", "--dir", env!("CARGO_TARGET_TMPDIR"), module, module]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("are for one linked module"), "{out:?}");
    let missing = format!("{module}.missing");
    for engine in ["cranelift", "wasm3"] {
        let out = host(&["--example", "wasi", "--engine", engine, "--dir", &missing, module]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr, format!("error: `--dir {missing}`: not a directory\n"), "{engine}");
    }
}

const EXAMPLE_RUNS: &[(&str, Given)] = &[
    ("plain", Given { env: &[], args: &[], files: Some(&[("input.txt", b"one\ntwo\nthree\n")]) }),
    (
        "loud-exit",
        Given { env: &[("GREETING", "Ada"), ("BLOCK_STYLE", "loud"), ("EXIT", "3")], args: &[], files: Some(&[]) },
    ),
];

/// The WASI 0.2 example (`examples/wasip2`, built by `cargo xtask build`):
/// a command and a block, both `wasm32-wasip2` components with std, that
/// print, read variables and use files (the block keeps `note.txt` for the
/// app). wasmtime runs their composition (`composed.wasm`, the oracle);
/// `wasmer-link app.wasm block.wasm` must print, end and leave the same
/// files on every engine.
#[test]
fn the_wasip2_example_linked_runs_as_wasmtime_runs_its_composition() {
    let dir = common::wasm_dir(&["wasip2/app.wasm", "wasip2/block.wasm", "wasip2/composed.wasm"]).join("wasip2");
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let composed = read("composed.wasm");
    let wants: Vec<Outcome> = EXAMPLE_RUNS
        .iter()
        .map(|(label, given)| {
            let want = oracle(&composed, given, &format!("example-{label}"));
            let note = if *label == "plain" { "a note for world\n" } else { "A NOTE FOR ADA\n" };
            assert_eq!(want.files.get("note.txt"), Some(&Some(note.as_bytes().to_vec())), "{label}: {want:?}");
            assert!(want.stdout.contains(&format!("[app] the block read back: {note}")), "{label}: {want:?}");
            assert!(
                want.stderr.contains("[app] as expected: cannot load missing.txt: NotFound\n"),
                "{label}: {want:?}"
            );
            let lines =
                if *label == "plain" { "[app] input.txt has 3 lines\n" } else { "[app] no input.txt: NotFound\n" };
            assert!(want.stdout.contains(lines) || want.stderr.contains(lines), "{label}: {want:?}");
            assert_eq!(want.ended, Ended::Exit(if *label == "plain" { 0 } else { 1 }), "{label}");
            want
        })
        .collect();
    let module = |profile: Profile| {
        let linked = Linker::new()
            .module("app", read("app.wasm"))
            .module("block", read("block.wasm"))
            .profile(profile)
            .link()
            .unwrap_or_else(|err| panic!("wasmer-link refused the example ({}): {err}", profile.name()));
        common::write_temp("wasip2-oracle", &format!("example-{}.wasm", profile.name()), &linked)
    };
    let modules: [(&str, PathBuf, &[&str]); 2] = [
        ("linked portable", module(Profile::Portable), &["cranelift", "singlepass", "wasm3"]),
        ("linked multi-memory", module(Profile::MultiMemory), &["cranelift", "singlepass"]),
    ];
    let matched = compare("example", EXAMPLE_RUNS, &wants, &modules, |_, want| want.ended.clone());
    assert_eq!(matched, EXAMPLE_RUNS.len() * 5);
    // The same core modules under wasmtime, over its preview 1.
    for ((label, given), want) in EXAMPLE_RUNS.iter().zip(&wants) {
        for (what, path, _) in &modules {
            let got = wasmtime_core(&std::fs::read(path).unwrap(), given, &format!("example-{label}-{what}"));
            assert_eq!(&got, want, "example-{label}: {what} on wasmtime (core, preview 1)");
        }
    }
}
