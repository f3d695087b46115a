;; fd_write from a dependency needs blocks in the main memory.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "go") (result i64)
    (i64.extend_i32_u (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))))
