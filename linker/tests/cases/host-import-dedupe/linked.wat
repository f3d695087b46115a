(module
  (type (;0;) (func (param i32)))
  (type (;1;) (func (result i32)))
  (import "host" "log" (func $host.log (;0;) (type 0) (param i32)))
  (export "run" (func 1))
  (func (;1;) (type 1) (result i32)
    i32.const 1
    call $host.log
    call 2
  )
  (func (;2;) (type 1) (result i32)
    i32.const 2
    call $host.log
    i32.const 7
  )
)
