;; Reports the lengths of the strings it receives: `lengths` as a*10000 + b*100 + c.
(module
  (memory 1)
  (global $heap (mut i32) (i32.const 4096))
  (func (export "lengths") (param $pa i32) (param $la i32) (param $pb i32) (param $lb i32) (param $pc i32) (param $lc i32) (result i32)
    (i32.add (i32.add (i32.mul (local.get $la) (i32.const 10000)) (i32.mul (local.get $lb) (i32.const 100))) (local.get $lc)))
  (func (export "length") (param $p i32) (param $l i32) (result i32)
    (local.get $l))
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32)
    (global.get $heap) (global.set $heap (i32.add (global.get $heap) (local.get 3))))
  (func (export "canonical_abi_free") (param i32 i32 i32)))
