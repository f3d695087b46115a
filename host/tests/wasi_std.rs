//! The Rust standard library's WASI I/O through the linker's adapters, on
//! Wasmer's real WASI (`wasmer-wasix`).
//!
//! `tests/wasi-std` is a reactor that uses arguments, the environment,
//! stdin, stdout, stderr (a line longer than a wasm page), files and
//! directories (write, append, seek, read, metadata, rename, list, remove, a
//! 200 000-byte file), a missing file, clocks, `sleep` and `HashMap`'s
//! random seed: 20-odd WASI functions. Run alone, WASI reads its memory
//! directly: that is the oracle. Linked behind `fixtures/wasi-std/main.wat`
//! (multi-memory, and portable in both layouts), every one of its WASI calls
//! is adapted through the main module's memory. Both runs get the same
//! arguments, environment, stdin and a fresh in-memory root directory; their
//! stdout and stderr must be equal byte for byte, and the adapters must
//! leave nothing allocated in the main module.

mod common;

use std::path::{Path, PathBuf};

use common::LAYOUTS;
use linker::{Layout, Linker, Profile};
use wasmer::{Instance, Module, Store};
use wasmer_wasix::virtual_fs::{Pipe, StaticFile};
use wasmer_wasix::WasiEnv;

const STDIN: &[u8] = b"two lines\nof stdin\n";

fn wasm_dir() -> PathBuf {
    common::wasm_dir(&["wasi_std_probe.wasm"])
}

/// Everything a pipe received so far.
fn drain(pipe: &mut Pipe) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    while let Some(n) = pipe.try_read(&mut buf).filter(|&n| n > 0) {
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(out).expect("the probe prints UTF-8")
}

struct Ran {
    stdout: String,
    stderr: String,
    /// Bytes the main module's allocator still holds (linked runs only).
    outstanding: Option<i32>,
}

fn run(bytes: &[u8], singlepass: bool) -> Ran {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_time().build().unwrap();
    let _entered = runtime.enter();
    let mut store = if singlepass {
        Store::new(wasmer::sys::Singlepass::default())
    } else {
        Store::new(wasmer::sys::Cranelift::default())
    };
    let module = Module::new(&store, bytes).unwrap();
    let (stdout, stderr) = (Pipe::new(), Pipe::new());
    let mut wasi = WasiEnv::builder("probe")
        .args(["--flag", "value"])
        .envs([("PROBE", "yes"), ("LANG", "C.UTF-8")])
        .stdin(Box::new(StaticFile::new(STDIN.to_vec())))
        .stdout(Box::new(stdout.clone()))
        .stderr(Box::new(stderr.clone()))
        .preopen_dir("/")
        .unwrap()
        .engine(store.engine().clone())
        .finalize(&mut store)
        .unwrap();
    let imports = wasi.import_object(&mut store, &module).unwrap();
    let instance = Instance::new(&mut store, &module, &imports).unwrap();
    wasi.initialize(&mut store, instance.clone()).unwrap();
    for export in ["_initialize", "run"] {
        let f = instance.exports.get_typed_function::<(), ()>(&store, export).unwrap();
        f.call(&mut store).unwrap_or_else(|e| panic!("`{export}` failed: {e}"));
    }
    let outstanding =
        instance.exports.get_typed_function::<(), i32>(&store, "outstanding").ok().map(|f| f.call(&mut store).unwrap());
    let (mut stdout, mut stderr) = (stdout, stderr);
    Ran { stdout: drain(&mut stdout), stderr: drain(&mut stderr), outstanding }
}

/// Output with long lines cut, for failure messages.
fn short(text: &str) -> String {
    text.lines()
        .map(|l| if l.len() > 200 { format!("{}... ({} bytes)", &l[..200], l.len()) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

fn link(profile: Profile, layout: Layout) -> Vec<u8> {
    let main = wat::parse_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wasi-std/main.wat")).unwrap();
    let probe = std::fs::read(wasm_dir().join("wasi_std_probe.wasm")).unwrap();
    let linker = Linker::new().module("main", main).module("probe", probe).profile(profile);
    let linker = if profile == Profile::Portable { linker.layout(layout) } else { linker };
    linker.link().unwrap_or_else(|e| panic!("linking ({profile:?}, {layout:?}): {e}"))
}

#[test]
fn the_standard_librarys_wasi_io_behaves_the_same_linked() {
    let probe = std::fs::read(wasm_dir().join("wasi_std_probe.wasm")).unwrap();
    let oracle = run(&probe, false);
    // The oracle did the work, so equality below means something.
    let expected_lines = [
        "args: 3",
        "env: [(\"LANG\", \"C.UTF-8\"), (\"PROBE\", \"yes\")]",
        "stdin: 19 bytes \"two lines\\nof stdin\\n\"",
        "files: \"alpha\\nbeta\\nbeta\" len=11 entries=[\"b.txt\", \"c.txt\"] dir=true",
        "big file: 200000 bytes, same=true",
        "missing file: error NotFound",
        "slept at least 2 ms: true",
        "wall clock after 2020: true",
        "hashmap: 100 entries, sum 328350",
        "done",
    ];
    let mut missing: Vec<&str> = expected_lines.iter().copied().filter(|l| !oracle.stdout.contains(l)).collect();
    if !oracle.stdout.contains(&format!("long line: {}\n", "0123456789".repeat(7_000))) {
        missing.push("long line");
    }
    assert!(missing.is_empty(), "the probe alone did not print {missing:?}; it printed:\n{}", short(&oracle.stdout));
    assert_eq!(oracle.stderr, "probe: a line on stderr\n");

    let mut runs = vec![(Profile::MultiMemory, Layout::default(), false)];
    for layout in LAYOUTS {
        runs.extend([(Profile::Portable, layout, false), (Profile::Portable, layout, true)]);
    }
    for (profile, layout, singlepass) in runs {
        let linked = run(&link(profile, layout), singlepass);
        let layout_name =
            if profile == Profile::Portable { format!(" ({} layout)", layout.name()) } else { String::new() };
        let what = format!("{profile:?}{layout_name}{}", if singlepass { " on singlepass" } else { "" });
        assert!(linked.stdout == oracle.stdout, "{what}: stdout differs:\n{}", short(&linked.stdout));
        assert_eq!(linked.stderr, oracle.stderr, "{what}");
        assert_eq!(linked.outstanding, Some(0), "{what}: the adapters leak memory in the main module");
    }
}
