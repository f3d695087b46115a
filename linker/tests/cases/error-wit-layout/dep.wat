;; A wit-bindgen block returning a result whose layout WAI computes differently.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "test:dep/dep#pick") (result i32) (i32.const 0)))
