;; One function used, two not.
(module
  (func $helper_only_unused_calls (result i32) (i32.const 1))
  (func (export "used") (result i32) (i32.const 3))
  (func (export "unused") (result i32) (call $helper_only_unused_calls)))
