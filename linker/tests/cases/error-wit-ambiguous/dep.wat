;; A wit-bindgen block exporting `pick` from two interfaces, neither named like the import module.
(module
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "test:dep/a#pick") (result i32) (i32.const 1))
  (func (export "test:dep/b#pick") (result i32) (i32.const 2)))
