;; A WASI function the linker does not know (pointer-carrying, from a
;; module whose memory is not the host's) and a known one with the wrong
;; type, and an older WASI: all are reported.
(module
  (import "wasi_snapshot_preview1" "fd_frobnicate" (func (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sched_yield" (func (result i32)))
  (import "wasi_unstable" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "go") (result i64) (i64.const 0)))
