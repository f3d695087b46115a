//! Section 5: what the fixed layout's reservation costs in memory.
//!
//! Peak resident memory (`VmHWM` in `/proc/self/status`) is a property of a
//! whole process, so every configuration runs in a fresh one: the runner
//! starts itself again (`std::env::current_exe()`) with the hidden argument
//! [`CHILD_ARG`], and the child runs one linked module through the host's
//! library (`host::run`, exactly what `cargo run -p host` does: compile,
//! instantiate, run the example), then prints its `VmHWM`. A child that only
//! creates the engine is the baseline. The parent links the modules and
//! writes them to a temporary directory, so linking never counts in a
//! child's peak.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, bail, Context, Result};
use host::{Engine, Example};

/// The hidden argument: `--memory-child ENGINE EXAMPLE [MODULE]`.
pub const CHILD_ARG: &str = "--memory-child";

/// The child's side: runs `EXAMPLE` (`hello`, `rescale`, or `none` for the
/// baseline) from `MODULE` on `ENGINE`, then prints `vmhwm-kib N`.
pub fn child(args: &[String]) -> Result<()> {
    let (engine, example, module) = match args {
        [engine, example, rest @ ..] => (parse_engine(engine)?, example.as_str(), rest.first()),
        _ => bail!("usage: {CHILD_ARG} cranelift|wasm3 hello|rescale|none [MODULE]"),
    };
    let example = match example {
        "none" => None,
        "hello" => Some(Example::Hello),
        "rescale" => Some(Example::ImageRescale),
        other => bail!("unknown example `{other}`"),
    };
    match (example, module) {
        (None, _) => create_engine(engine)?,
        (Some(example), Some(module)) => {
            let args = host::Args {
                engine,
                example,
                env: Vec::new(),
                initialize_calls: 1,
                args: Vec::new(),
                dir: None,
                module: module.into(),
                dependency: None,
            };
            host::run(&args)?;
        }
        (Some(_), None) => bail!("{CHILD_ARG}: an example needs a module"),
    }
    println!("vmhwm-kib {}", peak_rss_kib()?);
    Ok(())
}

/// What the baseline child does: create the engine, nothing else.
fn create_engine(engine: Engine) -> Result<()> {
    match engine {
        Engine::Wasm3 => {
            let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: {e}"))?;
            let runtime = env.create_runtime(1 << 20).map_err(|e| anyhow!("wasm3: {e}"))?;
            std::hint::black_box(&runtime);
        }
        _ => {
            let store = wasmer::Store::new(wasmer::sys::Cranelift::default());
            std::hint::black_box(&store);
        }
    }
    Ok(())
}

fn parse_engine(name: &str) -> Result<Engine> {
    match name {
        "cranelift" => Ok(Engine::Cranelift),
        "wasm3" => Ok(Engine::Wasm3),
        other => bail!("unknown engine `{other}`"),
    }
}

fn engine_arg(engine: Engine) -> &'static str {
    match engine {
        Engine::Wasm3 => "wasm3",
        _ => "cranelift",
    }
}

/// `VmHWM` of this process, in KiB.
fn peak_rss_kib() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status").context("reading /proc/self/status")?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).context("no VmHWM in /proc/self/status")?;
    line.trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .with_context(|| format!("cannot read `{line}`"))
}

/// The parent's side: one child per call, its peak RSS in KiB.
pub fn peak_of_child(engine: Engine, example: Option<(Example, &Path)>) -> Result<u64> {
    let exe = std::env::current_exe().context("finding the runner's own executable")?;
    let mut cmd = Command::new(&exe);
    cmd.arg(CHILD_ARG).arg(engine_arg(engine));
    match example {
        None => cmd.arg("none"),
        Some((Example::Hello, path)) => cmd.arg("hello").arg(path),
        Some((_, path)) => cmd.arg("rescale").arg(path),
    };
    let out = cmd.output().with_context(|| format!("starting `{}`", exe.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("the child `{cmd:?}` failed ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim());
    }
    let line = stdout.lines().rev().find_map(|l| l.strip_prefix("vmhwm-kib "));
    let line = line.with_context(|| format!("the child `{cmd:?}` printed no `vmhwm-kib` line: {stdout}"))?;
    line.trim().parse().with_context(|| format!("the child printed `vmhwm-kib {line}`"))
}

/// Pages of memory a module has at instantiation: every memory it defines
/// or imports, at its initial size.
pub fn initial_pages(bytes: &[u8]) -> Result<u64> {
    use wasmparser::{Parser, Payload, TypeRef};
    let mut pages = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.context("reading a linked module")? {
            Payload::MemorySection(reader) => {
                for memory in reader {
                    pages += memory?.initial;
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if let TypeRef::Memory(m) = import?.ty {
                        pages += m.initial;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(pages)
}

/// A directory for the linked modules the children run, removed on drop.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new() -> Result<Scratch> {
        let dir = std::env::temp_dir().join(format!("wasmer-link-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating `{}`", dir.display()))?;
        Ok(Scratch(dir))
    }

    /// Writes `bytes` as `name` in the directory; returns its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<PathBuf> {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing `{}`", path.display()))?;
        Ok(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
