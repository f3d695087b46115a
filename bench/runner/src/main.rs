//! `cargo xtask bench`: what static linking buys, measured side by side.
//!
//! Runs the benchmark pipeline (`bench/pipeline`) against the benchmark block
//! (`bench/block`) wired at run time by host code (the alternative), and
//! linked into one module in both profiles and, for `portable`, both region
//! layouts, on Wasmer cranelift and WASM3; measures memory growth and what
//! the fixed layout's reservations cost in memory; times linking itself; and
//! writes the tables to `BENCHMARKS.md` (`--write`). `--quick` runs every
//! measurement once or twice on tiny inputs, only to prove the benchmarks
//! still run (CI does this); its figures mean nothing.
//!
//! Figures are medians of repetitions measured with `std::time::Instant` in
//! this process; section 3 interleaves its configurations and reports the
//! spread ([`stats`]); section 5 measures peak memory in fresh processes
//! ([`memory`]).

use std::cell::Cell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use linker::layout::PAGE;
use linker::{Layout, Linker, Profile};
use wasmer::{Function, FunctionEnv, FunctionEnvMut, Imports, Memory, Module, RuntimeError, Store, TypedFunction};

#[allow(dead_code, unused_imports, clippy::all)]
mod bindings;
mod components;
mod growth;
mod linker_wasm;
mod memory;
mod stats;
mod synth;
mod wasi;
mod wasip2;
mod wit;
// The pipeline's text and in-module work, compiled natively.
#[path = "../../pipeline/src/text.rs"]
mod text;

use bindings::{bench::Bench, pipeline::Pipeline};
use stats::Spread;

struct Args {
    quick: bool,
    /// `--sections 1,2`: run only these (and write nothing).
    sections: Option<Vec<u32>>,
    wasm_dir: PathBuf,
    write: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args> {
    let mut parsed = Args { quick: false, sections: None, wasm_dir: PathBuf::from("target/wasm"), write: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => parsed.quick = true,
            "--wasm-dir" => parsed.wasm_dir = it.next().context("`--wasm-dir` needs a directory")?.into(),
            "--write" => parsed.write = Some(it.next().context("`--write` needs a file")?.into()),
            "--sections" => {
                let list = it.next().context("`--sections` needs a list such as 1,2")?;
                let numbers = list.split(',').map(|n| n.trim().parse::<u32>().ok().filter(|n| (1..=13).contains(n)));
                let numbers: Option<Vec<u32>> = numbers.collect();
                parsed.sections = Some(
                    numbers.with_context(|| format!("`--sections {list}`: expected numbers 1 to 13, such as 1,2"))?,
                );
            }
            other => {
                bail!("unknown argument `{other}` (expected --quick, --sections N,N, --wasm-dir DIR, --write FILE)")
            }
        }
    }
    if parsed.sections.is_some() && parsed.write.is_some() {
        bail!("`--sections` runs part of the benchmarks: it cannot `--write` BENCHMARKS.md");
    }
    Ok(parsed)
}

/// The sizes of everything, small in `--quick` mode.
struct Sizes {
    reps: usize,
    nop_calls: u32,
    echo_calls: u32,
    consume_calls: u32,
    consume_len: u32,
    image: u32,
    passes: u32,
    /// Section 3's interleaved rounds, per engine.
    rounds_cranelift: usize,
    rounds_wasm3: usize,
    /// Section 4: growths per run, the dependency's pages, runs per
    /// configuration (fewer where every growth copies the whole region).
    growths: u32,
    dep_pages: u64,
    grow_reps: usize,
    grow_reps_moving: usize,
    /// Section 5: fresh processes per configuration.
    memory_reps: usize,
    link_reps: usize,
    synth_mb: &'static [usize],
    /// Section 11: the generated dependency's size (`synth::pair`, as in
    /// section 6: 4 gives 5.0 MB of code), besides the example.
    linker_wasm_mb: Option<usize>,
    wasi_calls: u64,
    /// Section 10: rounds of the image-rescale pipeline's five cases.
    wit_rounds: u32,
}

const QUICK: Sizes = Sizes {
    reps: 1,
    nop_calls: 100,
    echo_calls: 10,
    consume_calls: 2,
    consume_len: 4096,
    image: 64,
    passes: 1,
    rounds_cranelift: 2,
    rounds_wasm3: 2,
    growths: 10,
    dep_pages: 16,
    grow_reps: 1,
    grow_reps_moving: 1,
    memory_reps: 1,
    link_reps: 1,
    synth_mb: &[1],
    linker_wasm_mb: None,
    wasi_calls: 10,
    wit_rounds: 1,
};

const FULL: Sizes = Sizes {
    reps: 11,
    nop_calls: 1_000_000,
    echo_calls: 100_000,
    consume_calls: 300,
    consume_len: 1 << 20,
    image: 1024,
    passes: 4,
    rounds_cranelift: 250,
    rounds_wasm3: 40,
    growths: 1000,
    dep_pages: 256,
    grow_reps: 11,
    grow_reps_moving: 3,
    memory_reps: 3,
    link_reps: 9,
    synth_mb: &[1, 4, 16],
    linker_wasm_mb: Some(4),
    wasi_calls: 100_000,
    wit_rounds: 400,
};

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.split_first() {
        Some((first, rest)) if first == memory::CHILD_ARG => memory::child(rest),
        _ => run(&args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The benchmark pair, linked every way the sections compare.
struct Outputs {
    multi: Vec<u8>,
    fixed: Vec<u8>,
    movable: Vec<u8>,
    fixed_checked: Vec<u8>,
    movable_checked: Vec<u8>,
    /// The block linked by itself: one memory at base 0, re-encoded, bulk
    /// memory lowered (what WASM3 can load).
    block_alone: Vec<u8>,
}

impl Outputs {
    fn link(pipeline: &[u8], block: &[u8]) -> Result<Outputs> {
        let pair = || Linker::new().module("pipeline", pipeline.to_vec()).module("bench", block.to_vec());
        let portable = |layout: Layout, checks: bool| {
            pair().profile(Profile::Portable).layout(layout).bounds_checks(checks).link().with_context(|| {
                format!("linking the benchmark pair (portable, {} layout, bounds checks {checks})", layout.name())
            })
        };
        Ok(Outputs {
            multi: pair().profile(Profile::MultiMemory).link().context("linking the benchmark pair (multi-memory)")?,
            fixed: portable(Layout::Fixed, false)?,
            movable: portable(Layout::Movable, false)?,
            fixed_checked: portable(Layout::Fixed, true)?,
            movable_checked: portable(Layout::Movable, true)?,
            block_alone: Linker::new()
                .module("bench", block.to_vec())
                .profile(Profile::Portable)
                .link()
                .context("linking the benchmark block by itself")?,
        })
    }
}

/// The tables, printed as they are made and collected for `BENCHMARKS.md`.
#[derive(Default)]
struct Report(String);

impl Report {
    fn section(&mut self, title: &str, header: &str, rows: Vec<String>) {
        let text = format!("### {title}\n\n{header}\n{}\n{}\n", separator(header), rows.join("\n"));
        println!("{text}");
        self.0.push_str(&text);
        self.0.push('\n');
    }
}

fn run(args: &[String]) -> Result<()> {
    let args = parse_args(args)?;
    let s = if args.quick { &QUICK } else { &FULL };
    let read = |name: &str| {
        let path = args.wasm_dir.join(format!("{name}.wasm"));
        std::fs::read(&path).with_context(|| format!("reading `{}` (run `cargo xtask build`)", path.display()))
    };
    let (pipeline, block) = (read("bench_pipeline")?, read("bench_block")?);
    let out = Outputs::link(&pipeline, &block)?;
    let mut report = Report::default();
    let wants = |section: u32| args.sections.as_ref().is_none_or(|only| only.contains(&section));

    if wants(1) || wants(2) {
        // 1. Cross-module call cost.
        let mut rows = Vec::new();
        let (mut calls, mut nops) = (Vec::new(), Vec::new());
        let mut engines: Vec<(&str, Box<dyn Runner>)> = vec![
            ("run-time wired, cranelift (host-mediated copies)", Box::new(Wasmer::wired(&pipeline, &block)?)),
            ("linked multi-memory, cranelift", Box::new(Wasmer::linked(&out.multi)?)),
            ("linked portable (fixed layout), cranelift", Box::new(Wasmer::linked(&out.fixed)?)),
            ("linked portable (fixed layout), WASM3", Box::new(Wasm3::new(&out.fixed)?)),
            (
                "linked portable (fixed) with `--bounds-checks`, cranelift",
                Box::new(Wasmer::linked(&out.fixed_checked)?),
            ),
            ("linked portable (fixed) with `--bounds-checks`, WASM3", Box::new(Wasm3::new(&out.fixed_checked)?)),
        ];
        if wants(1) {
            let echo = |runner: &mut Box<dyn Runner>, mixed: bool, inside: bool| {
                per_call(s.reps, s.echo_calls, || match inside {
                    false => runner.run_echo(s.echo_calls, 1024, mixed).map(drop),
                    true => runner.run_echo_inside(s.echo_calls, 1024, mixed).map(drop),
                })
            };
            for (name, runner) in &mut engines {
                let nop = per_call(s.reps, s.nop_calls, || runner.run_nop(s.nop_calls))?;
                let (ascii, mixed) = (echo(runner, false, false)?, echo(runner, true, false)?);
                rows.push(format!("| {name} | {} | {} | {} |", nanos(nop), nanos(ascii), nanos(mixed)));
                calls.push([ascii, mixed]);
                nops.push(nop);
            }
            // The physical limit: the least a crossing must do, without crossing.
            let mut inside = Vec::new();
            for (k, engine) in [(1, "cranelift"), (3, "WASM3")] {
                let runner = &mut engines[k].1;
                let (ascii, mixed) = (echo(runner, false, true)?, echo(runner, true, true)?);
                rows.push(format!(
                    "| the same work inside the pipeline (two allocations, copies, UTF-8 checks), {engine} | — | {} | {} |",
                    nanos(ascii),
                    nanos(mixed)
                ));
                inside.push([ascii, mixed]);
            }
            let native = |mixed: bool| {
                let input = text::text(1024, mixed);
                per_call(s.reps, s.echo_calls, || {
                    for _ in 0..s.echo_calls {
                        black_box(text::echo_inside(black_box(&input)));
                    }
                    Ok(())
                })
            };
            let (ascii, mixed) = (native(false)?, native(true)?);
            rows.push(format!(
                "| the same work in native Rust, same machine | — | {} | {} |",
                nanos(ascii),
                nanos(mixed)
            ));
            let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-12);
            let cheaper = |k: usize| [ratio(calls[0][0], calls[k][0]), ratio(calls[0][1], calls[k][1])];
            let over =
                |k: usize, limit: usize| [ratio(calls[k][0], inside[limit][0]), ratio(calls[k][1], inside[limit][1])];
            let ([multi_x, portable_x], nop_x) = ([cheaper(1), cheaper(2)], ratio(nops[0], nops[1]));
            let (multi_over, portable_over, wasm3_over) = (over(1, 0), over(2, 0), over(3, 1));
            let pair = |x: [f64; 2]| format!("{:.1}x ASCII, {:.1}x mixed", x[0], x[1]);
            rows.push(String::new());
            rows.push(format!(
                "Target: a linked call without arguments (multi-memory, cranelift) at least 10x cheaper than the \
                 host-mediated one. Measured: {nop_x:.1}x ({}).",
                verdict(nop_x >= 10.0)
            ));
            rows.push(String::new());
            rows.push(format!(
                "Target: a linked call with 1 KiB strings at least 10x cheaper than the host-mediated one on \
                 cranelift, in both profiles. Measured: multi-memory {} ({}); portable {} ({}).",
                pair(multi_x),
                verdict(multi_x.iter().all(|&x| x >= 10.0)),
                pair(portable_x),
                verdict(portable_x.iter().all(|&x| x >= 10.0)),
            ));
            rows.push(String::new());
            rows.push(format!(
                "Target: a linked call within 1.3x of the same work inside the pipeline on cranelift, 1.5x on \
                 WASM3. Measured: multi-memory {} ({}); portable {} ({}); WASM3 {} ({}).",
                pair(multi_over),
                verdict(multi_over.iter().all(|&x| x <= 1.3)),
                pair(portable_over),
                verdict(portable_over.iter().all(|&x| x <= 1.3)),
                pair(wasm3_over),
                verdict(wasm3_over.iter().all(|&x| x <= 1.5)),
            ));
            report.section(
                "1. Cross-module call cost (per call, median)",
                "| configuration | call, no arguments | 1 KiB ASCII string in + out | 1 KiB mixed string in + out |",
                rows,
            );
        }

        if wants(2) {
            // 2. Copy throughput.
            let mut rows = Vec::new();
            let bytes = s.consume_len as f64 * s.consume_calls as f64;
            let mut rates = Vec::new();
            for (name, runner) in &mut engines {
                let t = median(s.reps, || runner.run_consume(s.consume_calls, s.consume_len).map(drop))?;
                let rate = bytes / t.as_secs_f64() / 1e9;
                rows.push(format!("| {name} | {rate:.2} GB/s |"));
                rates.push(rate);
            }
            drop(engines);
            let src = vec![7u8; s.consume_len as usize];
            let mut dst = vec![0u8; s.consume_len as usize];
            let t = median(s.reps, || {
                for _ in 0..s.consume_calls {
                    dst.copy_from_slice(black_box(&src));
                    black_box(&mut dst);
                }
                Ok(())
            })?;
            let native = bytes / t.as_secs_f64() / 1e9;
            rows.push(format!("| native `memcpy` (Rust `copy_from_slice`), same machine | {native:.2} GB/s |"));
            // Rows 2 and 3: portable (fixed) on cranelift and on WASM3.
            let (cranelift, wasm3) = (rates[2], rates[3]);
            rows.push(String::new());
            rows.push(format!(
                "Target: portable on cranelift within 1.5x of native `memcpy`; portable on WASM3 at least \
                 4 GB/s. Measured: {:.2}x ({}); {wasm3:.2} GB/s ({}).",
                native / cranelift,
                verdict(native / cranelift <= 1.5),
                verdict(wasm3 >= 4.0)
            ));
            report.section(
                &format!(
                    "2. Copy throughput: a {} KiB `list<u8>` argument (allocate, copy, free)",
                    s.consume_len / 1024
                ),
                "| configuration | throughput |",
                rows,
            );
        }
    }

    if wants(3) {
        compute(&mut report, s, &pipeline, &block, &out)?;
    }
    if wants(4) {
        growth(&mut report, s)?;
    }
    if wants(5) {
        memory_cost(&mut report, s, &args)?;
    }

    let (guest, dependency) = (read("guest")?, read("dependency")?);
    if wants(6) {
        // 6. Link time and scaling.
        let mut rows = Vec::new();
        for profile in [Profile::MultiMemory, Profile::Portable] {
            let t = median(s.link_reps, || {
                Linker::new()
                    .module("guest", guest.clone())
                    .module("dependency", dependency.clone())
                    .profile(profile)
                    .link()?;
                Ok(())
            })?;
            let input = (guest.len() + dependency.len()) as f64;
            rows.push(format!(
                "| the example (guest + dependency, {:.0} KB) | {} | {:.2} ms | {:.1} MB/s |",
                input / 1e3,
                profile_label(profile),
                t.as_secs_f64() * 1e3,
                input / t.as_secs_f64() / 1e6
            ));
        }
        for &mb in s.synth_mb {
            let (main, big, wit) = synth::pair(mb * 1_000_000);
            for profile in [Profile::MultiMemory, Profile::Portable] {
                let t = median(s.link_reps.min(3), || {
                    Linker::new()
                        .module("main", main.clone())
                        .module("big", big.clone())
                        .interface("big", wit.as_str())
                        .profile(profile)
                        .link()?;
                    Ok(())
                })?;
                let input = (main.len() + big.len()) as f64;
                rows.push(format!(
                    "| generated dependency, {:.1} MB of code | {} | {:.1} ms | {:.1} MB/s |",
                    big.len() as f64 / 1e6,
                    profile_label(profile),
                    t.as_secs_f64() * 1e3,
                    input / t.as_secs_f64() / 1e6
                ));
            }
        }
        rows.push(String::new());
        rows.push(
            "Target: under 100 ms for the example in a release build; time linear in the input (compare the \
                   throughput column across sizes)."
                .to_string(),
        );
        report.section("6. Link time and scaling", "| input | profile | link time | throughput |", rows);
    }

    if wants(7) {
        // 7. Output size.
        let mut rows = Vec::new();
        let (rescale_pipeline, rescale_block) = (read("rescale_pipeline")?, read("rescale_block")?);
        let (many_main, many_dep, many_wit) = synth::many_functions(50_000);
        let pairs: [SizeRow; 4] = [
            ("the example", [("guest", &guest), ("dependency", &dependency)], None),
            ("the benchmark pair", [("pipeline", &pipeline), ("bench", &block)], None),
            ("image-rescale", [("pipeline", &rescale_pipeline), ("rescale", &rescale_block)], None),
            ("generated: 50,000 small functions", [("main", &many_main), ("big", &many_dep)], Some(&many_wit)),
        ];
        for (label, [(name_a, a), (name_b, b)], wit) in pairs {
            let linked = |profile, layout| {
                let linker = Linker::new().module(name_a, a.to_vec()).module(name_b, b.to_vec()).profile(profile);
                let linker = match wit {
                    Some(wit) => linker.interface(name_b, wit.to_string()),
                    None => linker,
                };
                let linker = if profile == Profile::Portable { linker.layout(layout) } else { linker };
                linker.link().map(|v| v.len()).with_context(|| format!("linking {label}"))
            };
            let sum = a.len() + b.len();
            let size = |bytes: usize| format!("{bytes} B ({:+.1}%)", (bytes as f64 / sum as f64 - 1.0) * 100.0);
            rows.push(format!(
                "| {label} | {sum} B | {} | {} | {} |",
                size(linked(Profile::MultiMemory, Layout::Fixed)?),
                size(linked(Profile::Portable, Layout::Fixed)?),
                size(linked(Profile::Portable, Layout::Movable)?)
            ));
        }
        rows.push(String::new());
        rows.push(
            "Target: no output larger than the sum of its inputs. The table says where it is missed. What the linker adds: the adapters and one UTF-8 validator per memory strings are \
         read from; in the portable profile the helpers (copy, fill and growth loops, once per output) \
         and, above all, the region bases folded into every load's and store's offset, whose LEB grows \
         from one byte to three or four for a region above 2 MiB (the fixed layout puts a dependency \
         past the main module's 16 MiB reservation; the movable layout adds a global read and an add \
         instead); in the multi-memory profile a memory-index byte in every load and store of a module \
         whose memory is not the first. The generated module, two loads per 30-byte function, shows \
         these per-access bytes at their largest. What it removes: dead functions, and custom sections other than \
         names and producers."
                .to_string(),
        );
        report.section(
            "7. Output size",
            "| modules | sum of inputs | linked multi-memory | linked portable, fixed layout | linked portable, movable layout |",
            rows,
        );
    }

    if wants(8) {
        // 8. Start-up: compile + instantiate + first call.
        let mut rows = Vec::new();
        let t = median(s.reps, || Wasmer::wired(&pipeline, &block)?.run_nop(1))?;
        rows.push(format!("| two modules wired at run time, cranelift | {:.2} ms |", t.as_secs_f64() * 1e3));
        let t = median(s.reps, || Wasmer::linked(&out.multi)?.run_nop(1))?;
        rows.push(format!("| one linked module (multi-memory), cranelift | {:.2} ms |", t.as_secs_f64() * 1e3));
        for (layout, bytes) in [(Layout::Fixed, &out.fixed), (Layout::Movable, &out.movable)] {
            let t = median(s.reps, || Wasmer::linked(bytes)?.run_nop(1))?;
            rows.push(format!(
                "| one linked module (portable, {} layout), cranelift | {:.2} ms |",
                layout.name(),
                t.as_secs_f64() * 1e3
            ));
        }
        for (layout, bytes) in [(Layout::Fixed, &out.fixed), (Layout::Movable, &out.movable)] {
            let t = median(s.reps, || Wasm3::new(bytes)?.run_nop(1))?;
            rows.push(format!(
                "| one linked module (portable, {} layout), WASM3 | {:.2} ms |",
                layout.name(),
                t.as_secs_f64() * 1e3
            ));
        }
        rows.push(String::new());
        rows.push(format!(
            "WASM3 allocates and zeroes the whole initial memory when it instantiates a module: with the fixed \
             layout that includes the pipeline's reservation ({} MiB), which is most of its start-up here \
             (section 5 shows the memory).",
            linker::layout::DEFAULT_RESERVE >> 20
        ));
        report.section("8. Start-up: compile, instantiate, first call", "| configuration | time |", rows);
    }

    if wants(9) {
        // 9. WASI calls from a dependency: direct against adapted.
        let dep = wasi::dep()?;
        let (wasi_multi, wasi_portable) = (wasi::linked(Profile::MultiMemory)?, wasi::linked(Profile::Portable)?);
        let mut runners: Vec<(&str, Box<dyn wasi::Writes>)> = vec![
            ("dependency alone (WASI reads its memory), cranelift", Box::new(wasi::OnWasmer::new(&dep)?)),
            ("linked multi-memory (adapted), cranelift", Box::new(wasi::OnWasmer::new(&wasi_multi)?)),
            ("linked portable, fixed layout (adapted), cranelift", Box::new(wasi::OnWasmer::new(&wasi_portable)?)),
            ("dependency alone, WASM3", Box::new(wasi::OnWasm3::new(&dep)?)),
            ("linked portable, fixed layout (adapted), WASM3", Box::new(wasi::OnWasm3::new(&wasi_portable)?)),
        ];
        let mut rows = Vec::new();
        for (name, runner) in &mut runners {
            let mut cells = Vec::new();
            for len in [16u64, 4096] {
                let n = s.wasi_calls;
                let mut written = 0;
                let t = median(s.reps, || {
                    written = runner.writes(n, len)?;
                    Ok(())
                })?;
                if written != n * len {
                    bail!("{name}: `fd_write` reported {written} bytes written, expected {}", n * len);
                }
                cells.push(nanos(t / n.max(1) as u32));
            }
            rows.push(format!("| {name} | {} | {} |", cells[0], cells[1]));
        }
        report.section(
            "9. WASI `fd_write` from a dependency (per call, median; the host reads the bytes, no system call)",
            "| configuration | 16 bytes in 2 iovecs | 4 KiB in 2 iovecs |",
            rows,
        );
    }

    if wants(10) {
        // 10. WIT↔WAI adapters against WAI↔WAI ones.
        let pipeline = read("rescale_pipeline")?;
        let wai = wit::link(&pipeline, &read("rescale_block")?)?;
        let wit_ = wit::link(&pipeline, &read("witbindgen_block")?)?;
        let mut rows = Vec::new();
        let mut times = Vec::new();
        for (engine, rounds) in [("cranelift", s.wit_rounds), ("WASM3", s.wit_rounds / 4 + 1)] {
            for (label, bytes) in
                [("WAI block (WAI↔WAI adapters)", &wai), ("wit-bindgen block (WIT↔WAI adapters)", &wit_)]
            {
                let mut runner = match engine {
                    "cranelift" => wit::Rescale::wasmer(bytes)?,
                    _ => wit::Rescale::wasm3(bytes)?,
                };
                let t = per_call(s.reps, rounds * 5, || runner.rounds(rounds, 16))?;
                rows.push(format!("| {engine} | {label} | {} |", nanos(t)));
                times.push(t.as_secs_f64());
            }
        }
        rows.push(String::new());
        rows.push(format!(
            "The image-rescale pipeline (WAI glue) linked (portable, fixed layout) with the WAI block and with \
             the same block written with wit-bindgen 0.61; per call of the pipeline's `run` on 16x16 images, \
             which calls one of the block's five functions (every WAI type crosses, both ways). The blocks' own \
             code differs (each has its generator's glue), so this bounds the adapters' difference rather than \
             isolating it. WIT against WAI: cranelift {:+.1}%, WASM3 {:+.1}%.",
            (times[1] / times[0] - 1.0) * 100.0,
            (times[3] / times[2] - 1.0) * 100.0
        ));
        report.section(
            "10. Blocks built with today's wit-bindgen: a call through WIT↔WAI adapters",
            "| engine | block | per `run` call (median) |",
            rows,
        );
    }

    if wants(11) {
        linker_as_wasm(&mut report, s, &args.wasm_dir, (&guest, &dependency))?;
    }

    if wants(12) {
        components::section(&mut report, args.quick, &args.wasm_dir)?;
    }

    if wants(13) {
        wasip2::section(&mut report, args.quick)?;
    }

    if let Some(path) = args.write {
        if args.quick {
            bail!("`--quick` figures are not benchmarks: not writing `{}`", path.display());
        }
        // What was measured by hand (its commands given there) is kept.
        let by_hand = std::fs::read_to_string(&path)
            .ok()
            .and_then(|old| old.find(BY_HAND).map(|at| old[at..].to_string()))
            .unwrap_or_default();
        let text = report_text(&report.0) + &by_hand;
        std::fs::write(&path, text).with_context(|| format!("writing `{}`", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// Section 11: `wasmer-link` built for `wasm32-wasip1`, run by Wasmer
/// (cranelift), against the native binary, on the example and a generated
/// module ([`linker_wasm`]).
/// A row's label, its files (name, bytes) and the command's arguments.
type LinkInput<'a> = (String, Vec<(&'a str, Vec<u8>)>, Vec<&'a str>);

fn linker_as_wasm(report: &mut Report, s: &Sizes, wasm_dir: &Path, example: (&[u8], &[u8])) -> Result<()> {
    use linker_wasm::{Input, Native, OnWasm3, OnWasmer};
    let webc = wasm_dir
        .parent()
        .unwrap_or(Path::new("."))
        .join("wapm_packages")
        .join(format!("example/wasmer-link@{}.webc", env!("CARGO_PKG_VERSION")));
    let native = Native::beside_runner()?;
    let wasm = OnWasmer::new(&webc, s.linker_wasm_mb.is_some())?;
    let wasm3 = OnWasm3::new(&std::fs::read(wasm_dir.join("wasmer-link.wasm")).with_context(|| {
        format!("reading `{}` (run `cargo xtask package-linker`)", wasm_dir.join("wasmer-link.wasm").display())
    })?)?;
    let mut inputs: Vec<LinkInput> = vec![(
        format!("the example (guest + dependency, {:.0} KB)", (example.0.len() + example.1.len()) as f64 / 1e3),
        vec![("guest.wasm", example.0.to_vec()), ("dependency.wasm", example.1.to_vec())],
        vec!["guest.wasm", "dependency.wasm"],
    )];
    if let Some(mb) = s.linker_wasm_mb {
        let (main, big, wit) = synth::pair(mb * 1_000_000);
        inputs.push((
            format!("generated dependency, {:.1} MB of code", big.len() as f64 / 1e6),
            vec![("main.wasm", main), ("big.wasm", big), ("big.wit", wit.into_bytes())],
            vec!["main.wasm", "big.wasm", "--wit", "big.wit"],
        ));
    }
    let mut rows = Vec::new();
    for (label, files, args) in inputs {
        for profile in [Profile::Portable, Profile::MultiMemory] {
            let mut args = args.clone();
            args.extend(["--profile", profile.name()]);
            let input = Input::new(label.clone(), files.clone(), &args);
            let reps = if input.bytes() > 1_000_000 { s.link_reps.min(5) } else { s.link_reps };
            native.prepare(&input)?;
            let expected = native.link(&input)?;
            let t_native = median(reps, || native.link(&input).map(drop))?;
            // The first link compiles the module into the runtime's cache: untimed.
            let linked = wasm.link(&input)?;
            if linked != expected {
                bail!(
                    "`wasmer-link {}`: the wasm build wrote {} bytes, the native binary {}, and they differ",
                    input.args.join(" "),
                    linked.len(),
                    expected.len()
                );
            }
            let t_wasm = median(reps, || wasm.link(&input).map(drop))?;
            wasm3.prepare(&input)?;
            let mut on_wasm3 = Vec::new();
            let t_wasm3 = median(reps.min(3), || {
                on_wasm3 = wasm3.link(&input)?;
                Ok(())
            })?;
            if on_wasm3 != expected {
                bail!(
                    "`wasmer-link {}`: on WASM3 the wasm build wrote {} bytes, the native binary {}, and they differ",
                    input.args.join(" "),
                    on_wasm3.len(),
                    expected.len()
                );
            }
            let ms = |t: Duration| t.as_secs_f64() * 1e3;
            rows.push(format!(
                "| {} | {} | {:.1} ms | {:.1} ms ({:.1}x) | {:.0} ms ({:.0}x) |",
                input.label,
                profile_label(profile),
                ms(t_native),
                ms(t_wasm),
                t_wasm.as_secs_f64() / t_native.as_secs_f64(),
                ms(t_wasm3),
                t_wasm3.as_secs_f64() / t_native.as_secs_f64()
            ));
            eprintln!("{}", rows.last().unwrap());
        }
    }
    rows.push(String::new());
    rows.push(format!(
        "Each row is one whole command, `wasmer-link INPUTS --profile P -o out.wasm` (start, read, link, write), \
         median of {} runs ({} for the generated module, at most 3 on WASM3); in brackets, the ratio to the \
         native binary. Native: the release binary as a fresh process (its process start is in the row; \
         the wasm runs start an instance in this process instead), the physical limit. Wasmer: \
         `wasmer-link.wasm` ({:.1} MB, `wasm32-wasip1`, release) from the `.webc` of `cargo xtask \
         package-linker`, its command run as `wasmer run` runs it (`wasmer-wasix`'s package loader and WASI \
         runner, cranelift), a fresh instance per link, the inputs in a mapped in-memory directory; compiling \
         the module took {}, once, not in the rows (`wasmer run` caches compiled modules). WASM3: the same \
         module linked by itself in the `portable` profile (WASM3 0.4.7 crashes on bulk memory, which the \
         profile lowers to loops), parsed and run in a fresh runtime per link, with WASM3's own WASI, whose gaps \
         the runner fills (the arguments, and `path_filestat_get`, `path_rename`, `path_unlink_file`, \
         `fd_sync`, which WASM3 0.4.7 does not link), in the working directory WASM3 preopens. Every output is checked byte \
         for byte against the native binary's. Rerun: `cargo xtask bench`, or `cargo run --release -p bench -- \
         --sections 11` after `cargo xtask package-linker` and `cargo build --release -p bench -p wasmer-link`.",
        s.link_reps,
        s.link_reps.min(5),
        wasm.module_bytes as f64 / 1e6,
        wasm.compile.map_or("(not timed in --quick)".to_string(), |t| format!("{:.1} s", t.as_secs_f64()))
    ));
    report.section(
        "11. The linker as WebAssembly: `wasmer-link.wasm` on Wasmer and WASM3 against the native binary",
        "| input | profile | native binary | wasm on Wasmer (cranelift) | wasm on WASM3 |",
        rows,
    );
    Ok(())
}

/// `multi-memory`, or `portable` with the layout it uses by default.
fn profile_label(profile: Profile) -> String {
    match profile {
        Profile::Portable => format!("portable ({} layout)", Layout::default().name()),
        other => other.name().to_string(),
    }
}

/// Section 3: the block's compute (a rescale), alone and linked every way,
/// interleaved round-robin per engine, against the block alone.
fn compute(report: &mut Report, s: &Sizes, pipeline: &[u8], block: &[u8], out: &Outputs) -> Result<()> {
    let alone_linked = "block alone, linked by itself (one region at base 0)";
    let cranelift: Vec<(&str, Box<dyn Rescales>)> = vec![
        ("block alone, the raw module (its own memory)", Box::new(Block::new(block)?)),
        (alone_linked, Box::new(Block::new(&out.block_alone)?)),
        ("run-time wired (host-mediated copies)", Box::new(Wasmer::wired(pipeline, block)?)),
        ("linked multi-memory", Box::new(Wasmer::linked(&out.multi)?)),
        (FIXED, Box::new(Wasmer::linked(&out.fixed)?)),
        ("linked portable, movable layout", Box::new(Wasmer::linked(&out.movable)?)),
        (FIXED_CHECKED, Box::new(Wasmer::linked(&out.fixed_checked)?)),
        ("linked portable, movable, `--bounds-checks`", Box::new(Wasmer::linked(&out.movable_checked)?)),
    ];
    let wasm3: Vec<(&str, Box<dyn Rescales>)> = vec![
        (alone_linked, Box::new(Wasm3Block(Wasm3::new(&out.block_alone)?))),
        (FIXED, Box::new(Wasm3::new(&out.fixed)?)),
        ("linked portable, movable layout", Box::new(Wasm3::new(&out.movable)?)),
        (FIXED_CHECKED, Box::new(Wasm3::new(&out.fixed_checked)?)),
        ("linked portable, movable, `--bounds-checks`", Box::new(Wasm3::new(&out.movable_checked)?)),
    ];
    let expected = Cell::new(None);
    let mut rows = Vec::new();
    let mut targets = Vec::new();
    // Per engine: the configurations, and the references the targets are
    // measured against (the first is the one the verdict is about).
    let engines = [
        ("cranelift", cranelift, s.rounds_cranelift, vec![(0, "the raw block"), (1, "the block linked by itself")]),
        ("WASM3", wasm3, s.rounds_wasm3, vec![(0, "the block linked by itself")]),
    ];
    for (engine, configs, rounds, references) in engines {
        let names: Vec<&str> = configs.iter().map(|(name, _)| *name).collect();
        let mut runs: Vec<Box<dyn FnMut() -> Result<()> + '_>> = configs
            .into_iter()
            .map(|(name, mut runner)| {
                let expected = &expected;
                Box::new(move || {
                    let checksum = runner.rescale(s.image, s.image, s.passes)?;
                    match expected.get() {
                        Some(first) if first != checksum => {
                            bail!("`{name}` ({engine}) computed the rescale checksum {checksum:#x}, not {first:#x}")
                        }
                        _ => expected.set(Some(checksum)),
                    }
                    Ok(())
                }) as Box<dyn FnMut() -> Result<()>>
            })
            .collect();
        let times = stats::interleaved(rounds, &mut runs)?;
        for (i, (name, samples)) in names.iter().zip(&times).enumerate() {
            let spread = Spread::of_durations(samples).context("no samples")?;
            let vs = match stats::paired(samples, &times[0]) {
                Some(r) if i > 0 => percent(&r),
                _ => "reference".to_string(),
            };
            rows.push(format!("| {engine} | {name} | {} | {vs} |", spread.cells()));
        }
        let at = |name: &str| names.iter().position(|n| *n == name).expect("a configuration of this section");
        let (fixed, checked) = (&times[at(FIXED)], &times[at(FIXED_CHECKED)]);
        for (k, (reference, against)) in references.into_iter().enumerate() {
            let ratio = |of| stats::paired(of, &times[reference]).context("no samples");
            targets.push(Target { engine, against, primary: k == 0, fixed: ratio(fixed)?, checked: ratio(checked)? });
        }
    }
    rows.push(String::new());
    rows.push(format!(
        "Each engine's configurations ran interleaved in one process: {} rounds on cranelift, {} on WASM3 \
         (after one discarded round), each round running every configuration once in a shuffled order. \
         Time: median, middle half (25th–75th percentile) and range of the rounds. \"vs block alone\": the \
         median over rounds of each round's ratio to the block alone, with its middle half, so a slow moment \
         of the machine counts on both sides. The block imports nothing, so it runs alone. The raw module is \
         the reference on cranelift; WASM3 cannot load it (padded LEBs, `memory.copy`), so there the \
         reference is the block linked by itself (`Linker::new().module(\"bench\", block)`, `portable`: its \
         one memory at base 0, re-encoded, bulk memory lowered to helper loops), which cranelift also runs: \
         its difference from the raw module is what lowering bulk memory costs, whatever the layout.",
        s.rounds_cranelift, s.rounds_wasm3
    ));
    for (what, limit, pick) in [
        ("portable with the default fixed layout", 0.05, (|t: &Target| t.fixed) as fn(&Target) -> Spread),
        ("portable (fixed layout) with `--bounds-checks`", 0.15, |t: &Target| t.checked),
    ] {
        let measured: Vec<String> = targets
            .iter()
            .map(|t| {
                let r = pick(t);
                let met = if t.primary { format!(" ({})", verdict(r.median - 1.0 <= limit)) } else { String::new() };
                format!("{} {} against {}{met}", t.engine, percent(&r), t.against)
            })
            .collect();
        rows.push(String::new());
        rows.push(format!(
            "Target: {what} within {:.0}% of the block alone, on cranelift and on WASM3. Measured: {}.",
            limit * 100.0,
            measured.join("; ")
        ));
    }
    report.section(
        &format!("3. Profile overhead: rescale a {0}x{0} image inside the block ({1} passes)", s.image, s.passes),
        "| engine | configuration | time (median) | middle half | range | vs block alone |",
        rows,
    );
    Ok(())
}

const FIXED: &str = "linked portable, fixed layout (default)";
const FIXED_CHECKED: &str = "linked portable, fixed, `--bounds-checks`";

/// A configuration of section 3 against one reference, as distributions of
/// per-round ratios.
struct Target {
    engine: &'static str,
    against: &'static str,
    /// The reference the target's verdict is about (others are context).
    primary: bool,
    fixed: Spread,
    checked: Spread,
}

/// `+1.2% (−0.3…+2.5%)`: a ratio's median and middle half, as overheads.
fn percent(r: &Spread) -> String {
    let p = |x: f64| (x - 1.0) * 100.0;
    format!("{:+.1}% ({:+.1}…{:+.1}%)", p(r.median), p(r.q1), p(r.q3))
}

/// Section 4: the main module grows its memory page by page beside a
/// dependency region, per layout.
fn growth(report: &mut Report, s: &Sizes) -> Result<()> {
    let (n, dep_mib) = (s.growths, (s.dep_pages * PAGE) >> 20);
    let reserve = growth::reservation(n);
    let link = |profile, layout| growth::linked(s.dep_pages, profile, layout, reserve);
    let (multi, fixed, movable) = (
        link(Profile::MultiMemory, Layout::Fixed)?,
        link(Profile::Portable, Layout::Fixed)?,
        link(Profile::Portable, Layout::Movable)?,
    );
    let configs: [(&str, &str, &[u8], usize); 5] = [
        ("cranelift", "linked multi-memory (each memory its own)", &multi, s.grow_reps),
        ("cranelift", "linked portable, fixed layout", &fixed, s.grow_reps),
        ("cranelift", "linked portable, movable layout", &movable, s.grow_reps_moving),
        ("WASM3", "linked portable, fixed layout", &fixed, s.grow_reps),
        ("WASM3", "linked portable, movable layout", &movable, s.grow_reps_moving),
    ];
    let mut rows = Vec::new();
    for (engine, name, bytes, reps) in configs {
        let times = match engine {
            "WASM3" => growth::on_wasm3(bytes, n, reps)?,
            _ => growth::on_wasmer(bytes, n, reps)?,
        };
        let spread = Spread::of_durations(&times).context("no samples")?;
        let per_growth = spread.median / n.max(1) as f64;
        rows.push(format!("| {engine} | {name} | {} | {} | {reps} |", spread.cells(), stats::seconds(per_growth)));
    }
    rows.push(String::new());
    rows.push(format!(
        "The main module ({main_pages} page at first) runs `memory.grow 1` {n} times and writes into each new \
         page; a dependency linked after it has a {dep_mib} MiB memory, the region above the main one. Fixed \
         layout: the main module reserves {reserve_mib} MiB (`.reserve(\"main\", {reserve_mib} << 20)`, its {main_pages} \
         page plus {n}, rounded up to whole MiB), all present from instantiation, so a growth bumps the region's \
         size and nothing moves. Movable layout: every growth grows the memory and moves the {dep_mib} MiB region \
         above up by a page (a backward copy in wasm). Every run is a fresh instance and times the {n} growths \
         only; at the end the dependency checks the words at both ends of its region.",
        main_pages = growth::MAIN_PAGES,
        reserve_mib = reserve >> 20,
    ));
    report.section(
        &format!("4. Memory growth: {n} growths of the main module beside a {dep_mib} MiB dependency region"),
        &format!("| engine | configuration | {n} growths (median) | middle half | range | per growth | runs |"),
        rows,
    );
    Ok(())
}

/// Section 5: initial memory and peak resident memory of the two examples
/// under each layout, each run in a fresh process.
fn memory_cost(report: &mut Report, s: &Sizes, args: &Args) -> Result<()> {
    use host::{Engine, Example};
    let read = |name: &str| {
        let path = args.wasm_dir.join(format!("{name}.wasm"));
        std::fs::read(&path).with_context(|| format!("reading `{}` (run `cargo xtask build`)", path.display()))
    };
    let scratch = memory::Scratch::new()?;
    let peak = |engine: Engine, example: Option<(Example, &std::path::Path)>| -> Result<Spread> {
        let mut kib = Vec::new();
        for _ in 0..s.memory_reps {
            kib.push(memory::peak_of_child(engine, example)? as f64 / 1024.0);
        }
        Spread::of(&kib).context("no samples")
    };
    let mib = |sp: &Spread| {
        if sp.min == sp.max {
            format!("{:.1} MiB", sp.median)
        } else {
            format!("{:.1} MiB ({:.1}–{:.1})", sp.median, sp.min, sp.max)
        }
    };
    let mut rows = Vec::new();
    let mut baseline = Vec::new();
    for (engine, label) in [(Engine::Cranelift, "cranelift"), (Engine::Wasm3, "WASM3")] {
        let sp = peak(engine, None)?;
        rows.push(format!("| nothing: the engine alone | {label} | — | — | {} | — |", mib(&sp)));
        baseline.push((engine, sp.median));
    }
    let examples = [
        ("the example (`loaded`)", Example::Hello, ("guest", "guest"), ("dependency", "dependency")),
        (
            "image-rescale (15 calls of `run`)",
            Example::ImageRescale,
            ("pipeline", "rescale_pipeline"),
            ("rescale", "rescale_block"),
        ),
    ];
    for (label, example, (main_name, main_file), (dep_name, dep_file)) in examples {
        let (main, dep) = (read(main_file)?, read(dep_file)?);
        let pair = || Linker::new().module(main_name, main.clone()).module(dep_name, dep.clone());
        let multi = pair().profile(Profile::MultiMemory).link()?;
        let fixed = pair().layout(Layout::Fixed).link()?;
        let movable = pair().layout(Layout::Movable).link()?;
        let reserved = pair().layout(Layout::Fixed).reserve(main_name, SMALL_RESERVE).link()?;
        let small = format!("portable, fixed layout, `--reserve {main_name}={}MiB`", SMALL_RESERVE >> 20);
        let configs = [
            (Engine::Cranelift, "multi-memory", &multi),
            (Engine::Cranelift, "portable, fixed layout", &fixed),
            (Engine::Cranelift, "portable, movable layout", &movable),
            (Engine::Wasm3, "portable, fixed layout", &fixed),
            (Engine::Wasm3, "portable, movable layout", &movable),
            (Engine::Wasm3, &small, &reserved),
        ];
        for (i, (engine, linked, bytes)) in configs.into_iter().enumerate() {
            let pages = memory::initial_pages(bytes)?;
            if let Some(regions) = linker::layout::Regions::read(bytes).map_err(anyhow::Error::msg)? {
                if regions.initial_pages() != pages {
                    bail!(
                        "`{label}` ({linked}): the recorded layout says {} pages, the memory {pages}",
                        regions.initial_pages()
                    );
                }
            }
            let path = scratch.write(&format!("{main_file}-{i}.wasm"), bytes)?;
            let sp = peak(engine, Some((example, &path)))?;
            let base = baseline.iter().find(|(e, _)| *e == engine).map_or(0.0, |(_, b)| *b);
            let engine_label = if engine == Engine::Wasm3 { "WASM3" } else { "cranelift" };
            rows.push(format!(
                "| {label} | {engine_label} | {linked} | {pages} pages ({:.1} MiB) | {} | {:+.1} MiB |",
                (pages * PAGE) as f64 / (1 << 20) as f64,
                mib(&sp),
                sp.median - base
            ));
        }
    }
    rows.push(String::new());
    rows.push(format!(
        "Peak resident memory (`VmHWM`) of a fresh process per row (this runner started again), median over {} \
         such processes (their range in brackets when they differ). A process runs one linked module through the host's \
         library, as `cargo run -p host` does: read, compile (cranelift) or load (WASM3), instantiate, run; \
         \"over the engine alone\" subtracts the process that only creates the engine. With the fixed layout \
         every region below the top one (here the main module's) is given its reservation at instantiation, \
         {} MiB by default: Wasmer maps memory and commits only the pages that are touched, so that costs \
         address space, not resident memory; WASM3 allocates the memory with `realloc` and zeroes all of it, so \
         there the reservation is resident. The last row of each run reserves the main module {} MiB instead, \
         which these runs fit in.",
        s.memory_reps,
        linker::layout::DEFAULT_RESERVE >> 20,
        SMALL_RESERVE >> 20
    ));
    report.section(
        "5. What the fixed layout's reservation costs: memory",
        "| run | engine | linked | memory at instantiation | peak RSS | over the engine alone |",
        rows,
    );
    Ok(())
}

/// A row of section 7: what it is, its two modules (name, bytes), and the
/// dependency's interface when the module does not carry it.
type SizeRow<'a> = (&'a str, [(&'a str, &'a [u8]); 2], Option<&'a str>);

/// Section 5's smaller reservation for the main module, which both examples'
/// runs fit in.
const SMALL_RESERVE: u64 = 4 << 20;

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "missed"
    }
}

fn separator(header: &str) -> String {
    header.split('|').filter(|c| !c.trim().is_empty()).map(|_| "| --- ").collect::<String>() + "|"
}

fn nanos(d: Duration) -> String {
    let ns = d.as_secs_f64() * 1e9;
    if ns >= 10_000.0 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn median(reps: usize, mut f: impl FnMut() -> Result<()>) -> Result<Duration> {
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

fn per_call(reps: usize, calls: u32, f: impl FnMut() -> Result<()>) -> Result<Duration> {
    Ok(median(reps, f)? / calls.max(1))
}

/// The heading of `BENCHMARKS.md`'s last part, figures measured by hand
/// with the commands given there: `--write` carries it over unchanged.
const BY_HAND: &str = "## Measured by hand";

fn report_text(tables: &str) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    format!(
        "# Benchmarks\n\n\
         Generated by `cargo xtask bench` (release build of `bench/runner`, which writes this file);\n\
         do not edit by hand. Machine: {cpu}, {cores} cores. Figures are medians of several runs in\n\
         one process (`std::time::Instant`); section 3 interleaves its configurations and shows the\n\
         spread, section 5 measures fresh processes. WASM3 is the interpreter the `wasm3` crate\n\
         0.3.1 bundles. The wired configuration is the alternative to linking: two instances,\n\
         every cross-module call through host code that copies arguments and results. `portable`\n\
         outputs use the fixed region layout (the default) unless a row says `movable`.\n\n\
         The machine is a shared 2-core VM: across five runs on 2026-11-25 the 1 KiB string row\n\
         ranged 0.62-1.30 µs (linked, multi-memory) and 2.4-3.9 µs (wired), and the rescale rows\n\
         by about 10%. Compare configurations within one run, not across runs.\n\n\
         {tables}\
         ## Where the time goes\n\n\
         - A linked call with a 1 KiB string in and out allocates twice (the argument in the\n  \
         block, the result in the pipeline), copies twice, frees twice and validates UTF-8 four\n  \
         times: the adapter validates the argument and the result once each (the canonical ABI's\n  \
         guarantee, which lets a receiver trust the bytes, as wit-bindgen's release glue does), and\n  \
         WAI's Rust glue on each side validates again when it makes a `String`. The row done inside\n  \
         the pipeline validates twice. For ASCII the validator skips 32 bytes per step, so the\n  \
         linked call is close to that row; for mixed text validation dominates, and the glue's two\n  \
         extra checks are the gap. The linker cannot tell a receiver that validates (WAI's Rust\n  \
         glue) from one that does not (wit-bindgen release builds, C), so the adapter keeps its\n  \
         check. The work done inside the pipeline is itself less than 10x cheaper than the wired\n  \
         call here, so no crossing that does the canonical ABI's work can be 10x cheaper either.\n\
         - Copies and fills in the portable profile are helper loops moving 128 bytes per step\n  \
         (sixteen 8-byte words; WASM3 has no SIMD and 0.4.7 crashes on `memory.copy`), then 8, then\n  \
         1: on cranelift that is close to native `memcpy` (section 2); on WASM3 each word is one\n  \
         interpreted load and store, about 3.5 GB/s (3.1 to 4.2 GB/s across runs on this machine),\n  \
         which is the interpreter's own limit for a copy written in wasm: a 256-byte step measured\n  \
         no better. WASM3 0.5.0 implements `memory.copy` natively; 0.4.7 crashes on it.\n\
         - Region bases cost nothing per access in the fixed layout: a load or store of the block\n  \
         is its original instruction with the region's base added to the memarg offset, which\n  \
         cranelift folds into the x86 addressing mode (the base becomes the displacement: for a\n  \
         region at 64 MiB, `mov 0x4000004(%r8,%r9,1),%esi` in the disassembly) and WASM3 adds on\n  \
         every access anyway. The movable layout still pays a global read and an add per access\n  \
         of a region other than the main one (section 3, most visible on WASM3).\n\
         - What remains between the block alone and the portable output on cranelift is not the\n  \
         layout. Bulk memory: WASM3 0.4.7 crashes on `memory.copy`/`memory.fill`, so the portable\n  \
         profile calls helpers instead (loops moving 32 bytes per step, then 8, then 1), not the\n  \
         engine's `memmove`/`memset`; the rescale clears 1 MiB every pass, and that fill is about\n  \
         1% of its time on cranelift (perf). The rest is the same wasm compiled as part of another\n  \
         module: the linker re-encodes every function and the JIT places the code elsewhere, and\n  \
         tight loops feel that (before the linker's fills were widened, the byte-at-a-time fill\n  \
         ran 60% slower in one output than in another, where it straddled a 64-byte boundary).\n  \
         The block linked by itself has the same lowering as the fixed layout and differs by the\n  \
         region base, the pipeline around it and where the code lands: the row to compare with.\n\
         - `--bounds-checks` adds a compare and branch to every load and store: against a\n  \
         constant for a region with a capacity, against the region's size (a global) for the top\n  \
         region, which is where the block lives in section 3.\n\
         - Growing memory (section 4): in the fixed layout a region below the top one has its\n  \
         capacity from instantiation, so `memory.grow` bumps a size and nothing moves (beyond the\n  \
         capacity it returns -1: relink with `--reserve`); in the movable layout every growth\n  \
         copies every region above the one that grows, in wasm.\n\
         - The price of the fixed layout is the reservation (sections 5 and 8): the main module's\n  \
         region is {reserve} MiB unless it declares a maximum or is given `--reserve`. Wasmer maps memory\n  \
         lazily, so that is address space; WASM3 allocates and zeroes the whole initial memory,\n  \
         so there it is resident memory and start-up time. A host that runs on WASM3 should link\n  \
         with `--reserve` sized to what the modules need.\n\
         - A WASI call from a dependency (section 9) pays two allocations and frees in the main\n  \
         module (here a bump allocator; dlmalloc costs more), the rebuilt iovec array and a copy of\n  \
         every buffer. On cranelift that is tens of nanoseconds, small next to a real `write`\n  \
         system call; on WASM3 the copy is an interpreted loop, not `memmove`, which is what the\n  \
         4 KiB column shows.\n",
        reserve = linker::layout::DEFAULT_RESERVE >> 20
    )
}

/// Something that runs the block's `rescale` (section 3), through the
/// pipeline or directly.
trait Rescales {
    fn rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64>;
}

impl Rescales for Wasmer {
    fn rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64> {
        self.run_rescale(w, h, passes)
    }
}

impl Rescales for Wasm3 {
    fn rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64> {
        self.run_rescale(w, h, passes)
    }
}

/// The block by itself on Wasmer, its `rescale` called by the host: the
/// raw module, or the block linked by itself.
struct Block {
    store: Store,
    bench: Bench,
}

impl Block {
    fn new(bytes: &[u8]) -> Result<Self> {
        let mut store = Store::new(wasmer::sys::Cranelift::default());
        let module = Module::new(&store, bytes).context("compiling the block")?;
        let (bench, _) = Bench::instantiate(&mut store, &module, &mut Imports::new())?;
        Ok(Block { store, bench })
    }
}

impl Rescales for Block {
    fn rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64> {
        Ok(self.bench.rescale(&mut self.store, w, h, passes)?)
    }
}

/// The block linked by itself, on WASM3.
struct Wasm3Block(Wasm3);

impl Rescales for Wasm3Block {
    fn rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64> {
        let f = self.0.runtime.find_function::<(i32, i32, i32), i64>("rescale").map_err(|e| anyhow!("{e}"))?;
        Ok(f.call(w as i32, h as i32, passes as i32).map_err(|e| anyhow!("wasm3: {e}"))? as u64)
    }
}

/// One way of running the benchmark pipeline.
trait Runner {
    fn run_nop(&mut self, n: u32) -> Result<()>;
    fn run_echo(&mut self, n: u32, len: u32, mixed: bool) -> Result<u32>;
    fn run_echo_inside(&mut self, n: u32, len: u32, mixed: bool) -> Result<u32>;
    fn run_consume(&mut self, n: u32, len: u32) -> Result<u32>;
    fn run_rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64>;
}

struct Wasmer {
    store: Store,
    pipeline: Pipeline,
}

/// What the pipeline's `bench.*` imports need when wired at run time.
struct Wiring {
    bench: Bench,
    memory: Option<Memory>,
    realloc: Option<TypedFunction<(i32, i32, i32, i32), i32>>,
}

fn trap(e: impl std::fmt::Display) -> RuntimeError {
    RuntimeError::new(e.to_string())
}

impl Wasmer {
    fn linked(bytes: &[u8]) -> Result<Self> {
        let mut store = Store::new(wasmer::sys::Cranelift::default());
        let module = Module::new(&store, bytes)?;
        let (pipeline, _) = Pipeline::instantiate(&mut store, &module, &mut Imports::new())?;
        Ok(Wasmer { store, pipeline })
    }

    /// The pipeline and the block as two instances; host functions copy
    /// every string and list between their memories.
    fn wired(pipeline: &[u8], block: &[u8]) -> Result<Self> {
        let mut store = Store::new(wasmer::sys::Cranelift::default());
        let block = Module::new(&store, block)?;
        let (bench, _) = Bench::instantiate(&mut store, &block, &mut Imports::new())?;
        let env = FunctionEnv::new(&mut store, Wiring { bench, memory: None, realloc: None });
        let nop = Function::new_typed_with_env(&mut store, &env, |mut env: FunctionEnvMut<Wiring>| {
            let (w, mut store) = env.data_and_store_mut();
            w.bench.nop(&mut store)
        });
        let echo = Function::new_typed_with_env(
            &mut store,
            &env,
            |mut env: FunctionEnvMut<Wiring>, ptr: i32, len: i32, ret: i32| -> Result<(), RuntimeError> {
                let (w, mut store) = env.data_and_store_mut();
                let memory = w.memory.clone().ok_or_else(|| trap("not wired yet"))?;
                let bytes = memory.view(&store).copy_range_to_vec(ptr as u64..ptr as u64 + len as u64).map_err(trap)?;
                let s = String::from_utf8(bytes).map_err(trap)?;
                let out = w.bench.echo(&mut store, &s)?;
                let realloc = w.realloc.clone().ok_or_else(|| trap("not wired yet"))?;
                let at = realloc.call(&mut store, 0, 0, 1, out.len() as i32)?;
                let view = memory.view(&store);
                view.write(at as u64, out.as_bytes()).map_err(trap)?;
                view.write(ret as u64, &at.to_le_bytes()).map_err(trap)?;
                view.write(ret as u64 + 4, &(out.len() as i32).to_le_bytes()).map_err(trap)?;
                Ok(())
            },
        );
        let consume = Function::new_typed_with_env(
            &mut store,
            &env,
            |mut env: FunctionEnvMut<Wiring>, ptr: i32, len: i32| -> Result<i32, RuntimeError> {
                let (w, mut store) = env.data_and_store_mut();
                let memory = w.memory.clone().ok_or_else(|| trap("not wired yet"))?;
                let data = memory.view(&store).copy_range_to_vec(ptr as u64..ptr as u64 + len as u64).map_err(trap)?;
                Ok(w.bench.consume(&mut store, &data)? as i32)
            },
        );
        let rescale = Function::new_typed_with_env(
            &mut store,
            &env,
            |mut env: FunctionEnvMut<Wiring>, w_: i32, h: i32, p: i32| -> Result<i64, RuntimeError> {
                let (w, mut store) = env.data_and_store_mut();
                Ok(w.bench.rescale(&mut store, w_ as u32, h as u32, p as u32)? as i64)
            },
        );
        let mut imports = Imports::new();
        imports.define("bench", "nop", nop);
        imports.define("bench", "echo", echo);
        imports.define("bench", "consume", consume);
        imports.define("bench", "rescale", rescale);
        let module = Module::new(&store, pipeline)?;
        let (pipeline, instance) = Pipeline::instantiate(&mut store, &module, &mut imports)?;
        let memory = instance.exports.get_memory("memory")?.clone();
        let realloc = instance.exports.get_typed_function(&store, "canonical_abi_realloc")?;
        let wiring = env.as_mut(&mut store);
        wiring.memory = Some(memory);
        wiring.realloc = Some(realloc);
        Ok(Wasmer { store, pipeline })
    }
}

impl Runner for Wasmer {
    fn run_nop(&mut self, n: u32) -> Result<()> {
        Ok(self.pipeline.run_nop(&mut self.store, n)?)
    }
    fn run_echo(&mut self, n: u32, len: u32, mixed: bool) -> Result<u32> {
        Ok(self.pipeline.run_echo(&mut self.store, n, len, mixed)?)
    }
    fn run_echo_inside(&mut self, n: u32, len: u32, mixed: bool) -> Result<u32> {
        Ok(self.pipeline.run_echo_inside(&mut self.store, n, len, mixed)?)
    }
    fn run_consume(&mut self, n: u32, len: u32) -> Result<u32> {
        Ok(self.pipeline.run_consume(&mut self.store, n, len)?)
    }
    fn run_rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64> {
        Ok(self.pipeline.run_rescale(&mut self.store, w, h, passes)?)
    }
}

struct Wasm3 {
    runtime: wasm3::Runtime,
    _env: wasm3::Environment,
}

impl Wasm3 {
    fn new(bytes: &[u8]) -> Result<Self> {
        let env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: {e}"))?;
        let runtime = env.create_runtime(1 << 20).map_err(|e| anyhow!("wasm3: {e}"))?;
        runtime.parse_and_load_module(bytes.to_vec()).map_err(|e| anyhow!("wasm3 cannot load the module: {e}"))?;
        Ok(Wasm3 { runtime, _env: env })
    }

    /// Calls `name: (n, len, mixed) -> u32`.
    fn call3(&self, name: &str, n: u32, len: u32, mixed: bool) -> Result<u32> {
        let f = self.runtime.find_function::<(i32, i32, i32), i32>(name).map_err(|e| anyhow!("{e}"))?;
        Ok(f.call(n as i32, len as i32, mixed as i32).map_err(|e| anyhow!("wasm3: {e}"))? as u32)
    }
}

impl Runner for Wasm3 {
    fn run_nop(&mut self, n: u32) -> Result<()> {
        let f = self.runtime.find_function::<i32, ()>("run-nop").map_err(|e| anyhow!("{e}"))?;
        f.call(n as i32).map_err(|e| anyhow!("wasm3: {e}"))
    }
    fn run_echo(&mut self, n: u32, len: u32, mixed: bool) -> Result<u32> {
        self.call3("run-echo", n, len, mixed)
    }
    fn run_echo_inside(&mut self, n: u32, len: u32, mixed: bool) -> Result<u32> {
        self.call3("run-echo-inside", n, len, mixed)
    }
    fn run_consume(&mut self, n: u32, len: u32) -> Result<u32> {
        let f = self.runtime.find_function::<(i32, i32), i32>("run-consume").map_err(|e| anyhow!("{e}"))?;
        Ok(f.call(n as i32, len as i32).map_err(|e| anyhow!("wasm3: {e}"))? as u32)
    }
    fn run_rescale(&mut self, w: u32, h: u32, passes: u32) -> Result<u64> {
        let f = self.runtime.find_function::<(i32, i32, i32), i64>("run-rescale").map_err(|e| anyhow!("{e}"))?;
        Ok(f.call(w as i32, h as i32, passes as i32).map_err(|e| anyhow!("wasm3: {e}"))? as u64)
    }
}
