//! The image-rescale pipeline (`pipeline.wit`): `run(case, seed, size)`
//! derives inputs from `seed` (sizes from `size`, so 0 gives empty lists),
//! calls one function of the block, and returns a human-readable summary
//! and a digest of everything the block returned. The same digest from the
//! linked module and from the two modules wired at run time means every
//! value crossed the boundary intact.

#![allow(dead_code, static_mut_refs)]

use wai_bindgen_rust as _;

// The committed glue, or (`cargo xtask rune`) the glue generated from the
// interface in the block's package: see `build.rs`.
#[cfg(not(generated_bindings))]
include!("bindings.rs");
#[cfg(generated_bindings)]
include!(env!("RESCALE_PIPELINE_BINDINGS"));

use rescale::{Channels, ImageParam, Interpolation, Resize, TensorParam};

struct Pipeline;

/// xorshift64*: the same inputs from the same seed, everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 56) as u8).collect()
    }
    fn string(&mut self) -> String {
        const PIECES: &[&str] = &["a", "Z", " ", "ß", "é", "€", "日本", "😀", "\u{10FFFF}", "\0", "\""];
        (0..self.below(8)).map(|_| PIECES[self.below(PIECES.len() as u64) as usize]).collect()
    }
    fn char(&mut self) -> char {
        ['x', 'ß', '€', '😀', '\u{10FFFF}', '\0'][self.below(6) as usize]
    }
}

/// FNV-1a over the text: a digest that changes with any value.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

impl pipeline::Pipeline for Pipeline {
    fn run(case: u32, seed: u64, size: u32) -> String {
        let mut rng = Rng(seed | 1);
        let width = size;
        let height = if size == 0 { 0 } else { 1 + rng.below(if size > 4096 { 1 } else { 3 }) as u32 };
        let pixels = rng.bytes((width * height) as usize);
        let img = ImageParam { width, height, pixels: &pixels };
        let (summary, full) = match case % 5 {
            0 => {
                let how = match rng.below(3) {
                    0 => Resize::ToSize((rng.below(64) as u32, rng.below(8) as u32)),
                    1 => Resize::ByFactor([0.5, 1.0, 1.5, 0.0][rng.below(4) as usize]),
                    _ => Resize::Keep,
                };
                let interp = if rng.below(2) == 0 { Interpolation::Nearest } else { Interpolation::Bilinear };
                let out = rescale::rescale(img, how, interp);
                let summary = match &out {
                    Ok(img) => format!("rescale {how:?} {interp:?}: ok, {}x{}", img.width, img.height),
                    Err(why) => format!("rescale {how:?} {interp:?}: error `{why}`"),
                };
                (summary, format!("{out:?}"))
            }
            1 => {
                let (mean, std) = (rng.below(100) as f32 / 100.0, 0.25 + rng.below(4) as f32 / 4.0);
                let name = rng.string();
                let t = rescale::normalize(img, mean, std, &name);
                (format!("normalize: {:?} {} values, {:?}", t.shape, t.data.len(), t.name), format!("{t:?}"))
            }
            2 => {
                let data: Vec<f32> = (0..size).map(|_| rng.next() as i32 as f32 / 1e9).collect();
                let name = rng.string();
                let s = rescale::stats(TensorParam { shape: (1, size), data: &data, name: &name });
                (format!("stats: {s:?}"), format!("{s:?}"))
            }
            3 => {
                let data: Vec<f32> = (0..size.min(4096)).map(|_| rng.next() as i32 as f32 / 1e9).collect();
                let labels: Vec<String> = (0..rng.below(6)).map(|_| rng.string()).collect();
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                let t = TensorParam { shape: (1, data.len() as u32), data: &data, name: "" };
                let top = rng.below(4) as u32;
                let out = rescale::classify(t, &labels, top);
                let names: Vec<&str> = out.iter().map(|l| l.name.as_str()).collect();
                (format!("classify {} labels, top {top}: {names:?}", labels.len()), format!("{out:?}"))
            }
            _ => {
                let channels = Channels::from_bits_truncate(rng.below(16) as u8);
                let tag = if rng.below(2) == 0 { None } else { Some(rng.string()) };
                let (marker, flip) = (rng.char(), rng.below(2) == 1);
                let out = rescale::describe(img, channels, tag.as_deref(), marker, flip);
                (format!("describe: {out}"), out)
            }
        };
        format!("case {case}, seed {seed}, size {size}: {summary} [digest {:016x}]", digest(&full))
    }
}
