//! The components example's block (`world block` of `../../wit/blocks.wit`):
//! exports `fixture:blocks/ops`. Built for `wasm32-unknown-unknown` it
//! imports nothing but the resource intrinsics of its own `tensor`
//! (`[resource-new]tensor` and friends from `[export]fixture:blocks/ops`),
//! which the component model (or the linker's handle tables) provides.

use std::sync::atomic::{AtomicU32, Ordering};

wit_bindgen::generate!({
    path: "../wit/blocks.wit",
    world: "block",
});

use exports::fixture::blocks::ops::{Guest, GuestTensor, Level, Shape, Stats, Style, Tensor, TensorBorrow};

/// Tensors made and not yet destroyed: the destructor (`Drop`) counts down.
static LIVE: AtomicU32 = AtomicU32::new(0);

struct Block;

export!(Block);

/// The representation of a `tensor`.
pub struct Data {
    values: Vec<f32>,
}

impl Data {
    fn make(values: Vec<f32>) -> Data {
        LIVE.fetch_add(1, Ordering::Relaxed);
        Data { values }
    }
}

impl Drop for Data {
    fn drop(&mut self) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

impl GuestTensor for Data {
    fn new(data: Vec<f32>) -> Data {
        Data::make(data)
    }

    fn len(&self) -> u32 {
        self.values.len() as u32
    }

    fn sum(&self) -> f32 {
        self.values.iter().sum()
    }

    fn scale(&self, by: f32) -> Tensor {
        Tensor::new(Data::make(self.values.iter().map(|v| v * by).collect()))
    }

    fn data(&self) -> Vec<f32> {
        self.values.clone()
    }

    fn dot(a: TensorBorrow<'_>, b: TensorBorrow<'_>) -> f32 {
        let (a, b) = (a.get::<Data>(), b.get::<Data>());
        a.values.iter().zip(&b.values).map(|(x, y)| x * y).sum()
    }
}

impl Guest for Block {
    type Tensor = Data;

    fn live() -> u32 {
        LIVE.load(Ordering::Relaxed)
    }

    fn shout(s: String) -> String {
        s.to_ascii_uppercase()
    }

    fn summarize(xs: Vec<f64>, label: String) -> Stats {
        let sum: f64 = xs.iter().sum();
        let mean = (!xs.is_empty()).then(|| sum / xs.len() as f64);
        Stats { count: xs.len() as u32, sum, mean, label: label.to_ascii_uppercase() }
    }

    fn join(parts: Vec<String>, sep: String) -> String {
        parts.join(&sep)
    }

    fn reverse_all(parts: Vec<String>) -> Vec<String> {
        parts.iter().map(|p| p.chars().rev().collect()).collect()
    }

    fn describe(s: Shape) -> Option<String> {
        match s {
            Shape::Empty => None,
            Shape::Named(name) => Some(format!("named {name:?} ({} bytes)", name.len())),
            Shape::Square(side) => Some(format!("square of side {side}, area {}", side as u64 * side as u64)),
            Shape::Polygon(sides) => {
                let perimeter: f64 = sides.iter().sum();
                Some(format!("{}-gon, perimeter {perimeter}", sides.len()))
            }
        }
    }

    fn parse(s: String) -> Result<u32, String> {
        s.trim().parse().map_err(|e| format!("{s:?} is not a u32: {e}"))
    }

    fn classify(x: f64) -> Level {
        if x < 10.0 {
            Level::Low
        } else if x < 1000.0 {
            Level::Mid
        } else {
            Level::High
        }
    }

    fn decorate(s: String, style: Style) -> String {
        let mut out = if style.contains(Style::LOUD) { s.to_uppercase() } else { s };
        if style.contains(Style::ITALIC) {
            out = format!("/{out}/");
        }
        if style.contains(Style::BOLD) {
            out = format!("*{out}*");
        }
        out
    }
}
