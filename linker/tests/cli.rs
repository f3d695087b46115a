//! The `wasmer-link` command's contract: exit codes, messages that list
//! every problem at once, and never a created, changed or half-written
//! output file when linking fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MAIN: &str = r#"(module
  (import "dep" "twice" (func $twice (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32) (call $twice (local.get 0))))"#;
const DEP: &str = r#"(module
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))"#;

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("wasmer-link-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }
    fn wat(&self, name: &str, wat: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, wat::parse_str(wat).unwrap()).unwrap();
        path.display().to_string()
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
    /// Every file in the directory (to see that nothing was left behind).
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn link(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasmer-link")).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_explains_every_flag_with_examples() {
    let out = link(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "-o, --output",
        "--wit",
        "--dep",
        "--registry-dir",
        "--profile",
        "--layout",
        "--reserve",
        "--bounds-checks",
        "--print-layout",
        "examples:",
    ] {
        assert!(help.contains(flag), "--help does not mention `{flag}`:\n{help}");
    }
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    for (args, message) in [
        (&[][..], "error: missing MAIN.wasm"),
        (&["a.wasm"][..], "error: missing `-o OUT.wasm`"),
        (&["a.wasm", "-o", "b.wasm", "--profile", "tiny"][..], "error: unknown profile `tiny`"),
        (&["a.wasm", "--frobnicate"][..], "error: unknown option `--frobnicate`"),
        (&["a.wasm", "-o", "b.wasm", "--layout", "loose"][..], "error: unknown layout `loose`"),
        (&["a.wasm", "-o", "b.wasm", "--reserve", "dep"][..], "error: `--reserve dep`: expected NAME=SIZE"),
        (&["a.wasm", "-o", "b.wasm", "--reserve", "dep=lots"][..], "error: `--reserve dep=lots`: cannot read the size"),
        (
            &["a.wasm", "-o", "b.wasm", "--reserve", "dep=5GiB"][..],
            "error: `--reserve dep=5GiB`: the size `5GiB` is not between",
        ),
    ] {
        let out = link(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert!(err.contains("run `wasmer-link --help`"), "{err}");
    }
}

#[test]
fn a_good_link_writes_a_valid_module_and_nothing_else() {
    let dir = Dir::new("good");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    let out = link(&[&main, &dep, "-o", &dir.path("out.wasm")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path("out.wasm")).unwrap();
    wasmparser::Validator::new().validate_all(&bytes).unwrap();
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm", "out.wasm"], "no temporary file is left");
}

#[test]
fn broken_inputs_are_all_reported_and_no_output_is_created() {
    let dir = Dir::new("broken");
    let main = dir.file("main.wasm", b"this is not wasm");
    let truncated = wat::parse_str(DEP).unwrap();
    let dep = dir.file("dep.wasm", &truncated[..truncated.len() - 3]);
    let out = link(&[&main, &dep, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: 2 problems:"), "{err}");
    assert!(err.contains("module `main` is not a wasm module (it does not start with `\\0asm`)"), "{err}");
    assert!(err.contains("module `dep` is not valid wasm:"), "{err}");
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm"]);
}

#[test]
fn a_failed_link_leaves_an_existing_output_untouched() {
    let dir = Dir::new("untouched");
    let main = dir.wat("main.wasm", MAIN);
    let out_path = dir.file("out.wasm", b"previous output");
    // `dep` exports the wrong function: `dep.twice` cannot be resolved.
    let bad_dep = dir.wat("dep.wasm", r#"(module (func (export "thrice") (param i32) (result i32) (local.get 0)))"#);
    let out = link(&[&main, &bad_dep, "-o", &out_path]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(
        err.trim_end(),
        "error: module `main` imports function `dep.twice`, but module `dep` exports no function of that name"
    );
    assert_eq!(std::fs::read(&out_path).unwrap(), b"previous output");
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm", "out.wasm"]);
}

#[test]
fn an_unwritable_output_path_is_an_error_and_leaves_nothing() {
    let dir = Dir::new("unwritable");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    let target = dir.path("no/such/directory/out.wasm");
    let out = link(&[&main, &dep, "-o", &target]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with(&format!("error: cannot write `{target}`:")), "{err}");
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm"]);
    assert!(!Path::new(&target).exists());
}

#[test]
fn unreadable_inputs_are_listed_together() {
    let dir = Dir::new("unreadable");
    let out = link(&[&dir.path("a.wasm"), &dir.path("b.wasm"), "--wit", &dir.path("c.wit"), "-o", &dir.path("o.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: 3 problems:"), "{err}");
    for name in ["a.wasm", "b.wasm", "c.wit"] {
        assert!(err.contains(&format!("cannot read `{}`", dir.path(name))), "{err}");
    }
    assert!(dir.listing().is_empty());
}

#[test]
fn duplicate_module_names_are_refused() {
    let dir = Dir::new("duplicate");
    std::fs::create_dir_all(dir.path("other")).unwrap();
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    let again = dir.wat("other/dep.wasm", DEP);
    let out = link(&[&main, &dep, &again, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).trim_end(), "error: two modules are named `dep`: module names must be unique");
    // `NAME=` resolves the clash; a module nothing imports from is then
    // refused on its own account.
    let out = link(&[&main, &dep, &format!("spare={again}"), "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        "error: module `spare` is linked as a dependency, but no module imports from `spare`"
    );
    assert!(!std::path::Path::new(&dir.path("out.wasm")).exists());
}

#[test]
fn a_dependency_named_unlike_its_imports_is_refused_with_the_name_to_use() {
    let dir = Dir::new("misnamed");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep_v2.wasm", DEP));
    let out = link(&[&main, &dep, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("module `dep_v2` is linked as a dependency, but no module imports from `dep_v2`"), "{err}");
    assert!(err.contains("imports of `dep` are left to the host"), "{err}");
    let out = link(&[&main, &format!("dep={dep}"), "-o", &dir.path("out.wasm")]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn two_interfaces_of_one_name_that_disagree_are_refused() {
    let dir = Dir::new("interfaces");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    std::fs::create_dir_all(dir.path("v2")).unwrap();
    let one = dir.file("dep.wit", b"twice: func(x: s32) -> s32\n");
    let two = dir.file("v2/dep.wit", b"twice: func(x: s64) -> s64\n");
    let out = link(&[&main, &dep, "--wit", &one, "--wit", &two, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("interface `dep` given explicitly and interface `dep` given explicitly disagree"), "{err}");
    assert!(!Path::new(&dir.path("out.wasm")).exists());
    // The same interface twice (comments aside) is fine.
    let same = dir.file("v2/dep.wit", b"// again\ntwice: func(x: s32) -> s32\n");
    let out = link(&[&main, &dep, "--wit", &one, "--wit", &same, "-o", &dir.path("out.wasm")]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A dependency with a memory of its own, so the portable profile folds two
/// memories and has a layout; `twice` passes numbers only (`DEP_WIT`).
const MEMORY_DEP: &str = r#"(module
  (memory 2)
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))"#;
const DEP_WIT: &[u8] = b"twice: func(x: s32) -> s32\n";

#[test]
fn print_layout_shows_where_each_memory_lives_after_linking_and_in_a_linked_file() {
    let dir = Dir::new("layout");
    let (main, dep, wit) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", MEMORY_DEP), dir.file("dep.wit", DEP_WIT));
    let out_path = dir.path("out.wasm");
    let out = link(&[&main, &dep, "--wit", &wit, "--reserve", "main=2MiB", "--print-layout", "-o", &out_path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("layout: fixed (2 memories folded into one)\n"), "{table}");
    let rows: Vec<Vec<&str>> = table.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        rows,
        [vec!["main", "0x0", "64", "KiB", "2", "MiB"], vec!["dep", "0x200000", "128", "KiB", "grows", "freely"]]
    );
    // The same table, read back from the output's custom section.
    let again = link(&["--print-layout", &out_path]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(String::from_utf8(again.stdout).unwrap(), table);
    // The movable layout has no capacities.
    let out = link(&[&main, &dep, "--wit", &wit, "--layout", "movable", "--print-layout", "-o", &out_path]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("layout: movable"), "{table}");
    assert!(table.contains("0x10000"), "dep right after main's one page: {table}");
    // A module that folds nothing says so.
    let single = dir.wat("single.wasm", "(module (memory 1))");
    let out = link(&["--print-layout", &single]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("has one memory (or none): nothing was folded"));
}

#[test]
fn bad_reservations_are_all_reported_and_no_output_is_created() {
    let dir = Dir::new("reserve");
    let (main, dep, wit) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", MEMORY_DEP), dir.file("dep.wit", DEP_WIT));
    let out_path = dir.path("out.wasm");
    let out = link(&[
        &main,
        &dep,
        "--wit",
        &wit,
        "--reserve",
        "nobody=1MiB",
        "--reserve",
        "dep=64KiB",
        "--reserve",
        "main=4GiB",
        "-o",
        &out_path,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: 3 problems:"), "{err}");
    assert!(
        err.contains(
            "`--reserve nobody=...` names no module with a memory of its own (modules with memories: `main`, `dep`)"
        ),
        "{err}"
    );
    assert!(err.contains("module `dep` starts with 128 KiB of memory, more than its reservation of 64 KiB"), "{err}");
    assert!(err.contains("the memories do not fit in the 4 GiB of one 32-bit memory"), "{err}");
    assert!(!Path::new(&out_path).exists());
    // Reservations belong to the fixed layout of the portable profile.
    for flags in [&["--layout", "movable"][..], &["--profile", "multi-memory"][..]] {
        let mut args =
            vec![main.as_str(), dep.as_str(), "--wit", wit.as_str(), "--reserve", "main=1MiB", "-o", &out_path];
        args.extend(flags);
        let out = link(&args);
        assert_eq!(out.status.code(), Some(1), "{flags:?}");
        assert!(
            stderr(&out).contains("reservations (`--reserve`) are for the `portable` profile's fixed layout"),
            "{flags:?}"
        );
        assert!(!Path::new(&out_path).exists());
    }
}
