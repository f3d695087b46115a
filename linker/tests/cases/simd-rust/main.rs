// main.bin: a real module, built by rustc 1.95.0 from this file with
//   rustc --crate-type cdylib --target wasm32-unknown-unknown -O -C target-feature=+simd128 -C panic=abort main.rs -o main.bin
// (`sum_array` autovectorizes to `v128.load` and `i32x4.add`).
#![no_std]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
/// Sums `n` numbers at `ptr`: autovectorized to `i32x4.add` with simd128.
#[no_mangle]
pub unsafe extern "C" fn sum_array(ptr: *const i32, n: usize) -> i32 {
    core::slice::from_raw_parts(ptr, n).iter().fold(0i32, |a, &b| a.wrapping_add(b))
}
