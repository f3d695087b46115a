//! Golden cases, one behaviour each: `tests/cases/<case>/` holds `main.wat`
//! (the main module), other `<name>.wat` dependencies (module name = file
//! stem, linked in name order), `<name>.wit` interfaces, and the expected
//! result: `linked.wat` (the output, printed after validation) or
//! `error.txt` (the exact message; cases named `error-*`). A `<name>.world`
//! beside `<name>.wat` is a WIT package embedded into that module as
//! today's `wit-bindgen` embeds its world (a `component-type` section).
//! An optional `run.txt` calls exports of the linked module on Wasmer, one per line:
//! `export arg... -> result` (i32s; `-> trap` for a trap).
//! An optional `flags.txt` holds `wasmer-link` options for the case
//! (`--profile portable`, `--layout movable`, `--reserve NAME=SIZE`,
//! `--bounds-checks`, `--command FUNC`); without it a case links with `--profile multi-memory`.
//!
//! Each case is a test of its own, named after its folder (the harness is
//! `libtest-mimic`): `cargo test -p wasmer-link --test cases -- string-adapter`
//! runs the cases whose names contain `string-adapter`, `-- --exact NAME`
//! one. `BLESS=1 cargo test -p wasmer-link --test cases` rewrites the
//! expectations (of the cases selected).

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use linker::{layout, Layout, Linker, Profile};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    cases
}

fn files(dir: &Path, ext: &str) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

fn link(dir: &Path) -> Result<Vec<u8>, String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut linker = Linker::new().profile(Profile::MultiMemory);
    let flags = std::fs::read_to_string(dir.join("flags.txt")).unwrap_or_default();
    let mut words = flags.split_whitespace();
    while let Some(flag) = words.next() {
        let mut value = || words.next().unwrap_or_else(|| panic!("{name}: `{flag}` needs a value"));
        linker = match flag {
            "--profile" => linker.profile(value().parse::<Profile>().unwrap()),
            "--layout" => linker.layout(value().parse::<Layout>().unwrap()),
            "--bounds-checks" => linker.bounds_checks(true),
            "--command" => linker.command(value()),
            "--reserve" => {
                let (module, size) = value().split_once('=').unwrap();
                linker.reserve(module, layout::parse_size(size).unwrap())
            }
            other => panic!("{name}: unknown flag `{other}` in flags.txt"),
        };
    }
    let module = |path: &Path| {
        let mut bytes = match path.extension().and_then(|e| e.to_str()) {
            Some("wat") => wat::parse_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            _ => std::fs::read(path).unwrap(),
        };
        let world = path.with_extension("world");
        if world.exists() {
            embed_world(&mut bytes, &world);
        }
        bytes
    };
    let mut inputs: Vec<(String, PathBuf)> = files(dir, "wat").into_iter().filter(|(n, _)| n != "linked").collect();
    inputs.extend(files(dir, "bin"));
    let main = inputs.iter().position(|(n, _)| n == "main").unwrap_or_else(|| panic!("{name}: no main.wat"));
    let (main_name, main_path) = inputs.remove(main);
    linker = linker.module(main_name, module(&main_path));
    for (dep, path) in inputs {
        linker = linker.module(dep, module(&path));
    }
    for (iface, path) in files(dir, "wit") {
        linker = linker.interface(iface, std::fs::read_to_string(path).unwrap());
    }
    linker.link().map_err(|e| e.to_string())
}

/// Embeds the WIT world in `path` (a `.wit` package whose one world the
/// module exports) the way today's `wit-bindgen` does: a `component-type`
/// custom section.
fn embed_world(bytes: &mut Vec<u8>, path: &Path) {
    let mut resolve = wit_parser::Resolve::default();
    let text = std::fs::read_to_string(path).unwrap();
    let package = resolve.push_str(path, &text).unwrap_or_else(|e| panic!("{}: {e:#}", path.display()));
    let world = resolve.select_world(&[package], None).unwrap();
    wit_component::embed_component_metadata(bytes, &resolve, world, wit_component::StringEncoding::UTF8, false)
        .unwrap_or_else(|e| panic!("{}: {e:#}", path.display()));
}

/// Runs the lines of `run.txt`; returns a description of each mismatch.
fn run(bytes: &[u8], script: &str) -> Vec<String> {
    use wasmer::{imports, Function, Instance, Module, Store, Value};
    let mut store = Store::new(wasmer::sys::Cranelift::default());
    let module = Module::new(&store, bytes).unwrap();
    // Cases may import `host.log(i32)`; it does nothing here.
    let log = Function::new_typed(&mut store, |_: i32| {});
    let instance = match Instance::new(&mut store, &module, &imports! { "host" => { "log" => log } }) {
        Ok(i) => i,
        Err(e) => return vec![format!("instantiation failed: {e}")],
    };
    let mut problems = Vec::new();
    for line in script.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (call, want) = line.split_once("->").expect("`export args -> result`");
        let mut words = call.split_whitespace();
        let export = words.next().unwrap();
        let args: Vec<Value> = words.map(|w| Value::I32(w.parse().unwrap())).collect();
        let f = instance.exports.get_function(export).unwrap();
        let got = match f.call(&mut store, &args) {
            Ok(values) => values.iter().map(|v| v.unwrap_i32().to_string()).collect::<Vec<_>>().join(" "),
            Err(_) => "trap".to_string(),
        };
        if got != want.trim() {
            problems.push(format!("`{}`: got `{got}`", line.trim()));
        }
    }
    problems
}

fn main() {
    let args = Arguments::from_args();
    let bless = std::env::var_os("BLESS").is_some();
    let trials = cases()
        .into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            Trial::test(name, move || check(&dir, bless))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// Links one case, runs its `run.txt`, and compares (or, with `bless`,
/// rewrites) its expected output.
fn check(dir: &Path, bless: bool) -> Result<(), Failed> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut failures = Vec::new();
    let (file, actual) = match link(dir) {
        Ok(bytes) => {
            if let Ok(script) = std::fs::read_to_string(dir.join("run.txt")) {
                failures.extend(run(&bytes, &script).into_iter().map(|problem| format!("run.txt: {problem}")));
            }
            ("linked.wat", wasmprinter::print_bytes(&bytes).unwrap())
        }
        Err(message) => ("error.txt", message + "\n"),
    };
    if name.starts_with("error-") != (file == "error.txt") {
        return Err(format!(
            "expected {}, but {}",
            if name.starts_with("error-") { "an error" } else { "a link" },
            if file == "error.txt" { format!("linking failed: {actual}") } else { "it linked".to_string() }
        )
        .into());
    }
    let path = dir.join(file);
    if bless {
        std::fs::write(&path, &actual).unwrap();
    } else {
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!("`{file}` differs\n--- expected\n{expected}\n--- actual\n{actual}")),
            Err(_) => failures.push(format!("no `{file}` (run with BLESS=1 to write it)")),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n").into())
    }
}
