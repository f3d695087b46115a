;; The middle of the chain: doubles, then asks c to add one.
(module
  (import "c" "plus_one" (func $g (param i32) (result i32)))
  (func (export "twice_plus_one") (param i32) (result i32) (call $g (i32.mul (local.get 0) (i32.const 2)))))
