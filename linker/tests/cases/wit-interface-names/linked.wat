(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func (param i32) (result i32)))
  (type (;2;) (func (param i32 i32 i32 i32) (result i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (export "memory" (memory 0))
  (export "pick" (func 0))
  (export "triple" (func 1))
  (func (;0;) (type 0) (result i32)
    call 2
  )
  (func (;1;) (type 1) (param i32) (result i32)
    local.get 0
    call 3
  )
  (func (;2;) (type 0) (result i32)
    i32.const 2
  )
  (func (;3;) (type 1) (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
  )
)
