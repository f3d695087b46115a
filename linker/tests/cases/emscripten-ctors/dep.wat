;; Emscripten-style: no `_initialize`; it exports `__wasm_call_ctors` for
;; its JavaScript loader to call, and nothing in it calls it. Its
;; constructor sets `value`, and counts its runs.
(module
  (memory (export "memory") 1)
  (global $ctors (mut i32) (i32.const 0))
  (global $value (mut i32) (i32.const 0))
  (func (export "__wasm_call_ctors")
    (global.set $ctors (i32.add (global.get $ctors) (i32.const 1)))
    (global.set $value (i32.const 42)))
  (func (export "ctors") (result i32) (global.get $ctors))
  (func (export "value") (result i32) (global.get $value)))
