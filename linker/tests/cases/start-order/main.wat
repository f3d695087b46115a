;; Start functions run dependencies first: main's start sees the value dep's start stored.
(module
  (import "dep" "ready" (global $ready (mut i32)))
  (global $seen (mut i32) (i32.const -1))
  (func $start (global.set $seen (global.get $ready)))
  (start $start)
  (func (export "run") (result i32) (global.get $seen)))
