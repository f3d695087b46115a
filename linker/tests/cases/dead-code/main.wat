;; Only what main reaches is kept: dep's `unused` export (and what only it calls) is dropped.
(module
  (import "dep" "used" (func $used (result i32)))
  (func (export "run") (result i32) (call $used)))
