//! Copies and fills, on every engine. The portable profile lowers
//! `memory.copy` and `memory.fill` to generated helpers
//! (`linker/src/portable/helpers.rs`: `memmove`, `memset`, wide steps then
//! narrow ones); `fixtures/copies/main.wat` exports both instructions and is
//! linked by itself in both layouts, and run on cranelift, singlepass and
//! WASM3 (and, unlinked, on cranelift as a check of the model), against a
//! reference model (`Vec::copy_within`, slice `fill`) over a window that
//! holds the whole neighbourhood of every range: every length 0..=64 at
//! every source/destination offset 0..8, overlapping in both directions and
//! disjoint, longer lengths, every distance of an overlap, random cases,
//! and the bounds checks. Then lists crossing memories through an adapter
//! (`fixtures/crossing`, `hash`/`echo: list<u8>`) arrive and come back byte
//! for byte, in both profiles and layouts on every engine.

mod common;

use common::crossing::{fnv1a, targets};
use common::{portable_fixture, Engine, Rng, Running, ALL, LAYOUTS};

/// The copies fixture's instances: portable in both layouts on every
/// engine, and the module unlinked on cranelift (native bulk memory: if the
/// model were wrong, this one would say so).
fn instances() -> Vec<(String, Running)> {
    let mut out = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/copies/main.wat");
    let unlinked = wat::parse_file(dir).unwrap();
    out.push(("the unlinked module on Cranelift".to_string(), Running::new(Engine::Cranelift, &unlinked).unwrap()));
    for layout in LAYOUTS {
        let bytes = portable_fixture("copies", "main", &[], layout);
        assert_lowered(&format!("portable ({} layout)", layout.name()), &bytes);
        for engine in ALL {
            let what = format!("portable ({} layout) on {engine:?}", layout.name());
            let running = Running::new(engine, &bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
            out.push((what, running));
        }
    }
    out
}

/// Checks that the linked `bytes` have no `memory.copy` or `memory.fill`
/// left (they call the helpers instead), so the tests exercise the helpers.
fn assert_lowered(what: &str, bytes: &[u8]) {
    let mut calls = 0;
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        if let wasmparser::Payload::CodeSectionEntry(body) = payload.unwrap() {
            let mut reader = body.get_operators_reader().unwrap();
            while !reader.eof() {
                match reader.read().unwrap() {
                    wasmparser::Operator::MemoryCopy { .. } | wasmparser::Operator::MemoryFill { .. } => {
                        panic!("{what}: the output still has bulk-memory instructions")
                    }
                    wasmparser::Operator::Call { .. } => calls += 1,
                    _ => {}
                }
            }
        }
    }
    assert!(calls >= 2, "{what}: `copy` and `fill` should call the helpers");
}

/// The ranges of the tests below start at `BASE + 0..` and end before
/// `BASE + SPAN`; the window checked after each call is `MARGIN` bytes
/// wider on both sides.
const BASE: u32 = 4096;
const SPAN: u32 = 1024;
const MARGIN: u32 = 64;
const WINDOW: std::ops::Range<u32> = BASE - MARGIN..BASE + SPAN + MARGIN;

/// One call: `export(a, b, len)`; `a` is the destination, `b` the source
/// (copy) or the value (fill).
#[derive(Clone, Copy, Debug)]
struct Op {
    fill: bool,
    a: u32,
    b: u32,
    len: u32,
    /// Which family of cases it comes from.
    family: &'static str,
}

impl Op {
    fn copy(dst: u32, src: u32, len: u32, family: &'static str) -> Op {
        Op { fill: false, a: dst, b: src, len, family }
    }

    fn fill(dst: u32, value: u32, len: u32, family: &'static str) -> Op {
        Op { fill: true, a: dst, b: value, len, family }
    }

    fn describe(&self) -> String {
        let at =
            |x: u32| if (BASE..BASE + SPAN).contains(&x) { format!("BASE+{}", x - BASE) } else { format!("{x:#x}") };
        match self.fill {
            false => format!("{}: copy(dst {}, src {}, len {})", self.family, at(self.a), at(self.b), self.len),
            true => format!("{}: fill(dst {}, value {:#x}, len {})", self.family, at(self.a), self.b, self.len),
        }
    }

    /// Applies the operation to `memory`, which starts at address `start`;
    /// `false` (memory unchanged) if it is out of bounds of `size` bytes.
    fn model(&self, memory: &mut [u8], start: u32, size: u64) -> bool {
        let (a, b, len) = (self.a as u64, self.b as u64, self.len as u64);
        if a + len > size || (!self.fill && b + len > size) {
            return false;
        }
        let at = |x: u64| (x - start as u64) as usize;
        if self.fill {
            memory[at(a)..at(a) + len as usize].fill(self.b as u8);
        } else {
            memory.copy_within(at(b)..at(b) + len as usize, at(a));
        }
        true
    }
}

/// Every length 0..=64 from every source offset to every destination offset
/// 0..8: the same 8 bytes (overlapping: dst < src, dst > src, dst == src),
/// the destination 512 bytes above (disjoint, copied backwards by a
/// `memmove` that picks its direction from the addresses) and below.
fn copy_cases(rng: &mut Rng) -> Vec<Op> {
    let mut ops = Vec::new();
    for len in 0..=64 {
        for s in 0..8 {
            for d in 0..8 {
                ops.push(Op::copy(BASE + d, BASE + s, len, "overlapping, lengths 0..=64, offsets 0..8"));
                ops.push(Op::copy(BASE + 512 + d, BASE + s, len, "disjoint, destination above, lengths 0..=64"));
                ops.push(Op::copy(BASE + d, BASE + 512 + s, len, "disjoint, destination below, lengths 0..=64"));
            }
        }
    }
    for len in 65..=300 {
        for (s, d) in [(0, 0), (1, 0), (0, 1), (3, 7), (7, 3), (5, 5)] {
            ops.push(Op::copy(BASE + d, BASE + s, len, "overlapping, lengths 65..=300"));
            ops.push(Op::copy(BASE + 512 + d, BASE + s, len, "disjoint, lengths 65..=300"));
        }
    }
    // Around wide steps of 64 or 128 bytes, every offset pair.
    for len in 120..=136 {
        for s in 0..8 {
            for d in 0..8 {
                ops.push(Op::copy(BASE + d, BASE + s, len, "overlapping, lengths 120..=136, offsets 0..8"));
            }
        }
    }
    // Every distance of an overlap, both directions, around each step width
    // a helper may use (8, 16, 32, 64, 128 bytes).
    for delta in -140i32..=140 {
        for len in [
            1, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40, 63, 64, 65, 96, 97, 127, 128, 129, 136, 200, 255, 256, 257, 300,
        ] {
            let at = BASE + 300;
            ops.push(Op::copy(at.wrapping_add_signed(delta), at, len, "overlap at every distance -140..=140"));
        }
    }
    for _ in 0..3000 {
        let (src, dst) = (rng.below(700) as u32, rng.below(700) as u32);
        let len = rng.below((SPAN - src.max(dst)) as u64 + 1) as u32;
        ops.push(Op::copy(BASE + dst, BASE + src, len, "random"));
    }
    ops
}

/// Every length 0..=64 at every destination offset 0..8 with bytes that
/// stress the splat (0, 0xff, 0x80, values above 255 of which only the low
/// byte counts), longer lengths, and random cases.
fn fill_cases(rng: &mut Rng) -> Vec<Op> {
    let mut ops = Vec::new();
    for len in 0..=64 {
        for d in 0..8 {
            for value in [0x00, 0xff, 0x80, 0x5a, 0x7f, 0x1234, 0xffff_ffff, 0x7f01] {
                ops.push(Op::fill(BASE + d, value, len, "lengths 0..=64, offsets 0..8"));
            }
        }
    }
    for len in 65..=300 {
        for d in [0, 1, 3, 7] {
            ops.push(Op::fill(BASE + d, 0xa5 ^ len, len, "lengths 65..=300"));
        }
    }
    for _ in 0..1500 {
        let dst = rng.below(900) as u32;
        let len = rng.below((SPAN - dst) as u64 + 1) as u32;
        ops.push(Op::fill(BASE + dst, rng.next_u64() as u32, len, "random"));
    }
    ops
}

/// Runs `ops` on every instance: before each, the window gets fresh bytes;
/// after it, the whole window must equal the model's. Returns how many
/// calls ran.
fn run(ops: &[Op]) -> usize {
    let mut noise = Rng::new(99);
    let pattern: Vec<u8> = (0..2 * WINDOW.len()).map(|_| noise.byte()).collect();
    let mut count = 0;
    for (what, mut running) in instances() {
        for (i, op) in ops.iter().enumerate() {
            let skew = i % WINDOW.len();
            let before = &pattern[skew..skew + WINDOW.len()];
            running.write(WINDOW.start, before);
            let export = if op.fill { "fill" } else { "copy" };
            let outcome = running.call(export, &[op.a as i32, op.b as i32, op.len as i32]);
            let mut expected = before.to_vec();
            assert!(op.model(&mut expected, WINDOW.start, u64::MAX), "{}: the case leaves the window", op.describe());
            assert!(outcome.is_ok(), "{what}: {} trapped: {:?}", op.describe(), outcome);
            let got = running.read(WINDOW.start, WINDOW.len());
            if got != expected {
                let first = got.iter().zip(&expected).position(|(g, e)| g != e).unwrap();
                let address = WINDOW.start + first as u32;
                panic!(
                    "{what}: {}: memory differs from the model first at address {address:#x} (BASE{:+}): got {:#04x}, \
                     expected {:#04x} (the byte was {:#04x} before the call)",
                    op.describe(),
                    address as i64 - BASE as i64,
                    got[first],
                    expected[first],
                    before[first],
                );
            }
            count += 1;
        }
    }
    count
}

#[test]
fn copies_of_every_length_and_offset_agree_with_the_model_on_every_engine() {
    let ops = copy_cases(&mut Rng::new(7));
    let calls = run(&ops);
    assert_eq!(calls, ops.len() * 7, "every case ran on each of the 7 instances");
}

#[test]
fn fills_of_every_length_and_offset_agree_with_the_model_on_every_engine() {
    let ops = fill_cases(&mut Rng::new(8));
    let calls = run(&ops);
    assert_eq!(calls, ops.len() * 7, "every case ran on each of the 7 instances");
}

#[test]
fn copies_and_fills_at_the_end_of_memory_check_bounds_like_the_instructions() {
    const SIZE: u32 = 2 * 65536;
    let end = |back: u32| SIZE - back;
    let ops = [
        // In bounds, up to the last byte.
        (Op::copy(end(0), 0, 0, "empty at the end"), true),
        (Op::copy(0, end(0), 0, "empty from the end"), true),
        (Op::copy(end(10), BASE, 10, "up to the last byte"), true),
        (Op::copy(BASE, end(10), 10, "from the last bytes"), true),
        (Op::copy(end(100), end(90), 90, "overlapping, up to the end"), true),
        (Op::copy(end(90), end(100), 100, "overlapping, destination 10 bytes past the end"), false),
        (Op::copy(end(100), end(70), 70, "overlapping, dst below"), true),
        (Op::fill(end(0), 1, 0, "empty at the end"), true),
        (Op::fill(end(33), 0xee, 33, "up to the last byte"), true),
        // Out of bounds: a trap, and nothing written.
        (Op::copy(end(0) + 1, 0, 0, "empty past the end"), false),
        (Op::copy(0, end(0) + 1, 0, "empty from past the end"), false),
        (Op::copy(end(10), BASE, 11, "one byte past the end"), false),
        (Op::copy(BASE, end(10), 11, "from one byte past the end"), false),
        (Op::copy(BASE, BASE, u32::MAX, "length 2^32 - 1"), false),
        (Op::copy(0xffff_fff0, 0, 0x20, "destination + length wrapping 32 bits"), false),
        (Op::copy(0, 0xffff_ffff, 2, "source + length wrapping 32 bits"), false),
        (Op::fill(end(0) + 1, 1, 0, "empty past the end"), false),
        (Op::fill(end(32), 0xee, 33, "one byte past the end"), false),
        (Op::fill(0xffff_fffe, 0xee, 4, "wrapping 32 bits"), false),
        (Op::fill(BASE, 0xee, u32::MAX, "length 2^32 - 1"), false),
    ];
    let mut noise = Rng::new(5);
    let pattern: Vec<u8> = (0..SIZE).map(|_| noise.byte()).collect();
    for (what, mut running) in instances() {
        assert_eq!(running.memory_size(), SIZE as u64, "{what}: the fixture's memory is 2 pages");
        for (op, in_bounds) in &ops {
            running.write(0, &pattern);
            let mut expected = pattern.clone();
            assert_eq!(op.model(&mut expected, 0, SIZE as u64), *in_bounds, "the table is wrong: {}", op.describe());
            let export = if op.fill { "fill" } else { "copy" };
            let outcome = running.call(export, &[op.a as i32, op.b as i32, op.len as i32]);
            assert_eq!(
                outcome.is_ok(),
                *in_bounds,
                "{what}: {}: expected {}, got {outcome:?}",
                op.describe(),
                if *in_bounds { "no trap" } else { "a trap" }
            );
            let got = running.read(0, SIZE as usize);
            if let Some(first) = got.iter().zip(&expected).position(|(g, e)| g != e) {
                panic!(
                    "{what}: {}: memory differs from the model first at address {first:#x}: got {:#04x}, expected {:#04x}",
                    op.describe(),
                    got[first],
                    expected[first]
                );
            }
        }
    }
}

#[test]
fn lists_crossing_memories_arrive_and_come_back_byte_for_byte_on_every_engine() {
    let mut rng = Rng::new(6);
    let mut cases: Vec<(u32, Vec<u8>)> = Vec::new();
    for len in 0..=64 {
        for offset in 0..8 {
            cases.push((offset, (0..len).map(|_| rng.byte()).collect()));
        }
    }
    for len in [65, 100, 255, 256, 257, 1000, 4095, 4096, 4097, 65539, 300_000] {
        for offset in [0, 3] {
            cases.push((offset, (0..len).map(|_| rng.byte()).collect()));
        }
    }
    let mut calls = 0;
    for mut target in targets() {
        for (offset, bytes) in &cases {
            let input = format!("{}: a list<u8> of {} bytes at input offset {offset}", target.what, bytes.len());
            let hash = target.hash(*offset, bytes).unwrap_or_else(|trap| panic!("{input}: `hash` trapped: {trap}"));
            assert_eq!(hash, fnv1a(bytes), "{input}: the dependency received other bytes");
            let back = target.echo(*offset, bytes).unwrap_or_else(|trap| panic!("{input}: `echo` trapped: {trap}"));
            if back != *bytes {
                let first = back.iter().zip(bytes).position(|(g, e)| g != e);
                panic!("{input}: `echo` returned {} bytes, first difference at {first:?}", back.len());
            }
            calls += 2;
        }
    }
    assert_eq!(calls, cases.len() * 2 * 8, "every case ran on each of the 8 targets");
}
