;; Mutual recursion across modules.
(module
  (import "main" "odd" (func $odd (param i32) (result i32)))
  (func (export "even") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (call $odd (i32.sub (local.get 0) (i32.const 1)))))))
