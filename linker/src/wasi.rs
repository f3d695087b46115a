//! WASI preview 1 as data: which function takes which pointers ([`Shape`],
//! one per function in [`SHAPES`]). The plan reads it to decide which
//! imports need an adapter; `adapt::wasi` generates the adapters from it.
//!
//! Why adapters are needed:
//!
//! A WASI host reads and writes "the" memory: the one the instance exports
//! as `memory`, which in a linked module is the main module's. A dependency
//! calling `fd_write(fd, iovs, len, nwritten)` passes pointers into *its*
//! memory, so wiring its import straight to the host would print whatever
//! the main module has at those addresses. Every WASI call from such a
//! module goes through an adapter generated from the function's
//! [`Shape`]: it copies what the host reads (paths, iovec buffers, poll
//! subscriptions) into blocks allocated in the main memory with the main
//! module's `canonical_abi_realloc`, calls the host with pointers to those
//! blocks, copies back what the host wrote (results, read bytes, the
//! environment) and frees the blocks. iovec arrays are rebuilt in the main
//! memory with pointers to the copied buffers; `args_get` and
//! `environ_get`, whose results are pointers, get those pointers translated
//! back into the caller's memory.
//!
//! [`SHAPES`] covers every function of `wasi_snapshot_preview1` (so every
//! function the Rust standard library's `wasm32-wasip1` target can import).
//! A pointer-carrying import of any other WASI module, or a preview1 name
//! not listed, is refused by the plan, never guessed.
//!
//! Invariants:
//! - every region of the caller's memory the adapter reads or writes is
//!   checked against the caller's memory size (in 64 bits) before anything
//!   is allocated; a bad one returns `EFAULT` like a host would, it never
//!   reaches another module's memory (in the `portable` profile, another
//!   module's region);
//! - results are copied back only when the host returns success (errno 0),
//!   and for reads only the bytes the host reports (`nread`, `bufused`);
//! - every block allocated in the main memory is freed before returning.

use wasmparser::FuncType;

/// The import module name of WASI preview 1.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// `errno` values the adapters return themselves.
pub const EFAULT: i32 = 21;
pub const EOVERFLOW: i32 = 61;

/// What one parameter of a WASI function is. Indices name other parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// A plain `i32` (a file descriptor, flags, a length used by another arg).
    I32,
    /// A plain `i64` (an offset, a timestamp, rights).
    I64,
    /// The host reads `param[len]` bytes (a path).
    In { len: usize },
    /// The host reads `param[count] * size` bytes (poll subscriptions).
    InArray { count: usize, size: u32 },
    /// The host writes `size` bytes (a result: a count, a stat struct).
    Out { size: u32, align: u32 },
    /// The host fills `param[len]` bytes (random bytes, a directory name).
    OutBuf { len: usize },
    /// The host writes up to `param[len]` bytes and stores how many it wrote
    /// at the `u32` pointed to by `param[used]` (`fd_readdir`, `path_readlink`).
    OutUsed { len: usize, used: usize },
    /// The host writes `*param[used]` elements of `size` bytes, at most
    /// `param[count]` (poll events).
    OutArray { count: usize, size: u32, used: usize },
    /// `param[len]` iovecs `{ buf: u32, buf_len: u32 }` whose buffers the
    /// host reads (`fd_write`).
    ReadIovs { len: usize },
    /// `param[len]` iovecs whose buffers the host fills, in order, with the
    /// number of bytes stored at `*param[used]` (`fd_read`).
    WriteIovs { len: usize, used: usize },
    /// `args_get`/`environ_get`: an array of pointers into the buffer that is
    /// the next parameter; their sizes come from the `sizes` function.
    Strings { sizes: &'static str },
    /// The buffer of the preceding [`Arg::Strings`].
    StringsBuf,
}

impl Arg {
    fn val_type(self) -> wasmparser::ValType {
        match self {
            Arg::I64 => wasmparser::ValType::I64,
            _ => wasmparser::ValType::I32,
        }
    }

    fn is_pointer(self) -> bool {
        !matches!(self, Arg::I32 | Arg::I64)
    }
}

/// One WASI function: its name, what each parameter is, and whether it
/// returns an `errno` (all but `proc_exit` do).
#[derive(Debug, PartialEq, Eq)]
pub struct Shape {
    pub name: &'static str,
    pub args: &'static [Arg],
    pub errno: bool,
}

impl Shape {
    /// The core type every module must import it with.
    pub fn ty(&self) -> FuncType {
        let results: &[wasmparser::ValType] = if self.errno { &[wasmparser::ValType::I32] } else { &[] };
        FuncType::new(self.args.iter().map(|a| a.val_type()), results.iter().copied())
    }

    /// Whether any parameter points into memory (only those need adapting).
    pub fn has_pointers(&self) -> bool {
        self.args.iter().any(|a| a.is_pointer())
    }
}

use Arg::*;

const U32: Arg = Out { size: 4, align: 4 };
const U64: Arg = Out { size: 8, align: 8 };

/// Every function of `wasi_snapshot_preview1`, as the `witx` describes it.
pub const SHAPES: &[Shape] = &[
    Shape { name: "args_get", args: &[Strings { sizes: "args_sizes_get" }, StringsBuf], errno: true },
    Shape { name: "args_sizes_get", args: &[U32, U32], errno: true },
    Shape { name: "environ_get", args: &[Strings { sizes: "environ_sizes_get" }, StringsBuf], errno: true },
    Shape { name: "environ_sizes_get", args: &[U32, U32], errno: true },
    Shape { name: "clock_res_get", args: &[I32, U64], errno: true },
    Shape { name: "clock_time_get", args: &[I32, I64, U64], errno: true },
    Shape { name: "fd_advise", args: &[I32, I64, I64, I32], errno: true },
    Shape { name: "fd_allocate", args: &[I32, I64, I64], errno: true },
    Shape { name: "fd_close", args: &[I32], errno: true },
    Shape { name: "fd_datasync", args: &[I32], errno: true },
    Shape { name: "fd_fdstat_get", args: &[I32, Out { size: 24, align: 8 }], errno: true },
    Shape { name: "fd_fdstat_set_flags", args: &[I32, I32], errno: true },
    Shape { name: "fd_fdstat_set_rights", args: &[I32, I64, I64], errno: true },
    Shape { name: "fd_filestat_get", args: &[I32, Out { size: 64, align: 8 }], errno: true },
    Shape { name: "fd_filestat_set_size", args: &[I32, I64], errno: true },
    Shape { name: "fd_filestat_set_times", args: &[I32, I64, I64, I32], errno: true },
    Shape { name: "fd_pread", args: &[I32, WriteIovs { len: 2, used: 4 }, I32, I64, U32], errno: true },
    Shape { name: "fd_prestat_get", args: &[I32, Out { size: 8, align: 4 }], errno: true },
    Shape { name: "fd_prestat_dir_name", args: &[I32, OutBuf { len: 2 }, I32], errno: true },
    Shape { name: "fd_pwrite", args: &[I32, ReadIovs { len: 2 }, I32, I64, U32], errno: true },
    Shape { name: "fd_read", args: &[I32, WriteIovs { len: 2, used: 3 }, I32, U32], errno: true },
    Shape { name: "fd_readdir", args: &[I32, OutUsed { len: 2, used: 4 }, I32, I64, U32], errno: true },
    Shape { name: "fd_renumber", args: &[I32, I32], errno: true },
    Shape { name: "fd_seek", args: &[I32, I64, I32, U64], errno: true },
    Shape { name: "fd_sync", args: &[I32], errno: true },
    Shape { name: "fd_tell", args: &[I32, U64], errno: true },
    Shape { name: "fd_write", args: &[I32, ReadIovs { len: 2 }, I32, U32], errno: true },
    Shape { name: "path_create_directory", args: &[I32, In { len: 2 }, I32], errno: true },
    Shape { name: "path_filestat_get", args: &[I32, I32, In { len: 3 }, I32, Out { size: 64, align: 8 }], errno: true },
    Shape { name: "path_filestat_set_times", args: &[I32, I32, In { len: 3 }, I32, I64, I64, I32], errno: true },
    Shape { name: "path_link", args: &[I32, I32, In { len: 3 }, I32, I32, In { len: 6 }, I32], errno: true },
    Shape { name: "path_open", args: &[I32, I32, In { len: 3 }, I32, I32, I64, I64, I32, U32], errno: true },
    Shape {
        name: "path_readlink",
        args: &[I32, In { len: 2 }, I32, OutUsed { len: 4, used: 5 }, I32, U32],
        errno: true,
    },
    Shape { name: "path_remove_directory", args: &[I32, In { len: 2 }, I32], errno: true },
    Shape { name: "path_rename", args: &[I32, In { len: 2 }, I32, I32, In { len: 5 }, I32], errno: true },
    Shape { name: "path_symlink", args: &[In { len: 1 }, I32, I32, In { len: 4 }, I32], errno: true },
    Shape { name: "path_unlink_file", args: &[I32, In { len: 2 }, I32], errno: true },
    Shape {
        name: "poll_oneoff",
        args: &[InArray { count: 2, size: 48 }, OutArray { count: 2, size: 32, used: 3 }, I32, U32],
        errno: true,
    },
    Shape { name: "proc_exit", args: &[I32], errno: false },
    Shape { name: "proc_raise", args: &[I32], errno: true },
    Shape { name: "sched_yield", args: &[], errno: true },
    Shape { name: "random_get", args: &[OutBuf { len: 1 }, I32], errno: true },
    Shape { name: "sock_accept", args: &[I32, I32, U32], errno: true },
    Shape {
        name: "sock_recv",
        args: &[I32, WriteIovs { len: 2, used: 4 }, I32, I32, U32, Out { size: 2, align: 2 }],
        errno: true,
    },
    Shape { name: "sock_send", args: &[I32, ReadIovs { len: 2 }, I32, I32, U32], errno: true },
    Shape { name: "sock_shutdown", args: &[I32, I32], errno: true },
];

/// The shape of `wasi_snapshot_preview1.<name>`, if it is one.
pub fn shape(name: &str) -> Option<&'static Shape> {
    SHAPES.iter().find(|s| s.name == name)
}

/// Whether an import module name is some version of WASI (for messages).
pub fn is_wasi_module(module: &str) -> bool {
    module.starts_with("wasi")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every index a shape names is a parameter of the right kind.
    #[test]
    fn shapes_are_consistent() {
        for shape in SHAPES {
            let n = shape.args.len();
            for (i, arg) in shape.args.iter().enumerate() {
                let plain = |j: usize| assert!(j < n && shape.args[j] == I32, "{}: param {j} is a length", shape.name);
                let out_u32 = |j: usize| {
                    assert!(
                        matches!(shape.args.get(j), Some(Out { size: 4, .. })),
                        "{}: param {j} is a count",
                        shape.name
                    )
                };
                match *arg {
                    In { len } | OutBuf { len } | ReadIovs { len } => plain(len),
                    OutUsed { len, used } | WriteIovs { len, used } => {
                        plain(len);
                        out_u32(used);
                    }
                    InArray { count, .. } => plain(count),
                    OutArray { count, used, .. } => {
                        plain(count);
                        out_u32(used);
                    }
                    Strings { sizes } => {
                        assert_eq!(shape.args.get(i + 1), Some(&StringsBuf), "{}", shape.name);
                        assert_eq!(super::shape(sizes).map(|s| s.args), Some(&[U32, U32][..]), "{}", shape.name);
                    }
                    StringsBuf => assert!(matches!(shape.args.get(i.wrapping_sub(1)), Some(Strings { .. }))),
                    I32 | I64 | Out { .. } => {}
                }
            }
        }
        let mut names: Vec<_> = SHAPES.iter().map(|s| s.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), SHAPES.len(), "each function once");
        assert_eq!(SHAPES.len(), 46, "wasi_snapshot_preview1 has 46 functions");
    }
}
