//! Debug info survives linking: a Rust block and a pipeline built with
//! DWARF (`tests/debuginfo/*.rs`, compiled here by `rustc` as `cargo build
//! --release` with `debug = true` does), linked in both profiles, keep their
//! function names (as the inputs spell them, so they demangle the same) and
//! their line tables: every function's line rows, read through the output's
//! DWARF at the function's new addresses, are the input's; every
//! instruction's frames (function, inlined calls, file:line:column) too.
//! `llvm-dwarfdump --verify` finds no error in an output that the inputs
//! did not have.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::sync::OnceLock;

use addr2line::gimli;
use gimli::Reader as _;
use linker::{Layout, Linker, Profile};
use wasmparser::{BinaryReader, Name, NameSectionReader, Parser, Payload};

type R = gimli::EndianRcSlice<gimli::LittleEndian>;

/// A body: start, end, and each instruction's offset and operator.
type Body = (u64, u64, Vec<(u64, String)>);

/// The fixtures, built once per run: (block, pipeline).
fn fixtures() -> &'static (Vec<u8>, Vec<u8>) {
    static BUILT: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    BUILT.get_or_init(|| (build("block", &[]), build("pipeline", &["-C", "panic=abort"])))
}

fn build(name: &str, extra: &[&str]) -> Vec<u8> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/debuginfo").join(format!("{name}.rs"));
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("debuginfo-{name}.wasm"));
    let status = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args(["--crate-type", "cdylib", "--target", "wasm32-unknown-unknown", "--edition", "2021"])
        .args(["-C", "opt-level=3", "-C", "debuginfo=2"])
        .args(extra)
        .arg(&source)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("rustc runs (the wasm32-unknown-unknown target is installed by rust-toolchain.toml)");
    assert!(status.success(), "rustc failed on {}", source.display());
    std::fs::read(&out).unwrap()
}

/// What a module says about its code: function names by index, each
/// defined function's body range and instruction offsets (from the code
/// section's contents), and its custom sections.
struct Module {
    imported: u32,
    names: BTreeMap<u32, String>,
    /// (start, end, [(instruction offset, operator)]).
    bodies: Vec<Body>,
    custom: Vec<(String, Vec<u8>)>,
}

impl Module {
    fn read(bytes: &[u8]) -> Module {
        let mut m = Module { imported: 0, names: BTreeMap::new(), bodies: Vec::new(), custom: Vec::new() };
        let mut code_start = 0;
        for payload in Parser::new(0).parse_all(bytes) {
            match payload.unwrap() {
                Payload::ImportSection(s) => {
                    for imports in s {
                        for import in imports.unwrap() {
                            let import = import.unwrap().1;
                            if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
                                m.imported += 1;
                            }
                        }
                    }
                }
                Payload::CodeSectionStart { unchecked_range, .. } => code_start = unchecked_range.start,
                Payload::CodeSectionEntry(body) => {
                    let mut reader = body.get_operators_reader().unwrap();
                    let mut at = Vec::new();
                    while !reader.eof() {
                        let offset = reader.original_position() - code_start;
                        let op = format!("{:?}", reader.read().unwrap());
                        let name = op.split([' ', '{', '(']).next().unwrap().to_string();
                        at.push((offset, name));
                    }
                    let range = body.range();
                    m.bodies.push((range.start - code_start, range.end - code_start, at));
                }
                Payload::CustomSection(c) => {
                    if c.name() == "name" {
                        let reader = NameSectionReader::new(BinaryReader::new(c.data(), c.data_offset()));
                        for sub in reader {
                            if let Ok(Name::Function(map)) = sub {
                                for naming in map.into_iter().flatten() {
                                    m.names.insert(naming.index, naming.name.to_string());
                                }
                            }
                        }
                    }
                    m.custom.push((c.name().to_string(), c.data().to_vec()));
                }
                _ => {}
            }
        }
        m
    }

    fn has(&self, section: &str) -> bool {
        self.custom.iter().any(|(name, _)| name == section)
    }

    fn dwarf(&self) -> addr2line::Context<R> {
        let dwarf = gimli::Dwarf::load(|id: gimli::SectionId| -> Result<R, gimli::Error> {
            let data = self.custom.iter().find(|(n, _)| n == id.name()).map_or(&[][..], |(_, d)| d.as_slice());
            Ok(R::new(Rc::from(data), gimli::LittleEndian))
        })
        .unwrap();
        addr2line::Context::from_dwarf(dwarf).unwrap()
    }

    /// Defined functions by name: (body start, body end, instruction
    /// offsets). A name two functions have (the same std function in two
    /// blocks: names.rs keeps mangled names as they are) says neither.
    fn functions(&self) -> BTreeMap<String, Body> {
        let mut out = BTreeMap::new();
        let mut twice = Vec::new();
        for (d, body) in self.bodies.iter().enumerate() {
            if let Some(name) = self.names.get(&(self.imported + d as u32)) {
                if out.insert(name.clone(), body.clone()).is_some() {
                    twice.push(name.clone());
                }
            }
        }
        for name in twice {
            out.remove(&name);
        }
        out
    }
}

/// Every line row in `[start, end)` of a body whose instructions are `at`:
/// `file:line:column` and the instruction the row starts at (or the
/// body's start or end; `inside` for an address inside an instruction).
fn rows(ctx: &addr2line::Context<R>, start: u64, end: u64, at: &[(u64, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (address, _, loc) in ctx.find_location_range(start, end).unwrap() {
        let row = format!("{}:{}:{}", loc.file.unwrap_or("?"), loc.line.unwrap_or(0), loc.column.unwrap_or(0));
        let op = match at.iter().find(|(a, _)| *a == address) {
            Some((_, op)) => op.clone(),
            None if address == start => "start (the locals)".to_string(),
            None if address == end => "end".to_string(),
            None => format!("inside an instruction ({address:#x})"),
        };
        out.push((row, op));
    }
    out
}

/// Whether the `portable` profile rewrites `op` into other instructions
/// (the row then starts at the first of them).
fn rewritten(op: &str) -> bool {
    op.contains("Load") || op.contains("Store") || op.starts_with("Memory") || op == "CallIndirect" || op == "DataDrop"
}

/// The frames at `address`: each (inlined) function's linkage name and
/// where it is, innermost first.
fn frames(ctx: &addr2line::Context<R>, address: u64) -> Vec<String> {
    let mut out = Vec::new();
    let mut frames = ctx.find_frames(address).skip_all_loads().unwrap();
    while let Some(frame) = frames.next().unwrap() {
        let function = frame.function.map(|f| f.raw_name().unwrap().into_owned()).unwrap_or_default();
        let at = frame
            .location
            .map(|l| format!("{}:{}:{}", l.file.unwrap_or("?"), l.line.unwrap_or(0), l.column.unwrap_or(0)));
        out.push(format!("{function} at {}", at.unwrap_or_default()));
    }
    out
}

/// Every function of `input` that the output kept has the same name, the
/// same line rows, and (where the profile kept instructions one for one)
/// the same frames at every instruction. Returns how many were compared.
fn same_debug_info(input: &[u8], output: &[u8], one_for_one: bool) -> usize {
    let (input, output) = (Module::read(input), Module::read(output));
    let (before, after) = (input.dwarf(), output.dwarf());
    let kept = output.functions();
    let mut compared = 0;
    for (name, (start, end, at)) in input.functions() {
        let Some((out_start, out_end, out_at)) = kept.get(&name) else { continue };
        let want = rows(&before, start, end, &at);
        let got = rows(&after, *out_start, *out_end, out_at);
        assert_eq!(got.len(), want.len(), "the line rows of `{name}`:\n{got:?}\n{want:?}");
        for ((got_row, got_op), (want_row, want_op)) in got.iter().zip(&want) {
            assert_eq!(got_row, want_row, "a line row of `{name}`");
            if !rewritten(want_op) {
                assert_eq!(got_op, want_op, "the instruction of the row {want_row} of `{name}`");
            }
            assert!(!got_op.starts_with("inside"), "`{name}`: {got_op}");
        }
        if one_for_one {
            assert_eq!(at.len(), out_at.len(), "`{name}` keeps its instructions");
            for ((a, _), (b, _)) in at.iter().zip(out_at) {
                assert_eq!(frames(&after, *b), frames(&before, *a), "the frames of `{name}` at {a:#x} (now {b:#x})");
            }
        }
        compared += !want.is_empty() as usize;
    }
    compared
}

fn link(profile: Profile, layout: Layout, two: bool) -> (Vec<u8>, Vec<String>) {
    let (block, pipeline) = fixtures();
    let linker = match two {
        true => Linker::new().module("pipeline", pipeline.clone()).module("block", block.clone()).numbers("block", "*"),
        false => Linker::new().module("block", block.clone()),
    };
    let linker = match profile {
        Profile::Portable => linker.profile(profile).layout(layout),
        _ => linker.profile(profile),
    };
    linker.link_with_warnings().unwrap()
}

/// `llvm-dwarfdump --verify`'s error count (0 for "No errors.").
fn dwarfdump_errors(bytes: &[u8], name: &str) -> usize {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("llvm-dwarfdump")
        .arg("--verify")
        .arg(&path)
        .output()
        .expect("llvm-dwarfdump runs (Debian's `llvm` package)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if text.contains("No errors.") {
        return 0;
    }
    let errors = text.lines().filter(|l| l.contains("error:")).count();
    assert!(errors > 0, "llvm-dwarfdump neither passed nor listed errors:\n{text}");
    errors
}

const PROFILES: [(Profile, Layout, &str); 3] = [
    (Profile::MultiMemory, Layout::Fixed, "multi-memory"),
    (Profile::Portable, Layout::Fixed, "portable"),
    (Profile::Portable, Layout::Movable, "portable-movable"),
];

#[test]
fn one_block_keeps_its_line_rows_and_frames_in_every_profile() {
    let (block, _) = fixtures();
    for (profile, layout, what) in PROFILES {
        let (out, warnings) = link(profile, layout, false);
        assert_eq!(warnings, Vec::<String>::new(), "{what}");
        let compared = same_debug_info(block, &out, profile == Profile::MultiMemory);
        // ratio, ratio_of, scale_checked, sum_squares and what they keep of std.
        assert!(compared >= 4, "{what}: only {compared} functions had line rows");
    }
}

#[test]
fn two_blocks_with_dwarf_keep_theirs_and_dead_code_takes_its_entries_along() {
    let (block, pipeline) = fixtures();
    for (profile, layout, what) in PROFILES {
        let (out, warnings) = link(profile, layout, true);
        assert_eq!(warnings, Vec::<String>::new(), "{what}");
        let one_for_one = profile == Profile::MultiMemory;
        assert!(same_debug_info(block, &out, one_for_one) >= 4, "{what}");
        assert!(same_debug_info(pipeline, &out, one_for_one) >= 2, "{what}: the pipeline's `run` and `squares`");
        // The frames of the trap path, as a backtrace shows them.
        let m = Module::read(&out);
        let ctx = m.dwarf();
        let functions = m.functions();
        let scale = functions.iter().find(|(n, _)| n.contains("scale_checked")).expect("scale_checked is kept");
        let inner = frames(&ctx, scale.1 .2[1].0);
        // `value.checked_mul(by)`, line 6 of block.rs, inlined `checked_mul` inside.
        let outer = inner.last().unwrap();
        assert!(outer.contains("5block13scale_checked") && outer.contains("block.rs:6:"), "{inner:?}");
        assert!(inner.len() > 1 && inner[inner.len() - 2].contains("checked_mul"), "{inner:?}");
        // `unused_by_pipeline` was dropped, and with it its DWARF.
        assert!(!functions.keys().any(|n| n.contains("unused_by_pipeline")), "{what}");
        assert!(!live_subprograms(&out).iter().any(|n| n.contains("unused_by_pipeline")), "{what}");
        assert!(live_subprograms(&out).iter().any(|n| n.contains("ratio_of")), "{what}");
    }
}

/// The names (linkage names, else names) of the output's subprograms that
/// have a live address.
fn live_subprograms(bytes: &[u8]) -> Vec<String> {
    let m = Module::read(bytes);
    let dwarf = gimli::Dwarf::load(|id: gimli::SectionId| -> Result<R, gimli::Error> {
        let data = m.custom.iter().find(|(n, _)| n == id.name()).map_or(&[][..], |(_, d)| d.as_slice());
        Ok(R::new(Rc::from(data), gimli::LittleEndian))
    })
    .unwrap();
    let mut out = Vec::new();
    let mut units = dwarf.units();
    while let Some(header) = units.next().unwrap() {
        let unit = dwarf.unit(header).unwrap();
        let mut entries = unit.entries();
        while let Some(entry) = entries.next_dfs().unwrap() {
            if entry.tag != gimli::DW_TAG_subprogram {
                continue;
            }
            let Some(gimli::AttributeValue::Addr(low)) = entry.attr_value(gimli::DW_AT_low_pc) else { continue };
            if low >= 0xffff_fffe {
                continue;
            }
            let name = entry.attr_value(gimli::DW_AT_linkage_name).or_else(|| entry.attr_value(gimli::DW_AT_name));
            if let Some(name) = name.and_then(|v| dwarf.attr_string(&unit, v).ok()) {
                out.push(name.to_string_lossy().unwrap().into_owned());
            }
        }
    }
    out
}

/// A pipeline calling two blocks, all three with DWARF: (fanout, counter).
fn fanout() -> &'static (Vec<u8>, Vec<u8>) {
    static BUILT: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    BUILT.get_or_init(|| (build("fanout", &["-C", "panic=abort"]), build("counter", &[])))
}

#[test]
fn a_pipeline_of_three_modules_keeps_each_ones_line_rows_and_passes_llvm_dwarfdump_verify() {
    let (block, _) = fixtures();
    let (fanout, counter) = fanout();
    let inputs = [("fanout", fanout), ("block", block), ("counter", counter)];
    let before: usize = inputs.iter().map(|(name, bytes)| dwarfdump_errors(bytes, &format!("{name}-in.wasm"))).sum();
    for (profile, layout, what) in PROFILES {
        let linker = Linker::new()
            .module("fanout", fanout.clone())
            .module("block", block.clone())
            .module("counter", counter.clone())
            .numbers("block", "*")
            .numbers("counter", "*");
        let linker = match profile {
            Profile::Portable => linker.profile(profile).layout(layout),
            _ => linker.profile(profile),
        };
        let (out, warnings) = linker.link_with_warnings().unwrap();
        // Only what DWARF cannot say of a block's statics in another memory.
        for warning in &warnings {
            assert!(warning.contains("location(s)") && profile == Profile::MultiMemory, "{what}: {warning}");
        }
        let one_for_one = profile == Profile::MultiMemory;
        assert!(same_debug_info(fanout, &out, one_for_one) >= 1, "{what}: the pipeline's `both`");
        assert!(same_debug_info(block, &out, one_for_one) >= 3, "{what}: ratio, ratio_of, scale_checked");
        assert!(same_debug_info(counter, &out, one_for_one) >= 2, "{what}: tally, count_digits");
        let live = live_subprograms(&out);
        for function in ["both", "5block8ratio_of", "7counter12count_digits"] {
            assert!(live.iter().any(|n| n.contains(function)), "{what}: no live `{function}` in {live:?}");
        }
        let errors = dwarfdump_errors(&out, &format!("fanout-{what}.wasm"));
        assert!(errors <= before, "{what}: {errors} errors, the inputs had {before}");
    }
}

#[test]
fn names_are_the_inputs_and_demangle_as_theirs() {
    let (block, pipeline) = fixtures();
    for (profile, layout, what) in PROFILES {
        let (out, _) = link(profile, layout, true);
        let out = Module::read(&out);
        let names: Vec<&String> = out.names.values().collect();
        let inputs: Vec<String> = [block, pipeline].iter().flat_map(|i| Module::read(i).names.into_values()).collect();
        // Every name is an input's, verbatim, or one the linker gives its own functions.
        let foreign: Vec<&&String> =
            names.iter().filter(|n| !inputs.contains(n) && !n.starts_with("portable::") && !n.contains('.')).collect();
        assert!(foreign.is_empty(), "{what}: names that are no input's: {foreign:?}");
        let mangled = names.iter().filter(|n| rustc_demangle::try_demangle(n).is_ok()).count();
        assert!(mangled >= 5, "{what}: only {mangled} names demangle");
        // Nothing of a block is named `block::...` unless two modules use the name.
        let scale = names.iter().find(|n| n.contains("scale_checked")).expect("scale_checked is named");
        assert!(scale.starts_with("_ZN") || scale.starts_with("_R"), "{what}: {scale}");
        assert!(rustc_demangle::demangle(scale).to_string().starts_with("block::scale_checked"), "{scale}");
        assert!(!names.iter().any(|n| n.starts_with("block::_") || n.starts_with("pipeline::_")), "{what}: {names:?}");
    }
}

#[test]
fn llvm_dwarfdump_finds_no_error_the_inputs_did_not_have() {
    let (block, pipeline) = fixtures();
    let before = dwarfdump_errors(block, "block-in.wasm") + dwarfdump_errors(pipeline, "pipeline-in.wasm");
    for (profile, layout, what) in PROFILES {
        for two in [false, true] {
            let (out, _) = link(profile, layout, two);
            let errors = dwarfdump_errors(&out, &format!("out-{what}-{two}.wasm"));
            assert!(errors <= before, "{what}: {errors} errors, the inputs had {before}");
        }
    }
}

#[test]
fn strip_debug_keeps_names_and_strip_all_keeps_neither() {
    let (block, pipeline) = fixtures();
    let base =
        || Linker::new().module("pipeline", pipeline.clone()).module("block", block.clone()).numbers("block", "*");
    let full = Module::read(&base().link().unwrap());
    assert!(full.has(".debug_info") && full.has(".debug_line") && full.has("name"));
    let stripped = base().strip_debug(true).link().unwrap();
    let m = Module::read(&stripped);
    assert!(
        !m.custom.iter().any(|(n, _)| n.starts_with(".debug_")),
        "{:?}",
        m.custom.iter().map(|c| &c.0).collect::<Vec<_>>()
    );
    assert_eq!(m.names, full.names);
    let all = Module::read(&base().strip_all(true).link().unwrap());
    assert!(!all.custom.iter().any(|(n, _)| n.starts_with(".debug_") || n == "name"));
    // The same code either way.
    assert_eq!(all.bodies, m.bodies);
    assert_eq!(m.bodies, full.bodies);
}

#[test]
fn a_wasm_dwarf_address_is_an_offset_into_the_code_section_contents() {
    // What `address.rs` assumes, checked on a real build: each function's
    // line rows start at its body (just after the body's size), counted
    // from the code section's contents.
    let (block, _) = fixtures();
    let m = Module::read(block);
    let ctx = m.dwarf();
    let (start, _, at) = &m.functions().into_iter().find(|(n, _)| n.contains("ratio_of")).unwrap().1;
    let first = ctx.find_location_range(*start, at[at.len() - 1].0 + 1).unwrap().next().map(|(a, _, _)| a);
    assert!(first.is_some_and(|a| a == *start || at.iter().any(|(i, _)| *i == a)), "{first:?} vs body at {start:#x}");
    assert_eq!(ctx.find_location(*start - 1).unwrap().map(|l| l.line), None, "nothing before the body");
}

/// `module` with its custom section `name`'s contents changed by `change`.
fn with_section(module: &[u8], name: &str, change: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut out = wasm_encoder::Module::new();
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload.unwrap();
        if let Payload::CustomSection(c) = &payload {
            if c.name() == name {
                let mut data = c.data().to_vec();
                change(&mut data);
                out.section(&wasm_encoder::CustomSection { name: name.into(), data: data.into() });
                continue;
            }
        }
        if let Some((id, range)) = payload.as_section() {
            out.section(&wasm_encoder::RawSection { id, data: &module[range.start as usize..range.end as usize] });
        }
    }
    out.finish()
}

#[test]
fn broken_dwarf_never_breaks_the_link_and_is_reported() {
    let (block, pipeline) = fixtures();
    let sections = [".debug_info", ".debug_abbrev", ".debug_line", ".debug_ranges", ".debug_loc", ".debug_str"];
    let mut warned = 0;
    for section in sections {
        let len = Module::read(block).custom.iter().find(|(n, _)| n == section).unwrap().1.len();
        for at in [0, 7, len / 3, len / 2, len - 3] {
            let broken = with_section(block, section, |data| {
                for byte in &mut data[at..(at + 3).min(len)] {
                    *byte ^= 0xa5;
                }
            });
            for profile in [Profile::MultiMemory, Profile::Portable] {
                let linker = Linker::new()
                    .module("pipeline", pipeline.clone())
                    .module("block", broken.clone())
                    .numbers("block", "*")
                    .profile(profile);
                let (out, warnings) = linker.link_with_warnings().expect("broken DWARF does not fail the link");
                // The code is what it is without DWARF; the pipeline keeps its own.
                let stripped = linker.strip_debug(true).link().unwrap();
                assert_eq!(Module::read(&out).bodies, Module::read(&stripped).bodies, "{section} at {at}");
                assert!(same_debug_info(pipeline, &out, profile == Profile::MultiMemory) >= 2, "{section} at {at}");
                for warning in &warnings {
                    assert!(warning.contains("module `block`") && warning.contains(".debug_"), "{warning}");
                }
                warned += !warnings.is_empty() as usize;
            }
        }
    }
    assert!(warned > 0, "no broken section was reported");
}

/// The function names of the frames of the trap `export(args)` raises on
/// Wasmer (cranelift), innermost first.
fn trap_frames(module: &[u8], export: &str, args: &[i32]) -> Vec<String> {
    use wasmer::{imports, Instance, Module, Store, Value};
    let mut store = Store::default();
    let module = Module::new(&store, module).unwrap();
    let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
    let f = instance.exports.get_function(export).unwrap();
    let args: Vec<Value> = args.iter().map(|&a| Value::I32(a)).collect();
    let err = f.call(&mut store, &args).expect_err("the call traps");
    err.trace().iter().map(|frame| frame.function_name().unwrap_or("?").to_string()).collect()
}

#[test]
fn a_trap_in_a_linked_block_shows_the_blocks_own_frames_on_wasmer() {
    let (block, _) = fixtures();
    // `ratio(1, 0)` divides by zero three calls deep and panics (an `unreachable`).
    let alone = trap_frames(block, "ratio", &[1, 0]);
    assert!(alone.iter().any(|f| f.contains("5block8ratio_of")), "{alone:?}");
    for (profile, layout, what) in PROFILES {
        let (out, _) = link(profile, layout, true);
        let linked = trap_frames(&out, "run", &[1, 0]);
        // The block's frames, then the pipeline's `run`.
        assert_eq!(&linked[..alone.len()], &alone[..], "{what}: {linked:?}");
        assert_eq!(linked[alone.len()..], ["run"], "{what}");
        let demangled: Vec<String> = linked.iter().map(|f| rustc_demangle::demangle(f).to_string()).collect();
        assert!(demangled.iter().any(|f| f.starts_with("block::ratio_of")), "{what}: {demangled:?}");
    }
}

/// A Rust `wasm32-wasip2` command with DWARF: the host tests' fixture
/// (`host/tests/fixtures/wasip2-command/main.rs`), a component.
fn wasip2_command() -> &'static Vec<u8> {
    static BUILT: OnceLock<Vec<u8>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../host/tests/fixtures/wasip2-command/main.rs");
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("debuginfo-wasip2-command.wasm");
        let status = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .args(["--target", "wasm32-wasip2", "--edition", "2021", "-C", "opt-level=3", "-C", "debuginfo=2"])
            .arg(&source)
            .arg("-o")
            .arg(&out)
            .status()
            .expect("rustc runs (the wasm32-wasip2 target is installed by rust-toolchain.toml)");
        assert!(status.success(), "rustc failed on {}", source.display());
        std::fs::read(&out).unwrap()
    })
}

/// The core module of a component that has DWARF.
fn core_module_with_dwarf(component: &[u8]) -> Vec<u8> {
    for payload in Parser::new(0).parse_all(component) {
        if let Payload::ModuleSection { unchecked_range, .. } = payload.unwrap() {
            let module = &component[unchecked_range.start as usize..unchecked_range.end as usize];
            if Module::read(module).has(".debug_info") {
                return module.to_vec();
            }
        }
    }
    panic!("no core module of the component has DWARF")
}

/// The live entries with an empty code range (`DW_AT_low_pc` ==
/// `DW_AT_high_pc`: an inlined call that left no instruction), by tag and
/// the instruction they are at (`None` where that is not an instruction's
/// start).
fn empty_ranges(bytes: &[u8]) -> Vec<(String, Option<String>)> {
    let m = Module::read(bytes);
    let dwarf = gimli::Dwarf::load(|id: gimli::SectionId| -> Result<R, gimli::Error> {
        let data = m.custom.iter().find(|(n, _)| n == id.name()).map_or(&[][..], |(_, d)| d.as_slice());
        Ok(R::new(Rc::from(data), gimli::LittleEndian))
    })
    .unwrap();
    let mut out = Vec::new();
    let mut units = dwarf.units();
    while let Some(header) = units.next().unwrap() {
        let unit = dwarf.unit(header).unwrap();
        let mut entries = unit.entries();
        while let Some(entry) = entries.next_dfs().unwrap() {
            let Some(gimli::AttributeValue::Addr(low)) = entry.attr_value(gimli::DW_AT_low_pc) else { continue };
            let empty = match entry.attr_value(gimli::DW_AT_high_pc) {
                Some(gimli::AttributeValue::Udata(0)) => true,
                Some(gimli::AttributeValue::Addr(high)) => high == low,
                _ => false,
            };
            if empty && low < 0xffff_fffe {
                let at = m.bodies.iter().flat_map(|(_, _, at)| at).find(|(a, _)| *a == low).map(|(_, op)| op.clone());
                out.push((entry.tag.to_string(), at));
            }
        }
    }
    out
}

#[test]
fn a_wasip2_program_loses_only_the_dwarf_wasm_ld_left_on_code_it_replaced() {
    // wasm-ld replaced wasi-libc's weak `cabi_realloc` (wasip2.c) by Rust
    // std's, and left the replaced function's DWARF (its unit's range, its
    // subprogram, its line sequence) at the address of std's, with its own
    // length and rows: its end and a row fall inside std's instructions.
    // That, and nothing else, is dropped, and the warnings say why.
    let component = wasip2_command();
    let input = core_module_with_dwarf(component);
    let empty_before = empty_ranges(&input);
    assert!(!empty_before.is_empty(), "the input has inlined calls that left no instruction");
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let (out, warnings) =
            Linker::new().module("hello", component.clone()).profile(profile).link_with_warnings().unwrap();
        assert_eq!(warnings.len(), 2, "{profile:?}: {warnings:#?}");
        let (lines, info) = (&warnings[0], &warnings[1]);
        assert!(lines.starts_with("dropped 1 line sequence(s) from `.debug_line` of module `hello`"), "{lines}");
        assert!(info.starts_with("dropped 2 address(es) from `.debug_info`"), "{info}");
        for warning in &warnings {
            assert!(warning.contains("unit `wasisdk://") && warning.contains("/wasip2.c` at [0x"), "{warning}");
            assert!(warning.contains("wasm-ld") && warning.contains("`cabi_realloc`"), "{warning}");
        }
        // The empty ranges were a linker bug (dropped as "not at an
        // instruction"): they stay, at an instruction, where their
        // function was kept.
        let empty_after = empty_ranges(&out);
        assert!(!empty_after.is_empty(), "{profile:?}: every empty range was dropped");
        assert!(empty_after.iter().all(|(_, at)| at.is_some()), "{profile:?}: {empty_after:?}");
        assert!(empty_after.len() <= empty_before.len());
        // Nothing new for llvm-dwarfdump.
        let before = dwarfdump_errors(&input, "wasip2-in.wasm");
        let errors = dwarfdump_errors(&out, &format!("wasip2-out-{profile:?}.wasm"));
        assert!(errors <= before, "{profile:?}: {errors} errors, the input had {before}");
    }
}
