//! The adapters of `wasi_snapshot_preview1` calls from a module whose memory
//! is not the one the host reads, generated from the function's
//! [`Shape`] (the table is [`crate::wasi`]; why and how is said there).
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

use crate::adapt::ctx::MemCtx;
use crate::emit::Builder;
use crate::wasi::Arg::*;
use crate::wasi::{Arg, Shape, EFAULT, EOVERFLOW, MODULE};

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
