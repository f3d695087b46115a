// A pipeline built with debug info that calls two blocks, `block.rs` and
// `counter.rs` (`tests/debuginfo.rs`).
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[link(wasm_import_module = "block")]
extern "C" {
    fn ratio(a: u32, b: u32) -> u32;
}

#[link(wasm_import_module = "counter")]
extern "C" {
    fn tally(n: u32) -> u32;
}

#[no_mangle]
pub extern "C" fn both(a: u32, b: u32) -> u32 {
    let r = unsafe { ratio(a, b) };
    let t = unsafe { tally(a) };
    r.wrapping_add(t)
}
