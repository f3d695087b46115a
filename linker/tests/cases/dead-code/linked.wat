(module
  (type (;0;) (func (result i32)))
  (export "run" (func 0))
  (func (;0;) (type 0) (result i32)
    call 1
  )
  (func (;1;) (type 0) (result i32)
    i32.const 3
  )
)
