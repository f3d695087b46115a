;; A command component's main module, as wasm32-wasip2 binaries have it:
;; `wasi:cli/run@0.2.6#run` prints a line, then returns STATUS (0 ok, 1
;; err; the test replaces STATUS).
(module
  (import "wasi:cli/stdout@0.2.6" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:io/streams@0.2.6" "[method]output-stream.blocking-write-and-flush"
    (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.6" "[resource-drop]output-stream" (func $drop (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ran\n")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8192))
  (func (export "wasi:cli/run@0.2.6#run") (result i32)
    (local $out i32)
    (local.set $out (call $get_stdout))
    (call $write (local.get $out) (i32.const 16) (i32.const 4) (i32.const 64))
    (call $drop (local.get $out))
    (i32.const STATUS)))
