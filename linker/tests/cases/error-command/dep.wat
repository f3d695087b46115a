;; A WASI reactor: its `_initialize` must run exactly once, before use; like
;; wasi-libc's, a second call traps.
(module
  (global $inits (mut i32) (i32.const 0))
  (func (export "_initialize")
    (if (global.get $inits) (then unreachable))
    (global.set $inits (i32.add (global.get $inits) (i32.const 1))))
  (func (export "inits") (result i32) (global.get $inits)))
