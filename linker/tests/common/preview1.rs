//! What a fake `wasi_snapshot_preview1` host does with the guest's memory,
//! shared by `tests/wasi.rs` and `tests/wasi02.rs` (each has its own host
//! state and functions): read and write at guest addresses (`None`/`false`
//! out of bounds: the host's `EFAULT`), iovecs, and the
//! `args_*`/`environ_*` string lists.

use wasmer::{FunctionEnvMut, Memory};

pub const EFAULT: i32 = 21;

/// The host state's view of the guest's exported memory.
pub trait GuestMemory: Send + 'static {
    fn memory(&self) -> &Memory;
}

/// Reads `len` bytes at `ptr`, or `None` out of bounds.
pub fn read<H: GuestMemory>(env: &FunctionEnvMut<H>, ptr: i32, len: u32) -> Option<Vec<u8>> {
    let view = env.data().memory().view(env);
    let mut buf = vec![0; len as usize];
    view.read(ptr as u32 as u64, &mut buf).ok().map(|_| buf)
}

/// Writes `bytes` at `ptr`; `false` out of bounds.
pub fn write<H: GuestMemory>(env: &FunctionEnvMut<H>, ptr: i32, bytes: &[u8]) -> bool {
    let view = env.data().memory().view(env);
    view.write(ptr as u32 as u64, bytes).is_ok()
}

/// `(ptr, len)` of each of `n` iovecs at `iovs`.
pub fn iovecs<H: GuestMemory>(env: &FunctionEnvMut<H>, iovs: i32, n: i32) -> Option<Vec<(i32, u32)>> {
    let raw = read(env, iovs, n as u32 * 8)?;
    let word = |at: usize| u32::from_le_bytes(raw[at..at + 4].try_into().unwrap());
    Some((0..n as usize).map(|i| (word(i * 8) as i32, word(i * 8 + 4))).collect())
}

/// `args_get`/`environ_get`: each string NUL-terminated at `buf`, its
/// address in the array at `ptrs`.
pub fn strings<H: GuestMemory>(env: &FunctionEnvMut<H>, list: &[&str], ptrs: i32, buf: i32) -> i32 {
    let mut at = buf;
    for (i, s) in list.iter().enumerate() {
        let mut bytes = s.as_bytes().to_vec();
        bytes.push(0);
        if !write(env, ptrs + 4 * i as i32, &at.to_le_bytes()) || !write(env, at, &bytes) {
            return EFAULT;
        }
        at += bytes.len() as i32;
    }
    0
}

/// `args_sizes_get`/`environ_sizes_get`: the count and the bytes
/// [`strings`] writes.
pub fn sizes<H: GuestMemory>(env: &FunctionEnvMut<H>, list: &[&str], count: i32, size: i32) -> i32 {
    let total: usize = list.iter().map(|s| s.len() + 1).sum();
    if !write(env, count, &(list.len() as u32).to_le_bytes()) || !write(env, size, &(total as u32).to_le_bytes()) {
        return EFAULT;
    }
    0
}
