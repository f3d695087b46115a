;; A wit-bindgen block that returns a resource.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "test:dep/dep#open") (param i32 i32) (result i32) (i32.const 0)))
