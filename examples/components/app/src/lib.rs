//! The components example's app (`world app` of `../../wit/blocks.wit`):
//! imports `fixture:blocks/ops` and drives it. `run(seed)` builds tensors
//! from the seed, calls every function of the block, drops what it made and
//! returns a transcript; the smaller exports take and return values so a test
//! can call them with random inputs. Built for `wasm32-unknown-unknown` it
//! imports nothing but `fixture:blocks/ops`.

use std::fmt::Write;

wit_bindgen::generate!({
    path: "../wit/blocks.wit",
    world: "app",
});

use fixture::blocks::ops::{self, Level, Shape, Style, Tensor};

struct App;

export!(App);

/// A small deterministic generator (xorshift32), so a seed names a run.
struct Rng(u32);

impl Rng {
    fn new(seed: u32) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9) | 1)
    }

    fn next(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }

    /// A float in `-50.0..50.0`, in steps of 1/8 (exact in `f32`).
    fn value(&mut self) -> f32 {
        (self.below(800) as f32 - 400.0) / 8.0
    }

    fn word(&mut self) -> String {
        const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ne", "ru", "shi", "to", "wa", "ü", "é", "🦀"];
        (0..1 + self.below(4)).map(|_| SYLLABLES[self.below(SYLLABLES.len() as u32) as usize]).collect()
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Low => "low",
        Level::Mid => "mid",
        Level::High => "high",
    }
}

fn style_of(bits: u8) -> Style {
    Style::from_bits_truncate(bits)
}

impl Guest for App {
    fn run(seed: u32) -> String {
        let mut rng = Rng::new(seed);
        let mut out = String::new();
        let before = ops::live();
        let _ = writeln!(out, "seed {seed}: live before {before}");

        // Tensors: construct, call every method, borrow two at once, drop.
        let data: Vec<f32> = (0..rng.below(9)).map(|_| rng.value()).collect();
        let t = Tensor::new(&data);
        let by = rng.value();
        let scaled = t.scale(by);
        let more: Vec<Tensor> = (0..rng.below(4)).map(|i| Tensor::new(&[i as f32; 3])).collect();
        let _ = writeln!(out, "tensor {:?}: len {} sum {}", t.data(), t.len(), t.sum());
        let _ = writeln!(out, "scaled by {by}: {:?} sum {}", scaled.data(), scaled.sum());
        let _ = writeln!(out, "dot {} self-dot {}", Tensor::dot(&t, &scaled), Tensor::dot(&t, &t));
        let _ = writeln!(out, "live with {} more: {}", more.len(), ops::live());
        drop(more);
        drop(scaled);
        let _ = writeln!(out, "live after dropping the scaled one: {}", ops::live());

        // Strings and lists of strings.
        let words: Vec<String> = (0..1 + rng.below(5)).map(|_| rng.word()).collect();
        let joined = ops::join(&words, ", ");
        let _ = writeln!(out, "shout {:?} -> {:?}", joined, ops::shout(&joined));
        let _ = writeln!(out, "reverse-all -> {:?}", ops::reverse_all(&words));

        // A record with a string, from a list of f64.
        let xs: Vec<f64> = (0..rng.below(6)).map(|_| rng.value() as f64 * 1.5).collect();
        let stats = ops::summarize(&xs, &words[0]);
        let _ = writeln!(
            out,
            "summarize {xs:?}: count {} sum {} mean {:?} label {:?}",
            stats.count, stats.sum, stats.mean, stats.label
        );

        // A variant with and without payloads; an option.
        let shapes = [
            Shape::Empty,
            Shape::Named(words[words.len() - 1].clone()),
            Shape::Square(rng.below(70_000)),
            Shape::Polygon(xs),
        ];
        for shape in &shapes {
            let _ = writeln!(out, "describe -> {:?}", ops::describe(shape));
        }

        // A result, an enum and flags.
        for text in [format!("{}", rng.next()), format!(" {} ", rng.below(100)), rng.word(), String::new()] {
            match ops::parse(&text) {
                Ok(n) => {
                    let level = ops::classify(n as f64);
                    let style = style_of(rng.below(8) as u8);
                    let _ = writeln!(
                        out,
                        "parse {text:?} -> {n}, {}, {:?}",
                        level_name(level),
                        ops::decorate(&words[0], style)
                    );
                }
                Err(e) => {
                    let _ = writeln!(out, "parse {text:?} -> error {e:?}");
                }
            }
        }

        drop(t);
        let _ = write!(out, "live at the end: {}", ops::live());
        out
    }

    fn shout_twice(s: String) -> String {
        let shouted = ops::shout(&s);
        let reversed = ops::reverse_all(&[s]);
        ops::join(&[shouted, reversed.concat()], " | ")
    }

    fn stats_of(xs: Vec<f64>, label: String) -> String {
        let stats = ops::summarize(&xs, &label);
        let shape = ops::describe(&Shape::Polygon(xs));
        format!("{} values, sum {}, mean {:?}, {:?}; {shape:?}", stats.count, stats.sum, stats.mean, stats.label)
    }

    fn tensor_sum(data: Vec<f32>, by: f32) -> f32 {
        let t = Tensor::new(&data);
        let scaled = t.scale(by);
        scaled.sum() + Tensor::dot(&t, &scaled)
    }

    fn parse_and_classify(s: String, style: u8) -> String {
        match ops::parse(&s) {
            Ok(n) => format!("{n}: {} {}", level_name(ops::classify(n as f64)), ops::decorate(&s, style_of(style))),
            Err(e) => format!("error: {e}"),
        }
    }

    fn live() -> u32 {
        ops::live()
    }

    fn cross_live(n: u32) -> u32 {
        (0..n).fold(0u32, |acc, _| acc.wrapping_add(ops::live()))
    }

    fn cross_shout(n: u32, len: u32) -> u32 {
        let s = bench_text(len);
        (0..n).fold(0u32, |acc, _| acc.wrapping_add(ops::shout(&s).len() as u32))
    }

    fn inside_shout(n: u32, len: u32) -> u32 {
        let s = bench_text(len);
        (0..n).fold(0u32, |acc, _| acc.wrapping_add(std::hint::black_box(&s).to_ascii_uppercase().len() as u32))
    }

    fn cross_dot(n: u32, len: u32) -> f32 {
        let (a, b) = (Tensor::new(&bench_values(len, 1.0)), Tensor::new(&bench_values(len, 0.5)));
        (0..n).map(|_| Tensor::dot(&a, &b)).sum()
    }

    fn inside_dot(n: u32, len: u32) -> f32 {
        let (a, b) = (bench_values(len, 1.0), bench_values(len, 0.5));
        (0..n).map(|_| std::hint::black_box(&a).iter().zip(&b).map(|(x, y)| x * y).sum::<f32>()).sum()
    }
}

/// `len` bytes of mixed-case ASCII.
fn bench_text(len: u32) -> String {
    (0..len).map(|i| if i % 2 == 0 { 'a' } else { 'B' }).collect()
}

/// `len` small floats (exact sums), scaled by `by`.
fn bench_values(len: u32, by: f32) -> Vec<f32> {
    (0..len).map(|i| (i % 8) as f32 * by).collect()
}
