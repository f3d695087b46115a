//! The `wasmer-link` command's contract: exit codes, messages that list
//! every problem at once and name each module's file, never a created,
//! changed or half-written output file when linking fails, and a help whose
//! usage lines are the ones README.md shows.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

const MAIN: &str = r#"(module
  (import "dep" "twice" (func $twice (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32) (call $twice (local.get 0))))"#;
const DEP: &str = r#"(module
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))"#;

/// A temporary directory for one test, removed when it is dropped.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new(name: &str) -> Dir {
        Dir(tempfile::Builder::new().prefix(&format!("wasmer-link-cli-{name}-")).tempdir().unwrap())
    }
    fn wat(&self, name: &str, wat: &str) -> String {
        self.file(name, &wat::parse_str(wat).unwrap())
    }
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }
    fn path(&self, name: &str) -> String {
        self.0.path().join(name).display().to_string()
    }
    /// Every file in the directory (to see that nothing was left behind).
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.0.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn link(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasmer-link")).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn help_explains_every_flag_with_examples() {
    let out = link(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for text in [
        "Statically link WebAssembly modules into one",
        "canonical ABI",
        "wasi_snapshot_preview1",
        "MAIN.wasm",
        "NAME=DEP.wasm",
        "-o, --output",
        "--wit",
        "--numbers",
        "--dep",
        "--registry-dir",
        "--profile",
        "multi-memory",
        "--layout",
        "movable",
        "--reserve",
        "--bounds-checks",
        "--print-layout",
        "--print-adapters",
        "-V, --version",
        "Examples:",
    ] {
        assert!(help.contains(text), "--help does not mention `{text}`:\n{help}");
    }
    // `-h` is the summary, and says where the rest is.
    let short = stdout(&link(&["-h"]));
    assert!(short.len() < help.len() && short.contains("--help"), "{short}");
}

#[test]
fn version_prints_the_crate_version() {
    let out = link(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).trim_end(), format!("wasmer-link {}", env!("CARGO_PKG_VERSION")));
}

/// The lines of `--help`'s `Usage:` section, without the `Usage: ` prefix.
fn usage_section(help: &str) -> Vec<String> {
    let start = help.find("Usage: ").expect("--help has a `Usage:` section") + "Usage: ".len();
    help[start..].lines().take_while(|l| !l.trim().is_empty()).map(String::from).collect()
}

/// The usage lines README.md shows in its `## wasmer-link` section: the first
/// `sh` block there, less the `cargo run` line that prints the help.
fn readme_usage() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let section = &readme[readme.find("\n## wasmer-link\n").expect("README.md has a `## wasmer-link` section")..];
    let block = &section[section.find("```sh\n").expect("the section has an `sh` block") + "```sh\n".len()..];
    let block = &block[..block.find("```").unwrap()];
    block.lines().filter(|l| !l.starts_with("cargo ")).map(String::from).collect()
}

fn words(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// The options (`-o`, `--wit`, ...) a text mentions.
fn options(text: &str) -> BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || "[]|,<>".contains(c))
        .filter(|w| {
            w.starts_with('-')
                && w.len() > 1
                && w.trim_start_matches('-').chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        })
        .map(String::from)
        .collect()
}

#[test]
fn readme_shows_the_real_usage_and_the_usage_names_every_option() {
    let help = stdout(&link(&["--help"]));
    let usage = usage_section(&help);
    assert_eq!(
        words(&readme_usage()),
        words(&usage),
        "README.md's `wasmer-link` block must show the usage lines `wasmer-link --help` prints:\n{}",
        usage.join("\n")
    );
    // The usage is written by hand (`USAGE` in wasmer-link.rs): it must
    // neither miss an option nor name one that is gone. Each line of the
    // options list names one option, in one or two forms (`-o, --output`).
    let options_section = &help[help.find("\nOptions:\n").unwrap()..];
    let options_section = &options_section[..options_section.find("\nExamples:").unwrap()];
    let listed: Vec<BTreeSet<String>> = options_section
        .lines()
        .filter(|l| l.trim_start().starts_with('-'))
        .map(|l| options(l.split('<').next().unwrap()))
        .filter(|forms| !forms.is_empty()) // not a `- value: ...` line
        .collect();
    let used = options(&usage.join("\n"));
    for forms in &listed {
        assert!(!forms.is_disjoint(&used), "the usage lines do not show {forms:?}:\n{}", usage.join("\n"));
    }
    for option in &used {
        assert!(
            listed.iter().any(|forms| forms.contains(option)),
            "the usage shows `{option}`, which --help does not list"
        );
    }
    assert!(listed.len() >= 11, "every option of today, at least: {listed:?}");
}

#[test]
fn usage_errors_exit_2_with_a_hint() {
    for (args, message) in [
        (&[][..], "error: the following required arguments were not provided:\n  <MAIN.wasm>"),
        (&["a.wasm"][..], "error: missing `-o OUT.wasm`"),
        (&["a.wasm", "-o"][..], "error: a value is required for '--output <OUT.wasm>'"),
        (
            &["a.wasm", "-o", "b.wasm", "--profile", "tiny"][..],
            "error: invalid value 'tiny' for '--profile <PROFILE>'\n  [possible values: portable, multi-memory]",
        ),
        (&["a.wasm", "--frobnicate"][..], "error: unexpected argument '--frobnicate' found"),
        (
            &["a.wasm", "-o", "b.wasm", "--layout", "loose"][..],
            "error: invalid value 'loose' for '--layout <LAYOUT>'\n  [possible values: fixed, movable]",
        ),
        (
            &["a.wasm", "-o", "b.wasm", "--reserve", "dep"][..],
            "error: invalid value 'dep' for '--reserve <NAME=SIZE>': expected NAME=SIZE, e.g. `--reserve block=256MiB`",
        ),
        (
            &["a.wasm", "-o", "b.wasm", "--reserve", "dep=lots"][..],
            "error: invalid value 'dep=lots' for '--reserve <NAME=SIZE>': cannot read the size `lots`: expected a number of bytes",
        ),
        (
            &["a.wasm", "-o", "b.wasm", "--numbers", "sumArray"][..],
            "error: invalid value 'sumArray' for '--numbers <NAME.FUNC|MODULE::FUNC>': expected NAME.FUNC, MODULE::FUNC, NAME.* or MODULE::*, e.g. `--numbers dep.sumArray` or `--numbers ./lib_bg.js::__wbindgen_throw` (MODULE::FUNC names any import module)",
        ),
        (
            &["a.wasm", "-o", "b.wasm", "--reserve", "dep=5GiB"][..],
            "error: invalid value 'dep=5GiB' for '--reserve <NAME=SIZE>': the size `5GiB` is not between",
        ),
    ] {
        let out = link(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert!(err.contains("For more information, try '--help'."), "{err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_good_link_writes_a_valid_module_and_nothing_else() {
    let dir = Dir::new("good");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    let out = link(&[&main, &dep, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = std::fs::read(dir.path("out.wasm")).unwrap();
    wasmparser::Validator::new().validate_all(&bytes).unwrap();
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm", "out.wasm"], "no temporary file is left");
}

#[test]
fn broken_inputs_are_all_reported_with_their_files_and_no_output_is_created() {
    let dir = Dir::new("broken");
    let main = dir.file("main.wasm", b"this is not wasm");
    let truncated = wat::parse_str(DEP).unwrap();
    let dep = dir.file("dep.wasm", &truncated[..truncated.len() - 3]);
    let out = link(&[&main, &dep, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: 2 problems:"), "{err}");
    assert!(
        err.contains(&format!("module `main` ({main}) is not a wasm module (it does not start with `\\0asm`)")),
        "{err}"
    );
    assert!(err.contains(&format!("module `dep` ({dep}) is not valid wasm:")), "{err}");
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
fn an_output_that_is_not_a_regular_file_is_refused_before_linking() {
    let dir = Dir::new("special");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    std::fs::create_dir(dir.path("out.wasm")).unwrap();
    let mut outputs = vec![(dir.path("out.wasm"), "a directory")];
    if cfg!(unix) {
        outputs.push(("/dev/null".to_string(), "a character device"));
        let fifo = dir.path("fifo.wasm");
        assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        outputs.push((fifo, "a FIFO"));
    }
    for (output, kind) in outputs {
        // A missing `main.wasm` too: both problems are listed at once, so
        // the output was checked before anything was linked.
        let out = link(&[&dir.path("missing.wasm"), &dep, "-o", &output]);
        assert_eq!(out.status.code(), Some(1), "{output}");
        let err = stderr(&out);
        assert!(err.starts_with("error: 2 problems:"), "{err}");
        assert!(err.contains(&format!("cannot write `{output}`: it is {kind}, not a regular file")), "{err}");
        let out = link(&[&main, &dep, "-o", &output]);
        assert_eq!(out.status.code(), Some(1), "{output}");
    }
    assert!(Path::new(&dir.path("out.wasm")).is_dir());
    assert!(std::fs::read_dir(dir.path("out.wasm")).unwrap().next().is_none());
}

#[test]
fn an_output_that_is_an_input_is_refused() {
    let dir = Dir::new("in-out");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    let before = std::fs::read(&dep).unwrap();
    let out = link(&[&main, &dep, "-o", &dep]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        format!("error: the output `{dep}` is the input `{dep}`: write the linked module to another file")
    );
    assert_eq!(std::fs::read(&dep).unwrap(), before);
    // The same file by another path.
    let other = format!("{}/./main.wasm", dir.0.path().display());
    let out = link(&[&main, &dep, "-o", &other]);
    assert!(stderr(&out).contains(&format!("the output `{other}` is the input `{main}`")), "{}", stderr(&out));
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm"]);
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_symbolic_link_replaces_the_file_it_points_to() {
    let dir = Dir::new("symlink");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    std::fs::create_dir(dir.path("build")).unwrap();
    let target = dir.file("build/real.wasm", b"previous output");
    std::os::unix::fs::symlink("build/real.wasm", dir.path("out.wasm")).unwrap();
    let out = link(&[&main, &dep, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(dir.path("out.wasm")).unwrap().file_type().is_symlink(), "the link stays");
    wasmparser::Validator::new().validate_all(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(dir.listing(), ["build", "dep.wasm", "main.wasm", "out.wasm"]);
    let built: Vec<_> = std::fs::read_dir(dir.path("build")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(built, ["real.wasm"], "no temporary file is left beside the target");
    // A link to an input is the input.
    std::os::unix::fs::symlink("dep.wasm", dir.path("alias.wasm")).unwrap();
    let out = link(&[&main, &dep, "-o", &dir.path("alias.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is the input"), "{}", stderr(&out));
}

#[test]
fn unreadable_inputs_are_listed_together() {
    let dir = Dir::new("unreadable");
    let out = link(&[&dir.path("a.wasm"), &dir.path("b.wasm"), "--wit", &dir.path("c.wit"), "-o", &dir.path("o.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: 3 problems:"), "{err}");
    for name in ["a.wasm", "b.wasm", "c.wit"] {
        assert!(err.contains(&format!("cannot read `{}`: ", dir.path(name))), "{err}");
    }
    assert!(dir.listing().is_empty());
}

#[test]
fn a_name_eq_file_argument_says_how_it_was_read() {
    let dir = Dir::new("name-eq");
    let main = dir.wat("main.wasm", MAIN);
    let missing = dir.path("x.wasm");
    let arg = format!("dep={missing}");
    let out = link(&[&main, &arg, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("error: cannot read `{missing}` (from the argument `{arg}`, read as NAME=FILE): ")),
        "{err}"
    );
    // A file whose name holds `=` is that file: its stem is the module name.
    let odd = dir.wat("dep=v2.wasm", DEP);
    let out = link(&[&main, &odd, "-o", &dir.path("out.wasm")]);
    assert!(stderr(&out).contains("module `dep=v2` is linked as a dependency"), "{}", stderr(&out));
    // ... and `NAME=` in front of it names it.
    let out = link(&[&main, &format!("dep={odd}"), "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
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
    assert!(!Path::new(&dir.path("out.wasm")).exists());
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
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
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
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
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
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(table.starts_with("layout: fixed (2 memories folded into one)\n"), "{table}");
    let rows: Vec<Vec<&str>> = table.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        rows,
        [vec!["main", "0x0", "64", "KiB", "2", "MiB"], vec!["dep", "0x200000", "128", "KiB", "grows", "freely"]]
    );
    // The same table, read back from the output's custom section.
    let again = link(&["--print-layout", &out_path]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(stdout(&again), table);
    // The movable layout has no capacities.
    let out = link(&[&main, &dep, "--wit", &wit, "--layout", "movable", "--print-layout", "-o", &out_path]);
    let table = stdout(&out);
    assert!(table.starts_with("layout: movable"), "{table}");
    assert!(table.contains("0x10000"), "dep right after main's one page: {table}");
    // A module that folds nothing says so.
    let single = dir.wat("single.wasm", "(module (memory 1))");
    let out = link(&["--print-layout", &single]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("has one memory (or none): nothing was folded"));
    // A file that cannot be read is a failure, not a usage error.
    let out = link(&["--print-layout", &dir.path("gone.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with(&format!("error: cannot read `{}`: ", dir.path("gone.wasm"))));
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

#[test]
fn print_adapters_shows_each_adapter_as_wat_and_writes_nothing_without_an_output() {
    let dir = Dir::new("adapters");
    let main = dir.wat(
        "main.wasm",
        r#"(module
  (import "dep" "count" (func $count (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (result i32) (call $count (i32.const 0) (i32.const 3)))
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))"#,
    );
    let dep = dir.wat(
        "dep.wasm",
        r#"(module
  (memory 1)
  (func (export "count") (param i32 i32) (result i32) (local.get 1))
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
  (func (export "canonical_abi_free") (param i32 i32 i32)))"#,
    );
    let wit = dir.file("dep.wit", b"count: func(s: string) -> u32\n");
    let out = link(&[&main, &dep, "--wit", &wit, "--print-adapters"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let wat = String::from_utf8(out.stdout).unwrap();
    assert!(wat.starts_with(";; adapter main -> dep.count\n(module"), "{wat}");
    assert!(wat.contains(r#"(import "dep" "canonical_abi_realloc" (func"#), "{wat}");
    assert!(wat.contains("memory.copy"), "{wat}");
    assert_eq!(dir.listing(), ["dep.wasm", "dep.wit", "main.wasm"], "nothing written");
    // With -o it links too, and prints the same.
    let out = link(&[&main, &dep, "--wit", &wit, "--print-adapters", "-o", &dir.path("out.wasm")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), wat);
    assert!(Path::new(&dir.path("out.wasm")).exists());
}

/// A main module with what a toolchain leaves in its custom sections.
const MAIN_WITH_SECTIONS: &str = r#"(module
  (@producers (language "Rust" "1.95.0"))
  (@custom ".debug_info" "\00")
  (@custom ".debug_line" "\00")
  (@custom "sourceMappingURL" "\08main.map")
  (@custom "acme-metadata" "x")
  (import "dep" "twice" (func $twice (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32) (call $twice (local.get 0))))"#;

#[test]
fn dropped_custom_sections_are_warned_about_and_the_link_succeeds() {
    let dir = Dir::new("sections");
    let (main, dep) = (dir.wat("main.wasm", MAIN_WITH_SECTIONS), dir.wat("dep.wasm", DEP));
    let out = link(&[&main, &dep, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 3, "{err}");
    assert!(warnings[0].contains("dropped its source map URL (`sourceMappingURL`)"), "{err}");
    assert!(warnings[1].contains("dropped a custom section the linker does not know (`acme-metadata`)"), "{err}");
    // DWARF is rewritten for the output; this one is not DWARF at all.
    assert!(
        warnings[2]
            .starts_with(&format!("warning: dropped from `.debug_info` of module `main` ({main}): all its units")),
        "{err}"
    );
    // The producers section is kept, with wasmer-link added.
    let bytes = std::fs::read(dir.path("out.wasm")).unwrap();
    let text = wasmprinter::print_bytes(&bytes).unwrap();
    assert!(text.contains("(language \"Rust\" \"1.95.0\")") && text.contains("\"wasmer-link\""), "{text}");
    // A failed link says nothing but its errors.
    let bad = dir.file("bad.wasm", b"not wasm");
    let out = link(&[&main, &format!("dep={bad}"), "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
}

#[test]
fn what_the_portable_profile_cannot_express_is_refused_naming_the_file() {
    let dir = Dir::new("simd");
    let main = dir.wat(
        "simd.wasm",
        r#"(module
  (memory (export "memory") 1)
  (func (export "add4") (param i32)
    (v128.store (local.get 0) (i32x4.add (v128.load (local.get 0)) (v128.load offset=16 (local.get 0))))))"#,
    );
    let out = link(&[&main, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "error: module `simd` ({main}) uses SIMD (`v128.load`, `i32x4.add`, `v128.store`) in function #0, which the `portable` profile cannot express: WASM3 has no SIMD; link with `--profile multi-memory` (for Wasmer or wasmtime), or rebuild the module without SIMD (Rust: `-C target-feature=-simd128`; clang: `-mno-simd128`)"
        )
    );
    assert!(!Path::new(&dir.path("out.wasm")).exists());
    let out = link(&[&main, "--profile", "multi-memory", "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_dynamic_linking_module_is_refused_naming_the_file() {
    let dir = Dir::new("dylink");
    let main = dir.wat("main.wasm", MAIN);
    let side = dir.wat(
        "dep.wasm",
        r#"(module
  (@custom "dylink.0" "\01\04\00\00\00\00")
  (import "env" "__memory_base" (global i32))
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))"#,
    );
    let out = link(&[&main, &side, "-o", &dir.path("out.wasm")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error: module `dep` ({side}) is a dynamic-linking module (it has a `dylink.0` section and imports of `env.__memory_base`)"
        )),
        "{err}"
    );
    assert!(err.contains("`-sSTANDALONE_WASM`"), "{err}");
    assert!(!Path::new(&dir.path("out.wasm")).exists());
}

#[test]
fn numbers_wires_imports_no_interface_can_describe() {
    let dir = Dir::new("numbers");
    let main = dir.wat(
        "main.wasm",
        r#"(module
  (import "dep" "sumArray" (func $sum (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32 i32) (result i32) (call $sum (local.get 0) (local.get 1))))"#,
    );
    let dep = dir.wat(
        "dep.wasm",
        r#"(module
  (memory 1)
  (func (export "sumArray") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"#,
    );
    let out_path = dir.path("out.wasm");
    // Two memories, an i32, no interface (none can name `sumArray`): refused,
    // and the message says what to pass.
    let out = link(&[&main, &dep, "-o", &out_path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("if it passes numbers only, pass `--numbers dep.sumArray`"), "{}", stderr(&out));
    for rule in ["dep.sumArray", "dep.*"] {
        for profile in ["portable", "multi-memory"] {
            let out = link(&[&main, &dep, "--numbers", rule, "--profile", profile, "-o", &out_path]);
            assert_eq!(out.status.code(), Some(0), "{rule} {profile}: {}", stderr(&out));
            wasmparser::Validator::new().validate_all(&std::fs::read(&out_path).unwrap()).unwrap();
        }
    }
    // A rule that names no import is a mistake.
    std::fs::remove_file(&out_path).unwrap();
    let out = link(&[&main, &dep, "--numbers", "dep.sumarray", "-o", &out_path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "`--numbers dep.sumarray` names no function that any module imports: the functions imported from `dep` are `sumArray`"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!Path::new(&out_path).exists());
}

/// The `--numbers` flags a message advises ("pass `--numbers X`" and the
/// `*` form beside it), as a shell would hand them to the command: single
/// quotes removed.
fn advised_numbers(message: &str) -> Vec<String> {
    let mut flags = Vec::new();
    for piece in message.split("`--numbers ").skip(1) {
        let word = &piece[..piece.find('`').unwrap()];
        let word = match word.strip_prefix('\'').and_then(|w| w.strip_suffix('\'')) {
            Some(quoted) => quoted.replace(r"'\''", "'"),
            None => word.to_string(),
        };
        flags.push(word);
    }
    flags
}

/// wasm-bindgen's modules import from `./NAME_bg.js`: a module name with
/// dots and a slash. `MODULE::FUNC` names it, the linker's advice spells
/// it so, and fed back that advice links.
#[test]
fn an_import_module_with_dots_is_named_by_module_colons_func_as_the_advice_says() {
    let dir = Dir::new("dotted");
    // The issue's shape: a wasm-bindgen dependency whose own imports go to
    // its JavaScript glue, `./x_bg.js`, which the host provides.
    let main = dir.wat(
        "main.wasm",
        r#"(module
  (import "x_bg" "compress" (func $compress (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32 i32) (result i32) (call $compress (local.get 0) (local.get 1))))"#,
    );
    let dep = dir.wat(
        "x_bg.wasm",
        r#"(module
  (import "./x_bg.js" "__wbindgen_string_new" (func $new (param i32 i32) (result i32)))
  (import "./x_bg.js" "__wbg_log.v2" (func $log (param i32)))
  (memory (export "memory") 1)
  (func (export "compress") (param i32 i32) (result i32)
    (call $log (local.get 0))
    (call $new (local.get 0) (local.get 1))))"#,
    );
    let out_path = dir.path("out.wasm");
    let out = link(&[&main, &dep, "-o", &out_path]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for advice in [
        "pass `--wit x_bg.wit`, or, if it passes numbers only, `--numbers x_bg.compress` (`--numbers 'x_bg.*'` for every function of `x_bg`)",
        "if it passes numbers only, pass `--numbers ./x_bg.js::__wbindgen_string_new` (`--numbers './x_bg.js::*'` for every function of `./x_bg.js`)",
        // A field with a dot stays whole.
        "pass `--numbers ./x_bg.js::__wbg_log.v2` (`--numbers './x_bg.js::*'`",
    ] {
        assert!(err.contains(advice), "no `{advice}` in:\n{err}");
    }
    // Each function's advised flag, fed back, links; so does each `*`.
    let advised = advised_numbers(&err);
    assert_eq!(
        advised,
        [
            "x_bg.compress",
            "x_bg.*",
            "./x_bg.js::__wbindgen_string_new",
            "./x_bg.js::*",
            "./x_bg.js::__wbg_log.v2",
            "./x_bg.js::*"
        ]
    );
    for picks in [[0, 2, 4], [1, 3, 3]] {
        let mut args = vec![main.clone(), dep.clone(), "-o".to_string(), out_path.clone()];
        for k in picks {
            args.extend(["--numbers".to_string(), advised[k].clone()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = link(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let bytes = std::fs::read(&out_path).unwrap();
        wasmparser::Validator::new().validate_all(&bytes).unwrap();
        let imports: Vec<(String, String)> = wasmparser::Parser::new(0)
            .parse_all(&bytes)
            .filter_map(|p| match p.unwrap() {
                wasmparser::Payload::ImportSection(r) => Some(
                    r.into_imports()
                        .map(|i| i.unwrap())
                        .map(|i| (i.module.to_string(), i.name.to_string()))
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(
            imports,
            [
                ("./x_bg.js".to_string(), "__wbindgen_string_new".to_string()),
                ("./x_bg.js".into(), "__wbg_log.v2".into())
            ]
        );
        std::fs::remove_file(&out_path).unwrap();
    }
    // The old spelling cannot name such a module, and says what can.
    let out = link(&[&main, &dep, "--numbers", "./x_bg.js", "-o", &out_path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "expected NAME.FUNC, MODULE::FUNC, NAME.* or MODULE::*, e.g. `--numbers dep.sumArray` or `--numbers ./lib_bg.js::__wbindgen_throw` (MODULE::FUNC names any import module)"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(dir.listing(), ["main.wasm", "x_bg.wasm"]);
}

/// A dependency may be named `./x_bg.js` (`NAME=FILE` with a `/` in NAME,
/// the file existing), and `--wit MODULE=FILE.wit` describes it, as the
/// advice says.
#[test]
fn a_dependency_and_an_interface_can_be_named_like_a_javascript_module() {
    let dir = Dir::new("js-named");
    let main = dir.wat(
        "main.wasm",
        r#"(module
  (import "./x_bg.js" "twice" (func $twice (param i32) (result i32)))
  (import "./x_bg.js" "sumArray" (func $sum (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32) (call $sum (call $twice (local.get 0)) (i32.const 1))))"#,
    );
    let dep = dir.wat(
        "x_bg.wasm",
        r#"(module
  (memory 1)
  (func (export "twice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "sumArray") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"#,
    );
    let out_path = dir.path("out.wasm");
    // Under its file's name, nothing imports it: the message says to name it.
    let out = link(&[&main, &dep, "-o", &out_path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("imports of `./x_bg.js` are left to the host"), "{}", stderr(&out));
    let named = format!("./x_bg.js={dep}");
    let out = link(&[&main, &named, "-o", &out_path]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("no interface `./x_bg.js` says whether its `i32`s are pointers: pass `--wit ./x_bg.js=FILE.wit`, or, if it passes numbers only, `--numbers ./x_bg.js::twice`"),
        "{err}"
    );
    assert!(err.contains("pass `--numbers ./x_bg.js::sumArray`"), "{err}");
    let wit = dir.file("x.wit", b"twice: func(x: s32) -> s32\n");
    let out = link(&[
        &main,
        &named,
        "--wit",
        &format!("./x_bg.js={wit}"),
        "--numbers",
        "./x_bg.js::sumArray",
        "-o",
        &out_path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    wasmparser::Validator::new().validate_all(&std::fs::read(&out_path).unwrap()).unwrap();
}

/// A rule for an import that does not resolve is not a second problem.
#[test]
fn numbers_for_an_import_the_dependency_does_not_export_reports_only_the_missing_export() {
    let dir = Dir::new("nosuch");
    let main = dir.wat(
        "main.wasm",
        r#"(module
  (import "dep" "nosuch" (func $f (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32) (call $f (local.get 0))))"#,
    );
    let dep = dir.wat("dep.wasm", MEMORY_DEP);
    let out_path = dir.path("out.wasm");
    let alone = stderr(&link(&[&main, &dep, "-o", &out_path]));
    for rule in ["dep.*", "dep.nosuch", "dep::nosuch"] {
        let out = link(&[&main, &dep, "--numbers", rule, "-o", &out_path]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr(&out), alone, "{rule}");
    }
    assert_eq!(
        alone,
        "error: module `main` imports function `dep.nosuch`, but module `dep` exports no function of that name\n"
    );
    // A rule naming nothing imported is still a mistake, saying what is.
    let out = link(&[&main, &dep, "--numbers", "dep.twice", "-o", &out_path]);
    assert!(stderr(&out).contains("`--numbers dep.twice` names no function that any module imports: the functions imported from `dep` are `nosuch`"), "{}", stderr(&out));
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm"]);
}

/// `--print-layout FILE` on what is not a module `wasmer-link` wrote: the
/// one-line error linking gives, exit 1.
#[test]
fn print_layout_refuses_what_is_not_a_linked_module_as_linking_does() {
    let dir = Dir::new("layout-bad");
    let notwasm = dir.file("notwasm.wasm", b"hello, this is not wasm\n");
    let truncated = dir.file("truncated.wasm", &wat::parse_str(MAIN).unwrap()[..20]);
    for file in [&notwasm, &truncated] {
        let out = link(&["--print-layout", file]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(stdout(&out), "");
        let linking = link(&[file, "-o", &dir.path("out.wasm")]);
        assert_eq!(linking.status.code(), Some(1));
        assert_eq!(stderr(&out), stderr(&linking), "{file}");
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    }
    assert_eq!(
        stderr(&link(&["--print-layout", &notwasm])),
        format!("error: module `notwasm` ({notwasm}) is not a wasm module (it does not start with `\\0asm`)\n")
    );
    let component = dir.wat("app.wasm", "(component)");
    let out = link(&["--print-layout", &component]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: `{component}` is a component, not a module `wasmer-link` wrote: it records no layout (`wasmer-link {component} -o OUT.wasm --print-layout` links it and shows the output's)\n"
        )
    );
    assert_eq!(dir.listing(), ["app.wasm", "notwasm.wasm", "truncated.wasm"]);
}

/// A block built with today's `wit-bindgen`: its interfaces are a WIT world
/// (the `component-type` section linking reads), printed as WIT.
#[test]
fn interfaces_prints_a_modules_wit_world() {
    let dir = Dir::new("world");
    let wit = "package example:blocks;

interface ops {
  scale: func(x: u32, by: list<u8>) -> string;
}

world block {
  export ops;
}
";
    let mut resolve = wit_parser::Resolve::default();
    let package = resolve.push_str("block.wit", wit).unwrap();
    let world = resolve.select_world(&[package], None).unwrap();
    let mut bytes = wat::parse_str(
        r#"(module
  (memory (export "memory") 1)
  (func (export "example:blocks/ops#scale") (param i32 i32 i32) (result i32) (i32.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))"#,
    )
    .unwrap();
    wit_component::embed_component_metadata(&mut bytes, &resolve, world, wit_component::StringEncoding::UTF8, false)
        .unwrap();
    let block = dir.file("block.wasm", &bytes);
    let out = link(&["interfaces", &block]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    let (header, text) = printed.split_once('\n').unwrap();
    assert_eq!(header, format!("// WIT world `example:blocks/block` (module `{block}`, its `component-type` section)"));
    // The WIT text reads back as the same world.
    let mut again = wit_parser::Resolve::default();
    let package = again.push_str("printed.wit", text).unwrap_or_else(|e| panic!("{e:#}\n{text}"));
    let world = again.select_world(&[package], Some("block")).unwrap();
    let exports: Vec<String> = again.worlds[world].exports.keys().map(|k| again.name_world_key(k)).collect();
    assert_eq!(exports, ["example:blocks/ops"]);
    assert!(text.contains("scale: func(x: u32, by: list<u8>) -> string;"), "{text}");
    // `-o DIR` writes it as DIR/WORLD.wit.
    let out = link(&["interfaces", &block, "-o", &dir.path("wit")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = dir.path("wit/block.wit");
    assert_eq!(stderr(&out), format!("wrote {file} (WIT world `example:blocks/block`)\n"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // A component's world, likewise.
    let component = dir.wat(
        "app.wasm",
        r#"(component
  (type (func (param "x" u32) (result u32)))
  (import "double" (func (type 0)))
  (export "twice" (func 0)))"#,
    );
    let out = link(&["interfaces", &component]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "// WIT world `root:component/root` (component `{component}`, its component type)
package root:component;

world root {{
  import double: func(x: u32) -> u32;

  export twice: func(x: u32) -> u32;
}}
"
        )
    );
    // A module with neither says both are missing.
    let bare = dir.wat("bare.wasm", DEP);
    let out = link(&["interfaces", &bare]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!("error: module `{bare}` carries no interfaces: it has no `wasmer-link.interfaces` section (`cargo xtask build` embeds one; `linker::embed` writes it) and no WIT world (a `component-type` section, which `wit-bindgen` embeds)\n")
    );
}

#[test]
fn an_output_in_a_missing_directory_names_the_directory() {
    let dir = Dir::new("missing-dir");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    let missing = dir.path("x");
    let target = format!("{missing}/x.wasm");
    let out = link(&[&main, &dep, "-o", &target]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot write `{target}`: the directory `{missing}` does not exist: create it first, or write the output elsewhere\n"
        )
    );
    // Under a file, not a directory.
    let under = format!("{main}/x.wasm");
    let out = link(&[&main, &dep, "-o", &under]);
    assert_eq!(
        stderr(&out),
        format!("error: cannot write `{under}`: `{main}` is not a directory, so no file can be created in it\n")
    );
    assert_eq!(dir.listing(), ["dep.wasm", "main.wasm"]);
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_linked_to_standard_output_or_into_a_missing_directory_says_what_the_link_is() {
    let dir = Dir::new("fd-link");
    let (main, dep) = (dir.wat("main.wasm", MAIN), dir.wat("dep.wasm", DEP));
    let stdout_link = dir.path("out.wasm");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout_link).unwrap();
    // The test reads the command's standard output through a pipe.
    let out = link(&[&main, &dep, "-o", &stdout_link]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot write `{stdout_link}`: it is a symbolic link to `/proc/self/fd/1`, which is a FIFO, not a regular file: the output is written to a new file and renamed into place, which would replace it\n"
        )
    );
    assert_eq!(stdout(&out), "");
    let dangling = dir.path("dangling.wasm");
    std::os::unix::fs::symlink("build/out.wasm", &dangling).unwrap();
    let out = link(&[&main, &dep, "-o", &dangling]);
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot write `{dangling}`: it is a symbolic link to `{}`, and the directory `{}` does not exist: create it first, or write the output elsewhere\n",
            dir.path("build/out.wasm"),
            dir.path("build")
        )
    );
    assert_eq!(dir.listing(), ["dangling.wasm", "dep.wasm", "main.wasm", "out.wasm"]);
}
