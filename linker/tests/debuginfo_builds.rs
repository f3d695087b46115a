//! `llvm-dwarfdump --verify` on the outputs of the project's own examples
//! built with debug info: the example (`guest` + `dependency`) and
//! image-rescale (`rescale_pipeline` + `rescale_block`), built once per run
//! as `CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release` builds them
//! (into this test's own target directory, not `target/wasm`), each linked
//! in both profiles. Each output carries every input's DWARF (units from
//! both modules in `.debug_info`, a line table), every address the inputs
//! give maps (no warning of one not at an instruction), and
//! `llvm-dwarfdump --verify` finds no error the inputs did not have.
//! (`tests/debuginfo.rs` checks line rows and frames on small fixtures.)
//!
//! Unlike the other tests, this one runs cargo itself (the examples need
//! their crates' dependencies, and `target/wasm` holds `cargo xtask build`'s
//! builds without DWARF); it takes some 10 s the first time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::sync::OnceLock;

use addr2line::gimli;
use gimli::Reader as _;
use linker::{Layout, Linker, Profile};
use wasmparser::{Parser, Payload};

type R = gimli::EndianRcSlice<gimli::LittleEndian>;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The four crates built with DWARF, once: their `.wasm` files' directory.
fn built() -> &'static PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("debuginfo-builds");
        let status = Command::new(env!("CARGO"))
            .current_dir(root())
            .env("CARGO_PROFILE_RELEASE_DEBUG", "true")
            // The workspace's own lock file and the crates its build has fetched.
            .args(["build", "--quiet", "--locked", "--offline", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["-p", "guest", "-p", "dependency", "-p", "rescale_pipeline", "-p", "rescale_block"])
            .arg("--target-dir")
            .arg(&target)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the examples with debug info failed");
        target.join("wasm32-unknown-unknown/release")
    })
}

fn wasm(name: &str) -> Vec<u8> {
    let path = built().join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn wit(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// The names (`DW_AT_name`) of the units in `bytes`' `.debug_info`, and
/// how many line sequences its `.debug_line` has.
fn units(bytes: &[u8]) -> (Vec<String>, usize) {
    let mut custom: Vec<(String, Vec<u8>)> = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        if let Payload::CustomSection(c) = payload.unwrap() {
            custom.push((c.name().to_string(), c.data().to_vec()));
        }
    }
    let dwarf = gimli::Dwarf::load(|id: gimli::SectionId| -> Result<R, gimli::Error> {
        let data = custom.iter().find(|(n, _)| n == id.name()).map_or(&[][..], |(_, d)| d.as_slice());
        Ok(R::new(Rc::from(data), gimli::LittleEndian))
    })
    .unwrap();
    let (mut names, mut sequences) = (Vec::new(), 0);
    let mut headers = dwarf.units();
    while let Some(header) = headers.next().unwrap() {
        let unit = dwarf.unit(header).unwrap();
        if let Some(name) = &unit.name {
            names.push(name.to_string_lossy().unwrap().into_owned());
        }
        if let Some(program) = unit.line_program.clone() {
            sequences += program.sequences().unwrap().1.len();
        }
    }
    (names, sequences)
}

/// `llvm-dwarfdump --verify`'s error count (0 for "No errors."), and its
/// report.
fn dwarfdump_errors(bytes: &[u8], name: &str) -> (usize, String) {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("llvm-dwarfdump")
        .arg("--verify")
        .arg(&path)
        .output()
        .expect("llvm-dwarfdump runs (Debian's `llvm` package; `cargo xtask test` installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if text.contains("No errors.") {
        return (0, text);
    }
    let errors = text.lines().filter(|l| l.contains("error:")).count();
    assert!(errors > 0, "llvm-dwarfdump neither passed nor listed errors on {name}:\n{text}");
    (errors, text)
}

const PROFILES: [(Profile, &str); 2] = [(Profile::MultiMemory, "multi-memory"), (Profile::Portable, "portable")];

/// Links `linker` in both profiles and checks each output against the
/// inputs (`(import name, bytes, a unit name only this input has)`).
fn verify(example: &str, linker: impl Fn() -> Linker, inputs: &[(&str, Vec<u8>, &str)]) {
    let mut before = 0;
    for (name, bytes, unit) in inputs {
        let (names, sequences) = units(bytes);
        assert!(names.iter().any(|n| n.contains(unit)), "{name}: no unit `{unit}` in {names:?}");
        assert!(sequences > 0, "{name} has no line table: was it built with debug info?");
        before += dwarfdump_errors(bytes, &format!("{example}-{name}-in.wasm")).0;
    }
    for (profile, what) in PROFILES {
        let linker = match profile {
            Profile::Portable => linker().profile(profile).layout(Layout::Fixed),
            _ => linker().profile(profile),
        };
        let (out, warnings) = linker.link_with_warnings().unwrap_or_else(|e| panic!("{example}, {what}: {e}"));
        let misplaced: Vec<&String> = warnings.iter().filter(|w| w.contains("not at an instruction")).collect();
        assert!(misplaced.is_empty(), "{example}, {what}: {misplaced:#?}");
        let (names, sequences) = units(&out);
        for (name, _, unit) in inputs {
            assert!(names.iter().any(|n| n.contains(unit)), "{example}, {what}: {name}'s unit `{unit}` is gone");
        }
        assert!(sequences > 0, "{example}, {what}: the output has no line table");
        let (errors, report) = dwarfdump_errors(&out, &format!("{example}-{what}-out.wasm"));
        assert!(errors <= before, "{example}, {what}: {errors} errors, the inputs had {before}:\n{report}");
    }
}

#[test]
fn the_example_linked_with_debug_info_passes_llvm_dwarfdump_verify() {
    let (guest, dependency) = (wasm("guest"), wasm("dependency"));
    verify(
        "example",
        || {
            Linker::new()
                .module("guest", guest.clone())
                .module("dependency", dependency.clone())
                .interface("dependency", wit("dependency.wit"))
                .interface("host", wit("host.wit"))
        },
        &[("guest", guest.clone(), "guest/src/lib.rs"), ("dependency", dependency.clone(), "dependency/src/lib.rs")],
    );
}

#[test]
fn image_rescale_linked_with_debug_info_passes_llvm_dwarfdump_verify() {
    let (pipeline, block) = (wasm("rescale_pipeline"), wasm("rescale_block"));
    verify(
        "image-rescale",
        || {
            Linker::new()
                .module("pipeline", pipeline.clone())
                .module("rescale", block.clone())
                .interface("rescale", wit("examples/image-rescale/rescale.wit"))
        },
        &[
            ("pipeline", pipeline.clone(), "image-rescale/pipeline/src/lib.rs"),
            ("rescale", block.clone(), "image-rescale/block/src/lib.rs"),
        ],
    );
}
