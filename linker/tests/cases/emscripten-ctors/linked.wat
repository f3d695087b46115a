(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (memory (;0;) 1)
  (memory (;1;) 1)
  (global $dep::ctors (;0;) (mut i32) i32.const 0)
  (global $value (;1;) (mut i32) i32.const 0)
  (global $wrapped::ctors (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "_initialize" (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)"))
  (export "memory" (memory 0))
  (export "ctors" (func 1))
  (export "value" (func 2))
  (export "wrapped_runs" (func 4))
  (func (;0;) (type 1)
    global.get $dep::ctors
    i32.const 1
    i32.add
    global.set $dep::ctors
    i32.const 42
    global.set $value
  )
  (func (;1;) (type 0) (result i32)
    global.get $dep::ctors
  )
  (func (;2;) (type 0) (result i32)
    global.get $value
  )
  (func $ctors (;3;) (type 1)
    global.get $wrapped::ctors
    i32.const 1
    i32.add
    global.set $wrapped::ctors
  )
  (func (;4;) (type 0) (result i32)
    call $ctors
    global.get $wrapped::ctors
  )
  (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)" (;5;) (type 1)
    global.get 3
    i32.eqz
    if ;; label = @1
      i32.const 1
      global.set 3
      call 0
    end
  )
)
