;; Takes an i64.
(module (func (export "f") (param i64) (result i32) (i32.const 0)))
