;; The main module's WASI imports go to the host as they are: its memory is
;; the one the host reads, so nothing is adapted, and the type is the
;; host's business (here `fd_seek` with its i64 offset split into two i32s,
;; as Emscripten legalizes it for JavaScript).
(module
  (import "wasi_snapshot_preview1" "fd_seek" (func $seek (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "seek") (result i32)
    (call $seek (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 8))))
