;; A dependency laid out the way wasm-ld lays out a module with passive
;; segments: a start function copies them into place and drops them.
(module
  (memory 1)
  (data $rodata "abcdefgh")
  (data $init "\01\02\03\04")
  (func $__wasm_init_memory
    (memory.init $rodata (i32.const 1024) (i32.const 0) (i32.const 8))
    (memory.init $init (i32.const 2048) (i32.const 0) (i32.const 4))
    (data.drop $rodata)
    (data.drop $init))
  (start $__wasm_init_memory)
  (func (export "get") (param i32) (result i32) (i32.load8_u offset=1024 (local.get 0)))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "again") (result i32)
    ;; Dropped: copying nothing from 0 is fine, one byte traps.
    (memory.init $rodata (i32.const 0) (i32.const 0) (i32.const 0))
    (memory.init $rodata (i32.const 0) (i32.const 0) (i32.const 1))
    (i32.const 1)))
