(module
  (type (;0;) (func (param i32) (result i32)))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (func (;0;) (type 0) (param i32) (result i32)
    local.get 0
    call 1
  )
  (func (;1;) (type 0) (param i32) (result i32)
    local.get 0
    i32.const 3
    i32.mul
  )
)
