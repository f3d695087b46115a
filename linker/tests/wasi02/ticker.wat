;; A dependency component's core module that reads the monotonic clock.
(module
  (import "wasi:clocks/monotonic-clock@0.2.6" "now" (func $now (result i64)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8192))
  (func (export "fixture:wasi/ticker#tick") (result i64) (call $now)))
