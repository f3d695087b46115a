//! `wasmer-link`: the command-line face of the `linker` library. Flags →
//! library call → atomic write. No linking logic lives here.
//!
//! Arguments are parsed by `clap`: a usage mistake (an unknown option, a
//! missing value, `--profile tiny`) exits with 2 and `error: ...` plus a
//! hint; a failed link exits with 1 and every problem found; success, and
//! `--help`/`--version`, exit with 0.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, ValueEnum};
use linker::layout::{self, Regions};
use linker::{Layout, Linker, Profile};

/// The usage lines, as `--help` prints them after `Usage: ` (README.md shows
/// the same lines; `tests/cli.rs` checks that they agree, and that every
/// option is in them).
const USAGE: &str = "\
wasmer-link MAIN.wasm [NAME=]DEP.wasm... [--dep PACKAGE]... -o OUT.wasm
                   [--wit FILE.wit]... [--numbers NAME.FUNC]... [--registry-dir DIR]...
                   [--profile portable|multi-memory] [--layout fixed|movable] [--reserve NAME=SIZE]...
                   [--bounds-checks] [--print-layout]
       wasmer-link MAIN.wasm [NAME=]DEP.wasm... [--wit FILE.wit]... [--numbers NAME.FUNC]... --print-adapters
       wasmer-link --print-layout LINKED.wasm
       wasmer-link --help | --version";

const ABOUT: &str = "Statically link WebAssembly modules into one";

const LONG_ABOUT: &str = "\
Statically link WebAssembly modules into one.

Merges MAIN.wasm and the modules it depends on into one module whose only
imports are the host's. Calls that pass strings or lists from one module's
memory to another's go through generated adapters that copy the data, as the
canonical ABI of the interfaces (WAI `.wit` files) prescribes.

WASI modules (built for wasm32-wasip1, as reactors) link too: identical
`wasi_snapshot_preview1` imports become one, and a dependency's WASI calls
are adapted to copy their pointer arguments (paths, iovecs, results) through
the main module's memory, the one the host reads. Every dependency's
`_initialize` runs once, from the output's `_initialize` (or `_start`).
See docs/WASI.md.

Modules from other toolchains: what the output profile cannot express
(SIMD in `portable`, more than 100 memories in `multi-memory`, ...) and
modules that are not standalone (object files, Emscripten side modules) are
refused with what to do instead; passive data segments are lowered for
`portable`. `producers` sections are merged and `target_features` written
anew; DWARF, source maps and unknown custom sections are dropped, with a
warning on stderr. See docs/TOOLCHAINS.md.";

const EXAMPLES: &str = "\
Examples:
  wasmer-link guest.wasm dependency.wasm -o rune.wasm
  wasmer-link guest.wasm dependency.wasm --wit dependency.wit --wit host.wit \\
      --profile multi-memory -o rune.wasm
  wasmer-link guest.wasm --dep example/dependency@0.1.0 \\
      --registry-dir target/wapm_packages -o rune.wasm
  wasmer-link main.wasm dep.wasm --numbers dep.sumArray --numbers 'env.*' -o out.wasm
  wasmer-link guest.wasm dependency.wasm --print-adapters
  wasmer-link --print-layout rune.wasm";

#[derive(Parser)]
#[command(
    name = "wasmer-link",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    override_usage = USAGE,
    after_help = EXAMPLES,
    max_term_width = 100
)]
struct Cli {
    /// The main module: its exports become the output's
    ///
    /// Including `memory` and `canonical_abi_*`: the host sees the main
    /// module's memory.
    #[arg(value_name = "MAIN.wasm", required = true, verbatim_doc_comment)]
    main: PathBuf,

    /// A dependency, `DEP.wasm` or `NAME=DEP.wasm`
    ///
    /// NAME is the module name its importers use in `(import "NAME" ...)`,
    /// by default the file stem. An argument that names an existing file is
    /// that file, `=` or not; otherwise NAME is what comes before the first
    /// `=` (a NAME has no `/`).
    #[arg(value_name = "DEP.wasm", verbatim_doc_comment)]
    deps: Vec<String>,

    /// Where to write the linked module; on any error it is left as it was
    ///
    /// The module goes to a temporary file beside OUT.wasm, which is then
    /// renamed over it, so OUT.wasm is never half written. If OUT.wasm is a
    /// symbolic link, the file it points to is replaced and the link stays.
    /// OUT.wasm may not be one of the inputs, nor a directory, FIFO or device.
    #[arg(short, long, value_name = "OUT.wasm", verbatim_doc_comment)]
    output: Option<PathBuf>,

    /// An interface in WAI syntax, named by its file stem; may be repeated
    ///
    /// It describes the functions of the import module of that name
    /// (`dependency.wit` for `dependency.*`, `host.wit` for `host.*`).
    /// Modules built by `cargo xtask build` embed their interfaces, so they
    /// need no --wit; a --wit that disagrees with an embedded one is an error.
    #[arg(long, value_name = "FILE.wit", verbatim_doc_comment)]
    wit: Vec<PathBuf>,

    /// An import that passes numbers only, `NAME.FUNC` or `NAME.*`; may be repeated
    ///
    /// It is wired directly even between two memories, where no interface
    /// says whether its i32s are pointers (e.g. `dep.sumArray`, a name no
    /// WAI interface can have). NAME is the import module, up to the first
    /// `.`; `NAME.*` is every function imported from NAME. An interface, where
    /// there is one, still decides. The claim is yours: a pointer passed this
    /// way would read the wrong memory.
    #[arg(long, value_name = "NAME.FUNC", value_parser = parse_numbers, verbatim_doc_comment)]
    numbers: Vec<Numbers>,

    /// A dependency published as a Wasmer package, `namespace/name@version`
    ///
    /// Resolved offline from local package directories: each --registry-dir,
    /// then $WASMER_LINK_PACKAGES (`:`-separated), then ./wapm_packages; each
    /// holds `<namespace>/<name>@<version>/wasmer.toml`.
    #[arg(long = "dep", value_name = "PACKAGE", verbatim_doc_comment)]
    packages: Vec<String>,

    /// A local package directory to search first; may be repeated
    #[arg(long, value_name = "DIR", verbatim_doc_comment)]
    registry_dir: Vec<PathBuf>,

    /// The output's profile
    #[arg(long, value_enum, value_name = "PROFILE", default_value_t = ProfileArg::Portable, verbatim_doc_comment)]
    profile: ProfileArg,

    /// Portable only: how memories sit in the one memory
    ///
    /// fixed: each module's memory is a region at a constant address, so its
    /// loads and stores cost what they cost alone; every region but the top
    /// one (the last dependency's) has a capacity reserved up front, and its
    /// memory.grow returns -1 past it (the allocator then reports
    /// out-of-memory).
    /// movable: regions are packed and move up when one below grows (no
    /// reservation; every access of a dependency adds its base, and growth
    /// copies the regions above).
    #[arg(long, value_enum, value_name = "LAYOUT", default_value_t = LayoutArg::Fixed, verbatim_doc_comment)]
    layout: LayoutArg,

    /// Fixed layout: the capacity of module NAME's memory; may be repeated
    ///
    /// E.g. `--reserve block=256MiB`. Units B, KiB, MiB, GiB; rounded up to
    /// 64 KiB pages. Default: the memory's declared maximum, else 16 MiB; the
    /// top region grows freely unless reserved. Wasmer commits reserved
    /// memory only when it is used; WASM3 zeroes it at start (resident
    /// memory).
    #[arg(long, value_name = "NAME=SIZE", value_parser = parse_reserve, verbatim_doc_comment)]
    reserve: Vec<Reservation>,

    /// Portable only: check every load and store against its module's region
    ///
    /// Isolation in one memory, at a cost (see BENCHMARKS.md). With the
    /// fixed layout a module is stopped at its capacity.
    #[arg(long, verbatim_doc_comment)]
    bounds_checks: bool,

    /// Print where each module's memory lives in the output
    ///
    /// With a single LINKED.wasm and no -o, print the layout that module
    /// records.
    #[arg(long, verbatim_doc_comment)]
    print_layout: bool,

    /// Print the adapters the link generates, as WAT
    ///
    /// Each adapter is a small module of its own: the function, and imports
    /// naming what it calls (`dependency.canonical_abi_realloc`,
    /// `host.print`) and the memories it copies between. Without -o nothing
    /// is written.
    #[arg(long, verbatim_doc_comment)]
    print_adapters: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    /// One memory, MVP instructions: runs on Wasmer and WASM3
    Portable,
    /// One memory per module, isolation kept: Wasmer 7, wasmtime
    MultiMemory,
}

impl From<ProfileArg> for Profile {
    fn from(arg: ProfileArg) -> Profile {
        match arg {
            ProfileArg::Portable => Profile::Portable,
            ProfileArg::MultiMemory => Profile::MultiMemory,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    /// Regions at constant addresses, each with a capacity
    Fixed,
    /// Regions packed, moved when one below grows
    Movable,
}

impl From<LayoutArg> for Layout {
    fn from(arg: LayoutArg) -> Layout {
        match arg {
            LayoutArg::Fixed => Layout::Fixed,
            LayoutArg::Movable => Layout::Movable,
        }
    }
}

/// `--reserve NAME=SIZE`.
#[derive(Clone)]
struct Reservation {
    module: String,
    bytes: u64,
}

fn parse_reserve(spec: &str) -> Result<Reservation, String> {
    let (module, size) =
        spec.split_once('=').ok_or_else(|| "expected NAME=SIZE, e.g. `--reserve block=256MiB`".to_string())?;
    Ok(Reservation { module: module.to_string(), bytes: layout::parse_size(size)? })
}

/// `--numbers NAME.FUNC` or `--numbers NAME.*`.
#[derive(Clone)]
struct Numbers {
    module: String,
    function: String,
}

fn parse_numbers(spec: &str) -> Result<Numbers, String> {
    match spec.split_once('.') {
        Some((module, function)) if !module.is_empty() && !function.is_empty() => {
            Ok(Numbers { module: module.to_string(), function: function.to_string() })
        }
        _ => Err("expected NAME.FUNC or NAME.*, e.g. `--numbers dep.sumArray`".to_string()),
    }
}

/// A dependency argument, `[NAME=]DEP.wasm`, as it was understood.
struct Dep {
    name: String,
    path: PathBuf,
    /// The argument, when its `NAME=` was split off (for messages).
    split_from: Option<String>,
}

impl Dep {
    /// An argument that is an existing file is that file (a path may hold
    /// `=`); else `NAME=` up to the first `=` is the name, unless it looks
    /// like a directory.
    fn parse(arg: &str) -> Dep {
        let whole = || Dep { name: stem(Path::new(arg)), path: PathBuf::from(arg), split_from: None };
        if Path::new(arg).is_file() {
            return whole();
        }
        match arg.split_once('=') {
            Some((name, path)) if !name.is_empty() && !name.contains(['/', '\\']) => {
                Dep { name: name.to_string(), path: PathBuf::from(path), split_from: Some(arg.to_string()) }
            }
            _ => whole(),
        }
    }
}

/// What the command line asks for.
enum Command {
    Link {
        output: PathBuf,
        deps: Vec<Dep>,
    },
    /// `--print-layout LINKED.wasm`: read the layout an output records.
    PrintLayout,
    /// `--print-adapters` without `-o`: show the adapters, write nothing.
    PrintAdapters {
        deps: Vec<Dep>,
    },
}

impl Cli {
    /// The checks clap cannot express: `-o` is needed unless the command is
    /// `--print-layout LINKED.wasm`.
    fn intent(&self) -> Result<Command, clap::Error> {
        if self.print_layout && self.output.is_none() && self.deps.is_empty() {
            return Ok(Command::PrintLayout);
        }
        let deps = || self.deps.iter().map(|d| Dep::parse(d)).collect();
        if self.print_adapters && self.output.is_none() {
            return Ok(Command::PrintAdapters { deps: deps() });
        }
        let output = self.output.clone().ok_or_else(|| {
            <Cli as CommandFactory>::command()
                .error(ErrorKind::MissingRequiredArgument, "missing `-o OUT.wasm`: where to write the output")
        })?;
        Ok(Command::Link { output, deps: deps() })
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The linker the arguments describe and what linking will leave out of
/// the modules (warnings), or every problem reading them (and, given an
/// `output`, every reason not to write there).
fn linker(cli: &Cli, deps: &[Dep], output: Option<&Path>) -> Result<(Linker, Vec<String>), String> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut read = |name: &str, path: &Path, context: &str| match std::fs::read(path) {
        Ok(bytes) => {
            warnings.extend(dropped(name, &path.display().to_string(), &bytes));
            bytes
        }
        Err(err) => {
            problems.push(format!("cannot read `{}`{context}: {err}", path.display()));
            Vec::new()
        }
    };
    let origin = |path: &Path| path.display().to_string();
    let main = stem(&cli.main);
    let mut linker = Linker::new()
        .profile(cli.profile.into())
        .bounds_checks(cli.bounds_checks)
        .layout(cli.layout.into())
        .module_from(&main, read(&main, &cli.main, ""), origin(&cli.main));
    for reservation in &cli.reserve {
        linker = linker.reserve(&reservation.module, reservation.bytes);
    }
    for rule in &cli.numbers {
        linker = linker.numbers(&rule.module, &rule.function);
    }
    for dep in deps {
        let context = match &dep.split_from {
            Some(arg) => format!(" (from the argument `{arg}`, read as NAME=FILE)"),
            None => String::new(),
        };
        linker = linker.module_from(&dep.name, read(&dep.name, &dep.path, &context), origin(&dep.path));
    }
    let registry = linker::registry::Registry::new(cli.registry_dir.iter().cloned());
    for spec in &cli.packages {
        match registry.resolve(spec) {
            Ok(package) => {
                warnings.extend(dropped(&package.module_name, spec, &package.wasm));
                linker = linker.package(package);
            }
            Err(problem) => problems.push(problem),
        }
    }
    for path in &cli.wit {
        match std::fs::read_to_string(path) {
            Ok(text) => linker = linker.interface(stem(path), text),
            Err(err) => problems.push(format!("cannot read `{}`: {err}", path.display())),
        }
    }
    if let Some(output) = output {
        let inputs = std::iter::once(&cli.main).chain(deps.iter().map(|d| &d.path)).chain(&cli.wit);
        problems.extend(output_problem(output, inputs));
    }
    if !problems.is_empty() {
        return Err(linker::LinkError::many(problems).to_string());
    }
    Ok((linker, warnings))
}

/// What linking leaves out of module `name`'s custom sections (DWARF,
/// source maps, sections it does not know), one warning each.
fn dropped(name: &str, origin: &str, bytes: &[u8]) -> Vec<String> {
    linker::embed::dropped_sections(bytes)
        .into_iter()
        .map(|what| format!("module `{name}` ({origin}): {what}"))
        .collect()
}

fn link(cli: &Cli, deps: &[Dep], output: &Path) -> Result<(), String> {
    let (linker, warnings) = linker(cli, deps, Some(output))?;
    if cli.print_adapters {
        print!("{}", linker.print_adapters().map_err(|err| err.to_string())?);
    }
    let bytes = linker.link().map_err(|err| err.to_string())?;
    linker::output::write_atomically(output, &bytes)
        .map_err(|err| format!("cannot write `{}`: {err}", output.display()))?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    if cli.print_layout {
        print_layout(&bytes, output)?;
    }
    Ok(())
}

/// Why the linked module cannot go to `output`, found before linking: it is
/// one of the `inputs` (through a link or not), or not a regular file.
fn output_problem<'a>(output: &Path, inputs: impl IntoIterator<Item = &'a PathBuf>) -> Option<String> {
    if let Ok(out) = std::fs::canonicalize(output) {
        for input in inputs {
            if std::fs::canonicalize(input).is_ok_and(|input| input == out) {
                return Some(format!(
                    "the output `{}` is the input `{}`: write the linked module to another file",
                    output.display(),
                    input.display()
                ));
            }
        }
    }
    linker::output::check_destination(output).err().map(|err| format!("cannot write `{}`: {err}", output.display()))
}

fn print_layout(bytes: &[u8], path: &Path) -> Result<(), String> {
    match Regions::read(bytes).map_err(|why| format!("`{}`: {why}", path.display()))? {
        Some(regions) => print!("{regions}"),
        None => println!("`{}` has one memory (or none): nothing was folded, so it has no layout", path.display()),
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let done = match cli.intent().unwrap_or_else(|err| err.exit()) {
        Command::PrintLayout => std::fs::read(&cli.main)
            .map_err(|err| format!("cannot read `{}`: {err}", cli.main.display()))
            .and_then(|bytes| print_layout(&bytes, &cli.main)),
        Command::PrintAdapters { deps } => linker(&cli, &deps, None)
            .and_then(|(linker, _)| linker.print_adapters().map_err(|err| err.to_string()))
            .map(|wat| print!("{wat}")),
        Command::Link { output, deps } => link(&cli, &deps, &output),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
