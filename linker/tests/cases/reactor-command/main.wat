;; A command main: the output's `_start` runs dep's `_initialize` first, on
;; its first call only; the main's own `_start` runs on every call.
(module
  (import "dep" "inits" (func $inits (result i32)))
  (global $seen (mut i32) (i32.const -1))
  (global $starts (mut i32) (i32.const 0))
  (func (export "_start")
    (global.set $seen (call $inits))
    (global.set $starts (i32.add (global.get $starts) (i32.const 1))))
  (func (export "seen") (result i32) (global.get $seen))
  (func (export "starts") (result i32) (global.get $starts)))
