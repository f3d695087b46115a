;; How WAI imports find WIT exports by name: `dep.pick` is served by `test:dep/dep#pick` (the interface named like the import module), not `test:dep/other#pick`; `dep.triple` by the world-level export `triple`.
(module
  (import "dep" "pick" (func $pick (result i32)))
  (import "dep" "triple" (func $triple (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "pick") (result i32) (call $pick))
  (func (export "triple") (param i32) (result i32) (call $triple (local.get 0))))
