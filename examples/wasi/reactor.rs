//! Build script shared by the WASI example's crates (`build = "../reactor.rs"`).
//!
//! A `wasm32-wasip1` cdylib is linked as a *command* by default: wasm-ld wraps
//! every export in a `.command_export` shim that runs the constructors before
//! and the destructors after each call. Linking the toolchain's own
//! `crt1-reactor.o` makes it a *reactor* instead: the exports are left alone
//! and an `_initialize` export runs the constructors, once, before the first
//! call. The object file ships with the target (`rustup target add
//! wasm32-wasip1`), under the sysroot's `self-contained` directory.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    // Cargo always reruns a build script when the script itself changes;
    // its only other inputs are the target and the toolchain.
    println!("cargo:rerun-if-env-changed=RUSTC");
    if std::env::var("TARGET").as_deref() != Ok("wasm32-wasip1") {
        return;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Command::new(&rustc).args(["--print", "sysroot"]).output();
    let sysroot = match out {
        Ok(out) if out.status.success() => PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()),
        _ => panic!("`{rustc} --print sysroot` failed: cannot find crt1-reactor.o"),
    };
    let crt = sysroot.join("lib/rustlib/wasm32-wasip1/lib/self-contained/crt1-reactor.o");
    assert!(crt.exists(), "`{}` is missing: run `rustup target add wasm32-wasip1`", crt.display());
    println!("cargo:rustc-link-arg-cdylib={}", crt.display());
}
