//! What a `rune build`-like tool does: link a pipeline against processing
//! blocks named like registry packages, resolved offline from local package
//! directories, and write one module.
//!
//! ```sh
//! cargo xtask package   # installs example/dependency@0.1.0 in target/wapm_packages
//! cargo run -p wasmer-link --example rune_build -- target/wasm/guest.wasm example/dependency@0.1.0
//! ```

use linker::registry::{link_packages, Registry};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let main_path = args.next().ok_or("usage: rune_build MAIN.wasm PACKAGE...")?;
    let packages: Vec<String> = args.collect();
    let packages: Vec<&str> = packages.iter().map(String::as_str).collect();
    let main = std::fs::read(&main_path)?;
    // The host's interface; modules built by `cargo xtask build` embed it too.
    let host = std::fs::read_to_string("host.wit")?;
    let registry = Registry::new(["target/wapm_packages".into()]);
    let rune = link_packages("guest", &main, &packages, &registry, &[("host", &host)], linker::Profile::Portable)?;
    std::fs::write("rune.wasm", &rune)?;
    println!("wrote rune.wasm ({} bytes)", rune.len());
    Ok(())
}
