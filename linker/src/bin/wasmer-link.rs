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
use linker::embed::Direction;
use linker::layout::{self, Regions};
use linker::package;
use linker::{Layout, Linker, Profile};

/// The usage lines, as `--help` prints them after `Usage: ` (README.md shows
/// the same lines; `tests/cli.rs` checks that they agree, and that every
/// option is in them).
const USAGE: &str = "\
wasmer-link MAIN.wasm [NAME=]DEP.wasm|DEP.webc... [--dep PACKAGE]... -o OUT.wasm
                   [--wit [MODULE=]FILE.wit]... [--numbers NAME.FUNC|MODULE::FUNC]... [--registry-dir DIR]...
                   [--profile portable|multi-memory] [--layout fixed|movable] [--reserve NAME=SIZE]...
                   [--bounds-checks] [--command FUNC] [--strip-debug|--strip-all] [--print-layout]
       wasmer-link MAIN.wasm [NAME=]DEP.wasm... [--wit [MODULE=]FILE.wit]... [--numbers NAME.FUNC|MODULE::FUNC]... --print-adapters
       wasmer-link --print-layout LINKED.wasm
       wasmer-link interfaces MODULE.wasm|PACKAGE.webc|PACKAGE [--registry-dir DIR]... [-o DIR]
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
anew; DWARF is rewritten for the output (--strip-debug, --strip-all);
external DWARF, source maps and unknown custom sections are dropped, with a
warning on stderr. See docs/TOOLCHAINS.md.

Components (what `wasm32-wasip2`, `cargo component`, `wasm-tools component
new` and `wac plug` write) link too, main or dependency, compositions
included: each core instance becomes a module of the link, a component's
import is served by the export of the same name of another input component
(no NAME= needed), calls between components are adapted by the component
model's canonical ABI, and resources get handle tables in the output
(destructors run, misuse traps). WASI 0.2's `wasi:cli`, `wasi:io`,
`wasi:clocks` (`now`, `resolution`) and `wasi:random` are served by
generated code over `wasi_snapshot_preview1` (see docs/WASI.md).
Refused with a sentence: component-model async, UTF-16 strings, imports no
input exports, and the WASI 0.2 the linker does not serve.
The output exports the main component's core functions, with their
canonical-ABI signatures; a command component (`wasi:cli/run`, a
`wasm32-wasip2` binary) becomes a core command whose `_start` runs it.
See README.md.

Dependencies may come as Wasmer packages: a `.webc` file (what `wasmer
package build` writes and `wasmer package download` fetches), or by name
with --dep, from local package directories. `wasmer-link interfaces` prints
the WAI interfaces a module or package carries (or writes them to `-o DIR`
as NAME.wit), to generate a pipeline's glue from the package it depends on.";

const EXAMPLES: &str = "\
Examples:
  wasmer-link guest.wasm dependency.wasm -o rune.wasm
  wasmer-link guest.wasm dependency.wasm --wit dependency.wit --wit host.wit \\
      --profile multi-memory -o rune.wasm
  wasmer-link guest.wasm --dep example/dependency@0.1.0 \\
      --registry-dir target/wapm_packages -o rune.wasm
  wasmer-link pipeline.wasm rescale=image-rescale.webc -o rune.wasm
  wasmer-link interfaces example/image-rescale@0.1.0 --registry-dir DIR -o wit/
  wasmer-link main.wasm dep.wasm --numbers dep.sumArray --numbers 'env.*' -o out.wasm
  wasmer-link main.wasm lib_bg.wasm --numbers './lib_bg.js::*' -o out.wasm
  wasmer-link guest.wasm dependency.wasm --print-adapters
  wasmer-link app.component.wasm block.component.wasm -o app.wasm
  wasmer-link composed.component.wasm --profile multi-memory -o app.wasm
  wasmer-link --print-layout rune.wasm";

/// The examples; built for WASI (`cargo xtask package-linker`), also where
/// the command can read and write. Every feature builds there.
fn after_help() -> String {
    if cfg!(target_os = "wasi") {
        format!(
            "{EXAMPLES}\n\nThis wasmer-link is WebAssembly (wasm32-wasip1), with every feature of the native \
             one: it reads and writes only inside the directories its runtime maps (`wasmer run --dir DIR`), \
             so give paths inside them, absolute if relative ones are not found."
        )
    } else {
        EXAMPLES.to_string()
    }
}

#[derive(Parser)]
#[command(
    name = "wasmer-link",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    override_usage = USAGE,
    after_help = after_help(),
    max_term_width = 100
)]
struct Cli {
    /// The main module: its exports become the output's
    ///
    /// Including `memory` and `canonical_abi_*`: the host sees the main
    /// module's memory.
    #[arg(value_name = "MAIN.wasm", required = true, verbatim_doc_comment)]
    main: PathBuf,

    /// A dependency, `DEP.wasm` or `NAME=DEP.wasm`, or a package `DEP.webc`
    ///
    /// NAME is the module name its importers use in `(import "NAME" ...)`,
    /// by default the file stem (for a `.webc`, the module's name in the
    /// package's manifest, and its interfaces are the manifest's bindings).
    /// An argument that names an existing file is that file, `=` or not;
    /// otherwise NAME is what comes before the first `=` (a NAME with `/`,
    /// such as a JavaScript module's `./util.js`, only if an existing file
    /// follows the `=`). `DEP.webc:MODULE` picks one module of a package that has
    /// several.
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
    /// `MODULE=FILE.wit` names the import module itself, for a name no file
    /// stem can be (`./util.js=util.wit`). Modules built by `cargo xtask
    /// build` embed their interfaces, so they need no --wit; a --wit that
    /// disagrees with an embedded one is an error.
    #[arg(long, value_name = "[MODULE=]FILE.wit", verbatim_doc_comment)]
    wit: Vec<String>,

    /// An import that passes numbers only, `NAME.FUNC` or `MODULE::FUNC`; may be repeated
    ///
    /// It is wired directly even between two memories, where no interface
    /// says whether its i32s are pointers (e.g. `dep.sumArray`, a name no
    /// WAI interface can have). In `NAME.FUNC`, NAME is the import module,
    /// up to the first `.`. `MODULE::FUNC` names any import module, dots
    /// and slashes included: MODULE is everything before the last `::`
    /// (`./lib_bg.js::__wbindgen_throw`, `gojs::syscall/js.valueGet`).
    /// FUNC `*` is every function imported from the module (`'dep.*'`,
    /// `'./lib_bg.js::*'`: quote it from the shell). The linker's messages
    /// spell imports this way. An interface, where there is one, still
    /// decides. The claim is yours: a pointer passed this way would read
    /// the wrong memory.
    #[arg(long, value_name = "NAME.FUNC|MODULE::FUNC", value_parser = parse_numbers, verbatim_doc_comment)]
    numbers: Vec<Numbers>,

    /// Also make the output a WASI command that runs FUNC
    ///
    /// The output exports `_start`: it runs every reactor's `_initialize`
    /// once, then the main module's export FUNC (a `() -> ()` function).
    /// For runners that only call `_start`: `wasmer run linked.wasm` (Wasmer
    /// 7.4 ignores `--invoke` for WASI modules). The main module must not
    /// export `_start` itself.
    #[arg(long, value_name = "FUNC", verbatim_doc_comment)]
    command: Option<String>,

    /// A dependency published as a Wasmer package, `namespace/name@version`
    ///
    /// Resolved offline from local package directories: each --registry-dir,
    /// then $WASMER_LINK_PACKAGES (`:`-separated), then ./wapm_packages; in
    /// each, `<namespace>/<name>@<version>.webc`,
    /// `<namespace>--<name>@<version>.webc` (as `wasmer package download`
    /// names it) or `<namespace>/<name>@<version>/wasmer.toml`. A package
    /// with several modules needs `namespace/name@version:module`.
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

    /// Leave the inputs' DWARF out of the output; keep the name section
    ///
    /// By default the output keeps what the inputs have: their DWARF
    /// (`.debug_*` sections), rewritten for the linked code (line tables,
    /// ranges and locations at each instruction's new address; dead code's
    /// entries dropped), and every function's name as the input has it, so
    /// backtraces show the same demangled names and source lines as the
    /// input alone.
    #[arg(long, verbatim_doc_comment)]
    strip_debug: bool,

    /// Leave out all debug info: DWARF and the name section
    #[arg(long, conflicts_with = "strip_debug", verbatim_doc_comment)]
    strip_all: bool,

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

/// `--numbers NAME.FUNC` or `--numbers MODULE::FUNC` (FUNC `*`: every one).
#[derive(Clone)]
struct Numbers {
    module: String,
    function: String,
}

/// `MODULE::FUNC` splits at the last `::`, so MODULE may be any name (wasm-
/// bindgen's `./lib_bg.js`, a component's `wasi:io/streams@0.2.0`) and FUNC
/// may hold dots (Go's `syscall/js.valueGet`); without `::`, `NAME.FUNC`
/// splits at the first `.`. The linker's advice (`plan::numbers::spelling`)
/// writes what this reads back.
fn parse_numbers(spec: &str) -> Result<Numbers, String> {
    let split = match spec.rfind("::") {
        Some(at) => Some((&spec[..at], &spec[at + 2..])),
        None => spec.split_once('.'),
    };
    match split {
        Some((module, function)) if !module.is_empty() && !function.is_empty() => {
            Ok(Numbers { module: module.to_string(), function: function.to_string() })
        }
        _ => Err("expected NAME.FUNC, MODULE::FUNC, NAME.* or MODULE::*, e.g. `--numbers dep.sumArray` or \
                  `--numbers ./lib_bg.js::__wbindgen_throw` (MODULE::FUNC names any import module)"
            .to_string()),
    }
}

/// `--wit [MODULE=]FILE.wit`: the interface's name (the import module it
/// describes) and its file. An argument that is an existing file is that
/// file, named by its stem; else MODULE is what comes before the first `=`
/// after which an existing file follows (or, if none does, the first `=`).
fn parse_wit(arg: &str) -> (String, PathBuf) {
    let whole = || (stem(Path::new(arg)), PathBuf::from(arg));
    if Path::new(arg).is_file() {
        return whole();
    }
    let splits: Vec<(&str, &str)> = arg
        .match_indices('=')
        .map(|(at, _)| (&arg[..at], &arg[at + 1..]))
        .filter(|(m, f)| !m.is_empty() && !f.is_empty())
        .collect();
    match splits.iter().find(|(_, file)| Path::new(file).is_file()).or(splits.first()) {
        Some((module, file)) => (module.to_string(), PathBuf::from(file)),
        None => whole(),
    }
}

/// A dependency argument, `[NAME=]DEP.wasm` or `[NAME=]DEP.webc[:MODULE]`,
/// as it was understood.
struct Dep {
    name: String,
    path: PathBuf,
    /// The argument, when its `NAME=` was split off (for messages).
    split_from: Option<String>,
    /// `:MODULE` after a `.webc`: which of its modules.
    module: Option<String>,
}

impl Dep {
    /// An argument that is an existing file is that file (a path may hold
    /// `=` or `:`); else `NAME=` up to the first `=` is the name, unless it
    /// looks like a directory and no file follows (`./util.js=util.wasm`
    /// names an import module with a `/`); then a `.webc` that exists may be
    /// followed by `:MODULE`.
    fn parse(arg: &str) -> Dep {
        let whole = || Dep { name: stem(Path::new(arg)), path: PathBuf::from(arg), split_from: None, module: None };
        if Path::new(arg).is_file() {
            return whole();
        }
        let mut dep = match arg.split_once('=') {
            Some((name, path)) if !name.is_empty() && (!name.contains(['/', '\\']) || Path::new(path).is_file()) => {
                Dep {
                    name: name.to_string(),
                    path: PathBuf::from(path),
                    split_from: Some(arg.to_string()),
                    module: None,
                }
            }
            _ => whole(),
        };
        let path = dep.path.to_string_lossy().into_owned();
        if let Some((file, module)) = path.rsplit_once(':') {
            if file.ends_with(".webc") && Path::new(file).is_file() && !module.is_empty() {
                dep.path = PathBuf::from(file);
                dep.module = Some(module.to_string());
                if dep.split_from.is_none() {
                    dep.name = stem(&dep.path);
                }
            }
        }
        dep
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
        .strip_debug(cli.strip_debug)
        .strip_all(cli.strip_all)
        .module_from(&main, read(&main, &cli.main, ""), origin(&cli.main));
    for reservation in &cli.reserve {
        linker = linker.reserve(&reservation.module, reservation.bytes);
    }
    if let Some(func) = &cli.command {
        linker = linker.command(func);
    }
    for rule in &cli.numbers {
        linker = linker.numbers(&rule.module, &rule.function);
    }
    for dep in deps {
        let context = match &dep.split_from {
            Some(arg) => format!(" (from the argument `{arg}`, read as NAME=FILE)"),
            None => String::new(),
        };
        let bytes = match std::fs::read(&dep.path) {
            Ok(bytes) => bytes,
            Err(err) => {
                problems.push(format!("cannot read `{}`{context}: {err}", dep.path.display()));
                continue;
            }
        };
        if dep.module.is_some() || package::is_container(&bytes) || dep.path.extension().is_some_and(|e| e == "webc") {
            // A package: its module under NAME, or under its own name.
            let chosen = package::read_webc(&dep.path, bytes).and_then(|contents| {
                let named = dep.split_from.as_ref().map(|_| dep.name.as_str());
                contents.module(dep.module.as_deref(), named).map(|m| m.to_package())
            });
            match chosen {
                Ok(mut package) => {
                    if dep.split_from.is_some() {
                        package.module_name = dep.name.clone();
                    }
                    let origin = format!("{}, module `{}`", dep.path.display(), package.module_name);
                    warnings.extend(dropped(&package.module_name, &origin, &package.wasm));
                    linker = linker.package(package);
                }
                Err(problem) => problems.push(problem),
            }
            continue;
        }
        warnings.extend(dropped(&dep.name, &dep.path.display().to_string(), &bytes));
        linker = linker.module_from(&dep.name, bytes, origin(&dep.path));
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
    let wits: Vec<(String, PathBuf)> = cli.wit.iter().map(|arg| parse_wit(arg)).collect();
    for (name, path) in &wits {
        match std::fs::read_to_string(path) {
            Ok(text) => linker = linker.interface(name, text),
            Err(err) => problems.push(format!("cannot read `{}`: {err}", path.display())),
        }
    }
    if let Some(output) = output {
        let inputs =
            std::iter::once(&cli.main).chain(deps.iter().map(|d| &d.path)).chain(wits.iter().map(|(_, path)| path));
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
    let (bytes, debug_warnings) = linker.link_with_warnings().map_err(|err| err.to_string())?;
    linker::output::write_atomically(output, &bytes)
        .map_err(|err| format!("cannot write `{}`: {err}", output.display()))?;
    for warning in warnings.into_iter().chain(debug_warnings) {
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

/// Why `--print-layout FILE` cannot read a layout from `bytes`: it is not a
/// wasm module, or not a valid one (the words linking it would use), or a
/// component (what goes into a link, never what comes out).
fn not_a_module(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let label = format!("`{}` ({})", stem(path), path.display());
    if !bytes.starts_with(b"\0asm") {
        return Err(format!("module {label} is not a wasm module (it does not start with `\\0asm`)"));
    }
    if wasmparser::Parser::is_component(bytes) {
        return Err(format!(
            "`{}` is a component, not a module `wasmer-link` wrote: it records no layout (`wasmer-link {} -o OUT.wasm --print-layout` links it and shows the output's)",
            path.display(),
            path.display()
        ));
    }
    if let Err(err) = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all()).validate_all(bytes) {
        return Err(format!("module {label} is not valid wasm: {} (at byte {})", err.message(), err.offset()));
    }
    Ok(())
}

fn print_layout(bytes: &[u8], path: &Path) -> Result<(), String> {
    match Regions::read(bytes).map_err(|why| format!("`{}`: {why}", path.display()))? {
        Some(regions) => print!("{regions}"),
        None => println!("`{}` has one memory (or none): nothing was folded, so it has no layout", path.display()),
    }
    Ok(())
}

/// `wasmer-link interfaces`: the WAI interfaces a module or package carries.
#[derive(Parser)]
#[command(
    name = "wasmer-link interfaces",
    version,
    about = "Print the WAI interfaces or the WIT world a module or a Wasmer package carries",
    long_about = "\
Print the WAI interfaces a module or a Wasmer package carries: a module's
embedded `wasmer-link.interfaces` section, a package's manifest bindings
(and its module's embedded section, which must agree). A build tool
generates a pipeline's glue from them (e.g. with wai-bindgen).

A block built with today's wit-bindgen carries its WIT world instead (a
`component-type` section, which linking reads), and a component has one:
it is printed as WIT, the world's package with the packages it uses
nested in it (with -o DIR, as DIR/WORLD.wit).",
    override_usage = "wasmer-link interfaces MODULE.wasm|PACKAGE.webc|PACKAGE [--registry-dir DIR]... [-o DIR]",
    after_help = "Examples:
  wasmer-link interfaces target/wasm/rescale_block.wasm
  wasmer-link interfaces image-rescale.webc -o wit/
  wasmer-link interfaces example/image-rescale@0.1.0 --registry-dir target/rune/registry",
    max_term_width = 100
)]
struct InterfacesCli {
    /// A module, a package (`.webc`, `FILE.webc:MODULE`, an unpacked
    /// package's `wasmer.toml`), or `namespace/name@version[:module]`
    #[arg(value_name = "MODULE.wasm|PACKAGE.webc|PACKAGE", verbatim_doc_comment)]
    source: String,

    /// A local package directory to search first for PACKAGE; may be repeated
    #[arg(long, value_name = "DIR")]
    registry_dir: Vec<PathBuf>,

    /// Write each interface to DIR/NAME.wit (a WIT world to DIR/WORLD.wit) instead of printing them
    #[arg(short, long, value_name = "DIR", verbatim_doc_comment)]
    output: Option<PathBuf>,
}

/// One interface to print: what it is, name, text, and where it came from.
struct Found {
    kind: Kind,
    /// The file name under `-o DIR` (less `.wit`).
    name: String,
    wit: String,
    from: String,
}

enum Kind {
    /// A WAI interface the module imports or exports.
    Wai(Direction),
    /// The module's WIT world (`ns:pkg/world`), as a WIT package: a block
    /// built with today's `wit-bindgen` (its `component-type` section), or
    /// a component.
    World(String),
}

/// The WIT world a module carries in its `component-type` section (what
/// `wit-bindgen` embeds and linking reads), or a component's world, as WIT
/// text: the world's package, with the packages it uses nested in it.
fn wit_world(wasm: &[u8], what: &str) -> Result<Option<Found>, String> {
    let (resolve, world, from) = if wasmparser::Parser::is_component(wasm) {
        match wit_component::decode(wasm) {
            Ok(wit_component::DecodedWasm::Component(resolve, world)) => (resolve, world, "its component type"),
            Ok(wit_component::DecodedWasm::WitPackage(..)) => return Ok(None),
            Err(err) => return Err(format!("{what}: its component type does not decode: {err:#}")),
        }
    } else {
        let has = wasmparser::Parser::new(0)
            .parse_all(wasm)
            .any(|p| matches!(p, Ok(wasmparser::Payload::CustomSection(c)) if c.name().starts_with("component-type")));
        if !has {
            return Ok(None);
        }
        let (_, bindgen) = wit_component::metadata::decode(wasm).map_err(|err| {
            format!(
                "{what}: its `component-type` section (the WIT world `wit-bindgen` embeds) does not decode: {err:#}"
            )
        })?;
        (bindgen.resolve, bindgen.world, "its `component-type` section")
    };
    // The section decodes to a copy of the world, `root:root/root`, beside
    // the package that declares it: show the declared one where there is
    // exactly one world with the same imports and exports.
    let keys = |w: wit_parser::WorldId| {
        let w = &resolve.worlds[w];
        let names = |items: &wit_parser::IndexMap<wit_parser::WorldKey, wit_parser::WorldItem>| {
            items.keys().map(|k| resolve.name_world_key(k)).collect::<Vec<_>>()
        };
        (names(&w.imports), names(&w.exports))
    };
    let decoded = resolve.worlds[world].package;
    let same: Vec<_> = resolve
        .worlds
        .iter()
        .map(|(id, _)| id)
        .filter(|&id| id != world && resolve.worlds[id].package != decoded && keys(id) == keys(world))
        .collect();
    let (world, shown) = match same.as_slice() {
        [one] => (*one, decoded),
        _ => (world, None),
    };
    let Some(package) = resolve.worlds[world].package else {
        return Err(format!("{what}: its WIT world belongs to no package"));
    };
    let nested: Vec<_> =
        resolve.packages.iter().map(|(id, _)| id).filter(|&id| id != package && Some(id) != shown).collect();
    let mut printer = wit_component::WitPrinter::default();
    printer
        .print(&resolve, package, &nested)
        .map_err(|err| format!("{what}: its WIT world cannot be printed: {err:#}"))?;
    let name = resolve.worlds[world].name.clone();
    let p = &resolve.packages[package].name;
    Ok(Some(Found {
        kind: Kind::World(format!("{}:{}/{name}", p.namespace, p.name)),
        name,
        wit: printer.output.to_string(),
        from: format!("{what}, {from}"),
    }))
}

/// The interfaces `cli.source` carries.
fn interfaces_of(cli: &InterfacesCli) -> Result<Vec<Found>, String> {
    let embedded = |wasm: &[u8], what: &str| -> Result<Vec<Found>, String> {
        let found = linker::embed::embedded(wasm).map_err(|why| format!("{what}: {why}"))?;
        let mut found: Vec<Found> = found
            .into_iter()
            .map(|e| Found {
                kind: Kind::Wai(e.direction),
                name: e.name,
                wit: e.wit,
                from: format!("{what}, embedded"),
            })
            .collect();
        found.extend(wit_world(wasm, what)?);
        Ok(found)
    };
    let source = Dep::parse(&cli.source);
    let path = &source.path;
    let contents = if path.is_file() && source.split_from.is_none() {
        let bytes = std::fs::read(path).map_err(|err| format!("cannot read `{}`: {err}", path.display()))?;
        if bytes.starts_with(b"\0asm") {
            let kind = if wasmparser::Parser::is_component(&bytes) { "component" } else { "module" };
            let what = format!("{kind} `{}`", path.display());
            let found = embedded(&bytes, &what)?;
            if found.is_empty() {
                return Err(format!(
                    "{what} carries no interfaces: it has no `{}` section (`cargo xtask build` embeds one; `linker::embed` writes it) and no WIT world (a `component-type` section, which `wit-bindgen` embeds)",
                    linker::embed::SECTION
                ));
            }
            return Ok(found);
        }
        if path.file_name().is_some_and(|n| n == "wasmer.toml") {
            package::read_dir(path)?
        } else {
            package::read_webc(path, bytes)?
        }
    } else if path.join("wasmer.toml").is_file() {
        package::read_dir(&path.join("wasmer.toml"))?
    } else if cli.source.contains('@') && !path.exists() {
        linker::registry::Registry::new(cli.registry_dir.iter().cloned()).contents(&cli.source)?
    } else {
        return Err(format!(
            "cannot read `{}`: no such file; expected a module (`.wasm`), a package (`.webc`, `wasmer.toml`) or a package name `namespace/name@version`",
            cli.source
        ));
    };
    let wanted = source
        .module
        .as_deref()
        .or_else(|| cli.source.split_once('@').and_then(|(_, v)| v.split_once(':')).map(|(_, m)| m));
    let package_name = contents
        .name
        .as_deref()
        .and_then(|n| n.split_once('/'))
        .map(|(_, n)| n)
        .or_else(|| cli.source.split_once('@').and_then(|(p, _)| p.split_once('/')).map(|(_, n)| n));
    let module = contents.module(wanted, package_name)?;
    let what = format!("package `{}`, module `{}`", contents.file.display(), module.name);
    let mut found: Vec<Found> = module
        .bindings
        .iter()
        .map(|b| Found {
            kind: Kind::Wai(b.direction),
            name: b.name.clone(),
            wit: b.wit.clone(),
            from: format!("{what}, bindings `{}`", b.file),
        })
        .collect();
    // The module's own section: what the manifest does not bind, and
    // agreement where both describe one interface.
    let mut problems = Vec::new();
    for e in embedded(&module.wasm, &what)? {
        match found.iter().find(|f| f.name == e.name) {
            Some(f) if !linker::embed::same_interface(&f.wit, &e.wit) => problems.push(format!(
                "{what}: interface `{}` differs between the manifest's bindings (`{}`) and the module's embedded section: rebuild the package from one interface file",
                e.name, f.from
            )),
            Some(_) => {}
            None => found.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    if found.is_empty() {
        return Err(format!(
            "{what} carries no interfaces: neither bindings in its manifest nor an embedded `{}` section nor a WIT world",
            linker::embed::SECTION
        ));
    }
    Ok(found)
}

fn interfaces(cli: &InterfacesCli) -> Result<(), String> {
    let found = interfaces_of(cli)?;
    let what = |f: &Found| match &f.kind {
        Kind::Wai(Direction::Import) => format!("interface `{}`, imported", f.name),
        Kind::Wai(Direction::Export) => format!("interface `{}`, exported", f.name),
        Kind::World(world) => format!("WIT world `{world}`"),
    };
    let Some(dir) = &cli.output else {
        for (i, f) in found.iter().enumerate() {
            if i > 0 {
                println!();
            }
            println!("// {} ({})", what(f), f.from);
            print!("{}", f.wit);
            if !f.wit.ends_with('\n') {
                println!();
            }
        }
        return Ok(());
    };
    let mut names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    if let Some(twice) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!(
            "two interfaces are named `{}`: they cannot both be written to `{}`",
            twice[0],
            dir.display()
        ));
    }
    if let Some(bad) =
        found.iter().find(|f| f.name.is_empty() || f.name.contains(['/', '\\']) || f.name.starts_with('.'))
    {
        return Err(format!("the interface name `{}` ({}) is not a file name", bad.name, bad.from));
    }
    std::fs::create_dir_all(dir).map_err(|err| format!("cannot create `{}`: {err}", dir.display()))?;
    for f in &found {
        let path = dir.join(format!("{}.wit", f.name));
        linker::output::write_atomically(&path, f.wit.as_bytes())
            .map_err(|err| format!("cannot write `{}`: {err}", path.display()))?;
        eprintln!("wrote {} ({})", path.display(), what(f));
    }
    Ok(())
}

fn main() -> ExitCode {
    if std::env::args_os().nth(1).is_some_and(|a| a == "interfaces") {
        let cli = InterfacesCli::parse_from(std::env::args_os().skip(1));
        return match interfaces(&cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let cli = Cli::parse();
    let done = match cli.intent().unwrap_or_else(|err| err.exit()) {
        Command::PrintLayout => std::fs::read(&cli.main)
            .map_err(|err| format!("cannot read `{}`: {err}", cli.main.display()))
            .and_then(|bytes| {
                not_a_module(&cli.main, &bytes)?;
                print_layout(&bytes, &cli.main)
            }),
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
