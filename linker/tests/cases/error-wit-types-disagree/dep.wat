;; A wit-bindgen block whose types differ from what the pipeline's WAI says.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "test:dep/dep#describe") (param i32 i32 i32 i32 i32 i32) (result i32) (i32.const 0))
  (func (export "test:dep/dep#count") (param i32 i32) (result i32) (i32.const 0)))
