;; A main module with no entry point of its own: the output gains an
;; `_initialize` that runs dep's.
(module
  (import "dep" "inits" (func $inits (result i32)))
  (export "inits" (func $inits)))
