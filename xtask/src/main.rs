//! The project's task runner (the cargo-xtask convention): `cargo xtask <task>`.
//! One module per task; `main` is a flat match.

use std::path::PathBuf;

use anyhow::{bail, Result};
use xshell::Shell;

mod bench;
mod bindings;
mod build;
mod link;
mod lint;
mod package;
mod package_linker;
mod run;
mod rune;
mod setup;
mod test;

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  run [HOST ARGS]      the main job: build, link target/wasm/rune.wasm, run it on the host
                       (e.g. `cargo xtask run --engine singlepass`); with `--example
                       image-rescale [--engine E]`, the second example instead; with
                       `--example wasi [--engine E]`, the WASI example (BLOCK_STYLE=loud);
                       with `--example wit-bindgen [--engine E]`, the image-rescale pipeline
                       with its block written with today's wit-bindgen; with `--example
                       components [--engine E]`, two components (examples/components)
                       linked into one core module; with `--example wasip2 [--engine E]`,
                       a command and a block built for wasm32-wasip2 (examples/wasip2:
                       println!, environment, files) linked into one core command and run
                       in target/wasm/store/
  build                compile the wasm crates (wasm32-unknown-unknown; the WASI example:
                       wasm32-wasip1), into target/wasm/; the components example's
                       components into target/wasm/components/, the WASI 0.2 example's
                       into target/wasm/wasip2/
  link [--profile P]   link target/wasm/{guest,dependency}.wasm into target/wasm/rune.wasm
                       (P: portable or multi-memory)
  package              package dependency as a Wasmer package (.webc, and the wasmer.toml directory)
                       in target/wapm_packages/, for `wasmer-link --dep example/dependency@0.1.0`
  package-linker       build wasmer-link for wasm32-wasip1 and package it as a Wasmer package with a
                       `wasmer-link` command (target/wapm_packages/example/wasmer-link@VERSION.webc)
  rune examples/image-rescale
                       the flow from a published block to one linked pipeline: package the block
                       as .webc in target/rune/registry/, take its interface out of the package,
                       generate the pipeline's glue from it, build, link with --dep, run on
                       Wasmer and WASM3
  test [CARGO ARGS]    build the wasm modules, then run every test of the workspace
  bench [--quick]      measure wired vs linked calls, copies, compute, link time, size, start-up
                       (release; writes BENCHMARKS.md). --quick: a smoke run, dev profile, no file
  lint                 cargo fmt --check, clippy (native and wasm), bindings --check
  bindings [--check]   regenerate the WAI glue from the .wit files (--check: fail if stale)
";

fn main() {
    if let Err(err) = run() {
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = project_root();
    let sh = Shell::new()?;
    sh.change_dir(&root);
    match args.as_slice() {
        ["run", host_args @ ..] => run::run(&sh, &root, host_args),
        ["build"] => build::run(&sh, &root),
        ["link"] => link::run(&root, None).map(drop),
        ["link", "--profile", profile] => {
            link::run(&root, Some(profile.parse().map_err(anyhow::Error::msg)?)).map(drop)
        }
        ["package"] => package::run(&sh, &root),
        ["package-linker"] => package_linker::run(&sh, &root),
        ["rune", example @ ..] => rune::run(&sh, &root, example),
        ["test", extra @ ..] => test::run(&sh, &root, extra),
        ["lint"] => lint::run(&sh, &root),
        ["bench"] => bench::run(&sh, &root, false),
        ["bench", "--quick"] => bench::run(&sh, &root, true),
        ["bindings"] => bindings::run(&root, false),
        ["bindings", "--check"] => bindings::run(&root, true),
        [] | ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown task `{}`\n\n{USAGE}", other.join(" ")),
    }
}

fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}
