(module
  (type (;0;) (func (param i32 i32 i32 i32 i32) (result i32)))
  (type (;1;) (func (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $wasi_snapshot_preview1.fd_seek (;0;) (type 0) (param i32 i32 i32 i32 i32) (result i32)))
  (memory (;0;) 1)
  (export "memory" (memory 0))
  (export "seek" (func 1))
  (func (;1;) (type 1) (result i32)
    i32.const 3
    i32.const 0
    i32.const 0
    i32.const 0
    i32.const 8
    call $wasi_snapshot_preview1.fd_seek
  )
)
