;; A global, a memory and a table imported from another module resolve to that module's own.
(module
  (import "dep" "counter" (global $counter (mut i32)))
  (import "dep" "memory" (memory 1))
  (import "dep" "table" (table 2 funcref))
  (type $unary (func (param i32) (result i32)))
  (func (export "bump") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (global.get $counter))
  (func (export "peek") (result i32) (i32.load (i32.const 8)))
  (func (export "dispatch") (param i32) (result i32) (call_indirect (type $unary) (i32.const 10) (local.get 0))))
