;; A dependency that calls WASI with pointers into its own memory, one
;; export per kind of pointer parameter (see `linker::wasi::Arg`). Every
;; export returns `errno << 32 | a value the call produced`; `checksum`
;; digests the memory the calls wrote. Linked, its memory is not the one
;; the host reads, so every call goes through an adapter.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  ;; `args_get` without `args_sizes_get`: the adapter imports that itself.
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "hello, ")
  (data (i32.const 200) "world\n")
  (data (i32.const 300) "dir/file.txt")

  (func $result (param $errno i32) (param $value i32) (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (local.get $errno)) (i64.const 32)) (i64.extend_i32_u (local.get $value))))

  ;; Two iovecs: "hello, " and "world\n".
  (func (export "t_write") (result i64)
    (i32.store (i32.const 0x400) (i32.const 100)) (i32.store (i32.const 0x404) (i32.const 7))
    (i32.store (i32.const 0x408) (i32.const 200)) (i32.store (i32.const 0x40c) (i32.const 6))
    (call $result (call $fd_write (i32.const 1) (i32.const 0x400) (i32.const 2) (i32.const 0x410))
                  (i32.load (i32.const 0x410))))
  ;; An iovec whose buffer lies past the end of memory: EFAULT.
  (func (export "t_write_wild") (result i64)
    (i32.store (i32.const 0x420) (i32.const 0xfff0)) (i32.store (i32.const 0x424) (i32.const 0x20))
    (i32.store (i32.const 0x428) (i32.const 0x7777))
    (call $result (call $fd_write (i32.const 1) (i32.const 0x420) (i32.const 1) (i32.const 0x428))
                  (i32.load (i32.const 0x428))))
  ;; The iovec array itself past the end: EFAULT.
  (func (export "t_write_wild_array") (result i64)
    (call $result (call $fd_write (i32.const 1) (i32.const 0xfffc) (i32.const 1) (i32.const 0x428)) (i32.const 0)))
  ;; Reads 10 bytes of stdin into buffers of 4 and 16 bytes: the second gets 6,
  ;; the rest of it keeps its 0xaa filler.
  (func (export "t_read") (result i64)
    (memory.fill (i32.const 0x600) (i32.const 0xaa) (i32.const 0x120))
    (i32.store (i32.const 0x500) (i32.const 0x600)) (i32.store (i32.const 0x504) (i32.const 4))
    (i32.store (i32.const 0x508) (i32.const 0x700)) (i32.store (i32.const 0x50c) (i32.const 16))
    (call $result (call $fd_read (i32.const 0) (i32.const 0x500) (i32.const 2) (i32.const 0x510))
                  (i32.load (i32.const 0x510))))
  ;; A read that fails (EBADF) writes nothing back.
  (func (export "t_read_bad_fd") (result i64)
    (i32.store (i32.const 0x520) (i32.const 0x5555))
    (call $result (call $fd_read (i32.const 9) (i32.const 0x500) (i32.const 2) (i32.const 0x520))
                  (i32.load (i32.const 0x520))))
  (func (export "t_environ") (result i64)
    (drop (call $environ_sizes_get (i32.const 0x800) (i32.const 0x804)))
    (call $result (call $environ_get (i32.const 0x900) (i32.const 0xa00)) (i32.load (i32.const 0x904))))
  (func (export "t_args") (result i64)
    (call $result (call $args_get (i32.const 0xb00) (i32.const 0xc00)) (i32.load (i32.const 0xb00))))
  (func (export "t_random") (result i64)
    (call $result (call $random_get (i32.const 0xd00) (i32.const 16)) (i32.load (i32.const 0xd04))))
  (func (export "t_path_open") (result i64)
    (call $result
      (call $path_open (i32.const 3) (i32.const 0) (i32.const 300) (i32.const 12) (i32.const 0)
                       (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0xd80))
      (i32.load (i32.const 0xd80))))
  ;; The host fills 20 of the 64 bytes; the rest keeps its 0xbb filler.
  (func (export "t_readdir") (result i64)
    (memory.fill (i32.const 0xe00) (i32.const 0xbb) (i32.const 64))
    (call $result (call $fd_readdir (i32.const 3) (i32.const 0xe00) (i32.const 64) (i64.const 0) (i32.const 0xe80))
                  (i32.load (i32.const 0xe80))))
  ;; Two subscriptions in, two events out (each event echoes its userdata).
  (func (export "t_poll") (result i64)
    (i64.store (i32.const 0x1000) (i64.const 0x1111))
    (i64.store (i32.const 0x1030) (i64.const 0x2222))
    (call $result (call $poll_oneoff (i32.const 0x1000) (i32.const 0x1100) (i32.const 2) (i32.const 0x1200))
                  (i32.load (i32.const 0x1120))))
  (func (export "t_clock") (result i64)
    (call $result (call $clock_time_get (i32.const 1) (i64.const 5) (i32.const 0x1300)) (i32.load (i32.const 0x1300))))
  ;; No pointer: wired straight to the host.
  (func (export "t_close") (result i64)
    (call $result (call $fd_close (i32.const 3)) (i32.const 0)))
  (func (export "checksum") (result i64)
    (local $i i32) (local $sum i64)
    (loop $next
      (local.set $sum (i64.add (local.get $sum)
        (i64.mul (i64.load8_u (local.get $i)) (i64.extend_i32_u (i32.add (local.get $i) (i32.const 1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 0x2000))))
    (local.get $sum))
)
