//! Where each module's memory lives inside the `portable` profile's one
//! memory: the region layout, decided before the lowering rewrites a single
//! instruction, and recorded in the output for the host (and anyone) to read.
//!
//! Input: the merged module's memories (owner, initial and maximum pages),
//! the user's reservations (`--reserve NAME=SIZE`) and the chosen [`Layout`].
//! Output: [`Regions`], one [`Region`] per memory with its base address and
//! capacity, or every problem with the reservations at once.
//!
//! **Fixed** (the default): every region's base is a link-time constant, so
//! a load or store of region `k` is the original instruction with `base_k`
//! added to its memarg offset, and costs nothing at run time. Regions cannot
//! move, so every region but the top one has a *capacity*, reserved at
//! instantiation: the module's `--reserve`, else its declared maximum, else
//! [`DEFAULT_RESERVE`]. The top region (the last memory, i.e. the last
//! dependency on the command line) grows with the memory itself, without a
//! limit of the linker's. Memory 0 (the main module's) always stays at base
//! 0, so the host's view of the exported memory is unchanged.
//!
//! **Movable** (the previous layout, `--layout movable`): regions are packed
//! at their initial sizes and bases live in globals; growing a region moves
//! every region above it. No reservation, but every access to a region other
//! than memory 0 pays a global read and an add.
//!
//! Invariant: every region starts at its module's address 0 and is
//! contiguous up to its capacity, so allocators that use `memory.grow`'s
//! result (dlmalloc, wasi-libc) and allocators that assume contiguity (sbrk)
//! both work, and no region is ever written by another's growth.

use std::fmt;

/// A wasm page, in bytes.
pub const PAGE: u64 = 65536;

/// Pages of a 32-bit memory.
const MAX_PAGES: u64 = 65536;

/// The capacity of a region below the top one that neither declares a
/// maximum nor is given `--reserve`: 16 MiB. Wasmer and wasmtime commit
/// memory only when it is touched; WASM3 zeroes the whole memory when it
/// allocates it, so on WASM3 this is resident memory (see BENCHMARKS.md).
pub const DEFAULT_RESERVE: u64 = 16 << 20;

/// The name of the custom section that records the layout in the output.
pub const SECTION: &str = "wasmer-link.layout";

/// The export through which a linked module tells which region last
/// refused to grow (its index in the layout), or -1.
pub const EXHAUSTED_EXPORT: &str = "wasmer-link.exhausted";

/// How the `portable` profile places memories in its one memory.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// Constant bases, a capacity for every region but the top one.
    #[default]
    Fixed,
    /// Bases in globals; growing a region moves the regions above it.
    Movable,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Fixed => "fixed",
            Layout::Movable => "movable",
        }
    }
}

impl std::str::FromStr for Layout {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fixed" => Ok(Layout::Fixed),
            "movable" => Ok(Layout::Movable),
            other => Err(format!("unknown layout `{other}`: expected `fixed` or `movable`")),
        }
    }
}

/// One memory of the merged module, as the lowering finds it.
#[derive(Debug, Clone)]
pub(crate) struct Memory {
    pub owner: String,
    pub initial: u64,
    pub maximum: Option<u64>,
}

/// One memory of the input, as a region of the output's memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The module that owns the memory.
    pub module: String,
    /// Byte address of the region's address 0 (at instantiation, for a
    /// movable layout).
    pub base: u64,
    /// Pages at instantiation.
    pub initial: u64,
    /// Pages the region may grow to; `None`: as far as the memory goes.
    pub capacity: Option<u64>,
}

/// The layout of a linked module's memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regions {
    pub layout: Layout,
    pub regions: Vec<Region>,
}

impl Regions {
    /// Places `memories` (in memory-index order; memory 0 at base 0).
    /// `reserve` gives capacities in bytes by module name; every name must
    /// own a memory.
    pub(crate) fn place(
        memories: &[Memory],
        layout: Layout,
        reserve: &[(String, u64)],
    ) -> Result<Regions, Vec<String>> {
        let mut problems = Vec::new();
        for (name, _) in reserve {
            if !memories.iter().any(|m| &m.owner == name) {
                let owners: Vec<String> = memories.iter().map(|m| format!("`{}`", m.owner)).collect();
                problems.push(format!(
                    "`--reserve {name}=...` names no module with a memory of its own (modules with memories: {}): use one of those names",
                    if owners.is_empty() { "none".to_string() } else { owners.join(", ") }
                ));
            }
        }
        let reserved =
            |owner: &str| reserve.iter().rev().find(|(n, _)| n == owner).map(|&(_, bytes)| bytes.div_ceil(PAGE));
        let top = memories.len().saturating_sub(1);
        let mut regions = Vec::new();
        let mut base = 0u64;
        for (k, m) in memories.iter().enumerate() {
            let capacity = match layout {
                Layout::Movable => m.maximum,
                Layout::Fixed => {
                    let wanted = match reserved(&m.owner) {
                        Some(pages) => Some(pages),
                        None if k == top => None,
                        None => Some(m.maximum.unwrap_or(DEFAULT_RESERVE / PAGE)),
                    };
                    match (wanted, m.maximum) {
                        (Some(w), Some(max)) => Some(w.min(max)),
                        (w, max) => w.or(max),
                    }
                }
            };
            if let Some(capacity) = capacity {
                if capacity < m.initial {
                    problems.push(format!(
                        "module `{}` starts with {} of memory, more than its reservation of {}: give it at least that, e.g. `--reserve {}={}`",
                        m.owner,
                        human(m.initial * PAGE),
                        human(capacity * PAGE),
                        m.owner,
                        size_arg(m.initial * PAGE),
                    ));
                }
            }
            regions.push(Region { module: m.owner.clone(), base, initial: m.initial, capacity });
            base += match layout {
                Layout::Fixed if k < top => capacity.unwrap_or(m.initial).max(m.initial) * PAGE,
                _ => m.initial * PAGE,
            };
        }
        let needed = match (layout, regions.last()) {
            (Layout::Fixed, Some(last)) => last.base + last.capacity.unwrap_or(last.initial) * PAGE,
            _ => base,
        };
        if needed > MAX_PAGES * PAGE {
            let parts: Vec<String> = regions
                .iter()
                .map(|r| {
                    let pages = match layout {
                        Layout::Fixed => r.capacity.unwrap_or(r.initial),
                        Layout::Movable => r.initial,
                    };
                    format!("`{}` {}", r.module, human(pages * PAGE))
                })
                .collect();
            problems.push(format!(
                "the memories do not fit in the 4 GiB of one 32-bit memory: {} make {}; lower the reservations with `--reserve NAME=SIZE`",
                parts.join(" + "),
                human(needed)
            ));
        }
        if problems.is_empty() {
            Ok(Regions { layout, regions })
        } else {
            Err(problems)
        }
    }

    /// Pages of the output's memory at instantiation.
    pub fn initial_pages(&self) -> u64 {
        self.regions.last().map_or(0, |r| r.base / PAGE + r.initial)
    }

    /// The output memory's maximum in pages, if any.
    pub fn maximum_pages(&self) -> Option<u64> {
        let top = self.regions.last()?;
        match self.layout {
            Layout::Fixed => top.capacity.map(|c| top.base / PAGE + c),
            Layout::Movable => None,
        }
    }

    /// The custom section's text: a header line, then one line per region.
    pub fn to_section(&self) -> String {
        let mut text = format!("wasmer-link layout 1 {}\n", self.layout.name());
        for r in &self.regions {
            let capacity = r.capacity.map_or_else(|| "unlimited".to_string(), |c| c.to_string());
            text.push_str(&format!(
                "region {} base={} initial={} capacity={}\n",
                r.module, r.base, r.initial, capacity
            ));
        }
        text
    }

    /// Reads the layout a linked module records, if it has one (only
    /// outputs that fold several memories into one do).
    pub fn read(module: &[u8]) -> Result<Option<Regions>, String> {
        for payload in wasmparser::Parser::new(0).parse_all(module) {
            match payload {
                Ok(wasmparser::Payload::CustomSection(c)) if c.name() == SECTION => {
                    let text =
                        std::str::from_utf8(c.data()).map_err(|_| format!("the `{SECTION}` section is not UTF-8"))?;
                    return Regions::parse(text).map(Some);
                }
                Ok(_) => {}
                Err(err) => return Err(format!("not a wasm module: {}", err.message())),
            }
        }
        Ok(None)
    }

    fn parse(text: &str) -> Result<Regions, String> {
        let bad = |line: &str| format!("the `{SECTION}` section has a line this version cannot read: `{line}`");
        let mut lines = text.lines();
        let header = lines.next().unwrap_or_default();
        let layout = match header.strip_prefix("wasmer-link layout 1 ") {
            Some(name) => name.parse::<Layout>().map_err(|_| bad(header))?,
            None => return Err(bad(header)),
        };
        let mut regions = Vec::new();
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            let [_, module, base, initial, capacity] = words.as_slice() else { return Err(bad(line)) };
            let field = |word: &str, key: &str| word.strip_prefix(key).and_then(|v| v.parse::<u64>().ok());
            let capacity = match capacity.strip_prefix("capacity=") {
                Some("unlimited") => None,
                _ => Some(field(capacity, "capacity=").ok_or_else(|| bad(line))?),
            };
            regions.push(Region {
                module: module.to_string(),
                base: field(base, "base=").ok_or_else(|| bad(line))?,
                initial: field(initial, "initial=").ok_or_else(|| bad(line))?,
                capacity,
            });
        }
        Ok(Regions { layout, regions })
    }

    /// What a host says when region `k` refused to grow and the module
    /// trapped: which module, its reservation, and how to relink.
    pub fn exhausted_message(&self, k: usize) -> Option<String> {
        let r = self.regions.get(k)?;
        Some(match r.capacity {
            Some(pages) => format!(
                "module `{}` reached its {} memory reservation: relink with `--reserve {}={}`",
                r.module,
                human(pages * PAGE),
                r.module,
                size_arg((pages * PAGE * 2).min(MAX_PAGES * PAGE - r.base))
            ),
            None => format!(
                "module `{}` could not grow its memory: the engine refused (the memory would pass 4 GiB, or the engine's limit)",
                r.module
            ),
        })
    }
}

impl fmt::Display for Regions {
    /// The table `wasmer-link --print-layout` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "layout: {} ({} memories folded into one)", self.layout.name(), self.regions.len())?;
        writeln!(f, "{:<24} {:>12} {:>12} {:>14}", "module", "base", "initial", "capacity")?;
        for r in &self.regions {
            let capacity = match (self.layout, r.capacity) {
                (_, Some(pages)) => human(pages * PAGE),
                (Layout::Fixed, None) => "grows freely".to_string(),
                (Layout::Movable, None) => "moves".to_string(),
            };
            writeln!(f, "{:<24} {:>#12x} {:>12} {:>14}", r.module, r.base, human(r.initial * PAGE), capacity)?;
        }
        Ok(())
    }
}

/// Parses a size as `--reserve` takes it: bytes, or a number with `KiB`,
/// `MiB`, `GiB` (also `K`, `M`, `G`, `KB`, `MB`, `GB`, all powers of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let unit_bytes: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "cannot read the size `{text}`: expected a number of bytes, or e.g. `64MiB`, `512KiB`, `1GiB`"
            ))
        }
    };
    let n: u64 = digits.parse().map_err(|_| {
        format!("cannot read the size `{text}`: expected a number of bytes, or e.g. `64MiB`, `512KiB`, `1GiB`")
    })?;
    match n.checked_mul(unit_bytes) {
        Some(bytes) if bytes > 0 && bytes <= MAX_PAGES * PAGE => Ok(bytes),
        _ => Err(format!("the size `{text}` is not between 1 byte and 4 GiB, what one 32-bit memory holds")),
    }
}

/// `64 MiB`, `1.06 MiB`, `4 GiB`.
fn human(bytes: u64) -> String {
    let (unit, div) = match bytes {
        b if b >= 1 << 30 => ("GiB", 1u64 << 30),
        b if b >= 1 << 20 => ("MiB", 1 << 20),
        _ => ("KiB", 1 << 10),
    };
    if bytes.is_multiple_of(div) {
        format!("{} {unit}", bytes / div)
    } else if div == 1 << 30 {
        // 4 GiB and a page is not "4.00 GiB".
        format!("{:.2} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.2} {unit}", bytes as f64 / div as f64)
    }
}

/// A size as `--reserve` reads it, rounded up to whole MiB.
fn size_arg(bytes: u64) -> String {
    format!("{}MiB", bytes.div_ceil(1 << 20))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory(owner: &str, initial: u64, maximum: Option<u64>) -> Memory {
        Memory { owner: owner.to_string(), initial, maximum }
    }

    #[test]
    fn fixed_layout_reserves_below_the_top_and_leaves_the_top_free() {
        let memories = [memory("main", 17, None), memory("a", 2, Some(10)), memory("b", 17, None)];
        let regions = Regions::place(&memories, Layout::Fixed, &[]).unwrap();
        let default = DEFAULT_RESERVE / PAGE;
        assert_eq!(regions.regions[0], Region { module: "main".into(), base: 0, initial: 17, capacity: Some(default) });
        assert_eq!(regions.regions[1].base, default * PAGE);
        assert_eq!(regions.regions[1].capacity, Some(10), "a declared maximum is the capacity");
        assert_eq!(regions.regions[2].base, (default + 10) * PAGE);
        assert_eq!(regions.regions[2].capacity, None);
        assert_eq!(regions.initial_pages(), default + 10 + 17);
        assert_eq!(regions.maximum_pages(), None);
    }

    #[test]
    fn reserve_overrides_the_default_and_is_capped_by_a_declared_maximum() {
        let memories = [memory("main", 1, None), memory("a", 1, Some(4)), memory("b", 1, None)];
        let reserve = [("main".to_string(), 3 * PAGE - 5), ("a".to_string(), 100 * PAGE), ("b".to_string(), 8 * PAGE)];
        let regions = Regions::place(&memories, Layout::Fixed, &reserve).unwrap();
        let caps: Vec<_> = regions.regions.iter().map(|r| r.capacity).collect();
        assert_eq!(caps, [Some(3), Some(4), Some(8)], "rounded up to pages; capped by the maximum; the top too");
        assert_eq!(regions.maximum_pages(), Some(3 + 4 + 8));
    }

    #[test]
    fn bad_reservations_are_all_reported() {
        let memories = [memory("main", 17, None), memory("b", 1, None)];
        let reserve = [("nobody".to_string(), PAGE), ("main".to_string(), PAGE)];
        let problems = Regions::place(&memories, Layout::Fixed, &reserve).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("`--reserve nobody=...` names no module"), "{problems:?}");
        assert!(problems[1].contains("module `main` starts with 1.06 MiB"), "{problems:?}");
        let huge = [("main".to_string(), 3 << 30), ("b".to_string(), 2 << 30)];
        let problems = Regions::place(&memories, Layout::Fixed, &huge).unwrap_err();
        assert!(problems[0].contains("do not fit in the 4 GiB"), "{problems:?}");
    }

    #[test]
    fn movable_layout_packs_initial_sizes() {
        let memories = [memory("main", 17, None), memory("b", 2, Some(9))];
        let regions = Regions::place(&memories, Layout::Movable, &[]).unwrap();
        assert_eq!(regions.regions[1].base, 17 * PAGE);
        assert_eq!(regions.regions[1].capacity, Some(9));
        assert_eq!(regions.initial_pages(), 19);
    }

    #[test]
    fn the_section_round_trips() {
        let memories = [memory("main", 17, None), memory("b", 2, None)];
        let regions = Regions::place(&memories, Layout::Fixed, &[]).unwrap();
        assert_eq!(Regions::parse(&regions.to_section()).unwrap(), regions);
        assert!(Regions::parse("wasmer-link layout 2 fixed\n").is_err());
        assert!(Regions::parse("wasmer-link layout 1 fixed\nregion a base=x initial=1 capacity=2\n").is_err());
    }

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("256MiB"), Ok(256 << 20));
        assert_eq!(parse_size("64k"), Ok(64 << 10));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert_eq!(parse_size("65536"), Ok(65536));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5GiB").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("99999999999999999999").is_err());
    }
}
