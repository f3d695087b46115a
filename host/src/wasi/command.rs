//! A Wasmer package's command, run the way `wasmer run PACKAGE.webc -- ARGS`
//! runs it: the `.webc` read by Wasmer's `wasmer-package`, loaded by
//! `wasmer-wasix`'s package loader into a `BinaryPackage`, and the command
//! started by its WASI runner (`WasiRunner::run_command`), on cranelift or
//! singlepass. The command's working directory is `/work`, a directory
//! mapped from memory that holds the given files; what the command leaves
//! there is read back. Used for the linker's own package
//! (`cargo xtask package-linker`): `tests/linker_package.rs` and section 11
//! of the benchmarks.
//!
//! Offline: a package that depends on other packages is refused (the
//! runtime has no registry client), and the guest has no network.

use std::path::Path;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wasmer_wasix::bin_factory::BinaryPackage;
use wasmer_wasix::runners::wasi::{RuntimeOrEngine, WasiRunner};
use wasmer_wasix::runtime::package_loader::{load_package_tree, PackageLoader};
use wasmer_wasix::runtime::resolver::{PackageSummary, Resolution};
use wasmer_wasix::runtime::task_manager::tokio::TokioTaskManager;
use wasmer_wasix::virtual_fs::{mem_fs, FileSystem, Pipe};
use wasmer_wasix::PluggableRuntime;

use crate::Engine;

/// Where the command runs, and where its files are.
pub const WORK_DIR: &str = "/work";

/// A loaded package, ready to run its commands any number of times (each
/// run a fresh instance; the module is compiled once, at the first run).
pub struct PackageCommands {
    tokio: tokio::runtime::Runtime,
    runtime: Arc<PluggableRuntime>,
    package: BinaryPackage,
    engine: wasmer::Engine,
}

/// A package loader for a package with no dependencies: the root container
/// is all there is.
#[derive(Debug)]
struct Offline;

#[async_trait::async_trait]
impl PackageLoader for Offline {
    async fn load(&self, summary: &PackageSummary) -> Result<webc::Container> {
        bail!("the package depends on `{}`, and packages are not downloaded here", summary.pkg.id)
    }

    async fn load_package_tree(
        &self,
        root: &webc::Container,
        resolution: &Resolution,
        root_is_local_dir: bool,
    ) -> Result<BinaryPackage> {
        load_package_tree(root, self, resolution, root_is_local_dir).await
    }
}

impl PackageCommands {
    /// Reads and loads the package `webc` for `engine` (cranelift unless
    /// singlepass is asked for).
    pub fn load(webc: &Path, engine: Engine) -> Result<PackageCommands> {
        let tokio = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_time()
            .build()
            .context("starting the tokio runtime that wasmer-wasix needs")?;
        let _entered = tokio.enter();
        let engine = match engine {
            Engine::Singlepass => wasmer::Engine::from(wasmer::sys::Singlepass::default()),
            _ => wasmer::Engine::from(wasmer::sys::Cranelift::default()),
        };
        let mut runtime = PluggableRuntime::new(Arc::new(TokioTaskManager::new(tokio.handle().clone())));
        runtime.set_engine(engine.clone());
        runtime.set_package_loader(Offline);
        let runtime = Arc::new(runtime);
        let bytes = std::fs::read(webc).with_context(|| format!("reading `{}`", webc.display()))?;
        let container = wasmer_package::utils::from_bytes(bytes)
            .map_err(|e| anyhow!("`{}` is not a package Wasmer reads: {e}", webc.display()))?;
        let package = tokio
            .block_on(BinaryPackage::from_webc(&container, &*runtime))
            .with_context(|| format!("Wasmer cannot load the package `{}`", webc.display()))?;
        Ok(PackageCommands { tokio, runtime, package, engine })
    }

    /// The module a command runs, if the package has that command.
    pub fn module(&self, command: &str) -> Option<Vec<u8>> {
        self.package.get_command(command).map(|c| c.atom().to_vec())
    }

    /// The engine the commands run on (to time a compile apart).
    pub fn engine(&self) -> &wasmer::Engine {
        &self.engine
    }

    /// Runs `command ARGS...` in [`WORK_DIR`], which holds `files` (name,
    /// bytes) and nothing else; returns the file `read_back` as the command
    /// left it. A command that exits with a code other than 0, traps, or
    /// leaves no `read_back` is an error carrying its stderr.
    pub fn run(&self, command: &str, args: &[String], files: &[(String, Vec<u8>)], read_back: &str) -> Result<Vec<u8>> {
        let ran = self.run_to_end(command, args, files, read_back)?;
        let what = || format!("`{command} {}`", args.join(" "));
        match (ran.status, ran.file) {
            (Err(err), _) => bail!("{} failed: {err}\nits stderr:\n{}", what(), ran.stderr),
            (Ok(()), None) => bail!("{} left no `{WORK_DIR}/{read_back}`; its stderr:\n{}", what(), ran.stderr),
            (Ok(()), Some(file)) => Ok(file),
        }
    }

    /// Runs `command ARGS...` as [`PackageCommands::run`] does, and reports
    /// how it ended whatever that was.
    pub fn run_to_end(
        &self,
        command: &str,
        args: &[String],
        files: &[(String, Vec<u8>)],
        read_back: &str,
    ) -> Result<Ran> {
        let _entered = self.tokio.enter();
        let fs = mem_fs::FileSystem::default();
        self.tokio.block_on(async {
            for (name, bytes) in files {
                let path = Path::new("/").join(name);
                let mut file = fs
                    .new_open_options()
                    .write(true)
                    .create(true)
                    .open(&path)
                    .with_context(|| format!("creating `{}` in the mapped directory", path.display()))?;
                file.write_all(bytes).await?;
                file.flush().await?;
            }
            anyhow::Ok(())
        })?;
        let fs: Arc<dyn FileSystem + Send + Sync> = Arc::new(fs);
        let stderr = Pipe::new();
        let mut runner = WasiRunner::new();
        runner
            .with_args(args)
            .with_mount(WORK_DIR.to_string(), fs.clone())
            .with_current_dir(WORK_DIR)
            .with_stderr(Box::new(stderr.clone()));
        let status = runner
            .run_command(command, &self.package, RuntimeOrEngine::Runtime(self.runtime.clone()))
            .map_err(|err| format!("{err:#}"));
        let file = self.tokio.block_on(async {
            let Ok(mut file) = fs.new_open_options().read(true).open(Path::new("/").join(read_back)) else {
                return anyhow::Ok(None);
            };
            let mut out = Vec::new();
            file.read_to_end(&mut out).await.with_context(|| format!("reading `{WORK_DIR}/{read_back}`"))?;
            Ok(Some(out))
        })?;
        Ok(Ran { status, stderr: drain(stderr), file })
    }
}

/// How a command ended.
pub struct Ran {
    /// `Err` with Wasmer's words if it exited with a code other than 0 or trapped.
    pub status: Result<(), String>,
    pub stderr: String,
    /// The file asked for, if the command left one.
    pub file: Option<Vec<u8>>,
}

/// Everything a pipe received so far, as text.
fn drain(mut pipe: Pipe) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Some(n) = pipe.try_read(&mut buf).filter(|&n| n > 0) {
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}
