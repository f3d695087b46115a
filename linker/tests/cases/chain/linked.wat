(module
  (type (;0;) (func (param i32) (result i32)))
  (export "run" (func 0))
  (func (;0;) (type 0) (param i32) (result i32)
    local.get 0
    call 1
  )
  (func (;1;) (type 0) (param i32) (result i32)
    local.get 0
    i32.const 2
    i32.mul
    call 2
  )
  (func (;2;) (type 0) (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
  )
)
