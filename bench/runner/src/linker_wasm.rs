//! Section 11: the linker itself as WebAssembly.
//!
//! `wasmer-link` built for `wasm32-wasip1` and packaged by `cargo xtask
//! package-linker` links the same inputs as the native `wasmer-link`
//! binary: each link is timed as a whole command (start, read the inputs,
//! link, write the output). Native: a fresh process of the binary in a
//! temporary directory holding the inputs, the physical limit. Wasm: the
//! package's `wasmer-link` command run the way `wasmer run` runs it
//! (`wasmer-wasix`'s package loader and WASI runner, cranelift), in a fresh
//! instance per link with the inputs in an in-memory directory mapped at
//! `/work`; the module is compiled once, before the first link (its compile
//! time is reported apart: `wasmer run` caches compiled modules on disk).
//! Every output is checked to be the native one, byte for byte.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use host::wasi::command::PackageCommands;
use host::Engine;

/// One command line: the files it reads (in its working directory) and its
/// arguments, which write `out.wasm`.
pub struct Input {
    pub label: String,
    pub files: Vec<(String, Vec<u8>)>,
    pub args: Vec<String>,
}

impl Input {
    pub fn new(label: String, files: Vec<(&str, Vec<u8>)>, args: &[&str]) -> Input {
        Input {
            label,
            files: files.into_iter().map(|(name, bytes)| (name.to_string(), bytes)).collect(),
            args: args.iter().map(|a| a.to_string()).chain(["-o".to_string(), "out.wasm".to_string()]).collect(),
        }
    }

    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// The native `wasmer-link` binary, run as a process.
pub struct Native {
    binary: PathBuf,
    dir: PathBuf,
}

impl Native {
    /// The binary beside this runner (`cargo xtask bench` builds both).
    pub fn beside_runner() -> Result<Native> {
        let exe = std::env::current_exe().context("finding this runner's path")?;
        let binary = exe.with_file_name(format!("wasmer-link{}", std::env::consts::EXE_SUFFIX));
        if !binary.exists() {
            bail!("no `{}`: build it with `cargo build -p wasmer-link` in this profile", binary.display());
        }
        let dir = std::env::temp_dir().join(format!("bench-wasmer-link-{}", std::process::id()));
        Ok(Native { binary, dir })
    }

    /// Puts `input`'s files in a fresh directory.
    pub fn prepare(&self, input: &Input) -> Result<()> {
        let _ = std::fs::remove_dir_all(&self.dir);
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating `{}`", self.dir.display()))?;
        for (name, bytes) in &input.files {
            std::fs::write(self.dir.join(name), bytes).with_context(|| format!("writing `{name}`"))?;
        }
        Ok(())
    }

    /// One link of the prepared input; returns the output.
    pub fn link(&self, input: &Input) -> Result<Vec<u8>> {
        let out = std::process::Command::new(&self.binary)
            .args(&input.args)
            .current_dir(&self.dir)
            .output()
            .with_context(|| format!("running `{}`", self.binary.display()))?;
        if !out.status.success() {
            bail!("`wasmer-link {}` failed: {}", input.args.join(" "), String::from_utf8_lossy(&out.stderr));
        }
        std::fs::read(self.dir.join("out.wasm")).context("reading the native output")
    }
}

impl Drop for Native {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The package's `wasmer-link` command on `wasmer-wasix`, cranelift.
pub struct OnWasmer {
    package: PackageCommands,
    /// The time cranelift took to compile the module.
    pub compile: Duration,
    pub module_bytes: usize,
}

impl OnWasmer {
    pub fn new(webc: &Path) -> Result<OnWasmer> {
        let package = PackageCommands::load(webc, Engine::Cranelift)
            .with_context(|| format!("loading `{}` (run `cargo xtask package-linker`)", webc.display()))?;
        let module = package
            .module("wasmer-link")
            .with_context(|| format!("`{}` has no `wasmer-link` command", webc.display()))?;
        // The compile, timed on its own (the runner's first link compiles
        // again, into its in-memory cache: that link is not timed).
        let start = Instant::now();
        wasmer::Module::new(package.engine(), &module).context("compiling wasmer-link.wasm")?;
        let compile = start.elapsed();
        Ok(OnWasmer { package, compile, module_bytes: module.len() })
    }

    /// One link: a fresh instance, the inputs in `/work`; returns the output.
    pub fn link(&self, input: &Input) -> Result<Vec<u8>> {
        self.package.run("wasmer-link", &input.args, &input.files, "out.wasm")
    }
}
