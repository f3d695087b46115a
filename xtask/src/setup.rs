//! Set-up checks shared by every task that needs them: what a fresh machine
//! lacks is installed (the wasm targets with rustup; `libclang-dev` and `llvm` with
//! apt-get when running as root on Debian) or named with the exact command
//! that installs it.

use anyhow::{bail, Result};
use xshell::{cmd, Shell};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The target of the WASI example's modules (`build::WASI_MODULES`).
pub const WASI_TARGET: &str = "wasm32-wasip1";
/// The target whose output is a component importing WASI 0.2 (the
/// components example's `wasip2/` builds, `build::COMPONENT_MODULES`).
pub const WASIP2_TARGET: &str = "wasm32-wasip2";

/// Installs the `wasm32-unknown-unknown` target when it is missing.
pub fn wasm_target(sh: &Shell) -> Result<()> {
    rustup_target(sh, WASM_TARGET)
}

/// Installs the `wasm32-wasip1` target (which ships `crt1-reactor.o`, see
/// `examples/wasi/reactor.rs`) when it is missing.
pub fn wasi_target(sh: &Shell) -> Result<()> {
    rustup_target(sh, WASI_TARGET)
}

/// Installs the `wasm32-wasip2` target (whose linker, `wasm-component-ld`,
/// ships with it) when it is missing.
pub fn wasip2_target(sh: &Shell) -> Result<()> {
    rustup_target(sh, WASIP2_TARGET)
}

fn rustup_target(sh: &Shell, target: &str) -> Result<()> {
    let Ok(installed) = cmd!(sh, "rustup target list --installed").quiet().read() else {
        // Without rustup we cannot install; the build will say if the target is missing.
        eprintln!("note: rustup not found; make sure the `{target}` target is installed");
        return Ok(());
    };
    if installed.lines().any(|line| line.trim() == target) {
        return Ok(());
    }
    eprintln!("installing the `{target}` target (rustup target add {target})");
    if cmd!(sh, "rustup target add {target}").run().is_err() {
        bail!("could not install the `{target}` target: run `rustup target add {target}`");
    }
    Ok(())
}

/// The `wasm3` crate generates its bindings with libclang at build time.
/// Installs Debian's `libclang-dev` when it is missing and we can (root with
/// apt-get); otherwise stops with the command to run.
pub fn libclang(sh: &Shell) -> Result<()> {
    debian_package(
        sh,
        libclang_present(),
        "libclang-dev",
        "the host's WASM3 engine needs libclang to build: install it with \
         `sudo apt-get install libclang-dev` (Debian/Ubuntu) or set LIBCLANG_PATH",
    )
}

/// `llvm-dwarfdump`, which the debug-info tests run (`--verify` on linked
/// outputs): Debian's `llvm`, installed the same way.
pub fn llvm_dwarfdump(sh: &Shell) -> Result<()> {
    let present = cmd!(sh, "llvm-dwarfdump --version").quiet().ignore_stdout().ignore_stderr().run().is_ok();
    debian_package(
        sh,
        present,
        "llvm",
        "the debug-info tests run `llvm-dwarfdump --verify`: install it with `sudo apt-get install llvm` \
         (Debian/Ubuntu), or put an `llvm-dwarfdump` on PATH",
    )
}

/// Installs Debian's `package` unless `present`, when we can (root with
/// apt-get); otherwise stops with `hint`.
fn debian_package(sh: &Shell, present: bool, package: &str, hint: &str) -> Result<()> {
    if present {
        return Ok(());
    }
    let is_root = cmd!(sh, "id -u").quiet().read().map(|id| id.trim() == "0").unwrap_or(false);
    let has_apt = cmd!(sh, "apt-get --version").quiet().ignore_stdout().run().is_ok();
    if !(is_root && has_apt) {
        bail!("{hint}");
    }
    eprintln!("installing {package} (apt-get install {package})");
    let _env = sh.push_env("DEBIAN_FRONTEND", "noninteractive");
    let installed =
        cmd!(sh, "apt-get update -qq").run().is_ok() && cmd!(sh, "apt-get install -y -qq {package}").run().is_ok();
    if !installed {
        bail!("installing {package} failed; {hint}");
    }
    Ok(())
}

fn libclang_present() -> bool {
    if std::env::var_os("LIBCLANG_PATH").is_some() {
        return true;
    }
    let dirs = ["/usr/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/local/lib"];
    let llvm_dirs = std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("llvm-"))
        .map(|e| e.path().join("lib"));
    dirs.iter()
        .map(std::path::PathBuf::from)
        .chain(llvm_dirs)
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .flatten()
        .any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("libclang") && name.contains(".so") && !name.starts_with("libclang-cpp")
        })
}
