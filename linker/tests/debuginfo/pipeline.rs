// A pipeline built with debug info that calls the block (`tests/debuginfo.rs`).
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[link(wasm_import_module = "block")]
extern "C" {
    fn ratio(a: u32, b: u32) -> u32;
    fn sum_squares(n: u32) -> u32;
}

static mut CALLS: [u32; 4] = [0; 4];

#[inline(never)]
fn record(slot: usize, value: u32) -> u32 {
    unsafe {
        CALLS[slot % 4] = CALLS[slot % 4].wrapping_add(value);
        CALLS[slot % 4]
    }
}

#[no_mangle]
pub extern "C" fn run(a: u32, b: u32) -> u32 {
    let r = unsafe { ratio(a, b) };
    record(a as usize, r)
}

#[no_mangle]
pub extern "C" fn squares(n: u32) -> u32 {
    let s = unsafe { sum_squares(n) };
    record(n as usize, s)
}
