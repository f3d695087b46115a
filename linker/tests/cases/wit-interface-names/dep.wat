;; A wit-bindgen block exporting `pick` from two interfaces and `triple` at the world's level.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "test:dep/other#pick") (result i32) (i32.const 1))
  (func (export "test:dep/dep#pick") (result i32) (i32.const 2))
  (func (export "triple") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))
