//! Measuring on a noisy machine: configurations interleaved round-robin in
//! one process, and every figure reported with its spread.
//!
//! The machine is a shared 2-core VM whose speed drifts by tens of percent
//! over seconds (other tenants, frequency). Timing configuration A for a
//! while and then configuration B puts that drift into the difference between
//! A and B. [`interleaved`] runs one repetition of every configuration per
//! round instead, in an order shuffled each round (so no configuration
//! always follows the same one), and [`paired`] compares two configurations
//! round by round, so a slow moment slows both sides of each ratio.

use std::time::{Duration, Instant};

use anyhow::Result;

/// The distribution of one configuration's samples.
#[derive(Clone, Copy, Debug)]
pub struct Spread {
    pub median: f64,
    /// The 25th and 75th percentiles: the middle half of the samples.
    pub q1: f64,
    pub q3: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    /// `None` for no samples.
    pub fn of(samples: &[f64]) -> Option<Spread> {
        if samples.is_empty() {
            return None;
        }
        let mut s = samples.to_vec();
        s.sort_by(f64::total_cmp);
        let at = |q: f64| {
            // Linear interpolation between the closest ranks.
            let pos = q * (s.len() - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            s[lo] + (s[hi] - s[lo]) * (pos - lo as f64)
        };
        Some(Spread { median: at(0.5), q1: at(0.25), q3: at(0.75), min: at(0.0), max: at(1.0) })
    }

    pub fn of_durations(samples: &[Duration]) -> Option<Spread> {
        Spread::of(&samples.iter().map(Duration::as_secs_f64).collect::<Vec<_>>())
    }

    /// Table cells for samples in seconds, all in the unit that suits the
    /// median: `median | q1–q3 | min–max`.
    pub fn cells(&self) -> String {
        let (unit, scale) = unit_for(self.median);
        let f = |x: f64| format!("{:.*}", decimals(self.median * scale), x * scale);
        format!("{} {unit} | {}–{} | {}–{}", f(self.median), f(self.q1), f(self.q3), f(self.min), f(self.max))
    }
}

/// `12.3 ms`, `850 ns`, `2.25 s`.
pub fn seconds(secs: f64) -> String {
    let (unit, scale) = unit_for(secs);
    format!("{:.*} {unit}", decimals(secs * scale), secs * scale)
}

fn unit_for(secs: f64) -> (&'static str, f64) {
    match secs {
        s if s >= 1.0 => ("s", 1.0),
        s if s >= 1e-3 => ("ms", 1e3),
        s if s >= 1e-6 => ("µs", 1e6),
        _ => ("ns", 1e9),
    }
}

/// Three significant digits, at least none after the point.
fn decimals(value: f64) -> usize {
    match value.abs() {
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    }
}

/// Runs each of `configs` once per round for `rounds` rounds, in an order
/// shuffled every round; returns each configuration's times, in `configs`'
/// order. One round of every configuration is run first and discarded
/// (the first calls fault in memory, fill caches and grow allocators).
pub fn interleaved<F: FnMut() -> Result<()>>(rounds: usize, configs: &mut [F]) -> Result<Vec<Vec<Duration>>> {
    let mut times = vec![Vec::with_capacity(rounds); configs.len()];
    let mut order: Vec<usize> = (0..configs.len()).collect();
    let mut rng = Shuffle(0x9e37_79b9_7f4a_7c15);
    for f in configs.iter_mut() {
        f()?;
    }
    for _ in 0..rounds {
        rng.shuffle(&mut order);
        for &i in &order {
            let start = Instant::now();
            (configs[i])()?;
            times[i].push(start.elapsed());
        }
    }
    Ok(times)
}

/// `a[r] / b[r]` for every round `r`: how much slower `a` was than `b` in
/// the same round, as a distribution over rounds.
pub fn paired(a: &[Duration], b: &[Duration]) -> Option<Spread> {
    let ratios: Vec<f64> = a.iter().zip(b).map(|(a, b)| a.as_secs_f64() / b.as_secs_f64().max(1e-12)).collect();
    Spread::of(&ratios)
}

/// A small deterministic generator (xorshift64*) for shuffling orders; the
/// same seed gives the same orders on every run.
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Fisher–Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_of_known_samples() {
        let s = Spread::of(&[5.0, 1.0, 3.0, 2.0, 4.0]).unwrap();
        assert_eq!((s.min, s.q1, s.median, s.q3, s.max), (1.0, 2.0, 3.0, 4.0, 5.0));
        let s = Spread::of(&[1.0, 2.0]).unwrap();
        assert_eq!(s.median, 1.5);
        assert!(Spread::of(&[]).is_none());
    }

    #[test]
    fn cells_use_the_unit_of_the_median() {
        let s = Spread::of(&[0.0123, 0.0125, 0.0130]).unwrap();
        assert_eq!(s.cells(), "12.5 ms | 12.4–12.8 | 12.3–13.0");
        assert_eq!(seconds(2.25), "2.25 s");
        assert_eq!(seconds(850e-9), "850 ns");
    }

    #[test]
    fn interleaving_runs_every_configuration_every_round() {
        let (mut a, mut b) = (0, 0);
        let mut configs: [Box<dyn FnMut() -> Result<()>>; 2] = [
            Box::new(|| {
                a += 1;
                Ok(())
            }),
            Box::new(|| {
                b += 1;
                Ok(())
            }),
        ];
        let times = interleaved(3, &mut configs).unwrap();
        drop(configs);
        assert_eq!((a, b), (4, 4), "one discarded round, then three");
        assert_eq!(times.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3]);
    }

    #[test]
    fn shuffles_are_permutations() {
        let mut rng = Shuffle(1);
        let mut items: Vec<u32> = (0..10).collect();
        rng.shuffle(&mut items);
        let mut sorted = items.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    }
}
