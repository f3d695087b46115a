//! WASI: adapters that let a module whose memory is not the exported one
//! call `wasi_snapshot_preview1`.
//!
//! A WASI host reads and writes "the" memory: the one the instance exports
//! as `memory`, which in a linked module is the main module's. A dependency
//! calling `fd_write(fd, iovs, len, nwritten)` passes pointers into *its*
//! memory, so wiring its import straight to the host would print whatever
//! the main module has at those addresses. Every WASI call from such a
//! module goes through an adapter generated here from the function's
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

use wasm_encoder::{BlockType, Instruction as I, MemArg, ValType};
use wasmparser::FuncType;

use crate::adapter::MemCtx;
use crate::emit::Builder;

/// The import module name of WASI preview 1.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// `errno` values the adapters return themselves.
const EFAULT: i32 = 21;
const EOVERFLOW: i32 = 61;

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

fn memarg(offset: u32, align_log2: u32, memory: u32) -> MemArg {
    crate::emit::memarg(offset as u64, align_log2, memory)
}

/// Generates the body of the adapter for `shape` called from the module of
/// `caller`, served by host function `host` reading `main`'s memory.
/// `sizes` is the host function for the [`Arg::Strings`] sizes query, when
/// the shape has one. Indices are the adapter's own ([`crate::adapter`]).
pub(crate) fn generate(
    shape: &Shape,
    caller: &MemCtx,
    main: &MemCtx,
    host: u32,
    sizes: Option<u32>,
) -> Result<wasm_encoder::Function, String> {
    let (Some(realloc), Some(free)) = (main.realloc, main.free) else {
        return Err(format!(
            "module `{}` calls WASI functions with pointers into its own memory, so the linker copies them \
             into the memory the host reads, but the main module `{}` does not export both \
             `canonical_abi_realloc` and `canonical_abi_free` to allocate there (build the main module with \
             wai-bindgen glue, or export these two functions)",
            caller.module, main.module
        ));
    };
    let mut g = Gen { b: Builder::new(shape.args.len() as u32), dep: caller.memory, main: main.memory, realloc, free };
    match (shape.args, sizes) {
        ([Strings { .. }, StringsBuf], Some(sizes)) => g.strings(host, sizes),
        ([Strings { .. }, StringsBuf], None) => {
            return Err(format!(
                "the adapter for `{}` calling `{MODULE}.{}` has no sizes query to call",
                caller.module, shape.name
            ))
        }
        _ => g.general(shape, host),
    }
    Ok(g.b.finish())
}

/// Per pointer parameter: the size of its region (a local), and for an
/// iovec array the total size of its buffers (a local).
#[derive(Clone, Copy)]
struct Sized {
    size: u32,
    buffers: Option<u32>,
}

/// Per pointer parameter: its block in the main memory.
#[derive(Clone, Copy)]
struct Block {
    /// Local holding the block's address in the main memory.
    ptr: u32,
    /// Local (`i32`) holding its size in bytes.
    size: u32,
    align: u32,
    /// For iovec parameters: the block holding the buffers (the array is `ptr`).
    bufs: Option<(u32, u32)>,
}

struct Gen {
    b: Builder,
    dep: u32,
    main: u32,
    realloc: u32,
    free: u32,
}

impl Gen {
    fn local(&mut self, ty: ValType) -> u32 {
        self.b.local(ty)
    }

    fn emit(&mut self, instr: I<'static>) {
        self.b.emit(instr);
    }

    fn call(&mut self, func: u32) {
        self.emit(I::Call(func));
    }

    fn get(&mut self, local: u32) {
        self.b.get(local);
    }

    fn set(&mut self, local: u32) {
        self.b.set(local);
    }

    /// `if <cond on stack> { return errno }`, before anything is allocated.
    fn fail_if(&mut self, errno: i32) {
        self.b.return_if(errno);
    }

    /// Pushes whether `size` bytes (an `i64` local) at `ptr` (an `i32`
    /// local) reach past the end of the caller's memory.
    fn out_of_bounds(&mut self, ptr: u32, size64: u32) {
        self.get(ptr);
        self.emit(I::I64ExtendI32U);
        self.get(size64);
        self.emit(I::I64Add);
        self.b.memory_bytes(self.dep);
        self.emit(I::I64GtU);
    }

    /// `size64 = <i64 on stack>`; returns `EFAULT` unless the region at
    /// `ptr` lies in the caller's memory.
    fn check(&mut self, ptr: u32) -> u32 {
        let size64 = self.local(ValType::I64);
        self.set(size64);
        self.out_of_bounds(ptr, size64);
        self.fail_if(EFAULT);
        size64
    }

    /// A new `i32` local holding `realloc(0, 0, align, size)` in the main memory.
    fn alloc(&mut self, size: u32, align: u32) -> u32 {
        self.emit(I::I32Const(0));
        self.emit(I::I32Const(0));
        self.emit(I::I32Const(align as i32));
        self.get(size);
        self.call(self.realloc);
        let ptr = self.local(ValType::I32);
        self.set(ptr);
        ptr
    }

    fn release(&mut self, ptr: u32, size: u32, align: u32) {
        self.get(ptr);
        self.get(size);
        self.emit(I::I32Const(align as i32));
        self.call(self.free);
    }

    /// `memory.copy` of `len` bytes (locals) between the two memories.
    fn copy(&mut self, dst: u32, dst_mem: u32, src: u32, src_mem: u32, len: u32) {
        self.get(dst);
        self.get(src);
        self.get(len);
        self.emit(I::MemoryCopy { src_mem, dst_mem });
    }

    fn const_local(&mut self, value: i32) -> u32 {
        let local = self.local(ValType::I32);
        self.emit(I::I32Const(value));
        self.set(local);
        local
    }

    /// `min(a, b)` (unsigned `i32` locals) on the stack.
    fn min_u(&mut self, a: u32, b: u32) {
        self.get(a);
        self.get(b);
        self.get(a);
        self.get(b);
        self.emit(I::I32LtU);
        self.emit(I::Select);
    }

    /// A loop over `count` (local) records of `1 << stride_log2` bytes:
    /// calls `body` with a local holding each record's byte offset.
    fn each(&mut self, count: u32, stride_log2: i32, body: impl FnOnce(&mut Self, u32)) {
        let at = self.const_local(0);
        let end = self.local(ValType::I32);
        self.get(count);
        self.emit(I::I32Const(stride_log2));
        self.emit(I::I32Shl);
        self.set(end);
        self.b.begin_loop();
        self.get(at);
        self.get(end);
        self.emit(I::I32GeU);
        self.b.break_if();
        body(self, at);
        self.b.bump(at, 1 << stride_log2);
        self.b.end_loop();
    }

    /// Pushes the `i32` field at `offset` of the record at `array + at` in
    /// `memory` (zero-extended to `i64` if `wide`): an iovec's pointer (0)
    /// or length (4).
    fn entry(&mut self, array: u32, at: u32, offset: u32, memory: u32, wide: bool) {
        self.get(array);
        self.get(at);
        self.emit(I::I32Add);
        self.emit(if wide { I::I64Load32U(memarg(offset, 2, memory)) } else { I::I32Load(memarg(offset, 2, memory)) });
    }

    /// [`Self::each`] over `count` iovecs (8 bytes each).
    fn each_iovec(&mut self, count: u32, body: impl FnMut(&mut Self, u32)) {
        self.each(count, 3, body);
    }

    /// Every shape but `args_get`/`environ_get`: check every region the
    /// host will touch, copy what it reads into blocks of the main memory,
    /// call it, copy back what it wrote, free the blocks.
    fn general(&mut self, shape: &Shape, host: u32) {
        let sizes = self.sizes_and_bounds(shape.args);
        let blocks = self.blocks(shape.args, &sizes);
        for (i, block) in blocks.iter().enumerate() {
            match block {
                Some(block) => self.get(block.ptr),
                None => self.get(i as u32),
            }
        }
        self.call(host);
        if !shape.errno {
            for block in blocks.iter().flatten() {
                self.free_block(block);
            }
            return;
        }
        let errno = self.local(ValType::I32);
        self.set(errno);
        // On success, what the host wrote goes back to the caller.
        self.get(errno);
        self.emit(I::I32Eqz);
        self.emit(I::If(BlockType::Empty));
        for (i, arg) in shape.args.iter().enumerate() {
            if let Some(block) = blocks[i] {
                self.copy_back(i as u32, *arg, block, &blocks);
            }
        }
        self.emit(I::End);
        for block in blocks.iter().flatten() {
            self.free_block(block);
        }
        self.get(errno);
    }

    /// Step 1, before anything is allocated: the size of every pointer
    /// parameter's region (and of an iovec array's buffers together),
    /// each region checked against the caller's memory (`EFAULT`).
    fn sizes_and_bounds(&mut self, args: &[Arg]) -> Vec<Option<Sized>> {
        let mut sizes = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            let p = i as u32;
            match *arg {
                I32 | I64 | Strings { .. } | StringsBuf => {
                    sizes.push(None);
                    continue;
                }
                In { len } | OutBuf { len } | OutUsed { len, .. } => {
                    self.get(len as u32);
                    self.emit(I::I64ExtendI32U);
                }
                InArray { count, size } | OutArray { count, size, .. } => {
                    self.get(count as u32);
                    self.emit(I::I64ExtendI32U);
                    self.emit(I::I64Const(size as i64));
                    self.emit(I::I64Mul);
                }
                Out { size, .. } => self.emit(I::I64Const(size as i64)),
                ReadIovs { len } | WriteIovs { len, .. } => {
                    self.get(len as u32);
                    self.emit(I::I64ExtendI32U);
                    self.emit(I::I64Const(8));
                    self.emit(I::I64Mul);
                }
            }
            let size64 = self.check(p);
            let size = self.local(ValType::I32);
            self.get(size64);
            self.emit(I::I32WrapI64);
            self.set(size);
            let buffers = match *arg {
                ReadIovs { len } | WriteIovs { len, .. } => Some(self.iovec_total(p, len as u32)),
                _ => None,
            };
            sizes.push(Some(Sized { size, buffers }));
        }
        sizes
    }

    /// Each buffer of the iovec array at parameter `p` must lie in the
    /// caller's memory; their sum (a new local) is the size of the block
    /// the buffers are copied to (`EOVERFLOW` past 4 GiB).
    fn iovec_total(&mut self, p: u32, len: u32) -> u32 {
        let total64 = self.local(ValType::I64);
        self.emit(I::I64Const(0));
        self.set(total64);
        let (dep, buf, buf_len64) = (self.dep, self.local(ValType::I32), self.local(ValType::I64));
        self.each_iovec(len, |g, at| {
            g.entry(p, at, 0, dep, false);
            g.set(buf);
            g.entry(p, at, 4, dep, true);
            g.set(buf_len64);
            g.out_of_bounds(buf, buf_len64);
            g.fail_if(EFAULT);
            g.get(total64);
            g.get(buf_len64);
            g.emit(I::I64Add);
            g.set(total64);
        });
        self.get(total64);
        self.emit(I::I64Const(u32::MAX as i64));
        self.emit(I::I64GtU);
        self.fail_if(EOVERFLOW);
        let total = self.local(ValType::I32);
        self.get(total64);
        self.emit(I::I32WrapI64);
        self.set(total);
        total
    }

    /// Step 2: a block in the main memory per pointer parameter, with what
    /// the host reads copied in (iovec arrays rebuilt to point at copies).
    fn blocks(&mut self, args: &[Arg], sizes: &[Option<Sized>]) -> Vec<Option<Block>> {
        let mut blocks = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            let Some(Sized { size, buffers }) = sizes[i] else {
                blocks.push(None);
                continue;
            };
            let p = i as u32;
            let align = match *arg {
                Out { align, .. } => align,
                InArray { .. } | OutArray { .. } => 8,
                ReadIovs { .. } | WriteIovs { .. } => 4,
                _ => 1,
            };
            let ptr = self.alloc(size, align);
            let mut block = Block { ptr, size, align, bufs: None };
            match (*arg, buffers) {
                (In { .. } | InArray { .. }, _) => self.copy(ptr, self.main, p, self.dep, size),
                (ReadIovs { len } | WriteIovs { len, .. }, Some(total)) => {
                    let bufs = self.alloc(total, 1);
                    block.bufs = Some((bufs, total));
                    self.rebuild_iovecs(p, len as u32, ptr, bufs, matches!(arg, ReadIovs { .. }));
                }
                _ => {}
            }
            blocks.push(Some(block));
        }
        blocks
    }

    /// Rebuilds the iovec array at parameter `p` in the main memory at
    /// `ptr`, each entry pointing into `bufs`; `copy_in` copies the buffers
    /// too (the host reads them).
    fn rebuild_iovecs(&mut self, p: u32, len: u32, ptr: u32, bufs: u32, copy_in: bool) {
        let (dep, main) = (self.dep, self.main);
        let (off, buf, buf_len) = (self.const_local(0), self.local(ValType::I32), self.local(ValType::I32));
        self.each_iovec(len, |g, at| {
            g.entry(p, at, 0, dep, false);
            g.set(buf);
            g.entry(p, at, 4, dep, false);
            g.set(buf_len);
            // main iovec = { bufs + off, buf_len }
            g.get(ptr);
            g.get(at);
            g.emit(I::I32Add);
            g.get(bufs);
            g.get(off);
            g.emit(I::I32Add);
            g.emit(I::I32Store(memarg(0, 2, main)));
            g.get(ptr);
            g.get(at);
            g.emit(I::I32Add);
            g.get(buf_len);
            g.emit(I::I32Store(memarg(4, 2, main)));
            if copy_in {
                g.get(bufs);
                g.get(off);
                g.emit(I::I32Add);
                g.get(buf);
                g.get(buf_len);
                g.emit(I::MemoryCopy { src_mem: dep, dst_mem: main });
            }
            g.get(off);
            g.get(buf_len);
            g.emit(I::I32Add);
            g.set(off);
        });
    }

    /// Step 4, after a successful call: what the host wrote through
    /// parameter `p` goes back to the caller, only as much as it reports.
    fn copy_back(&mut self, p: u32, arg: Arg, block: Block, blocks: &[Option<Block>]) {
        let (dep, main) = (self.dep, self.main);
        match arg {
            Out { .. } | OutBuf { .. } => self.copy(p, dep, block.ptr, main, block.size),
            OutUsed { used, .. } | OutArray { used, .. } => {
                let Some(used_block) = blocks[used] else { return }; // `SHAPES` pairs every count with an output
                let n = self.local(ValType::I32);
                self.get(used_block.ptr);
                self.emit(I::I32Load(memarg(0, 2, main)));
                if let OutArray { size, .. } = arg {
                    // The element count, at most what fits in the block.
                    let count = self.local(ValType::I32);
                    self.set(count);
                    let fits = self.local(ValType::I32);
                    self.get(block.size);
                    self.emit(I::I32Const(size as i32));
                    self.emit(I::I32DivU);
                    self.set(fits);
                    self.min_u(count, fits);
                    self.emit(I::I32Const(size as i32));
                    self.emit(I::I32Mul);
                }
                self.set(n);
                self.min_u(n, block.size);
                self.set(n);
                self.copy(p, dep, block.ptr, main, n);
            }
            WriteIovs { len, used } => {
                let (Some(used_block), Some((bufs, _))) = (blocks[used], block.bufs) else { return };
                self.scatter_back(p, len as u32, block.ptr, bufs, used_block.ptr);
            }
            _ => {}
        }
    }

    /// `*used` bytes the host read into the buffers at `bufs`, spread back
    /// over the caller's iovecs (parameter `p`, rebuilt at `array`) in order.
    fn scatter_back(&mut self, p: u32, len: u32, array: u32, bufs: u32, used: u32) {
        let (dep, main) = (self.dep, self.main);
        let left = self.local(ValType::I32);
        self.get(used);
        self.emit(I::I32Load(memarg(0, 2, main)));
        self.set(left);
        let (off, buf, n, src) =
            (self.const_local(0), self.local(ValType::I32), self.local(ValType::I32), self.local(ValType::I32));
        self.each_iovec(len, |g, at| {
            g.entry(p, at, 0, dep, false);
            g.set(buf);
            // n = min(left, this iovec's length in the main copy)
            g.entry(array, at, 4, main, false);
            g.set(n);
            g.min_u(n, left);
            g.set(n);
            g.get(bufs);
            g.get(off);
            g.emit(I::I32Add);
            g.set(src);
            g.copy(buf, dep, src, main, n);
            g.get(left);
            g.get(n);
            g.emit(I::I32Sub);
            g.set(left);
            g.entry(array, at, 4, main, false);
            g.get(off);
            g.emit(I::I32Add);
            g.set(off);
        });
    }

    fn free_block(&mut self, block: &Block) {
        if let Some((bufs, total)) = block.bufs {
            self.release(bufs, total, 1);
        }
        self.release(block.ptr, block.size, block.align);
    }

    /// `args_get(argv, argv_buf)` / `environ_get(environ, environ_buf)`:
    /// asks the host for the sizes, receives the strings in the main memory,
    /// copies the buffer back and rewrites each pointer to point into the
    /// caller's buffer.
    fn strings(&mut self, host: u32, sizes: u32) {
        let (dep, main) = (self.dep, self.main);
        let (argv, buf) = (0, 1);
        let eight = self.const_local(8);
        let counts = self.alloc(eight, 4);
        self.get(counts);
        self.get(counts);
        self.emit(I::I32Const(4));
        self.emit(I::I32Add);
        self.call(sizes);
        let errno = self.local(ValType::I32);
        self.set(errno);
        self.get(errno);
        self.emit(I::If(BlockType::Empty));
        self.release(counts, eight, 4);
        self.get(errno);
        self.emit(I::Return);
        self.emit(I::End);
        let (count, buf_size) = (self.local(ValType::I32), self.local(ValType::I32));
        self.get(counts);
        self.emit(I::I32Load(memarg(0, 2, main)));
        self.set(count);
        self.get(counts);
        self.emit(I::I32Load(memarg(4, 2, main)));
        self.set(buf_size);
        self.release(counts, eight, 4);
        // Bounds of the caller's array and buffer.
        let array_size = self.local(ValType::I32);
        self.get(count);
        self.emit(I::I64ExtendI32U);
        self.emit(I::I64Const(4));
        self.emit(I::I64Mul);
        let array64 = self.check(argv);
        self.get(array64);
        self.emit(I::I32WrapI64);
        self.set(array_size);
        self.get(buf_size);
        self.emit(I::I64ExtendI32U);
        self.check(buf);

        let (array, strings) = (self.alloc(array_size, 4), self.alloc(buf_size, 1));
        self.get(array);
        self.get(strings);
        self.call(host);
        self.set(errno);
        self.get(errno);
        self.emit(I::I32Eqz);
        self.emit(I::If(BlockType::Empty));
        self.copy(buf, dep, strings, main, buf_size);
        self.each(count, 2, |g, at| {
            // argv[i] = buf + (main_argv[i] - strings)
            g.get(argv);
            g.get(at);
            g.emit(I::I32Add);
            g.get(buf);
            g.entry(array, at, 0, main, false);
            g.get(strings);
            g.emit(I::I32Sub);
            g.emit(I::I32Add);
            g.emit(I::I32Store(memarg(0, 2, dep)));
        });
        self.emit(I::End);
        self.release(array, array_size, 4);
        self.release(strings, buf_size, 1);
        self.get(errno);
    }
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
