//! Files through WASI 0.2's shims: `tests/fixtures/wasip2-files/main.rs`
//! (every `std::fs` path the shims serve, each step printed with its
//! result or its error's kind) built by `rustc` for `wasm32-wasip2` and
//! linked, in both profiles, against the same program built for
//! `wasm32-wasip1` (the oracle: preview 1 directly), on Wasmer cranelift
//! and singlepass, in a preopened directory `/data` of an in-memory file
//! system holding `in.txt`; and the portable output on WASM3 (the `host`
//! binary, whose WASM3 preopens its current directory, a temporary one
//! holding `in.txt`). Stdout, stderr, the exit code and the directory's
//! files afterwards must be equal.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use linker::{Linker, Profile};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wasmer::{Instance, Module, Store};
use wasmer_wasix::virtual_fs::{mem_fs, FileSystem, Pipe};
use wasmer_wasix::{WasiEnv, WasiError};

/// How a run ended: stdout, stderr, exit code, and `/data` afterwards.
#[derive(Debug, PartialEq)]
struct Ran {
    stdout: String,
    stderr: String,
    code: i32,
    files: BTreeMap<String, Vec<u8>>,
}

fn drain(mut pipe: Pipe) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Some(n) = pipe.try_read(&mut buf).filter(|&n| n > 0) {
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs the command `bytes` (`_start`) with `/data` preopened.
fn run(bytes: &[u8], singlepass: bool, input: &[u8]) -> Ran {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_time().build().unwrap();
    let _entered = runtime.enter();
    let fs = mem_fs::FileSystem::default();
    runtime.block_on(async {
        fs.create_dir(Path::new("/data")).unwrap();
        let mut file = fs.new_open_options().write(true).create(true).open("/data/in.txt").unwrap();
        file.write_all(input).await.unwrap();
        file.flush().await.unwrap();
    });
    let fs: Arc<dyn FileSystem + Send + Sync> = Arc::new(fs);
    let mut store = if singlepass {
        Store::new(wasmer::sys::Singlepass::default())
    } else {
        Store::new(wasmer::sys::Cranelift::default())
    };
    let module = Module::new(&store, bytes).unwrap();
    let (stdout, stderr) = (Pipe::new(), Pipe::new());
    let mut wasi = WasiEnv::builder("files")
        .env("DIR", "/data")
        .fs(fs.clone())
        .preopen_dir("/data")
        .unwrap()
        .stdout(Box::new(stdout.clone()))
        .stderr(Box::new(stderr.clone()))
        .engine(store.engine().clone())
        .finalize(&mut store)
        .unwrap();
    let imports = wasi.import_object(&mut store, &module).unwrap();
    let instance = Instance::new(&mut store, &module, &imports).unwrap();
    wasi.initialize(&mut store, instance.clone()).unwrap();
    let start = instance.exports.get_function("_start").unwrap();
    let code = match start.call(&mut store, &[]) {
        Ok(_) => 0,
        Err(err) => match err.downcast::<WasiError>() {
            Ok(WasiError::Exit(code)) => code.raw(),
            Ok(other) => panic!("the run failed: {other}"),
            Err(trap) => panic!("the run trapped: {trap}\nstderr:\n{}", drain(stderr)),
        },
    };
    let mut files = BTreeMap::new();
    runtime.block_on(async {
        for entry in fs.read_dir(Path::new("/data")).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().unwrap().is_dir() {
                files.insert(format!("{name}/"), Vec::new());
                continue;
            }
            let mut file = fs.new_open_options().read(true).open(entry.path()).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).await.unwrap();
            files.insert(name, bytes);
        }
    });
    Ran { stdout: drain(stdout), stderr: drain(stderr), code, files }
}

/// Runs `module` with the `host` binary on WASM3 in a fresh directory
/// holding `in.txt`: stdout, exit code and the files it leaves (stderr
/// carries the host's own words about the exit, so it is returned apart).
fn run_wasm3(module: &Path, input: &[u8]) -> (Ran, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.txt"), input).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_host"))
        .args(["--example", "wasi", "--engine", "wasm3", "--env", "DIR=."])
        .arg(module)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            files.insert(format!("{name}/"), Vec::new());
        } else {
            files.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let code = out.status.code().unwrap_or(-1);
    (Ran { stdout, stderr: String::new(), code, files }, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_linked_wasip2_program_uses_files_as_the_same_program_built_for_wasip1() {
    let fixture = "tests/fixtures/wasip2-files/main.rs";
    let p2 = std::fs::read(common::rustc(fixture, &["-O", "--target", "wasm32-wasip2"], "files-p2.wasm")).unwrap();
    let p1 = std::fs::read(common::rustc(fixture, &["-O", "--target", "wasm32-wasip1"], "files-p1.wasm")).unwrap();
    let mut runs = 0;
    for input in [&b"hello file\n"[..], b""] {
        let oracle = run(&p1, false, input);
        // The oracle did what the fixture asks: a sanity check on the
        // fixture, so that equality below means something.
        assert!(oracle.stdout.contains("list sub: ok (41, Some(\"f00\"), Some(200))"), "{}", oracle.stdout);
        assert!(oracle.stdout.contains("read missing: err NotFound"), "{}", oracle.stdout);
        assert!(oracle.stdout.contains("slept at least 20 ms: ok true"), "{}", oracle.stdout);
        assert_eq!(oracle.code, if input.is_empty() { 2 } else { 0 });
        assert_eq!(oracle.files.keys().collect::<Vec<_>>(), ["in.txt", "rw.bin"]);
        for profile in [Profile::Portable, Profile::MultiMemory] {
            let linked = Linker::new().module("files", p2.clone()).profile(profile).link().unwrap();
            if profile == Profile::Portable {
                let dir = tempfile::tempdir().unwrap();
                let module = dir.path().join("files.wasm");
                std::fs::write(&module, &linked).unwrap();
                let (ran, stderr) = run_wasm3(&module, input);
                let want = Ran { stderr: String::new(), code: oracle.code.min(1), ..run(&p1, false, input) };
                assert_eq!(ran, want, "{profile:?} on WASM3, input {input:?}; stderr:\n{stderr}");
                // The guest writes nothing to stderr: only the host's line
                // about a non-zero exit may be there.
                assert_eq!(stderr.is_empty(), ran.code == 0, "{stderr}");
                runs += 1;
            }
            for singlepass in [false, true] {
                let ran = run(&linked, singlepass, input);
                // WASI 0.2's stable `exit` carries only ok or err.
                let want = Ran { code: oracle.code.min(1), ..run(&p1, singlepass, input) };
                assert_eq!(ran, want, "{profile:?}, singlepass: {singlepass}, input {input:?}");
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 10);
}
