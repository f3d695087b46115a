;; SIMD in a function body and in a local: WASM3 has no SIMD, so the
;; portable profile refuses it, naming the module and each function.
(module
  (memory (export "memory") 1)
  (func $add4 (export "add4") (param $p i32)
    (v128.store (local.get $p)
      (i32x4.add (v128.load (local.get $p)) (v128.load offset=16 (local.get $p)))))
  (func $splat (export "splat") (param $x i32) (result i32)
    (local $v v128)
    (local.set $v (i32x4.splat (local.get $x)))
    (i32x4.extract_lane 3 (local.get $v)))
  (func (export "plain") (result i32) (i32.const 7)))
