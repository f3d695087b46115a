//! The `crossing` fixture (`tests/fixtures/crossing/`): a main module whose
//! exports pass `(ptr, len)` in its memory to a dependency through the
//! adapters (`take: string -> u32`, `hash: list<u8> -> u32`, `echo:
//! list<u8> -> list<u8>`, `cast: (list<u8>, u32) -> string`), linked for every
//! profile, layout and engine. The dependency answers `take` and `hash`
//! with the FNV-1a hash of what it received ([`fnv1a`]).

use linker::Profile;

use super::{fixture, portable_fixture, Engine, Running, ALL, LAYOUTS, WASMER};

/// Where the tests write their inputs in the main module's memory (its
/// region starts at 0 in the portable profile); inputs stay below
/// [`MAIN_HEAP`].
pub const INPUT: u32 = 0x10000;

/// Where the main module's allocator hands out blocks, the results of
/// `echo` and `cast` among them.
pub const MAIN_HEAP: std::ops::Range<u32> = 0x80000..0x180000;

/// The end of the main module's memory (24 pages; its region's end in the
/// portable profile).
pub const MAIN_END: u32 = 24 << 16;

/// Where `echo` and `cast` leave the result's `(ptr, len)`.
const RESULT_AREA: u32 = 16;

/// One linked output instantiated on one engine.
pub struct Target {
    /// Profile, layout and engine, for assertion messages.
    pub what: String,
    pub running: Running,
}

/// The fixture linked multi-memory (cranelift, singlepass) and portable in
/// both layouts (cranelift, singlepass, WASM3), each instantiated once.
pub fn targets() -> Vec<Target> {
    let mut targets = Vec::new();
    let multi = fixture("crossing", "main", &["dep"], Profile::MultiMemory);
    for engine in WASMER {
        targets.push(target(format!("multi-memory on {engine:?}"), engine, &multi));
    }
    for layout in LAYOUTS {
        let bytes = portable_fixture("crossing", "main", &["dep"], layout);
        for engine in ALL {
            targets.push(target(format!("portable ({} layout) on {engine:?}", layout.name()), engine, &bytes));
        }
    }
    targets
}

fn target(what: String, engine: Engine, bytes: &[u8]) -> Target {
    let running = Running::new(engine, bytes).unwrap_or_else(|e| panic!("{what}: instantiating failed: {e}"));
    Target { what, running }
}

/// FNV-1a, 32 bits: what the dependency answers `take` and `hash` with.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h, &b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

impl Target {
    /// Writes `bytes` at [`INPUT`]` + offset` and calls `export` with their
    /// `(ptr, len)` and `more`; `Err` is the trap.
    fn pass(&mut self, export: &str, offset: u32, bytes: &[u8], more: &[i32]) -> Result<Option<i32>, String> {
        let ptr = INPUT + offset;
        assert!(ptr as usize + bytes.len() <= MAIN_HEAP.start as usize, "the input overlaps the main heap");
        self.running.write(ptr, bytes);
        let mut args = vec![ptr as i32, bytes.len() as i32];
        args.extend_from_slice(more);
        self.running.call(export, &args)
    }

    /// `take(bytes)` as a string argument: the dependency's hash of what it
    /// received, or the trap.
    pub fn take(&mut self, offset: u32, bytes: &[u8]) -> Result<u32, String> {
        Ok(self.pass("take", offset, bytes, &[])?.expect("take returns a u32") as u32)
    }

    /// `take(bytes)` with the bytes written at `ptr`, anywhere in the main
    /// module's memory.
    pub fn take_at(&mut self, ptr: u32, bytes: &[u8]) -> Result<u32, String> {
        self.running.write(ptr, bytes);
        Ok(self.running.call("take", &[ptr as i32, bytes.len() as i32])?.expect("take returns a u32") as u32)
    }

    /// `hash(bytes)` as a `list<u8>` argument: the dependency's hash of what
    /// it received, or the trap.
    pub fn hash(&mut self, offset: u32, bytes: &[u8]) -> Result<u32, String> {
        Ok(self.pass("hash", offset, bytes, &[])?.expect("hash returns a u32") as u32)
    }

    /// `echo(bytes)`: the list that came back, read from the main module's
    /// memory (checked to be a block of the main module's heap), or the trap.
    pub fn echo(&mut self, offset: u32, bytes: &[u8]) -> Result<Vec<u8>, String> {
        self.pass("echo", offset, bytes, &[])?;
        Ok(self.result())
    }

    /// `cast(bytes, len)`: the string of the first `len` bytes of the list
    /// that came back (the adapter validates it in the dependency's memory,
    /// where the rest of the list follows it), or the trap.
    pub fn cast(&mut self, offset: u32, bytes: &[u8], len: usize) -> Result<Vec<u8>, String> {
        assert!(len <= bytes.len());
        self.pass("cast", offset, bytes, &[len as i32])?;
        Ok(self.result())
    }

    /// The `(ptr, len)` result at [`RESULT_AREA`], read.
    fn result(&mut self) -> Vec<u8> {
        let area = self.running.read(RESULT_AREA, 8);
        let ptr = u32::from_le_bytes(area[..4].try_into().unwrap());
        let len = u32::from_le_bytes(area[4..].try_into().unwrap());
        // An empty result may point anywhere (nothing is read through it).
        assert!(
            len == 0 || (MAIN_HEAP.contains(&ptr) && ptr as u64 + len as u64 <= MAIN_HEAP.end as u64),
            "{}: the result ({ptr:#x}, {len}) is not a block of the main module's heap {MAIN_HEAP:#x?}",
            self.what
        );
        self.running.read(ptr, len as usize)
    }
}
