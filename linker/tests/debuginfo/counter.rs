// A second block built with debug info (`tests/debuginfo.rs`): the
// pipeline `fanout.rs` calls it and `block.rs`, so three modules with DWARF
// are linked into one.
use std::collections::BTreeMap;

/// Counts the digits of every number below `n` in a map, so the block
/// allocates and its loads and stores are rewritten by `portable`.
#[no_mangle]
pub extern "C" fn tally(n: u32) -> u32 {
    let mut digits: BTreeMap<u32, u32> = BTreeMap::new();
    for i in 0..n {
        *digits.entry(count_digits(i)).or_default() += 1;
    }
    digits.iter().map(|(d, c)| d * c).sum()
}

#[inline(never)]
fn count_digits(mut x: u32) -> u32 {
    let mut digits = 1;
    while x >= 10 {
        x /= 10;
        digits += 1;
    }
    digits
}
