//! Which glue the pipeline compiles against. By default the committed
//! `src/bindings.rs` (`cargo xtask bindings`, from `../rescale.wit`). With
//! `RESCALE_PIPELINE_BINDINGS=FILE` set, `FILE` instead: `cargo xtask rune`
//! generates it from the interface it takes out of the block's *package*, so
//! the pipeline it links is built from what a downloaded package says.

const VAR: &str = "RESCALE_PIPELINE_BINDINGS";

fn main() {
    println!("cargo:rerun-if-env-changed={VAR}");
    println!("cargo:rustc-check-cfg=cfg(generated_bindings)");
    if let Some(file) = std::env::var_os(VAR).filter(|f| !f.is_empty()) {
        let file = std::path::PathBuf::from(file);
        if !file.is_absolute() || !file.is_file() {
            // Cargo shows a failed build script's stderr.
            eprintln!("error: {VAR}=`{}`: expected the absolute path of an existing glue file (`cargo xtask rune` writes one)", file.display());
            std::process::exit(1);
        }
        println!("cargo:rerun-if-changed={}", file.display());
        println!("cargo:rustc-cfg=generated_bindings");
        println!("cargo:rustc-env={VAR}={}", file.display());
    }
}
