;; A dependency (the top region).
(module
  (memory 1)
  (data (i32.const 0) "\2a")
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "size") (result i32) (memory.size)))
