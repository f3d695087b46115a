(module
  (type (;0;) (func (result i32)))
  (memory (;0;) 1)
  (global $end (;0;) i32 i32.const 5120)
  (global $wrap (;1;) i32 i32.const 2147483647)
  (global $big (;2;) i64 i64.const 12884901888)
  (export "memory" (memory 0))
  (export "end" (func 0))
  (export "wrap" (func 1))
  (export "big_high" (func 2))
  (export "byte" (func 3))
  (func (;0;) (type 0) (result i32)
    global.get $end
  )
  (func (;1;) (type 0) (result i32)
    global.get $wrap
  )
  (func (;2;) (type 0) (result i32)
    global.get $big
    i64.const 32
    i64.shr_u
    i32.wrap_i64
  )
  (func (;3;) (type 0) (result i32)
    i32.const 4104
    i32.load8_u
  )
  (data (;0;) (i32.const 4104) "*")
)
