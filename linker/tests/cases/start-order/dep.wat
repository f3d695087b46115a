;; Becomes ready in its start function.
(module
  (global (export "ready") (mut i32) (i32.const 0))
  (func $start (global.set 0 (i32.const 7)))
  (start $start))
