//! `wasmer-link`: the command-line face of the `linker` library. Flags →
//! library call → atomic write. No linking logic lives here.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use linker::layout::{self, Regions};
use linker::{Layout, Linker, Profile};

const HELP: &str = "\
wasmer-link: statically link WebAssembly modules into one

usage: wasmer-link MAIN.wasm [NAME=]DEP.wasm ... [--dep PACKAGE]... -o OUT.wasm
                   [--wit FILE.wit]... [--registry-dir DIR]... [--profile PROFILE]
                   [--layout LAYOUT] [--reserve NAME=SIZE]... [--bounds-checks]
                   [--print-layout]
       wasmer-link --print-layout LINKED.wasm

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

arguments:
  MAIN.wasm            the main module: its exports become the output's exports
                       (including `memory` and `canonical_abi_*`)
  [NAME=]DEP.wasm      a dependency; NAME is the module name its importers use in
                       `(import \"NAME\" ...)`, by default the file stem

options:
  -o, --output FILE    where to write the linked module (written atomically: on
                       any error no file is created or changed)
  --wit FILE.wit       an interface in WAI syntax, named by its file stem; it
                       describes the functions of the import module of that name
                       (`dependency.wit` for `dependency.*`, `host.wit` for
                       `host.*`); may be repeated. Modules built by `cargo xtask
                       build` embed their interfaces, so they need no --wit; a
                       --wit that disagrees with an embedded one is an error
  --dep PACKAGE        a dependency published as a Wasmer package, named
                       `namespace/name@version`, resolved offline from local
                       package directories: each --registry-dir, then
                       $WASMER_LINK_PACKAGES (`:`-separated), then ./wapm_packages;
                       each holds `<namespace>/<name>@<version>/wasmer.toml`
  --registry-dir DIR   a local package directory to search first; may be repeated
  --profile PROFILE    portable (default): one memory, runs on WASM3;
                       multi-memory: one memory per module, isolation kept
  --layout LAYOUT      portable only: how memories sit in the one memory.
                       fixed (default): each module's memory is a region at a
                       constant address, so its loads and stores cost what they
                       cost alone; every region but the top one (the last
                       dependency's) has a capacity reserved up front, and its
                       memory.grow returns -1 past it (the allocator then
                       reports out-of-memory). movable: regions are packed and
                       move up when one below grows (no reservation; every
                       access of a dependency adds its base, and growth copies
                       the regions above)
  --reserve NAME=SIZE  fixed layout: the capacity of module NAME's memory, e.g.
                       `--reserve block=256MiB` (units KiB, MiB, GiB; rounded up
                       to 64 KiB pages). Default: the memory's declared maximum,
                       else 64 MiB; the top region grows freely unless reserved.
                       Wasmer commits reserved memory only when it is used;
                       WASM3 zeroes it at start (resident memory)
  --bounds-checks      portable only: check every load and store against the
                       memory region of the module making it (isolation in one
                       memory, at a cost; see BENCHMARKS.md). With the fixed
                       layout a module is stopped at its capacity
  --print-layout       print where each module's memory lives in the output;
                       with a single LINKED.wasm and no -o, print the layout
                       that module records
  -h, --help           show this help

examples:
  wasmer-link guest.wasm dependency.wasm -o rune.wasm
  wasmer-link guest.wasm dependency.wasm --wit dependency.wit --wit host.wit \\
      --profile multi-memory -o rune.wasm
  wasmer-link guest.wasm --dep example/dependency@0.1.0 \\
      --registry-dir target/wapm_packages -o rune.wasm
";

struct Args {
    main: PathBuf,
    deps: Vec<(Option<String>, PathBuf)>,
    output: PathBuf,
    wits: Vec<PathBuf>,
    packages: Vec<String>,
    registry_dirs: Vec<PathBuf>,
    profile: Profile,
    bounds_checks: bool,
    layout: Layout,
    reserve: Vec<(String, u64)>,
    print_layout: bool,
}

/// What the command line asks for.
enum Command {
    Help,
    Link(Args),
    /// `--print-layout LINKED.wasm`: read the layout an output records.
    PrintLayout(PathBuf),
}

fn parse(args: Vec<String>) -> Result<Command, String> {
    let mut files = Vec::new();
    let mut output = None;
    let mut wits = Vec::new();
    let mut packages = Vec::new();
    let mut registry_dirs = Vec::new();
    let mut profile = Profile::default();
    let mut bounds_checks = false;
    let mut layout = Layout::default();
    let mut reserve = Vec::new();
    let mut print_layout = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("`{flag}` needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "-o" | "--output" => output = Some(PathBuf::from(value(&arg)?)),
            "--wit" => wits.push(PathBuf::from(value(&arg)?)),
            "--dep" => packages.push(value(&arg)?),
            "--registry-dir" => registry_dirs.push(PathBuf::from(value(&arg)?)),
            "--profile" => profile = value(&arg)?.parse()?,
            "--bounds-checks" => bounds_checks = true,
            "--layout" => layout = value(&arg)?.parse()?,
            "--reserve" => {
                let spec = value(&arg)?;
                let (name, size) = spec
                    .split_once('=')
                    .ok_or_else(|| format!("`--reserve {spec}`: expected NAME=SIZE, e.g. `--reserve block=256MiB`"))?;
                let bytes = layout::parse_size(size).map_err(|why| format!("`--reserve {spec}`: {why}"))?;
                reserve.push((name.to_string(), bytes));
            }
            "--print-layout" => print_layout = true,
            flag if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unknown option `{flag}`")),
            _ => files.push(arg),
        }
    }
    if print_layout && output.is_none() && files.len() == 1 {
        return Ok(Command::PrintLayout(PathBuf::from(&files[0])));
    }
    let mut files = files.into_iter();
    let main = PathBuf::from(files.next().ok_or("missing MAIN.wasm")?);
    let deps = files
        .map(|spec| match spec.split_once('=') {
            Some((name, path)) if !name.is_empty() && !name.contains(['/', '\\']) => {
                (Some(name.to_string()), PathBuf::from(path))
            }
            _ => (None, PathBuf::from(spec)),
        })
        .collect();
    let output = output.ok_or("missing `-o OUT.wasm`")?;
    Ok(Command::Link(Args {
        main,
        deps,
        output,
        wits,
        packages,
        registry_dirs,
        profile,
        bounds_checks,
        layout,
        reserve,
        print_layout,
    }))
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn run(args: Args) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut read = |path: &Path| match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            problems.push(format!("cannot read `{}`: {err}", path.display()));
            Vec::new()
        }
    };
    let mut linker = Linker::new()
        .profile(args.profile)
        .bounds_checks(args.bounds_checks)
        .layout(args.layout)
        .module(stem(&args.main), read(&args.main));
    for (name, bytes) in &args.reserve {
        linker = linker.reserve(name, *bytes);
    }
    for (name, path) in &args.deps {
        let name = name.clone().unwrap_or_else(|| stem(path));
        linker = linker.module(name, read(path));
    }
    let registry = linker::registry::Registry::new(args.registry_dirs.iter().cloned());
    for spec in &args.packages {
        match registry.resolve(spec) {
            Ok(package) => linker = linker.package(package),
            Err(problem) => problems.push(problem),
        }
    }
    for path in &args.wits {
        match std::fs::read_to_string(path) {
            Ok(text) => linker = linker.interface(stem(path), text),
            Err(err) => problems.push(format!("cannot read `{}`: {err}", path.display())),
        }
    }
    if !problems.is_empty() {
        return Err(linker::LinkError::many(problems).to_string());
    }
    let bytes = linker.link().map_err(|err| err.to_string())?;
    write_atomically(&args.output, &bytes).map_err(|err| format!("cannot write `{}`: {err}", args.output.display()))?;
    if args.print_layout {
        print_layout(&bytes, &args.output)?;
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

/// Writes to a temporary file beside `path`, then renames it into place, so
/// `path` is either untouched or complete.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
        std::process::id()
    ));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1).collect()) {
        Ok(Command::Help) => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Ok(Command::PrintLayout(path)) => {
            let shown = std::fs::read(&path)
                .map_err(|err| format!("cannot read `{}`: {err}", path.display()))
                .and_then(|bytes| print_layout(&bytes, &path));
            match shown {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Ok(Command::Link(args)) => match run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        },
        Err(err) => {
            eprintln!("error: {err}\n\nrun `wasmer-link --help` for usage");
            ExitCode::from(2)
        }
    }
}
