//! The components example's oracle, and the proof that the harness's
//! canonical-ABI calling (`common/components.rs`, which will run the linked
//! output) is right:
//!
//! - the block's core module (`block.core.wasm`, before `wit-component` made
//!   it a component) called through the core ABI, its `tensor` resource's
//!   intrinsics served by the harness's handle table, answers exactly what
//!   the block component answers in wasmtime, for random inputs and random
//!   sequences of tensor operations;
//! - the composed app (`composed.wasm`) in wasmtime: `run(seed)` over many
//!   seeds, each transcript checked against the block component called
//!   directly, and the smaller exports against the same computation done
//!   through the block component;
//! - 10 000 calls of the oracle leave no tensor alive and grow no memory.

mod common;
#[path = "common/components.rs"]
mod components;

use common::{Engine, Rng, WASMER};
use components::wit::block::exports::fixture::blocks::ops::{Level, Shape, Stats, Style};
use components::{BlockComponent, Core, CoreApp, Oracle, Val};

const OPS: &str = "fixture:blocks/ops";

// ---------------------------------------------------------------------------
// Random inputs.

fn string(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &["a", "Z", "q", " ", ",", "0", "7", "é", "ß", "Ω", "ж", "€", "🦀", "\u{0}", "\n", "ǅ"];
    (0..rng.below(24)).map(|_| PIECES[rng.below(PIECES.len() as u64) as usize]).collect()
}

fn strings(rng: &mut Rng) -> Vec<String> {
    (0..rng.below(6)).map(|_| string(rng)).collect()
}

/// Finite floats of many magnitudes and signs (no NaN: the component model
/// may canonicalize NaN payloads, the core ABI does not).
fn f64s(rng: &mut Rng) -> Vec<f64> {
    (0..rng.below(12)).map(|_| float(rng)).collect()
}

fn float(rng: &mut Rng) -> f64 {
    let mantissa = rng.below(2_000_001) as f64 - 1_000_000.0;
    mantissa * 10f64.powi(rng.below(13) as i32 - 8)
}

fn f32s(rng: &mut Rng) -> Vec<f32> {
    (0..rng.below(10)).map(|_| float(rng) as f32).collect()
}

fn number_text(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => rng.next_u64().to_string(),          // often too large
        1 => (rng.next_u64() as u32).to_string(), // a u32
        2 => format!(" {} ", rng.below(1000)),    // trimmed
        3 => format!("-{}", rng.below(10)),       // negative
        _ => string(rng),
    }
}

fn shape(rng: &mut Rng) -> Shape {
    match rng.below(4) {
        0 => Shape::Empty,
        1 => Shape::Named(string(rng)),
        2 => Shape::Square(rng.next_u64() as u32),
        _ => Shape::Polygon(f64s(rng)),
    }
}

fn style(bits: u8) -> Style {
    let mut style = Style::empty();
    for (bit, flag) in [(1, Style::BOLD), (2, Style::ITALIC), (4, Style::LOUD)] {
        if bits & bit != 0 {
            style |= flag;
        }
    }
    style
}

fn level_index(level: Level) -> u8 {
    match level {
        Level::Low => 0,
        Level::Mid => 1,
        Level::High => 2,
    }
}

fn bits32(xs: &[f32]) -> Vec<u32> {
    xs.iter().map(|x| x.to_bits()).collect()
}

// ---------------------------------------------------------------------------
// The block's core module, called by the canonical ABI.

/// `block.core.wasm` on one engine. A tensor the caller owns is its
/// representation: the constructor's and `scale`'s results are handles in
/// the block's own table (made by `[resource-new]tensor`), which the
/// caller lifts (the handle leaves the table); methods get the
/// representation (a borrow of a resource the callee defines); dropping the
/// caller's handle runs `[dtor]tensor`.
struct CoreBlock {
    core: Core,
}

fn export(name: &str) -> String {
    format!("{OPS}#{name}")
}

/// The block's core module as built, and as `wasmer-link` writes it linked
/// alone (`portable`: bulk memory lowered, which WASM3 needs; its resource
/// intrinsics stay imports).
#[derive(Clone, Copy, Debug)]
enum Build {
    Raw,
    LinkedAlone,
}

/// Every engine, and the build it can run.
const BLOCK_RUNS: [(Engine, Build); 5] = [
    (Engine::Cranelift, Build::Raw),
    (Engine::Singlepass, Build::Raw),
    (Engine::Cranelift, Build::LinkedAlone),
    (Engine::Singlepass, Build::LinkedAlone),
    (Engine::Wasm3, Build::LinkedAlone),
];

impl CoreBlock {
    fn new(engine: Engine, build: Build) -> CoreBlock {
        let raw = components::read("block.core.wasm");
        let bytes = match build {
            Build::Raw => raw,
            Build::LinkedAlone => linker::Linker::new()
                .module("block", raw)
                .link()
                .unwrap_or_else(|e| panic!("linking block.core.wasm alone: {e}")),
        };
        let core =
            Core::new(engine, &bytes).unwrap_or_else(|e| panic!("block.core.wasm ({build:?}) on {engine:?}: {e}"));
        CoreBlock { core }
    }

    /// Takes `handle` out of the block's `tensor` table: the own handle
    /// crosses to the caller.
    fn lift_own(&mut self, handle: Val) -> u32 {
        let mut handles = self.core.handles.lock().unwrap();
        let table = handles.table(&export("tensor"));
        let rep = table.remove(handle.i32().unwrap() as u32).unwrap();
        assert!(table.is_empty(), "a handle the block made was left in its table: {table:?}");
        rep
    }

    fn construct(&mut self, data: &[f32]) -> u32 {
        let args = self.core.lower_f32s(data).unwrap();
        let handle = self.core.call_direct(&export("[constructor]tensor"), &args).unwrap();
        self.lift_own(handle)
    }

    fn len(&mut self, rep: u32) -> u32 {
        self.core.call_direct(&export("[method]tensor.len"), &[Val::I32(rep as i32)]).unwrap().i32().unwrap() as u32
    }

    fn sum(&mut self, rep: u32) -> f32 {
        match self.core.call_direct(&export("[method]tensor.sum"), &[Val::I32(rep as i32)]).unwrap() {
            Val::F32(v) => v,
            other => panic!("sum returned {other:?}"),
        }
    }

    fn scale(&mut self, rep: u32, by: f32) -> u32 {
        let handle =
            self.core.call_direct(&export("[method]tensor.scale"), &[Val::I32(rep as i32), Val::F32(by)]).unwrap();
        self.lift_own(handle)
    }

    fn data(&mut self, rep: u32) -> Vec<f32> {
        self.core.call_indirect(&export("[method]tensor.data"), &[Val::I32(rep as i32)], Core::f32s_at).unwrap()
    }

    fn dot(&mut self, a: u32, b: u32) -> f32 {
        match self.core.call_direct(&export("[static]tensor.dot"), &[Val::I32(a as i32), Val::I32(b as i32)]).unwrap() {
            Val::F32(v) => v,
            other => panic!("dot returned {other:?}"),
        }
    }

    fn drop_tensor(&mut self, rep: u32) {
        let results = self.core.call(&export("[dtor]tensor"), &[Val::I32(rep as i32)]).unwrap();
        assert!(results.is_empty());
    }

    fn live(&mut self) -> u32 {
        self.core.call_direct(&export("live"), &[]).unwrap().i32().unwrap() as u32
    }

    fn shout(&mut self, s: &str) -> String {
        let args = self.core.lower_string(s).unwrap();
        self.core.call_indirect(&export("shout"), &args, Core::string_at).unwrap()
    }

    /// `stats` at the returned pointer: `count` at 0, `sum` at 8, `mean`
    /// (`option<f64>`) at 16 with its payload at 24, `label` at 32.
    fn summarize(&mut self, xs: &[f64], label: &str) -> Stats {
        let [p, n] = self.core.lower_f64s(xs).unwrap();
        let [lp, ln] = self.core.lower_string(label).unwrap();
        self.core
            .call_indirect(&export("summarize"), &[p, n, lp, ln], |core, at| {
                Ok(Stats {
                    count: core.u32_at(at)?,
                    sum: core.f64_at(at + 8)?,
                    mean: match core.u8_at(at + 16)? {
                        0 => None,
                        1 => Some(core.f64_at(at + 24)?),
                        d => return Err(format!("option discriminant {d}")),
                    },
                    label: core.string_at(at + 32)?,
                })
            })
            .unwrap()
    }

    fn join(&mut self, parts: &[String], sep: &str) -> String {
        let [p, n] = self.core.lower_strings(parts).unwrap();
        let [sp, sn] = self.core.lower_string(sep).unwrap();
        self.core.call_indirect(&export("join"), &[p, n, sp, sn], Core::string_at).unwrap()
    }

    fn reverse_all(&mut self, parts: &[String]) -> Vec<String> {
        let args = self.core.lower_strings(parts).unwrap();
        self.core.call_indirect(&export("reverse-all"), &args, Core::strings_at).unwrap()
    }

    /// `shape` flattens to `(discriminant, i32, i32)`: the payloads' slots
    /// joined (`named`'s and `polygon`'s `(ptr, len)`, `square`'s `u32`).
    fn describe(&mut self, shape: &Shape) -> Option<String> {
        let args = match shape {
            Shape::Empty => [Val::I32(0), Val::I32(0), Val::I32(0)],
            Shape::Named(s) => {
                let [p, n] = self.core.lower_string(s).unwrap();
                [Val::I32(1), p, n]
            }
            Shape::Square(side) => [Val::I32(2), Val::I32(*side as i32), Val::I32(0)],
            Shape::Polygon(xs) => {
                let [p, n] = self.core.lower_f64s(xs).unwrap();
                [Val::I32(3), p, n]
            }
        };
        self.core
            .call_indirect(&export("describe"), &args, |core, at| match core.u8_at(at)? {
                0 => Ok(None),
                1 => Ok(Some(core.string_at(at + 4)?)),
                d => Err(format!("option discriminant {d}")),
            })
            .unwrap()
    }

    fn parse(&mut self, s: &str) -> Result<u32, String> {
        let args = self.core.lower_string(s).unwrap();
        self.core
            .call_indirect(&export("parse"), &args, |core, at| match core.u8_at(at)? {
                0 => Ok(Ok(core.u32_at(at + 4)?)),
                1 => Ok(Err(core.string_at(at + 4)?)),
                d => Err(format!("result discriminant {d}")),
            })
            .unwrap()
    }

    fn classify(&mut self, x: f64) -> u8 {
        self.core.call_direct(&export("classify"), &[Val::F64(x)]).unwrap().i32().unwrap() as u8
    }

    fn decorate(&mut self, s: &str, style: u8) -> String {
        let [p, n] = self.core.lower_string(s).unwrap();
        self.core.call_indirect(&export("decorate"), &[p, n, Val::I32(style as i32)], Core::string_at).unwrap()
    }
}

#[test]
fn the_block_core_module_called_by_the_canonical_abi_answers_what_the_block_component_answers() {
    for (engine, build) in BLOCK_RUNS {
        let mut core = CoreBlock::new(engine, build);
        let mut oracle = BlockComponent::new();
        let mut rng = Rng::new(0xb10c);
        for case in 0..150 {
            let what = format!("{engine:?} ({build:?}), case {case}");
            let ops = oracle.ops().clone();
            let store = &mut oracle.store;

            let s = string(&mut rng);
            assert_eq!(core.shout(&s), ops.call_shout(&mut *store, &s).unwrap(), "{what}: shout({s:?})");

            let (xs, label) = (f64s(&mut rng), string(&mut rng));
            let (got, want) = (core.summarize(&xs, &label), ops.call_summarize(&mut *store, &xs, &label).unwrap());
            assert_eq!(
                (got.count, got.sum.to_bits(), got.mean.map(f64::to_bits), &got.label),
                (want.count, want.sum.to_bits(), want.mean.map(f64::to_bits), &want.label),
                "{what}: summarize({xs:?}, {label:?})"
            );

            let (parts, sep) = (strings(&mut rng), string(&mut rng));
            assert_eq!(core.join(&parts, &sep), ops.call_join(&mut *store, &parts, &sep).unwrap(), "{what}: join");
            assert_eq!(
                core.reverse_all(&parts),
                ops.call_reverse_all(&mut *store, &parts).unwrap(),
                "{what}: reverse-all({parts:?})"
            );

            let shape = shape(&mut rng);
            assert_eq!(
                core.describe(&shape),
                ops.call_describe(&mut *store, &shape).unwrap(),
                "{what}: describe({shape:?})"
            );

            let text = number_text(&mut rng);
            assert_eq!(core.parse(&text), ops.call_parse(&mut *store, &text).unwrap(), "{what}: parse({text:?})");

            let x = float(&mut rng);
            assert_eq!(
                core.classify(x),
                level_index(ops.call_classify(&mut *store, x).unwrap()),
                "{what}: classify({x})"
            );

            let bits = rng.below(8) as u8;
            assert_eq!(
                core.decorate(&s, bits),
                ops.call_decorate(&mut *store, &s, style(bits)).unwrap(),
                "{what}: decorate({s:?}, {bits:#b})"
            );
        }
        // Nothing the block handed over was left unfreed: its allocator
        // reuses what `cabi_post_*` gave back, so the memory stopped growing.
        let size = core.core.memory_size();
        for _ in 0..200 {
            let parts = strings(&mut rng);
            core.join(&parts, ", ");
            core.reverse_all(&parts);
            core.summarize(&f64s(&mut rng), "label");
        }
        assert_eq!(
            core.core.memory_size(),
            size,
            "{engine:?} ({build:?}): the block's memory grew over 200 more calls"
        );
    }
}

#[test]
fn tensors_through_the_core_abi_behave_as_in_the_component_model() {
    for (engine, build) in BLOCK_RUNS {
        let mut core = CoreBlock::new(engine, build);
        let mut oracle = BlockComponent::new();
        let ops = oracle.ops().clone();
        let tensor = ops.tensor();
        let store = &mut oracle.store;
        let mut rng = Rng::new(0x7e50);
        // The tensors alive on both sides, in step: (representation, resource).
        let mut alive: Vec<(u32, wasmtime::component::ResourceAny)> = Vec::new();
        for step in 0..400 {
            let what = format!("{engine:?} ({build:?}), step {step}");
            let pick = |rng: &mut Rng, n: usize| rng.below(n as u64) as usize;
            match rng.below(7) {
                0 | 1 => {
                    let data = f32s(&mut rng);
                    alive.push((core.construct(&data), tensor.call_constructor(&mut *store, &data).unwrap()));
                }
                2 if !alive.is_empty() => {
                    let (rep, res) = alive[pick(&mut rng, alive.len())];
                    let by = float(&mut rng) as f32;
                    alive.push((core.scale(rep, by), tensor.call_scale(&mut *store, res, by).unwrap()));
                }
                3 if !alive.is_empty() => {
                    let (rep, res) = alive[pick(&mut rng, alive.len())];
                    assert_eq!(core.len(rep), tensor.call_len(&mut *store, res).unwrap(), "{what}: len");
                    assert_eq!(
                        core.sum(rep).to_bits(),
                        tensor.call_sum(&mut *store, res).unwrap().to_bits(),
                        "{what}: sum"
                    );
                    assert_eq!(
                        bits32(&core.data(rep)),
                        bits32(&tensor.call_data(&mut *store, res).unwrap()),
                        "{what}: data"
                    );
                }
                4 if !alive.is_empty() => {
                    // Two borrows, possibly of the same tensor.
                    let (a, b) = (alive[pick(&mut rng, alive.len())], alive[pick(&mut rng, alive.len())]);
                    assert_eq!(
                        core.dot(a.0, b.0).to_bits(),
                        tensor.call_dot(&mut *store, a.1, b.1).unwrap().to_bits(),
                        "{what}: dot"
                    );
                }
                5 | 6 if !alive.is_empty() => {
                    let (rep, res) = alive.swap_remove(pick(&mut rng, alive.len()));
                    core.drop_tensor(rep);
                    res.resource_drop(&mut *store).unwrap();
                }
                _ => {}
            }
            let live = core.live();
            assert_eq!(live, ops.call_live(&mut *store).unwrap(), "{what}: live");
            assert_eq!(live as usize, alive.len(), "{what}: live is not the number of tensors not dropped");
        }
        assert!(
            core.core.handles.lock().unwrap().tables[&export("tensor")].made > 100,
            "{engine:?} ({build:?}): few tensors made"
        );
        for (rep, res) in alive.drain(..) {
            core.drop_tensor(rep);
            res.resource_drop(&mut *store).unwrap();
        }
        assert_eq!(
            (core.live(), ops.call_live(&mut *store).unwrap()),
            (0, 0),
            "{engine:?} ({build:?}): destructors not run"
        );
        // A dropped tensor is gone in the component model: wasmtime traps.
        let gone = tensor.call_constructor(&mut *store, &[1.0]).unwrap();
        gone.resource_drop(&mut *store).unwrap();
        assert!(tensor.call_len(&mut *store, gone).is_err(), "wasmtime let a dropped tensor be used");
    }
}

// ---------------------------------------------------------------------------
// The oracle.

/// The transcript `run(seed)` returns, checked line by line against the
/// block component called directly (each `shout`, `reverse-all`,
/// `describe` and `parse` line is recomputed) and against the tensor
/// bookkeeping (live counts).
fn check_transcript(seed: u32, transcript: &str, block: &mut BlockComponent) {
    let ops = block.ops().clone();
    let store = &mut block.store;
    let lines: Vec<&str> = transcript.lines().collect();
    assert_eq!(lines.first().copied(), Some(format!("seed {seed}: live before 0").as_str()), "{transcript}");
    assert_eq!(lines.last().copied(), Some("live at the end: 0"), "seed {seed}: a tensor outlived run:\n{transcript}");
    let mut checked = 0;
    let floats = |list: &str| -> Vec<f32> {
        let inner = list.strip_prefix('[').and_then(|l| l.strip_suffix(']')).unwrap();
        inner.split(", ").filter(|x| !x.is_empty()).map(|x| x.parse().unwrap()).collect()
    };
    let tensor = ops.tensor();
    let mut first: Option<(Vec<f32>, wasmtime::component::ResourceAny)> = None;
    for line in &lines {
        if let Some(rest) = line.strip_prefix("tensor ") {
            // `tensor [DATA]: len N sum S`, recomputed by the block.
            let (data, rest) = rest.split_once(": len ").unwrap();
            let data = floats(data);
            let t = tensor.call_constructor(&mut *store, &data).unwrap();
            let want = format!(
                "{} sum {}",
                tensor.call_len(&mut *store, t).unwrap(),
                tensor.call_sum(&mut *store, t).unwrap()
            );
            assert_eq!(rest, want, "seed {seed}: {line}");
            first = Some((data, t));
            checked += 1;
        } else if let Some(rest) = line.strip_prefix("scaled by ") {
            // `scaled by B: [DATA] sum S`, and then `dot D self-dot E`.
            let (by, rest) = rest.split_once(": ").unwrap();
            let (data, sum) = rest.split_once(" sum ").unwrap();
            let (_, t) = first.as_ref().expect("a scaled tensor before the tensor");
            let scaled = tensor.call_scale(&mut *store, *t, by.parse().unwrap()).unwrap();
            assert_eq!(
                bits32(&floats(data)),
                bits32(&tensor.call_data(&mut *store, scaled).unwrap()),
                "seed {seed}: {line}"
            );
            assert_eq!(sum, tensor.call_sum(&mut *store, scaled).unwrap().to_string(), "seed {seed}: {line}");
            let dots = format!(
                "dot {} self-dot {}",
                tensor.call_dot(&mut *store, *t, scaled).unwrap(),
                tensor.call_dot(&mut *store, *t, *t).unwrap()
            );
            assert!(lines.contains(&dots.as_str()), "seed {seed}: no line `{dots}`:\n{transcript}");
            scaled.resource_drop(&mut *store).unwrap();
            checked += 1;
        } else if let Some(rest) = line.strip_prefix("live with ") {
            // `live with K more: N`: the first tensor, the scaled one and K more.
            let (k, n) = rest.split_once(" more: ").unwrap();
            assert_eq!(n.parse::<u32>().unwrap(), k.parse::<u32>().unwrap() + 2, "seed {seed}: {line}");
            checked += 1;
        } else if *line == "live after dropping the scaled one: 1" {
            checked += 1;
        } else if let Some(rest) = line.strip_prefix("shout ") {
            let (arg, result) = rest.split_once(" -> ").unwrap();
            let arg: String = unquote(arg);
            assert_eq!(result, format!("{:?}", ops.call_shout(&mut *store, &arg).unwrap()), "seed {seed}: {line}");
            checked += 1;
        } else if let Some(rest) = line.strip_prefix("parse ") {
            let (arg, _) = rest.split_once(" -> ").unwrap();
            let arg = unquote(arg);
            match ops.call_parse(&mut *store, &arg).unwrap() {
                Ok(n) => assert!(rest.contains(&format!(" -> {n}, ")), "seed {seed}: {line}"),
                Err(e) => assert!(rest.ends_with(&format!(" -> error {e:?}")), "seed {seed}: {line}"),
            }
            checked += 1;
        }
    }
    if let Some((_, t)) = first {
        t.resource_drop(&mut *store).unwrap();
    }
    // tensor, scaled, two live counts, shout, four parses.
    assert_eq!(checked, 9, "seed {seed}: the transcript lacks lines:\n{transcript}");
    assert!(lines.iter().filter(|l| l.starts_with("describe -> ")).count() == 4, "{transcript}");
    assert!(lines.contains(&"describe -> None"), "seed {seed}: describe(empty) is not none:\n{transcript}");
}

/// The Rust `{:?}` of a string, undone (the transcript's strings are
/// printed that way; only the escapes the example's alphabet produces).
fn unquote(quoted: &str) -> String {
    let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')).unwrap_or_else(|| panic!("{quoted}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('0') => out.push('\0'),
            Some(c @ ('"' | '\\' | '\'')) => out.push(c),
            other => panic!("unexpected escape {other:?} in {quoted}"),
        }
    }
    out
}

#[test]
fn the_oracle_runs_the_app_over_many_seeds_and_every_transcript_checks_out() {
    let mut oracle = Oracle::new();
    let mut again = Oracle::new();
    let mut block = BlockComponent::new();
    let mut transcripts = std::collections::HashSet::new();
    for seed in (0..200).chain([u32::MAX, 1 << 31, 0xdead_beef]) {
        let transcript = oracle.run(seed).unwrap();
        check_transcript(seed, &transcript, &mut block);
        // A fresh instance says the same: the transcript depends on the seed only.
        assert_eq!(again.run(seed).unwrap(), transcript, "seed {seed}");
        transcripts.insert(transcript);
    }
    assert_eq!(transcripts.len(), 203, "different seeds gave the same transcript");
    assert_eq!(oracle.live().unwrap(), 0);
}

#[test]
fn the_oracles_smaller_exports_equal_the_block_called_directly() {
    let mut oracle = Oracle::new();
    let mut block = BlockComponent::new();
    let ops = block.ops().clone();
    let tensor = ops.tensor();
    let store = &mut block.store;
    let mut rng = Rng::new(0x0ac1e);
    for case in 0..200 {
        let s = string(&mut rng);
        let shouted = ops.call_shout(&mut *store, &s).unwrap();
        let reversed = ops.call_reverse_all(&mut *store, std::slice::from_ref(&s)).unwrap().concat();
        let want = ops.call_join(&mut *store, &[shouted, reversed], " | ").unwrap();
        assert_eq!(oracle.shout_twice(&s).unwrap(), want, "case {case}: shout-twice({s:?})");

        let (xs, label) = (f64s(&mut rng), string(&mut rng));
        let stats = ops.call_summarize(&mut *store, &xs, &label).unwrap();
        let described = ops.call_describe(&mut *store, &Shape::Polygon(xs.clone())).unwrap();
        let want = format!(
            "{} values, sum {}, mean {:?}, {:?}; {described:?}",
            stats.count, stats.sum, stats.mean, stats.label
        );
        assert_eq!(oracle.stats_of(&xs, &label).unwrap(), want, "case {case}: stats-of");

        let (data, by) = (f32s(&mut rng), float(&mut rng) as f32);
        let t = tensor.call_constructor(&mut *store, &data).unwrap();
        let scaled = tensor.call_scale(&mut *store, t, by).unwrap();
        let want = tensor.call_sum(&mut *store, scaled).unwrap() + tensor.call_dot(&mut *store, t, scaled).unwrap();
        t.resource_drop(&mut *store).unwrap();
        scaled.resource_drop(&mut *store).unwrap();
        assert_eq!(oracle.tensor_sum(&data, by).unwrap().to_bits(), want.to_bits(), "case {case}: tensor-sum");

        let (text, bits) = (number_text(&mut rng), rng.below(8) as u8);
        let got = oracle.parse_and_classify(&text, bits).unwrap();
        match ops.call_parse(&mut *store, &text).unwrap() {
            Ok(n) => {
                let level =
                    ["low", "mid", "high"][level_index(ops.call_classify(&mut *store, n as f64).unwrap()) as usize];
                let decorated = ops.call_decorate(&mut *store, &text, style(bits)).unwrap();
                assert_eq!(got, format!("{n}: {level} {decorated}"), "case {case}: {text:?}");
            }
            Err(e) => assert_eq!(got, format!("error: {e}"), "case {case}: {text:?}"),
        }
        assert_eq!(oracle.live().unwrap(), 0, "case {case}: tensor-sum left a tensor alive");
    }
}

#[test]
fn ten_thousand_oracle_calls_leave_no_tensor_alive_and_grow_no_memory() {
    let mut oracle = Oracle::new();
    let mut rng = Rng::new(10_000);
    let call = |oracle: &mut Oracle, i: u32, rng: &mut Rng| match i % 5 {
        0 => drop(oracle.run(i).unwrap()),
        1 => drop(oracle.shout_twice(&string(rng)).unwrap()),
        2 => drop(oracle.stats_of(&f64s(rng), &string(rng)).unwrap()),
        3 => drop(oracle.tensor_sum(&f32s(rng), 1.5).unwrap()),
        _ => drop(oracle.parse_and_classify(&number_text(rng), rng.below(8) as u8).unwrap()),
    };
    // Warm up: the allocators reach the sizes these inputs need.
    for i in 0..500 {
        call(&mut oracle, i, &mut rng);
    }
    let grown = oracle.grows().len();
    for i in 0..10_000 {
        call(&mut oracle, i, &mut rng);
    }
    assert_eq!(oracle.live().unwrap(), 0, "tensors left alive after 10 000 calls");
    assert_eq!(&oracle.grows()[grown..], &[] as &[usize], "memory grew during 10 000 calls (new sizes in bytes)");
}

/// `CoreApp` refuses, naming what is missing, a module that is not the app.
#[test]
fn core_app_names_what_a_module_lacks() {
    let block = components::read("block.core.wasm");
    for engine in WASMER {
        let err = CoreApp::new(engine, &block).err().expect("the block is not the app");
        assert!(err.contains("does not export the app's run, shout-twice"), "{engine:?}: {err}");
    }
    let component = components::read("block.wasm");
    let err = Core::new(Engine::Cranelift, &component).err().expect("a component is not a core module");
    assert!(err.contains("a component, not a core module"), "{err}");
}

// ---------------------------------------------------------------------------
// `CoreApp` against the component model, on every engine.

/// A core module that exports the app's functions by the canonical ABI,
/// written by hand so that WASM3 runs it too (no bulk memory): each result
/// string is counted live until `cabi_post_<name>` is called with the very
/// area that was returned (any other pointer traps).
const CANON_APP: &str = r#"(module
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))
  (global $area (mut i32) (i32.const 0))
  (func $realloc (export "cabi_realloc") (param i32 i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32) (local $need i32)
    (if (i32.or (local.get 0) (local.get 1)) (then unreachable))
    (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $bump (i32.add (local.get $p) (local.get $size)))
    (local.set $need (i32.sub (global.get $bump) (i32.mul (memory.size) (i32.const 65536))))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (if (i32.lt_s (memory.grow (i32.add (i32.div_u (local.get $need) (i32.const 65536)) (i32.const 1))) (i32.const 0))
        (then unreachable))))
    (local.get $p))
  (func $alloc (param $n i32) (result i32) (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
  ;; The returned area: (ptr, len), counted live.
  (func $result (param $ptr i32) (param $len i32) (result i32)
    (local $a i32)
    (local.set $a (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 8)))
    (i32.store (local.get $a) (local.get $ptr))
    (i32.store offset=4 (local.get $a) (local.get $len))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (global.set $area (local.get $a))
    (local.get $a))
  (func $post (param $a i32)
    (if (i32.ne (local.get $a) (global.get $area)) (then unreachable))
    (global.set $area (i32.const -1))
    (global.set $live (i32.sub (global.get $live) (i32.const 1))))
  (func (export "cabi_post_run") (param i32) (call $post (local.get 0)))
  (func (export "cabi_post_shout-twice") (param i32) (call $post (local.get 0)))
  (func (export "cabi_post_stats-of") (param i32) (call $post (local.get 0)))
  (func (export "cabi_post_parse-and-classify") (param i32) (call $post (local.get 0)))
  (func (export "live") (result i32) (global.get $live))
  ;; The benchmark exports (`world app` has them; nothing here crosses).
  (func (export "cross-live") (param i32) (result i32) (local.get 0))
  (func (export "cross-shout") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
  (func (export "inside-shout") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
  (func (export "cross-dot") (param i32 i32) (result f32) (f32.const 0))
  (func (export "inside-dot") (param i32 i32) (result f32) (f32.const 0))
  ;; run(seed): seed % 50 letters, the i-th 'a' + (i + seed) % 26.
  (func (export "run") (param $seed i32) (result i32)
    (local $n i32) (local $p i32) (local $i i32)
    (local.set $n (i32.rem_u (local.get $seed) (i32.const 50)))
    (local.set $p (call $alloc (local.get $n)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $p) (local.get $i))
        (i32.add (i32.const 97) (i32.rem_u (i32.add (local.get $i) (local.get $seed)) (i32.const 26))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $result (local.get $p) (local.get $n)))
  ;; shout-twice(s): s twice, ASCII letters upper-cased.
  (func (export "shout-twice") (param $s i32) (param $n i32) (result i32)
    (local $p i32) (local $i i32) (local $c i32)
    (local.set $p (call $alloc (i32.shl (local.get $n) (i32.const 1))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.shl (local.get $n) (i32.const 1))))
      (local.set $c (i32.load8_u (i32.add (local.get $s) (i32.rem_u (local.get $i) (local.get $n)))))
      (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
        (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $result (local.get $p) (i32.shl (local.get $n) (i32.const 1))))
  ;; stats-of(xs, label): label, then P, N or Z for each x's sign.
  (func (export "stats-of") (param $xs i32) (param $xn i32) (param $l i32) (param $ln i32) (result i32)
    (local $p i32) (local $i i32) (local $x f64)
    (local.set $p (call $alloc (i32.add (local.get $ln) (local.get $xn))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $ln)))
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.load8_u (i32.add (local.get $l) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.set $i (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $xn)))
      (local.set $x (f64.load (i32.add (local.get $xs) (i32.shl (local.get $i) (i32.const 3)))))
      (i32.store8 (i32.add (local.get $p) (i32.add (local.get $ln) (local.get $i)))
        (select (i32.const 80) (select (i32.const 78) (i32.const 90) (f64.lt (local.get $x) (f64.const 0)))
                (f64.gt (local.get $x) (f64.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $result (local.get $p) (i32.add (local.get $ln) (local.get $xn))))
  ;; tensor-sum(data, by): the sum of data[i] * by, in order.
  (func (export "tensor-sum") (param $d i32) (param $n i32) (param $by f32) (result f32)
    (local $i i32) (local $acc f32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (f32.add (local.get $acc)
        (f32.mul (f32.load (i32.add (local.get $d) (i32.shl (local.get $i) (i32.const 2)))) (local.get $by))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  ;; parse-and-classify(s, style): s, then the digit '0' + style.
  (func (export "parse-and-classify") (param $s i32) (param $n i32) (param $style i32) (result i32)
    (local $p i32) (local $i i32)
    (local.set $p (call $alloc (i32.add (local.get $n) (i32.const 1))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.load8_u (i32.add (local.get $s) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.store8 (i32.add (local.get $p) (local.get $n)) (i32.add (i32.const 48) (local.get $style)))
    (call $result (local.get $p) (i32.add (local.get $n) (i32.const 1)))))"#;

/// [`CANON_APP`] made a component of `world app`, as `xtask build` makes the
/// example's app (it imports none of `ops`: a component need not).
fn canon_app_component() -> Vec<u8> {
    let mut resolve = wit_parser::Resolve::default();
    let wit = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/components/wit");
    let (package, _) = resolve.push_dir(&wit).unwrap();
    let world = resolve.select_world(&[package], Some("app")).unwrap();
    let mut module = wat::parse_str(CANON_APP).unwrap();
    wit_component::embed_component_metadata(&mut module, &resolve, world, wit_component::StringEncoding::UTF8, false)
        .unwrap();
    wit_component::ComponentEncoder::default().module(&module).unwrap().validate(true).encode().unwrap()
}

#[test]
fn core_app_calls_a_core_module_as_the_component_model_calls_its_component() {
    let core = wat::parse_str(CANON_APP).unwrap();
    let component = canon_app_component();
    for engine in common::ALL {
        let mut app = CoreApp::new(engine, &core).unwrap_or_else(|e| panic!("{engine:?}: {e}"));
        let mut oracle = Oracle::from_bytes(&component).unwrap();
        let mut rng = Rng::new(0xca11);
        for case in 0..150 {
            let what = format!("{engine:?}, case {case}");
            let seed = rng.next_u64() as u32;
            let run = app.run(seed).unwrap();
            assert_eq!(run.len() as u32, seed % 50, "{what}: run({seed})");
            assert_eq!(run, oracle.run(seed).unwrap(), "{what}: run({seed})");
            let s = string(&mut rng);
            assert_eq!(app.shout_twice(&s).unwrap(), oracle.shout_twice(&s).unwrap(), "{what}: shout-twice({s:?})");
            let (xs, label) = (f64s(&mut rng), string(&mut rng));
            let stats = app.stats_of(&xs, &label).unwrap();
            assert_eq!(stats.len(), label.len() + xs.len(), "{what}");
            assert_eq!(stats, oracle.stats_of(&xs, &label).unwrap(), "{what}: stats-of({xs:?}, {label:?})");
            let (data, by) = (f32s(&mut rng), float(&mut rng) as f32);
            let want = data.iter().fold(0f32, |acc, x| acc + x * by);
            let got = app.tensor_sum(&data, by).unwrap();
            assert_eq!(got.to_bits(), want.to_bits(), "{what}: tensor-sum({data:?}, {by})");
            assert_eq!(got.to_bits(), oracle.tensor_sum(&data, by).unwrap().to_bits(), "{what}: tensor-sum");
            let (text, style) = (string(&mut rng), rng.below(8) as u8);
            assert_eq!(
                app.parse_and_classify(&text, style).unwrap(),
                oracle.parse_and_classify(&text, style).unwrap(),
                "{what}: parse-and-classify({text:?}, {style})"
            );
            // Every result went back through its `cabi_post_*`, with the
            // area it was returned in.
            assert_eq!((app.live().unwrap(), oracle.live().unwrap()), (0, 0), "{what}: results not handed back");
        }
        // The module really counts: a result not handed back stays live.
        let results = app.core.call("run", &[Val::I32(7)]).unwrap();
        assert_eq!(app.live().unwrap(), 1, "{engine:?}");
        // And a post-return given another pointer traps.
        let wrong = results[0].i32().unwrap() + 8;
        assert!(app.core.call("cabi_post_run", &[Val::I32(wrong)]).is_err(), "{engine:?}");
    }
}

/// The top-level imports and exports of a component.
fn component_names(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    let (mut imports, mut exports) = (Vec::new(), Vec::new());
    let mut depth = 0;
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload.unwrap() {
            wasmparser::Payload::ModuleSection { .. } | wasmparser::Payload::ComponentSection { .. } => depth += 1,
            wasmparser::Payload::End(_) => depth -= 1,
            wasmparser::Payload::ComponentImportSection(reader) if depth == 0 => {
                imports.extend(reader.into_iter().map(|i| i.unwrap().name.name.to_string()));
            }
            wasmparser::Payload::ComponentExportSection(reader) if depth == 0 => {
                exports.extend(reader.into_iter().map(|e| e.unwrap().name.name.to_string()));
            }
            _ => {}
        }
    }
    (imports, exports)
}

/// What `xtask build` wrote: components that import nothing but each
/// other's interface (the composition nothing at all), and wasip2 builds
/// that import WASI 0.2 besides.
#[test]
fn the_built_components_import_what_the_example_says() {
    let ops = OPS.to_string();
    let (imports, exports) = component_names(&components::read("block.wasm"));
    assert_eq!((imports, exports), (vec![], vec![ops.clone()]), "block.wasm");
    let (imports, exports) = component_names(&components::read("app.wasm"));
    assert_eq!(imports, vec![ops.clone()], "app.wasm");
    assert_eq!(
        exports,
        [
            "run",
            "shout-twice",
            "stats-of",
            "tensor-sum",
            "parse-and-classify",
            "live",
            "cross-live",
            "cross-shout",
            "inside-shout",
            "cross-dot",
            "inside-dot"
        ],
        "app.wasm"
    );
    let (imports, composed_exports) = component_names(&components::read("composed.wasm"));
    assert_eq!((imports, composed_exports), (vec![], exports), "composed.wasm");
    for (file, exported) in [("wasip2/block.wasm", vec![ops.clone()]), ("wasip2/app.wasm", vec![])] {
        let (imports, exports) = component_names(&components::read(file));
        assert!(imports.iter().any(|i| i.starts_with("wasi:")), "{file} imports no WASI: {imports:?}");
        let others: Vec<&String> = imports.iter().filter(|i| !i.starts_with("wasi:") && **i != ops).collect();
        assert!(others.is_empty(), "{file} imports {others:?}");
        assert!(exported.iter().all(|e| exports.contains(e)), "{file} exports {exports:?}");
    }
}

// ---------------------------------------------------------------------------
// The example linked by `wasmer-link`: ONE core module, run on Wasmer and
// WASM3 through the core ABI, compared with the oracle.

/// What is linked: the app and the block as two components (the block found
/// by the interface it exports, no `NAME=`), and the composition of the two
/// (one component holding both).
const LINKED_INPUTS: [&[(&str, &str)]; 3] = [
    &[("app", "app.wasm"), ("block", "block.wasm")],
    &[("composed", "composed.wasm")],
    // The same crates built for `wasm32-wasip2`: they import WASI 0.2 (std's
    // print and exit paths), which the output serves over preview 1.
    &[("app", "wasip2/app.wasm"), ("block", "wasip2/block.wasm")],
];

/// Each profile and the engines that run it (WASM3 runs one memory only).
const LINKED_RUNS: [(linker::Profile, &[Engine]); 2] =
    [(linker::Profile::Portable, &common::ALL), (linker::Profile::MultiMemory, &WASMER)];

fn link_example(inputs: &[(&str, &str)], profile: linker::Profile) -> Vec<u8> {
    let mut linker = linker::Linker::new().profile(profile);
    for (name, file) in inputs {
        linker = linker.module(*name, components::read(file));
    }
    let files: Vec<&str> = inputs.iter().map(|(_, file)| *file).collect();
    linker.link().unwrap_or_else(|e| panic!("linking {} ({profile:?}): {e}", files.join(" + ")))
}

/// The output is a core module that imports nothing but preview 1 (only
/// the `wasm32-wasip2` builds import WASI) and, in the `portable` profile,
/// exports no function twice: WASM3
/// 0.4.7 finds a function by its first export name only, and `wit-bindgen`
/// exports one body as several `cabi_post_*`.
fn check_linked_shape(bytes: &[u8], what: &str, profile: linker::Profile) {
    assert_eq!(&bytes[..8], b"\0asm\x01\0\0\0", "{what}: not a core module");
    let mut funcs = std::collections::HashMap::new();
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload.unwrap() {
            wasmparser::Payload::ImportSection(reader) => {
                let imports: Vec<String> =
                    reader.into_imports().map(|i| i.map(|i| format!("{}.{}", i.module, i.name)).unwrap()).collect();
                let wasip2 = what.contains("wasip2/");
                let others: Vec<&String> =
                    imports.iter().filter(|i| !(wasip2 && i.starts_with("wasi_snapshot_preview1."))).collect();
                assert!(others.is_empty(), "{what}: imports {others:?}");
                assert_eq!(wasip2, !imports.is_empty(), "{what}: imports {imports:?}");
            }
            wasmparser::Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.unwrap();
                    if export.kind == wasmparser::ExternalKind::Func {
                        funcs.entry(export.index).or_insert_with(Vec::new).push(export.name.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    if profile == linker::Profile::Portable {
        let shared: Vec<&Vec<String>> = funcs.values().filter(|names| names.len() > 1).collect();
        assert!(shared.is_empty(), "{what}: one function under several export names: {shared:?}");
    }
}

#[test]
fn the_linked_example_answers_what_the_oracle_answers_on_every_engine_and_profile() {
    let mut oracle = Oracle::new();
    let mut covered = Vec::new();
    for inputs in LINKED_INPUTS {
        for (profile, engines) in LINKED_RUNS {
            let bytes = link_example(inputs, profile);
            let files: Vec<&str> = inputs.iter().map(|(_, file)| *file).collect();
            let linked = format!("{} ({profile:?})", files.join(" + "));
            check_linked_shape(&bytes, &linked, profile);
            for &engine in engines {
                let what = format!("{linked} on {engine:?}");
                let mut app = CoreApp::new(engine, &bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
                for seed in (0..40).chain([u32::MAX, 1 << 31, 0xdead_beef]) {
                    let got = app.run(seed).unwrap_or_else(|e| panic!("{what}: run({seed}): {e}"));
                    assert_eq!(got, oracle.run(seed).unwrap(), "{what}: run({seed})");
                }
                let mut rng = Rng::new(0x11_4ced);
                for case in 0..120 {
                    let what = format!("{what}, case {case}");
                    let s = string(&mut rng);
                    assert_eq!(
                        app.shout_twice(&s).unwrap(),
                        oracle.shout_twice(&s).unwrap(),
                        "{what}: shout-twice({s:?})"
                    );
                    let (xs, label) = (f64s(&mut rng), string(&mut rng));
                    assert_eq!(
                        app.stats_of(&xs, &label).unwrap(),
                        oracle.stats_of(&xs, &label).unwrap(),
                        "{what}: stats-of({xs:?}, {label:?})"
                    );
                    let (data, by) = (f32s(&mut rng), float(&mut rng) as f32);
                    assert_eq!(
                        app.tensor_sum(&data, by).unwrap().to_bits(),
                        oracle.tensor_sum(&data, by).unwrap().to_bits(),
                        "{what}: tensor-sum({data:?}, {by})"
                    );
                    let (text, bits) = (number_text(&mut rng), rng.below(8) as u8);
                    assert_eq!(
                        app.parse_and_classify(&text, bits).unwrap(),
                        oracle.parse_and_classify(&text, bits).unwrap(),
                        "{what}: parse-and-classify({text:?}, {bits})"
                    );
                    // Every tensor the app made went through the linked
                    // handle table and its destructor ran in the block.
                    assert_eq!(app.live().unwrap(), 0, "{what}: a tensor is left alive");
                }
                // The benchmark exports (section 12) compute what the oracle does.
                for (export, n, len) in [("cross-live", 7, 0), ("cross-shout", 3, 100), ("inside-shout", 3, 100)]
                    .into_iter()
                    .chain([("cross-dot", 2, 300), ("inside-dot", 2, 300), ("cross-dot", 1, 0)])
                {
                    let got = app.bench(export, n, len).unwrap_or_else(|e| panic!("{what}: {export}: {e}"));
                    assert_eq!(got, oracle.bench(export, n, len).unwrap(), "{what}: {export}({n}, {len})");
                }
                covered.push(what);
            }
        }
    }
    println!("the linked example equals the oracle on: {}", covered.join("; "));
    assert_eq!(covered.len(), 15);
}

#[test]
fn ten_thousand_linked_calls_leave_no_tensor_alive_and_grow_no_memory() {
    let runs = [
        (linker::Profile::Portable, Engine::Cranelift),
        (linker::Profile::Portable, Engine::Wasm3),
        (linker::Profile::MultiMemory, Engine::Cranelift),
    ];
    for (profile, engine) in runs {
        let bytes = link_example(LINKED_INPUTS[0], profile);
        let what = format!("app.wasm + block.wasm ({profile:?}) on {engine:?}");
        let mut app = CoreApp::new(engine, &bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
        let mut rng = Rng::new(10_000);
        let call = |app: &mut CoreApp, i: u32, rng: &mut Rng| match i % 5 {
            0 => drop(app.run(i).unwrap()),
            1 => drop(app.shout_twice(&string(rng)).unwrap()),
            2 => drop(app.stats_of(&f64s(rng), &string(rng)).unwrap()),
            3 => drop(app.tensor_sum(&f32s(rng), 1.5).unwrap()),
            _ => drop(app.parse_and_classify(&number_text(rng), rng.below(8) as u8).unwrap()),
        };
        // Warm up: the allocators reach the sizes these inputs need.
        for i in 0..500 {
            call(&mut app, i, &mut rng);
        }
        // The exported memory: in `portable` every region is inside it; in
        // `multi-memory` it is the app's (the block's is not exported).
        let size = app.memory_size();
        for i in 0..10_000 {
            call(&mut app, i, &mut rng);
        }
        assert_eq!(app.live().unwrap(), 0, "{what}: tensors left alive after 10 000 calls");
        assert_eq!(app.memory_size(), size, "{what}: memory grew during 10 000 calls");
    }
}

/// `host --example components` (what `cargo xtask run --example components`
/// runs) prints the oracle's transcripts from the linked module, on every
/// engine, and refuses a component with a sentence.
#[test]
fn the_host_command_runs_the_linked_example_as_the_oracle_does() {
    let bytes = link_example(LINKED_INPUTS[0], linker::Profile::Portable);
    let linked = common::write_temp("components-host", "components.wasm", &bytes);
    let mut oracle = Oracle::new();
    let mut want = String::new();
    for seed in host::components::SEEDS {
        want += &format!("run({seed}):\n{}\n", oracle.run(seed).unwrap());
    }
    want += &format!("tensors alive: {}\n", oracle.live().unwrap());
    for engine in ["cranelift", "singlepass", "wasm3"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_host"))
            .args(["--example", "components", "--engine", engine])
            .arg(&linked)
            .output()
            .unwrap();
        assert!(out.status.success(), "{engine}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), want, "{engine}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_host"))
        .args(["--example", "components"])
        .arg(components::path("app.wasm"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is not a core module (a component?): link the example first"), "{stderr}");
}
