(module
  (type (;0;) (func (param i32) (result i32)))
  (memory (;0;) 1)
  (export "memory" (memory 0))
  (export "next" (func $next))
  (export "cabi_post_a" (func $"cabi_post_a (calls next)"))
  (export "cabi_post_b" (func $"cabi_post_b (calls next)"))
  (func $next (;0;) (type 0) (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
  )
  (func $"cabi_post_a (calls next)" (;1;) (type 0) (param i32) (result i32)
    local.get 0
    call $next
  )
  (func $"cabi_post_b (calls next)" (;2;) (type 0) (param i32) (result i32)
    local.get 0
    call $next
  )
)
