;; Runs its own constructors: its export calls `__wasm_call_ctors` first (as
;; wasm-ld's export wrappers do), so the linker must not run them as well.
(module
  (global $ctors (mut i32) (i32.const 0))
  (func $ctors (export "__wasm_call_ctors")
    (global.set $ctors (i32.add (global.get $ctors) (i32.const 1))))
  (func (export "runs") (result i32)
    (call $ctors)
    (global.get $ctors)))
