//! The benchmark block (`bench.wit`): built to wasm by `cargo xtask build`.

// The WAI-generated glue (wai-bindgen-rust 0.2.3) takes references to its
// static return areas and defines some it does not use.
#![allow(dead_code, static_mut_refs)]

use wai_bindgen_rust as _;

include!("bindings.rs");

struct Bench;

impl bench::Bench for Bench {
    fn nop() {}

    fn echo(s: String) -> String {
        s
    }

    fn consume(data: Vec<u8>) -> u32 {
        data.len() as u32
    }

    fn rescale(width: u32, height: u32, passes: u32) -> u64 {
        let (w, h) = (width as usize, height as usize);
        let mut image: Vec<f32> = (0..w * h).map(|i| ((i * 7 + i / w * 13) % 256) as f32).collect();
        let mut checksum = 0u64;
        for _ in 0..passes {
            // 2x box downscale...
            let (hw, hh) = (w / 2, h / 2);
            let mut small = vec![0f32; hw * hh];
            for y in 0..hh {
                for x in 0..hw {
                    let at = |dx: usize, dy: usize| image[(2 * y + dy) * w + 2 * x + dx];
                    small[y * hw + x] = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) * 0.25;
                }
            }
            // ...then normalise to zero mean, unit range.
            let mean = small.iter().sum::<f32>() / small.len().max(1) as f32;
            for v in &mut small {
                *v = (*v - mean) / 255.0;
            }
            checksum = small.iter().fold(checksum, |acc, v| acc.wrapping_mul(31).wrapping_add(v.to_bits() as u64));
            // Upscale back (nearest) so every pass works on a full image.
            for y in 0..h {
                for x in 0..w {
                    image[y * w + x] = small[(y / 2).min(hh - 1) * hw + (x / 2).min(hw - 1)] * 255.0 + mean;
                }
            }
        }
        checksum
    }
}
