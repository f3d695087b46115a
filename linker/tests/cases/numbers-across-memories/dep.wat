;; Has a memory of its own.
(module (memory 1) (func (export "scale") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))
