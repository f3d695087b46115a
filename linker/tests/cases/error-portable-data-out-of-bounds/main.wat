;; A dependency's data segment that does not fit its memory (it wraps past 4 GiB): alone it fails to instantiate; folded into one memory it would write into the main module's region, so the portable profile refuses it.
(module
  (import "dep" "peek" (func $peek (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (result i32) (call $peek)))
