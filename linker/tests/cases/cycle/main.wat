;; A cycle between modules: main calls b.even, b calls back into main.odd.
(module
  (import "b" "even" (func $even (param i32) (result i32)))
  (func $odd (export "odd") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0)) (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "run") (param i32) (result i32) (call $even (local.get 0))))
