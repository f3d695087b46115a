;; A dependency whose `fd_seek` was legalized (its i64 offset split into two
;; i32s): the adapter that copies its result through the main memory needs
;; WASI's own type, so the link says what happened and how to rebuild.
(module
  (import "wasi_snapshot_preview1" "fd_seek" (func $seek (param i32 i32 i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "go") (result i32)
    (call $seek (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 8))))
