;; Bulk table operations (`table.copy`, `table.init`, `elem.drop`): WASM3
;; 0.4.7 has none, so the portable profile refuses them.
(module
  (table 4 funcref)
  (elem $later func $a $b)
  (func $a) (func $b)
  (func (export "setup")
    (table.init $later (i32.const 0) (i32.const 0) (i32.const 2))
    (elem.drop $later)
    (table.copy (i32.const 2) (i32.const 0) (i32.const 2))))
