;; No canonical_abi_realloc.
(module (memory 1) (func (export "greet") (param i32 i32)))
