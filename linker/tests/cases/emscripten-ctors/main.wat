;; The main module has no entry point: the output's new `_initialize` runs
;; dep's constructors once (and not wrapped's, which runs its own).
(module
  (import "dep" "ctors" (func $ctors (result i32)))
  (import "dep" "value" (func $value (result i32)))
  (import "wrapped" "runs" (func $runs (result i32)))
  (memory (export "memory") 1)
  (export "ctors" (func $ctors))
  (export "value" (func $value))
  (export "wrapped_runs" (func $runs)))
