//! The callee of the ABI test: exports every function of `tests/abi/abi.wit`,
//! each a deterministic transformation of its input (the caller computes the
//! expected results itself), and calls `host.print` from its own memory in
//! `log`, which needs the linker's host adapter.
//!
//! Built to `wasm32-unknown-unknown` by `cargo xtask build`; linked and run
//! by `linker/tests/abi.rs`.

// The WAI-generated glue (wai-bindgen-rust 0.2.3) takes references to its
// static return areas and defines some it does not use.
#![allow(dead_code, static_mut_refs)]

// Keeps `canonical_abi_realloc`/`canonical_abi_free` in the module.
use wai_bindgen_rust as _;

include!("bindings.rs");

use abi::{Blob, Color, Many, Num, Perms, Person, Scalars, Shape};

struct Abi;

fn rev(s: &str) -> String {
    s.chars().rev().collect()
}

/// The next Unicode scalar value, skipping the surrogates, wrapping to `\0`.
fn next_char(c: char) -> char {
    match c {
        '\u{D7FF}' => '\u{E000}',
        c => char::from_u32(c as u32 + 1).unwrap_or('\0'),
    }
}

fn older(p: Person) -> Person {
    Person {
        name: rev(&p.name),
        age: p.age.wrapping_add(1),
        tags: p.tags.iter().rev().map(|t| t.to_uppercase()).collect(),
    }
}

impl abi::Abi for Abi {
    fn reverse(s: String) -> String {
        rev(&s)
    }

    fn invert(data: Vec<u8>) -> Vec<u8> {
        data.into_iter().map(|b| 255 - b).collect()
    }

    fn sum_bytes(data: Vec<u8>) -> u32 {
        data.iter().map(|&b| b as u32).sum()
    }

    fn scale(data: Vec<f32>, by: f32) -> Vec<f32> {
        data.into_iter().map(|x| x * by).collect()
    }

    fn shout_all(words: Vec<String>) -> Vec<String> {
        words.iter().rev().map(|w| w.to_uppercase()).collect()
    }

    fn age_all(people: Vec<Person>) -> Vec<Person> {
        people.into_iter().map(older).collect()
    }

    fn mirror_blob(b: Blob) -> Blob {
        Blob {
            label: rev(&b.label),
            bytes: b.bytes.into_iter().rev().collect(),
            samples: b.samples.into_iter().map(|x| -x).collect(),
            people: b.people.into_iter().map(older).collect(),
        }
    }

    fn bump_scalars(s: Scalars) -> Scalars {
        Scalars {
            a: s.a.wrapping_add(1),
            b: s.b.wrapping_sub(1),
            c: s.c.wrapping_add(1),
            d: s.d.wrapping_sub(1),
            e: s.e.wrapping_mul(2),
            f: s.f.wrapping_neg(),
            g: !s.g,
            h: s.h.wrapping_add(1),
            i: s.i * 2.0,
            j: -s.j,
            k: next_char(s.k),
            l: !s.l,
        }
    }

    fn extremes(a: u64, b: i64, c: f64, d: f32, e: i8, f: i16, g: u16) -> (u64, i64, f64, f32, i8, i16, u16) {
        (!a, !b, -c, -d, !e, !f, !g)
    }

    fn next_shape(s: Shape) -> Shape {
        // Every case becomes one whose payload has another flat type.
        match s {
            Shape::Empty => Shape::Label("empty".to_string()),
            Shape::Circle(r) => Shape::Big(r.to_bits() as u64 | 1 << 63),
            Shape::Big(n) => Shape::Ratio(f64::from_bits(n)),
            Shape::Ratio(x) => Shape::Circle(x as f32),
            Shape::Count(n) => Shape::Pair(((n % 256) as u8, n as f64 / 2.0)),
            Shape::Label(s) => Shape::Label(rev(&s)),
            Shape::Pair((a, x)) => Shape::Count(a as u32 * 1000 + x as u32),
        }
    }

    fn next_shapes(s: Vec<Shape>) -> Vec<Shape> {
        s.into_iter().map(<Abi as abi::Abi>::next_shape).collect()
    }

    fn next_color(c: Color) -> Color {
        match c {
            Color::Red => Color::Green,
            Color::Green => Color::Blue,
            Color::Blue => Color::Red,
        }
    }

    fn next_colors(c: Vec<Color>) -> Vec<Color> {
        c.into_iter().map(<Abi as abi::Abi>::next_color).collect()
    }

    fn flip(p: Perms) -> Perms {
        !p
    }

    fn flip_many(m: Many) -> Many {
        m ^ (Many::F0 | Many::F30 | Many::F32 | Many::F39)
    }

    fn maybe_reverse(s: Option<String>) -> Option<String> {
        s.map(|s| rev(&s))
    }

    fn maybe_lengths(s: Option<Vec<String>>) -> Vec<Option<u32>> {
        match s {
            None => vec![None],
            Some(words) => words.iter().map(|w| (!w.is_empty()).then(|| w.chars().count() as u32)).collect(),
        }
    }

    fn parse(s: String) -> Result<u32, String> {
        s.parse().map_err(|e| format!("`{s}`: {e}"))
    }

    fn check(n: u32) -> Result<(), String> {
        if n.is_multiple_of(2) {
            Ok(())
        } else {
            Err(format!("{n} is odd"))
        }
    }

    fn swap(t: (String, u32, char)) -> (char, u32, String) {
        (t.2, t.1.wrapping_add(1), rev(&t.0))
    }

    fn next_char(c: char) -> char {
        next_char(c)
    }

    fn chars(s: String) -> Vec<char> {
        s.chars().collect()
    }

    fn negate(b: bool) -> bool {
        !b
    }

    fn negate_all(b: Vec<bool>) -> Vec<bool> {
        b.into_iter().map(|b| !b).collect()
    }

    fn double_num(n: Num) -> Num {
        match n {
            Num::U8(n) => Num::U8(n.wrapping_mul(2)),
            Num::F64(x) => Num::F64(x * 2.0),
            Num::String(s) => Num::String(s.repeat(2)),
        }
    }

    fn join_many(
        a: String,
        b: String,
        c: String,
        d: String,
        e: String,
        f: String,
        g: String,
        h: String,
        i: u64,
        j: f32,
    ) -> String {
        format!("{a}|{b}|{c}|{d}|{e}|{f}|{g}|{h}|{i}|{j}")
    }

    fn zip_lengths(pairs: Vec<(String, Vec<u8>)>) -> Vec<(u32, String)> {
        pairs.into_iter().map(|(s, bytes)| (bytes.len() as u32, s.to_uppercase())).collect()
    }

    fn log(msg: String) {
        host::print(&format!("callee: {msg}"));
    }
}
