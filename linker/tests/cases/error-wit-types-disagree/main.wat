;; A WAI pipeline and a wit-bindgen block disagree on a field's type, a variant's cases and a parameter's type: every disagreement is reported at once, naming both sides.
(module
  (import "dep" "describe" (func (param i32 i32 i32 i32 i32 i32)))
  (import "dep" "count" (func (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
