;; A reactor main linked with `--command run`: the output exports `_start`,
;; which runs every reactor's `_initialize` once (dep's, then this one's)
;; and then `run`, on every call; `_initialize`, called by a runner before
;; or after, does not run them again.
(module
  (import "dep" "inits" (func $inits (result i32)))
  (global $seen (mut i32) (i32.const -1))
  (global $own (mut i32) (i32.const 0))
  (global $runs (mut i32) (i32.const 0))
  (func (export "_initialize")
    (global.set $seen (call $inits))
    (global.set $own (i32.add (global.get $own) (i32.const 1))))
  (func (export "run") (global.set $runs (i32.add (global.get $runs) (i32.const 1))))
  (func (export "seen") (result i32) (global.get $seen))
  (func (export "own") (result i32) (global.get $own))
  (func (export "runs") (result i32) (global.get $runs))
  (export "inits" (func $inits)))
