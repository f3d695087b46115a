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
use host::wasi::command::{PackageCommands, WORK_DIR};
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

    /// The arguments with the files (inputs and `out.wasm`) under `dir`
    /// (`""`: the working directory).
    pub fn args_in(&self, dir: &str) -> Vec<String> {
        let is_file = |a: &str| a == "out.wasm" || self.files.iter().any(|(name, _)| name == a);
        self.args.iter().map(|a| if is_file(a) { format!("{dir}{a}") } else { a.clone() }).collect()
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
        let _ = std::fs::remove_file(self.dir.join("out.wasm"));
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
    /// The time cranelift took to compile the module, if timed.
    pub compile: Option<Duration>,
    pub module_bytes: usize,
}

impl OnWasmer {
    /// `time_compile`: compile the module once more, alone, to time it
    /// (the runner's first link compiles it into its cache; a dev build of
    /// cranelift takes most of a minute on it, so `--quick` skips this).
    pub fn new(webc: &Path, time_compile: bool) -> Result<OnWasmer> {
        let package = PackageCommands::load(webc, Engine::Cranelift)
            .with_context(|| format!("loading `{}` (run `cargo xtask package-linker`)", webc.display()))?;
        let module = package
            .module("wasmer-link")
            .with_context(|| format!("`{}` has no `wasmer-link` command", webc.display()))?;
        let compile = if time_compile {
            let start = Instant::now();
            wasmer::Module::new(package.engine(), &module).context("compiling wasmer-link.wasm")?;
            Some(start.elapsed())
        } else {
            None
        };
        Ok(OnWasmer { package, compile, module_bytes: module.len() })
    }

    /// One link: a fresh instance, the inputs in `/work`; returns the output.
    pub fn link(&self, input: &Input) -> Result<Vec<u8>> {
        // Rust's `std` on `wasm32-wasip1` resolves a relative path against
        // the preopened directories, not the working directory: absolute
        // paths, as a `wasmer run --dir` user writes them.
        let args = input.args_in(&format!("{WORK_DIR}/"));
        self.package.run("wasmer-link", &args, &input.files, "out.wasm")
    }
}

/// `wasmer-link.wasm` on WASM3 0.4.7 (the `wasm3` crate's), as a command:
/// first linked by itself in the `portable` profile (WASM3 0.4.7 crashes on
/// `memory.copy`/`memory.fill`, which the profile lowers to loops), then
/// run with WASM3's own WASI, whose one preopened directory is the process's
/// working directory at link time. Its gaps are filled with closures:
/// `args_sizes_get`/`args_get` serve the arguments (the `wasm3` crate
/// cannot pass any); `path_filestat_get`, `path_rename`,
/// `path_unlink_file`, `fd_sync` and `path_readlink`, which WASM3 0.4.7
/// does not link (the output is checked, written to a temporary file and
/// renamed), work within that directory; the other file calls it lacks
/// return `ENOSYS`; `proc_exit` reports the exit code.
pub struct OnWasm3 {
    module: Vec<u8>,
    dir: PathBuf,
}

const WASI: &str = "wasi_snapshot_preview1";
const ESUCCESS: i32 = 0;
const EFAULT: i32 = 21;
const EIO: i32 = 29;
const EBADF: i32 = 8;
const EINVAL: i32 = 28;
const ENOENT: i32 = 44;
const ENOSYS: i32 = 52;
/// The one preopened directory of WASM3's WASI.
const PREOPEN_FD: i32 = 3;

impl OnWasm3 {
    pub fn new(wasm: &[u8]) -> Result<OnWasm3> {
        let module = linker::Linker::new()
            .module("wasmer-link", wasm.to_vec())
            .profile(linker::Profile::Portable)
            .link()
            .context("linking wasmer-link.wasm by itself (portable)")?;
        let dir = std::env::temp_dir().join(format!("bench-wasmer-link-wasm3-{}", std::process::id()));
        Ok(OnWasm3 { module, dir })
    }

    /// Puts `input`'s files in the directory, emptied first (not removed:
    /// a second WASM3 runtime of this process does not find files in a
    /// directory created after the first one preopened its predecessor).
    pub fn prepare(&self, input: &Input) -> Result<()> {
        std::fs::create_dir_all(&self.dir).with_context(|| format!("creating `{}`", self.dir.display()))?;
        for entry in std::fs::read_dir(&self.dir)? {
            std::fs::remove_file(entry?.path())?;
        }
        for (name, bytes) in &input.files {
            std::fs::write(self.dir.join(name), bytes).with_context(|| format!("writing `{name}`"))?;
        }
        Ok(())
    }

    /// One link of the prepared input, in a fresh WASM3 runtime; returns the output.
    pub fn link(&self, input: &Input) -> Result<Vec<u8>> {
        // A new output, as in the other runs: replacing an existing one
        // reads its metadata through `fd_filestat_get`, which WASM3 0.4.7 lacks.
        let _ = std::fs::remove_file(self.dir.join("out.wasm"));
        let cwd = std::env::current_dir()?;
        std::env::set_current_dir(&self.dir)?;
        let ran = self.run(&input.args);
        std::env::set_current_dir(cwd)?;
        ran?;
        std::fs::read(self.dir.join("out.wasm")).context("reading the output WASM3's run wrote")
    }

    fn run(&self, args: &[String]) -> Result<()> {
        use std::cell::Cell;
        use std::rc::Rc;
        use wasm3::error::Trap;
        let err = |what: &str, e: wasm3::error::Error| anyhow::anyhow!("wasm3: {what}: {e}");
        let env = wasm3::Environment::new().map_err(|e| err("creating the environment", e))?;
        let runtime = env.create_runtime(1 << 20).map_err(|e| err("creating the runtime", e))?;
        let mut module =
            runtime.parse_and_load_module(self.module.clone()).map_err(|e| err("loading wasmer-link.wasm", e))?;
        module.link_wasi().map_err(|e| err("linking WASI", e))?;
        let argv: Rc<Vec<Vec<u8>>> = Rc::new(
            std::iter::once("wasmer-link")
                .chain(args.iter().map(String::as_str))
                .map(|a| [a.as_bytes(), &[0]].concat())
                .collect(),
        );
        let sizes = Rc::clone(&argv);
        module
            .link_closure(WASI, "args_sizes_get", move |cc, (count, size): (i32, i32)| {
                let total: usize = sizes.iter().map(Vec::len).sum();
                Ok(write_all(
                    &cc,
                    &[
                        (count as u32, &(sizes.len() as u32).to_le_bytes()),
                        (size as u32, &(total as u32).to_le_bytes()),
                    ],
                ))
            })
            .or_else(not_imported)
            .map_err(|e| err("linking args_sizes_get", e))?;
        let strings = Rc::clone(&argv);
        module
            .link_closure(WASI, "args_get", move |cc, (pointers, buf): (i32, i32)| {
                let mut at = buf as u32;
                for (i, arg) in strings.iter().enumerate() {
                    let errno = write_all(&cc, &[(pointers as u32 + 4 * i as u32, &at.to_le_bytes()), (at, arg)]);
                    if errno != ESUCCESS {
                        return Ok(errno);
                    }
                    at += arg.len() as u32;
                }
                Ok(ESUCCESS)
            })
            .or_else(not_imported)
            .map_err(|e| err("linking args_get", e))?;
        let dir = self.dir.clone();
        module
            .link_closure(
                WASI,
                "path_rename",
                move |cc, (old_fd, old_ptr, old_len, new_fd, new_ptr, new_len): (i32, i32, i32, i32, i32, i32)| {
                    if old_fd != PREOPEN_FD || new_fd != PREOPEN_FD {
                        return Ok(EBADF);
                    }
                    let (Some(old), Some(new)) = (read_str(&cc, old_ptr, old_len), read_str(&cc, new_ptr, new_len))
                    else {
                        return Ok(EFAULT);
                    };
                    Ok(match std::fs::rename(dir.join(old), dir.join(new)) {
                        Ok(()) => ESUCCESS,
                        Err(_) => EIO,
                    })
                },
            )
            .or_else(not_imported)
            .map_err(|e| err("linking path_rename", e))?;
        // Files: the calls `wasmer-link` makes that WASM3 0.4.7 does not
        // link, on paths under the one preopened directory.
        let dir = self.dir.clone();
        module
            .link_closure(
                WASI,
                "path_filestat_get",
                move |cc, (fd, _flags, ptr, len, buf): (i32, i32, i32, i32, i32)| {
                    if fd != PREOPEN_FD {
                        return Ok(EBADF);
                    }
                    let Some(path) = read_str(&cc, ptr, len) else { return Ok(EFAULT) };
                    let meta = match std::fs::symlink_metadata(dir.join(path)) {
                        Ok(meta) => meta,
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ENOENT),
                        Err(_) => return Ok(EIO),
                    };
                    let kind: u8 = if meta.is_dir() {
                        3
                    } else if meta.is_symlink() {
                        7
                    } else {
                        4
                    };
                    let mut stat = [0u8; 64];
                    stat[16] = kind;
                    stat[24..32].copy_from_slice(&1u64.to_le_bytes());
                    stat[32..40].copy_from_slice(&meta.len().to_le_bytes());
                    Ok(write_all(&cc, &[(buf as u32, &stat)]))
                },
            )
            .or_else(not_imported)
            .map_err(|e| err("linking path_filestat_get", e))?;
        let dir = self.dir.clone();
        module
            .link_closure(WASI, "path_unlink_file", move |cc, (fd, ptr, len): (i32, i32, i32)| {
                if fd != PREOPEN_FD {
                    return Ok(EBADF);
                }
                let Some(path) = read_str(&cc, ptr, len) else { return Ok(EFAULT) };
                Ok(match std::fs::remove_file(dir.join(path)) {
                    Ok(()) => ESUCCESS,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => ENOENT,
                    Err(_) => EIO,
                })
            })
            .or_else(not_imported)
            .map_err(|e| err("linking path_unlink_file", e))?;
        module
            .link_closure(WASI, "fd_sync", |_cc, _fd: i32| Ok(ESUCCESS))
            .or_else(not_imported)
            .map_err(|e| err("linking fd_sync", e))?;
        module
            .link_closure(WASI, "path_readlink", |_cc, _args: (i32, i32, i32, i32, i32, i32)| Ok(EINVAL))
            .or_else(not_imported)
            .map_err(|e| err("linking path_readlink", e))?;
        // Not used by a link: refused.
        module
            .link_closure(WASI, "fd_filestat_get", |_cc, _args: (i32, i32)| Ok(ENOSYS))
            .or_else(not_imported)
            .map_err(|e| err("linking fd_filestat_get", e))?;
        module
            .link_closure(WASI, "fd_filestat_set_times", |_cc, _args: (i32, i64, i64, i32)| Ok(ENOSYS))
            .or_else(not_imported)
            .map_err(|e| err("linking fd_filestat_set_times", e))?;
        module
            .link_closure(WASI, "fd_readdir", |_cc, _args: (i32, i32, i32, i64, i32)| Ok(ENOSYS))
            .or_else(not_imported)
            .map_err(|e| err("linking fd_readdir", e))?;
        for name in ["path_create_directory", "path_remove_directory"] {
            module
                .link_closure(WASI, name, |_cc, _args: (i32, i32, i32)| Ok(ENOSYS))
                .or_else(not_imported)
                .map_err(|e| err(&format!("linking {name}"), e))?;
        }
        module
            .link_closure(WASI, "path_link", |_cc, _args: (i32, i32, i32, i32, i32, i32, i32)| Ok(ENOSYS))
            .or_else(not_imported)
            .map_err(|e| err("linking path_link", e))?;
        let exit = Rc::new(Cell::new(None));
        let exited = Rc::clone(&exit);
        module
            .link_closure(WASI, "proc_exit", move |_cc, code: i32| -> Result<(), Trap> {
                exited.set(Some(code));
                Err(Trap::Exit)
            })
            .or_else(not_imported)
            .map_err(|e| err("linking proc_exit", e))?;
        let start = module.find_function::<(), ()>("_start").map_err(|e| err("preparing `_start`", e))?;
        match (start.call(), exit.get()) {
            (Ok(()), _) | (Err(_), Some(0)) => Ok(()),
            (Err(_), Some(code)) => bail!("wasm3: `wasmer-link {}` exited with {code}", args.join(" ")),
            (Err(e), None) => bail!("wasm3: `wasmer-link {}` trapped: {e}", args.join(" ")),
        }
    }
}

impl Drop for OnWasm3 {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A function the module does not import needs no closure.
fn not_imported(e: wasm3::error::Error) -> Result<(), wasm3::error::Error> {
    match e {
        wasm3::error::Error::FunctionNotFound => Ok(()),
        e => Err(e),
    }
}

/// Writes each `(address, bytes)` into the guest's memory; `EFAULT` if one
/// is out of bounds.
fn write_all(cc: &wasm3::CallContext<'_>, writes: &[(u32, &[u8])]) -> i32 {
    // SAFETY: the memory is not resized while this host function runs.
    let memory = unsafe { &mut *cc.memory_mut() };
    for (addr, bytes) in writes {
        let start = *addr as usize;
        match start.checked_add(bytes.len()).and_then(|end| memory.get_mut(start..end)) {
            Some(dst) => dst.copy_from_slice(bytes),
            None => return EFAULT,
        }
    }
    ESUCCESS
}

/// A UTF-8 path in the guest's memory.
fn read_str(cc: &wasm3::CallContext<'_>, ptr: i32, len: i32) -> Option<String> {
    // SAFETY: as in `write_all`.
    let memory = unsafe { &*cc.memory() };
    let start = ptr as u32 as usize;
    let bytes = memory.get(start..start.checked_add(len as u32 as usize)?)?;
    String::from_utf8(bytes.to_vec()).ok()
}
