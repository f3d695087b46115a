;; A reactor main: the output's `_initialize` runs dep's, then this one,
;; which sees dep already initialized. A second call runs neither again.
(module
  (import "dep" "inits" (func $inits (result i32)))
  (global $seen (mut i32) (i32.const -1))
  (global $own (mut i32) (i32.const 0))
  (func (export "_initialize")
    (global.set $seen (call $inits))
    (global.set $own (i32.add (global.get $own) (i32.const 1))))
  (func (export "seen") (result i32) (global.get $seen))
  (func (export "own") (result i32) (global.get $own))
  (export "inits" (func $inits)))
