;; Both modules own a memory, but the interface says `scale` passes numbers only: it is wired directly, no adapter.
(module
  (import "dep" "scale" (func $scale (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32) (result i32) (call $scale (local.get 0))))
