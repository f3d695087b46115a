//! The linker itself as a Wasmer package: the `.webc` that `cargo xtask
//! package-linker` writes (`wasmer-link` built for `wasm32-wasip1`, command
//! `wasmer-link`) is run the way `wasmer run PACKAGE.webc --dir ...` runs
//! it: `wasmer-wasix`'s own package loader and WASI runner (`BinaryPackage`,
//! `WasiRunner::run_command`) on cranelift, with a directory mapped at
//! `/work` that holds the inputs. What it writes there must be the same bytes
//! the native linker writes for the same arguments, for the example
//! (`guest` + `dependency`) and image-rescale (`rescale_pipeline` +
//! `rescale_block`), in both profiles.
//!
//! The native side is the `linker` library called as the `wasmer-link`
//! command calls it (module names from file stems or `NAME=`, origins the
//! paths as given; `linker/tests/cli.rs` holds the command to the library).

mod common;

use std::path::{Path, PathBuf};

use host::wasi::command::{PackageCommands, WORK_DIR};
use host::Engine;
use linker::{Linker, Profile};

/// The package `cargo xtask package-linker` writes.
fn webc() -> PathBuf {
    let dir = std::env::var_os("RUNE_PACKAGES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/wapm_packages"));
    let path = dir.join(format!("example/wasmer-link@{}.webc", env!("CARGO_PKG_VERSION")));
    assert!(path.exists(), "no `{}`: run `cargo xtask package-linker` (or `cargo xtask test`)", path.display());
    path
}

/// One link: the main module and the dependencies as the command line
/// gives them (`FILE` or `NAME=FILE`, files of `target/wasm/`).
struct Case {
    main: &'static str,
    deps: &'static [&'static str],
}

const CASES: [Case; 2] = [
    Case { main: "guest.wasm", deps: &["dependency.wasm"] },
    Case { main: "rescale_pipeline.wasm", deps: &["rescale=rescale_block.wasm"] },
];

const PROFILES: [(Profile, &str); 2] = [(Profile::Portable, "portable"), (Profile::MultiMemory, "multi-memory")];

fn split(dep: &str) -> (String, &str) {
    match dep.split_once('=') {
        Some((name, file)) => (name.to_string(), file),
        None => (Path::new(dep).file_stem().unwrap().to_string_lossy().into_owned(), dep),
    }
}

/// What the native `wasmer-link MAIN DEPS... --profile P -o OUT` writes
/// (the files under [`WORK_DIR`], as in the package's run).
fn native(dir: &Path, case: &Case, profile: Profile) -> Vec<u8> {
    let read = |file: &str| std::fs::read(dir.join(file)).unwrap();
    let stem = Path::new(case.main).file_stem().unwrap().to_string_lossy().into_owned();
    let origin = |file: &str| format!("{WORK_DIR}/{file}");
    let mut linker = Linker::new().profile(profile).module_from(stem, read(case.main), origin(case.main));
    for dep in case.deps {
        let (name, file) = split(dep);
        linker = linker.module_from(name, read(file), origin(file));
    }
    linker.link().unwrap_or_else(|err| panic!("native link of `{}` failed: {err}", case.main))
}

#[test]
fn the_packaged_linker_writes_what_the_native_linker_writes() {
    let dir = common::wasm_dir(&["guest.wasm", "dependency.wasm", "rescale_pipeline.wasm", "rescale_block.wasm"]);
    let webc = webc();
    let package = PackageCommands::load(&webc, Engine::Cranelift).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(package.module("wasmer-link").is_some(), "`{}` has no `wasmer-link` command", webc.display());

    let mut checked = Vec::new();
    for case in &CASES {
        let mut files = vec![(case.main.to_string(), std::fs::read(dir.join(case.main)).unwrap())];
        for dep in case.deps {
            let file = split(dep).1;
            files.push((file.to_string(), std::fs::read(dir.join(file)).unwrap()));
        }
        for (profile, profile_name) in PROFILES {
            let expected = native(&dir, case, profile);
            // Paths under the mapped directory, as `wasmer run --dir` users
            // write them (Rust's `std` on `wasm32-wasip1` resolves a relative
            // path against the preopened directories, not a working directory).
            let at_work = |file: &str| format!("{WORK_DIR}/{file}");
            let mut args = vec![at_work(case.main)];
            args.extend(case.deps.iter().map(|d| match d.split_once('=') {
                Some((name, file)) => format!("{name}={}", at_work(file)),
                None => at_work(d),
            }));
            args.extend(["--profile".to_string(), profile_name.to_string(), "-o".to_string(), at_work("out.wasm")]);
            let what = format!("wasmer-link {}", args.join(" "));
            let linked = package
                .run("wasmer-link", &args, &files, "out.wasm")
                .unwrap_or_else(|e| panic!("`{what}` in the package failed: {e:#}"));
            // The native output is a real link, so equality means something.
            wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
                .validate_all(&expected)
                .unwrap_or_else(|e| panic!("`{what}`: the native output is not valid: {e}"));
            assert!(
                linked == expected,
                "`{what}`: the package wrote {} bytes, the native linker {} bytes, and they differ",
                linked.len(),
                expected.len()
            );
            checked.push(format!("{what} ({} bytes)", linked.len()));
        }
    }
    println!("byte-identical to the native linker:\n  {}", checked.join("\n  "));

    // A link that fails fails in the package too: an exit code other than
    // 0, the problem on stderr naming the file, no output written.
    let files = vec![("guest.wasm".to_string(), std::fs::read(dir.join("guest.wasm")).unwrap())];
    let args =
        [&format!("{WORK_DIR}/guest.wasm"), &format!("{WORK_DIR}/missing.wasm"), "-o", &format!("{WORK_DIR}/out.wasm")]
            .map(String::from);
    let ran = package.run_to_end("wasmer-link", &args, &files, "out.wasm").unwrap();
    assert!(ran.status.is_err(), "linking with a missing dependency succeeded in the package; stderr:\n{}", ran.stderr);
    assert!(
        ran.stderr.contains("error: cannot read `/work/missing.wasm`"),
        "the package's stderr does not name the missing file:\n{}",
        ran.stderr
    );
    assert!(ran.file.is_none(), "a failed link in the package wrote `{WORK_DIR}/out.wasm`");
}
