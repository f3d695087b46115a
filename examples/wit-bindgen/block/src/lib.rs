//! The image-rescale block of `examples/image-rescale`, written with today's
//! `wit-bindgen` (0.61, the component model's canonical ABI) against
//! `../rescale.wit` instead of with WAI. It computes exactly what the WAI
//! block computes, so the WAI pipeline prints the same whichever block it is
//! linked with. The module exports `cabi_realloc`, the functions as
//! `example:rescale/rescale#<name>` and `cabi_post_*`, and carries its WIT
//! world in a `component-type` custom section, which `wasmer-link` reads.

wit_bindgen::generate!({
    path: "../rescale.wit",
    world: "block",
});

use exports::example::rescale::rescale::{Channels, Guest, Image, Interpolation, Label, Resize, Tensor};

struct Rescale;

export!(Rescale);

/// Images larger than this (in pixels) are refused.
const MAX_PIXELS: u64 = 1 << 24;

fn sample(img: &Image, x: f64, y: f64, interp: Interpolation) -> u8 {
    let (w, h) = (img.width as usize, img.height as usize);
    let at = |x: usize, y: usize| img.pixels[y.min(h - 1) * w + x.min(w - 1)] as f64;
    match interp {
        Interpolation::Nearest => at(x as usize, y as usize) as u8,
        Interpolation::Bilinear => {
            let (x0, y0) = (x.floor() as usize, y.floor() as usize);
            let (fx, fy) = (x - x.floor(), y - y.floor());
            let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
            let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
            (top * (1.0 - fy) + bottom * fy).round().clamp(0.0, 255.0) as u8
        }
    }
}

impl Guest for Rescale {
    fn rescale(img: Image, how: Resize, interp: Interpolation) -> Result<Image, String> {
        let (w, h) = match how {
            Resize::ToSize((w, h)) => (w as u64, h as u64),
            Resize::ByFactor(f) => ((img.width as f64 * f).round() as u64, (img.height as f64 * f).round() as u64),
            Resize::Keep => (img.width as u64, img.height as u64),
        };
        if img.pixels.len() as u64 != img.width as u64 * img.height as u64 {
            return Err(format!(
                "a {}x{} image needs {} pixels, not {}",
                img.width,
                img.height,
                img.width as u64 * img.height as u64,
                img.pixels.len()
            ));
        }
        if img.pixels.is_empty() || w == 0 || h == 0 || w * h > MAX_PIXELS {
            return Err(format!("cannot rescale {}x{} to {w}x{h}", img.width, img.height));
        }
        let (sx, sy) = (img.width as f64 / w as f64, img.height as f64 / h as f64);
        let mut pixels = Vec::with_capacity((w * h) as usize);
        for y in 0..h {
            for x in 0..w {
                pixels.push(sample(&img, x as f64 * sx, y as f64 * sy, interp));
            }
        }
        Ok(Image { width: w as u32, height: h as u32, pixels })
    }

    fn normalize(img: Image, mean: f32, std: f32, name: String) -> Tensor {
        let data = img.pixels.iter().map(|&p| (p as f32 / 255.0 - mean) / std).collect();
        Tensor { shape: (img.height, img.width), data, name: format!("{name} → normalised") }
    }

    fn stats(t: Tensor) -> (f64, f64, i64) {
        if t.data.is_empty() {
            return (0.0, 0.0, 0);
        }
        let min = t.data.iter().copied().fold(f32::INFINITY, f32::min) as f64;
        let max = t.data.iter().copied().fold(f32::NEG_INFINITY, f32::max) as f64;
        (min, max, t.data.iter().filter(|v| **v > 0.0).count() as i64)
    }

    fn classify(t: Tensor, labels: Vec<String>, top: u32) -> Vec<Label> {
        let n = t.data.len().max(1);
        let mut scored: Vec<Label> = labels
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let score = t.data.iter().skip(i % n).step_by(i % 3 + 1).take(64).sum::<f32>();
                Label { id: (i as u64) << 33 | 0xdead_beef, name: format!("{name}✓"), score }
            })
            .collect();
        scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        scored.truncate(top as usize);
        scored
    }

    fn describe(img: Image, channels: Channels, tag: Option<String>, marker: char, flip: bool) -> String {
        let sum: u64 = img.pixels.iter().map(|&p| p as u64).sum();
        let tag = tag.as_deref().unwrap_or("∅");
        let (w, h) = if flip { (img.height, img.width) } else { (img.width, img.height) };
        format!("{marker} {w}×{h} channels={:#x} tag={tag} sum={sum}", channels.bits())
    }
}
