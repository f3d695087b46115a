;; Both modules import host.log: the output imports it once, and both call sites use it.
(module
  (import "host" "log" (func $log (param i32)))
  (import "dep" "work" (func $work (result i32)))
  (func (export "run") (result i32) (call $log (i32.const 1)) (call $work)))
