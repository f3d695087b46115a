;; The same string adapter in the portable profile (fixed layout): one memory, the copy is a loop, dep's region has a constant base added to its memarg offsets.
(module
  (import "dep" "count-a" (func $count_a (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "banana")
  (func (export "run") (result i32) (call $count_a (i32.const 0) (i32.const 6)))
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
