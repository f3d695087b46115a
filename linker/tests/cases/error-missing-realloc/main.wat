;; A string must be copied into dep's memory, but dep exports no allocator.
(module
  (import "dep" "greet" (func $greet (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "run") (call $greet (i32.const 0) (i32.const 0))))
