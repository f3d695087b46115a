;; A function that uses SIMD but that nothing calls is dropped by the merge,
;; and its `v128` type, which nothing else uses, becomes `(func)`: the
;; module links in the portable profile.
(module
  (memory (export "memory") 1)
  (func $unused (param v128) (result v128) (i32x4.add (local.get 0) (local.get 0)))
  (func (export "run") (result i32) (i32.const 7)))
