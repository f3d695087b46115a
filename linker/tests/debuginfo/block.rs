// dbgblock: a block built with debug info (`tests/debuginfo.rs` compiles it
// with `rustc -C opt-level=3 -C debuginfo=2`, as `cargo build --release`
// does with `debug = true`). Its three exports trap three calls deep.
#[inline(never)]
fn scale_checked(value: u32, by: u32) -> u32 {
    value.checked_mul(by).expect("scale overflows")
}

#[inline(never)]
fn ratio_of(a: u32, b: u32) -> u32 {
    scale_checked(a, 100) / b
}

#[no_mangle]
pub extern "C" fn ratio(a: u32, b: u32) -> u32 {
    ratio_of(a, b)
}

/// Allocates and touches memory, so the `portable` profile rewrites its
/// loads and stores (instructions change length inside the body).
#[no_mangle]
pub extern "C" fn sum_squares(n: u32) -> u32 {
    let squares: Vec<u32> = (0..n).map(|i| i.wrapping_mul(i)).collect();
    squares.iter().fold(0u32, |a, &b| a.wrapping_add(b))
}

/// Unused by the pipeline: removed as dead code when linked.
#[no_mangle]
pub extern "C" fn unused_by_pipeline(x: u32) -> u32 {
    let text = format!("{x}");
    text.len() as u32
}
