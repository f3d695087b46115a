;; Owns the counter, the memory (with data) and a table of functions.
(module
  (type $unary (func (param i32) (result i32)))
  (global (export "counter") (mut i32) (i32.const 100))
  (memory (export "memory") 1)
  (data (i32.const 8) "\2a\00\00\00")
  (table (export "table") 2 funcref)
  (elem (i32.const 0) $square $negate)
  (func $square (type $unary) (i32.mul (local.get 0) (local.get 0)))
  (func $negate (type $unary) (i32.sub (i32.const 0) (local.get 0))))
