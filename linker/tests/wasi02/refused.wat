;; Imports what preview 1 cannot serve, what the linker does not serve yet,
;; and a function of a served interface that is not served.
(module
  (import "wasi:cli/stdout@0.2.6" "get-stdout" (func $get_stdout (result i32)))
  (import "wasi:cli/stdin@0.2.6" "get-stdin" (func $get_stdin (result i32)))
  (import "wasi:io/streams@0.2.6" "[method]output-stream.write-zeroes" (func $zeroes (param i32 i64 i32)))
  (import "wasi:sockets/tcp@0.2.6" "[method]tcp-socket.is-listening" (func $listening (param i32) (result i32)))
  (import "wasi:filesystem/types@0.2.6" "[method]descriptor.is-same-object" (func $same (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8192))
  (func (export "run")
    (call $zeroes (call $get_stdout) (i64.const 1) (i32.const 256))
    (drop (call $listening (i32.const 1)))
    (drop (call $same (i32.const 1) (i32.const 1)))))
