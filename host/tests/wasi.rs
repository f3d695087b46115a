//! The WASI example (`examples/wasi`): a pipeline and a block that both
//! `println!` through WASI, and a block that reads `BLOCK_STYLE`. Wired at
//! run time on Wasmer (the oracle, each module with its own WASI), and
//! linked in both profiles (the portable one in both layouts) on every
//! engine that runs the profile, the host must print exactly the same
//! bytes. The host runs as a subprocess because WASM3 writes to the real
//! stdout. Needs the modules from `cargo xtask build` (found through
//! `RUNE_WASM_DIR`, which `cargo xtask test` sets).

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::LAYOUTS;
use linker::layout::EXHAUSTED_EXPORT;
use linker::{Layout, Linker, Profile};

/// Environments to run with (`--env` arguments), and the style the block sees.
const ENVS: &[(&[&str], &str)] =
    &[(&[], "unset"), (&["BLOCK_STYLE=loud"], "loud"), (&["OTHER=1", "BLOCK_STYLE=quiet", "LAST=x"], "quiet")];

fn expected(style: &str) -> String {
    let said = match style {
        "loud" => "HELLO FROM THE PIPELINE!!!",
        "quiet" => "HELLO FROM THE PIPELINE.",
        _ => "HELLO FROM THE PIPELINE!",
    };
    format!(
        "[pipeline] start\n\
         [block] shouting \"hello from the pipeline\" (BLOCK_STYLE={style})\n\
         [pipeline] block said {said}\n\
         [pipeline] done: {} characters\n",
        said.chars().count()
    )
}

fn wasm_dir() -> PathBuf {
    common::wasm_dir(&["wasi_pipeline.wasm", "wasi_block.wasm"])
}

/// Runs the host binary with `--example wasi`. The host process's own
/// `BLOCK_STYLE` must never reach the guest.
fn host_output(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_host"))
        .args(["--example", "wasi"])
        .args(args)
        .env("BLOCK_STYLE", "from-the-host-process")
        .output()
        .expect("the host binary runs")
}

/// Its stdout, failing the test on a non-zero exit.
fn host(args: &[&str]) -> String {
    let out = host_output(args);
    assert!(
        out.status.success(),
        "host {args:?} failed: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn env_args(env: &[&str]) -> Vec<String> {
    env.iter().flat_map(|kv| ["--env".to_string(), kv.to_string()]).collect()
}

fn path(p: &std::path::Path) -> String {
    p.to_str().unwrap().to_string()
}

/// The oracle: the two modules wired at run time, on cranelift.
fn wired(env: &[&str]) -> String {
    let dir = wasm_dir();
    let mut args = env_args(env);
    args.extend([path(&dir.join("wasi_pipeline.wasm")), path(&dir.join("wasi_block.wasm"))]);
    host(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

fn link(profile: Profile, layout: Layout) -> Vec<u8> {
    let dir = wasm_dir();
    let linker = Linker::new()
        .module("pipeline", std::fs::read(dir.join("wasi_pipeline.wasm")).unwrap())
        .module("block", std::fs::read(dir.join("wasi_block.wasm")).unwrap())
        .profile(profile);
    let linker = if profile == Profile::Portable { linker.layout(layout) } else { linker };
    linker.link().unwrap_or_else(|err| panic!("linking the WASI example failed: {err}"))
}

/// The outputs to check: multi-memory, and portable with each layout.
fn outputs() -> impl Iterator<Item = (Profile, Layout, &'static str)> {
    let portable = LAYOUTS.map(|layout| (Profile::Portable, layout, layout.name()));
    [(Profile::MultiMemory, Layout::default(), "multi-memory")].into_iter().chain(portable)
}

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    common::write_temp("wasi", name, bytes)
}

/// Runs each module on each engine with each of [`ENVS`]; compares with the
/// oracle (run once per environment).
fn linked_matches_the_oracle(modules: &[PathBuf], engines: &[&str]) {
    for (env, _) in ENVS {
        let oracle = wired(env);
        for module in modules {
            for engine in engines {
                let mut args = vec!["--engine".to_string(), engine.to_string()];
                args.extend(env_args(env));
                args.push(path(module));
                let out = host(&args.iter().map(String::as_str).collect::<Vec<_>>());
                assert_eq!(out, oracle, "{} on {engine} with {env:?}", module.display());
            }
        }
    }
}

/// `examples/wasi/reactor.rs` made them reactors: `_initialize` is exported,
/// and wasm-ld did not wrap the exports in `.command_export` shims.
#[test]
fn the_built_modules_are_reactors() {
    let dir = wasm_dir();
    for (module, export) in [("wasi_pipeline", "run"), ("wasi_block", "shout")] {
        let bytes = std::fs::read(dir.join(format!("{module}.wasm"))).unwrap();
        let mut exports = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
            if let wasmparser::Payload::ExportSection(reader) = payload.unwrap() {
                exports.extend(reader.into_iter().map(|e| e.unwrap().name.to_string()));
            }
        }
        exports.sort();
        let mut expected = vec!["_initialize", "canonical_abi_free", "canonical_abi_realloc", "memory", export];
        expected.sort();
        assert_eq!(exports, expected, "{module}");
        assert!(!bytes.windows(15).any(|w| w == b".command_export"), "{module} has command-export shims");
    }
}

#[test]
fn wired_pair_prints_both_modules_lines_in_order_with_the_given_environment() {
    for (env, style) in ENVS {
        assert_eq!(wired(env), expected(style), "with {env:?}");
    }
    // The same on singlepass.
    let dir = wasm_dir();
    let (pipeline, block) = (path(&dir.join("wasi_pipeline.wasm")), path(&dir.join("wasi_block.wasm")));
    let out = host(&["--engine", "singlepass", "--env", "BLOCK_STYLE=loud", &pipeline, &block]);
    assert_eq!(out, expected("loud"));
}

#[test]
fn linked_multi_memory_module_prints_what_the_wired_pair_prints_on_wasmer() {
    let module = write_temp("wasi-multi-memory.wasm", &link(Profile::MultiMemory, Layout::default()));
    linked_matches_the_oracle(&[module], &["cranelift", "singlepass"]);
}

#[test]
fn linked_portable_module_prints_what_the_wired_pair_prints_on_every_engine_and_layout() {
    let modules = LAYOUTS
        .map(|layout| write_temp(&format!("wasi-portable-{}.wasm", layout.name()), &link(Profile::Portable, layout)));
    linked_matches_the_oracle(&modules, &["cranelift", "singlepass", "wasm3"]);
}

#[test]
fn linked_module_imports_only_wasi_once_each_and_exports_the_pipelines_interface() {
    for (profile, layout, what) in outputs() {
        let bytes = link(profile, layout);
        let mut imports = Vec::new();
        let mut exports = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
            match payload.unwrap() {
                wasmparser::Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        let import = import.unwrap();
                        imports.push((import.module.to_string(), import.name.to_string()));
                    }
                }
                wasmparser::Payload::ExportSection(reader) => {
                    exports.extend(reader.into_iter().map(|e| e.unwrap().name.to_string()));
                }
                _ => {}
            }
        }
        assert!(imports.iter().all(|(module, _)| module == "wasi_snapshot_preview1"), "{what}: {imports:?}");
        let mut unique = imports.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), imports.len(), "{what}: an import appears twice: {imports:?}");
        for name in ["fd_write", "environ_get", "environ_sizes_get"] {
            assert!(imports.iter().any(|(_, n)| n == name), "{what}: no `{name}` import in {imports:?}");
        }
        exports.sort();
        let mut expected = vec!["_initialize", "canonical_abi_free", "canonical_abi_realloc", "memory", "run"];
        // The fixed layout adds the export through which the host learns
        // which region refused to grow.
        if what == "fixed" {
            expected.push(EXHAUSTED_EXPORT);
        }
        assert_eq!(exports, expected, "{what}");
    }
}

#[test]
fn wasm3_refuses_the_multi_memory_output_with_a_clear_error() {
    let module = write_temp("wasi-for-wasm3.wasm", &link(Profile::MultiMemory, Layout::default()));
    let out = host_output(&["--engine", "wasm3", module.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "a clean error exit, not a crash: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("has 2 memories, but WASM3 runs modules with one: link it with `--profile portable`"),
        "stderr: {stderr}"
    );
    assert!(out.stdout.is_empty());
}

/// `_initialize` runs exactly once before `run`, and `proc_exit(n)` becomes
/// the host's exit status, on every engine.
#[test]
fn initialize_runs_once_and_proc_exit_becomes_the_exit_status() {
    let module = wat::parse_str(
        r#"(module
            (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
            (memory (export "memory") 1)
            (global $inits (mut i32) (i32.const 0))
            (func (export "_initialize") (global.set $inits (i32.add (global.get $inits) (i32.const 1))))
            (func (export "run") (call $exit (i32.add (global.get $inits) (i32.const 40)))))"#,
    )
    .unwrap();
    let module = write_temp("exit.wasm", &module);
    for engine in ["cranelift", "singlepass", "wasm3"] {
        let out = host_output(&["--engine", engine, module.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(41), "{engine}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("error: the guest exited with code 41"), "{engine}: {stderr}");
    }
}

#[test]
fn a_trap_is_a_clean_error() {
    let module = wat::parse_str(
        r#"(module
            (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
            (memory (export "memory") 1)
            (func (export "run") unreachable))"#,
    )
    .unwrap();
    let module = write_temp("trap.wasm", &module);
    for engine in ["cranelift", "singlepass", "wasm3"] {
        let out = host_output(&["--engine", engine, module.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{engine}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with("error: ") && stderr.contains("calling `run` trapped"), "{engine}: {stderr}");
        assert!(!stderr.contains("panicked"), "{engine}: {stderr}");
    }
}

#[test]
fn the_wasi_pair_runs_only_on_wasmer_and_env_needs_key_value() {
    let dir = wasm_dir();
    let (pipeline, block) = (path(&dir.join("wasi_pipeline.wasm")), path(&dir.join("wasi_block.wasm")));
    let out = host_output(&["--engine", "wasm3", &pipeline, &block]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the wasm3 engine runs one linked module"));
    let out = host_output(&["--env", "NO_EQUALS_SIGN", &pipeline, &block]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected KEY=VALUE"));
}

/// Some runners call a reactor's `_initialize` more than once (`wasmer run
/// --invoke` in Wasmer 7.4 calls it twice). wasi-libc's reactor start-up
/// traps on a second call, so the modules alone do; the linked module's
/// `_initialize` runs each reactor's once however often it is called, and
/// prints exactly what one call prints, on every engine and layout.
#[test]
fn a_linked_module_whose_initialize_is_called_twice_runs_as_if_it_were_called_once() {
    let dir = wasm_dir();
    let (pipeline, block) = (path(&dir.join("wasi_pipeline.wasm")), path(&dir.join("wasi_block.wasm")));
    let twice = ["--initialize-calls", "2"];
    let alone = host_output(&[&twice[..], &[&pipeline, &block]].concat());
    let stderr = String::from_utf8_lossy(&alone.stderr);
    assert!(!alone.status.success(), "the unlinked reactors survived a second `_initialize`: {stderr}");
    assert!(stderr.contains("calling `_initialize` trapped"), "{stderr}");

    let oracle = wired(&["BLOCK_STYLE=loud"]);
    for (profile, layout, what) in outputs() {
        let module = write_temp(&format!("wasi-init-twice-{what}.wasm"), &link(profile, layout));
        let engines: &[&str] = match profile {
            Profile::MultiMemory => &["cranelift", "singlepass"],
            Profile::Portable => &["cranelift", "singlepass", "wasm3"],
        };
        for engine in engines {
            for calls in ["2", "3"] {
                let args =
                    ["--engine", engine, "--initialize-calls", calls, "--env", "BLOCK_STYLE=loud", &path(&module)];
                assert_eq!(host(&args), oracle, "{what} on {engine}, `_initialize` called {calls} times");
            }
        }
    }
}

/// `tests/fixtures/wasip2-command/main.rs` built by `rustc` for `target`.
fn build_command(target: &str) -> PathBuf {
    let out = format!("wasip2-command-{target}.wasm");
    common::rustc("tests/fixtures/wasip2-command/main.rs", &["-O", "--target", target], &out)
}

/// A command component (Rust's `wasm32-wasip2` binary: `wasi:cli/run`, WASI
/// 0.2 for stdout, stderr, the environment and exit) linked into a core
/// command (`_start`, WASI 0.2 served over preview 1) prints the same
/// stdout and stderr as the same program built for `wasm32-wasip1`, and
/// exits with the same status as far as WASI 0.2 can say it (0, or 1 for
/// any failure), in both profiles, on every engine.
#[test]
fn a_linked_wasip2_command_runs_as_the_same_program_built_for_wasip1() {
    let p2 = std::fs::read(build_command("wasm32-wasip2")).unwrap();
    assert_eq!(&p2[4..8], &[0x0d, 0, 1, 0], "rustc's wasm32-wasip2 output is a component");
    let p1 = build_command("wasm32-wasip1");
    let envs: [&[&str]; 3] = [&[], &["GREETING=grüß dich", "EMPTY="], &["EXIT=3", "A=1"]];
    let mut runs = 0;
    for profile in [Profile::Portable, Profile::MultiMemory] {
        let linked = Linker::new().module("command", p2.clone()).profile(profile).link().unwrap();
        let exports = common_exports(&linked);
        assert!(exports.iter().any(|e| e == "_start"), "{profile:?}: exports {exports:?}");
        let module = write_temp(&format!("wasip2-command-{}.wasm", profile.name()), &linked);
        // std's DWARF came through, and LLVM reads the output (its readers
        // refuse, among others, a producers section naming a tool twice).
        let verify = Command::new("llvm-dwarfdump")
            .arg("--verify")
            .arg(&module)
            .output()
            .expect("llvm-dwarfdump runs (`cargo xtask test` installs Debian's llvm)");
        let report = String::from_utf8_lossy(&verify.stdout);
        let has_dwarf = wasmparser::Parser::new(0)
            .parse_all(&linked)
            .any(|p| matches!(p, Ok(wasmparser::Payload::CustomSection(c)) if c.name() == ".debug_info"));
        assert!(has_dwarf, "{profile:?}: the output carries no `.debug_info`");
        assert!(
            verify.status.success() && report.contains("No errors."),
            "{profile:?}: {report}{}",
            String::from_utf8_lossy(&verify.stderr)
        );
        let engines: &[&str] = if profile == Profile::Portable {
            &["cranelift", "singlepass", "wasm3"]
        } else {
            &["cranelift", "singlepass"]
        };
        for env in envs {
            let mut oracle_args = env_args(env);
            oracle_args.push(path(&p1));
            let oracle = host_output(&oracle_args.iter().map(String::as_str).collect::<Vec<_>>());
            let code = if env.contains(&"EXIT=3") { 3 } else { 0 };
            assert_eq!(oracle.status.code(), Some(code), "the wasip1 build with {env:?}");
            for engine in engines {
                let mut args = vec!["--engine".to_string(), engine.to_string()];
                args.extend(env_args(env));
                args.push(path(&module));
                let out = host_output(&args.iter().map(String::as_str).collect::<Vec<_>>());
                let what = format!("{profile:?} on {engine} with {env:?}");
                assert_eq!(String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&oracle.stdout), "{what}");
                // WASI 0.2's stable `exit` carries only ok or err (the code
                // needs the unstable `exit-with-code`), so Rust's
                // `process::exit(3)` exits with 1 in WASI 0.2, as wasmtime
                // runs it; preview 1 carries the 3.
                let want = oracle.status.code().map(|code| code.min(1));
                assert_eq!(out.status.code(), want, "{what}: {}", String::from_utf8_lossy(&out.stderr));
                // The host adds its own line about a non-zero exit, after
                // the guest's stderr.
                let oracle_err = String::from_utf8_lossy(&oracle.stderr).replace("with code 3", "with code 1");
                assert_eq!(String::from_utf8_lossy(&out.stderr), oracle_err, "{what}");
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 15);
}

fn common_exports(bytes: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        if let wasmparser::Payload::ExportSection(reader) = payload.unwrap() {
            names.extend(reader.into_iter().map(|e| e.unwrap().name.to_string()));
        }
    }
    names
}
