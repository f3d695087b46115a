;; The pipeline's WAI and the block's WIT agree on a type's structure but not its layout (WAI: 16 bytes, the component model: 24): refused, since no one layout copies it correctly.
(module
  (import "dep" "pick" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
