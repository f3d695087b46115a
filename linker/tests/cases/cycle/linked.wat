(module
  (type (;0;) (func (param i32) (result i32)))
  (export "odd" (func $odd))
  (export "run" (func 1))
  (func $odd (;0;) (type 0) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      i32.const 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call 2
    end
  )
  (func (;1;) (type 0) (param i32) (result i32)
    local.get 0
    call 2
  )
  (func (;2;) (type 0) (param i32) (result i32)
    local.get 0
    i32.eqz
    if (result i32) ;; label = @1
      i32.const 1
    else
      local.get 0
      i32.const 1
      i32.sub
      call $odd
    end
  )
)
