;; A chain: main imports b, which imports c; every import resolves to the module that defines it.
(module
  (import "b" "twice_plus_one" (func $f (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) (call $f (local.get 0))))
