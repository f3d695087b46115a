;; A WAI pipeline imports a function whose WIT result is a resource handle, which has no WAI counterpart: refused by name.
(module
  (import "dep" "open" (func (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
