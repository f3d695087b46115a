;; A reactor main: the output's `_initialize` runs dep's, then this one,
;; which sees dep already initialized.
(module
  (import "dep" "inits" (func $inits (result i32)))
  (global $seen (mut i32) (i32.const -1))
  (func (export "_initialize") (global.set $seen (call $inits)))
  (func (export "seen") (result i32) (global.get $seen))
  (export "inits" (func $inits)))
