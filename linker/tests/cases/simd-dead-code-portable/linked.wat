(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (memory (;0;) 1)
  (export "memory" (memory 0))
  (export "run" (func 0))
  (func (;0;) (type 1) (result i32)
    i32.const 7
  )
)
