;; Custom sections: `producers` of every input are merged (each entry once; a
;; tool two inputs name with different versions once, its versions joined,
;; plus wasmer-link), `target_features` is written anew from what the
;; output uses (here `multimemory` and `bulk-memory` for the adapter's copy
;; between memories; not the `simd128` the input claimed), and DWARF, the
;; source map URL and unknown sections are dropped (`wasmer-link` warns:
;; `linker::embed::dropped_sections`).
(module
  (@producers (language "Rust" "1.95.0") (processed-by "rustc" "1.95.0") (processed-by "clang" "18.1.0"))
  (@custom "target_features" "\02\2b\07simd128\2b\0fmutable-globals")
  (@custom ".debug_info" "\00\01\02\03")
  (@custom ".debug_line" "\00")
  (@custom "sourceMappingURL" "\0amain.map")
  (@custom "acme-metadata" "x")
  (import "dep" "count" (func $count (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello")
  (func (export "run") (result i32) (call $count (i32.const 0) (i32.const 5)))
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
