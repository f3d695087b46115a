(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (global $inits (;0;) (mut i32) i32.const 0)
  (global (;1;) (mut i32) i32.const 0)
  (export "_initialize" (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)"))
  (export "inits" (func 1))
  (func (;0;) (type 1)
    global.get $inits
    i32.const 1
    i32.add
    global.set $inits
  )
  (func (;1;) (type 0) (result i32)
    global.get $inits
  )
  (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)" (;2;) (type 1)
    global.get 1
    i32.eqz
    if ;; label = @1
      i32.const 1
      global.set 1
      call 0
    end
  )
)
