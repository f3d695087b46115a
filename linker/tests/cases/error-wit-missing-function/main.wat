;; A WAI pipeline imports `dep.whisper`, which the block's WIT world does not export: the error names the import, the world and what it does export.
(module
  (import "dep" "shout" (func (param i32 i32 i32)))
  (import "dep" "whisper" (func (param i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
