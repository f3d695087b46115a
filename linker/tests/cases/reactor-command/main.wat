;; A command main: the output's `_start` runs dep's `_initialize` first.
(module
  (import "dep" "inits" (func $inits (result i32)))
  (global $seen (mut i32) (i32.const -1))
  (func (export "_start") (global.set $seen (call $inits)))
  (func (export "seen") (result i32) (global.get $seen)))
